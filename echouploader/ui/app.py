"""Start the desktop window: ``echouploader`` (no command), ``--demo``, ``--smoke [--screenshot]``.

``--smoke`` builds the main window, runs the event loop for about two seconds, optionally saves a
screenshot and exits 0; any exception exits non-zero with one sentence on stderr. CI and the
packaging scripts use it to prove that the built program starts.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

log = logging.getLogger("echouploader.ui")

SMOKE_MS = 2000


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="echouploader-gui")
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--screenshot", metavar="FILE.png")
    parser.add_argument("--lang", choices=["en", "sv", "de"], help="override the language")
    return parser.parse_args(list(argv) if argv is not None else sys.argv[1:])


def main(
    argv: Sequence[str] | None = None, *, on_window: Callable[[Any], None] | None = None
) -> int:
    """Run the window until it is closed; ``on_window`` gets it once shown (the quit tests)."""
    args = parse_args(argv)
    try:
        return _run(args, on_window)
    except Exception as exc:  # noqa: BLE001 - one sentence, never a traceback
        from echouploader.core.errors import EchoUploaderError

        if log.hasHandlers():  # the log file keeps the traceback; stderr gets one sentence
            log.error("the window could not start", exc_info=True, extra={"event": "error"})
        if isinstance(exc, EchoUploaderError):
            print(f"echouploader: {exc}", file=sys.stderr)
            return int(exc.exit_code)
        print(
            f"echouploader: the desktop window failed ({type(exc).__name__}: {exc}).",
            file=sys.stderr,
        )
        return 1


def _no_display() -> bool:
    import os

    return (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    )


def _run(args: argparse.Namespace, on_window: Callable[[Any], None] | None = None) -> int:
    import os

    if _no_display():
        if not args.smoke:
            print(
                "echouploader: no graphical display was found; use the commands "
                "(echouploader --help) or start the window in a desktop session.",
                file=sys.stderr,
            )
            return 1
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a smoke test needs no screen

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from echouploader.core.ftps.demo import DemoServer, make_demo_exam
    from echouploader.core.support import logs
    from echouploader.ui import excepthook, resources
    from echouploader.ui.main_window import MainWindow

    own_app = QApplication.instance() is None
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "echouploader"])
    assert isinstance(app, QApplication)
    app.setApplicationName("EchoUploader")
    app.setOrganizationName("EchoUploader")
    resources.install_translator(app, args.lang)
    icon = resources.icon_file()
    if icon is not None:
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon)))
    if logs.current_log_file() is None:  # the command line sets it up (with -v) before us
        logs.setup()

    demo = DemoServer().start() if args.demo else None
    window: MainWindow | None = None
    failures: list[BaseException] = []
    try:
        exam = make_demo_exam() if demo is not None else None
        window = MainWindow(demo=demo, demo_exam=exam)
        shown = window

        def show_error(sentence: str) -> None:
            shown.show_error(sentence)

        excepthook.install(show_error)
        window.show()
        if args.smoke:

            def finish() -> None:
                try:
                    if args.screenshot:
                        target = Path(args.screenshot)
                        target.parent.mkdir(parents=True, exist_ok=True)
                        if not window.grab().save(str(target)):
                            raise OSError(f"the screenshot could not be written to {target}")
                except Exception as exc:  # noqa: BLE001 - reported after the loop ends
                    failures.append(exc)
                window.shutdown()
                app.quit()

            QTimer.singleShot(SMOKE_MS, window, finish)
        if on_window is not None:
            on_window(window)
        rc = app.exec()
    finally:
        if window is not None:
            window.shutdown()
            excepthook.uninstall()
        if demo is not None:
            demo.stop()
        dispose(window, app if own_app else None)
        window = None
    if failures:
        raise failures[0]
    return int(rc)


def dispose(window: Any, app: Any) -> None:
    """Delete the window's Qt objects, then the application, before Python starts finalising.

    Left to the garbage collector, Qt objects die while the interpreter is being torn down, in
    any order, and a C++ destructor may touch a Python object already gone ("Fatal Python error:
    bool_dealloc"). Every worker has been joined by ``window.shutdown()`` before this runs.
    """
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent

    if window is not None and shiboken6.isValid(window):
        shiboken6.delete(window)  # its children (dialogs, controllers, workers) go with it
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    if app is not None and shiboken6.isValid(app):
        app.shutdown()


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
