"""The message strip at the top of the window always shows the newest line."""

from __future__ import annotations

from typing import Any

import pytest

from echouploader.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_the_strip_follows_new_lines_even_after_scrolling_up(
    qtbot: Any, window: MainWindow
) -> None:
    for i in range(200):
        window.log_status(f"line {i}")
    bar = window.message_log.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(0)  # the user scrolled up to read something
    window.log_status("the newest line")
    assert bar.value() == bar.maximum()
    last = window.message_log.document().lastBlock().text()
    assert last.endswith("the newest line")
