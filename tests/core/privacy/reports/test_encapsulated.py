"""Encapsulated PDF in DICOM: the report inside is cleaned and put back, or the file is left out.

``check`` and ``deidentify`` must agree: the finding names what de-identification does with the
instance, and the instance that comes out is a valid Encapsulated PDF whose document opens with
the same page count and holds no identifier.
"""

from __future__ import annotations

from pathlib import Path

import pydicom
import pypdfium2 as pdfium
from pydicom.uid import generate_uid

from echouploader.core.privacy.check import check_exam
from echouploader.core.privacy.deidentify.apply import deidentify_exam
from echouploader.core.privacy.exam_identity import ExamIdentity
from echouploader.core.privacy.reports.encapsulated import ENCAPSULATED_PDF, document_bytes
from tests.core.privacy.conftest import leaks
from tests.core.privacy.reports import samples
from tests.core.privacy.synthetic_exam import (
    Person,
    _base,
    make_small_dicom,
    write_dataset,
)


def encapsulated(path: Path, person: Person, document: bytes) -> Path:
    ds = _base(person, ENCAPSULATED_PDF, generate_uid(), generate_uid(), generate_uid(), 9)
    ds.Modality = "DOC"
    ds.BurnedInAnnotation = "YES"
    ds.DocumentTitle = "Echo report"
    ds.MIMETypeOfEncapsulatedDocument = "application/pdf"
    ds.EncapsulatedDocumentLength = len(document)
    ds.EncapsulatedDocument = document + (b"\0" if len(document) % 2 else b"")
    return write_dataset(ds, path)


def _exam(root: Path, document: bytes) -> Person:
    person = Person()
    make_small_dicom(root / "IMG00001", person)
    encapsulated(root / "DOC00001", person, document)
    return person


def _findings(root: Path) -> dict[str, list[str]]:
    return {f.code: f.files for f in check_exam(root).findings}


def test_the_embedded_report_is_cleaned_and_put_back(tmp_path: Path) -> None:
    report = samples.text_pdf(
        [
            ["Echo report", "Patient: Testpatient, Josephine", "ID PID98765432"],
            ["Conclusion: normal heart"],
        ],
        author="Josephine Testpatient",
    )
    root = tmp_path / "1234_1"
    person = _exam(root, report)
    assert _findings(root)["encapsulated-pdf-cleaned"] == ["DOC00001"]

    out = tmp_path / "out"
    result = deidentify_exam(root, out, ExamIdentity("1234", "1"))
    assert "DOC00001" in result.written and not result.skipped
    assert leaks(out, person.secrets()) == {}
    ds = pydicom.dcmread(out / "DOC00001")
    assert ds.SOPClassUID == ENCAPSULATED_PDF
    assert ds.MIMETypeOfEncapsulatedDocument == "application/pdf"
    raw = ds.EncapsulatedDocument
    assert len(raw) % 2 == 0
    document = document_bytes(ds)
    assert ds.EncapsulatedDocumentLength == len(document) and document.startswith(b"%PDF-")
    assert document.rstrip(b"\0").endswith(b"%%EOF\n")
    pdf = pdfium.PdfDocument(document)
    try:
        assert len(pdf) == 2  # every page is there
        assert pdf[0].get_textpage().get_text_range() == ""  # image-only
    finally:
        pdf.close()
    assert str(ds.PatientName) == "1234"


def test_an_embedded_document_that_cannot_be_cleaned_is_left_out_with_a_sentence(
    tmp_path: Path,
) -> None:
    root = tmp_path / "1234_1"
    _exam(root, b"%PDF-1.4\nBT (Patient Testpatient) Tj ET\n%%EOF\n")
    findings = _findings(root)
    assert findings["encapsulated-pdf-left-out"] == ["DOC00001"]
    assert "encapsulated-pdf-cleaned" not in findings

    result = deidentify_exam(root, tmp_path / "out", ExamIdentity("1234", "1"))
    reasons = dict(result.skipped)
    assert reasons["DOC00001"].startswith("The encapsulated PDF in DOC00001 cannot be opened")
    assert not (tmp_path / "out" / "DOC00001").exists()  # never an empty document
    assert (tmp_path / "out" / "IMG00001").exists()
