"""``upload`` with ``--report`` and ``--comments`` to a real FTPS server, and what arrives there.

Four reports (a text PDF, a scanned PDF, a phone photo, a PNG with text chunks) each carry the
patient's name in their text, metadata and pixels. What arrives must hold no identifier in any
byte nor in what OCR reads, every page must be there, and upload.json and SHA256SUMS must name
the reports and the comments. Comments that hold an identifier stop the exam with exit 3 before
anything is sent, and the value is nowhere in the output or the logs.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

import echouploader.cli as cli
from echouploader.core.privacy.pixels.ocr import default_engine
from echouploader.core.privacy.reports.clean import read_page
from echouploader.core.privacy.reports.values import IdentifyingValues
from tests.cli.test_transfer_cli import trust
from tests.core.privacy.conftest import leaks
from tests.core.privacy.reports import samples
from tests.core.privacy.synthetic_exam import SyntheticExam
from tests.servers import ServerInfo

COMMENTS = "Apical 4-chamber and subcostal windows obtained.\nMild MR; LVEF 55 %."


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    def _run(*argv: str) -> tuple[int, str, str]:
        code = cli.main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return _run


@pytest.fixture
def reports(tmp_path: Path) -> list[Path]:
    name = "Josephine Testpatient"
    folder = tmp_path / "reports"
    folder.mkdir()
    files = {
        "Testpatient_Josephine.pdf": samples.text_pdf(
            [
                ["Echo report", "Patient: Testpatient, Josephine", "DOB 23.04.1987"],
                ["Page two: conclusion normal"],
            ],
            author=name,
            image_lines=["TESTPATIENT JOSEPHINE"],
        ),
        "scan.pdf": samples.scanned_pdf(
            [["Name: Josephine Testpatient", "EF 60 %"], ["second page"]], author=name
        ),
        "IMG_2041.jpg": samples.photo_jpeg(["Name: Josephine Testpatient"], artist=name),
        "screen.png": samples.png_with_chunks(["Patient TESTPATIENT"], author=name),
    }
    paths = []
    for file_name, data in files.items():
        (folder / file_name).write_bytes(data)
        paths.append(folder / file_name)
    return paths


def _ocr(image: Image.Image) -> str:
    return " ".join(b.text for b in read_page(image, default_engine()))


def test_reports_and_comments_arrive_clean(
    run, implicit_server: ServerInfo, vivid_exam: SyntheticExam, reports: list[Path], monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ECHOUPLOADER_PASSWORD", implicit_server.password)
    trust(implicit_server)
    args = ["upload", str(vivid_exam.root), implicit_server.url("/in"), "--comments", COMMENTS]
    for path in reports:
        args += ["--report", str(path)]
    code, out, err = run(*args)
    assert code == 0, err
    exam = implicit_server.root / "in" / "1234_1"
    person = vivid_exam.person
    assert leaks(exam, person.secrets()) == {}
    for path in exam.rglob("*"):
        if path.is_file():
            inflated = samples.deflate_free(path.read_bytes()).lower()
            assert b"testpatient" not in inflated and b"josephine" not in inflated, path

    assert (exam / "comments.txt").read_bytes() == (COMMENTS + "\n").encode()
    info = json.loads((exam / "upload.json").read_text())
    expected = ["report/report-1.pdf", "report/report-2.pdf", "report/report-3.jpg"]
    expected.append("report/report-4.png")
    assert info["report_files"] == expected
    assert info["comments"] == {"file": "comments.txt", "text": COMMENTS}
    assert "attachments" not in info["deidentification_profile"]
    sums = dict(
        reversed(line.split("  ", 1)) for line in (exam / "SHA256SUMS").read_text().splitlines()
    )
    for rel in [*expected, "comments.txt", "report.pdf"]:
        assert sums[rel] == hashlib.sha256((exam / rel).read_bytes()).hexdigest(), rel
    assert sorted(p.name for p in (exam / "report").iterdir()) == [Path(e).name for e in expected]

    values = IdentifyingValues(person.secrets())
    pages: list[Image.Image] = []
    for rel, count in (("report/report-1.pdf", 2), ("report/report-2.pdf", 2)):
        pdf = pdfium.PdfDocument((exam / rel).read_bytes())
        try:
            assert len(pdf) == count, rel  # every page is there
            pages += [pdf[i].render(scale=150 / 72).to_pil() for i in range(len(pdf))]
        finally:
            pdf.close()
    with Image.open(exam / "report/report-3.jpg") as photo:
        assert photo.format == "JPEG" and not photo.getexif()
        pages.append(photo.copy())
    with Image.open(exam / "report/report-4.png") as png:
        assert png.format == "PNG" and not png.text
    for page in pages[:1] + pages[2:]:  # the second page of the text PDF holds no name
        read = _ocr(page)
        assert not values.find(read, fuzzy=True), read
    for secret in person.secrets():
        assert secret not in out and secret not in err

    # The core lab's arrivals list shows both.
    code, out, _ = run("arrivals", implicit_server.url("/in"), "--json")
    assert code == 0
    (arrival,) = json.loads(out)
    assert arrival["report_files"] == expected and arrival["comments"] == COMMENTS


def test_comments_with_an_identifier_block_the_whole_exam(
    run, implicit_server: ServerInfo, vivid_exam: SyntheticExam, monkeypatch, isolated_dirs
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ECHOUPLOADER_PASSWORD", implicit_server.password)
    trust(implicit_server)
    secret = "19870423-1234"
    code, out, err = run(
        "upload",
        str(vivid_exam.root),
        implicit_server.url("/in"),
        "--comments",
        f"Good windows. Mother's number {secret}.",
    )
    assert code == 3
    assert "The comments hold a personal identity number (1*******-****)" in err
    assert not (implicit_server.root / "in").exists()
    assert not any("STOR" in c for c in implicit_server.commands())
    logged = "".join(
        p.read_text(errors="replace") for p in isolated_dirs["log"].rglob("*") if p.is_file()
    )
    assert logged  # the blocked command was logged, without the value
    for where in (out, err, logged):
        assert secret not in where and "870423" not in where

    # The exam's own name in the comments blocks too, with deidentify writing nothing at all.
    code, out, err = run(
        "deidentify",
        str(vivid_exam.root),
        "--out",
        str(vivid_exam.root.parent / "out"),
        "--comments",
        "Josephine was calm",
    )
    assert code == 3 and "Josephine" not in out + err
    assert not (vivid_exam.root.parent / "out").exists()


def test_check_says_what_happens_to_each_report(
    run, vivid_exam: SyntheticExam, reports: list[Path]
) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(
        "check", str(vivid_exam.root), "--json", "--report", str(reports[2]), "--comments", "ok"
    )
    assert code == 0
    data = json.loads(out)
    (entry,) = data["reports"]
    assert entry["action"] == "cleaned" and entry["output"] == "report/report-1.jpg"
    assert entry["report"] == "report 1 (IMG_2041.jpg)" and entry["pages"] == 1
    assert data["comments"]["output"] == "comments.txt"
    codes = {f["code"] for f in data["findings"]}
    assert "pdf-cleaned" in codes and "pdf-not-checked" not in codes
    # A report named after the patient is named by its position only.
    code, out, _ = run("check", str(vivid_exam.root), "--report", str(reports[0]))
    assert code == 0 and "Testpatient" not in out and "report 1 is sent as" in out
