"""The sites, login and logout commands, and site: targets, against a real FTPS server.

The keyring is the in-process test backend here (a boundary); the real Secret Service runs in
``test_keyring_end_to_end.py``.
"""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from echouploader.cli import main
from echouploader.core.errors import ExitCode
from tests.servers import ServerInfo


def run(
    capsys: pytest.CaptureFixture[str],
    *argv: str,
    stdin: str | None = None,
    monkeypatch: pytest.MonkeyPatch | None = None,
) -> tuple[int, str, str]:
    if stdin is not None:
        assert monkeypatch is not None
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def filezilla_file(
    tmp_path: Path,
    srv: ServerInfo,
    *,
    name: str = "Core lab",
    remote_dir: str = "1 0 6 upload",
    password: str | None = None,
) -> Path:
    pw = password if password is not None else srv.password
    protocol = 3 if srv.implicit else 4
    path = tmp_path / "sitemanager.xml"
    path.write_text(
        f"""<?xml version="1.0" encoding="UTF-8"?>
<FileZilla3 version="3.66.5" platform="windows">
  <Servers>
    <Folder expanded="1">Studies
      <Server>
        <Host>{srv.host}</Host>
        <Port>{srv.port}</Port>
        <Protocol>{protocol}</Protocol>
        <Type>0</Type>
        <User>{srv.user}</User>
        <Pass encoding="base64">{base64.b64encode(pw.encode()).decode()}</Pass>
        <Logontype>1</Logontype>
        <PasvMode>MODE_DEFAULT</PasvMode>
        <EncodingType>Auto</EncodingType>
        <BypassProxy>0</BypassProxy>
        <Name>{name}</Name>
        <Comments />
        <RemoteDir>{remote_dir}</RemoteDir>
      </Server>
      <Server>
        <Host>{srv.host}</Host>
        <Port>21</Port>
        <Protocol>6</Protocol>
        <User>{srv.user}</User>
        <Name>Plain FTP</Name>
      </Server>
    </Folder>
  </Servers>
</FileZilla3>
""",
        encoding="utf-8",
    )
    return path


def test_import_list_show_and_use_a_site(
    tmp_path: Path,
    capsys,
    monkeypatch,
    memory_keyring,
    make_server: Callable[..., ServerInfo],
) -> None:
    srv = make_server(implicit=True)
    (srv.root / "upload").mkdir(parents=True)
    (srv.root / "upload" / "exam-1.dcm").write_bytes(b"x" * 10)

    code, out, _ = run(capsys, "sites", "import", str(filezilla_file(tmp_path, srv)), "--json")
    assert code == 0
    summary = json.loads(out)
    assert [i["name"] for i in summary["imported"]] == ["Core lab"]
    assert summary["skipped"] == [
        {"name": "Plain FTP", "reason": "plain FTP sends passwords and data unencrypted"}
    ]

    code, out, _ = run(capsys, "sites", "list", "--json")
    assert json.loads(out) == [
        {
            "name": "Core lab",
            "folder": "Studies",
            "host": srv.host,
            "port": srv.port,
            "protocol": "ftps-implicit",
            "user": srv.user,
            "remote_dir": "/upload",
            "managed": False,
            "has_password": True,
        }
    ]
    code, out, _ = run(capsys, "sites", "show", "core lab", "--json")
    shown = json.loads(out)
    assert shown["quota_bytes"] == 300_000_000_000 and shown["keyring"].endswith("Keyring")

    assert run(capsys, "trust", "site:Core lab", "--fingerprint", srv.fingerprint)[0] == 0
    code, out, err = run(capsys, "ls", "site:Core lab", "--json")
    assert code == 0, err
    assert [e["name"] for e in json.loads(out)] == ["exam-1.dcm"]
    assert run(capsys, "mkdir", "site:Core lab/exam 2/echo")[0] == 0
    assert (srv.root / "upload" / "exam 2" / "echo").is_dir()  # relative to the remote folder
    assert run(capsys, "mkdir", "site:Core lab//top")[0] == 0
    assert (srv.root / "top").is_dir()


def test_login_logout_and_password_from_stdin(
    tmp_path: Path, capsys, monkeypatch, memory_keyring, make_server: Callable[..., ServerInfo]
) -> None:
    srv = make_server(implicit=False)
    code, out, err = run(capsys, "sites", "add", "Lab", srv.url("/"), "--quota", "1000")
    assert code == 0, err
    assert run(capsys, "trust", "site:Lab", "--fingerprint", srv.fingerprint)[0] == 0

    code, _, err = run(capsys, "ls", "site:Lab")
    assert code == ExitCode.USAGE and "echouploader login" in err  # no password anywhere yet

    code, out, _ = run(
        capsys,
        "login",
        "Lab",
        "--password-stdin",
        stdin=srv.password + "\n",
        monkeypatch=monkeypatch,
    )
    assert code == 0 and "stored" in out
    assert list(memory_keyring.items.values()) == [srv.password]
    assert run(capsys, "ls", "site:Lab")[0] == 0

    # renaming the site keeps the password (it belongs to the account USER@HOST:PORT)
    assert run(capsys, "sites", "rename", "Lab", "Lab renamed")[0] == 0
    assert run(capsys, "ls", "site:Lab renamed")[0] == 0
    assert (
        json.loads(run(capsys, "sites", "show", "Lab renamed", "--json")[1])["quota_bytes"] == 1000
    )

    code, out, _ = run(capsys, "logout", "Lab renamed")
    assert code == 0 and memory_keyring.items == {}
    assert run(capsys, "ls", "site:Lab renamed")[0] == ExitCode.USAGE


def test_wrong_stored_password_is_a_login_error(
    tmp_path: Path, capsys, memory_keyring, make_server: Callable[..., ServerInfo]
) -> None:
    srv = make_server(implicit=True)
    run(capsys, "sites", "import", str(filezilla_file(tmp_path, srv, password="not-it")))
    run(capsys, "trust", "site:Core lab", "--fingerprint", srv.fingerprint)
    code, _, err = run(capsys, "ls", "site:Core lab")
    assert code == ExitCode.LOGIN and "refused" in err.lower()


def test_login_without_keyring_says_so(capsys, monkeypatch) -> None:
    run(capsys, "sites", "add", "Lab", "ftps://u@ftps.example/")
    code, _, err = run(
        capsys, "login", "Lab", "--password-stdin", stdin="pw\n", monkeypatch=monkeypatch
    )
    assert code == ExitCode.FAILURE
    assert "cannot be stored" in err and "ECHOUPLOADER_PASSWORD" in err


def test_managed_site_cannot_be_removed_and_policy_blocks_adding(
    isolated_dirs: dict[str, Path], capsys, memory_keyring
) -> None:
    run(capsys, "sites", "add", "Core lab", "ftps://mine@mine.example/")
    (isolated_dirs["site_config"] / "managed-sites.json").write_text(
        json.dumps(
            {
                "policy": {"allow_user_sites": False},
                "sites": [
                    {
                        "name": "Core lab",
                        "host": "ftps.corelab.example",
                        "user": "site07",
                        "remote_dir": "/in",
                    }
                ],
            }
        )
    )
    code, out, err = run(capsys, "sites", "list", "--json")
    rows = json.loads(out)
    assert [(r["name"], r["host"], r["managed"]) for r in rows] == [
        ("Core lab", "ftps.corelab.example", True)
    ]
    assert "hidden by the site of the same name managed by IT" in err
    code, _, err = run(capsys, "sites", "remove", "Core lab")
    assert code == ExitCode.USAGE and "managed by your IT department" in err
    code, _, err = run(capsys, "sites", "add", "New", "ftps://u@h/")
    assert code == ExitCode.USAGE and "allows only the sites it has set up" in err


def test_bad_input_is_one_sentence(tmp_path: Path, capsys) -> None:
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY a "b">]><FileZilla3/>')
    code, _, err = run(capsys, "sites", "import", str(bomb))
    assert code == ExitCode.USAGE and "unsafe" in err and "Traceback" not in err
    code, _, err = run(capsys, "ls", "site:Nowhere/x")
    assert code == ExitCode.USAGE and "no site named 'Nowhere'" in err
    code, _, err = run(capsys, "sites", "add", "X", "ftp://u@h/")
    assert code == ExitCode.USAGE and "unencrypted" in err


def test_ask_every_time_site_never_uses_the_keyring(
    tmp_path: Path, capsys, monkeypatch, memory_keyring, make_server: Callable[..., ServerInfo]
) -> None:
    """FileZilla logon type 2 ('Ask for password'): the keyring is not read, login refuses."""
    srv = make_server(implicit=True)
    (srv.root / "upload").mkdir(parents=True)
    path = filezilla_file(tmp_path, srv)
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "<Logontype>1</Logontype>", "<Logontype>2</Logontype>"
        ),
        encoding="utf-8",
    )
    assert run(capsys, "sites", "import", str(path))[0] == 0
    assert memory_keyring.items == {}  # FileZilla's Pass is ignored for 'ask' sites
    memory_keyring.items[("EchoUploader", f"{srv.user}@{srv.host}:{srv.port}")] = srv.password
    run(capsys, "trust", "site:Core lab", "--fingerprint", srv.fingerprint)
    code, _, err = run(capsys, "ls", "site:Core lab")
    assert code == ExitCode.USAGE and "No password" in err
    code, _, err = run(
        capsys, "login", "Core lab", "--password-stdin", stdin="x\n", monkeypatch=monkeypatch
    )
    assert code == ExitCode.USAGE and "ask for the password on every connection" in err
    monkeypatch.setenv("ECHOUPLOADER_PASSWORD", srv.password)
    code, _, err = run(capsys, "ls", "site:Core lab")
    assert code == 0, err
