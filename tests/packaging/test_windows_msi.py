"""The per-machine MSI (built with wixl from a Windows app folder) and Authenticode signing with
osslsigncode, using a throwaway certificate and pip's own Windows launcher as the test binary."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from echouploader import __version__
from tests.conftest import require
from tests.packaging.conftest import (
    BUILD_SH,
    PACKAGING,
    SIGN_SH,
    SigningCert,
    clean_env,
    have,
    pip_windows_launcher,
    run,
)

WXS = PACKAGING / "windows" / "echouploader.wxs"
UPGRADE_CODE = re.search(r'UpgradeCode="([0-9A-F-]{36})"', WXS.read_text()).group(1)  # type: ignore[union-attr]


def _windows_layout(base: Path) -> Path:
    """The shape of a PyInstaller Windows build: EchoUploader.exe, its console twin, _internal/."""
    app = base / "EchoUploader"
    (app / "_internal" / "PySide6" / "Qt" / "plugins" / "platforms").mkdir(parents=True)
    shutil.copy(pip_windows_launcher(), app / "EchoUploader.exe")
    shutil.copy(pip_windows_launcher(), app / "echouploader-cli.exe")
    (app / "_internal" / "python311.dll").write_bytes(b"MZ stand-in for python311.dll")
    (app / "_internal" / "base_library.zip").write_bytes(b"PK stand-in")
    (app / "_internal" / "PySide6" / "Qt" / "plugins" / "platforms" / "qwindows.dll").write_bytes(
        b"MZ stand-in for the Qt platform plugin"
    )
    return app


def _msiinfo(msi: Path, table: str) -> list[list[str]]:
    out = run(["msiinfo", "export", msi, table])
    assert out.returncode == 0, out.stderr
    return [line.split("\t") for line in out.stdout.splitlines()[3:]]


@pytest.fixture(scope="module")
def msi(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require(have("wixl") and have("msiinfo"), "wixl and msiinfo (msitools) are needed")
    base = tmp_path_factory.mktemp("msi")
    app = _windows_layout(base)
    out = base / "out" / f"EchoUploader-{__version__}-x64.msi"
    result = run(["bash", BUILD_SH, "msi", app, out], env=clean_env(BUILD_DIR=str(base / "build")))
    assert result.returncode == 0, result.stderr
    return out


def _flip_one_byte(src: Path, dst: Path, at: int) -> None:
    data = bytearray(src.read_bytes())
    data[at] ^= 0x01
    dst.write_bytes(bytes(data))


def _sign(path: Path, cert: SigningCert) -> None:
    result = run(["bash", SIGN_SH, "authenticode", path], env=clean_env(**cert.env()))
    assert result.returncode == 0, result.stderr
    assert f"signed {path}" in result.stderr


def _verify(path: Path, cert: SigningCert) -> tuple[bool, str]:
    result = run(["bash", SIGN_SH, "verify-authenticode", path, cert.cert_pem])
    return result.returncode == 0, result.stdout + result.stderr


def test_msi_is_per_machine_with_the_stable_upgrade_code(msi: Path) -> None:
    props = dict(row[:2] for row in _msiinfo(msi, "Property"))
    assert props["ALLUSERS"] == "1"
    assert props["UpgradeCode"] == "{" + UPGRADE_CODE + "}"
    assert props["ProductVersion"] == __version__
    assert props["ProductName"] == "EchoUploader"


def test_msi_upgrades_older_and_refuses_downgrade(msi: Path) -> None:
    upgrade = _msiinfo(msi, "Upgrade")
    actions = {row[-1] for row in upgrade}
    assert actions == {"WIX_UPGRADE_DETECTED", "WIX_DOWNGRADE_DETECTED"}
    assert {row[0] for row in upgrade} == {"{" + UPGRADE_CODE + "}"}
    sequence = {row[0] for row in _msiinfo(msi, "InstallExecuteSequence")}
    assert "RemoveExistingProducts" in sequence


def test_msi_installs_to_program_files_with_a_start_menu_shortcut(msi: Path) -> None:
    directories = {row[0]: row for row in _msiinfo(msi, "Directory")}
    assert directories["INSTALLDIR"][1:] == ["ProgramFiles64Folder", "EchoUploader"]
    shortcuts = _msiinfo(msi, "Shortcut")
    assert [(s[1], s[2], s[4]) for s in shortcuts] == [
        ("ProgramMenuFolder", "EchoUploader", "[#EchoUploaderExe]")
    ]
    registry = _msiinfo(msi, "Registry")
    assert [(r[1], r[2], r[5]) for r in registry] == [
        ("1", "Software\\EchoUploader", "StartMenuShortcut")  # HKCU key path of the shortcut
    ]
    files = {row[2] for row in _msiinfo(msi, "File")}
    assert {"EchoUploader.exe", "echouploader-cli.exe", "python311.dll", "qwindows.dll"} <= files


def test_msi_runs_no_custom_actions_and_installs_no_service(msi: Path) -> None:
    """Nothing but files, a shortcut and a registry value: no updater, no service, no scripts."""
    assert _msiinfo(msi, "CustomAction") == []
    assert _msiinfo(msi, "ServiceInstall") == []


def test_harvested_component_guids_are_stable_across_builds(tmp_path: Path) -> None:
    app = _windows_layout(tmp_path)
    first, second = tmp_path / "a.wxs", tmp_path / "b.wxs"
    for out in (first, second):
        assert run([sys.executable, PACKAGING / "windows" / "harvest.py", app, out]).returncode == 0
    assert first.read_text() == second.read_text()
    (app / "_internal" / "new-in-next-version.dll").write_bytes(b"MZ")
    run([sys.executable, PACKAGING / "windows" / "harvest.py", app, second])
    guids = set(re.findall(r'Guid="([^"]+)"', first.read_text()))
    assert guids < set(re.findall(r'Guid="([^"]+)"', second.read_text()))


def test_exe_signature_verifies_and_one_changed_byte_fails(
    signing_cert: SigningCert, tmp_path: Path
) -> None:
    require(have("osslsigncode"), "osslsigncode is needed")
    exe = tmp_path / "EchoUploader.exe"
    shutil.copy(pip_windows_launcher(), exe)
    _sign(exe, signing_cert)
    ok, out = _verify(exe, signing_cert)
    assert ok, out
    tampered = tmp_path / "tampered.exe"
    _flip_one_byte(exe, tampered, 0x1000)  # inside the code section
    ok, out = _verify(tampered, signing_cert)
    assert not ok
    assert "MISMATCH" in out


def test_msi_signature_verifies_and_one_changed_byte_fails(
    msi: Path, signing_cert: SigningCert, tmp_path: Path
) -> None:
    require(have("osslsigncode"), "osslsigncode is needed")
    signed = tmp_path / msi.name
    shutil.copy(msi, signed)
    _sign(signed, signing_cert)
    ok, out = _verify(signed, signing_cert)
    assert ok, out
    tampered = tmp_path / "tampered.msi"
    # One byte of the shortcut's description, inside the MSI's string table.
    _flip_one_byte(signed, tampered, signed.read_bytes().index(b"Send echocardiography"))
    ok, out = _verify(tampered, signing_cert)
    assert not ok
    assert "MISMATCH" in out


def test_signing_without_a_certificate_skips_with_a_clear_message(tmp_path: Path) -> None:
    exe = tmp_path / "EchoUploader.exe"
    shutil.copy(pip_windows_launcher(), exe)
    before = exe.read_bytes()
    result = run(["bash", SIGN_SH, "authenticode", exe], env=clean_env())
    assert result.returncode == 0
    assert "skipping Authenticode signing" in result.stderr
    assert "no certificate configured" in result.stderr
    assert exe.read_bytes() == before


def test_a_wrong_certificate_path_is_an_error_not_a_skip(tmp_path: Path) -> None:
    exe = tmp_path / "EchoUploader.exe"
    shutil.copy(pip_windows_launcher(), exe)
    env = clean_env(
        ECHOUPLOADER_SIGN_PFX=str(tmp_path / "missing.pfx"), ECHOUPLOADER_SIGN_PASSWORD="x"
    )
    result = run(["bash", SIGN_SH, "authenticode", exe], env=env)
    assert result.returncode == 1
    assert "missing.pfx does not exist" in result.stderr


def test_windows_version_resource_text_has_the_version() -> None:
    """The spec's version file is evaluated by PyInstaller on Windows; check its shape here."""
    sys.path.insert(0, str(PACKAGING / "windows"))
    try:
        from version_info import version_info_text
    finally:
        sys.path.pop(0)
    seen: dict[str, object] = {}

    def record(name: str):
        def make(*args, **kwargs):
            seen.setdefault(name, []).append((args, kwargs))  # type: ignore[union-attr]
            return (name, args, kwargs)

        return make

    names = ["VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct",
             "VarFileInfo", "VarStruct"]  # fmt: skip
    eval(version_info_text("1.2.3"), {n: record(n) for n in names})  # noqa: S307 - our own text
    assert seen["FixedFileInfo"][0][1]["filevers"] == (1, 2, 3, 0)  # type: ignore[index]
    strings = {args[0]: args[1] for args, _ in seen["StringStruct"]}  # type: ignore[union-attr]
    assert strings["ProductVersion"] == "1.2.3"
    assert strings["OriginalFilename"] == "EchoUploader.exe"
