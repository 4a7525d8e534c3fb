"""The support bundle: one zip a site sends the core lab when something goes wrong.

It is assembled from explicit sections, each a function returning ``{name in zip: content}``:
the last 14 days of (already redacted) logs, program and library versions, the trust store's
fingerprints, sites without passwords, the queue state, the keyring backend's name, and a README
describing all of it. Nothing is copied from disk by pattern, so the key code, DICOM files and
passwords cannot end up inside; every text is passed through the redaction again on the way in,
and a final check refuses to write anything that looks like DICOM.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import importlib.metadata
import json
import logging
import os
import platform
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from echouploader import __version__
from echouploader.core import paths
from echouploader.core.errors import EchoUploaderError, UsageError
from echouploader.core.ftps.trust_store import TrustStore
from echouploader.core.i18n import _
from echouploader.core.support import logs
from echouploader.core.support.redaction import SECRET_FIELDS, redactor

log = logging.getLogger("echouploader.support")

DEFAULT_DAYS = 14
LIBRARIES = (
    "PySide6-Essentials",
    "PySide6",
    "shiboken6",
    "ftputil",
    "pydicom",
    "keyring",
    "platformdirs",
    "cryptography",
    "defusedxml",
    "pyftpdlib",
    "pyOpenSSL",
    "SecretStorage",
)

Content = str | bytes
Section = Callable[["BundleContext"], dict[str, Content]]


class SectionUnavailable(Exception):
    """This part of the program is not present or has nothing to show (said in the README)."""


@dataclasses.dataclass
class BundleContext:
    now: dt.datetime
    days: int = DEFAULT_DAYS
    log_dir: Path | None = None
    qt_version: str | None = None  # the GUI passes qVersion(); core never imports Qt


@dataclasses.dataclass
class BundleResult:
    path: Path
    files: list[str]
    unavailable: dict[str, str]  # section → why it is missing


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"


def _without_secrets(value: Any) -> Any:
    """Drop password-like keys anywhere inside ``value`` and redact every string."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = dataclasses.asdict(value)
    elif hasattr(value, "to_dict"):
        value = value.to_dict()
    if isinstance(value, dict):
        return {
            str(k): _without_secrets(v)
            for k, v in value.items()
            if str(k).lower() not in SECRET_FIELDS and "password" not in str(k).lower()
        }
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_without_secrets(v) for v in value]
    return redactor.redact_value(value)


# --- sections ---------------------------------------------------------------------------------


def logs_section(ctx: BundleContext) -> dict[str, Content]:
    """The log records of the last ``days`` days, as JSON lines and as a readable table."""
    since = ctx.now - dt.timedelta(days=ctx.days)
    records = logs.read_records(since=since, log_dir=ctx.log_dir)
    lines = [json.dumps(redactor.redact_value(r), ensure_ascii=False) for r in records]
    table = [
        "\t".join(
            [
                str(r.get("ts", "")),
                str(r.get("level", "")),
                str(r.get("site") or ""),
                str(r.get("exam") or ""),
                redactor.redact(logs.format_record(r)),
            ]
        )
        for r in records
    ]
    return {
        "logs/echouploader.jsonl": "\n".join(lines) + ("\n" if lines else ""),
        "logs/echouploader.txt": "time\tlevel\tsite\texam\tmessage\n" + "\n".join(table) + "\n",
    }


def _dist_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def versions_section(ctx: BundleContext) -> dict[str, Content]:
    """Program, Python, Qt, operating system and library versions; the program's folders."""
    qt = ctx.qt_version or _dist_version("PySide6-Essentials") or _dist_version("PySide6")
    data = {
        "echouploader": __version__,
        "python": {
            "version": platform.python_version(),
            "implementation": platform.python_implementation(),
            "frozen": bool(getattr(sys, "frozen", False)),
        },
        "qt": qt,
        "os": {
            "platform": platform.platform(),
            "system": platform.system(),
            "release": platform.release(),
            "version": platform.version(),
            "machine": platform.machine(),
        },
        "libraries": {name: v for name in LIBRARIES if (v := _dist_version(name))},
        "folders": {
            kind: str(path)
            for kind, path in {
                "config": paths.config_dir(create=False),
                "data": paths.data_dir(create=False),
                "cache": paths.cache_dir(create=False),
                "log": ctx.log_dir or paths.log_dir(create=False),
                "site_config": paths.site_config_dir(),
            }.items()
        },
        "created": ctx.now.replace(microsecond=0).isoformat(),
    }
    return {"versions.json": _json(data)}


def trust_section(ctx: BundleContext) -> dict[str, Content]:
    """The servers whose certificates this user trusts, with their fingerprints."""
    entries = [
        {
            "host": e.host,
            "port": e.port,
            "sha256": e.sha256,
            "subject": e.subject,
            "issuer": e.issuer,
            "not_after": e.not_after,
            "first_seen": e.first_seen,
            "last_seen": e.last_seen,
        }
        for e in sorted(TrustStore().entries(), key=lambda e: (e.host, e.port))
    ]
    return {"trust_store.json": _json(_without_secrets(entries))}


def _module(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise SectionUnavailable(f"{name} is not part of this version") from exc


def _summary(module_name: str) -> Any:
    """``support_summary()`` of a core module: what of itself is safe and useful to show."""
    module = _module(module_name)
    summary = getattr(module, "support_summary", None)
    if summary is None:
        raise SectionUnavailable(f"{module_name} offers no support summary")
    return summary()


def sites_section(ctx: BundleContext) -> dict[str, Content]:
    """The configured sites (user and machine-wide), without passwords."""
    return {"sites.json": _json(_without_secrets(_summary("echouploader.core.sites.store")))}


def queue_section(ctx: BundleContext) -> dict[str, Content]:
    """The transfer queue: jobs, their state and their last error (no file contents)."""
    return {
        "queue.json": _json(_without_secrets(_summary("echouploader.core.transfer.queue_store")))
    }


def keyring_section(ctx: BundleContext) -> dict[str, Content]:
    """Which keyring backend holds the passwords (its name, never its content)."""
    data: dict[str, Any] = {}
    try:
        import keyring

        backend = keyring.get_keyring()
        data["backend"] = f"{type(backend).__module__}.{type(backend).__qualname__}"
        data["backend_name"] = getattr(backend, "name", type(backend).__name__)
    except Exception as exc:  # noqa: BLE001 - a broken keyring is exactly what support needs to see
        data["error"] = f"{type(exc).__name__}: {exc}"
    try:
        data["program"] = _summary("echouploader.core.sites.credentials")
    except SectionUnavailable as exc:
        data["program"] = str(exc)
    return {"keyring.json": _json(_without_secrets(data))}


SECTIONS: list[tuple[str, Section]] = [
    ("logs", logs_section),
    ("versions", versions_section),
    ("trust store", trust_section),
    ("sites", sites_section),
    ("queue", queue_section),
    ("keyring", keyring_section),
]

README = """\
EchoUploader support bundle
===========================

Created {created} by EchoUploader {version} for the core lab's support staff.

What is inside
--------------
{contents}
What is NOT inside, by design
-----------------------------
- no password (passwords live only in the operating system's keyring);
- no key code (the site's list linking study IDs to patients never leaves the site);
- no DICOM file and no exam data;
- no patient names, IDs or birth dates: the program replaces every identifier the privacy check
  found with [redacted] in every log line, file and folder names included.

Times are UTC. Each log line is one JSON object: ts, level, event (connect, tls, login, trust,
list, check, deidentify, transfer_start, transfer_done, retry, verify, quota, error, ...), site,
exam, paths, bytes, duration, rate, the server's reply code and text, a job id and a transfer id
that match the server's own transfer log.
{missing}"""

DESCRIPTIONS = {
    "logs/echouploader.jsonl": "the log of the last {days} days, one JSON record per line",
    "logs/echouploader.txt": "the same log as a readable table (time, level, site, exam, message)",
    "versions.json": "program, Python, Qt, operating system and library versions; folders used",
    "trust_store.json": "servers whose certificates are trusted, with SHA-256 fingerprints",
    "sites.json": "configured sites: server, port, user name, folders (no passwords)",
    "queue.json": "the transfer queue: jobs, their state and last error",
    "keyring.json": "the name of the keyring backend that holds passwords",
}


def _readme(ctx: BundleContext, files: list[str], unavailable: dict[str, str]) -> str:
    contents = "".join(
        f"- {name}: {DESCRIPTIONS.get(name, '').format(days=ctx.days)}\n" for name in files
    )
    missing = ""
    if unavailable:
        missing = "\nNot included\n------------\n" + "".join(
            f"- {section}: {why}\n" for section, why in unavailable.items()
        )
    return README.format(
        created=ctx.now.replace(microsecond=0).isoformat(),
        version=__version__,
        contents=contents,
        missing=missing,
    )


def _refuse_dicom(name: str, data: bytes) -> None:
    if name.lower().endswith((".dcm", ".dicom")) or data[128:132] == b"DICM":
        raise EchoUploaderError(
            _("Refusing to put {name} in the support bundle: it is DICOM.").format(name=name)
        )


def create(
    out: Path,
    *,
    days: int = DEFAULT_DAYS,
    now: dt.datetime | None = None,
    log_dir: Path | None = None,
    qt_version: str | None = None,
    overwrite: bool = True,
    sections: list[tuple[str, Section]] | None = None,
) -> BundleResult:
    """Write the bundle to ``out`` (atomically) and say what went in and what could not."""
    out = Path(out)
    if out.exists() and (out.is_dir() or not overwrite):
        raise UsageError(_("{out} already exists; choose another name.").format(out=out))
    if not out.parent.is_dir():
        raise UsageError(_("The folder {parent} does not exist.").format(parent=out.parent))
    ctx = BundleContext(now or dt.datetime.now(dt.UTC), days, log_dir, qt_version)
    members: dict[str, bytes] = {}
    unavailable: dict[str, str] = {}
    for title, section in sections if sections is not None else SECTIONS:
        try:
            produced = section(ctx)
        except SectionUnavailable as exc:
            unavailable[title] = str(exc)
            continue
        except Exception as exc:  # noqa: BLE001 - one broken section must not lose the bundle
            log.warning("support bundle: the %s section failed: %r", title, exc, exc_info=exc)
            unavailable[title] = f"failed: {type(exc).__name__}: {redactor.redact(str(exc))}"
            continue
        for name, content in produced.items():
            text = content if isinstance(content, str) else content.decode("utf-8", "replace")
            members[name] = redactor.redact(text).encode("utf-8")
    members = {"README.txt": _readme(ctx, list(members), unavailable).encode("utf-8"), **members}
    for name, data in members.items():
        _refuse_dicom(name, data)

    fd, tmp = tempfile.mkstemp(prefix=".bundle-", suffix=".zip", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as fh, zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in members.items():
                info = zipfile.ZipInfo(name, date_time=ctx.now.timetuple()[:6])
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o600 << 16
                zf.writestr(info, data)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    log.info(
        "support bundle written (%d files)",
        len(members),
        extra={"event": "support_bundle", "path": str(out), "files": list(members)},
    )
    return BundleResult(out, list(members), unavailable)
