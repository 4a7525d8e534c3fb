"""One folder's listing over one session: ``MLSD`` when the server offers it, else ``LIST``.

Names, kinds and sizes only, straight from the listing (nothing is downloaded). ``LIST`` lines are
read with ftputil's Unix and Windows parsers. vsftpd over TLS sometimes answers a listing with
nothing at all, so an empty listing is asked for again before it is believed.
"""

from __future__ import annotations

import ftplib
import logging
import time
from dataclasses import dataclass

from echouploader.core.ftps.session import BLOCK_SIZE, FTPSSession

log = logging.getLogger("echouploader.corelab")

EMPTY_RETRIES = 2  # an empty answer is asked for this many more times
EMPTY_PAUSE = 0.05


@dataclass(frozen=True)
class ListedEntry:
    name: str
    is_dir: bool
    size: int


def set_type(s: FTPSSession, kind: str) -> None:
    """``TYPE A``/``TYPE I`` only when the session is not already in it (one round trip less)."""
    if getattr(s, "_corelab_type", None) != kind:
        s.voidcmd(f"TYPE {kind}")
        s._corelab_type = kind  # type: ignore[attr-defined]


def _lines(s: FTPSSession, cmd: str) -> list[str]:
    set_type(s, "A")
    out: list[str] = []
    with s.transfercmd(cmd) as conn, conn.makefile("r", encoding=s.encoding) as fp:
        while line := fp.readline(ftplib.MAXLINE + 1):
            out.append(line.rstrip("\r\n"))
        s._close_data(conn)
    s.voidresp()
    return out


def _uses_mlsd(s: FTPSSession) -> bool:
    return any(f.startswith("MLST") for f in s.features())


def _parse_mlsd(lines: list[str]) -> list[ListedEntry]:
    out = []
    for line in lines:
        facts_text, sep, name = line.partition(" ")
        if not sep or not name:
            continue
        facts = {}
        for fact in facts_text.split(";"):
            key, eq, value = fact.partition("=")
            if eq:
                facts[key.lower()] = value
        kind = facts.get("type", "").lower()
        if kind in ("cdir", "pdir") or name in (".", ".."):
            continue
        size = facts.get("size", "0")
        out.append(ListedEntry(name, kind == "dir", int(size) if size.isdigit() else 0))
    return out


def _parse_list(lines: list[str]) -> list[ListedEntry]:
    import ftputil.error
    import ftputil.stat

    parsers = [ftputil.stat.UnixParser(), ftputil.stat.MSParser()]
    out = []
    for line in lines:
        for parser in parsers:
            if parser.ignores_line(line):
                break
            try:
                st = parser.parse_line(line, 0.0)
            except ftputil.error.ParserError:
                continue
            name = st._st_name
            if name in (".", ".."):
                break
            is_dir = (st.st_mode or 0) & 0o170000 == 0o040000
            out.append(ListedEntry(name, is_dir, 0 if is_dir else int(st.st_size or 0)))
            break
    return out


def list_folder(s: FTPSSession, path: str) -> list[ListedEntry]:
    """The entries of ``path`` (absolute), read from one listing; empty answers are re-asked."""
    mlsd = _uses_mlsd(s)
    for attempt in range(EMPTY_RETRIES + 1):
        if mlsd:
            entries = _parse_mlsd(_lines(s, f"MLSD {path}"))
        else:
            entries = _parse_list(_lines(s, f"LIST {path}"))
        if entries:
            return entries
        if attempt < EMPTY_RETRIES:
            log.debug("empty listing of %s, asking again", path, extra={"event": "list"})
            time.sleep(EMPTY_PAUSE)
    return []


def read_small(s: FTPSSession, path: str) -> bytes:
    """The whole of a small remote file (a manifest), in memory."""
    set_type(s, "I")
    chunks: list[bytes] = []
    with s.transfercmd(f"RETR {path}") as conn:
        while data := conn.recv(BLOCK_SIZE):
            chunks.append(data)
        s._close_data(conn)
    s.voidresp()
    return b"".join(chunks)
