"""The gate in worker processes gives what it gives in one process, and still fails closed."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pydicom
import pytest

from echouploader.core.privacy import pool
from echouploader.core.privacy.check import check_exam
from echouploader.core.privacy.deidentify.apply import DeidentificationFailed, deidentify_exam
from echouploader.core.privacy.exam_identity import ExamIdentity
from echouploader.core.privacy.keycode import KeyCodeStore
from tests.core.privacy.conftest import all_output_files, leaks
from tests.core.privacy.synthetic_exam import Person, make_small_dicom, make_vivid_exam

IDENTITY = ExamIdentity("1234", "1")
SMALL = pool.MIN_FILES + 12


def _exam(root: Path, person: Person) -> Path:
    """A GE-like exam (SR, DICOMDIR, GE raw group, JPEG, PDF) and enough small images for
    several runs, and a JPEG with no extension named after the patient (it sorts among the
    DICOM files, so a worker meets it and leaves it to the merging side)."""
    make_vivid_exam(root, person)
    for i in range(SMALL):
        make_small_dicom(root / "more" / f"IM{i:03d}", person, study_uid=None, seed=i)
    jpeg = next(p for p in root.rglob("*.jpg"))
    shutil.copyfile(jpeg, root / "more" / f"capture_{person.patient_id}")
    return root


# Which frames OCR read depends on the files met before in the same layout group, and a worker
# meets only its own run: those may differ; every decision (action, mask, findings) may not.
READ_SETS = {"seconds", "frames_read", "frames_verified", "areas_read"}


def _without_timings(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _without_timings(v) for k, v in data.items() if k not in READ_SETS}
    if isinstance(data, list):
        return [_without_timings(v) for v in data]
    return data


def _run(exam: Path, out: Path, workers: int, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv(pool.ENV_WORKERS, str(workers))
    report = check_exam(exam, identity=IDENTITY)
    files = sum(1 for f in report.files)
    assert (pool.worker_count(files, report.bytes) > 1) == (workers > 1)
    result = deidentify_exam(
        exam,
        out,
        IDENTITY,
        report=report,
        secret=b"s" * 32,
        keycode=KeyCodeStore(out.parent / f"keys{workers}.sqlite3"),
    )
    return report, result


def test_workers_give_the_same_report_and_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = Person()
    exam = _exam(tmp_path / "exports" / "1234_1", person)
    one_report, one = _run(exam, tmp_path / "one" / "out", 1, monkeypatch)
    two_report, two = _run(exam, tmp_path / "two" / "out", 2, monkeypatch)

    assert _without_timings(two_report.to_json()) == _without_timings(one_report.to_json())
    assert two_report.identifying_strings == one_report.identifying_strings
    codes = {f.code for f in two_report.findings}
    assert {"identifying-file-name", "private-attributes", "dicomdir"} <= codes
    assert (two.written, two.skipped, two.study_uids, two.bytes) == (
        one.written,
        one.skipped,
        one.study_uids,
        one.bytes,
    )
    ones = {p.relative_to(one.out_dir): p.read_bytes() for p in all_output_files(one.out_dir)}
    twos = {p.relative_to(two.out_dir): p.read_bytes() for p in all_output_files(two.out_dir)}
    assert len(twos) > SMALL and twos == ones
    assert leaks(two.out_dir, person.secrets()) == {}


def test_a_leak_found_in_a_worker_stops_the_exam_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = Person()
    exam = tmp_path / "1234_1"
    for i in range(SMALL):
        make_small_dicom(exam / f"IM{i:03d}", person, study_uid="1.2.3.4", seed=i)
    # As in the basic-profile test: the ID spelled by pixels inside the cleaned region.
    path = exam / f"IM{SMALL - 3:03d}"
    ds = pydicom.dcmread(path)
    pixels = bytearray(ds.PixelData)
    at = (4 * ds.Columns + 2) * ds.SamplesPerPixel
    pixels[at : at + len(person.patient_id)] = person.patient_id.encode()
    ds.PixelData = bytes(pixels)
    ds.save_as(path, enforce_file_format=True)
    monkeypatch.setenv(pool.ENV_WORKERS, "2")
    out = tmp_path / "out"
    with pytest.raises(DeidentificationFailed, match=f"IM{SMALL - 3:03d}") as err:
        deidentify_exam(exam, out, IDENTITY, secret=b"s" * 32)
    assert err.value.exit_code == 3
    assert not out.exists()
