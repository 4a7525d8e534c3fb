"""vsftpd on a full disk: it closes the data connection, and then says why (``451``).

The client must read that reply before it calls the break a network problem: exit 5 (storage),
and none of its partial files left holding the space.
"""

from __future__ import annotations

import os
import pwd
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.test_transfer_cli import cli, trust
from tests.conftest import require
from tests.core.transfer.helpers import make_tree
from tests.servers import ServerInfo


@pytest.fixture
def small_disk(vsftpd_clean: ServerInfo) -> Iterator[Path]:
    """An 8 MB tmpfs as the folder ``/small`` in vsftpd's home."""
    require(os.geteuid() == 0, "mounting a tmpfs needs root")
    folder = vsftpd_clean.root / "small"
    folder.mkdir()
    uid = pwd.getpwnam(vsftpd_clean.user).pw_uid
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size=8m,uid={uid},mode=0755", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    require(mounted.returncode == 0, f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)
        folder.rmdir()


@pytest.mark.vsftpd
def test_full_disk_on_vsftpd_exits_5_and_leaves_no_partial_file(
    vsftpd_clean: ServerInfo,
    small_disk: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ECHOUPLOADER_PASSWORD", vsftpd_clean.password)
    sizes = {f"exam/clip{i}.dcm": 3_000_000 for i in range(4)}
    local = make_tree(tmp_path / "local", sizes) / "exam"
    trust(vsftpd_clean)
    code = cli("upload", str(local), vsftpd_clean.url("/small"), "--connections", "2")
    err = capsys.readouterr().err
    assert code == 5, err
    assert "full" in err.lower() and "resumed" not in err
    left = sorted(p.name for p in small_disk.rglob("*") if p.is_file())
    assert not [n for n in left if n.endswith(".echouploader-part")], left
    assert not (small_disk / "exam" / "upload.json").exists()
