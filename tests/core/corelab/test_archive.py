"""The package layout: series folders named from the headers, deterministic names, manifests."""

from __future__ import annotations

import csv
import io
import random
import zipfile
from pathlib import Path

import openpyxl
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

from echouploader.core.corelab import archive
from echouploader.core.corelab.arrivals import COMPLETE, Arrival
from echouploader.core.corelab.download import LocalFile, RemoteFile
from tests.core.corelab.helpers import sha256


def _dicom(path: Path, series_uid: str, number: int | None, desc: str, protocol: str = "") -> Path:
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.3.1"
    ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.SOPClassUID = ds.file_meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID
    ds.SeriesInstanceUID = series_uid
    if number is not None:
        ds.SeriesNumber = number
    ds.Modality = "US"
    if desc:
        ds.SeriesDescription = desc
    if protocol:
        ds.ClinicalTrialProtocolID = protocol
    ds.BitsAllocated = 8
    ds.PixelData = b"\0" * 64
    path.parent.mkdir(parents=True, exist_ok=True)
    ds.save_as(path, enforce_file_format=True)
    return path


def _arrival(exam: str) -> Arrival:
    subject, echo = exam.split("_")
    return Arrival(
        exam=exam,
        folder=f"/inbox/{exam}",
        subject=subject,
        echo=echo,
        files=0,
        bytes=0,
        uploaded_utc="2026-11-20T10:15:00+00:00",
        site="Site 07",
        state=COMPLETE,
    )


def _local(exam: Arrival, root: Path, rel: str) -> LocalFile:
    path = root / exam.exam / rel
    return LocalFile(RemoteFile(exam, rel, path.stat().st_size, sha256(path)), path)


def _exam_files(tmp_path: Path, protocol: str = "") -> list[LocalFile]:
    exam = _arrival("1234_1")
    base = tmp_path / "cache" / exam.exam
    four, two, other_4ch = generate_uid(), generate_uid(), generate_uid()
    _dicom(base / "a/IM1", four, 3, "4CH", protocol)
    _dicom(base / "b/IM1", four, 3, "4CH", protocol)  # same leaf name in the same series
    _dicom(base / "IM2", two, 1, "PLAX / long axis")
    _dicom(base / "IM3", other_4ch, 3, "4CH")  # another series with the same readable name
    (base / "report").mkdir()
    (base / "report" / "scan.pdf").write_bytes(b"%PDF-1.4\n")
    (base / "comments.txt").write_text("good window\n")
    rels = ["a/IM1", "b/IM1", "IM2", "IM3", "report/scan.pdf", "comments.txt"]
    return [_local(exam, tmp_path / "cache", r) for r in rels]


def test_series_folders_and_names_are_readable_and_deterministic(tmp_path: Path) -> None:
    files = _exam_files(tmp_path)
    layout = archive.plan_layout(files, study=None, site_study="Fetal Echo Study")
    names = [m.name for m in layout.members]
    assert layout.study == "Fetal_Echo_Study"  # the site's study, made a safe folder name
    folders = sorted({n.rsplit("/", 1)[0] for n in names})
    assert folders == [
        "Fetal_Echo_Study/1234/1/S001_US_PLAX_long_axis",
        "Fetal_Echo_Study/1234/1/S003_US_4CH",
        "Fetal_Echo_Study/1234/1/S003_US_4CH_2",
        "Fetal_Echo_Study/1234/1/other",
        "Fetal_Echo_Study/1234/1/other/report",
    ]
    assert len(set(names)) == len(names) == 6
    in_4ch = [n for n in names if "/S003_US_4CH" in n]
    assert sorted(n.rsplit("/", 1)[1] for n in in_4ch) == ["IM1", "IM1_2", "IM3"]
    for _ in range(3):  # the order the files arrive in changes nothing
        shuffled = files[:]
        random.shuffle(shuffled)
        again = archive.plan_layout(shuffled, study=None, site_study="Fetal Echo Study")
        assert [m.name for m in again.members] == names
    rows = {r.description: r for r in layout.series}
    assert rows["4CH"].files in (1, 2) and rows["PLAX / long axis"].number == 1
    assert sum(r.files for r in layout.series) == 4


def test_study_comes_from_option_then_protocol_id_then_site(tmp_path: Path) -> None:
    files = _exam_files(tmp_path, protocol="FETAL-01")
    assert archive.plan_layout(files, study=None, site_study="x").study == "FETAL-01"
    assert archive.plan_layout(files, study="Other", site_study="x").study == "Other"


def test_zip_is_streamed_deterministic_and_has_the_manifests(tmp_path: Path) -> None:
    files = _exam_files(tmp_path)
    layout = archive.plan_layout(files, study="S", site_study="x")
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    a = archive.write_zip(layout, tmp_path / "one" / "p.zip")
    b = archive.write_zip(
        archive.plan_layout(files[::-1], study="S", site_study="x"), tmp_path / "two" / "p.zip"
    )
    assert a.read_bytes() == b.read_bytes()  # same selection, same bytes
    assert sorted(p.name for p in (tmp_path / "one").iterdir()) == ["p.zip"]
    with zipfile.ZipFile(a) as zf:
        assert zf.testzip() is None
        members = zf.namelist()
        series = list(csv.DictReader(io.StringIO(zf.read("manifest.csv").decode())))
        files_rows = list(csv.DictReader(io.StringIO(zf.read("files.csv").decode())))
        wb = openpyxl.load_workbook(io.BytesIO(zf.read("manifest.xlsx")), read_only=True)
        sheet = list(wb["files"].iter_rows(values_only=True))
        wb.close()
    assert list(series[0]) == archive.SERIES_COLUMNS
    assert [r["path"] for r in files_rows] == [n for n in members if n.startswith("S/")]
    assert len(sheet) == len(files_rows) + 1
    assert {r["series_number"] for r in series} == {"1", "3"}


def test_to_folder_writes_the_same_layout(tmp_path: Path) -> None:
    files = _exam_files(tmp_path)
    layout = archive.plan_layout(files, study="S", site_study="x")
    out = archive.write_folder(layout, tmp_path / "echopac")
    on_disk = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert on_disk == sorted([m.name for m in layout.members] + archive.MANIFEST_NAMES)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_zip64_members_when_a_file_needs_it(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    files = _exam_files(tmp_path)
    layout = archive.plan_layout(files, study="S", site_study="x")
    monkeypatch.setattr(zipfile, "ZIP64_LIMIT", 100)  # a "large" file is now 100 bytes
    (tmp_path / "z").mkdir()
    out = archive.write_zip(layout, tmp_path / "z" / "big.zip")
    monkeypatch.undo()
    with zipfile.ZipFile(out) as zf:
        big = [i for i in zf.infolist() if i.file_size > 100]
        assert big and all(b"\x01\x00" in i.extra[:2] for i in big)  # the ZIP64 extra field
        assert zf.testzip() is None


def test_missing_out_folder_is_refused(tmp_path: Path) -> None:
    import pytest

    from echouploader.core.errors import UsageError

    with pytest.raises(UsageError, match="does not exist"):
        archive.check_out_folder(tmp_path / "nope" / "a.zip")
