from __future__ import annotations

import csv
import stat
from pathlib import Path

from echouploader.core.privacy.deidentify.uids import UidMapper, privacy_dir, site_secret
from echouploader.core.privacy.keycode import KeyCodeEntry, KeyCodeStore


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _entry(study: str = "1.2.3") -> KeyCodeEntry:
    return KeyCodeEntry(
        exam_id="1234_1",
        subject="1234",
        echo="1",
        patient_name="Doe^Jane",
        patient_id="PID1",
        birth_date="19800101",
        original_study_uid=study,
        new_study_uid="2.25.1",
    )


def test_store_and_secret_are_owner_only(isolated_dirs: dict[str, Path]) -> None:
    store = KeyCodeStore()
    secret = site_secret()
    folder = privacy_dir()
    assert folder.parent == isolated_dirs["data"]
    assert _mode(folder) == 0o700
    assert _mode(store.path) == 0o600
    assert _mode(folder / "uid-secret") == 0o600
    assert site_secret() == secret and len(secret) == 32


def test_entries_are_kept_once_per_exam_and_study_and_exported(tmp_path: Path) -> None:
    store = KeyCodeStore()
    store.record([_entry()])
    store.record([_entry()])  # the same exam prepared again
    store.record([_entry("1.2.4")])
    entries = store.entries()
    assert len(entries) == 2
    assert entries[0].time and entries[0].operator is not None
    dest = tmp_path / "keys.csv"
    assert store.export_csv(dest) == 2
    assert _mode(dest) == 0o600
    rows = list(csv.DictReader(dest.open(encoding="utf-8")))
    assert rows[0]["patient_name"] == "Doe^Jane" and rows[0]["subject"] == "1234"


def test_uid_mapping_is_stable_keyed_and_valid() -> None:
    mapper = UidMapper(b"k" * 32)
    new = mapper("1.2.840.113619.2.1.1")
    assert new == UidMapper(b"k" * 32)("1.2.840.113619.2.1.1")
    assert new != UidMapper(b"j" * 32)("1.2.840.113619.2.1.1")
    assert new.startswith("2.25.") and len(new) <= 64
    assert all(
        part.isdigit() and (part == "0" or not part.startswith("0")) for part in new.split(".")
    )
    assert mapper("1.2.3") != new
    assert mapper.day_offset("1234") == mapper.day_offset("1234") < 0
