from __future__ import annotations

import json
from pathlib import Path

import pytest

import echouploader.cli as cli
from tests.core.privacy.synthetic_exam import Person, SyntheticExam, make_small_dicom


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    def _run(*argv: str) -> tuple[int, str, str]:
        code = cli.main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return _run


def test_check_json_and_exit_code(run, vivid_exam: SyntheticExam) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("check", str(vivid_exam.root), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["exam"] == "1234_1"  # read from the folder name
    assert data["files"] == 6 and data["dicom"] == 3 and data["bytes"] > 0
    assert {"severity", "code", "message", "count"} <= set(data["findings"][0])
    for secret in vivid_exam.person.secrets():
        assert secret not in out


def test_check_blocks_two_patients_with_exit_3(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    make_small_dicom(tmp_path / "A1")
    make_small_dicom(tmp_path / "A2", Person(name="Other^Person", patient_id="X12345"))
    code, out, _ = run("check", str(tmp_path))
    assert code == 3
    assert "BLOCK" in out and "different patients" in out


def test_check_reports_truncated_and_empty_files(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cut = make_small_dicom(tmp_path / "cut.dcm")
    cut.write_bytes(cut.read_bytes()[:-20])
    (tmp_path / "empty").write_bytes(b"")
    code, out, err = run("check", str(tmp_path), "--json")
    data = json.loads(out)
    codes = {f["code"] for f in data["findings"]}
    assert {"truncated-file", "empty-file"} <= codes
    assert code == 0 and "Traceback" not in err


def test_deidentify_then_export_keys(run, vivid_exam: SyntheticExam, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out_dir = tmp_path / "clean"
    code, out, _ = run(
        "deidentify",
        str(vivid_exam.root),
        "--subject",
        "77",
        "--echo",
        "3",
        "--out",
        str(out_dir),
        "--json",
    )
    assert code == 0
    data = json.loads(out)
    assert data["exam"] == "77_3" and data["written"] == 5
    assert {"file": "DICOMDIR", "reason": "DICOMDIR is not sent"} in data["skipped"]
    keys = tmp_path / "keys.csv"
    code, out, _ = run("keys", "export", str(keys))
    assert code == 0 and "1 key code entries" in out
    assert vivid_exam.person.patient_id in keys.read_text(encoding="utf-8")


def test_bad_echo_code_is_a_usage_error(run, vivid_exam: SyntheticExam, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(
        "deidentify",
        str(vivid_exam.root),
        "--subject",
        "77",
        "--echo",
        "12a",
        "--out",
        str(tmp_path / "x"),
    )
    assert code == 2
    assert "`12a` is not an echo code; use 1, 1a, 2 or 3." in err


def test_deidentify_needs_an_identity_unless_the_folder_names_it(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    make_small_dicom(tmp_path / "USB" / "A1")
    code, _, err = run("deidentify", str(tmp_path / "USB"), "--out", str(tmp_path / "x"))
    assert code == 2 and "give the subject number and the echo code" in err


def test_profile_file_sets_the_rule_and_options(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    make_small_dicom(tmp_path / "SITE-AB123-F" / "A1")
    profile = tmp_path / "site.json"
    profile.write_text(
        json.dumps(
            {
                "exam_rule": {
                    "echo_codes": {"B": "baseline", "F": "follow-up"},
                    "folder_template": "SITE-{subject}-{echo}",
                    "subject_pattern": "[A-Z]{2}[0-9]{3}",
                },
                "privacy_profile": {"retain_full_dates": True, "site_id": "S7"},
            }
        )
    )
    code, out, _ = run(
        "deidentify",
        str(tmp_path / "SITE-AB123-F"),
        "--out",
        str(tmp_path / "o"),
        "--profile",
        str(profile),
        "--json",
    )
    assert code == 0
    data = json.loads(out)
    assert data["exam"] == "SITE-AB123-F"
    assert "full dates" in data["privacy"]["method"]
    profile.write_text("{not json")
    code, _, err = run("check", str(tmp_path), "--profile", str(profile))
    assert code == 2 and "is not valid JSON" in err


def test_check_json_says_per_image_how_its_pixels_are_cleaned(
    run, vivid_exam: SyntheticExam
) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("check", str(vivid_exam.root), "--json")
    assert code == 0
    data = json.loads(out)
    images = {i["file"].rsplit("/", 1)[-1]: i["pixels"] for i in data["images"]}
    assert set(images) == {"K2MDI0G2", "K2MDI0G4"}  # the SR has no frames
    for pixels in images.values():
        assert pixels["action"] == "clean" and pixels["method"] == "regions"
        assert pixels["regions"] == [[0, 0, 8, 1]]  # everything outside the declared region
    # one layout group: the first clip's first frame is read whole, the second has nothing new
    assert sorted(p["ocr"]["frames_read"] for p in images.values()) == [[], [0]]
    finding = next(f for f in data["findings"] if f["code"] == "pixels-clean")
    assert finding["count"] == 2 and "regions" in finding["message"]


def test_a_clip_that_cannot_be_read_blocks_with_exit_3(run, vivid_exam: SyntheticExam) -> None:  # type: ignore[no-untyped-def]
    (vivid_exam.root / "clip.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 32)
    code, out, _ = run("check", str(vivid_exam.root))
    assert code == 3
    assert "BLOCK Images cannot be checked or cleaned of burned-in text" in out
