"""Encapsulated PDF in DICOM: the embedded report is cleaned like any report and put back.

PS3.15 would replace Encapsulated Document (0042,0011) by a dummy value, which leaves an instance
without its report and nobody told. Instead the document is taken out before the header is
de-identified, cleaned into an image-only PDF, and put back with Encapsulated Document Length
(0042,0015) and MIME Type (0042,0012) to match, padded to an even length as PS3.5 requires. When
the document cannot be cleaned the instance is left out, with the sentence saying why.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydicom.dataset import Dataset

from echouploader.core.errors import PrivacyBlocked
from echouploader.core.i18n import _
from echouploader.core.privacy.pixels.ocr import OcrEngine
from echouploader.core.privacy.reports.clean import PDF, CleanedReport, clean_report, report_kind
from echouploader.core.privacy.reports.values import IdentifyingValues

ENCAPSULATED_PDF = "1.2.840.10008.5.1.4.1.1.104.1"
MIME_PDF = "application/pdf"


def is_encapsulated_pdf(sop_class: str) -> bool:
    return str(sop_class).strip() == ENCAPSULATED_PDF


def document_bytes(ds: Dataset) -> bytes:
    """The embedded document without the pad byte (Encapsulated Document Length when given)."""
    data = bytes(ds.get("EncapsulatedDocument", b"") or b"")
    length = ds.get("EncapsulatedDocumentLength")
    if isinstance(length, int) and 0 < length <= len(data):
        return data[:length]
    return data


def clean_document(
    ds: Dataset, label: str, identifying: Iterable[str], engine: OcrEngine | None = None
) -> CleanedReport:
    """The instance's document cleaned; raises ``PrivacyBlocked`` with a sentence naming it."""
    data = document_bytes(ds)
    if not data:
        raise PrivacyBlocked(
            _("The {label} holds no document; it was not sent.").format(label=label)
        )
    if report_kind(data) != PDF:
        raise PrivacyBlocked(
            _("The {label} does not hold a readable PDF; it was not sent.").format(label=label)
        )
    return clean_report(data, label, IdentifyingValues(identifying), engine)


def put_back(ds: Dataset, cleaned: CleanedReport) -> None:
    """Replace the document by the cleaned PDF, with its length and MIME type."""
    data = cleaned.data
    ds.EncapsulatedDocumentLength = len(data)
    if len(data) % 2:
        data += b"\0"
    ds.EncapsulatedDocument = data
    ds.MIMETypeOfEncapsulatedDocument = MIME_PDF
