"""Build GE-Vivid-like exam folders with pydicom: small pixel data, known identifying values.

The identifying values are placed everywhere a real export hides them: top-level attributes,
nested sequences, private groups (also after the pixel data, like GE's raw-data group), the file
meta, the ``DICOMDIR``, a JPEG's EXIF and a PDF's document information.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

US_MULTIFRAME = "1.2.840.10008.5.1.4.1.1.3.1"
US_IMAGE = "1.2.840.10008.5.1.4.1.1.6.1"
COMPREHENSIVE_SR = "1.2.840.10008.5.1.4.1.1.88.33"
GE_MOVIE = "GEMS_Ultrasound_MovieGroup_001"


@dataclass
class Person:
    name: str = "Testpatient^Josephine"
    patient_id: str = "PID98765432"
    birth_date: str = "19870423"
    institution: str = "Saint Somewhere Hospital"
    physician: str = "Drcardio^Henrietta"
    operator: str = "Sonographer^Maximilian"
    address: str = "Longstreet 17 Smalltown"
    phone: str = "+46701234567"
    accession: str = "ACC55501234"

    def secrets(self) -> list[str]:
        """Strings that must not appear anywhere in a de-identified file."""
        out = [
            self.name,
            self.patient_id,
            self.birth_date,
            self.institution,
            self.physician,
            self.operator,
            self.address,
            self.phone,
            self.accession,
        ]
        for pn in (self.name, self.physician, self.operator):
            out += [part for part in pn.split("^")]
        return out


@dataclass
class SyntheticExam:
    root: Path
    person: Person
    dicom_files: list[Path] = field(default_factory=list)
    study_uid: str = ""


def _meta(sop_class: str, sop_instance: str, person: Person) -> FileMetaDataset:
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = sop_class
    meta.MediaStorageSOPInstanceUID = sop_instance
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    meta.ImplementationClassUID = "1.2.840.113619.6.9999"
    meta.SourceApplicationEntityTitle = "VIVIDE95SITE"
    meta.PrivateInformationCreatorUID = "1.2.840.113619.6.1"
    meta.PrivateInformation = f"patient={person.name};id={person.patient_id}".encode()
    return meta


def _base(
    person: Person, sop_class: str, study_uid: str, series_uid: str, for_uid: str, number: int
) -> Dataset:
    sop_instance = generate_uid()
    ds = Dataset()
    ds.file_meta = _meta(sop_class, sop_instance, person)
    ds.preamble = (b"GEMS-PREAMBLE " + person.patient_id.encode() + b"\0" * 128)[:128]
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.SOPClassUID = sop_class
    ds.SOPInstanceUID = sop_instance
    ds.StudyDate = "20261120"
    ds.StudyTime = "101500"
    ds.ContentDate = "20261120"
    ds.AccessionNumber = person.accession
    ds.Modality = "US"
    ds.Manufacturer = "GE Vingmed Ultrasound"
    ds.InstitutionName = person.institution
    ds.InstitutionAddress = person.address
    ds.ReferringPhysicianName = person.physician
    ds.StationName = "VIVIDE95-01"
    ds.StudyDescription = f"Fetal echo {person.name}"
    ds.PerformingPhysicianName = person.physician
    ds.OperatorsName = person.operator
    ds.ManufacturerModelName = "Vivid E95"
    ds.PatientName = person.name
    ds.PatientID = person.patient_id
    ds.PatientBirthDate = person.birth_date
    ds.PatientSex = "F"
    ds.OtherPatientIDs = "OTHER" + person.patient_id
    ds.PatientTelephoneNumbers = person.phone
    ds.PatientComments = f"call {person.phone}"
    other = Dataset()
    other.PatientID = person.patient_id
    other.IssuerOfPatientID = person.institution
    ds.OtherPatientIDsSequence = Sequence([other])
    ds.DeviceSerialNumber = "SN-E95-0042"
    ds.SoftwareVersions = "204.67.0"
    ds.StudyInstanceUID = study_uid
    ds.SeriesInstanceUID = series_uid
    ds.FrameOfReferenceUID = for_uid
    ds.StudyID = "4711"
    ds.SeriesNumber = number
    ds.InstanceNumber = number
    region = Dataset()
    region.AnatomicRegionSequence = Sequence()
    code = Dataset()
    code.CodeValue = "T-32000"
    code.CodingSchemeDesignator = "SRT"
    code.CodeMeaning = "Heart"
    code.PatientName = person.name  # a name where no name belongs: a nested copy
    ds.AnatomicRegionSequence = Sequence([code])
    # A private group before the patient module.
    ds.private_block(0x0009, "GEMS_GENIE_1", create=True).add_new(0x10, "LO", person.name)
    return ds


def _pixels(ds: Dataset, frames: int, seed: int) -> None:
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows = 8
    ds.Columns = 8
    ds.BitsAllocated = 8
    ds.BitsStored = 8
    ds.HighBit = 7
    ds.PixelRepresentation = 0
    if frames > 1:
        ds.NumberOfFrames = frames
        ds.FrameTime = "33.3"
    ds.PixelData = bytes((seed * 31 + i * 7) % 256 for i in range(64 * frames))
    region = Dataset()
    region.RegionSpatialFormat = 1
    region.RegionDataType = 1
    region.RegionLocationMinX0 = 0
    region.RegionLocationMinY0 = 1
    region.RegionLocationMaxX1 = 7
    region.RegionLocationMaxY1 = 7
    ds.SequenceOfUltrasoundRegions = Sequence([region])


def _ge_raw_group(ds: Dataset, person: Person) -> None:
    """GE's raw cine data group, sorted after the pixel data; one element leaks the name."""
    block = ds.private_block(0x7FE1, GE_MOVIE, create=True)
    block.add_new(0x01, "OB", b"\x01\x02RAWCINE\x00" * 8)
    block.add_new(0x02, "LO", f"{person.name} {person.patient_id}")
    item = Dataset()
    item.add_new(0x7FE10010, "LO", GE_MOVIE)
    item.add_new(0x7FE11020, "OB", b"\x10\x20" * 16)
    block.add_new(0x10, "SQ", Sequence([item]))


def write_dataset(ds: Dataset, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    ds.save_as(path, enforce_file_format=True)
    return path


def _sr(person: Person, study_uid: str, series_uid: str, ref: Dataset) -> Dataset:
    ds = _base(person, COMPREHENSIVE_SR, study_uid, series_uid, generate_uid(), 99)
    ds.Modality = "SR"
    del ds.AnatomicRegionSequence
    ds.ValueType = "CONTAINER"
    ds.CompletionFlag = "COMPLETE"
    ds.VerificationFlag = "VERIFIED"
    observer = Dataset()
    observer.VerifyingObserverName = person.physician
    observer.VerifyingOrganization = person.institution
    observer.VerificationDateTime = "20261120113000"
    ds.VerifyingObserverSequence = Sequence([observer])
    pname = Dataset()
    pname.RelationshipType = "HAS OBS CONTEXT"
    pname.ValueType = "PNAME"
    pname.PersonName = person.operator
    num = Dataset()
    num.RelationshipType = "CONTAINS"
    num.ValueType = "NUM"
    value = Dataset()
    value.NumericValue = "42.5"
    num.MeasuredValueSequence = Sequence([value])
    image = Dataset()
    image.RelationshipType = "INFERRED FROM"
    image.ValueType = "IMAGE"
    refsop = Dataset()
    refsop.ReferencedSOPClassUID = ref.SOPClassUID
    refsop.ReferencedSOPInstanceUID = ref.SOPInstanceUID
    image.ReferencedSOPSequence = Sequence([refsop])
    ds.ContentSequence = Sequence([pname, num, image])
    return ds


def _dicomdir(person: Person, study_uid: str, files: list[Path], root: Path) -> Dataset:
    ds = Dataset()
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.1.3.10"
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta = meta
    ds.preamble = b"\0" * 128
    ds.FileSetID = "VIVID"
    ds.FileSetConsistencyFlag = 0
    patient = Dataset()
    patient.DirectoryRecordType = "PATIENT"
    patient.PatientName = person.name
    patient.PatientID = person.patient_id
    patient.PatientBirthDate = person.birth_date
    study = Dataset()
    study.DirectoryRecordType = "STUDY"
    study.StudyInstanceUID = study_uid
    study.StudyDescription = f"Echo {person.name}"
    records = [patient, study]
    for path in files:
        image = Dataset()
        image.DirectoryRecordType = "IMAGE"
        image.ReferencedFileID = list(path.relative_to(root).parts)
        records.append(image)
    ds.DirectoryRecordSequence = Sequence(records)
    return ds


def _jpeg_with_exif(person: Person) -> bytes:
    def seg(marker: int, payload: bytes) -> bytes:
        return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload

    exif = b"Exif\x00\x00MM\x00*\x00\x00\x00\x08" + f"Artist={person.name};GPS=59.3,18.0".encode()
    return (
        b"\xff\xd8"
        + seg(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
        + seg(0xE1, exif)
        + seg(0xFE, f"photo of report for {person.patient_id}".encode())
        + seg(0xDB, b"\x00" + bytes(range(1, 65)))
        + seg(0xC0, b"\x08\x00\x08\x00\x08\x01\x01\x11\x00")
        + seg(0xDA, b"\x01\x01\x00\x00\x3f\x00")
        + b"\x12\x34\x56\x78SCANDATA\xff\x00\x9a"
        + b"\xff\xd9"
    )


def _pdf(person: Person) -> bytes:
    """A one-page report: the name in its text layer, the physician in its metadata."""
    from tests.core.privacy.reports.samples import text_pdf

    family, given = person.name.split("^")
    return text_pdf(
        [["Echo report", f"Patient: {family}, {given}", "LVEF 60 %, normal valves"]],
        author=person.physician.replace("^", " "),
    )


def make_vivid_exam(
    root: Path, person: Person | None = None, with_extras: bool = True, study_uid: str | None = None
) -> SyntheticExam:
    """A GE-Vivid-like export: DICOMDIR, 8-character files, US clip, US still, SR, JPEG, PDF."""
    person = person or Person()
    study_uid = study_uid or generate_uid()
    exam = SyntheticExam(root, person, study_uid=study_uid)
    folder = root / "GEMS_IMG" / "2026_NOV" / "20" / "__101500"
    series_uid = generate_uid()
    for_uid = generate_uid()

    clip = _base(person, US_MULTIFRAME, study_uid, series_uid, for_uid, 1)
    _pixels(clip, frames=3, seed=1)
    _ge_raw_group(clip, person)
    exam.dicom_files.append(write_dataset(clip, folder / "K2MDI0G2"))

    still = _base(person, US_IMAGE, study_uid, series_uid, for_uid, 2)
    _pixels(still, frames=1, seed=2)
    still.BurnedInAnnotation = "YES"
    source = Dataset()
    source.ReferencedSOPClassUID = clip.SOPClassUID
    source.ReferencedSOPInstanceUID = clip.SOPInstanceUID
    still.SourceImageSequence = Sequence([source])
    exam.dicom_files.append(write_dataset(still, folder / "K2MDI0G4"))

    sr = _sr(person, study_uid, generate_uid(), clip)
    exam.dicom_files.append(write_dataset(sr, folder / "K2MDI0GA"))

    write_dataset(_dicomdir(person, study_uid, exam.dicom_files, root), root / "DICOMDIR")
    if with_extras:
        (root / "report_photo.jpg").write_bytes(_jpeg_with_exif(person))
        (root / "report.pdf").write_bytes(_pdf(person))
    return exam


def make_small_dicom(
    path: Path, person: Person | None = None, study_uid: str | None = None, seed: int = 0
) -> Path:
    """One small US image (for speed tests and mixed folders)."""
    person = person or Person()
    ds = _base(
        person, US_IMAGE, study_uid or generate_uid(), generate_uid(), generate_uid(), seed + 1
    )
    _pixels(ds, frames=1, seed=seed)
    return write_dataset(ds, path)
