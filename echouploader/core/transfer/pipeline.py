"""Verify and rename many uploaded files in two round trips instead of three per file.

RFC 959 servers read a control connection's commands in order and answer each in turn, so the
``SIZE`` of every temporary file goes out back to back and the replies are read afterwards; then
one ``RNFR``/``RNTO`` pair per file whose size is right, again back to back. A file is renamed to
its final name only after the server has reported its full size: a final name never shows a
partial file. A refused ``RNFR`` makes the server answer the ``RNTO`` after it with ``503``, which
is read (and reported) like any other reply, so the replies stay in step.
"""

from __future__ import annotations

import ftplib
from dataclasses import dataclass

from echouploader.core.ftps.session import FTPSSession
from echouploader.core.i18n import _
from echouploader.core.transfer.remote_files import NOT_IMPLEMENTED, remote_size

MAX_BATCH = 64  # commands in flight on one connection: well inside any server's input buffer


@dataclass
class Rename:
    part: str  # the temporary name, as uploaded
    final: str
    size: int  # the size the server must report for ``part``


def _replies(s: FTPSSession, count: int) -> list[str | ftplib.Error]:
    out: list[str | ftplib.Error] = []
    for _n in range(count):
        try:
            out.append(s.getresp())
        except ftplib.Error as exc:  # a 4xx/5xx reply; the next replies still follow
            out.append(exc)
    return out


def sizes(s: FTPSSession, paths: list[str]) -> list[int | None | ftplib.Error]:
    """The server's size of each path (None: no such file; an error: a 421/452 answer).

    A server without ``SIZE`` is asked through listings, one path at a time (``remote_size``).
    """
    out: list[int | None | ftplib.Error] = []
    for start in range(0, len(paths), MAX_BATCH):
        chunk = paths[start : start + MAX_BATCH]
        if s.no_size_command:
            out.extend(remote_size(s, p) for p in chunk)
            continue
        for p in chunk:
            s.putcmd(f"SIZE {p}")
        for p, reply in zip(chunk, _replies(s, len(chunk)), strict=True):
            if isinstance(reply, ftplib.Error):
                code = str(reply)[:3]
                if code in NOT_IMPLEMENTED:
                    s.no_size_command = True
                    out.append(remote_size(s, p))
                else:
                    out.append(reply if code in ("421", "452") else None)
            elif reply[:3] == "213":
                try:
                    out.append(int(reply[3:].strip()))
                except ValueError:
                    out.append(None)
            else:
                out.append(None)
    return out


def verify_and_rename(s: FTPSSession, items: list[Rename]) -> list[str | None]:
    """For each item: None when it now has its final name, else why not (the server's reply,
    or the size it holds). Only items whose full size the server reported are renamed."""
    found = sizes(s, [r.part for r in items])
    result: list[str | None] = [None] * len(items)
    ready: list[int] = []
    for i, (item, got) in enumerate(zip(items, found, strict=True)):
        if isinstance(got, ftplib.Error):
            raise got  # the server is going away or out of space: not a per-file answer
        if got != item.size:
            result[i] = _("size {got} instead of {size}").format(got=got, size=item.size)
        else:
            ready.append(i)
    for start in range(0, len(ready), MAX_BATCH // 2):
        chunk = ready[start : start + MAX_BATCH // 2]
        for i in chunk:
            s.putcmd(f"RNFR {items[i].part}")
            s.putcmd(f"RNTO {items[i].final}")
        replies = _replies(s, 2 * len(chunk))
        for n, i in enumerate(chunk):
            rnfr, rnto = replies[2 * n], replies[2 * n + 1]
            if isinstance(rnfr, ftplib.Error) or not rnfr.startswith("3"):
                result[i] = f"RNFR: {rnfr}"
            elif isinstance(rnto, ftplib.Error) or not rnto.startswith("2"):
                result[i] = f"RNTO: {rnto}"
    return result
