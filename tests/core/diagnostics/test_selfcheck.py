"""The installation self-check, from source: what a frozen build must also pass."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from echouploader.cli import main
from echouploader.core import resources
from echouploader.core.diagnostics import selfcheck


def test_a_working_installation_has_no_problems() -> None:
    assert selfcheck.run_self_check() == []


def test_describe_names_the_keyring_backend_for_support() -> None:
    facts = selfcheck.describe()
    # conftest forces the fail backend: reported, and not counted as a problem (headless CI).
    assert facts["keyring backend"] == "keyring.backends.fail.Keyring"
    assert facts["build"] == "source"
    assert Path(facts["resources"]) == resources.resources_dir()


def test_a_library_that_cannot_be_imported_is_a_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ftputil", None)  # what a build that dropped it looks like
    problems = selfcheck.run_self_check()
    assert len(problems) == 1
    assert "ftputil (FTPS transfers) cannot be loaded" in problems[0]


def test_a_missing_keyring_backend_module_is_a_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "keyring.backends.chainer", None)
    problems = selfcheck.run_self_check()
    assert any("keyring.backends.chainer (password storage)" in p for p in problems)


def test_an_untrusted_keyring_backend_is_a_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring.core
    from keyring.backends.null import Keyring as NullKeyring

    monkeypatch.setattr(keyring.core, "_keyring_backend", NullKeyring())
    problems = selfcheck.run_self_check()
    assert problems == [
        "The keyring backend keyring.backends.null.Keyring is not one the program trusts."
    ]


def test_missing_resource_files_are_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "icons").mkdir()
    (tmp_path / "icons" / "echouploader.svg").write_text("<svg/>")
    monkeypatch.setattr(resources, "resources_dir", lambda: tmp_path)
    problems = selfcheck.run_self_check()
    assert problems == [f"Resource files are missing from {tmp_path}: icons/echouploader.png."]


def test_every_required_resource_is_in_the_tree() -> None:
    for name in resources.REQUIRED_RESOURCES:
        assert resources.resource_path(name).is_file(), name


def test_self_check_command_prints_facts_and_ok(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["self-check"]) == 0
    out = capsys.readouterr().out
    assert "keyring backend: keyring.backends.fail.Keyring" in out
    assert out.rstrip().endswith("self-check: ok")


def test_self_check_command_fails_with_the_problem(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "pydicom", None)
    assert main(["self-check"]) == 1
    out = capsys.readouterr().out
    assert "problem: The module pydicom (reading DICOM files) cannot be loaded" in out
    assert "self-check: ok" not in out


def test_a_pixel_codec_that_fails_is_a_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    import imagecodecs

    def broken(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("CharLS is missing")

    monkeypatch.setattr(imagecodecs, "jpegls_encode", broken)
    assert selfcheck.run_self_check() == [
        "The JPEG-LS codec cannot be used: RuntimeError: CharLS is missing."
    ]


def test_a_missing_privacy_data_file_is_a_problem(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from echouploader.core.privacy.pixels import table

    monkeypatch.setattr(table, "TABLE_FILE", tmp_path / "machine_table.json")
    problems = selfcheck.run_self_check()
    assert any(p.startswith("The ultrasound banner table cannot be loaded") for p in problems)


def test_the_ocr_engine_is_run_once_and_reported() -> None:
    read, problem = selfcheck.ocr_probe()
    assert problem is None
    assert "2468" in read
    assert selfcheck.describe()["ocr"].startswith("RapidOCR PP-OCRv4 on onnxruntime")


def test_a_build_without_the_ocr_engine_is_a_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    from echouploader.core.privacy.pixels import ocr

    monkeypatch.setattr(ocr, "_default", None)  # as in a fresh process
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)
    problems = selfcheck.run_self_check()
    assert len(problems) == 1
    assert "OCR engine" in problems[0] and "could not be loaded" in problems[0]
