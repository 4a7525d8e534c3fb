"""Sites: where to connect, kept by the user in ``sites.json`` and by IT machine-wide.

A *site* is a named server account (host, port, TLS mode, user), the folder to upload into, and the
site's limits and rules. The user's sites live in ``sites.json`` in the config dir, a readable JSON
file that never holds a password (passwords are in the OS keyring, see ``credentials``).

IT can install ``managed-sites.json`` in the machine-wide config dir
(``ECHOUPLOADER_SITE_CONFIG_DIR`` overrides it). Its sites are read-only and shown as managed;
its fingerprints are authoritative (a different certificate is refused even on first use); its
``policy.allow_user_sites = false`` hides and forbids the user's own sites. A user site with the
same name as a managed site is shadowed: the managed one wins. ``docs/sites.md`` describes the
file format.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from echouploader.core import paths
from echouploader.core.errors import (
    ConfigError,
    ManagedSiteError,
    PolicyRefused,
    SiteNotFound,
    UsageError,
)
from echouploader.core.ftps.certinfo import normalize_fingerprint
from echouploader.core.ftps.target import (
    EXPLICIT_PORT,
    IMPLICIT_PORT,
    MAX_CONNECTIONS,
    Endpoint,
    normalize_remote_path,
)
from echouploader.core.i18n import _
from echouploader.core.support.redaction import keep_readable

log = logging.getLogger("echouploader.sites")

USER_FILE = "sites.json"
MANAGED_FILE = "managed-sites.json"
IMPLICIT = "ftps-implicit"
EXPLICIT = "ftps-explicit"
PROTOCOLS = (IMPLICIT, EXPLICIT)
DEFAULT_QUOTA_BYTES = 300_000_000_000  # the core lab's shared 300 GB
MAX_NAME_LENGTH = 200
LOGON_NORMAL = "normal"  # the password may be kept in the keyring
LOGON_ASK = "ask"  # ask for the password on every connection (FileZilla logon types 2 and 3)


def site_label(name: str) -> str:
    """How a site is named at the start of a sentence about one of its settings."""
    return _("Site '{name}'").format(name=name)


@dataclass(frozen=True)
class Site:
    name: str
    host: str
    port: int = IMPLICIT_PORT
    protocol: str = IMPLICIT
    user: str = ""
    remote_dir: str = "/"
    folder: str = ""  # FileZilla folder path, parts joined with "/"
    passive: bool = True
    max_connections: int = 0  # 0: the program's default
    quota_bytes: int = DEFAULT_QUOTA_BYTES
    rate_limit: int = 0  # upload speed limit in bytes per second for every connection together
    comments: str = ""
    pinned_fingerprints: tuple[str, ...] = ()
    logon: str = LOGON_NORMAL
    exam_rule: dict[str, Any] = field(default_factory=dict)
    privacy_profile: dict[str, Any] = field(default_factory=dict)
    study: str = ""  # the study's name for core lab packages; see study_name()
    managed: bool = False  # set by the store: True for IT's machine-wide sites

    def study_name(self) -> str:
        """``study``, else the privacy profile's protocol ID, else the site's name."""
        protocol = self.privacy_profile.get("protocol_id")
        return self.study or (protocol if isinstance(protocol, str) and protocol else self.name)

    @property
    def implicit(self) -> bool:
        return self.protocol == IMPLICIT

    def endpoint(self) -> Endpoint:
        return Endpoint(
            host=self.host,
            port=self.port,
            user=self.user,
            implicit=self.implicit,
            site=self.name,
            pinned_fingerprints=self.pinned_fingerprints,
            max_connections=min(self.max_connections, MAX_CONNECTIONS),
            passive=self.passive,
        )

    def url(self, path: str | None = None) -> str:
        return self.endpoint().url(self.remote_dir if path is None else path)

    def to_dict(self) -> dict[str, Any]:
        """The stored form (no ``managed`` flag: where a site is stored says that)."""
        data: dict[str, Any] = {}
        for f in fields(self):
            if f.name == "managed":
                continue
            value = getattr(self, f.name)
            data[f.name] = list(value) if isinstance(value, tuple) else value
        return data

    @classmethod
    def from_dict(cls, data: Any, *, managed: bool = False) -> Site:
        """Validate one stored site; ``ConfigError`` names the first problem."""
        if not isinstance(data, dict):
            raise ConfigError(_("A site entry is not a JSON object."))
        name = data.get("name")
        try:
            name = check_name(name if isinstance(name, str) else "")
        except UsageError as exc:
            raise ConfigError(str(exc)) from exc
        where = site_label(name)

        def text(key: str, default: str = "") -> str:
            value = data.get(key, default)
            if value is None:
                return default
            if not isinstance(value, str):
                raise ConfigError(_("{where}: '{key}' must be text.").format(where=where, key=key))
            return value

        def number(key: str, default: int) -> int:
            value = data.get(key, default)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ConfigError(
                    _("{where}: '{key}' must be a whole number of at least 0.").format(
                        where=where, key=key
                    )
                )
            return value

        def mapping(key: str) -> dict[str, Any]:
            value = data.get(key) or {}
            if not isinstance(value, dict):
                raise ConfigError(
                    _("{where}: '{key}' must be a JSON object.").format(where=where, key=key)
                )
            return value

        host = text("host").strip()
        if host.startswith("[") and host.endswith("]"):
            host = host[1:-1]
        if not host or any(c.isspace() or c in "/@[]?#\\" or _control(c) for c in host):
            raise ConfigError(
                _("{where}: 'host' must be a server name or address.").format(where=where)
            )
        user = text("user")
        if any(_control(c) for c in user):
            raise ConfigError(
                _("{where}: 'user' cannot contain control characters.").format(where=where)
            )
        remote_dir = text("remote_dir", "/")
        if any(_control(c) for c in remote_dir):
            raise ConfigError(
                _("{where}: 'remote_dir' cannot contain control characters.").format(where=where)
            )
        protocol = text("protocol", IMPLICIT)
        if protocol not in PROTOCOLS:
            raise ConfigError(
                _(
                    '{where}: \'protocol\' must be "{IMPLICIT}" or "{EXPLICIT}" (plain FTP '
                    "and SFTP are not supported)."
                ).format(where=where, IMPLICIT=IMPLICIT, EXPLICIT=EXPLICIT)
            )
        default_port = IMPLICIT_PORT if protocol == IMPLICIT else EXPLICIT_PORT
        port = number("port", default_port)
        if not 1 <= port <= 65535:
            raise ConfigError(_("{where}: 'port' must be from 1 to 65535.").format(where=where))
        pins = data.get("pinned_fingerprints") or []
        if isinstance(pins, str):
            pins = [pins]
        if not isinstance(pins, list) or not all(isinstance(p, str) for p in pins):
            raise ConfigError(
                _("{where}: 'pinned_fingerprints' must be a list of fingerprints.").format(
                    where=where
                )
            )
        try:
            fingerprints = tuple(normalize_fingerprint(p) for p in pins)
        except UsageError as exc:
            raise ConfigError(_("{where}: {exc}").format(where=where, exc=exc)) from exc
        passive = data.get("passive", True)
        if not isinstance(passive, bool):
            raise ConfigError(_("{where}: 'passive' must be true or false.").format(where=where))
        logon = text("logon", LOGON_NORMAL)
        if logon not in (LOGON_NORMAL, LOGON_ASK):
            raise ConfigError(
                _('{where}: \'logon\' must be "{LOGON_NORMAL}" or "{LOGON_ASK}".').format(
                    where=where, LOGON_NORMAL=LOGON_NORMAL, LOGON_ASK=LOGON_ASK
                )
            )
        return cls(
            name=name,
            host=host,
            port=port,
            protocol=protocol,
            user=user,
            remote_dir=normalize_remote_path(remote_dir),
            folder=text("folder"),
            passive=passive,
            max_connections=number("max_connections", 0),
            quota_bytes=number("quota_bytes", DEFAULT_QUOTA_BYTES),
            rate_limit=number("rate_limit", 0),
            comments=text("comments"),
            pinned_fingerprints=fingerprints,
            logon=logon,
            exam_rule=mapping("exam_rule"),
            privacy_profile=mapping("privacy_profile"),
            study=text("study"),
            managed=managed,
        )


def _control(c: str) -> bool:
    return unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn") and c != "\u200d"


def check_name(name: str) -> str:
    """A site name: any printable text (``/`` allowed), trimmed, at most 200 characters."""
    name = unicodedata.normalize("NFC", name).strip()
    if not name:
        raise UsageError(_("A site needs a name."))
    if any(_control(c) for c in name):
        raise UsageError(_("A site name cannot contain control characters."))
    if len(name) > MAX_NAME_LENGTH:
        raise UsageError(
            _("A site name can have at most {MAX_NAME_LENGTH} characters.").format(
                MAX_NAME_LENGTH=MAX_NAME_LENGTH
            )
        )
    return name


def _key(name: str) -> str:
    return unicodedata.normalize("NFC", name).strip().casefold()


@dataclass(frozen=True)
class Policy:
    allow_user_sites: bool = True
    rate_limit: int = 0  # machine-wide upload speed limit, bytes per second (0: none)


def _read_json(path: Path, what: str) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            _("{what} {path} cannot be read.").format(what=what, path=path), detail=repr(exc)
        ) from exc
    try:
        return json.loads(text)
    except ValueError as exc:
        raise ConfigError(
            _("{what} {path} is not valid JSON (line {line}).").format(
                what=what, path=path, line=getattr(exc, "lineno", "?")
            ),
            detail=repr(exc),
        ) from exc


class SiteStore:
    """The user's sites (``sites.json``) plus IT's managed sites; thread-safe, atomic writes."""

    def __init__(self, path: Path | None = None, managed_path: Path | None = None) -> None:
        self.path = path or paths.config_dir() / USER_FILE
        self.managed_path = managed_path or paths.site_config_dir() / MANAGED_FILE
        self._lock = threading.RLock()

    # --- reading ------------------------------------------------------------------------------

    def _managed(self) -> tuple[Policy, list[Site]]:
        what = _("The machine-wide site file")
        raw = _read_json(self.managed_path, what)
        if raw is None:
            return Policy(), []
        if not isinstance(raw, dict):
            raise ConfigError(
                _("{what} {managed_path} must hold a JSON object; ask IT.").format(
                    what=what, managed_path=self.managed_path
                )
            )
        policy_raw = raw.get("policy") or {}
        allow = policy_raw.get("allow_user_sites", True) if isinstance(policy_raw, dict) else None
        if not isinstance(allow, bool):
            raise ConfigError(
                _(
                    "{what} {managed_path}: 'policy.allow_user_sites' must be true or "
                    "false; ask IT."
                ).format(what=what, managed_path=self.managed_path)
            )
        limit = policy_raw.get("rate_limit", 0) if isinstance(policy_raw, dict) else 0
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            raise ConfigError(
                _(
                    "{what} {managed_path}: 'policy.rate_limit' must be a whole number of "
                    "bytes per second (0: no limit); ask IT."
                ).format(what=what, managed_path=self.managed_path)
            )
        entries = raw.get("sites") or []
        if not isinstance(entries, list):
            raise ConfigError(
                _("{what} {managed_path}: 'sites' must be a list; ask IT.").format(
                    what=what, managed_path=self.managed_path
                )
            )
        sites: list[Site] = []
        seen: set[str] = set()
        for entry in entries:
            try:
                site = Site.from_dict(entry, managed=True)
            except ConfigError as exc:
                raise ConfigError(
                    _("{what} {managed_path}: {exc} Ask IT.").format(
                        what=what, managed_path=self.managed_path, exc=exc
                    )
                ) from exc
            if _key(site.name) in seen:
                raise ConfigError(
                    _("{what} {managed_path} names site '{name}' twice; ask IT.").format(
                        what=what, managed_path=self.managed_path, name=site.name
                    )
                )
            seen.add(_key(site.name))
            sites.append(site)
        return Policy(allow_user_sites=allow, rate_limit=limit), sites

    def _user(self) -> list[Site]:
        raw = _read_json(self.path, _("The sites file"))
        if raw is None:
            return []
        entries = raw.get("sites") if isinstance(raw, dict) else None
        if not isinstance(entries, list):
            raise ConfigError(
                _("The sites file {path} has no list of sites.").format(path=self.path)
            )
        sites = []
        for entry in entries:
            try:
                sites.append(Site.from_dict(entry))
            except ConfigError as exc:
                raise ConfigError(
                    _("The sites file {path}: {exc}").format(path=self.path, exc=exc)
                ) from exc
        return sites

    def policy(self) -> Policy:
        with self._lock:
            return self._managed()[0]

    def sites(self) -> list[Site]:
        """Every usable site: managed first, then the user's (unless shadowed or forbidden)."""
        with self._lock:
            policy, managed = self._managed()
            taken = {_key(s.name) for s in managed}
            own = [s for s in self._user() if _key(s.name) not in taken]
            found = managed + (own if policy.allow_user_sites else [])
        # Site and user names are ours, not a patient's: a log line keeps them readable.
        keep_readable([n for s in found for n in (s.name, s.user)])
        return found

    def shadowed(self) -> list[Site]:
        """The user's sites hidden by a managed site of the same name."""
        with self._lock:
            _, managed = self._managed()
            taken = {_key(s.name) for s in managed}
            return [s for s in self._user() if _key(s.name) in taken]

    def find(self, name: str) -> Site | None:
        all_sites = self.sites()
        for site in all_sites:
            if site.name == name:
                return site
        wanted = _key(name)
        for site in all_sites:
            if _key(site.name) == wanted:
                return site
        return None

    def get(self, name: str) -> Site:
        site = self.find(name)
        if site is None:
            raise SiteNotFound(
                _("There is no site named '{name}'; 'echouploader sites list' shows them.").format(
                    name=name
                )
            )
        return site

    def names(self) -> list[str]:
        return [s.name for s in self.sites()]

    def unique_name(self, name: str, taken: Iterable[str] = ()) -> str:
        """``name``, or ``name 2``, ``name 3``… when that name is already used."""
        with self._lock:
            _, managed = self._managed()
            used = {_key(s.name) for s in managed + self._user()} | {_key(n) for n in taken}
        name = check_name(name)
        if _key(name) not in used:
            return name
        n = 2
        while _key(f"{name} {n}") in used:
            n += 1
        return f"{name} {n}"

    # --- writing ------------------------------------------------------------------------------

    def _save(self, sites: list[Site]) -> None:
        data = {"version": 1, "sites": [s.to_dict() for s in sites]}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".sites-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, indent=2, ensure_ascii=False)
                fh.write("\n")
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _check_writable(self, name: str | None = None) -> tuple[Policy, list[Site]]:
        policy, managed = self._managed()
        if name is not None and any(_key(s.name) == _key(name) for s in managed):
            raise ManagedSiteError(
                _(
                    "Site '{name}' is managed by your IT department; it cannot be changed "
                    "or removed here."
                ).format(name=name)
            )
        return policy, managed

    def add_many(self, new: Iterable[Site]) -> list[Site]:
        """Add user sites in one write; every name must be free (see ``unique_name``)."""
        with self._lock:
            policy, managed = self._check_writable()
            if not policy.allow_user_sites:
                raise PolicyRefused(
                    _(
                        "Your IT department allows only the sites it has set up; sites cannot "
                        "be added here."
                    )
                )
            current = self._user()
            used = {_key(s.name) for s in current}
            added: list[Site] = []
            for site in new:
                site = replace(site, name=check_name(site.name), managed=False)
                if any(_key(m.name) == _key(site.name) for m in managed):
                    raise ManagedSiteError(
                        _(
                            "Site '{name}' is managed by your IT department; choose another name."
                        ).format(name=site.name)
                    )
                if _key(site.name) in used:
                    raise UsageError(
                        _("A site named '{name}' already exists.").format(name=site.name)
                    )
                used.add(_key(site.name))
                added.append(site)
            self._save(current + added)
        for site in added:
            log.info("site added", extra={"event": "site-added", "site": site.name})
        return added

    def add(self, site: Site) -> Site:
        return self.add_many([site])[0]

    def update(self, name: str, site: Site) -> Site:
        """Replace the user site ``name`` with ``site`` (which may carry a new name)."""
        with self._lock:
            self._check_writable(name)
            old = self.get(name)
            if site.name != old.name:
                self._check_writable(site.name)
                other = self.find(site.name)
                if other is not None and _key(other.name) != _key(old.name):
                    raise UsageError(
                        _("A site named '{name}' already exists.").format(name=site.name)
                    )
            site = replace(site, name=check_name(site.name), managed=False)
            current = self._user()
            self._save([site if _key(s.name) == _key(old.name) else s for s in current])
        return site

    def rename(self, name: str, new_name: str) -> Site:
        return self.update(name, replace(self.get(name), name=new_name))

    def remove(self, name: str) -> Site:
        with self._lock:
            self._check_writable(name)
            site = self.get(name)
            self._save([s for s in self._user() if _key(s.name) != _key(site.name)])
        log.info("site removed", extra={"event": "site-removed", "site": site.name})
        return site

    def resolve(self, spec: str) -> tuple[Site, str | None]:
        """``NAME[/PATH]`` → (site, PATH or None). Names may contain ``/``: the longest wins."""
        spec = spec.strip()
        best: Site | None = None
        for site in self.sites():
            n = len(site.name)
            head, tail = spec[:n], spec[n:]
            matches = head == site.name or _key(head) == _key(site.name)
            if (
                matches
                and (not tail or tail.startswith("/"))
                and (best is None or n > len(best.name))
            ):
                best = site
        if best is None:
            raise SiteNotFound(
                _("There is no site named '{name}'; 'echouploader sites list' shows them.").format(
                    name=spec.split("/", 1)[0]
                )
            )
        rest = spec[len(best.name) + 1 :]
        return best, (rest or None)


def site_path(site: Site, path: str | None) -> str:
    """A path given with a site: relative paths are under the site's remote folder."""
    if not path:
        return site.remote_dir
    if path.startswith("/"):
        return normalize_remote_path(path)
    return normalize_remote_path(site.remote_dir.rstrip("/") + "/" + path)


def support_summary() -> dict[str, Any]:
    """What support may see of the sites: every field (sites hold no passwords) and the policy."""
    store = SiteStore()
    sites = []
    for site in store.sites():
        entry = site.to_dict()
        entry["managed"] = site.managed
        sites.append(entry)
    return {
        "policy": {"allow_user_sites": store.policy().allow_user_sites},
        "sites": sites,
        "hidden_by_managed_sites": [s.name for s in store.shadowed()],
    }
