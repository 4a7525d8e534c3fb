"""Every action of the basic profile, on a data set where every attribute of table E.1-1 holds
a value; and the final byte search, made to fire.

The data set is built from the table itself (one element per row, with a value of the row's VR),
so a row the cleaner stops honouring fails here by name. The expected outcome of each action code
is written out below, independently of the cleaner's code.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pydicom
import pytest
from pydicom.datadict import dictionary_VR
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence

from echouploader.core.privacy.deidentify.apply import DeidentificationFailed, deidentify_exam
from echouploader.core.privacy.deidentify.dataset import DatasetCleaner
from echouploader.core.privacy.deidentify.profile import PrivacyProfile
from echouploader.core.privacy.deidentify.ps315 import BASIC, load_table
from echouploader.core.privacy.deidentify.uids import UidMapper
from echouploader.core.privacy.exam_identity import ExamIdentity
from tests.core.privacy.synthetic_exam import Person, make_small_dicom

REMOVED = {"X", "X/D"}
EMPTIED = {"Z", "X/Z", "Z/D", "X/Z/D"}
# Sequences the table marks D or X/Z/U* are kept and cleaned inside (their items hold
# references and codes that follow their own rows).
_NESTED_MARK = "Nested^Marker"


def _value(vr: str, tag: int) -> Any:
    """A non-empty value of ``vr``, different for every tag."""
    text = f"V{tag:08X}"
    if vr == "PN":
        return f"Person^{tag:08X}"
    if vr in ("SH", "LO", "ST", "LT", "UT", "UC"):
        return text
    if vr == "CS":
        return text.upper()[:16]
    if vr == "AE":
        return text[:16]
    if vr == "UR":
        return f"http://example.org/{tag:08x}"
    if vr == "DA":
        return "20240131"
    if vr == "TM":
        return "101112"
    if vr == "DT":
        return "20240131101112"
    if vr == "AS":
        return "031Y"
    if vr == "DS":
        return "1.5"
    if vr == "IS":
        return "7"
    if vr == "UI":
        return f"1.2.826.0.1.3680043.{tag}"
    if vr in ("US", "SS", "UL", "SL", "UV", "SV"):
        return 7
    if vr in ("FL", "FD"):
        return 7.5
    if vr == "AT":
        return 0x00100010
    if vr == "SQ":
        item = Dataset()
        item.CodeMeaning = "kept text"
        item.PatientName = _NESTED_MARK  # a name inside: must go whatever the sequence's row
        return Sequence([item])
    return b"\x01\x02\x03\x04"  # OB, OW, OF, OD, OL, OV, UN


def _full_dataset() -> tuple[Dataset, dict[int, tuple[str, str, Any]]]:
    table = load_table()
    ds = Dataset()
    expected: dict[int, tuple[str, str, Any]] = {}
    for tag, row in sorted(table.rows.items()):
        if tag >> 16 == 0x0002 or tag >> 16 in (0xFFFE,):
            continue  # file meta and item delimiters never sit in a data set
        try:
            vr = dictionary_VR(tag)
        except KeyError:
            continue
        vr = vr.split(" or ")[0]
        value = _value(vr, tag)
        ds.add_new(tag, vr, value)
        expected[tag] = (row[BASIC], vr, value)
    # The repeating groups of the table: an overlay's data and a curve.
    ds.add_new(0x60023000, "OW", b"\x00\xff" * 8)
    ds.add_new(0x50000010, "US", 3)
    return ds, expected


def test_every_basic_profile_action_on_every_attribute_of_the_table() -> None:
    ds, expected = _full_dataset()
    assert len(expected) > 550  # the whole table, not a sample
    original = copy.deepcopy(ds)
    mapper = UidMapper(b"k" * 32)
    cleaner = DatasetCleaner(PrivacyProfile(retain_safe_private=False), mapper)
    cleaner.clean(ds)
    wrong: list[str] = []
    for tag, (action, vr, value) in expected.items():
        name = f"({tag >> 16:04X},{tag & 0xFFFF:04X}) {pydicom.datadict.keyword_for_tag(tag)}"
        present = tag in ds
        after = ds[tag].value if present else None
        if action in REMOVED:
            ok = not present
        elif action in EMPTIED:
            ok = present and (len(after) == 0 if vr == "SQ" else after in ("", None, b""))
        elif action == "K":
            ok = present and (vr == "SQ" or after == value)
        elif action == "U":
            ok = present and (vr != "UI" or (after != value and str(after).startswith("2.25.")))
        elif action == "D":
            if vr == "SQ":
                ok = present and all(_NESTED_MARK not in str(i) for i in after)
            elif vr == "UI":
                ok = present and after != value and str(after).startswith("2.25.")
            else:
                ok = present and after not in ("", None) and after != value
        elif action == "X/Z/U*":
            if vr == "SQ":
                ok = present and all(_NESTED_MARK not in str(i) for i in after)
            elif vr == "UI":
                ok = present and after != value
            else:
                ok = not present
        else:
            ok = False
        if not ok:
            wrong.append(f"{name}: {action} on {vr} left {after!r}")
    assert not wrong, "\n".join(wrong)
    assert 0x60023000 not in ds and 0x50000010 not in ds
    # Nothing from the input survives as a person's name at any depth.
    assert _NESTED_MARK not in str(ds) and _NESTED_MARK in str(original)


def test_the_basic_profile_empties_the_study_date_time_id_and_accession() -> None:
    table = load_table()
    for tag in (0x00080020, 0x00080030, 0x00200010, 0x00080050):  # date, time, ID, accession
        assert table.action(tag, PrivacyProfile().option_codes()) == "Z", hex(tag)
    ds = Dataset()
    ds.StudyDate, ds.StudyTime, ds.StudyID, ds.AccessionNumber = (
        "20261120",
        "101500",
        "4711",
        "ACC55501234",
    )
    DatasetCleaner(PrivacyProfile(), UidMapper(b"k" * 32)).clean(ds)
    assert (ds.StudyDate, ds.StudyTime, ds.StudyID, ds.AccessionNumber) == ("", "", "", "")


def test_the_final_byte_search_stops_a_file_the_cleaner_cannot_clean(tmp_path: Path) -> None:
    # The patient ID sits in bytes no attribute rule reaches: pixel values inside the image's
    # declared region (kept by the pixel cleaner, as a frame could spell it by chance). The
    # pixel data is rewritten by cleaning, so it is searched; only the final search of every
    # written byte can notice, and it must stop the exam and leave nothing behind.
    person = Person()
    path = make_small_dicom(tmp_path / "exam" / "IM1", person)
    ds = pydicom.dcmread(path)
    region = ds.SequenceOfUltrasoundRegions[0]
    assert region.RegionLocationMinY0 <= 4 <= region.RegionLocationMaxY1
    pixels = bytearray(ds.PixelData)
    at = (4 * ds.Columns + 2) * ds.SamplesPerPixel  # row 4, column 2: inside the region
    pixels[at : at + len(person.patient_id)] = person.patient_id.encode()
    ds.PixelData = bytes(pixels)
    ds.save_as(path, enforce_file_format=True)
    out = tmp_path / "out"
    with pytest.raises(DeidentificationFailed, match="left an identifying value in IM1") as err:
        deidentify_exam(tmp_path / "exam", out, ExamIdentity("1234", "1"), secret=b"s" * 32)
    assert err.value.exit_code == 3
    assert not out.exists()


@pytest.mark.parametrize("chunk", [8, 13, 64])
def test_the_final_byte_search_finds_a_value_cut_by_its_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    # The search reads written files in chunks; with chunks shorter than the value, every
    # occurrence is cut by a chunk edge, and must still be found.
    from echouploader.core.privacy.deidentify import leak_search

    person = Person()
    assert len(person.patient_id) > 8
    path = make_small_dicom(tmp_path / "exam" / "IM1", person)
    ds = pydicom.dcmread(path)
    ds.Modality = "MR"
    del ds.SequenceOfUltrasoundRegions
    pixels = bytearray(ds.PixelData)
    pixels[20 : 20 + len(person.patient_id)] = person.patient_id.encode()
    ds.PixelData = bytes(pixels)
    ds.save_as(path, enforce_file_format=True)
    monkeypatch.setattr(leak_search, "CHUNK", chunk)
    with pytest.raises(DeidentificationFailed, match="left an identifying value in IM1"):
        deidentify_exam(
            tmp_path / "exam", tmp_path / "out", ExamIdentity("1234", "1"), secret=b"s" * 32
        )
