"""Sites: the user's file, IT's managed sites and policy, names, and the endpoint a site gives."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from echouploader.core.errors import (
    CertificateChanged,
    ConfigError,
    ManagedSiteError,
    PolicyRefused,
    SiteNotFound,
    UsageError,
)
from echouploader.core.ftps.session import SessionFactory, TrustCheck
from echouploader.core.ftps.trust_store import Decision, TrustStore
from echouploader.core.sites.store import DEFAULT_QUOTA_BYTES, EXPLICIT, Site, SiteStore, site_path
from tests.servers import ServerInfo


def _managed(site_config: Path, sites: list[dict], allow_user_sites: bool = True) -> Path:
    path = site_config / "managed-sites.json"
    path.write_text(
        json.dumps({"policy": {"allow_user_sites": allow_user_sites}, "sites": sites}),
        encoding="utf-8",
    )
    return path


CORE_LAB = {
    "name": "Core lab",
    "host": "ftps.corelab.example",
    "port": 990,
    "protocol": "ftps-implicit",
    "user": "site07",
    "remote_dir": "/upload/site07",
    "quota_bytes": 100_000_000_000,
    "pinned_fingerprints": ["ab" * 32],
    "max_connections": 3,
    "exam_rule": {"pattern": "ECHO-{site}-{n:04d}"},
    "privacy_profile": {"name": "basic"},
    "comments": "Set up by IT",
}


def test_user_sites_round_trip_in_a_readable_file() -> None:
    store = SiteStore()
    site = Site(
        name="Lab / fetal",
        host="ftps.example",
        user="u",
        remote_dir="/in",
        comments="ö",
        exam_rule={"pattern": "X"},
        privacy_profile={"keep": ["StudyDate"]},
    )
    store.add(site)
    again = SiteStore().get("lab / FETAL")  # names are found regardless of case
    assert again == site and again.quota_bytes == DEFAULT_QUOTA_BYTES
    raw = json.loads(store.path.read_text(encoding="utf-8"))
    assert raw["sites"][0]["exam_rule"] == {"pattern": "X"}
    assert "password" not in json.dumps(raw).lower()
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600


def test_names_are_unique_rename_and_remove() -> None:
    store = SiteStore()
    store.add(Site(name="A", host="h"))
    with pytest.raises(UsageError, match="already exists"):
        store.add(Site(name="a", host="h"))
    assert store.unique_name("A") == "A 2"
    store.rename("A", "B")
    assert store.names() == ["B"]
    with pytest.raises(SiteNotFound):
        store.get("A")
    store.remove("B")
    assert store.sites() == []
    with pytest.raises(UsageError, match="control characters"):
        store.add(Site(name="bad\nname", host="h"))


def test_endpoint_carries_site_name_pins_and_limits() -> None:
    site = Site.from_dict({**CORE_LAB, "max_connections": 30, "protocol": EXPLICIT, "port": 21})
    ep = site.endpoint()
    assert (ep.site, ep.host, ep.port, ep.implicit) == (
        "Core lab",
        "ftps.corelab.example",
        21,
        False,
    )
    assert ep.pinned_fingerprints == (":".join(["AB"] * 32),)
    assert ep.max_connections == 8  # the program's ceiling


@pytest.mark.parametrize(
    ("spec", "name", "path"),
    [
        ("Core lab", "Core lab", "/upload/site07"),
        ("core LAB/exam 1", "Core lab", "/upload/site07/exam 1"),
        ("Core lab//elsewhere", "Core lab", "/elsewhere"),
        ("Core lab/fetal", "Core lab/fetal", "/fetal-in"),  # the longest name wins
        ("Core lab/fetal/x", "Core lab/fetal", "/fetal-in/x"),
    ],
)
def test_resolve_site_specs_with_slashes_in_names(spec: str, name: str, path: str) -> None:
    store = SiteStore()
    store.add(Site.from_dict({**CORE_LAB, "pinned_fingerprints": []}))
    store.add(Site(name="Core lab/fetal", host="h", remote_dir="/fetal-in"))
    site, rest = store.resolve(spec)
    assert site.name == name and site_path(site, rest) == path


def test_unknown_site_is_one_sentence() -> None:
    with pytest.raises(SiteNotFound, match="no site named 'Nowhere'"):
        SiteStore().resolve("Nowhere/x")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"name": "x", "host": "h", "protocol": "ftp"}, "plain FTP and SFTP are not supported"),
        ({"name": "x", "host": "h", "port": 70000}, "from 1 to 65535"),
        ({"name": "x", "host": ""}, "'host'"),
        ({"name": "", "host": "h"}, "needs a name"),
        ({"name": "x", "host": "h", "pinned_fingerprints": ["nope"]}, "not a SHA-256"),
        ({"name": "x", "host": "h", "quota_bytes": -1}, "'quota_bytes'"),
        ({"name": "x", "host": "h", "rate_limit": "5M"}, "'rate_limit'"),
    ],
)
def test_invalid_managed_file_is_one_clear_error(
    isolated_dirs: dict[str, Path], entry: dict, message: str
) -> None:
    _managed(isolated_dirs["site_config"], [entry])
    with pytest.raises(ConfigError, match="machine-wide site file") as err:
        SiteStore().sites()
    assert message in str(err.value)


def test_broken_json_in_managed_file(isolated_dirs: dict[str, Path]) -> None:
    (isolated_dirs["site_config"] / "managed-sites.json").write_text("{not json")
    with pytest.raises(ConfigError, match="is not valid JSON"):
        SiteStore().sites()


# --- managed sites --------------------------------------------------------------------------


def test_managed_sites_are_read_only_and_win_over_user_sites(
    isolated_dirs: dict[str, Path],
) -> None:
    store = SiteStore()
    store.add(Site(name="Core lab", host="mine.example", user="me"))
    store.add(Site(name="Mine", host="mine.example", user="me"))
    _managed(isolated_dirs["site_config"], [CORE_LAB])

    core = store.get("Core lab")
    assert core.managed and core.host == "ftps.corelab.example"
    assert core.quota_bytes == 100_000_000_000 and core.exam_rule == CORE_LAB["exam_rule"]
    assert [s.name for s in store.sites()] == ["Core lab", "Mine"]
    assert [s.host for s in store.shadowed()] == ["mine.example"]
    with pytest.raises(ManagedSiteError, match="managed by your IT department"):
        store.remove("Core lab")
    with pytest.raises(ManagedSiteError):
        store.rename("Core lab", "Other")
    with pytest.raises(ManagedSiteError):
        store.rename("Mine", "core lab")
    with pytest.raises(ManagedSiteError):
        store.add(Site(name="CORE LAB", host="h"))
    assert store.unique_name("Core lab") == "Core lab 2"
    assert (isolated_dirs["site_config"] / "managed-sites.json").read_text().count("Core lab") == 1


def test_policy_can_forbid_user_sites(isolated_dirs: dict[str, Path]) -> None:
    store = SiteStore()
    store.add(Site(name="Mine", host="mine.example"))
    _managed(isolated_dirs["site_config"], [CORE_LAB], allow_user_sites=False)
    assert store.policy().allow_user_sites is False
    assert [s.name for s in store.sites()] == ["Core lab"]  # the user's site is not usable
    with pytest.raises(PolicyRefused, match="allows only the sites it has set up"):
        store.add(Site(name="Another", host="h"))
    with pytest.raises(SiteNotFound):
        store.resolve("Mine")


def test_managed_pin_is_authoritative_even_on_first_use(
    isolated_dirs: dict[str, Path], make_server: Callable[..., ServerInfo], other_cert
) -> None:
    """A different certificate is refused before login, although the user would accept it."""
    srv = make_server(implicit=True, cert=other_cert)
    _managed(
        isolated_dirs["site_config"],
        [
            {
                **CORE_LAB,
                "host": srv.host,
                "port": srv.port,
                "user": srv.user,
                "pinned_fingerprints": ["SHA256:" + "ab" * 32],
            }
        ],
    )
    site = SiteStore().get("Core lab")
    accept_anything = TrustCheck(TrustStore(), lambda info: Decision.ALWAYS)
    with pytest.raises(CertificateChanged, match="pinned"):
        SessionFactory(site.endpoint(), srv.password, accept_anything)()
    assert "USER" not in srv.commands() and "PASS" not in srv.commands()
    assert TrustStore().entries() == []


def test_managed_pin_that_matches_connects_without_asking(
    isolated_dirs: dict[str, Path], make_server: Callable[..., ServerInfo]
) -> None:
    srv = make_server(implicit=True)
    _managed(
        isolated_dirs["site_config"],
        [
            {
                **CORE_LAB,
                "host": srv.host,
                "port": srv.port,
                "user": srv.user,
                "pinned_fingerprints": [srv.fingerprint],
            }
        ],
    )
    site = SiteStore().get("Core lab")
    refuse_unknown = TrustCheck(TrustStore(), None)
    session = SessionFactory(site.endpoint(), srv.password, refuse_unknown)()
    try:
        assert session.certificate.sha256 == srv.fingerprint
    finally:
        session.close()


def test_speed_limits_of_a_site_and_of_the_machine(isolated_dirs: dict[str, Path]) -> None:
    store = SiteStore()
    store.add(Site(name="Clinic", host="h.example", user="me", rate_limit=5_000_000))
    assert store.get("Clinic").rate_limit == 5_000_000  # kept in sites.json
    path = isolated_dirs["site_config"] / "managed-sites.json"
    path.write_text(json.dumps({"policy": {"rate_limit": 2_000_000}, "sites": []}))
    assert store.policy().rate_limit == 2_000_000
    path.write_text(json.dumps({"policy": {"rate_limit": -5}, "sites": []}))
    with pytest.raises(ConfigError, match="'policy.rate_limit' must be a whole number"):
        store.policy()
