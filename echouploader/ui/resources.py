"""Resources the window loads (translations, icons): found and loaded in one place.

Compiled translations (``.qm``) ship inside the package, ``echouploader/ui/translations/``, so
every install has them; their ``.ts`` sources are in ``resources/translations/``. Core's sentences
come from its gettext catalogue (``echouploader.core.i18n``), switched together with Qt's. The
language is the system's, unless the user chose one in *View → Language* (kept in ``ui.json`` in
the config dir).
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from echouploader.core import i18n, paths

log = logging.getLogger("echouploader.ui")

LANGUAGES = {"en": "English", "sv": "Svenska", "de": "Deutsch"}
SETTINGS_FILE = "ui.json"

_ROOT = Path(__file__).resolve().parents[2]
# A source checkout or editable install has resources/ at the repository root; PyInstaller
# bundles it as resources/ beside the package (sys._MEIPASS).
RESOURCE_DIRS = tuple(
    dict.fromkeys([Path(getattr(sys, "_MEIPASS", _ROOT)) / "resources", _ROOT / "resources"])
)
TRANSLATION_DIRS = (
    Path(__file__).resolve().parent / "translations",
    *(d / "translations" for d in RESOURCE_DIRS),
)

_installed: list[QTranslator] = []


def icon_file() -> Path | None:
    """The application icon (``resources/icons/echouploader.png``), if it is there."""
    for d in RESOURCE_DIRS:
        f = d / "icons" / "echouploader.png"
        if f.is_file():
            return f
    return None


def translation_file(lang: str) -> Path | None:
    for d in TRANSLATION_DIRS:
        f = d / f"echouploader_{lang}.qm"
        if f.is_file():
            return f
    return None


def _settings_path() -> Path:
    return paths.config_dir() / SETTINGS_FILE


def load_settings() -> dict[str, object]:
    try:
        data = json.loads(_settings_path().read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def save_setting(key: str, value: object) -> None:
    data = load_settings()
    if value is None:
        data.pop(key, None)
    else:
        data[key] = value
    _settings_path().write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def chosen_language() -> str | None:
    """The language picked in the menu, or None to follow the system."""
    lang = load_settings().get("language")
    return lang if isinstance(lang, str) and lang in LANGUAGES else None


def system_language() -> str:
    name = QLocale.system().name()[:2]
    return name if name in LANGUAGES else "en"


def install_translator(app: QCoreApplication, lang: str | None = None) -> str:
    """Load the translation for ``lang`` (default: menu choice, else the system's); returns it.

    Core's own catalogue (errors, findings, the import summary) switches with it.
    """
    lang = lang or chosen_language() or system_language()
    lang = _install_qt(app, lang)
    i18n.set_language(lang)
    return lang


def _install_qt(app: QCoreApplication, lang: str) -> str:
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    if lang != "en":
        qm = translation_file(lang)
        translator = QTranslator(app)
        if qm is not None and translator.load(str(qm)):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("no translation for %s; using English", lang)
            return "en"
        # Qt's own words (file dialogs, the local tree's headers, Yes/No) in the same language.
        qt = QTranslator(app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(f"qtbase_{lang}", qt_dir):
            app.installTranslator(qt)
            _installed.append(qt)
    return lang
