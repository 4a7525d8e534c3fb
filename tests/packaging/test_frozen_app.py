"""The PyInstaller app built by `packaging/build.sh linux` starts and carries what it needs."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from echouploader import __version__
from tests.conftest import require
from tests.packaging.conftest import ROOT, LinuxBuild, clean_env, have, run

pytestmark = pytest.mark.slow


def test_build_reports_its_steps(linux_build: LinuxBuild) -> None:
    assert "self-check: ok" in linux_build.log
    assert re.search(r"app built in \d+ s", linux_build.log)
    print(f"\nlinux build: {linux_build.seconds:.0f} s")


def test_frozen_app_prints_its_version(linux_build: LinuxBuild) -> None:
    result = run([linux_build.exe, "--version"], env=clean_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"EchoUploader {__version__}"


def test_frozen_app_smoke_or_self_check(linux_build: LinuxBuild) -> None:
    """The main window's --smoke when the GUI is in the tree; the self-check always."""
    check = run([linux_build.exe, "self-check"], env=clean_env())
    assert check.returncode == 0, check.stdout + check.stderr
    assert "build: frozen" in check.stdout
    assert check.stdout.rstrip().endswith("self-check: ok")
    if (ROOT / "echouploader" / "ui" / "app.py").is_file():
        smoke = run([linux_build.exe, "--smoke"], env=clean_env(), timeout=120)
        assert smoke.returncode == 0, smoke.stdout + smoke.stderr


@pytest.mark.keyring
def test_frozen_app_finds_the_secret_service_keyring(linux_build: LinuxBuild) -> None:
    """With a real Secret Service on the session bus, the frozen app uses it (not `fail`)."""
    require(
        have("dbus-run-session") and have("gnome-keyring-daemon"),
        "dbus-run-session and gnome-keyring-daemon are needed",
    )
    env = clean_env()
    env.pop("PYTHON_KEYRING_BACKEND")
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    script = (
        "printf '' | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; "
        f"exec '{linux_build.exe}' self-check"
    )
    result = run(["dbus-run-session", "--", "sh", "-c", script], env=env, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "keyring backend: keyring.backends.SecretService.Keyring" in result.stdout


def test_self_check_catches_a_build_without_keyring_metadata(
    linux_build: LinuxBuild, tmp_path: Path
) -> None:
    """What the spec's copy_metadata("keyring") prevents: the self-check must notice."""
    broken = tmp_path / "broken"
    shutil.copytree(linux_build.app_dir, broken, copy_function=os.link, symlinks=True)
    for dist_info in (broken / "_internal").glob("keyring-*.dist-info"):
        shutil.rmtree(dist_info)
    result = run([broken / "EchoUploader", "self-check"], env=clean_env())
    assert result.returncode == 1
    assert "keyring cannot discover its SecretService backend" in result.stdout


def test_only_the_qt_parts_in_use_are_bundled(linux_build: LinuxBuild) -> None:
    internal = linux_build.app_dir / "_internal"
    pyside = internal / "PySide6"
    bindings = {p.name.split(".")[0] for p in pyside.glob("Qt*.so")}
    assert {"QtCore", "QtGui", "QtWidgets", "QtSvg"} <= bindings
    unwanted = {"QtNetwork", "QtQml", "QtQuick", "QtPdf", "QtDBus", "QtOpenGL", "QtSql", "QtTest"}
    assert bindings & unwanted == set()
    platforms = {p.name for p in (pyside / "Qt" / "plugins" / "platforms").iterdir()}
    assert {"libqxcb.so", "libqwayland.so", "libqoffscreen.so"} <= platforms
    assert not any("eglfs" in p or "vnc" in p or "linuxfb" in p for p in platforms)
    languages = {p.stem for p in (pyside / "Qt" / "translations").glob("*.qm")}
    assert languages == {f"{c}_{lang}" for c in ("qt", "qtbase") for lang in ("de", "sv", "en")}


def test_resources_and_keyring_metadata_are_bundled(linux_build: LinuxBuild) -> None:
    internal = linux_build.app_dir / "_internal"
    assert (internal / "resources" / "icons" / "echouploader.png").is_file()
    for lang in ("sv", "de"):  # the window's and core's own catalogues, not only Qt's
        assert (
            internal / "echouploader" / "ui" / "translations" / f"echouploader_{lang}.qm"
        ).is_file()
        assert (
            internal / "echouploader" / "core" / "locale" / lang / "LC_MESSAGES" / "echouploader.mo"
        ).is_file()
    (dist_info,) = internal.glob("keyring-*.dist-info")
    assert (
        "SecretService = keyring.backends.SecretService"
        in (dist_info / "entry_points.txt").read_text()
    )


def test_no_binary_is_upx_packed(linux_build: LinuxBuild) -> None:
    packed = []
    for path in linux_build.app_dir.rglob("*"):
        if (
            path.is_file()
            and not path.is_symlink()
            and (path.suffix == ".so" or ".so." in path.name or path == linux_build.exe)
        ):
            with path.open("rb") as f:
                if b"UPX!" in f.read(4096):
                    packed.append(path.name)
    assert packed == []


def test_size_is_reported(linux_build: LinuxBuild) -> None:
    files = [p for p in linux_build.app_dir.rglob("*") if p.is_file() and not p.is_symlink()]
    size = sum(p.stat().st_size for p in files)
    print(
        f"\nonedir: {size / 2**20:.0f} MiB in {len(files)} files; "
        f"tarball {linux_build.tarball.stat().st_size / 2**20:.0f} MiB; "
        f".deb {linux_build.deb.stat().st_size / 2**20:.0f} MiB"
    )
    # Measured 527 MiB: Qt ~90, the OCR (onnxruntime 35, models 16, and opencv-python 187 with
    # the Qt5 and FFmpeg libraries its wheel carries, which RapidOCR requires), numpy, PDFium and
    # the codecs. Neither empty nor everything in PySide6 (QtWebEngine alone would add ~200).
    assert 40 * 2**20 < size < 680 * 2**20
    assert linux_build.exe.read_bytes()[:4] == b"\x7fELF"
