"""Files on the server: temporary names, sizes, deletion, and which failures are worth a retry."""

from __future__ import annotations

import contextlib
import ftplib

from echouploader.core import errors as E
from echouploader.core.ftps.session import FTPSSession, translate
from echouploader.core.transfer.model import Job
from echouploader.core.transfer.plan import PART_SUFFIX


def part_name(remote_path: str) -> str:
    """``/in/exam/a.dcm`` → ``/in/exam/a.dcm.echouploader-part``.

    Same folder (so the final ``RENAME`` is atomic on the server's file system), a suffix no real
    file has (so it cannot collide), visible in listings (vsftpd hides dot-files: a hidden partial
    would eat quota unseen), and not ending in ``.dcm`` so receivers' ``*.dcm`` watchers skip it.
    """
    return remote_path + PART_SUFFIX


class LocalFileChanged(E.EchoUploaderError):
    """The local file's size changed after the upload was planned."""


class TransferConflict(E.EchoUploaderError):
    """A different file already has the final name and the policy is 'fail'."""


# --- which failures are worth a retry ---------------------------------------------------------

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


def remote_size(s: FTPSSession, path: str) -> int | None:
    """The size of a remote file, None when there is none."""
    try:
        resp = s.sendcmd(f"SIZE {path}")
    except (ftplib.error_perm, ftplib.error_temp) as exc:
        if str(exc)[:3] in ("421", "452"):  # the server is going away / storage: not "absent"
            raise
        return None  # 550 and its cousins (450, 501, 553): no such file
    if resp[:3] == "213":
        return int(resp[3:].strip())
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
            f"The server could not write the file ({err.reply.strip()}); its disk or your quota "
            "is probably full. The core lab must free space before more can be uploaded.",
            reply=err.reply,
        )
    return None
