"""Fuzzy matching of OCR lines against the identifying values of a file's original header."""

from __future__ import annotations

import pytest
from pydicom.dataset import Dataset

from echouploader.core.privacy.pixels.matching import (
    IdentifyingValues,
    approximate_find,
    birth_date_spellings,
    fold,
    masked,
)


def _header() -> Dataset:
    ds = Dataset()
    ds.PatientName = "MÜLLER^ANNA^MARIA"
    ds.PatientID = "PID-12345"
    ds.PatientBirthDate = "19840312"
    ds.AccessionNumber = "ACC55501234"
    ds.InstitutionName = "St. Mary Hospital"
    ds.OperatorsName = "SMITH^JO"
    ds.ReferringPhysicianName = "Brown^Peter"
    ds.StationName = "ECHOLAB3"
    other = Dataset()
    other.PatientID = "OTHER-778899"
    ds.OtherPatientIDsSequence = [other]
    return ds


@pytest.fixture(scope="module")
def values() -> IdentifyingValues:
    return IdentifyingValues.from_dataset(_header())


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("MULLER~ANNA~MARIA  ID: PID-12345", "name"),
        ("Anna Maria Müller", "name"),
        ("AnnaMüller", "name"),
        ("ID:P1D-12345", "ID"),  # I read as 1
        ("PID12345", "ID"),
        ("Acc: ACC5550I234", "accession number"),
        ("St.Mary Hosp1tal", "institution"),
        ("Op: SMlTH", "operator"),
        ("Ref: Dr Peter Brown", "physician"),
        ("ECH0LAB3", "station"),
        ("Alt ID OTHER-778899", "ID"),
    ],
)
def test_misread_lines_still_match(values: IdentifyingValues, line: str, kind: str) -> None:
    match = values.find(line)
    assert match is not None, line
    assert match.kind == kind


@pytest.mark.parametrize(
    "printed",
    [
        "19840312",
        "1984-03-12",
        "12.03.1984",
        "12/03/1984",
        "03/12/1984",
        "12 Mar 1984",
        "12-MAR-1984",
        "DOB:12-MAR-1984",
        "Mar 12 1984",
        "12/03/84",
    ],
)
def test_birth_date_in_every_usual_spelling(values: IdentifyingValues, printed: str) -> None:
    match = values.find(printed)
    assert match is not None and match.kind == "birth date"


@pytest.mark.parametrize(
    "line",
    [
        "Depth 16 cm",
        "FR 52Hz",
        "HR 72 bpm",
        "2026-12-01 10:22:01",
        "M5S",
        "TIS 0.7 MI 1.2",
        "Jo",  # 2 characters: never matched
        "Gain 54",
        "Annapolis 4C",
    ],
)
def test_ordinary_screen_text_does_not_match(values: IdentifyingValues, line: str) -> None:
    assert values.find(line) is None


def test_short_name_parts_match_only_whole_words() -> None:
    ds = Dataset()
    ds.PatientName = "LEE^BO"
    values = IdentifyingValues.from_dataset(ds)
    assert values.find("LEE") is not None
    assert values.find("Pat: Lee") is not None
    assert values.find("SLEEP MODE") is None  # LEE inside another word
    assert values.find("BO") is None  # too short on its own
    assert values.find("Bo Lee") is not None  # the full name is long enough


def test_edit_distance_is_relative_to_length() -> None:
    assert approximate_find("P1D12345", "XXP1D12346YY", 1)
    assert not approximate_find("P1D12345", "XXP1D99346YY", 1)
    assert approximate_find("ABCDE", "ABCDE", 0)
    assert not approximate_find("ABCDE", "ABCDF", 0)


def test_fold_merges_ocr_confusions() -> None:
    assert fold("DOE^JANE") == fold("D0E~JANE") == fold("doe jane")
    assert fold("Il1|") == "1111"


def test_spellings_of_a_bad_date_are_none() -> None:
    assert birth_date_spellings("") == []
    assert birth_date_spellings("19841332") == []
    assert "12-MAR-1984" in birth_date_spellings("19840312")


def test_values_from_exam_strings() -> None:
    values = IdentifyingValues.from_strings({"DOE", "JANE", "PID-12345", "19840312"})
    assert values.find("DOE~JANE") is not None
    assert values.find("12.03.1984").kind == "birth date"
    assert values.find("Depth 16cm") is None


def test_masked_keeps_only_first_characters() -> None:
    assert masked("DOE~JANE ID:PID-12345") == "D**~J*** I*:P**-1****"
