"""What counts as identifying in a DICOM data set, and how to find it again in bytes.

The values of these attributes (names, IDs, birth date, addresses, institution, physicians,
operators) are collected during the check: logs redact them, and every de-identified file is
searched for them byte by byte.
"""

from __future__ import annotations

from typing import Any

from pydicom.datadict import tag_for_keyword

# Attributes whose values are collected so logs can redact them and outputs can be verified.
IDENTIFYING_KEYWORDS = (
    "PatientName",
    "PatientID",
    "PatientBirthDate",
    "OtherPatientIDs",
    "OtherPatientNames",
    "PatientBirthName",
    "PatientMotherBirthName",
    "PatientAddress",
    "PatientTelephoneNumbers",
    "AccessionNumber",
    "InstitutionName",
    "InstitutionAddress",
    "ReferringPhysicianName",
    "PerformingPhysicianName",
    "OperatorsName",
    "NameOfPhysiciansReadingStudy",
    "PhysiciansOfRecord",
    "MedicalRecordLocator",
    "IssuerOfPatientID",
)
IDENTIFYING_TAGS = frozenset(
    int(tag) for tag in (tag_for_keyword(k) for k in IDENTIFYING_KEYWORDS) if tag is not None
)


def text_of(value: Any) -> str:
    """A DICOM value as one string (multiple values joined with a backslash, as stored)."""
    if value is None:
        return ""
    if isinstance(value, list | tuple) or type(value).__name__ == "MultiValue":
        return "\\".join(text_of(v) for v in value)
    return str(value).strip()


def identifying_parts(value: str) -> set[str]:
    """A value and, for person names, its components (3 characters or more)."""
    value = value.strip()
    if not value:
        return set()
    parts = {value}
    for piece in value.replace("=", "^").replace("\\", "^").split("^"):
        piece = piece.strip()
        if len(piece) >= 3:
            parts.add(piece)
    if "^" in value:
        parts.add(" ".join(p for p in value.split("^") if p))
    return parts


def contains_any(value: Any, needles: set[str]) -> bool:
    """Whether a value (text, or raw bytes of any VR) contains one of the needles, any case.

    Needles shorter than 4 characters are ignored: they turn up by chance in binary data.
    """
    if isinstance(value, bytes | bytearray):
        data = bytes(value).lower()
        return any(n.lower().encode("latin-1", "ignore") in data for n in needles if len(n) >= 4)
    text = text_of(value).lower()
    return any(n.lower() in text for n in needles if len(n) >= 4)
