"""Helpers shared by CLI commands: targets, passwords, certificate prompts, output."""

from __future__ import annotations

import getpass
import json
import os
import sys
from typing import TYPE_CHECKING, Any

from echouploader.core.errors import CredentialsError, UsageError
from echouploader.core.ftps.certinfo import CertificateInfo
from echouploader.core.ftps.session import SessionFactory, TrustCheck
from echouploader.core.ftps.target import Endpoint, Target, parse_url
from echouploader.core.ftps.trust_store import Decision, TrustStore
from echouploader.core.sites import credentials

if TYPE_CHECKING:
    from echouploader.core.sites.store import Site

PASSWORD_ENV = "ECHOUPLOADER_PASSWORD"


SITE_PREFIX = "site:"


def resolve_target(text: str) -> Target:
    """``ftps://…``, ``ftpes://…`` or ``site:NAME[/PATH]`` → a Target.

    With a site, no PATH means the site's remote folder, a PATH is under it, and ``site:NAME//P``
    is the absolute path ``/P``.
    """
    return resolve_target_and_site(text)[0]


def resolve_target_and_site(text: str) -> tuple[Target, Site | None]:
    """Like :func:`resolve_target`, with the site (its quota, exam rule and privacy profile)."""
    if text.startswith(SITE_PREFIX):
        from echouploader.core.sites.store import SiteStore, site_path

        site, path = SiteStore().resolve(text[len(SITE_PREFIX) :])
        return Target(site.endpoint(), site_path(site, path)), site
    return parse_url(text), None


def _asks_every_time(endpoint: Endpoint) -> bool:
    if endpoint.site is None:
        return False
    from echouploader.core.sites.store import LOGON_ASK, SiteStore

    site = SiteStore().find(endpoint.site)
    return site is not None and site.logon == LOGON_ASK


def stored_password(endpoint: Endpoint) -> str | None:
    """The keyring's password for this endpoint's account, when there is one."""
    if _asks_every_time(endpoint):
        return None
    return credentials.default_storage().get_password(endpoint)


def get_password(endpoint: Endpoint) -> str:
    """``ECHOUPLOADER_PASSWORD``, else the keyring, else a no-echo prompt on a terminal."""
    env = os.environ.get(PASSWORD_ENV)
    if env:
        return env
    try:
        stored = stored_password(endpoint)
    except CredentialsError as exc:
        if not sys.stdin.isatty():
            raise
        print(f"echouploader: {exc}", file=sys.stderr)
        stored = None
    if stored:
        return stored
    if sys.stdin.isatty():
        return getpass.getpass(f"Password for {endpoint.label()}: ")
    raise UsageError(
        f"No password for {endpoint.label()}: set {PASSWORD_ENV}, run 'echouploader login', "
        "or run the command in a terminal to be asked."
    )


def describe_certificate(info: CertificateInfo) -> str:
    flags = []
    if info.expired:
        flags.append("EXPIRED")
    if info.not_yet_valid:
        flags.append("NOT YET VALID")
    if info.weak_signature:
        flags.append("WEAK SIGNATURE")
    issuer = "same as subject (self-signed)" if info.self_signed else info.issuer
    lines = [
        f"Server:      {info.host}:{info.port}",
        f"SHA-256:     {info.sha256}",
        f"SHA-1:       {info.sha1}",
        f"Subject:     {info.subject}",
        f"Issuer:      {issuer}",
        f"Valid:       {info.not_before[:10]} to {info.not_after[:10]}"
        + (f"  [{', '.join(flags)}]" if flags else ""),
        f"Serial:      {info.serial}",
        f"Key:         {info.key_type} {info.key_bits} bits",
        f"Signature:   {info.signature_algorithm}",
        f"Host name:   {'matches' if info.hostname_matches else 'does NOT match'} the certificate",
        f"Session:     {info.tls_version} {info.cipher}",
    ]
    return "\n".join(lines)


def terminal_prompt(info: CertificateInfo) -> Decision:
    """Ask on a terminal whether to trust an unknown certificate."""
    print("The server's certificate is not known yet:\n", file=sys.stderr)
    print(describe_certificate(info), file=sys.stderr)
    print(
        "\nCompare the SHA-256 fingerprint with the one the core lab sent you.",
        file=sys.stderr,
    )
    answer = input("Trust this certificate? [a]lways / [o]nce / [N]o: ").strip().lower()
    if answer in ("a", "always", "y", "yes"):
        return Decision.ALWAYS
    if answer in ("o", "once"):
        return Decision.ONCE
    return Decision.REJECT


def cli_trust_check(*, store: TrustStore | None = None) -> TrustCheck:
    """Unknown certificates: ask on a terminal, refuse (exit 4) otherwise."""
    interactive = sys.stdin.isatty() and sys.stderr.isatty()
    return TrustCheck(store or TrustStore(), terminal_prompt if interactive else None)


def session_factory(target: Target, trust: TrustCheck | None = None) -> SessionFactory:
    endpoint = target.endpoint
    return SessionFactory(endpoint, get_password(endpoint), trust or cli_trust_check())


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
