"""Which exams to download: subjects, exam folders, or the rows of a report spreadsheet.

A report is a CSV or XLSX file with a ``subject`` column and an optional ``visit`` column (the echo
code); column names are matched case-insensitively and other columns are ignored. XLSX is read
with openpyxl in read-only mode; a subject typed as a number (``1234`` or ``1234.0``) is the
subject ``1234``.
"""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from echouploader.core.corelab.arrivals import COMPLETE, Arrival
from echouploader.core.errors import UsageError
from echouploader.core.i18n import _

SUBJECT_COLUMN = "subject"
VISIT_COLUMN = "visit"


@dataclass(frozen=True)
class ReportRow:
    subject: str
    visit: str | None  # None: every visit of the subject


@dataclass
class Selection:
    exams: list[Arrival]
    warnings: list[str] = field(default_factory=list)


def cell_text(value: Any) -> str:
    """A spreadsheet cell as text: whole numbers without ``.0``, blanks as ``""``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _key(text: str | None) -> str:
    return (text or "").strip().casefold()


def _rows_from_table(rows: Iterable[Sequence[Any]], name: str) -> list[ReportRow]:
    it = iter(rows)
    header: Sequence[Any] | None = None
    for row in it:
        if any(cell_text(c) for c in row):
            header = row
            break
    if header is None:
        raise UsageError(
            _("The report '{name}' is empty: it needs a '{column}' column.").format(
                name=name, column=SUBJECT_COLUMN
            )
        )
    names = [_key(cell_text(c)) for c in header]
    if SUBJECT_COLUMN not in names:
        raise UsageError(
            _("The report '{name}' has no '{column}' column (its columns are: {columns}).").format(
                name=name,
                column=SUBJECT_COLUMN,
                columns=", ".join(cell_text(c) for c in header if cell_text(c)) or "none",
            )
        )
    si = names.index(SUBJECT_COLUMN)
    vi = names.index(VISIT_COLUMN) if VISIT_COLUMN in names else None
    out: list[ReportRow] = []
    seen: set[ReportRow] = set()
    for row in it:
        subject = cell_text(row[si]) if si < len(row) else ""
        if not subject:
            continue
        visit = cell_text(row[vi]) if vi is not None and vi < len(row) else ""
        item = ReportRow(subject, visit or None)
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out


def read_report(path: Path) -> list[ReportRow]:
    """The subjects (and visits) a report lists; ``UsageError`` (exit 2) when it cannot be read."""
    path = Path(path)
    if not path.is_file():
        raise UsageError(_("The report '{path}' does not exist.").format(path=path))
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix in (".csv", ".txt", ".tsv"):
        return _read_csv(path)
    raise UsageError(_("The report '{name}' is not a .csv or .xlsx file.").format(name=path.name))


def _read_csv(path: Path) -> list[ReportRow]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = path.read_bytes().decode("cp1252")
        except UnicodeDecodeError:
            raise UsageError(
                _("The report '{name}' is not a text (CSV) file.").format(name=path.name)
            ) from None
    if "\x00" in text:
        raise UsageError(_("The report '{name}' is not a text (CSV) file.").format(name=path.name))
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = list(csv.reader(text.splitlines(), dialect))
    except csv.Error as exc:
        raise UsageError(
            _("The report '{name}' cannot be read as CSV ({exc}).").format(name=path.name, exc=exc)
        ) from None
    return _rows_from_table(rows, path.name)


def _read_xlsx(path: Path) -> list[ReportRow]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise UsageError(
            _("The report '{name}' is not a readable Excel (.xlsx) workbook.").format(
                name=path.name
            )
        ) from exc
    try:
        ws = wb.active
        if ws is None:
            raise UsageError(_("The report '{name}' has no sheet.").format(name=path.name))
        return _rows_from_table(ws.iter_rows(values_only=True), path.name)
    finally:
        wb.close()


def select(
    arrivals: Sequence[Arrival],
    *,
    subjects: Sequence[str] = (),
    exams: Sequence[str] = (),
    report: Sequence[ReportRow] = (),
) -> Selection:
    """The complete exams chosen; anything asked for that is missing or not complete is a
    warning. With no selection at all, every complete exam."""
    if not subjects and not exams and not report:
        chosen = [a for a in arrivals if a.state == COMPLETE]
        warnings = [
            _("{exam} is {state} on the server and was not downloaded.").format(
                exam=a.exam, state=a.state
            )
            for a in arrivals
            if a.state != COMPLETE
        ]
        return Selection(chosen, warnings)
    by_subject: dict[str, list[Arrival]] = {}
    for a in arrivals:
        by_subject.setdefault(_key(a.subject), []).append(a)
    by_exam = {_key(a.exam): a for a in arrivals}
    wanted: dict[str, Arrival] = {}
    warnings: list[str] = []

    def take(items: Iterable[Arrival]) -> None:
        for a in items:
            if a.state != COMPLETE:
                warnings.append(
                    _("{exam} is {state} on the server and was not downloaded.").format(
                        exam=a.exam, state=a.state
                    )
                )
            else:
                wanted[a.exam] = a

    for s in subjects:
        found = by_subject.get(_key(s))
        if not found:
            warnings.append(_("Subject {s} has no exam on the server.").format(s=s))
        take(found or [])
    for e in exams:
        exam = by_exam.get(_key(e))
        if exam is None:
            warnings.append(_("Exam {e} is not on the server.").format(e=e))
        take([exam] if exam else [])
    for row in report:
        found = by_subject.get(_key(row.subject))
        if not found:
            warnings.append(
                _("Subject {subject} of the report has no exam on the server.").format(
                    subject=row.subject
                )
            )
            continue
        if row.visit is not None:
            found = [a for a in found if _key(a.echo) == _key(row.visit)]
            if not found:
                warnings.append(
                    _("Subject {subject} has no visit {visit} on the server.").format(
                        subject=row.subject, visit=row.visit
                    )
                )
        take(found)
    seen: set[str] = set()
    unique = [w for w in warnings if not (w in seen or seen.add(w))]
    chosen = sorted(wanted.values(), key=lambda a: (a.subject or "", a.echo or "", a.exam))
    return Selection(chosen, unique)
