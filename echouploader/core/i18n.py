"""Core's own words in the user's language: gettext catalogues shipped inside the package.

Every sentence core shows a person (errors, findings, the FileZilla import summary) is written
``_("The site {name} has no password.").format(name=...)``: the English text is the message id,
the values go in by name after translation, so a translator may reorder them. The compiled
catalogues are ``echouploader/core/locale/<lang>/LC_MESSAGES/echouploader.mo``; their sources
are ``resources/translations/echouploader_<lang>.po``.

English is the default, so core used as a library (and its tests) speaks English unless told
otherwise. The window calls :func:`set_language` with its menu choice, at once and again when
the user switches; the command line calls :func:`use_environment`, which follows
``ECHOUPLOADER_LANG`` and then the locale (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``).
A sentence is translated when it is made, so after a switch new sentences are in the new
language and nothing needs a restart.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

DOMAIN = "echouploader"
LANGUAGES = ("en", "sv", "de")
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_current: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def _(message: str) -> str:
    """``message`` in the current language (itself when there is no translation)."""
    return _current.gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue where it is defined; translate it with ``_`` on use."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, in the current language."""
    return _current.ngettext(singular, plural, n)


def catalogue_file(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


def set_language(lang: str | None) -> str:
    """Speak ``lang`` (``en``, ``sv``, ``de``; None or unknown: English); returns the one in use."""
    global _current, _language
    code = (lang or "en").split("_")[0].split(".")[0].lower()
    if code not in LANGUAGES or code == "en" or not catalogue_file(code).is_file():
        _current, _language = gettext.NullTranslations(), "en"
        return "en"
    with catalogue_file(code).open("rb") as fp:
        _current, _language = gettext.GNUTranslations(fp), code
    return code


def language() -> str:
    """The language core speaks now."""
    return _language


def environment_language(environ: dict[str, str] | None = None) -> str:
    """The language the environment asks for: ``ECHOUPLOADER_LANG``, else the locale's."""
    env = os.environ if environ is None else environ
    chosen = env.get("ECHOUPLOADER_LANG", "").strip()
    if chosen:
        return chosen
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "").strip()
        if value:
            # LANGUAGE may be a list ("sv:en"); the first one we speak wins, C/POSIX mean English
            for part in value.split(":"):
                code = part.split("_")[0].split(".")[0].lower()
                if code in LANGUAGES:
                    return code
                if code in ("c", "posix"):
                    return "en"
            return "en"
    return "en"


def use_environment(environ: dict[str, str] | None = None) -> str:
    """Follow the environment's language (the command line's rule); returns the one in use."""
    return set_language(environment_language(environ))
