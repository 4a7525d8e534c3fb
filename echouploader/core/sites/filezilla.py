"""FileZilla site files → sites: ``sitemanager.xml``, File→Export files and ``recentservers.xml``.

The file usually arrives by e-mail, so it is parsed with defusedxml (no DTD, no entities, no
external references) and any malformed, hostile or foreign file is refused as a whole with one
sentence: nothing is imported. Inside a good file, each ``<Server>`` that cannot be used (plain FTP,
SFTP, cloud protocols, no host, bad port) is skipped with a reason and the rest are imported.

Only FTPS is imported: protocol 3 → implicit TLS, 4 → explicit TLS, 0 ("FTP, use explicit TLS if
available") → explicit TLS *required*. Passwords (base64 or plain) are returned to the caller for
the keyring; ``encoding="crypt"`` (FileZilla master password) cannot be read and is left to be
asked on first connect. The file itself is read once and never copied.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import defusedxml
import defusedxml.ElementTree as DET

from echouploader.core.errors import ConfigError, CredentialsError, ImportRefused
from echouploader.core.ftps.target import EXPLICIT_PORT, IMPLICIT_PORT, normalize_remote_path
from echouploader.core.i18n import _
from echouploader.core.sites.store import (
    EXPLICIT,
    IMPLICIT,
    LOGON_ASK,
    LOGON_NORMAL,
    Site,
    site_label,
)

MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_FOLDER_DEPTH = 32

PROTOCOL_NAMES = {
    0: "FTP",
    1: "SFTP",
    2: "HTTP",
    3: "FTPS (implicit TLS)",
    4: "FTPES (explicit TLS)",
    5: "HTTPS",
    6: "plain FTP",
    7: "Amazon S3",
    8: "Storj",
    9: "WebDAV",
    10: "Azure File Storage",
    11: "Azure Blob Storage",
    12: "OpenStack Swift",
    13: "Google Cloud Storage",
    14: "Google Drive",
    15: "Dropbox",
    16: "Microsoft OneDrive",
    17: "Backblaze B2",
    18: "Box",
}
_UNIX_LIKE_TYPES = {0, 1, 8, 9}  # default, Unix, virtual DOS, Cygwin: "/"-separated paths


@dataclass
class ImportedSite:
    site: Site
    password: str | None = field(default=None, repr=False)
    notes: list[str] = field(default_factory=list)


@dataclass
class SkippedEntry:
    name: str
    reason: str


@dataclass
class ParsedFile:
    kind: str  # "site manager", "recent servers" or "queue"
    sites: list[ImportedSite]
    skipped: list[SkippedEntry]


# --- the whole file -------------------------------------------------------------------------


def read_file(path: Path) -> ParsedFile:
    """Read and parse a FileZilla file; ``ImportRefused`` (nothing imported) when it is unusable."""
    shown = path.name
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ImportRefused(
                _("{shown} is too large to be a FileZilla site file.").format(shown=shown)
            )
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise ImportRefused(_("{path} does not exist.").format(path=path)) from exc
    except IsADirectoryError as exc:
        raise ImportRefused(
            _("{path} is a folder, not a FileZilla site file.").format(path=path)
        ) from exc
    except OSError as exc:
        raise ImportRefused(
            _("{path} cannot be read.").format(path=path), detail=repr(exc)
        ) from exc
    return parse_bytes(data, shown)


_DECL = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_DECL_TEXT = re.compile(r"""^(<\?xml[^>]*?encoding\s*=\s*["'])([A-Za-z0-9._-]+)(["'])""")


def _as_utf8(data: bytes, shown: str) -> bytes:
    """The file's text as UTF-8 with a matching declaration.

    A byte order mark wins over the declaration (a file FileZilla wrote as UTF-8 and someone
    re-saved as "Unicode" in Notepad keeps its ``encoding="UTF-8"``); the parser then only ever
    sees UTF-8, whatever the file was saved as.
    """
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        m = _DECL.match(data)
        encoding = m.group(1).decode("ascii") if m else "utf-8"
    try:
        codecs.lookup(encoding)
    except LookupError as exc:
        raise ImportRefused(
            _(
                "{shown} declares an unknown text encoding ({encoding}); FileZilla "
                "writes UTF-8. Nothing was imported."
            ).format(shown=shown, encoding=encoding)
        ) from exc
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        shown_encoding = encoding.upper().replace("-SIG", "")
        raise ImportRefused(
            _(
                "{shown} is not valid {shown_encoding} text (byte {start}); it may "
                "have been saved with the wrong encoding. Nothing was imported."
            ).format(shown=shown, shown_encoding=shown_encoding, start=exc.start)
        ) from exc
    return _DECL_TEXT.sub(r"\g<1>UTF-8\g<3>", text.lstrip("\ufeff"), count=1).encode("utf-8")


def parse_bytes(data: bytes, shown: str = "The file") -> ParsedFile:
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise ImportRefused(_("{shown} is empty; nothing was imported.").format(shown=shown))
    data = _as_utf8(data, shown)
    try:
        root = DET.fromstring(data, forbid_dtd=True)
    except (defusedxml.DTDForbidden, defusedxml.EntitiesForbidden) as exc:
        raise ImportRefused(
            _(
                "{shown} declares a DTD or entities, which FileZilla never writes; it "
                "was refused as unsafe and nothing was imported."
            ).format(shown=shown),
            detail=repr(exc),
        ) from exc
    except defusedxml.ExternalReferenceForbidden as exc:
        raise ImportRefused(
            _(
                "{shown} refers to external files or addresses, which FileZilla never "
                "writes; it was refused as unsafe and nothing was imported."
            ).format(shown=shown),
            detail=repr(exc),
        ) from exc
    except defusedxml.DefusedXmlException as exc:
        raise ImportRefused(
            _(
                "{shown} uses XML features FileZilla never writes; it was refused as "
                "unsafe and nothing was imported."
            ).format(shown=shown),
            detail=repr(exc),
        ) from exc
    except ET.ParseError as exc:
        raise _parse_error(exc, shown, data) from exc
    except (ValueError, LookupError) as exc:
        raise ImportRefused(
            _("{shown} cannot be read as XML; nothing was imported.").format(shown=shown),
            detail=repr(exc),
        ) from exc
    return _parse_root(root, shown)


def _parse_error(exc: ET.ParseError, shown: str, data: bytes) -> ImportRefused:
    code = getattr(exc, "code", None)
    line = getattr(exc, "position", (0, 0))[0]
    # expat: 3 no element found, 5 unclosed token, 6 partial character → the file stops early.
    if code in (3, 5, 6) or data.rstrip().endswith(b">") is False and code == 7:
        return ImportRefused(
            _(
                "{shown} is incomplete (it stops in the middle, line {line}); ask for "
                "the file again. Nothing was imported."
            ).format(shown=shown, line=line),
            detail=str(exc),
        )
    if code == 7:  # mismatched tag: often a cut-and-pasted or truncated file
        return ImportRefused(
            _(
                "{shown} is damaged (a tag is not closed properly, line {line}); "
                "nothing was imported."
            ).format(shown=shown, line=line),
            detail=str(exc),
        )
    return ImportRefused(
        _(
            "{shown} is not a valid XML file (error at line {line}); a FileZilla "
            "export is needed. Nothing was imported."
        ).format(shown=shown, line=line),
        detail=str(exc),
    )


def _parse_root(root: Any, shown: str) -> ParsedFile:
    if root.tag != "FileZilla3":
        raise ImportRefused(
            _(
                "{shown} is not a FileZilla file (its top element is <{tag}>, not "
                "<FileZilla3>); export the sites from FileZilla's Site Manager. "
                "Nothing was imported."
            ).format(shown=shown, tag=_tag(root.tag))
        )
    sections = [
        ("site manager", root.find("Servers")),
        ("recent servers", root.find("RecentServers")),
        ("queue", root.find("Queue")),
    ]
    found = [(kind, el) for kind, el in sections if el is not None]
    if not found:
        raise ImportRefused(
            _(
                "{shown} is a FileZilla file without a site list (no <Servers> or "
                "<RecentServers>); export the sites from FileZilla's Site Manager. "
                "Nothing was imported."
            ).format(shown=shown)
        )
    sites: list[ImportedSite] = []
    skipped: list[SkippedEntry] = []
    for _kind, section in found:
        _walk(section, [], sites, skipped)
    if not sites and not skipped:
        raise ImportRefused(
            _("{shown} contains no sites; nothing was imported.").format(shown=shown)
        )
    return ParsedFile(found[0][0], sites, skipped)


def _tag(tag: Any) -> str:
    return str(tag).split("}", 1)[-1][:40]


def _walk(
    node: Any, folder: list[str], sites: list[ImportedSite], skipped: list[SkippedEntry]
) -> None:
    for child in node:
        if child.tag == "Folder":
            if len(folder) >= MAX_FOLDER_DEPTH:
                raise ImportRefused(
                    _(
                        "The file nests folders more than {MAX_FOLDER_DEPTH} deep, which "
                        "FileZilla users never do; it was refused as unsafe and nothing was "
                        "imported."
                    ).format(MAX_FOLDER_DEPTH=MAX_FOLDER_DEPTH)
                )
            name = _clean(child.text or "") or "Folder"
            _walk(child, [*folder, name], sites, skipped)
        elif child.tag == "Server":
            result = parse_server(child, "/".join(folder))
            (sites if isinstance(result, ImportedSite) else skipped).append(result)  # type: ignore[arg-type]


# --- one <Server> ---------------------------------------------------------------------------


def _clean(text: str) -> str:
    text = "".join(" " if unicodedata.category(c).startswith("C") else c for c in text)
    return " ".join(text.split())


def _text(server: Any, tag: str) -> str | None:
    el = server.find(tag)
    if el is None:
        return None
    return "".join(el.itertext())


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value.strip())
    except ValueError:
        return None


def _legacy_name(server: Any) -> str:
    parts = [server.text or ""] + [child.tail or "" for child in server]
    return _clean("".join(parts))


def parse_server(server: Any, folder: str = "") -> ImportedSite | SkippedEntry:
    host = (_text(server, "Host") or "").strip()
    name = _clean(_text(server, "Name") or "") or _legacy_name(server) or host
    name = name[:200]
    label = name or _("(no name)")
    if not host:
        return SkippedEntry(label, _("it has no host name"))
    if any(c.isspace() or unicodedata.category(c).startswith("C") for c in host):
        return SkippedEntry(
            label, _("its host name '{host}' is not valid").format(host=_clean(host))
        )

    protocol = _int(_text(server, "Protocol") or "0")
    if protocol == 3:
        mode = IMPLICIT
    elif protocol in (0, 4):
        mode = EXPLICIT
    elif protocol == 6:
        return SkippedEntry(label, _("plain FTP sends passwords and data unencrypted"))
    elif protocol == 1:
        return SkippedEntry(label, _("SFTP is not supported; the core lab uses FTPS"))
    elif protocol is None:
        return SkippedEntry(label, _("its protocol is not a number"))
    else:
        what = PROTOCOL_NAMES.get(protocol, f"protocol {protocol}")
        return SkippedEntry(
            label, _("{what} is not supported; only FTPS can be imported").format(what=what)
        )

    notes: list[str] = []
    if protocol == 0:
        notes.append(
            _("FileZilla's 'use explicit TLS if available' imported as explicit TLS required")
        )
    port_text = _text(server, "Port")
    if port_text is None or not port_text.strip():
        port = IMPLICIT_PORT if mode == IMPLICIT else EXPLICIT_PORT
    else:
        port_value = _int(port_text)
        if port_value is None or not 1 <= port_value <= 65535:
            return SkippedEntry(
                label,
                _("its port '{port_text}' is not 1–65535").format(port_text=_clean(port_text)[:20]),
            )
        port = port_value

    logontype_value = _int(_text(server, "Logontype"))
    logontype = 1 if logontype_value is None else logontype_value
    user = (_text(server, "User") or "").strip()
    logon = LOGON_NORMAL
    password: str | None = None
    if logontype == 0:
        user = user or "anonymous"
        notes.append(_("anonymous login"))
    elif logontype in (2, 3):
        logon = LOGON_ASK
        notes.append(_("password asked on every connection"))
    pass_el = server.find("Pass")
    password_said = logon != LOGON_NORMAL
    if logon == LOGON_NORMAL and logontype != 0 and pass_el is not None:
        password, note = _password(pass_el)
        if note:
            notes.append(note)
            password_said = True
    if logon == LOGON_NORMAL and password is None and logontype != 0 and not password_said:
        notes.append(_("password needed on first connect"))

    remote_dir, note = decode_remote_dir(_text(server, "RemoteDir") or "")
    if note:
        notes.append(note)
    pasv = (_text(server, "PasvMode") or "").strip()
    max_conn = _int(_text(server, "MaximumMultipleConnections")) or 0
    site = Site(
        name=name,
        host=host,
        port=port,
        protocol=mode,
        user=user,
        remote_dir=remote_dir,
        folder=folder,
        passive=pasv != "MODE_ACTIVE",
        max_connections=max(0, max_conn),
        comments=(_text(server, "Comments") or "").strip(),
        logon=logon,
    )
    try:  # what is imported must load again from sites.json; keep its normalised form
        site = Site.from_dict(site.to_dict())
    except ConfigError as exc:
        return SkippedEntry(label, str(exc).replace(site_label(name) + ": ", ""))
    return ImportedSite(site, password, notes)


def _password(el: Any) -> tuple[str | None, str]:
    raw = "".join(el.itertext())
    encoding = (el.get("encoding") or "").strip().lower()
    if encoding == "base64":
        try:
            value = base64.b64decode("".join(raw.split()), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None, _("password could not be decoded; needed on first connect")
    elif encoding == "":
        value = raw
    elif encoding == "crypt":
        return None, _("password protected by FileZilla's master password; needed on first connect")
    else:
        return None, _(
            "password in an unknown encoding ({encoding}); needed on first connect"
        ).format(encoding=encoding[:20])
    return (value or None), ""


# --- RemoteDir: FileZilla's length-prefixed "safe path" ------------------------------------


def _units(text: str, utf16: bool) -> int:
    return len(text.encode("utf-16-le")) // 2 if utf16 else len(text)


def _take(text: str, pos: int, count: int, utf16: bool) -> tuple[str, int] | None:
    """``count`` characters (or UTF-16 code units) of ``text`` from ``pos``."""
    if not utf16:
        end = pos + count
        return (text[pos:end], end) if end <= len(text) else None
    units = 0
    end = pos
    while units < count and end < len(text):
        units += _units(text[end], True)
        end += 1
    return (text[pos:end], end) if units == count else None


def _number(text: str, pos: int) -> tuple[int, int] | None:
    m = re.compile(r"\d{1,9}").match(text, pos)
    return (int(m.group()), m.end()) if m else None


def _segments(text: str, utf16: bool) -> tuple[int, list[str]] | None:
    head = _number(text, 0)
    if head is None:
        return None
    kind, pos = head
    if text[pos : pos + 1] != " ":
        return None
    prefix = _number(text, pos + 1)
    if prefix is None:
        return None
    plen, pos = prefix
    if plen:
        if text[pos : pos + 1] != " ":
            return None
        took = _take(text, pos + 1, plen, utf16)
        if took is None:
            return None
        pos = took[1]
    segments: list[str] = []
    while pos < len(text):
        if text[pos] != " ":
            return None
        n = _number(text, pos + 1)
        if n is None or n[0] == 0:
            return None
        took = _take(text, n[1] + 1, n[0], utf16) if text[n[1] : n[1] + 1] == " " else None
        if took is None:
            return None
        segments.append(took[0])
        pos = took[1]
    return kind, segments


def decode_remote_dir(safe_path: str) -> tuple[str, str]:
    """``1 0 4 home 6 my dir`` → (``/home/my dir``, note). Unreadable → ``/`` with a note."""
    text = safe_path.strip("\r\n\t")
    if not text.strip():
        return "/", ""
    parsed = _segments(text, utf16=False) or _segments(text, utf16=True)
    if parsed is None:
        return "/", _("remote folder could not be read; '/' used")
    kind, segments = parsed
    if kind not in _UNIX_LIKE_TYPES:
        return "/", _("remote folder is not a Unix-style path; '/' used")
    if any(s in (".", "..") or "/" in s or "\x00" in s for s in segments):
        return "/", _("remote folder has unsafe parts; '/' used")
    return normalize_remote_path("/" + "/".join(segments)), ""


# --- into the site store and the keyring ----------------------------------------------------


@dataclass
class ImportSummary:
    source: str
    imported: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    passwords_in_memory_only: bool = False
    keyring_notice: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "imported": self.imported,
            "skipped": self.skipped,
            "passwords_in_memory_only": self.passwords_in_memory_only,
            "keyring_notice": self.keyring_notice,
        }

    def lines(self) -> list[str]:
        out = [
            _("Imported {imported} site(s), skipped {skipped} from {source}.").format(
                imported=len(self.imported), skipped=len(self.skipped), source=self.source
            )
        ]
        for item in self.imported:
            where = _(" (in {folder})").format(folder=item["folder"]) if item["folder"] else ""
            renamed = (
                _(", renamed from '{name}'").format(name=item["original_name"])
                if item["renamed"]
                else ""
            )
            notes = "; ".join(item["notes"])
            out.append(
                f"  + {item['name']}{where}: {item['url']}{renamed}"
                + (f" — {notes}" if notes else "")
            )
        for item in self.skipped:
            out.append(
                "  - "
                + _("{name}: skipped, {reason}").format(name=item["name"], reason=item["reason"])
            )
        if self.keyring_notice:
            out.append(self.keyring_notice)
        return out


def import_file(path: Path, store: Any, credentials: Any) -> ImportSummary:
    """Parse ``path``, add its usable sites to ``store`` (one write), passwords to ``credentials``.

    A refused file raises ``ImportRefused`` before anything is written. Duplicate names (in the
    file, or with existing sites) get a suffix: "Name 2".
    """
    parsed = read_file(path)
    summary = ImportSummary(path.name)
    summary.skipped = [{"name": s.name, "reason": s.reason} for s in parsed.skipped]
    if not parsed.sites:
        return summary
    taken: list[str] = []
    ready: list[ImportedSite] = []
    for item in parsed.sites:
        name = store.unique_name(item.site.name, taken)
        taken.append(name)
        ready.append(ImportedSite(replace(item.site, name=name), item.password, item.notes))
    store.add_many([item.site for item in ready])
    for item, original in zip(ready, parsed.sites, strict=True):
        notes = list(item.notes)
        if item.password:
            try:
                credentials.set_password(item.site.endpoint(), item.password)
                notes.append(
                    _("password kept for this session only")
                    if credentials.in_memory
                    else _("password stored in the keyring")
                )
            except CredentialsError as exc:  # say it, keep the site
                notes.append(_("password not stored: {exc}").format(exc=exc))
        summary.imported.append(
            {
                "name": item.site.name,
                "original_name": original.site.name,
                "renamed": item.site.name != original.site.name,
                "folder": item.site.folder,
                "url": item.site.url(),
                "notes": notes,
            }
        )
    if any(i.password for i in ready) and credentials.in_memory:
        summary.passwords_in_memory_only = True
        summary.keyring_notice = credentials.notice
    return summary
