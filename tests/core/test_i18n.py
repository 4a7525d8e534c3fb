"""Core's sentences in Swedish and German: every marked one translated, compiled, and used.

The marked sentences are read from the source by AST (``resources/translations/po.py``), so a
new ``_("...")`` without a Swedish and a German translation fails here, and so does a new error
or finding written as a bare string instead of through ``_``.
"""

from __future__ import annotations

import ast
import importlib.util
import string
import sys
from pathlib import Path
from types import ModuleType

import pytest

import echouploader
from echouploader.core import i18n
from echouploader.core.errors import Cancelled, EchoUploaderError
from echouploader.core.ftps.target import parse_url
from echouploader.core.privacy.check import check_exam
from echouploader.core.sites import filezilla
from echouploader.core.sites.credentials import CredentialStorage
from echouploader.core.sites.store import SiteStore

ROOT = Path(__file__).resolve().parents[2]
CORE = Path(echouploader.__file__).parent / "core"
FILEZILLA = ROOT / "tests" / "data" / "filezilla" / "sitemanager.xml"


def _po_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("po", ROOT / "resources/translations/po.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("po", module)
    spec.loader.exec_module(module)
    return module


po = _po_tool()


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}


def untranslated(found: dict, entries: dict) -> list[str]:
    """The marked sentences with no translation, or one whose {placeholders} differ."""
    bad = []
    for key in found:
        value = entries.get(key)
        forms = value if isinstance(value, list) else [value]
        if not value or not all(forms):
            bad.append(f"untranslated: {key!r}")
            continue
        for source in key if isinstance(key, tuple) else (key,):
            if any(_fields(f) != _fields(source) for f in forms):
                bad.append(f"placeholders differ: {key!r}")
    return bad


# --- complete -------------------------------------------------------------------------------


def test_core_marks_hundreds_of_sentences() -> None:
    found = po.extract()
    assert len(found) > 350
    assert "The operation was cancelled." in found
    assert ("{count} file", "{count} files") in found
    assert "Imported {imported} site(s), skipped {skipped} from {source}." in found


@pytest.mark.parametrize("lang", ["sv", "de"])
def test_every_core_sentence_is_translated(lang: str) -> None:
    entries = po.read_po(po.po_file(lang))
    assert untranslated(po.extract(), entries) == []


@pytest.mark.parametrize("lang", ["sv", "de"])
def test_the_po_holds_exactly_the_sentences_in_the_code(lang: str) -> None:
    entries = set(po.read_po(po.po_file(lang))) - {""}
    assert entries == set(po.extract()), "run: python resources/translations/po.py update"


@pytest.mark.parametrize("lang", ["sv", "de"])
def test_the_shipped_catalogue_is_the_compile_of_its_po(lang: str) -> None:
    shipped = i18n.catalogue_file(lang)
    assert shipped == po.mo_file(lang)
    expected = po.compile_mo(po.read_po(po.po_file(lang)))
    assert shipped.read_bytes() == expected, "run: python resources/translations/po.py compile"


def test_a_new_sentence_without_translation_is_caught() -> None:
    source = 'from echouploader.core.i18n import _\nraise X(_("A sentence nobody translated."))\n'
    found = po.extract_source(source, "new.py")
    entries = po.read_po(po.po_file("de"))
    assert untranslated(found, entries) == ["untranslated: 'A sentence nobody translated.'"]
    entries["A sentence nobody translated."] = "Ein Satz mit {falsch}."
    assert untranslated(found, entries) == ["placeholders differ: 'A sentence nobody translated.'"]


# --- nothing shown to a person is left unmarked ---------------------------------------------


def _error_classes() -> set[str]:
    names = {"EchoUploaderError"}
    trees = [ast.parse(p.read_text("utf-8")) for p in CORE.rglob("*.py")]
    grew = True
    while grew:
        grew = False
        for tree in trees:
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef) and node.name not in names:
                    bases = {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
                    if bases & names:
                        names.add(node.name)
                        grew = True
    return names


def unmarked_messages(source: str, errors: set[str]) -> list[int]:
    """Lines where an error, a finding or a FileZilla note gets a bare string, not ``_()``."""

    def bare(node: ast.expr) -> bool:
        if isinstance(node, ast.JoinedStr):
            return True
        return isinstance(node, ast.Constant) and isinstance(node.value, str) and " " in node.value

    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        message: ast.expr | None = None
        if name in errors and node.args:
            message = node.args[0]
        elif (
            name == "Finding"
            and len(node.args) >= 3
            or (
                name == "add"
                and len(node.args) >= 3
                and getattr(node.args[0], "id", "")
                in (
                    "BLOCK",
                    "WARN",
                    "INFO",
                )
            )
        ):
            message = node.args[2]
        elif name == "SkippedEntry" and len(node.args) >= 2:
            message = node.args[1]
        if message is not None and bare(message):
            lines.append(node.lineno)
    return lines


def test_every_error_and_finding_in_core_goes_through_the_catalogue() -> None:
    errors = _error_classes()
    assert {"UsageError", "PrivacyBlocked", "ExamRuleError", "CertificateChanged"} <= errors
    bad = []
    for path in sorted(CORE.rglob("*.py")):
        for line in unmarked_messages(path.read_text("utf-8"), errors):
            bad.append(f"{path.relative_to(CORE)}:{line}")
    assert bad == []


def test_a_bare_error_sentence_is_caught() -> None:
    source = (
        "def f(x):\n"
        '    raise UsageError(f"{x} is not a folder.")\n'
        '    found.add(WARN, "code", "Empty files are not sent", rel)\n'
        '    raise UsageError(_("{x} is fine.").format(x=x))\n'
    )
    assert unmarked_messages(source, {"UsageError"}) == [2, 3]


# --- used -----------------------------------------------------------------------------------


def test_core_speaks_the_language_it_is_set_to_and_switches_at_once() -> None:
    assert i18n.language() == "en"
    with pytest.raises(EchoUploaderError) as english:
        parse_url("ftp://site07@ftps.example/upload")
    assert str(english.value).startswith("Plain FTP sends passwords")

    assert i18n.set_language("de") == "de"
    with pytest.raises(EchoUploaderError) as german:
        parse_url("ftp://site07@ftps.example/upload")
    assert str(german.value).startswith("Einfaches FTP sendet Passwörter")
    assert str(Cancelled()) == "Der Vorgang wurde abgebrochen."

    assert i18n.set_language("sv_SE.UTF-8") == "sv"
    assert str(Cancelled()) == "Åtgärden avbröts."
    assert i18n.set_language("fr") == "en"
    assert str(Cancelled()) == "The operation was cancelled."


def test_findings_are_in_the_chosen_language(tmp_path: Path) -> None:
    exam = tmp_path / "1234_1"
    exam.mkdir()
    (exam / "empty.dcm").write_bytes(b"")
    (exam / "notes.xyz").write_bytes(b"\x00\x01 something")
    i18n.set_language("sv")
    report = check_exam(exam)
    messages = {f.message for f in report.findings}
    assert "Tomma filer skickas inte" in messages
    assert "Filer av okänd typ skickas inte" in messages
    assert any("filer" in line for line in report.summary_lines())


def test_the_filezilla_import_summary_is_in_the_chosen_language(
    tmp_path: Path, memory_keyring
) -> None:
    source = tmp_path / "sitemanager.xml"
    source.write_bytes(FILEZILLA.read_bytes())
    i18n.set_language("de")
    lines = filezilla.import_file(source, SiteStore(), CredentialStorage()).lines()
    assert lines[0].startswith("4 Server importiert, 4 übersprungen aus sitemanager.xml")
    assert any("übersprungen, SFTP wird nicht unterstützt" in line for line in lines)
    assert any("Passwort im Schlüsselbund gespeichert" in line for line in lines)
    assert not any("skipped" in line or "password" in line for line in lines)


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LC_MESSAGES": "sv_SE.UTF-8", "LANG": "de_DE.UTF-8"}, "sv"),
        ({"LANGUAGE": "fr:sv", "LANG": "de_DE.UTF-8"}, "sv"),
        ({"LC_ALL": "C", "LANG": "de_DE.UTF-8"}, "en"),
        ({"ECHOUPLOADER_LANG": "de", "LANG": "sv_SE.UTF-8"}, "de"),
        ({}, "en"),
    ],
)
def test_the_environment_chooses_the_language(environ: dict[str, str], lang: str) -> None:
    assert i18n.use_environment(environ) == lang
    assert i18n.language() == lang
