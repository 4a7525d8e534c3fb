"""Browsing the server for the remote pane: list, rename and delete against a real FTPS server."""

from __future__ import annotations

from pathlib import Path

import pytest

from echouploader.core.errors import EchoUploaderError, ServerError, UsageError
from echouploader.core.ftps.remote_fs import RemoteConnection
from tests.core.ftps.test_session import factory_for
from tests.servers import ServerInfo


@pytest.fixture
def served(make_server) -> tuple[ServerInfo, RemoteConnection]:
    server = make_server(implicit=True)
    exam = server.root / "upload" / "1234_1"
    exam.mkdir(parents=True)
    (exam / "IM0001.dcm").write_bytes(b"x" * 1000)
    (exam / "IM0002.dcm.echouploader-part").write_bytes(b"x" * 10)
    (server.root / "upload" / "notes.txt").write_text("hello")
    conn = RemoteConnection(factory_for(server))
    yield server, conn
    conn.close()


def names(conn: RemoteConnection, path: str) -> list[str]:
    return [e.name for e in conn.list(path)]


def test_rename_a_file_and_a_folder(served: tuple[ServerInfo, RemoteConnection]) -> None:
    server, conn = served
    assert names(conn, "/upload") == ["1234_1", "notes.txt"]
    assert conn.rename("/upload/notes.txt", "  readme.txt ") == "/upload/readme.txt"
    assert conn.rename("/upload/1234_1", "1234_1a") == "/upload/1234_1a"
    assert names(conn, "/upload") == ["1234_1a", "readme.txt"]  # the listing is not stale
    assert (server.root / "upload" / "readme.txt").read_text() == "hello"
    assert (server.root / "upload" / "1234_1a" / "IM0001.dcm").stat().st_size == 1000


def test_rename_never_overwrites(served: tuple[ServerInfo, RemoteConnection]) -> None:
    server, conn = served
    with pytest.raises(UsageError, match="/upload already holds something named '1234_1'"):
        conn.rename("/upload/notes.txt", "1234_1")
    assert (server.root / "upload" / "notes.txt").read_text() == "hello"
    assert (server.root / "upload" / "1234_1" / "IM0001.dcm").exists()


@pytest.mark.parametrize("bad", ["", "a/b", "..", ".", "two\nlines"])
def test_a_bad_new_name_is_one_sentence_and_nothing_moves(
    served: tuple[ServerInfo, RemoteConnection], bad: str
) -> None:
    server, conn = served
    with pytest.raises(UsageError) as err:
        conn.rename("/upload/notes.txt", bad)
    assert str(err.value).count(".") >= 1 and "\n" not in str(err.value)
    assert (server.root / "upload" / "notes.txt").exists()


def test_a_name_the_server_refuses_is_its_sentence(
    served: tuple[ServerInfo, RemoteConnection],
) -> None:
    server, conn = served
    with pytest.raises(ServerError) as err:
        conn.rename("/upload/notes.txt", "n" * 300)  # longer than the file system allows
    assert str(err.value).startswith("The server refused:")
    assert (server.root / "upload" / "notes.txt").exists()


def test_delete_a_file_then_a_whole_incomplete_exam(
    served: tuple[ServerInfo, RemoteConnection],
) -> None:
    server, conn = served
    conn.delete("/upload/notes.txt")
    assert names(conn, "/upload") == ["1234_1"]
    conn.delete("/upload/1234_1")
    assert names(conn, "/upload") == []
    assert list((server.root / "upload").iterdir()) == []


def test_delete_of_something_already_gone_or_the_top_says_so(
    served: tuple[ServerInfo, RemoteConnection], tmp_path: Path
) -> None:
    server, conn = served
    with pytest.raises(EchoUploaderError, match="no longer on the server"):
        conn.delete("/upload/gone.txt")
    with pytest.raises(UsageError, match="top folder"):
        conn.delete("/")
    assert (server.root / "upload" / "notes.txt").exists()
