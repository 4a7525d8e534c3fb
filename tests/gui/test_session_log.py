"""The session's log lines reach the GUI thread as a signal, redacted, for the message strip."""

from __future__ import annotations

import logging
import threading
from typing import Any

import pytest

from echouploader.core.support import logs  # noqa: E402
from echouploader.ui.session_log import SessionLog  # noqa: E402

pytestmark = pytest.mark.gui


def test_lines_from_any_thread_arrive_redacted(qtbot: Any, isolated_dirs) -> None:
    logs.setup()
    logs.add_redactions(["DOE^JANE"])
    strip = SessionLog()
    try:
        with qtbot.waitSignal(strip.line, timeout=5000) as blocker:
            t = threading.Thread(
                target=lambda: logging.getLogger("echouploader.transfer").warning(
                    "retrying Jane Doe", extra={"event": "retry", "site": "site07"}
                ),
                name="echouploader-test-logger",
            )
            t.start()
            t.join()
        [rec] = blocker.args
        assert rec["msg"] == "retrying [redacted]" and rec["site"] == "site07"
        assert SessionLog.text(rec).endswith("WARNING: retrying [redacted]")
        assert SessionLog.records()[-1]["msg"] == "retrying [redacted]"
    finally:
        strip.close()
    logging.getLogger("echouploader.transfer").info("after close")
    assert logs.session_records()[-1]["msg"] == "after close"
