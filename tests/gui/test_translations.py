"""Swedish and German: compiled, complete, and actually used by the window."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

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
