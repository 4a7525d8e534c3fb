"""Files on the server: temporary names, sizes, deletion, and which failures are worth a retry."""

from __future__ import annotations

import contextlib
import ftplib
import hashlib
import io
import posixpath
import re

from echouploader.core import errors as E
from echouploader.core.ftps.session import FTPSSession, translate
from echouploader.core.i18n import _
from echouploader.core.transfer.model import Job
from echouploader.core.transfer.plan import PART_SUFFIX


def part_name(remote_path: str) -> str:
    """``/in/exam/a.dcm`` → ``/in/exam/eu-<16 hex>.echouploader-part``.

    Same folder (so the final ``RENAME`` is atomic on the server's file system); short (37 bytes,
    so a final name of up to 255 bytes still has a temporary one: adding a suffix to it would
    pass the file system's limit); derived from the final name (so a resumed upload finds its
    partial file again); a suffix no real file has (so it cannot collide, and arrivals see an
    upload in progress); visible in listings (vsftpd hides dot-files: a hidden partial would eat
    quota unseen); and not ending in ``.dcm`` so receivers' ``*.dcm`` watchers skip it.
    """
    folder, name = posixpath.split(remote_path)
    digest = hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return posixpath.join(folder, f"eu-{digest}{PART_SUFFIX}")


class LocalFileChanged(E.EchoUploaderError):
    """The local file's size changed after the upload was planned."""


class JobBusy(E.EchoUploaderError):
    """Another live process holds the job's claim in the queue: it is sending it."""


class TransferConflict(E.EchoUploaderError):
    """A different file already has the final name and the policy is 'fail'."""


# --- which failures are worth a retry ---------------------------------------------------------

#: What the network, TLS and the server can raise (and our translations of it). Anything else
#: (TypeError, KeyError ...) is a bug of ours: never retried as if the line had dropped.
NETWORK_ERRORS: tuple[type[BaseException], ...] = (
    OSError,  # sockets, ssl.SSLError, timeouts
    EOFError,  # the server closed the control connection
    ftplib.Error,
    UnicodeDecodeError,  # a reply that is not UTF-8
    E.EchoUploaderError,
)


def internal_error(exc: BaseException) -> E.InternalError:
    """A bug of ours, as one sentence (the traceback goes to the log)."""
    return E.InternalError(
        _(
            "An internal error stopped the upload ({kind}: {exc}); nothing was "
            "lost, the queue keeps every unfinished file, and the details are in "
            "the log."
        ).format(kind=type(exc).__name__, exc=exc),
        detail=repr(exc),
    )


FATAL = (
    E.LoginRefused,
    E.CertificateError,
    E.InsecureRefused,
    E.WrongTLSMode,
    E.HostNotFound,
    E.CredentialsError,
)


def project_error(exc: BaseException, job: Job) -> E.EchoUploaderError:
    return exc if isinstance(exc, E.EchoUploaderError) else translate(exc, job.endpoint)


def is_permanent(err: E.EchoUploaderError) -> bool:
    """Retrying cannot help this file (but other files may still go)."""
    if isinstance(err, (LocalFileChanged, TransferConflict, E.PermissionDenied)):
        return True
    return (
        isinstance(err, E.ServerError)
        and err.code.startswith("5")
        and not isinstance(err, E.SessionReuseRefused)
    )


#: Replies meaning "this server has no such command" (and not "no such file").
NOT_IMPLEMENTED = ("500", "502", "504")


def remote_size(s: FTPSSession, path: str) -> int | None:
    """The size of a remote file, None when there is none.

    ``SIZE`` where the server has it; otherwise the size from a listing (``MLST``, else ``LIST``).
    """
    if not s.no_size_command:
        try:
            resp = s.sendcmd(f"SIZE {path}")
        except (ftplib.error_perm, ftplib.error_temp) as exc:
            code = str(exc)[:3]
            if code in ("421", "452"):  # the server is going away / storage: not "absent"
                raise
            if code not in NOT_IMPLEMENTED:
                return None  # 550 and its cousins (450, 501, 553): no such file
            s.no_size_command = True
        else:
            if resp[:3] == "213":
                return int(resp[3:].strip())
            return None
    return listed_size(s, path)


def listed_size(s: FTPSSession, path: str) -> int | None:
    """The size of a remote file from ``MLST`` (RFC 3659) or, without it, a ``LIST`` line."""
    if any(f.startswith("MLST") for f in s.features()):
        try:
            resp = s.sendcmd(f"MLST {path}")
        except (ftplib.error_perm, ftplib.error_temp) as exc:
            if str(exc)[:3] in ("421", "452"):
                raise
            return None
        for line in resp.splitlines()[1:-1]:
            facts = line.strip().split(" ", 1)[0]
            if "type=file" not in facts.lower():
                return None
            for fact in facts.split(";"):
                key, _, value = fact.partition("=")
                if key.lower() == "size" and value.isdigit():
                    return int(value)
        return None
    lines: list[str] = []
    try:
        s.retrlines(f"LIST {path}", lines.append)
    except (ftplib.error_perm, ftplib.error_temp) as exc:
        if str(exc)[:3] in ("421", "452"):
            raise
        return None
    finally:
        s.voidcmd("TYPE I")  # a listing is ASCII; the files that follow must not be
    name = posixpath.basename(path)
    for line in lines:
        # -rw-r--r--   1 owner group   1234 Jan 01 12:00 name
        fields = line.split(None, 8)
        if len(fields) == 9 and line[:1] == "-" and fields[4].isdigit() and fields[8] == name:
            return int(fields[4])
    return None


def names_in(s: FTPSSession, folder: str) -> list[str]:
    """The names in a remote folder (``NLST``); empty when it cannot be listed."""
    try:
        return [posixpath.basename(n) for n in s.nlst(folder)]
    except (ftplib.error_perm, ftplib.error_temp) as exc:
        if str(exc)[:3] in ("421", "452"):
            raise
        return []
    finally:
        s.voidcmd("TYPE I")  # a listing is ASCII; the files that follow must not be


def read_small(s: FTPSSession, path: str, limit: int = 16 << 20) -> bytes | None:
    """The content of a small remote file (a manifest), None when there is none or too much."""
    buf = io.BytesIO()

    def take(data: bytes) -> None:
        if buf.tell() + len(data) > limit:
            raise _TooBig()
        buf.write(data)

    try:
        s.retrbinary(f"RETR {path}", take)
    except (ftplib.error_perm, ftplib.error_temp) as exc:
        if str(exc)[:3] in ("421", "452"):
            raise
        return None
    except _TooBig:
        raise E.ConnectionLost(
            _("'{path}' is too large for a manifest.").format(path=path)
        ) from None
    return buf.getvalue()


class _TooBig(Exception):
    pass


#: Server hash commands, best first: (command, local algorithm). HASH is draft-bryan-ftp-hash
#: (FEAT lists it); the X commands are vendor extensions servers rarely list, so they are asked.
HASH_COMMANDS = (("HASH", "sha256"), ("XSHA256", "sha256"), ("XMD5", "md5"), ("XCRC", "crc32"))
_HEX = re.compile(r"\b[0-9a-fA-F]{8,128}\b")


def server_hash(s: FTPSSession, path: str) -> tuple[str, str] | None:
    """(algorithm, hex digest) of a remote file by the server's own hash command, or None."""
    if s.hash_command == "":
        return None
    candidates = HASH_COMMANDS
    if s.hash_command is not None:
        candidates = tuple(c for c in HASH_COMMANDS if c[0] == s.hash_command)
    for command, algo in candidates:
        if command == "HASH":
            if not any(f.startswith("HASH") for f in s.features()):
                continue
            with contextlib.suppress(ftplib.Error):
                s.sendcmd("OPTS HASH SHA-256")
        try:
            resp = s.sendcmd(f"{command} {path}")
        except (ftplib.error_perm, ftplib.error_temp) as exc:
            code = str(exc)[:3]
            if code in ("421", "452"):
                raise
            if code in NOT_IMPLEMENTED:
                continue  # no such command: try the next
            s.hash_command = command
            return None  # the command exists but this file has no hash (550 ...)
        s.hash_command = command
        # 213 SHA-256 0-1234 <hex> name (HASH) / 250 <hex> (X commands)
        words = resp[4:].split()
        if command == "HASH" and len(words) >= 3 and words[0].upper() != "SHA-256":
            return None
        want = {"sha256": 64, "md5": 32, "crc32": 8}[algo]
        for w in words:
            if len(w) == want and _HEX.fullmatch(w):
                return algo, w.lower()
        return None
    s.hash_command = ""
    return None


def delete_quietly(s: FTPSSession, path: str) -> None:
    with contextlib.suppress(ftplib.error_perm, ftplib.error_reply):
        s.delete(path)


def as_storage_full(err: E.EchoUploaderError) -> E.StorageFull | None:
    """452/552, or vsftpd's answer to a full disk or quota (``451 Failure writing to ...``)."""
    if isinstance(err, E.StorageFull):
        return err
    if isinstance(err, E.ServerError) and err.code == "451" and "writ" in err.reply.lower():
        return E.StorageFull(
            _(
                "The server could not write the file ({reply}); its disk or your quota "
                "is probably full. The core lab must free space before more can be "
                "uploaded."
            ).format(reply=err.reply.strip()),
            reply=err.reply,
        )
    return None
