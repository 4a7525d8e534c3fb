"""From local files and folders to a list of transfers, checked before anything is sent.

Folders keep their name and inner layout under the remote folder (``upload exam1 /in`` sends
``exam1/a.dcm`` to ``/in/exam1/a.dcm``). Operating-system clutter is skipped and reported; symbolic
links are never followed out of the folder being sent (nor into sub-folders, which could loop);
files that cannot be read are collected so the caller can refuse the whole upload up front.
"""

from __future__ import annotations

import os
import posixpath
import stat
from dataclasses import dataclass, field
from pathlib import Path

from echouploader.core.errors import UsageError
from echouploader.core.ftps.target import normalize_remote_path, refuse_control_characters
from echouploader.core.i18n import _
from echouploader.core.transfer.model import Transfer

CLUTTER_NAMES = frozenset(
    {
        ".ds_store",
        "thumbs.db",
        "ehthumbs.db",
        "desktop.ini",
        ".spotlight-v100",
        ".trashes",
        ".fseventsd",
        "__macosx",
        ".temporaryitems",
        "$recycle.bin",
        "system volume information",
    }
)

#: What we add to a name while uploading; nothing real ends this way (see engine.part_name).
PART_SUFFIX = ".echouploader-part"


def is_clutter(name: str) -> bool:
    low = name.lower()
    return low in CLUTTER_NAMES or name.startswith("._") or low.endswith(PART_SUFFIX)


@dataclass
class Plan:
    transfers: list[Transfer] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (local path, why)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (local path, why)

    @property
    def total_bytes(self) -> int:
        return sum(t.size for t in self.transfers)

    def raise_if_unreadable(self) -> None:
        if not self.unreadable:
            return
        first, why = self.unreadable[0]
        more = f" (and {len(self.unreadable) - 1} more)" if len(self.unreadable) > 1 else ""
        raise UsageError(
            _(
                "{count} file(s) cannot be read, so nothing was sent: {first}: "
                "{why}{more}. Fix the permissions or leave those files out."
            ).format(count=len(self.unreadable), first=first, why=why, more=more),
            detail="; ".join(f"{p}: {w}" for p, w in self.unreadable),
        )


def _readable(path: Path) -> str | None:
    """None if the file can be opened and read, else the reason."""
    try:
        with open(path, "rb") as fh:
            fh.read(1)
    except OSError as exc:
        return exc.strerror or type(exc).__name__
    return None


def plan_upload(sources: list[Path | str], remote_folder: str) -> Plan:
    """The transfers that send ``sources`` (files or folders) into ``remote_folder``."""
    plan = Plan()
    refuse_control_characters(remote_folder, _("The remote folder"))
    remote_folder = normalize_remote_path(remote_folder)
    seen: dict[str, Path] = {}
    for src in sources:
        path = Path(src)
        try:
            st = path.lstat()
        except OSError as exc:
            raise UsageError(
                _("'{path}' does not exist or cannot be reached ({strerror}).").format(
                    path=path, strerror=exc.strerror
                )
            ) from exc
        if stat.S_ISLNK(st.st_mode):
            path = path.resolve()  # a link given by name on the command line is what was meant
            st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            _add_folder(plan, path, path.name or "folder", seen)
        elif stat.S_ISREG(st.st_mode):
            if is_clutter(path.name):
                plan.skipped.append((str(path), "operating-system clutter"))
                continue
            _add_file(plan, path, path.name, st.st_size, seen)
        else:
            plan.skipped.append((str(path), _("not a regular file")))
    for t in plan.transfers:
        t.remote_path = posixpath.join(remote_folder, t.relpath)
    return plan


def _add_folder(plan: Plan, root: Path, top: str, seen: dict[str, Path]) -> None:
    real_root = root.resolve()

    def onerror(exc: OSError) -> None:
        plan.unreadable.append((str(exc.filename), exc.strerror or _("cannot list the folder")))

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror, followlinks=False):
        here = Path(dirpath)
        kept = []
        for d in sorted(dirnames):
            full = here / d
            if is_clutter(d):
                plan.skipped.append((str(full), "operating-system clutter"))
            elif full.is_symlink():
                plan.skipped.append((str(full), _("link to a folder (not followed)")))
            else:
                kept.append(d)
        dirnames[:] = kept
        for name in sorted(filenames):
            full = here / name
            if is_clutter(name):
                plan.skipped.append((str(full), "operating-system clutter"))
                continue
            try:
                st = full.lstat()
                if stat.S_ISLNK(st.st_mode):
                    real = full.resolve()
                    if not real.is_relative_to(real_root):
                        plan.skipped.append((str(full), _("link pointing outside the folder")))
                        continue
                    st = real.stat()
            except OSError as exc:
                plan.unreadable.append((str(full), exc.strerror or "cannot be read"))
                continue
            if not stat.S_ISREG(st.st_mode):
                plan.skipped.append((str(full), _("not a regular file")))
                continue
            rel = (Path(top) / full.relative_to(root)).as_posix()
            _add_file(plan, full, rel, st.st_size, seen)


def _add_file(plan: Plan, path: Path, rel: str, size: int, seen: dict[str, Path]) -> None:
    if "\n" in rel or "\r" in rel:  # FTP commands are lines: such a name cannot be sent
        plan.unreadable.append((repr(str(path)), _("the name contains a line break")))
        return
    why = _readable(path)
    if why is not None:
        plan.unreadable.append((str(path), why))
        return
    if rel in seen:
        raise UsageError(
            _(
                "'{path}' and '{seen}' would both be uploaded as '{rel}'; rename one "
                "or send them separately."
            ).format(path=path, seen=seen[rel], rel=rel)
        )
    seen[rel] = path
    plan.transfers.append(Transfer(local_path=path, remote_path="", relpath=rel, size=size))
