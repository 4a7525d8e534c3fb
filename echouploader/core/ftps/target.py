"""Where to connect: an endpoint (server + user + TLS mode) and a remote path.

``ftps://USER@HOST[:PORT]/PATH`` is implicit FTPS (default port 990); ``ftpes://USER@HOST[:PORT]/PATH``
is explicit FTPS (``AUTH TLS``, default port 21). A password inside the URL is refused: it would end
up in shell history and process lists.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from echouploader.core.errors import InsecureRefused, UsageError
from echouploader.core.i18n import _

IMPLICIT_PORT = 990
EXPLICIT_PORT = 21
MAX_CONNECTIONS = 8


@dataclass(frozen=True)
class Endpoint:
    host: str
    port: int
    user: str
    implicit: bool = True
    site: str | None = None  # the site's name when the endpoint comes from a site
    pinned_fingerprints: tuple[str, ...] = field(default=())
    max_connections: int = 0  # 0: the program's default
    passive: bool = True

    @property
    def scheme(self) -> str:
        return "ftps" if self.implicit else "ftpes"

    @property
    def mode_name(self) -> str:
        return "implicit TLS" if self.implicit else "explicit TLS"

    def url(self, path: str = "/") -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        path = path if path.startswith("/") else "/" + path
        return f"{self.scheme}://{self.user}@{host}:{self.port}{path}"

    def label(self) -> str:
        return self.site or f"{self.user}@{self.host}:{self.port}"


@dataclass(frozen=True)
class Target:
    endpoint: Endpoint
    path: str  # absolute remote path


#: A host name or address: letters, digits, dots, hyphens (and an IPv6 address's colons).
_HOST = re.compile(r"[A-Za-z0-9._:-]+")


def refuse_control_characters(text: str, what: str) -> None:
    """FTP commands are lines: a line break (or NUL, tab) in a path or name cannot be sent, and
    ``urlsplit`` would silently drop it, changing the path."""
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise UsageError(
            _(
                "{what} contains a line break or another control character, which "
                "cannot be sent to an FTP server; remove it."
            ).format(what=what)
        )


def normalize_remote_path(path: str) -> str:
    path = path or "/"
    if not path.startswith("/"):
        path = "/" + path
    norm = posixpath.normpath(path)
    return "/" if norm in (".", "//") else norm


def parse_url(text: str) -> Target:
    """Parse an ``ftps://`` or ``ftpes://`` URL into a :class:`Target`."""
    refuse_control_characters(text, _("The server address"))
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme in ("ftp", "sftp", "http", "https"):
        if scheme == "ftp":
            raise InsecureRefused(
                _(
                    "Plain FTP sends passwords and patient data unencrypted; use ftps:// "
                    "(implicit TLS, port 990) or ftpes:// (explicit TLS, port 21)."
                )
            )
        raise UsageError(
            _("'{scheme}://' is not supported; use ftps:// or ftpes://.").format(scheme=scheme)
        )
    if scheme not in ("ftps", "ftpes"):
        raise UsageError(
            _(
                "'{text}' is not a server address; use ftps://USER@HOST/PATH, "
                "ftpes://USER@HOST/PATH or site:NAME/PATH."
            ).format(text=text)
        )
    if parts.password is not None:
        raise UsageError(
            _(
                "A password inside the URL is refused (it would be kept in shell "
                "history); set ECHOUPLOADER_PASSWORD or store it with 'echouploader "
                "login'."
            )
        )
    if not parts.username:
        raise UsageError(
            _("'{text}' has no user name; use {scheme}://USER@HOST/PATH.").format(
                text=text, scheme=scheme
            )
        )
    if not parts.hostname:
        raise UsageError(_("'{text}' has no host name.").format(text=text))
    if not _HOST.fullmatch(parts.hostname):
        raise UsageError(
            _(
                "'{hostname}' is not a valid host name (only letters, digits, dots and "
                "hyphens); check the server address."
            ).format(hostname=parts.hostname)
        )
    try:
        port = parts.port
    except ValueError as exc:
        raise UsageError(
            _("'{text}' has an invalid port; use a number from 1 to 65535.").format(text=text)
        ) from exc
    implicit = scheme == "ftps"
    if port is None:
        port = IMPLICIT_PORT if implicit else EXPLICIT_PORT
    if not 1 <= port <= 65535:
        raise UsageError(
            _("Port {port} is invalid; use a number from 1 to 65535.").format(port=port)
        )
    endpoint = Endpoint(
        host=parts.hostname,
        port=port,
        user=unquote(parts.username),
        implicit=implicit,
    )
    path = unquote(parts.path)
    refuse_control_characters(endpoint.user, _("The user name"))
    refuse_control_characters(path, _("The remote folder"))
    return Target(endpoint, normalize_remote_path(path))
