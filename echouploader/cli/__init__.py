"""The ``echouploader`` command: argument parsing, exit codes and messages; work is in core.

Each command group lives in its own module with a ``register(subparsers)`` function; the parsed
command's ``func(args)`` returns an exit code. Project errors become one sentence on stderr and
their exit code; anything unexpected is logged with its traceback and reported as one sentence.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from echouploader import __version__
from echouploader.core import i18n
from echouploader.core.errors import EchoUploaderError, ExitCode

log = logging.getLogger("echouploader.cli")

# Modules under echouploader.cli that add sub-commands, in the order shown in --help.
COMMAND_MODULES = ["remote", "transfer", "corelab", "sites", "privacy", "logs", "selfcheck"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: {message}", file=sys.stderr)
        raise SystemExit(ExitCode.USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="echouploader",
        description="Send echocardiography exams to a core lab over FTPS. "
        "Without a command, the desktop window opens.",
    )
    parser.add_argument("--version", action="version", version=f"EchoUploader {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the window with an embedded local FTPS server and a demo exam (no server)",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="build the main window, run it for about two seconds, and exit (for CI and packaging)",
    )
    parser.add_argument("--screenshot", metavar="FILE.png", help="with --smoke: save a screenshot")
    parser.add_argument("-v", "--verbose", action="store_true", help="print debug messages")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"echouploader.cli.{name}")
        module.register(sub)
    return parser


def _run_gui(args: argparse.Namespace) -> int:
    try:
        from echouploader.ui.app import main as gui_main
    except ImportError as exc:  # PySide6 missing or its system libraries absent
        print(f"echouploader: the desktop window cannot start: {exc}.", file=sys.stderr)
        return int(ExitCode.FAILURE)
    argv: list[str] = []
    if args.demo:
        argv.append("--demo")
    if args.smoke:
        argv.append("--smoke")
    if args.screenshot:
        argv += ["--screenshot", args.screenshot]
    return int(gui_main(argv))


def main(argv: Sequence[str] | None = None) -> int:
    i18n.use_environment()  # ECHOUPLOADER_LANG, else the locale (LANGUAGE, LC_ALL, LANG…)
    parser = build_parser()
    args = parser.parse_args(argv)
    _setup_logging(args.verbose)
    if not args.command:
        return _run_gui(args)
    try:
        return int(args.func(args))
    except EchoUploaderError as exc:
        _log_error(exc, args)
        print(f"echouploader: {exc}", file=sys.stderr)
        return int(exc.exit_code)
    except KeyboardInterrupt:
        print("echouploader: interrupted.", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback to users
        log.exception("unexpected error in '%s': %r", args.command, exc, extra={"event": "error"})
        print(
            f"echouploader: an unexpected error stopped the command ({type(exc).__name__}); "
            "details were saved to the log.",
            file=sys.stderr,
        )
        return int(ExitCode.FAILURE)


def _log_error(exc: EchoUploaderError, args: argparse.Namespace) -> None:
    """The sentence the user saw, with the server's reply code, as one error line in the log."""
    from echouploader.core.support.logs import log_error

    log_error(log, exc, command=args.command)


def _setup_logging(verbose: bool) -> None:
    """The structured log file always; stderr shows log records only with --verbose."""
    from echouploader.core.support import logs

    logs.setup(verbose=verbose)
