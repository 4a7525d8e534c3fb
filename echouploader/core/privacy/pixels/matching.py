"""The identifying values of one file, and fuzzy matching of OCR text against them.

The values come from the ORIGINAL header, before de-identification: the patient's name parts,
ID and other IDs, the birth date in the spellings machines print (``19840312``, ``1984-03-12``,
``12.03.1984``, ``12/03/1984``, ``03/12/1984``, ``12 Mar 1984``, ``12-MAR-1984`` …), accession
number, institution, physicians, operators and station.

OCR misreads: ``^`` comes out as ``~``, ``O`` and ``0``, ``l``, ``I`` and ``1`` are confused,
spaces come and go. Both sides are therefore folded (case, accents, punctuation and spaces
dropped, confusable characters merged) and compared with an edit distance relative to the
value's length. Values shorter than 3 characters are never matched (they would hit by chance);
values of 3 or 4 characters only as a whole word.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from echouploader.core.privacy.identifying import text_of

MIN_LENGTH = 3
WHOLE_WORD_BELOW = 5  # folded values shorter than this match only a whole word
ERROR_EVERY = 5  # one edit allowed per this many characters of the value

# Keyword → what the value is, in the words of a block message.
_PERSON = {
    "PatientName": "name",
    "OtherPatientNames": "name",
    "PatientBirthName": "name",
    "PatientMotherBirthName": "name",
    "ReferringPhysicianName": "physician",
    "PerformingPhysicianName": "physician",
    "NameOfPhysiciansReadingStudy": "physician",
    "PhysiciansOfRecord": "physician",
    "OperatorsName": "operator",
}
_WHOLE = {
    "PatientID": "ID",
    "OtherPatientIDs": "ID",
    "MedicalRecordLocator": "ID",
    "AccessionNumber": "accession number",
    "InstitutionName": "institution",
    "StationName": "station",
    "PatientTelephoneNumbers": "telephone number",
}
_OTHER_IDS_SEQUENCE = "OtherPatientIDsSequence"
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
# OCR's usual confusions, merged on both sides: O/0, I/l/|/1, and ^ read as ~.
_CONFUSABLE = str.maketrans({"O": "0", "Q": "0", "I": "1", "L": "1", "|": "1", "!": "1"})


def fold(text: str) -> str:
    """Upper case, no accents, letters and digits only, confusable characters merged."""
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    ).upper()
    plain = plain.translate(_CONFUSABLE)
    return re.sub(r"[^0-9A-Z]", "", plain)


def _words(text: str) -> list[str]:
    return [fold(w) for w in re.split(r"[\s\W_~^]+", text) if w]


@dataclass(frozen=True)
class Needle:
    kind: str  # "name", "ID", "birth date", ...
    value: str  # as the header holds it (for masking in messages)
    folded: str


@dataclass(frozen=True)
class Match:
    kind: str
    value: str
    text: str  # the OCR text that matched


def birth_date_spellings(value: str) -> list[str]:
    """The usual printed forms of a DICOM date ``YYYYMMDD``; [] when it is not a date."""
    try:
        day = dt.datetime.strptime(value.strip()[:8], "%Y%m%d").date()
    except ValueError:
        return []
    y, m, d = f"{day.year:04d}", f"{day.month:02d}", f"{day.day:02d}"
    mon = _MONTHS[day.month - 1]
    return sorted(
        {
            y + m + d,
            f"{y}-{m}-{d}",
            f"{d}.{m}.{y}",
            f"{d}/{m}/{y}",
            f"{m}/{d}/{y}",
            f"{d}-{m}-{y}",
            f"{m}-{d}-{y}",
            f"{d} {mon.title()} {y}",
            f"{d}-{mon}-{y}",
            f"{mon.title()} {d} {y}",
            f"{d}/{m}/{y[2:]}",
            f"{m}/{d}/{y[2:]}",
        }
    )


class IdentifyingValues:
    """What must not be readable in a file's frames; built once per file from its header."""

    def __init__(self, needles: Iterable[Needle] = ()) -> None:
        seen: dict[str, Needle] = {}
        for n in needles:
            if len(n.folded) >= MIN_LENGTH and n.folded not in seen:
                seen[n.folded] = n
        # Longest first: a line is reported for the most specific value it holds.
        self.needles = tuple(sorted(seen.values(), key=lambda n: -len(n.folded)))

    def __bool__(self) -> bool:
        return bool(self.needles)

    def __len__(self) -> int:
        return len(self.needles)

    @classmethod
    def from_dataset(cls, ds: Any) -> IdentifyingValues:
        """From the original header (top level and the other-IDs sequence)."""
        needles: list[Needle] = []

        def person(kind: str, value: str) -> None:
            for name in value.split("\\"):
                pieces = [p.strip() for p in re.split(r"[\^=]", name) if p.strip()]
                if pieces:
                    # Family name first as stored, and given name first as often printed.
                    for order in (pieces, pieces[1:] + pieces[:1]):
                        full = " ".join(order)
                        needles.append(Needle(kind, full, fold(full)))
                for piece in pieces:
                    for word in piece.split():
                        needles.append(Needle(kind, word, fold(word)))

        for keyword, kind in _PERSON.items():
            person(kind, text_of(ds.get(keyword, "")))
        for keyword, kind in _WHOLE.items():
            for value in text_of(ds.get(keyword, "")).split("\\"):
                if value.strip():
                    needles.append(Needle(kind, value.strip(), fold(value)))
        for item in ds.get(_OTHER_IDS_SEQUENCE, None) or []:
            value = text_of(item.get("PatientID", ""))
            if value:
                needles.append(Needle("ID", value, fold(value)))
        birth = text_of(ds.get("PatientBirthDate", ""))
        for spelling in birth_date_spellings(birth):
            needles.append(Needle("birth date", birth, fold(spelling)))
        return cls(needles)

    @classmethod
    def from_strings(cls, strings: Iterable[str]) -> IdentifyingValues:
        """From the exam's identifying strings (for files without a header: video clips)."""
        needles: list[Needle] = []
        for value in strings:
            spellings = birth_date_spellings(value) if re.fullmatch(r"\d{8}", value) else []
            if spellings:
                needles.extend(Needle("birth date", value, fold(s)) for s in spellings)
            else:
                needles.append(Needle("name or ID", value, fold(value)))
        return cls(needles)

    def find(self, text: str) -> Match | None:
        """The first identifying value that ``text`` (one OCR line) contains, fuzzily."""
        folded = fold(text)
        if len(folded) < MIN_LENGTH:
            return None
        words: set[str] | None = None
        for needle in self.needles:
            if len(needle.folded) < WHOLE_WORD_BELOW:
                if words is None:
                    words = set(_words(text))
                if needle.folded in words:
                    return Match(needle.kind, needle.value, text)
                continue
            allowed = len(needle.folded) // ERROR_EVERY
            if approximate_find(needle.folded, folded, allowed):
                return Match(needle.kind, needle.value, text)
        return None


def approximate_find(needle: str, text: str, errors: int) -> bool:
    """Whether ``needle`` occurs in ``text`` with at most ``errors`` edits (Sellers' algorithm)."""
    if errors == 0 or len(needle) <= errors:
        return needle in text if errors == 0 else True
    m = len(needle)
    # column[i]: edits to match needle[:i] ending at the current text position.
    column = list(range(m + 1))
    if column[m] <= errors:
        return True
    for ch in text:
        previous_diagonal = column[0]  # 0: a match may start anywhere
        for i in range(1, m + 1):
            cost = 0 if needle[i - 1] == ch else 1
            value = min(column[i] + 1, column[i - 1] + 1, previous_diagonal + cost)
            previous_diagonal = column[i]
            column[i] = value
        if column[m] <= errors:
            return True
    return False


def masked(text: str) -> str:
    """``DOE~JANE ID:1234`` → ``D**~J*** I*:1***``: each word kept to its first character, as a
    masked value is shown to the user (enough to recognise it, not to identify anyone)."""
    return re.sub(r"[^\W_]+", lambda m: m.group(0)[0] + "*" * (len(m.group(0)) - 1), text)
