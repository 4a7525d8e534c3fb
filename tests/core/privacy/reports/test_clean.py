"""Cleaning reports: text PDFs, scans, photos and PNGs, each with a name in text, metadata, pixels.

Each sample is cleaned once (OCR costs seconds per page here) and the result is then read in every
way a reviewer or a script could: every byte (with compressed streams inflated), the PDF's
structure, the image's metadata, and OCR of every page.
"""

from __future__ import annotations

import io

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from echouploader.core.errors import PrivacyBlocked, UsageError
from echouploader.core.privacy.pixels.ocr import TextBox, default_engine
from echouploader.core.privacy.reports.clean import (
    IMAGE,
    PDF,
    ReportBlocked,
    clean_report,
    read_page,
)
from echouploader.core.privacy.reports.values import IdentifyingValues
from tests.core.privacy.reports import samples

NAME = "Josephine Testpatient"
SECRETS = ["Josephine", "Testpatient", "JOSEPHINE", "TESTPATIENT", "PID98765432", "1987"]
VALUES = IdentifyingValues(
    {
        "Testpatient^Josephine",
        "Testpatient",
        "Josephine",
        "Testpatient Josephine",
        "PID98765432",
        "19870423",
    }
)


def ocr_text(image: Image.Image) -> str:
    return " ".join(b.text for b in read_page(image, default_engine()))


def pdf_pages(data: bytes) -> list[Image.Image]:
    pdf = pdfium.PdfDocument(data)
    try:
        return [pdf[i].render(scale=150 / 72).to_pil().convert("RGB") for i in range(len(pdf))]
    finally:
        pdf.close()


def no_secret_bytes(data: bytes) -> None:
    searched = samples.deflate_free(data).lower()
    for secret in SECRETS:
        assert secret.lower().encode() not in searched, secret


@pytest.fixture(scope="module")
def text_pdf() -> tuple[bytes, bytes]:
    original = samples.text_pdf(
        [
            ["Echo report", "Patient: Testpatient, Josephine", "ID PID98765432  DOB 23.04.1987"],
            ["LVEF 60 %, normal valves", f"Signed for {NAME}"],
        ],
        author=NAME,
        image_lines=["NAME: TESTPATIENT JOSEPHINE"],
        attachment=f"notes on {NAME}",
    )
    return original, clean_report(original, "report 1", VALUES).data


def test_text_pdf_keeps_its_pages_and_loses_every_identifier(text_pdf) -> None:  # type: ignore[no-untyped-def]
    original, cleaned = text_pdf
    assert b"Testpatient" in original  # the sample does hide the name in its bytes
    no_secret_bytes(cleaned)
    for marker in (
        b"/Font",
        b"/Info",
        b"/Metadata",
        b"/JavaScript",
        b"/EmbeddedFile",
        b"/AcroForm",
    ):
        assert marker not in cleaned, marker
    pdf = pdfium.PdfDocument(cleaned)
    try:
        assert len(pdf) == 2
        assert pdf.get_metadata_dict(skip_empty=True) == {}
        assert pdf.count_attachments() == 0
        texts = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
        assert texts == ["", ""]  # image-only: no text layer at all
    finally:
        pdf.close()
    read = [ocr_text(page) for page in pdf_pages(cleaned)]
    assert not VALUES.find(" ".join(read), fuzzy=True), read
    assert "LVEF" in read[1]  # clinical text is kept


def test_scanned_pdf_loses_the_name_in_its_pixels_and_metadata() -> None:
    original = samples.scanned_pdf(
        [["ECHO REPORT", "Name: Josephine Testpatient", "Rhythm: sinus, EF 58 %"]], author=NAME
    )
    assert b"/Author" in original
    result = clean_report(original, "report 2", VALUES)
    assert result.kind == PDF and result.page_count == 1 and not result.text_layer
    assert result.blanked >= 1
    no_secret_bytes(result.data)
    page = pdf_pages(result.data)[0]
    text = ocr_text(page)
    assert not VALUES.find(text, fuzzy=True), text
    assert "EF" in text


def test_photo_loses_exif_and_the_name_in_the_picture() -> None:
    original = samples.photo_jpeg(["Name: Josephine Testpatient", "EF 55 %"], artist=NAME)
    assert b"Exif" in original and b"Testpatient" in original
    result = clean_report(original, "report 3", VALUES)
    assert result.kind == IMAGE and result.suffix == ".jpg"
    no_secret_bytes(result.data)
    with Image.open(io.BytesIO(result.data)) as image:
        assert image.format == "JPEG"
        assert not image.getexif() and "comment" not in image.info and "exif" not in image.info
        text = ocr_text(image)
    assert not VALUES.find(text, fuzzy=True), text


def test_png_loses_its_text_chunks_and_the_name_in_the_picture() -> None:
    original = samples.png_with_chunks(["Patient TESTPATIENT", "Mitral valve normal"], author=NAME)
    assert b"tEXt" in original and b"iTXt" in original
    result = clean_report(original, "report 4", VALUES)
    assert result.suffix == ".png"
    for chunk in (b"tEXt", b"zTXt", b"iTXt", b"eXIf"):
        assert chunk not in result.data
    no_secret_bytes(result.data)
    assert result.blanked >= 1  # the name drawn in the picture (verified by the cleaning's OCR)
    with Image.open(io.BytesIO(result.data)) as image:
        assert image.format == "PNG" and not image.text


class _StubbornReader:
    """An OCR engine that keeps reading the name wherever it looks (the verification's case)."""

    def read(self, image: np.ndarray) -> list[TextBox]:
        return [TextBox("Testpatient", (0, 0, 10, 10), 0.99)]


def test_a_report_still_read_as_identifying_after_cleaning_is_blocked() -> None:
    scan = samples.scanned_pdf([["plain page"]], author="nobody")
    with pytest.raises(ReportBlocked, match=r"^Page 1 of the report 9 still shows") as caught:
        clean_report(scan, "report 9", VALUES, engine=_StubbornReader())  # type: ignore[arg-type]
    assert "Testpatient" not in str(caught.value)
    assert caught.value.exit_code == 3


def test_damaged_and_foreign_files_are_refused_with_one_sentence() -> None:
    with pytest.raises(PrivacyBlocked, match=r"The report 5 cannot be opened \(it is damaged"):
        clean_report(b"%PDF-1.4\nnot really\n%%EOF\n", "report 5", VALUES)
    with pytest.raises(UsageError, match="not a PDF, JPEG or PNG"):
        clean_report(b"GIF89a....", "report 6", VALUES)
