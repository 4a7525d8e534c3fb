"""Personal identifiers recognisable without knowing the patient: one place for their patterns.

Free text written at a site (a comment for the reviewer, the text of a scanned report) can hold a
person's identity in forms no DICOM header announces: a Swedish personal number
(``YYYYMMDD-NNNN`` or ``YYMMDD-NNNN``), a UK NHS number (10 digits whose mod-11 check holds), a
German health insurance number (a letter and 9 digits), an e-mail address, a phone number, or a
date labelled as a birth date. :func:`find_generic` finds them; the values of one exam (names,
IDs, dates) are matched with :func:`echouploader.core.support.redaction.patterns_for`, the
spellings the log redaction uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from echouploader.core.i18n import N_

PERSONNUMMER = "personnummer"
NHS_NUMBER = "nhs-number"
KVNR = "insurance-number"
EMAIL = "email"
PHONE = "phone"
BIRTH_DATE = "birth-date"

#: What each kind is called in a sentence for the user.
KIND_NAMES = {
    PERSONNUMMER: N_("a personal identity number"),
    NHS_NUMBER: N_("an NHS number"),
    KVNR: N_("a health insurance number"),
    EMAIL: N_("an e-mail address"),
    PHONE: N_("a phone number"),
    BIRTH_DATE: N_("a date of birth"),
}

_MONTHS = (
    r"(?:jan(?:uary|uar|uari)?|feb(?:ruary|ruar|ruari)?|m(?:ar(?:ch)?|ärz|ars)|apr(?:il)?|"
    r"ma(?:y|i|j)|jun(?:e|i)?|jul(?:y|i)?|aug(?:ust|usti)?|sep(?:t|tember)?|"
    r"o[ck]t(?:ober)?|nov(?:ember)?|de[cz](?:ember)?)\.?"
)
_DATE = (
    r"(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}|\d{8}"
    rf"|\d{{1,2}}\.?\s*{_MONTHS}\s*\d{{2,4}}|{_MONTHS}\s*\d{{1,2}},?\s*\d{{4}})"
)
# A date right after a label that says it is a birth date (English, Swedish, German).
_BIRTH_LABEL = (
    r"(?:d\.?\s?o\.?\s?b\.?|date\s+of\s+birth|birth\s*date|born|b\.|f[öo]delsedatum|f[öo]dd|"
    r"geburtsdatum|geb\.?|geboren(?:\s+am)?)"
)

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (BIRTH_DATE, re.compile(rf"{_BIRTH_LABEL}\s*[:=]?\s*({_DATE})", re.IGNORECASE)),
    # YYYYMMDD-NNNN, YYMMDD-NNNN (or + for over 100), also without the dash when 12 digits.
    (
        PERSONNUMMER,
        re.compile(
            r"(?<![\d-])((?:19|20)?\d{2}(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01])[-+]\d{4}"
            r"|(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01])\d{4})(?![\d-])"
        ),
    ),
    (NHS_NUMBER, re.compile(r"(?<![\d-])(\d{3}[ -]?\d{3}[ -]?\d{4})(?![\d-])")),
    (KVNR, re.compile(r"(?<![A-Za-z0-9])([A-Z]\d{9})(?![A-Za-z0-9])")),
    (EMAIL, re.compile(r"([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})")),
    # International (+46 ...) or national (0...) numbers of 8 to 15 digits with separators.
    (
        PHONE,
        re.compile(
            r"(?<![\w+])((?:\+|00)\d{1,3}[\s./-]?(?:\(0\)\s?)?\d(?:[\s./-]?\d){6,13}"
            r"|\(?0\d{1,4}\)?[\s./-]?\d(?:[\s./-]?\d){5,11})(?!\w)"
        ),
    ),
]


@dataclass(frozen=True)
class Match:
    """Where an identifier was found in a text: ``text[start:end]``, and what kind it is."""

    kind: str
    start: int
    end: int

    def masked(self, text: str) -> str:
        """The matched text with every letter and digit but the first replaced by ``*``."""
        return mask_text(text[self.start : self.end])


def mask_text(value: str) -> str:
    """``Jane Doe`` → ``J*** ***``: says where the problem is without repeating it."""
    out = []
    for i, c in enumerate(value):
        out.append(c if i == 0 or not c.isalnum() else "*")
    return "".join(out)


def nhs_check_ok(digits: str) -> bool:
    """The NHS number's modulus-11 check digit (weights 10..2)."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def find_generic(text: str) -> Iterator[Match]:
    """Every generic identifier in ``text``, in order of kind (birth dates first)."""
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span(1)
            value = m.group(1)
            if kind == NHS_NUMBER and not nhs_check_ok(re.sub(r"\D", "", value)):
                continue
            if kind == PHONE and sum(c.isdigit() for c in value) < 8:
                continue
            yield Match(kind, start, end)
