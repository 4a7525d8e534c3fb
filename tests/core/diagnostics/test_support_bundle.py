"""The support bundle, file by file: what goes in, and what never does."""

from __future__ import annotations

import datetime as dt
import json
import logging
import platform
import ssl
import zipfile
from pathlib import Path

import pytest

from echouploader import __version__, cli
from echouploader.core.diagnostics import support_bundle
from echouploader.core.errors import EchoUploaderError, UsageError
from echouploader.core.ftps.certinfo import describe
from echouploader.core.ftps.trust_store import TrustStore
from echouploader.core.support import logs

log = logging.getLogger("echouploader.transfer")
NOW = dt.datetime.now(dt.UTC)


def read_zip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


@pytest.fixture
def populated(isolated_dirs, server_cert) -> dict[str, Path]:
    """Logs old and new, a trusted certificate, and the things that must never go in."""
    logs.setup()
    log.info("uploaded IM0001", extra={"event": "transfer_done", "site": "site07", "exam": "S07-1"})
    log.error(
        "The server's storage is full", extra={"event": "error", "site": "site07", "code": "552"}
    )
    old = (NOW - dt.timedelta(days=20)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    (isolated_dirs["log"] / (logs.LOG_FILE + ".1")).write_text(
        json.dumps({"ts": old, "level": "info", "event": "log", "msg": "three weeks ago"}) + "\n"
    )
    der = ssl.PEM_cert_to_DER_cert(server_cert.cert.read_text())
    TrustStore().trust(
        describe(der, "ftp.corelab.example", 990, "TLSv1.3", "TLS_AES_256_GCM_SHA384")
    )
    # Never in a bundle: the key code store and DICOM, wherever they are.
    (isolated_dirs["data"] / "privacy").mkdir()
    (isolated_dirs["data"] / "privacy" / "keycode.sqlite3").write_bytes(
        b"KEYCODE-MARKER S07-1=Jane"
    )
    dicom = isolated_dirs["cache"] / "staging" / "IM0001.dcm"
    dicom.parent.mkdir()
    dicom.write_bytes(b"\0" * 128 + b"DICM" + b"DICOM-MARKER")
    return isolated_dirs


def test_bundle_contents_file_by_file(populated, server_cert, tmp_path: Path) -> None:
    result = support_bundle.create(tmp_path / "bundle.zip", qt_version="6.8.1")
    files = read_zip(result.path)
    expected = {
        "README.txt",
        "logs/echouploader.jsonl",
        "logs/echouploader.txt",
        "versions.json",
        "trust_store.json",
        "keyring.json",
        "sites.json",
        "queue.json",
    }
    assert set(files) == expected
    assert list(files)[0] == "README.txt"

    readme = files["README.txt"].decode()
    for name in expected - {"README.txt"}:
        assert f"- {name}: " in readme
    assert "no password" in readme and "no key code" in readme and "no DICOM" in readme
    for missing in result.unavailable:
        assert f"- {missing}: " in readme

    records = [json.loads(line) for line in files["logs/echouploader.jsonl"].decode().splitlines()]
    msgs = [r["msg"] for r in records]
    assert "uploaded IM0001" in msgs and "The server's storage is full" in msgs
    assert "three weeks ago" not in msgs  # older than 14 days
    assert records[0]["event"] == "start" and records[0]["version"] == __version__

    table = files["logs/echouploader.txt"].decode().splitlines()
    assert table[0] == "time\tlevel\tsite\texam\tmessage"
    assert any(
        row.endswith("\terror\tsite07\t\tThe server's storage is full [552]") for row in table
    )

    versions = json.loads(files["versions.json"])
    assert versions["echouploader"] == __version__
    assert versions["python"]["version"] == platform.python_version()
    assert versions["qt"] == "6.8.1"
    assert versions["os"]["system"] == platform.system()
    assert versions["libraries"]["ftputil"]
    assert versions["folders"]["log"] == str(populated["log"])

    [trusted] = json.loads(files["trust_store.json"])
    assert (trusted["host"], trusted["port"]) == ("ftp.corelab.example", 990)
    assert trusted["sha256"] == server_cert.fingerprint

    keyring_info = json.loads(files["keyring.json"])
    assert keyring_info["backend"] == "keyring.backends.fail.Keyring"

    everything = b"".join(files.values())
    assert b"KEYCODE-MARKER" not in everything and b"DICOM-MARKER" not in everything
    assert b"DICM" not in everything


def test_sites_and_keyring_sections_show_sites_but_no_password(
    populated, memory_keyring, tmp_path: Path
) -> None:
    from echouploader.core.sites.credentials import default_storage, reset_default_storage
    from echouploader.core.sites.store import Site, SiteStore

    reset_default_storage()
    site = SiteStore().add(Site("Core lab", "ftps.corelab.example", user="site07"))
    default_storage().set_password(site.endpoint(), "Bundle-Pa55word")
    files = read_zip(support_bundle.create(tmp_path / "b.zip").path)
    sites = json.loads(files["sites.json"])
    assert [s["name"] for s in sites["sites"]] == ["Core lab"]
    assert sites["sites"][0]["host"] == "ftps.corelab.example"
    assert sites["policy"] == {"allow_user_sites": True}
    keyring_info = json.loads(files["keyring.json"])
    assert keyring_info["program"]["in_memory_only"] is False
    assert b"Bundle-Pa55word" not in b"".join(files.values())
    reset_default_storage()


def test_queue_section_lists_jobs(populated, tmp_path: Path) -> None:
    from echouploader.core.ftps.target import Endpoint
    from echouploader.core.transfer import Job, QueueStore, plan_upload, submit

    exam = tmp_path / "1234_1"
    exam.mkdir()
    (exam / "IM0001").write_bytes(b"x" * 10)
    job = Job(
        Endpoint("ftps.corelab.example", 990, "site07", site="Core lab"),
        "/upload/1234_1",
        plan_upload([exam], "/upload/1234_1").transfers,
        target="site:Core lab/upload/1234_1",
    )
    store = QueueStore()
    submit(store, job)
    store.close()
    files = read_zip(support_bundle.create(tmp_path / "b.zip").path)
    queue = json.loads(files["queue.json"])
    assert queue["jobs_total"] == 1
    [entry] = queue["jobs"]
    assert entry["job_id"] == job.job_id and entry["files"] == 1


def test_a_failing_section_does_not_lose_the_bundle(populated, tmp_path: Path) -> None:
    def broken(ctx: support_bundle.BundleContext) -> dict:
        raise RuntimeError("disk on fire")

    result = support_bundle.create(
        tmp_path / "b.zip",
        sections=[("versions", support_bundle.versions_section), ("broken", broken)],
    )
    assert result.unavailable == {"broken": "failed: RuntimeError: disk on fire"}
    assert set(read_zip(result.path)) == {"README.txt", "versions.json"}


def test_dicom_content_is_refused(populated, tmp_path: Path) -> None:
    def sneaky(ctx: support_bundle.BundleContext) -> dict:
        return {"notes/image.bin": b"\0" * 128 + b"DICM...."}

    with pytest.raises(EchoUploaderError, match="DICOM"):
        support_bundle.create(tmp_path / "b.zip", sections=[("sneaky", sneaky)])
    assert not (tmp_path / "b.zip").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".bundle-")] == []


def test_existing_file_is_kept_unless_overwrite(populated, tmp_path: Path) -> None:
    out = tmp_path / "b.zip"
    out.write_bytes(b"precious")
    with pytest.raises(UsageError, match="already exists"):
        support_bundle.create(out, overwrite=False)
    assert out.read_bytes() == b"precious"
    support_bundle.create(out)
    assert zipfile.is_zipfile(out)


def test_missing_folder_is_one_sentence(populated, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        support_bundle.create(tmp_path / "nope" / "b.zip")


def test_cli_support_bundle(populated, tmp_path: Path, capsys) -> None:
    out = tmp_path / "for-support"
    assert cli.main(["support-bundle", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"written to {out}.zip" in printed
    assert "no password, no key code and no DICOM" in printed
    assert "README.txt" in read_zip(tmp_path / "for-support.zip")
    assert cli.main(["support-bundle", str(out) + ".zip"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert cli.main(["support-bundle", str(out) + ".zip", "--force"]) == 0
