"""Run the real desktop program (``main(["--demo"])``) and quit it in a given state, like a user.

``python -m tests.gui.quit_driver STATE`` with STATE one of ``idle``, ``upload`` (Quit while an
exam is being uploaded, answered Yes), ``check`` (Quit while the exam dialog's privacy check
runs) or ``dialogs`` (Quit with the site manager, the log viewer and an exam dialog open). The
process's exit status is what ``main`` returned; a crash while Python finalises shows as a signal
or a "Fatal Python error" on stderr. Used by ``test_quit.py``, one process per quit.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from echouploader.ui import app as gui_app

TICK_MS = 50
BIG_CLIP_FRAMES = 6000  # 64x48 RGB frames: a 55 MB clip
GIVE_UP_TICKS = 1200  # a minute: then the state was never reached, and the driver says so


def _answer_dialogs() -> None:
    """Trust the demo certificate; answer Yes to the quit question."""
    from echouploader.ui.dialogs.certificate import CertificateDialog

    for w in QApplication.topLevelWidgets():
        if isinstance(w, CertificateDialog) and w.isVisible():
            w.ok_button.click()
        if isinstance(w, QMessageBox) and w.isVisible() and w.objectName() == "quit-question":
            w.button(QMessageBox.StandardButton.Yes).click()


class Script:
    def __init__(self, state: str) -> None:
        self.state = state
        self.ticks = 0
        self.step = 0
        self.win: object | None = None
        self.reached = False

    def begin(self, win: Any) -> None:
        """The window is shown: drive it from a timer it owns."""
        self.win = win
        self.timer = QTimer(win)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        self.ticks += 1
        if self.ticks > GIVE_UP_TICKS:
            print(f"quit_driver: state {self.state!r} was never reached", file=sys.stderr)
            self.timer.stop()
            QApplication.instance().exit(99)  # type: ignore[union-attr]
            return
        _answer_dialogs()
        getattr(self, f"run_{self.state}")(self.win)

    def quit(self, win: object) -> None:
        self.reached = True
        busy = win.transfers.busy()  # type: ignore[attr-defined]
        print(f"quit_driver: quitting in state {self.state} (uploading: {busy})", file=sys.stderr)
        win.close()  # type: ignore[attr-defined]

    def run_idle(self, win: object) -> None:
        if not self.reached:
            self.quit(win)

    def _connect_then(self, win: object, then: Callable[[], None]) -> None:
        from echouploader.core.ftps.demo import DEMO_SITE

        if self.step == 0:
            site = win.sites.store.get(DEMO_SITE)  # type: ignore[attr-defined]
            win.sites.connect_site(site)  # type: ignore[attr-defined]
            self.step = 1
        elif self.step == 1 and win.connection is not None:  # type: ignore[attr-defined]
            self.step = 2
            then()

    def _open_exam(self, win: object) -> None:
        exam = win.demo_exam  # type: ignore[attr-defined]
        win.handle_drop([exam], "/")  # type: ignore[attr-defined]

    def run_upload(self, win: object) -> None:
        from echouploader.ui.dialogs.exam import ExamDialog

        self._connect_then(win, lambda: self._open_exam(win))
        if self.step == 2:
            for w in QApplication.topLevelWidgets():
                if isinstance(w, ExamDialog) and w.isVisible() and w.start_button.isEnabled():
                    w.start_button.click()
                    self.step = 3
                    win.transfers.progress.connect(  # type: ignore[attr-defined]
                        lambda _ev: self.reached or self.quit(win)
                    )

    def run_check(self, win: object) -> None:
        if self.step == 0:
            self.step = 2
            self._open_exam_unconnected(win)
        elif self.step == 2 and not self.reached:
            self.quit(win)

    def _open_exam_unconnected(self, win: object) -> None:
        exam = win.demo_exam  # type: ignore[attr-defined]
        win.exam_flow.open(exam, "/")  # type: ignore[attr-defined]

    def run_dialogs(self, win: object) -> None:
        if self.step == 0:
            win.sites.open_manager()  # type: ignore[attr-defined]
            win.open_log_viewer()  # type: ignore[attr-defined]
            self._open_exam_unconnected(win)
            self.step = 1
        elif self.step == 1 and not self.reached:
            self.quit(win)


def main(argv: list[str]) -> int:
    from echouploader.core.ftps.demo import make_demo_exam

    state = argv[0]
    if state in ("upload", "check"):  # a clip big enough that Quit comes while it is busy
        make_demo_exam(frames=BIG_CLIP_FRAMES)
    script = Script(state)
    return gui_app.main(["--demo", *argv[1:]], on_window=script.begin)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
