"""Reports (CSV and XLSX, broken ones included) and which exams a selection takes."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from echouploader.core.corelab.arrivals import COMPLETE, INCOMPLETE, UPLOADING, Arrival
from echouploader.core.corelab.selection import ReportRow, read_report, select
from echouploader.core.errors import UsageError


def _a(exam: str, state: str = COMPLETE) -> Arrival:
    subject, echo = exam.split("_")
    return Arrival(exam, f"/in/{exam}", subject, echo, 1, 1, None, None, state)


ARRIVALS = [
    _a("1001_1"),
    _a("1001_2"),
    _a("1002_1a"),
    _a("1002_2", INCOMPLETE),
    _a("1003_1", UPLOADING),
]


def test_csv_columns_any_case_any_delimiter_other_columns_ignored(tmp_path: Path) -> None:
    p = tmp_path / "r.csv"
    p.write_text("\ufeffCentre;SUBJECT;Visit;Modality\nA;1001;2;US\nB; 1002 ;;US\nA;;3;US\n")
    assert read_report(p) == [ReportRow("1001", "2"), ReportRow("1002", None)]
    p.write_text("subject\n1001\n1001\n")
    assert read_report(p) == [ReportRow("1001", None)]


def test_xlsx_numbers_and_column_order(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append([None, None])
    wb.active.append(["Visit", "Subject"])
    wb.active.append([1, 1001])
    wb.active.append(["1a", 1002.0])
    wb.active.append([None, None])
    p = tmp_path / "r.xlsx"
    wb.save(p)
    assert read_report(p) == [ReportRow("1001", "1"), ReportRow("1002", "1a")]


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("none.csv", b"patient,visit\n1,1\n", "no 'subject' column"),
        ("empty.csv", b"", "is empty"),
        ("blank.csv", b"\n\n  \n", "is empty"),
        ("binary.csv", bytes(range(256)), "not a text"),
        ("fake.xlsx", b"PK\x03\x04 not really a zip", "not a readable Excel"),
        ("pdf.xlsx", b"%PDF-1.4", "not a readable Excel"),
        ("report.pdf", b"%PDF-1.4", "not a .csv or .xlsx"),
    ],
)
def test_broken_reports_are_one_sentence_exit_2(
    tmp_path: Path, name: str, content: bytes, words: str
) -> None:
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(UsageError, match=words) as info:
        read_report(p)
    assert info.value.exit_code == 2 and name in str(info.value)


def test_xlsx_without_subject_column(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["participant", "visit"])
    p = tmp_path / "r.xlsx"
    wb.save(p)
    with pytest.raises(UsageError, match="no 'subject' column"):
        read_report(p)


def test_no_selection_takes_every_complete_exam() -> None:
    chosen = select(ARRIVALS)
    assert [a.exam for a in chosen.exams] == ["1001_1", "1001_2", "1002_1a"]
    assert len(chosen.warnings) == 2


def test_subjects_exams_and_report_rows() -> None:
    chosen = select(ARRIVALS, subjects=["1002"], exams=["1001_2"])
    assert [a.exam for a in chosen.exams] == ["1001_2", "1002_1a"]
    assert chosen.warnings == ["1002_2 is incomplete on the server and was not downloaded."]
    chosen = select(
        ARRIVALS,
        report=[ReportRow("1001", "1"), ReportRow("1002", "1A"), ReportRow("9", None)],
    )
    assert [a.exam for a in chosen.exams] == ["1001_1", "1002_1a"]
    assert chosen.warnings == ["Subject 9 of the report has no exam on the server."]
    chosen = select(ARRIVALS, report=[ReportRow("1001", "3")])
    assert chosen.exams == [] and "no visit 3" in chosen.warnings[0]
