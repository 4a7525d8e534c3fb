"""One folder's listing over one session, and data connections that cost fewer round trips.

Names, kinds and sizes only, straight from one listing per folder (nothing is downloaded):
``STAT <folder>`` (RFC 959: the listing comes back on the control connection, so no data
connection and no TLS handshake, three round trips fewer than ``LIST``), else ``MLSD`` when the
server offers it, else ``LIST``. Listing lines are read with ftputil's Unix and Windows parsers.
vsftpd over TLS sometimes answers a listing with nothing at all, so an empty listing is asked for
again before it is believed.

:func:`open_data` opens a passive data connection like ftplib's ``ntransfercmd`` but sends the
command while the connection is being made (one round trip less per file); the data connection
resumes the control connection's TLS session, as servers require.
"""

from __future__ import annotations

import ftplib
import logging
import posixpath
import socket
import ssl
import time
from dataclasses import dataclass

from echouploader.core import errors as E
from echouploader.core.ftps.session import BLOCK_SIZE, FTPSSession, trace_log
from echouploader.core.i18n import _

log = logging.getLogger("echouploader.ftps")

EMPTY_RETRIES = 2  # an empty answer is asked for this many more times
EMPTY_PAUSE = 0.05
STAT_BATCH = 64  # STAT commands in flight on one connection (well inside any input buffer)


@dataclass(frozen=True)
class ListedEntry:
    name: str
    is_dir: bool
    size: int


def set_type(s: FTPSSession, kind: str) -> None:
    """``TYPE A``/``TYPE I`` only when the session is not already in it (one round trip less)."""
    if s._type != kind:  # the session's own record, so a session lent on sends TYPE I again
        s.voidcmd(f"TYPE {kind}")
        s._type = kind


def send_together(s: FTPSSession, *commands: str) -> None:
    """Several commands in one TCP segment: the server answers them in order (pipelining)."""
    for cmd in commands:
        if trace_log.isEnabledFor(logging.DEBUG):
            trace_log.debug("> %s", cmd, extra={"event": "protocol", "site": s.endpoint.site})
    assert s.sock is not None
    s.sock.sendall("".join(f"{c}\r\n" for c in commands).encode(s.encoding))


def _pasv_address(s: FTPSSession, resp: str) -> tuple[str, int]:
    """Where a 227 reply says to connect; like CPython, the control connection's peer address
    (servers behind NAT announce private ones)."""
    _untrusted, port = ftplib.parse227(resp)
    return s.sock.getpeername()[0], port  # type: ignore[union-attr]


def _data_after(
    s: FTPSSession, pasv_reply: str, *, rest: bool = False
) -> ssl.SSLSocket | ftplib.Error:
    """Connect to the 227 address, read the transfer command's reply (after ``REST``'s), and
    return the encrypted data connection, or the server's refusal of the command."""
    host, port = _pasv_address(s, pasv_reply)
    try:
        conn = socket.create_connection((host, port), s.timeout)
    except OSError:
        s.close()  # the replies to the command are still due: this session is spent
        raise
    try:
        if rest:
            resp = s.getresp()
            if resp[:3] != "350":
                raise ftplib.error_reply(resp)
        try:
            resp = s.getresp()
            if resp[0] == "2":  # a stray 200 before the 150 (some servers)
                resp = s.getresp()
        except (ftplib.error_perm, ftplib.error_temp) as refused:
            conn.close()
            return refused
        if resp[0] != "1":
            raise ftplib.error_reply(resp)
    except BaseException:
        conn.close()
        raise
    assert isinstance(s.sock, ssl.SSLSocket)
    try:
        return s.context.wrap_socket(conn, server_hostname=s.host, session=s.sock.session)
    except (ssl.SSLError, OSError) as exc:
        conn.close()
        raise E.ConnectionLost(
            _("The encrypted data connection to {host} failed ({exc}).").format(
                host=s.endpoint.host, exc=exc
            ),
            detail=repr(exc),
        ) from exc


def _require_prot_p(s: FTPSSession) -> None:
    if not getattr(s, "_prot_p", False):
        raise E.InsecureRefused(_("Refusing an unencrypted data connection (PROT P not set)."))


def open_data(s: FTPSSession, cmd: str, rest: int | None = None) -> ssl.SSLSocket:
    """A data connection for ``cmd`` (``RETR``, ``LIST`` …), encrypted with the control
    connection's TLS session; the caller reads it, closes it and reads the final reply.

    ``PASV``, ``REST`` and the command go out together, so the command is on its way while the
    data connection is being made."""
    _require_prot_p(s)
    if s.af != socket.AF_INET:  # EPSV: ftplib's way
        conn, _size = s.ntransfercmd(cmd, rest)
        return conn  # type: ignore[return-value]
    send_together(s, "PASV", *([f"REST {rest}"] if rest else []), cmd)
    got = _data_after(s, s.getresp(), rest=bool(rest))
    if isinstance(got, ftplib.Error):
        raise got
    return got


def _read_all(s: FTPSSession, conn: ssl.SSLSocket) -> bytes:
    chunks: list[bytes] = []
    with conn:
        while data := conn.recv(BLOCK_SIZE):
            chunks.append(data)
        s._close_data(conn)
    s.voidresp()
    return b"".join(chunks)


def list_and_read(
    s: FTPSSession, folder: str, name: str
) -> tuple[list[ListedEntry], bytes | None] | None:
    """``STAT folder`` and ``RETR folder/name`` in one round trip: the folder's entries and the
    file's bytes (None when the folder has no such file). None when the server has no STAT
    listings (the caller lists another way)."""
    if getattr(s, "_corelab_no_stat", False) or s.af != socket.AF_INET:
        return None
    _require_prot_p(s)
    set_type(s, "I")
    send_together(s, f"STAT {folder}", "PASV", f"RETR {folder}/{name}")
    try:
        stat: list[ListedEntry] | None = _stat_entries(s, s.getresp())
    except (ftplib.error_perm, ftplib.error_temp):
        s._corelab_no_stat = True  # type: ignore[attr-defined]
        stat = None
    got = _data_after(s, s.getresp())
    data = None if isinstance(got, ftplib.Error) else _read_all(s, got)
    if stat is None:
        return None
    entries = stat
    if not entries:  # an empty answer is asked again, as for any listing
        entries = list_folder(s, folder)
    if data is None and any(e.name == name and not e.is_dir for e in entries):
        data = read_small(s, posixpath.join(folder, name))  # it arrived meanwhile
    return entries, data


def _lines(s: FTPSSession, cmd: str) -> list[str]:
    set_type(s, "A")
    out: list[str] = []
    with open_data(s, cmd) as conn, conn.makefile("r", encoding=s.encoding) as fp:
        while line := fp.readline(ftplib.MAXLINE + 1):
            out.append(line.rstrip("\r\n"))
        s._close_data(conn)
    s.voidresp()
    return out


def _stat_entries(s: FTPSSession, resp: str) -> list[ListedEntry] | None:
    """The entries in a ``STAT <folder>`` reply; None (and no more STAT on this session) when
    the reply is not a listing this parser can read."""
    lines = resp.splitlines()
    if resp[:3] in ("211", "212", "213") and len(lines) >= 2:
        body = [line.lstrip(" ") for line in lines[1:-1]]
        entries = _parse_list(body)
        if entries or not [b for b in body if _counts(b)]:
            return entries
    s._corelab_no_stat = True  # type: ignore[attr-defined]
    return None


def _counts(line: str) -> bool:
    """A listing line that should have given an entry (not blank, ``total``, ``.`` or ``..``)."""
    parts = line.split(None, 8)
    return bool(parts) and parts[0] != "total" and parts[-1] not in (".", "..")


def _stat_listing(s: FTPSSession, path: str) -> list[ListedEntry] | None:
    """The listing of ``path`` over the control connection, or None when the server will not."""
    if getattr(s, "_corelab_no_stat", False):
        return None
    try:
        resp = s.sendcmd(f"STAT {path}")
    except (ftplib.error_perm, ftplib.error_temp):
        s._corelab_no_stat = True  # type: ignore[attr-defined]
        return None
    return _stat_entries(s, resp)


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
    """Entries from ``LIST``/``STAT`` lines. The common Unix line (mode, links, owner, group,
    size, month, day, time or year, name) is split here, as ftputil splits it, at a fraction of
    its cost (a 20,000-file tree is 20,000 lines); any other line goes to ftputil's parsers."""
    out = []
    odd = []
    for line in lines:
        parts = line.split(None, 8)
        if (
            len(parts) == 9
            and len(parts[0]) == 10
            and parts[0][0] in "-d"
            and parts[4].isdigit()
            and not parts[5].isdigit()
        ):
            name = parts[8]
            if parts[0][0] == "d":
                if name not in (".", ".."):
                    out.append(ListedEntry(name, True, 0))
            elif " -> " not in name:
                out.append(ListedEntry(name, False, int(parts[4])))
            else:
                odd.append(line)
        else:
            odd.append(line)
    if odd:
        out.extend(_parse_list_ftputil(odd))
    return out


def _parse_list_ftputil(lines: list[str]) -> list[ListedEntry]:
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
    for attempt in range(EMPTY_RETRIES + 1):
        stat = _stat_listing(s, path)
        if stat is not None:
            entries = stat
        elif _uses_mlsd(s):
            entries = _parse_mlsd(_lines(s, f"MLSD {path}"))
        else:
            entries = _parse_list(_lines(s, f"LIST {path}"))
        if entries:
            return entries
        if attempt < EMPTY_RETRIES:
            log.debug("empty listing of %s, asking again", path, extra={"event": "list"})
            time.sleep(EMPTY_PAUSE)
    return []


def stat_many(s: FTPSSession, folders: list[str]) -> list[list[ListedEntry]] | None:
    """The listings of ``folders`` (absolute) over the control connection: their ``STAT``
    commands go out in batches (one round trip a batch, no data connection), the replies are read
    in order. None when the server gives no ``STAT`` listings (then nothing is pending on the
    session). A folder that is gone or unreadable lists as empty; an empty answer is asked again,
    as for any listing; a reply this parser cannot read is listed over a data connection."""
    if not folders:
        return []
    if s.af != socket.AF_INET:
        return None
    first = _stat_listing(s, folders[0])
    if first is None:
        return None
    out: list[list[ListedEntry] | None] = [first, *([None] * (len(folders) - 1))]
    todo = [i for i in range(len(folders)) if not out[i]]
    believed: set[int] = set()
    for attempt in range(EMPTY_RETRIES + 1):
        odd = []
        for start in range(0, len(todo), STAT_BATCH):
            batch = todo[start : start + STAT_BATCH]
            send_together(s, *(f"STAT {folders[i]}" for i in batch))
            for i in batch:
                try:
                    resp = s.getresp()
                except (ftplib.error_perm, ftplib.error_temp):
                    out[i] = []
                    continue
                entries = _stat_entries(s, resp)
                s._corelab_no_stat = False  # type: ignore[attr-defined] # one odd reply only
                if entries is None:
                    odd.append(i)
                elif not entries and len(resp.splitlines()) > 2:
                    believed.add(i)  # an empty folder listed as such ("." and ".." only)
                out[i] = entries or []
        for i in odd:  # every reply of the batches is in: the session is free again
            out[i] = list_folder_without_stat(s, folders[i])
        todo = [i for i in todo if not out[i] and i not in believed]
        if not todo or attempt == EMPTY_RETRIES:
            break
        log.debug("%d empty listing(s), asking again", len(todo), extra={"event": "list"})
        time.sleep(EMPTY_PAUSE)
    return [entries or [] for entries in out]


def list_folder_without_stat(s: FTPSSession, path: str) -> list[ListedEntry]:
    """One folder over a data connection (``MLSD``, else ``LIST``)."""
    if _uses_mlsd(s):
        return _parse_mlsd(_lines(s, f"MLSD {path}"))
    return _parse_list(_lines(s, f"LIST {path}"))


def read_small(s: FTPSSession, path: str) -> bytes:
    """The whole of a small remote file (a manifest), in memory."""
    set_type(s, "I")
    return _read_all(s, open_data(s, f"RETR {path}"))
