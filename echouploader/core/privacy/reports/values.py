"""Find an exam's identifying values, and generic identifiers, in free text.

The values come from the exam's own headers (the check collects them: name parts, IDs, birth
date, accession number, institution). A name part or a word matches as a whole word, an ID with
any separators between its characters, a date in its usual spellings (``19800102``,
``1980-01-02``, ``02.01.1980``, ``2 Jan 1980``). Text read by OCR may also match a name part
with one character wrong. Generic identifiers (personal numbers, NHS numbers, e-mail
addresses...) come from :mod:`echouploader.core.support.identifiers`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable

from echouploader.core.i18n import N_, _
from echouploader.core.privacy.pixels import matching as ocr_matching
from echouploader.core.support import identifiers, redaction
from echouploader.core.support.identifiers import Match

EXAM_VALUE = "exam-value"
MIN_LENGTH = 3
FUZZY_MIN_LENGTH = 5  # shorter words are one typo away from too many ordinary words

_SEP = r"[\W_]*"
_WORD_BEFORE = r"(?<![^\W_])"
_WORD_AFTER = r"(?![^\W_])"
_MONTH_NAMES = [
    ("jan", "january", "januar", "januari"),
    ("feb", "february", "februar", "februari"),
    ("mar", "march", "märz", "mars"),
    ("apr", "april"),
    ("may", "mai", "maj"),
    ("jun", "june", "juni"),
    ("jul", "july", "juli"),
    ("aug", "august", "augusti"),
    ("sep", "sept", "september"),
    ("oct", "okt", "october", "oktober"),
    ("nov", "november"),
    ("dec", "dez", "december", "dezember"),
]


def fold(text: str) -> str:
    """Lower case without accents: ``Müller`` → ``muller``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _as_date(value: str) -> dt.date | None:
    digits = re.sub(r"[-./]", "", value)
    if len(digits) != 8 or not digits.isdigit():
        return None
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None


def _month_spellings(day: dt.date) -> list[str]:
    months = "|".join(re.escape(m) for m in _MONTH_NAMES[day.month - 1])
    d = rf"0?{day.day}"
    y = rf"(?:{day.year}|{day.year % 100:02d})"
    return [
        rf"(?<!\d){d}\.?\s*(?:{months})\.?,?\s*{y}(?!\d)",
        rf"(?:{months})\.?\s*{d},?\s*{y}(?!\d)",
    ]


def value_patterns(value: str) -> list[str]:
    """Regular expressions (case-insensitive) that catch one identifying value."""
    value = value.strip()
    if len(value) < MIN_LENGTH:
        return []
    day = _as_date(value)
    if day is not None:
        return redaction.patterns_for(value) + _month_spellings(day)
    if "^" in value:
        return redaction.patterns_for(value)  # a DICOM person name: parts and orders
    tokens = [t for t in re.split(r"[\s,=\\]+", value) if t]
    if any(c.isdigit() for c in value):
        chars = [re.escape(c) for c in value if c.isalnum()]
        if len(chars) < MIN_LENGTH:
            return []
        return [r"(?<![^\W_])" + _SEP.join(chars) + r"(?![^\W_])"]
    return [_WORD_BEFORE + _SEP.join(re.escape(t) for t in tokens) + _WORD_AFTER]


def _levenshtein_at_most_one(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


class IdentifyingValues:
    """The identifying values of one exam, compiled once, and the generic identifier patterns."""

    def __init__(self, values: Iterable[str], generic: bool = True) -> None:
        self.values = frozenset(v.strip() for v in values if v and len(v.strip()) >= MIN_LENGTH)
        self.generic = generic
        patterns = sorted({p for v in self.values for p in value_patterns(v)}, key=len)
        self._pattern = (
            re.compile("|".join(f"(?:{p})" for p in reversed(patterns)), re.IGNORECASE)
            if patterns
            else None
        )
        words = {fold(w) for v in self.values for w in re.split(r"[\W\d_]+", v)}
        self._words = {w for w in words if len(w) >= FUZZY_MIN_LENGTH}
        # For OCR: each value and name part as the pixel matching folds them (letters and digits
        # only, confusable characters merged), with the errors it allows for their length.
        parts = {p for v in self.values for p in re.split(r"[\s,^=\\]+", v)} | set(self.values)
        self._folded = {
            (f, len(f) // ocr_matching.ERROR_EVERY)
            for f in (ocr_matching.fold(p) for p in parts)
            if len(f) >= FUZZY_MIN_LENGTH
        }

    def __bool__(self) -> bool:
        return bool(self.values) or self.generic

    def find(self, text: str, fuzzy: bool = False) -> list[Match]:
        """Every match in ``text``, sorted by position; ``fuzzy`` for text read by OCR."""
        found: list[Match] = []
        if self._pattern is not None:
            found += [Match(EXAM_VALUE, *m.span()) for m in self._pattern.finditer(text)]
        if fuzzy and self._words:
            for m in re.finditer(rf"[^\W\d_]{{{FUZZY_MIN_LENGTH - 1},}}", text):
                word = fold(m.group())
                if any(_levenshtein_at_most_one(word, w) for w in self._words):
                    found.append(Match(EXAM_VALUE, *m.span()))
        if fuzzy and not found and self._folded:
            # OCR drops spaces ("Patient:DOE,JANE") and misreads characters: the whole line
            # is then the match (OCR blanks whole lines anyway).
            line = ocr_matching.fold(text)
            if any(ocr_matching.approximate_find(f, line, e) for f, e in self._folded):
                found.append(Match(EXAM_VALUE, 0, len(text)))
        if self.generic:
            found += identifiers.find_generic(text)
        return sorted(found, key=lambda m: (m.start, -m.end))


def describe(match: Match, text: str) -> str:
    """What was found, for a sentence, with the value masked."""
    what = _(
        identifiers.KIND_NAMES.get(match.kind, N_("a name, ID or date from the exam's headers"))
    )
    return f"{what} ({match.masked(text)})"
