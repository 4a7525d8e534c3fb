"""Remote commands: ``ls``, ``mkdir``, ``trust``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from echouploader.cli import common
from echouploader.core.errors import CertificateChanged, CertificateNotTrusted, ExitCode
from echouploader.core.ftps.certinfo import normalize_fingerprint
from echouploader.core.ftps.remote_fs import RemoteConnection
from echouploader.core.ftps.session import probe_certificate
from echouploader.core.ftps.trust_store import TrustStore, target_hint

TARGET_HELP = (
    "ftps://USER@HOST[:PORT]/PATH (implicit TLS), ftpes://USER@HOST[:PORT]/PATH (explicit), "
    "or site:NAME[/PATH] (PATH under the site's folder)"
)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("ls", help="list a folder on the server")
    p.add_argument("target", metavar="TARGET", help=TARGET_HELP)
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.set_defaults(func=cmd_ls)

    p = sub.add_parser("mkdir", help="create a folder (and its parents) on the server")
    p.add_argument("target", metavar="TARGET", help=TARGET_HELP)
    p.set_defaults(func=cmd_mkdir)

    p = sub.add_parser(
        "trust",
        help="show a server's certificate and trust it",
        description="Connect without logging in, show the certificate, and remember it. "
        "Compare the fingerprint with the one the core lab sent you.",
    )
    p.add_argument("target", metavar="TARGET", help=TARGET_HELP)
    p.add_argument(
        "--fingerprint",
        metavar="FP",
        help="trust only if the certificate has this SHA-256 fingerprint (hex, colons optional)",
    )
    p.add_argument("--yes", action="store_true", help="trust without asking")
    p.add_argument(
        "--replace",
        action="store_true",
        help="replace a previously trusted, now changed certificate",
    )
    p.add_argument("--json", action="store_true", help="print the certificate as JSON")
    p.set_defaults(func=cmd_trust)


def cmd_ls(args: argparse.Namespace) -> int:
    target = common.resolve_target(args.target)
    conn = RemoteConnection(common.session_factory(target))
    try:
        listing = conn.list(target.path)
    finally:
        conn.close()
    entries: list[dict[str, Any]] = [
        {
            "name": e.name,
            "type": "dir" if e.is_dir else "file",
            "size": None if e.is_dir else e.size,
            "modified": e.modified.replace(microsecond=0).isoformat() if e.modified else None,
        }
        for e in sorted(listing, key=lambda e: e.name)
    ]
    if args.json:
        common.print_json(entries)
        return 0
    for e in entries:
        size = "" if e["type"] == "dir" else str(e["size"])
        kind = "d" if e["type"] == "dir" else "-"
        print(f"{kind} {size:>14} {(e['modified'] or ''):25} {e['name']}")
    return 0


def cmd_mkdir(args: argparse.Namespace) -> int:
    target = common.resolve_target(args.target)
    conn = RemoteConnection(common.session_factory(target))
    try:
        existed = conn.is_dir(target.path)
        if not existed:
            conn.make_dir(target.path)
    finally:
        conn.close()
    print(f"{target.path} {'already exists' if existed else 'created'}.")
    return 0


def cmd_trust(args: argparse.Namespace) -> int:
    target = common.resolve_target(args.target)
    ep = target.endpoint
    store = TrustStore()
    info = probe_certificate(ep)
    known = store.get(ep.host, ep.port)
    pins = {normalize_fingerprint(p) for p in ep.pinned_fingerprints}
    if pins:
        status = "pinned" if info.sha256 in pins else "pin-mismatch"
    elif known is None:
        status = "unknown"
    elif known.sha256 == info.sha256:
        status = "trusted"
    else:
        status = "changed"

    wanted = normalize_fingerprint(args.fingerprint) if args.fingerprint else None
    if args.json:
        common.print_json({**info.to_dict(), "status": status})
    else:
        print(common.describe_certificate(info))
        print()

    if status == "pin-mismatch":
        raise CertificateChanged(
            f"The certificate of {ep.host}:{ep.port} does not match the fingerprint your IT "
            "department pinned; it cannot be trusted here. Contact the core lab or IT.",
            fingerprint=info.sha256,
        )
    if status in ("trusted", "pinned"):
        if wanted and wanted != info.sha256:
            raise CertificateNotTrusted(
                f"The server's certificate ({info.sha256}) does not match the fingerprint you "
                f"gave ({wanted}).",
                fingerprint=info.sha256,
            )
        if not args.json:
            print("This certificate is already trusted.")
        return 0
    if status == "changed" and not args.replace:
        assert known is not None
        raise CertificateChanged(
            f"The server certificate of {ep.host}:{ep.port} has CHANGED since you first trusted "
            f"it on {known.first_seen[:10]} (was {known.sha256}); this may be an interception. "
            "Confirm the new fingerprint with the core lab, then run: echouploader trust "
            f"{target_hint(ep.host, ep.port)} --replace --fingerprint NEW_FINGERPRINT",
            fingerprint=info.sha256,
            previous_fingerprint=known.sha256,
        )
    if wanted is not None:
        if wanted != info.sha256:
            raise CertificateNotTrusted(
                f"The server's certificate ({info.sha256}) does not match the fingerprint you "
                f"gave ({wanted}); it was not trusted.",
                fingerprint=info.sha256,
            )
    elif not args.yes:
        if not sys.stdin.isatty():
            raise CertificateNotTrusted(
                "The certificate was not trusted: compare the fingerprint above with the one the "
                f"core lab sent you, then run: echouploader trust {args.target} --fingerprint "
                f"{info.sha256}",
                fingerprint=info.sha256,
            )
        answer = input("Trust this certificate from now on? [y/N]: ").strip().lower()
        if answer not in ("y", "yes"):
            print("Not trusted.", file=sys.stderr)
            return int(ExitCode.CERTIFICATE)
    store.trust(info)
    if not args.json:
        print(f"Trusted {info.sha256} for {ep.host}:{ep.port}.")
    return 0
