"""Site commands: ``sites import|list|show|add|rename|remove``, ``login``, ``logout``."""

from __future__ import annotations

import argparse
import getpass
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from echouploader.cli import common
from echouploader.core.errors import CredentialsError, ExitCode, UsageError
from echouploader.core.ftps.target import Endpoint, normalize_remote_path, parse_url
from echouploader.core.sites import credentials, filezilla
from echouploader.core.sites.store import (
    EXPLICIT,
    IMPLICIT,
    LOGON_ASK,
    Site,
    SiteStore,
)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sites = sub.add_parser(
        "sites",
        help="manage sites (saved servers); import FileZilla site files",
        description="Sites are saved servers. Use them as TARGET with site:NAME[/PATH].",
    )
    ssub = sites.add_subparsers(dest="sites_command", metavar="ACTION", required=True)

    p = ssub.add_parser(
        "import",
        help="import a FileZilla site file (sitemanager.xml, an export, recentservers.xml)",
        description="Import the FTPS sites of a FileZilla XML file. Passwords go to the OS "
        "keyring; the file is not copied. Delete the file afterwards: base64 is not protection.",
    )
    p.add_argument("file", metavar="FILE", type=Path)
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=cmd_import)

    p = ssub.add_parser("list", help="list the sites")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.set_defaults(func=cmd_list)

    p = ssub.add_parser("show", help="show one site")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_show)

    p = ssub.add_parser("add", help="add a site: NAME and ftps://USER@HOST[:PORT]/PATH")
    p.add_argument("name", metavar="NAME")
    p.add_argument("url", metavar="URL", help="ftps://USER@HOST[:PORT]/PATH or ftpes://…")
    p.add_argument(
        "--remote-dir", metavar="D", help="the folder to upload into (default: URL path)"
    )
    p.add_argument("--quota", metavar="BYTES", type=int, help="storage quota in bytes")
    p.set_defaults(func=cmd_add)

    p = ssub.add_parser("rename", help="rename a site (its stored password stays)")
    p.add_argument("name", metavar="NAME")
    p.add_argument("new_name", metavar="NEW_NAME")
    p.set_defaults(func=cmd_rename)

    p = ssub.add_parser("remove", help="remove a site")
    p.add_argument("name", metavar="NAME")
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser("login", help="store a site's password in the OS keyring")
    p.add_argument("name", metavar="NAME", help="a site name (or an ftps:// URL)")
    p.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    p.set_defaults(func=cmd_login)

    p = sub.add_parser("logout", help="remove a site's password from the OS keyring")
    p.add_argument("name", metavar="NAME", help="a site name (or an ftps:// URL)")
    p.set_defaults(func=cmd_logout)


def _has_password(site: Site) -> bool:
    if site.logon == LOGON_ASK:
        return False
    try:
        return credentials.default_storage().get_password(site.endpoint()) is not None
    except CredentialsError:
        return False


def _summary(site: Site) -> dict[str, Any]:
    return {
        "name": site.name,
        "folder": site.folder,
        "host": site.host,
        "port": site.port,
        "protocol": site.protocol,
        "user": site.user,
        "remote_dir": site.remote_dir,
        "managed": site.managed,
        "has_password": _has_password(site),
    }


def cmd_import(args: argparse.Namespace) -> int:
    summary = filezilla.import_file(args.file, SiteStore(), credentials.default_storage())
    if args.json:
        common.print_json(summary.to_dict())
    else:
        print("\n".join(summary.lines()))
        if summary.passwords_in_memory_only:
            print(
                "This command ends now, so those passwords are not kept: set "
                "ECHOUPLOADER_PASSWORD or enter the password when asked."
            )
        if summary.imported:
            print(
                f"The file {args.file.name} was not copied; delete it now that its sites are "
                "imported (its passwords are only base64-encoded)."
            )
    if not summary.imported:
        print("echouploader: no site in the file could be imported.", file=sys.stderr)
        return int(ExitCode.USAGE)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    store = SiteStore()
    sites = store.sites()
    rows = [_summary(s) for s in sites]
    for hidden in store.shadowed():
        print(
            f"echouploader: your site '{hidden.name}' is hidden by the site of the same name "
            "managed by IT.",
            file=sys.stderr,
        )
    if args.json:
        common.print_json(rows)
        return 0
    if not rows:
        print("No sites yet: 'echouploader sites import FILE' or 'echouploader sites add'.")
        return 0
    for r in rows:
        flags = ", ".join(
            f for f, on in (("managed", r["managed"]), ("password stored", r["has_password"])) if on
        )
        if r["folder"]:
            flags = f"folder {r['folder']}" + (f", {flags}" if flags else "")
        url = Endpoint(r["host"], r["port"], r["user"], r["protocol"] == IMPLICIT).url(
            r["remote_dir"]
        )
        print(f"{r['name']}  {url}" + (f"  [{flags}]" if flags else ""))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    site = SiteStore().get(args.name)
    data = {**site.to_dict(), "managed": site.managed, "has_password": _has_password(site)}
    data["keyring"] = credentials.default_storage().backend_name()
    if args.json:
        common.print_json(data)
        return 0
    width = max(len(k) for k in data)
    for key, value in data.items():
        if isinstance(value, list):
            value = ", ".join(value) or "-"
        elif isinstance(value, dict):
            value = ", ".join(f"{k}={v}" for k, v in value.items()) or "-"
        print(f"{key.replace('_', ' '):<{width}}  {value}")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    target = parse_url(args.url)
    ep = target.endpoint
    if args.quota is not None and args.quota < 0:
        raise UsageError("The quota must be a number of bytes, 0 or more.")
    site = Site(
        name=args.name,
        host=ep.host,
        port=ep.port,
        protocol=IMPLICIT if ep.implicit else EXPLICIT,
        user=ep.user,
        remote_dir=normalize_remote_path(args.remote_dir) if args.remote_dir else target.path,
    )
    if args.quota is not None:
        site = replace(site, quota_bytes=args.quota)
    added = SiteStore().add(site)
    print(f"Added site '{added.name}': {added.url()}")
    return 0


def cmd_rename(args: argparse.Namespace) -> int:
    site = SiteStore().rename(args.name, args.new_name)
    print(f"Renamed to '{site.name}'; its stored password is kept.")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    store = SiteStore()
    site = store.remove(args.name)
    account = credentials.account_name(site.endpoint())
    still_used = any(credentials.account_name(s.endpoint()) == account for s in store.sites())
    removed = False
    if not still_used:
        try:
            removed = credentials.default_storage().delete_password(site.endpoint())
        except CredentialsError as exc:
            print(f"echouploader: {exc}", file=sys.stderr)
    print(f"Removed site '{site.name}'" + (" and its stored password." if removed else "."))
    return 0


def _endpoint(name: str, *, storing: bool = True) -> Endpoint:
    if name.startswith(("ftps://", "ftpes://")):
        return parse_url(name).endpoint
    site = SiteStore().get(name)
    if storing and site.logon == LOGON_ASK:
        raise UsageError(
            f"Site '{site.name}' is set to ask for the password on every connection; it is not "
            "stored."
        )
    return site.endpoint()


def _read_password(ep: Endpoint, from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        password = getpass.getpass(f"Password for {ep.label()} ({ep.user}@{ep.host}): ")
    else:
        raise UsageError("No terminal to ask for the password; use --password-stdin.")
    if not password:
        raise UsageError("No password was given.")
    return password


def cmd_login(args: argparse.Namespace) -> int:
    ep = _endpoint(args.name)
    storage = credentials.default_storage()
    if storage.in_memory:
        raise CredentialsError(
            f"The password cannot be stored: {storage.reason} Set ECHOUPLOADER_PASSWORD or "
            "enter the password when asked."
        )
    storage.set_password(ep, _read_password(ep, args.password_stdin))
    print(f"Password for {ep.label()} stored in {storage.backend_name()}.")
    return 0


def cmd_logout(args: argparse.Namespace) -> int:
    ep = _endpoint(args.name, storing=False)
    storage = credentials.default_storage()
    if storage.delete_password(ep):
        print(f"Password for {ep.label()} removed from {storage.backend_name()}.")
    else:
        print(f"No stored password for {ep.label()}.")
    return 0
