"""The tarball, the .deb and the signed SHA256SUMS made by `packaging/build.sh linux`."""

from __future__ import annotations

import configparser
import tarfile
from pathlib import Path

import pytest

from echouploader import __version__
from tests.conftest import require
from tests.packaging.conftest import PACKAGING, SIGN_SH, GpgKey, LinuxBuild, clean_env, have, run

pytestmark = pytest.mark.slow


def test_tarball_holds_the_app_folder_owned_by_root(linux_build: LinuxBuild) -> None:
    with tarfile.open(linux_build.tarball) as tar:
        members = {m.name: m for m in tar.getmembers()}
    assert "EchoUploader/EchoUploader" in members
    assert "EchoUploader/_internal/resources/icons/echouploader.svg" in members
    assert {(m.uid, m.gid) for m in members.values()} == {(0, 0)}
    assert members["EchoUploader/EchoUploader"].mode & 0o111


def _deb_field(deb: Path, field: str) -> str:
    return run(["dpkg-deb", "--field", deb, field]).stdout.strip()


def test_deb_control_fields(linux_build: LinuxBuild) -> None:
    deb = linux_build.deb
    assert _deb_field(deb, "Package") == "echouploader"
    assert _deb_field(deb, "Version") == __version__
    assert "libxcb-cursor0" in _deb_field(deb, "Depends")
    assert int(_deb_field(deb, "Installed-Size")) > 40_000  # KiB


def test_deb_ships_machine_wide_config_as_conffile(linux_build: LinuxBuild, tmp_path: Path) -> None:
    control = tmp_path / "control"
    assert run(["dpkg-deb", "--control", linux_build.deb, control]).returncode == 0
    assert (control / "conffiles").read_text().split() == ["/etc/echouploader/managed-sites.json"]
    listing = run(["dpkg-deb", "--contents", linux_build.deb]).stdout
    for path in (
        "./etc/echouploader/managed-sites.json",
        "./usr/bin/echouploader",
        "./usr/share/applications/echouploader.desktop",
        "./usr/share/icons/hicolor/256x256/apps/echouploader.png",
        "./usr/share/icons/hicolor/scalable/apps/echouploader.svg",
        "./opt/echouploader/EchoUploader",
        "./usr/share/doc/echouploader/managed-sites.example.json",
        "./usr/share/doc/echouploader/copyright",
    ):
        assert path in listing, path
    assert "./etc/xdg/EchoUploader -> ../echouploader" in listing


def test_deb_contents_work_once_unpacked(linux_build: LinuxBuild, tmp_path: Path) -> None:
    root = tmp_path / "root"
    assert run(["dpkg-deb", "--extract", linux_build.deb, root]).returncode == 0
    # The launcher points the app at /etc/echouploader unless told otherwise.
    launcher = (root / "usr/bin/echouploader").read_text()
    assert "ECHOUPLOADER_SITE_CONFIG_DIR:=/etc/echouploader" in launcher
    assert "exec /opt/echouploader/EchoUploader" in launcher
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str  # type: ignore[assignment,method-assign]
    desktop.read(root / "usr/share/applications/echouploader.desktop")
    entry = desktop["Desktop Entry"]
    assert (entry["Exec"], entry["Icon"], entry["Type"]) == (
        "echouploader",
        "echouploader",
        "Application",
    )
    import json

    config = json.loads((root / "etc/echouploader/managed-sites.json").read_text())
    assert config == {"policy": {"allow_user_sites": True}, "sites": []}
    result = run([root / "opt/echouploader/EchoUploader", "--version"], env=clean_env())
    assert result.stdout.strip() == f"EchoUploader {__version__}"


def test_sha256sums_match_the_artifacts(linux_build: LinuxBuild) -> None:
    sums = (linux_build.dist / "SHA256SUMS").read_text().splitlines()
    assert sorted(line.split()[1] for line in sums) == sorted(
        [linux_build.tarball.name, linux_build.deb.name]
    )
    check = run(["sha256sum", "--check", "SHA256SUMS"], cwd=linux_build.dist)
    assert check.returncode == 0, check.stdout


def test_gpg_signature_verifies_and_an_edit_breaks_it(
    linux_build: LinuxBuild, gpg_key: GpgKey, tmp_path: Path
) -> None:
    env = clean_env(GNUPGHOME=str(gpg_key.home))
    sums, sig = linux_build.dist / "SHA256SUMS", linux_build.dist / "SHA256SUMS.asc"
    assert sig.read_text().startswith("-----BEGIN PGP SIGNATURE-----")
    good = run(["gpg", "--batch", "--verify", sig, sums], env=env)
    assert good.returncode == 0 and "Good signature" in good.stderr, good.stderr

    edited = tmp_path / "SHA256SUMS"
    edited.write_text(
        sums.read_text().replace(linux_build.deb.name, "echouploader_9.9.9_amd64.deb")
    )
    bad = run(["gpg", "--batch", "--verify", sig, edited], env=env)
    assert bad.returncode != 0
    assert "BAD signature" in bad.stderr


def test_checksums_without_a_key_skip_the_signature_and_say_so(tmp_path: Path) -> None:
    (tmp_path / "echouploader-0.0.0-linux-x86_64.tar.gz").write_bytes(b"not really a tarball")
    result = run(["bash", SIGN_SH, "checksums", tmp_path], env=clean_env())
    assert result.returncode == 0, result.stderr
    assert "skipping the GPG signature of SHA256SUMS: no key configured" in result.stderr
    assert (tmp_path / "SHA256SUMS").is_file()
    assert not (tmp_path / "SHA256SUMS.asc").exists()


def test_desktop_entry_is_valid() -> None:
    require(have("desktop-file-validate"), "desktop-file-validate (desktop-file-utils) is needed")
    result = run(["desktop-file-validate", PACKAGING / "linux" / "echouploader.desktop"])
    assert result.returncode == 0, result.stdout + result.stderr
    problems = [line for line in result.stdout.splitlines() if "error" in line or "warning" in line]
    assert problems == []
