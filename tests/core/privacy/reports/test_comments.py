"""Comments for the reviewer: every kind of identifier is caught, ordinary clinical text is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from echouploader.core.errors import PrivacyBlocked, UsageError
from echouploader.core.privacy.reports.comments import (
    CommentsBlocked,
    check_comments,
    comments_bytes,
    read_comments_argument,
)
from echouploader.core.privacy.reports.values import IdentifyingValues
from echouploader.core.support import identifiers

EXAM = IdentifyingValues(
    {
        "Testpatient^Josephine",
        "Testpatient",
        "Josephine",
        "Testpatient Josephine",
        "PID98765432",
        "19870423",
        "ACC555123",
        "Saint Somewhere Hospital",
    }
)


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("Called back 19870423-1234 today", "19870423-1234", identifiers.PERSONNUMMER),
        ("pnr 870423-1234, seen twice", "870423-1234", identifiers.PERSONNUMMER),
        ("NHS 943 476 5919 referred", "943 476 5919", identifiers.NHS_NUMBER),
        ("NHS 9434765919", "9434765919", identifiers.NHS_NUMBER),
        ("KVNR A123456780 on file", "A123456780", identifiers.KVNR),
        ("ask jo.smith@example.org", "jo.smith@example.org", identifiers.EMAIL),
        ("phone +46 70 123 45 67 for results", "+46 70 123 45 67", identifiers.PHONE),
        ("ring 070-123 45 67", "070-123 45 67", identifiers.PHONE),
        ("DOB: 02.03.1990, term baby", "02.03.1990", identifiers.BIRTH_DATE),
        ("born 1990-03-02", "1990-03-02", identifiers.BIRTH_DATE),
        ("geb. 2. März 1990", "2. März 1990", identifiers.BIRTH_DATE),
    ],
)
def test_each_generic_pattern_blocks_with_the_value_masked(
    text: str, value: str, kind: str
) -> None:
    values = IdentifyingValues(set())
    matches = values.find(text)
    assert any(m.kind == kind and text[m.start : m.end] == value for m in matches), matches
    with pytest.raises(CommentsBlocked) as caught:
        check_comments(text, values)
    sentence = str(caught.value)
    assert value not in sentence and isinstance(caught.value, PrivacyBlocked)
    assert identifiers.mask_text(value) in sentence  # masked, but says where
    assert caught.value.exit_code == 3


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Josephine was very cooperative", "Josephine"),
        ("TESTPATIENT, JOSEPHINE: good windows", "TESTPATIENT, JOSEPHINE"),
        ("see PID 9876-5432 in the notes", "PID 9876-5432"),
        ("date of the mother 23.04.1987", "23.04.1987"),
        ("23 April 1987 was the birth", "23 April 1987"),
        ("from saint somewhere hospital", "saint somewhere hospital"),
        ("acc ACC-555-123", "ACC-555-123"),
    ],
)
def test_the_exams_own_values_block_in_any_spelling(text: str, value: str) -> None:
    with pytest.raises(CommentsBlocked) as caught:
        check_comments(text, EXAM)
    assert value not in str(caught.value)
    assert value.lower() not in str(caught.value).lower()


@pytest.mark.parametrize(
    "text",
    [
        "Apical 4-chamber window obtained; mild MR, LVEF 55 %.",
        "Exam on 2026-11-20 at 10:15, 3 clips, 2 loops of 120 frames.",
        "The patient does not tolerate the probe well; Josephs sign absent.",
        "Gain 45, depth 16 cm, HR 142 bpm, 12 weeks follow-up at another hospital.",
        "Referral 1042 for the core lab, echo 1a.",
    ],
)
def test_ordinary_clinical_comments_pass(text: str) -> None:
    check_comments(text, EXAM)  # no exception


def test_an_invalid_nhs_check_digit_is_not_an_nhs_number() -> None:
    assert identifiers.nhs_check_ok("9434765919")
    assert not identifiers.nhs_check_ok("9434765918")
    kinds = {m.kind for m in identifiers.find_generic("frames 9434765918")}
    assert identifiers.NHS_NUMBER not in kinds


def test_comments_file_is_the_text_with_at_most_one_newline_added() -> None:
    assert comments_bytes("Good windows") == b"Good windows\n"
    assert comments_bytes("Two lines\nsecond\n") == b"Two lines\nsecond\n"
    assert comments_bytes("Blank end\n\n") == b"Blank end\n\n"
    assert comments_bytes("Åsa's läkare: ok") == "Åsa's läkare: ok\n".encode()


def test_comments_argument_reads_a_utf8_file(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Fönster bra\nandra raden", encoding="utf-8")
    assert read_comments_argument(f"@{note}") == "Fönster bra\nandra raden"
    assert read_comments_argument("plain text") == "plain text"
    (tmp_path / "latin.txt").write_bytes("F\xf6nster".encode("latin-1"))
    with pytest.raises(UsageError, match="not UTF-8"):
        read_comments_argument(f"@{tmp_path / 'latin.txt'}")
    with pytest.raises(UsageError, match="cannot be read"):
        read_comments_argument(f"@{tmp_path / 'missing.txt'}")
