"""Core's catalogues: extract the marked sentences, keep the .po files in step, compile the .mo.

Core marks what it shows a person with ``_("...")``, ``N_("...")`` (defined now, translated on
use) and ``ngettext("...", "...", n)`` (see ``echouploader/core/i18n.py``). This script reads
those marks from the source (by AST, so nothing has to run), and:

    python resources/translations/po.py update    # add new sentences (empty) to each .po,
                                                  # drop the ones no longer in the code
    python resources/translations/po.py compile   # .po -> echouploader/core/locale/*/.../.mo

The compiled catalogues are committed; ``tests/core/test_core_translations.py`` fails when a
sentence in the code has no Swedish or German translation, or a .mo is not the compile of its
.po. The compiler is the GNU .mo layout with no hash table, in a fixed order, so the same .po
always gives the same bytes.
"""

from __future__ import annotations

import ast
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SOURCES = (ROOT / "echouploader" / "core",)
LOCALE = ROOT / "echouploader" / "core" / "locale"
LANGUAGES = ("sv", "de")
PLURAL_FORMS = "nplurals=2; plural=(n != 1);"

# A message id: a sentence, or (singular, plural) for ngettext.
MsgId = str | tuple[str, str]
# A translation: a sentence, or the list of plural forms.
MsgStr = str | list[str]


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def extract_source(source: str, filename: str = "<source>") -> dict[MsgId, list[str]]:
    """The marked sentences of one module, each with where it is (``file:line``)."""
    found: dict[MsgId, list[str]] = {}
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        args = node.args
        key: MsgId | None = None
        if name in ("_", "N_") and len(args) == 1:
            if isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
                key = args[0].value
        elif name == "ngettext" and len(args) == 3:
            one, many = args[0], args[1]
            if (
                isinstance(one, ast.Constant)
                and isinstance(one.value, str)
                and isinstance(many, ast.Constant)
                and isinstance(many.value, str)
            ):
                key = (one.value, many.value)
        if key is not None and key != "":
            found.setdefault(key, []).append(f"{filename}:{node.lineno}")
    return found


def extract(sources: tuple[Path, ...] = SOURCES) -> dict[MsgId, list[str]]:
    """Every marked sentence under ``sources``, in a stable order."""
    found: dict[MsgId, list[str]] = {}
    for folder in sources:
        for path in sorted(folder.rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            for key, where in extract_source(path.read_text("utf-8"), rel).items():
                found.setdefault(key, []).extend(where)
    return found


# --- .po ------------------------------------------------------------------------------------


def _quote(text: str) -> str:
    body = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{body}"'


def _unquote(text: str) -> str:
    text = text.strip()
    if not (text.startswith('"') and text.endswith('"')):
        raise ValueError(f"not a quoted string: {text!r}")
    out = []
    body = text[1:-1]
    i = 0
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            out.append(escapes.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def read_po(path: Path) -> dict[MsgId, MsgStr]:
    """The entries of a .po file (the header entry under ``""``)."""
    entries: dict[MsgId, MsgStr] = {}
    fields: dict[str, str] = {}
    current: str | None = None

    def flush() -> None:
        if "msgid" not in fields:
            return
        if "msgid_plural" in fields:
            forms = [fields[k] for k in sorted(fields) if k.startswith("msgstr[")]
            entries[(fields["msgid"], fields["msgid_plural"])] = forms
        else:
            entries[fields["msgid"]] = fields.get("msgstr", "")

    for raw in path.read_text("utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            if not line and fields:
                flush()
                fields = {}
                current = None
            continue
        if line.startswith('"'):
            if current is None:
                raise ValueError(f"{path}: a continuation line without a field: {raw!r}")
            fields[current] += _unquote(line)
            continue
        key, _sep, value = line.partition(" ")
        if key == "msgid" and "msgid" in fields:
            flush()
            fields = {}
        current = key
        fields[key] = _unquote(value)
    flush()
    return entries


def _header(lang: str) -> str:
    return (
        "Project-Id-Version: EchoUploader\n"
        f"Language: {lang}\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=UTF-8\n"
        "Content-Transfer-Encoding: 8bit\n"
        f"Plural-Forms: {PLURAL_FORMS}\n"
    )


def format_po(lang: str, found: dict[MsgId, list[str]], old: dict[MsgId, MsgStr]) -> str:
    """A .po for ``lang``: every sentence in ``found``, with its translation from ``old``."""
    out = [
        f"# EchoUploader's core messages, {lang}. Sources: echouploader/core (see po.py).",
        'msgid ""',
        'msgstr ""',
        *(_quote(line + "\n") for line in _header(lang).splitlines()),
        "",
    ]
    for key, where in found.items():
        out.extend(f"#: {w}" for w in where)
        if "{" in (key if isinstance(key, str) else key[0]):
            out.append("#, python-brace-format")
        if isinstance(key, tuple):
            forms = old.get(key)
            forms = forms if isinstance(forms, list) and len(forms) == 2 else ["", ""]
            out.append(f"msgid {_quote(key[0])}")
            out.append(f"msgid_plural {_quote(key[1])}")
            out.extend(f"msgstr[{i}] {_quote(f)}" for i, f in enumerate(forms))
        else:
            text = old.get(key, "")
            out.append(f"msgid {_quote(key)}")
            out.append(f"msgstr {_quote(text if isinstance(text, str) else '')}")
        out.append("")
    return "\n".join(out)


def po_file(lang: str) -> Path:
    return HERE / f"echouploader_{lang}.po"


def mo_file(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "echouploader.mo"


# --- .mo ------------------------------------------------------------------------------------


def compile_mo(entries: dict[MsgId, MsgStr]) -> bytes:
    """GNU .mo bytes for ``entries`` (untranslated ones left out, as msgfmt does)."""
    pairs: list[tuple[bytes, bytes]] = []
    for key, value in entries.items():
        if isinstance(key, tuple):
            if not isinstance(value, list) or not all(value):
                continue
            pairs.append(("\0".join(key).encode(), "\0".join(value).encode()))
        elif isinstance(value, str) and value:
            pairs.append((key.encode(), value.encode()))
    pairs.sort()
    count = len(pairs)
    originals_at = 28
    translations_at = originals_at + 8 * count
    data_at = translations_at + 8 * count
    table_o: list[int] = []
    table_t: list[int] = []
    blob = b""
    for orig, _trans in pairs:
        table_o += [len(orig), data_at + len(blob)]
        blob += orig + b"\0"
    for _orig, trans in pairs:
        table_t += [len(trans), data_at + len(blob)]
        blob += trans + b"\0"
    head = struct.pack("<7I", 0x950412DE, 0, count, originals_at, translations_at, 0, data_at)
    return head + struct.pack(f"<{4 * count}I", *table_o, *table_t) + blob


def main(argv: list[str]) -> int:
    if argv[1:] == ["update"]:
        found = extract()
        for lang in LANGUAGES:
            path = po_file(lang)
            old = read_po(path) if path.exists() else {}
            path.write_text(format_po(lang, found, old), "utf-8")
            missing = [k for k in found if not old.get(k)]
            print(f"{path.name}: {len(found)} sentences, {len(missing)} to translate")
        return 0
    if argv[1:] == ["compile"]:
        for lang in LANGUAGES:
            out = mo_file(lang)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(compile_mo(read_po(po_file(lang))))
            print(f"{out.relative_to(ROOT)} written")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
