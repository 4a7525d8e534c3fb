"""Swedish and German: compiled, complete, and actually used by the window."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from echouploader.core import i18n
from echouploader.core.errors import Cancelled
from echouploader.core.privacy.check import check_exam
from echouploader.ui import resources
from echouploader.ui.main_window import MainWindow
from tests.conftest import require

pytestmark = pytest.mark.gui

TS_DIR = Path(__file__).resolve().parents[2] / "resources" / "translations"


@pytest.mark.parametrize("lang", ["sv", "de"])
def test_every_message_is_translated(lang: str) -> None:
    tree = ET.parse(TS_DIR / f"echouploader_{lang}.ts")
    unfinished = [
        m.findtext("source")
        for m in tree.iter("message")
        if m.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
    ]
    assert unfinished == []


UI = Path(resources.__file__).parent


def qt_messages(source: str) -> tuple[list[tuple[str, str, int]], list[int]]:
    """The window's marked strings by AST, as lupdate reads them: (context, text, line).

    ``self.tr("...")`` takes the enclosing class as context; ``translate("Ctx", "...")`` and
    ``QT_TRANSLATE_NOOP("Ctx", "...")`` name theirs. Also the lines where ``tr()`` is given
    something other than a literal, which no catalogue can hold.
    """
    found: list[tuple[str, str, int]] = []
    dynamic: list[int] = []

    def text(node: ast.Call, i: int) -> str | None:
        arg = node.args[i] if len(node.args) > i else None
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            return arg.value
        return None

    def visit(node: ast.AST, cls: str | None) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, ast.ClassDef) else cls
            if isinstance(child, ast.Call):
                name = getattr(child.func, "attr", getattr(child.func, "id", ""))
                if name == "tr" and cls and child.args:
                    literal = text(child, 0)
                    if literal is None:
                        dynamic.append(child.lineno)
                    else:
                        found.append((cls, literal, child.lineno))
                elif name in ("translate", "QT_TRANSLATE_NOOP"):
                    context, literal = text(child, 0), text(child, 1)
                    if context is not None and literal is not None:
                        found.append((context, literal, child.lineno))
            visit(child, inner)

    visit(ast.parse(source), None)
    return found, dynamic


def finished_messages(lang: str) -> set[tuple[str, str]]:
    done = set()
    for context in ET.parse(TS_DIR / f"echouploader_{lang}.ts").iter("context"):
        name = context.findtext("name") or ""
        for m in context.iter("message"):
            tr = m.find("translation")
            assert tr is not None
            if tr.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            forms = [n.text for n in tr.iter("numerusform")] if m.get("numerus") else [tr.text]
            if forms and all(forms):
                done.add((name, m.findtext("source") or ""))
    return done


@pytest.mark.parametrize("lang", ["sv", "de"])
def test_every_string_the_window_marks_has_a_translation(lang: str) -> None:
    done = finished_messages(lang)
    missing, dynamic = [], []
    count = 0
    for path in sorted(UI.rglob("*.py")):
        found, lines = qt_messages(path.read_text("utf-8"))
        count += len(found)
        rel = path.relative_to(UI)
        missing += [
            f"{rel}:{line} {ctx}: {text!r}" for ctx, text, line in found if (ctx, text) not in done
        ]
        dynamic += [f"{rel}:{line}" for line in lines]
    assert count > 350
    assert missing == []
    assert dynamic == [], "mark the text with QT_TRANSLATE_NOOP and translate() it where shown"


def test_a_new_untranslated_window_string_is_caught() -> None:
    source = (
        "class LogTableModel:\n"
        "    def f(self, key):\n"
        '        self.tr("Time (UTC)")\n'
        '        self.tr("A label added yesterday")\n'
        "        self.tr(key)\n"
    )
    found, dynamic = qt_messages(source)
    done = finished_messages("de")
    assert [(c, t) for c, t, _ in found if (c, t) not in done] == [
        ("LogTableModel", "A label added yesterday")
    ]
    assert dynamic == [5]


@pytest.mark.parametrize("lang", ["sv", "de"])
def test_compiled_translation_matches_its_source(lang: str, tmp_path: Path) -> None:
    lrelease = shutil.which("pyside6-lrelease") or str(
        Path(sys.executable).parent / "pyside6-lrelease"
    )
    require(Path(lrelease).exists(), "pyside6-lrelease (PySide6's Qt tools) is not installed")
    out = tmp_path / "x.qm"
    subprocess.run(
        [lrelease, str(TS_DIR / f"echouploader_{lang}.ts"), "-qm", str(out)],
        check=True,
        capture_output=True,
    )
    shipped = Path(resources.__file__).parent / "translations" / f"echouploader_{lang}.qm"
    assert out.read_bytes() == shipped.read_bytes(), "run lrelease (see resources/translations)"


@pytest.mark.parametrize(
    ("lang", "quick", "file_menu"),
    [("sv", "S&nabbanslut", "&Arkiv"), ("de", "&Verbinden", "&Datei")],
)
def test_window_speaks_the_chosen_language(
    qtbot: Any, lang: str, quick: str, file_menu: str
) -> None:
    app = QApplication.instance()
    assert resources.install_translator(app, lang) == lang
    try:
        win = MainWindow()
        qtbot.addWidget(win)
        assert win.quickconnect_button.text() == quick
        assert win.menuBar().actions()[0].text() == file_menu
        win.shutdown()
    finally:
        resources.install_translator(app, "en")


def test_menu_choice_is_remembered_and_used(qtbot: Any) -> None:
    resources.save_setting("language", "de")
    assert resources.chosen_language() == "de"
    app = QApplication.instance()
    try:
        assert resources.install_translator(app) == "de"
    finally:
        resources.install_translator(app, "en")


def test_switching_the_language_takes_effect_without_a_restart(qtbot: Any) -> None:
    app = QApplication.instance()
    win = MainWindow()
    qtbot.addWidget(win)
    try:
        assert win.quickconnect_button.text() == "&Quickconnect"
        win._choose_language("de")
        assert win.quickconnect_button.text() == "&Verbinden"
        assert win.menuBar().actions()[0].text() == "&Datei"
        assert "Untersuchung &hochladen…" in [a.text() for a in win.transfer_menu.actions()]
        assert win.queue.tabText(0) == "Dateien in Warteschlange (0)"
        assert win.local_pane.files.headerItem().text(0) == "Dateiname"
        win._choose_language("sv")
        assert win.quickconnect_button.text() == "S&nabbanslut"
        assert win.menuBar().actions()[0].text() == "&Arkiv"
        assert resources.chosen_language() == "sv"
    finally:
        win.shutdown()
        resources.install_translator(app, "en")


def test_the_language_switch_switches_core_sentences_too(qtbot: Any, tmp_path: Path) -> None:
    exam = tmp_path / "1234_1"
    exam.mkdir()
    (exam / "empty.dcm").write_bytes(b"")
    app = QApplication.instance()
    win = MainWindow()
    qtbot.addWidget(win)
    try:
        win._choose_language("de")
        assert i18n.language() == "de"
        assert str(Cancelled()) == "Der Vorgang wurde abgebrochen."
        assert "Leere Dateien werden nicht gesendet" in {
            f.message for f in check_exam(exam).findings
        }
        win._choose_language("sv")
        assert "Tomma filer skickas inte" in {f.message for f in check_exam(exam).findings}
        win._choose_language("en")
        assert str(Cancelled()) == "The operation was cancelled."
    finally:
        win.shutdown()
        resources.install_translator(app, "en")
