"""De-identification of a GE-Vivid-like exam: nothing identifying survives, byte for byte."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import numpy as np
import pydicom
import pytest

from echouploader.core.errors import PrivacyBlocked, UsageError
from echouploader.core.privacy.check import check_exam
from echouploader.core.privacy.deidentify.apply import deidentify_exam
from echouploader.core.privacy.deidentify.profile import PrivacyProfile
from echouploader.core.privacy.exam_identity import ExamIdentity
from echouploader.core.privacy.keycode import KeyCodeStore
from tests.core.privacy.conftest import all_output_files, leaks
from tests.core.privacy.synthetic_exam import Person, SyntheticExam, make_small_dicom

SECRET = b"s" * 32
IDENTITY = ExamIdentity("1234", "1a")
TRIAL = PrivacyProfile(sponsor_name="Fetal Heart Study", protocol_id="FHS-01", site_id="SE07")


def _run(exam: SyntheticExam, out: Path, profile: PrivacyProfile = TRIAL):  # type: ignore[no-untyped-def]
    return deidentify_exam(exam.root, out, IDENTITY, profile, secret=SECRET)


def _dicoms(root: Path) -> dict[str, pydicom.Dataset]:
    return {
        p.name: pydicom.dcmread(p)
        for p in all_output_files(root)
        if p.suffix == "" and p.name != "DICOMDIR"
    }


def test_no_identifying_string_survives_in_any_output_byte(
    vivid_exam: SyntheticExam, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = _run(vivid_exam, out)
    names = sorted(p.relative_to(out).as_posix() for p in all_output_files(out))
    assert names == [
        "GEMS_IMG/2026_NOV/20/__101500/K2MDI0G2",
        "GEMS_IMG/2026_NOV/20/__101500/K2MDI0G4",
        "GEMS_IMG/2026_NOV/20/__101500/K2MDI0GA",
        "report.pdf",
        "report_photo.jpg",
    ]
    assert ("DICOMDIR", "DICOMDIR is not sent") in result.skipped
    assert leaks(out, vivid_exam.person.secrets()) == {}
    # The input really had them all (the test would prove nothing otherwise).
    assert set(leaks(vivid_exam.root, vivid_exam.person.secrets())) == {
        "DICOMDIR",
        "GEMS_IMG/2026_NOV/20/__101500/K2MDI0G2",
        "GEMS_IMG/2026_NOV/20/__101500/K2MDI0G4",
        "GEMS_IMG/2026_NOV/20/__101500/K2MDI0GA",
        "report.pdf",
        "report_photo.jpg",
    }


def test_pixel_data_and_other_values_are_unchanged(
    vivid_exam: SyntheticExam, tmp_path: Path
) -> None:
    _run(vivid_exam, tmp_path / "out")
    after = _dicoms(tmp_path / "out")
    for path in vivid_exam.dicom_files:
        before = pydicom.dcmread(path)
        new = after[path.name]
        if "PixelData" in before:
            old = np.frombuffer(before.PixelData, np.uint8).reshape(-1, 8, 8)
            cur = np.frombuffer(new.PixelData, np.uint8).reshape(-1, 8, 8)
            assert (cur[:, 1:, :] == old[:, 1:, :]).all()  # the declared region, untouched
            assert not cur[:, 0, :].any()  # outside it: blanked as possible banner
            assert new.Rows == before.Rows
            assert new.get("NumberOfFrames") == before.get("NumberOfFrames")
        for keyword in (
            "SOPClassUID",
            "Modality",
            "Manufacturer",
            "ManufacturerModelName",
            "SoftwareVersions",
            "SeriesNumber",
            "InstanceNumber",
        ):
            assert new.get(keyword) == before.get(keyword)
        if "SequenceOfUltrasoundRegions" in before:
            assert new.SequenceOfUltrasoundRegions == before.SequenceOfUltrasoundRegions
        assert new.preamble == b"\0" * 128
        assert new.file_meta.TransferSyntaxUID == before.file_meta.TransferSyntaxUID
        assert "SourceApplicationEntityTitle" not in new.file_meta
        assert "PrivateInformation" not in new.file_meta


def test_trial_attributes_and_method(vivid_exam: SyntheticExam, tmp_path: Path) -> None:
    result = _run(vivid_exam, tmp_path / "out")
    for ds in _dicoms(tmp_path / "out").values():
        assert ds.PatientName == "1234" and ds.PatientID == "1234"
        assert ds.ClinicalTrialSubjectID == "1234"
        assert ds.ClinicalTrialTimePointID == "1a"
        assert ds.ClinicalTrialTimePointDescription == "additional baseline fetal echo"
        assert ds.ClinicalTrialSponsorName == "Fetal Heart Study"
        assert ds.ClinicalTrialProtocolID == "FHS-01"
        assert ds.ClinicalTrialSiteID == "SE07"
        codes = [item.CodeValue for item in ds.DeidentificationMethodCodeSequence]
        pixels = ["113101"] if "PixelData" in ds else []  # Clean Pixel Data
        assert codes == ["113100", *pixels, "113111"]
        assert ds.LongitudinalTemporalInformationModified == "REMOVED"
        # Type 2 attributes the basic profile empties (Z): present, with no value.
        for keyword in (
            "StudyDate",
            "StudyTime",
            "StudyID",
            "AccessionNumber",
            "PatientBirthDate",
            "ReferringPhysicianName",
        ):
            assert keyword in ds and ds[keyword].value in ("", None), keyword
    # The frames were cleaned outside their regions and read again: identity is removed.
    assert result.patient_identity_removed
    removed = {name: ds.PatientIdentityRemoved for name, ds in _dicoms(tmp_path / "out").items()}
    assert removed == {"K2MDI0G2": "YES", "K2MDI0G4": "YES", "K2MDI0GA": "YES"}


def test_identity_removed_yes_when_no_burned_in_text_is_suspected(tmp_path: Path) -> None:
    make_small_dicom(tmp_path / "exam" / "IMG00001")
    profile = PrivacyProfile(us_burned_in_text=False)
    result = deidentify_exam(tmp_path / "exam", tmp_path / "out", IDENTITY, profile, secret=SECRET)
    assert result.patient_identity_removed
    assert pydicom.dcmread(tmp_path / "out" / "IMG00001").PatientIdentityRemoved == "YES"


def test_uids_are_consistent_across_files_and_runs(
    vivid_exam: SyntheticExam, tmp_path: Path
) -> None:
    _run(vivid_exam, tmp_path / "one")
    _run(vivid_exam, tmp_path / "two")
    one, two = _dicoms(tmp_path / "one"), _dicoms(tmp_path / "two")
    clip, still, sr = one["K2MDI0G2"], one["K2MDI0G4"], one["K2MDI0GA"]
    originals = {p.name: pydicom.dcmread(p) for p in vivid_exam.dicom_files}
    assert clip.StudyInstanceUID == still.StudyInstanceUID == sr.StudyInstanceUID
    assert clip.StudyInstanceUID.startswith("2.25.")
    assert clip.StudyInstanceUID != originals["K2MDI0G2"].StudyInstanceUID
    assert clip.SeriesInstanceUID == still.SeriesInstanceUID
    assert clip.file_meta.MediaStorageSOPInstanceUID == clip.SOPInstanceUID
    # References inside sequences follow the instance they point to.
    assert still.SourceImageSequence[0].ReferencedSOPInstanceUID == clip.SOPInstanceUID
    image_item = sr.ContentSequence[2]
    assert image_item.ReferencedSOPSequence[0].ReferencedSOPInstanceUID == clip.SOPInstanceUID
    for name, ds in one.items():
        assert two[name].SOPInstanceUID == ds.SOPInstanceUID
        assert two[name].StudyInstanceUID == ds.StudyInstanceUID
    # Another site (another secret) gets other UIDs for the same study.
    deidentify_exam(vivid_exam.root, tmp_path / "other", IDENTITY, TRIAL, secret=b"o" * 32)
    assert _dicoms(tmp_path / "other")["K2MDI0G2"].StudyInstanceUID != clip.StudyInstanceUID


def test_private_groups_go_except_the_allow_listed_raw_data(
    vivid_exam: SyntheticExam, tmp_path: Path
) -> None:
    _run(vivid_exam, tmp_path / "out")
    clip = _dicoms(tmp_path / "out")["K2MDI0G2"]
    private = sorted(f"{e.tag.group:04X},{e.tag.element:04X}" for e in clip if e.tag.is_private)
    # GE raw data kept (EchoPAC needs it); its element holding the name went, group 0009 went.
    assert private == ["7FE1,0010", "7FE1,1001", "7FE1,1010"]
    original = pydicom.dcmread(vivid_exam.dicom_files[0])
    assert clip[0x7FE11001].value == original[0x7FE11001].value
    none_kept = deidentify_exam(
        vivid_exam.root,
        tmp_path / "strict",
        IDENTITY,
        PrivacyProfile(retain_safe_private=False),
        secret=SECRET,
    )
    strict = _dicoms(none_kept.out_dir)["K2MDI0G2"]
    assert not [e for e in strict if e.tag.is_private]
    assert [i.CodeValue for i in strict.DeidentificationMethodCodeSequence] == [
        "113100",
        "113101",
    ]


def test_nested_names_are_cleaned_and_sr_measurements_kept(
    vivid_exam: SyntheticExam, tmp_path: Path
) -> None:
    _run(vivid_exam, tmp_path / "out")
    ds = _dicoms(tmp_path / "out")
    assert ds["K2MDI0G2"].AnatomicRegionSequence[0].CodeMeaning == "Heart"
    assert ds["K2MDI0G2"].AnatomicRegionSequence[0].PatientName == ""
    assert "OtherPatientIDsSequence" not in ds["K2MDI0G2"]
    sr = ds["K2MDI0GA"]
    assert sr.ContentSequence[0].PersonName == "ANONYMIZED"
    assert sr.ContentSequence[1].MeasuredValueSequence[0].NumericValue == 42.5
    assert sr.VerifyingObserverSequence[0].VerifyingObserverName == "ANONYMIZED"


def test_options_keep_dates_device_and_patient_characteristics(
    vivid_exam: SyntheticExam, tmp_path: Path
) -> None:
    profile = PrivacyProfile(
        retain_full_dates=True, retain_device_identity=True, retain_patient_characteristics=True
    )
    deidentify_exam(vivid_exam.root, tmp_path / "out", IDENTITY, profile, secret=SECRET)
    ds = _dicoms(tmp_path / "out")["K2MDI0G2"]
    assert ds.StudyDate == "20261120"
    assert ds.DeviceSerialNumber == "SN-E95-0042"
    assert ds.StationName == "VIVIDE95-01"
    assert ds.PatientSex == "F"
    assert ds.LongitudinalTemporalInformationModified == "UNMODIFIED"
    assert [i.CodeValue for i in ds.DeidentificationMethodCodeSequence] == [
        "113100",
        "113101",
        "113106",
        "113108",
        "113109",
        "113111",
    ]
    assert ds.PatientBirthDate == ""  # never kept: not part of any option


def test_modified_dates_shift_every_date_by_one_offset(
    vivid_exam: SyntheticExam, tmp_path: Path
) -> None:
    keys = KeyCodeStore(tmp_path / "keys.sqlite3")
    deidentify_exam(
        vivid_exam.root,
        tmp_path / "out",
        IDENTITY,
        PrivacyProfile(retain_modified_dates=True),
        secret=SECRET,
        keycode=keys,
    )
    ds = _dicoms(tmp_path / "out")["K2MDI0G2"]
    assert ds.StudyDate and ds.StudyDate != "20261120"
    assert ds.StudyDate == ds.ContentDate
    assert ds.LongitudinalTemporalInformationModified == "MODIFIED"
    (entry,) = keys.entries()
    assert entry.date_offset_days is not None and entry.date_offset_days < 0


def test_images_lose_exif_and_pdf_loses_its_document_information(
    vivid_exam: SyntheticExam, tmp_path: Path
) -> None:
    _run(vivid_exam, tmp_path / "out")
    jpeg = (tmp_path / "out" / "report_photo.jpg").read_bytes()
    original = (vivid_exam.root / "report_photo.jpg").read_bytes()
    assert b"Exif" not in jpeg and b"GPS" not in jpeg
    assert jpeg.startswith(b"\xff\xd8") and jpeg.endswith(original[original.index(b"\xff\xda") :])
    pdf = (tmp_path / "out" / "report.pdf").read_bytes()
    # A new image-only PDF: no document information, no font, no text.
    assert pdf.startswith(b"%PDF-") and b"/Author" not in pdf and b"/Font" not in pdf
    assert b"/DCTDecode" in pdf and b"Drcardio" not in pdf and b"Testpatient" not in pdf


def test_a_pdf_that_cannot_be_opened_is_left_out_and_check_says_so(
    vivid_exam: SyntheticExam, tmp_path: Path
) -> None:
    (vivid_exam.root / "letter.pdf").write_bytes(
        b"%PDF-1.4\nBT (Patient Testpatient^Josephine) Tj ET\n%%EOF\n"
    )
    report = check_exam(vivid_exam.root)
    left_out = next(f for f in report.findings if f.code == "pdf-left-out")
    assert left_out.files == ["letter.pdf"] and left_out.severity == "warn"
    result = _run(vivid_exam, tmp_path / "out")
    reasons = dict(result.skipped)
    assert "cannot be opened" in reasons["letter.pdf"]
    assert "Testpatient" not in reasons["letter.pdf"]
    assert not (tmp_path / "out" / "letter.pdf").exists()
    assert (tmp_path / "out" / "report.pdf").exists()


def test_file_names_with_a_name_are_renamed(vivid_exam: SyntheticExam, tmp_path: Path) -> None:
    (vivid_exam.root / "report_photo.jpg").rename(vivid_exam.root / "Testpatient report.jpg")
    _run(vivid_exam, tmp_path / "out")
    names = [p.name for p in all_output_files(tmp_path / "out")]
    assert not any("Testpatient" in n for n in names)
    assert any(n.startswith("renamed_") and n.endswith(".jpg") for n in names)


def test_two_patients_are_blocked_before_anything_is_written(tmp_path: Path) -> None:
    make_small_dicom(tmp_path / "exam" / "A1")
    make_small_dicom(tmp_path / "exam" / "A2", Person(name="Other^Person", patient_id="X12345"))
    with pytest.raises(PrivacyBlocked, match="different patients") as err:
        deidentify_exam(tmp_path / "exam", tmp_path / "out", IDENTITY, secret=SECRET)
    assert err.value.exit_code == 3
    assert not (tmp_path / "out").exists()


def test_output_folder_must_be_new_or_empty_and_outside(
    vivid_exam: SyntheticExam, tmp_path: Path
) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    with pytest.raises(UsageError, match="not empty"):
        _run(vivid_exam, tmp_path / "full")
    with pytest.raises(UsageError, match="inside the exam folder"):
        _run(vivid_exam, vivid_exam.root / "out")


def test_output_is_owner_only(vivid_exam: SyntheticExam, tmp_path: Path) -> None:
    result = _run(vivid_exam, tmp_path / "out")
    assert stat.S_IMODE(result.out_dir.stat().st_mode) == 0o700


def test_key_code_links_the_study_id_to_the_person(
    vivid_exam: SyntheticExam, tmp_path: Path
) -> None:
    keys = KeyCodeStore(tmp_path / "keys.sqlite3")
    result = deidentify_exam(
        vivid_exam.root, tmp_path / "out", IDENTITY, TRIAL, secret=SECRET, keycode=keys
    )
    (entry,) = keys.entries()
    person = vivid_exam.person
    assert (entry.patient_name, entry.patient_id, entry.birth_date) == (
        person.name,
        person.patient_id,
        person.birth_date,
    )
    assert entry.original_study_uid == vivid_exam.study_uid
    assert entry.new_study_uid == result.study_uids[vivid_exam.study_uid]
    assert (entry.subject, entry.echo, entry.exam_id) == ("1234", "1a", "1234_1a")
    assert entry.time and entry.operator is not None


def test_logs_never_carry_identifying_values(
    vivid_exam: SyntheticExam, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("DEBUG", logger="echouploader")
    _run(vivid_exam, tmp_path / "out")
    events = [r.__dict__.get("event") for r in caplog.records]
    assert "check" in events and "deidentify" in events
    text = "\n".join(r.getMessage() + json.dumps(r.__dict__, default=str) for r in caplog.records)
    for secret in vivid_exam.person.secrets():
        assert secret not in text


def test_postnatal_echo_on_the_day_of_birth_keeps_its_full_date(tmp_path: Path) -> None:
    born = Person(birth_date="20261120")  # the same day as the synthetic study date
    make_small_dicom(tmp_path / "exam" / "IM1", born)
    deidentify_exam(
        tmp_path / "exam",
        tmp_path / "out",
        ExamIdentity("1234", "3"),
        PrivacyProfile(retain_full_dates=True),
        secret=SECRET,
    )
    ds = pydicom.dcmread(tmp_path / "out" / "IM1")
    assert ds.StudyDate == "20261120" and ds.PatientBirthDate == ""


def test_an_already_anonymized_name_does_not_stop_the_dummy_values(tmp_path: Path) -> None:
    exam = tmp_path / "exam"
    make_small_dicom(exam / "IM1", Person(name="Anonymized", patient_id="ANON01"))
    from tests.core.privacy.synthetic_exam import _sr, write_dataset

    image = pydicom.dcmread(exam / "IM1")
    write_dataset(
        _sr(
            Person(name="Anonymized", patient_id="ANON01"), image.StudyInstanceUID, "1.2.3.4", image
        ),
        exam / "SR1",
    )
    result = deidentify_exam(exam, tmp_path / "out", IDENTITY, secret=SECRET)
    assert sorted(result.written) == ["IM1", "SR1"]


def test_kept_text_quoting_the_institution_is_cleaned_not_fatal(tmp_path: Path) -> None:
    exam = tmp_path / "exam"
    path = make_small_dicom(exam / "IM1")
    ds = pydicom.dcmread(path)
    ds.StationName = "SOMEWHERE-US1"  # named after the institution
    ds.InstitutionName = "Somewhere"
    ds.save_as(path, enforce_file_format=True)
    deidentify_exam(
        exam, tmp_path / "out", IDENTITY, PrivacyProfile(retain_device_identity=True), secret=SECRET
    )
    out = pydicom.dcmread(tmp_path / "out" / "IM1")
    assert out.StationName == "" and out.DeviceSerialNumber == "SN-E95-0042"


def test_the_byte_search_finds_a_value_across_every_chunk_border(tmp_path: Path) -> None:
    # The safety net searches a megabyte at a time (so the window's thread gets the GIL between
    # chunks); a value that straddles a border must still be found.
    import mmap

    from echouploader.core.privacy.deidentify.apply import SEARCH_CHUNK, _holds_any

    needles = [b"DOE^JOHN", b"P-123456789"]
    base = bytes(range(256)) * (3 * SEARCH_CHUNK // 256) + b"tail"
    path = tmp_path / "clip.bin"

    def holds(data: bytes) -> bool:
        path.write_bytes(data)
        with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as m:
            return _holds_any(m, needles)

    assert not holds(base)
    for border in (SEARCH_CHUNK, 2 * SEARCH_CHUNK):
        for shift in range(-len(needles[1]), 1):
            i = border + shift
            assert holds(base[:i] + needles[1] + base[i + len(needles[1]) :]), (border, shift)
    assert holds(base[:-4] + b"DOE^JOHN")  # at the very end
