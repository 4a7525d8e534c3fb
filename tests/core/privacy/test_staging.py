from __future__ import annotations

import stat
import threading
from pathlib import Path

import pydicom
import pytest

from echouploader.core.errors import Cancelled, PrivacyBlocked
from echouploader.core.privacy.deidentify.profile import PrivacyProfile
from echouploader.core.privacy.exam_identity import ExamIdentity
from echouploader.core.privacy.staging import default_staging_root as staging_root
from echouploader.core.privacy.staging import prepare_exam, remove_staging
from tests.core.privacy.conftest import leaks
from tests.core.privacy.synthetic_exam import Person, SyntheticExam, make_small_dicom


def test_prepare_exam_stages_a_deidentified_copy(
    vivid_exam: SyntheticExam, isolated_dirs: dict[str, Path]
) -> None:
    progress: list[tuple[int, int]] = []
    prepared = prepare_exam(
        vivid_exam.root,
        ExamIdentity("1234", "2"),
        on_progress=lambda d, t, n: progress.append((d, t)),
    )
    assert prepared.exam_id == "1234_2" and prepared.remote_folder == "1234_2"
    assert prepared.staging_dir.parent == staging_root()
    assert staging_root().parent == isolated_dirs["cache"]
    assert stat.S_IMODE(prepared.staging_dir.stat().st_mode) == 0o700
    assert len(prepared.files) == 5
    assert leaks(prepared.staging_dir, vivid_exam.person.secrets()) == {}
    assert vivid_exam.person.name in prepared.identifying_strings
    assert prepared.privacy["deidentified"] is True
    assert prepared.privacy["codes"][0]["code"] == "113100"
    assert prepared.privacy["patient_identity_removed"] is True
    assert prepared.privacy["pixels"] == {"cleaned": 2, "unchanged": 0, "methods": ["regions"]}
    assert progress[-1] == (12, 12) and progress == sorted(progress)
    clip = pydicom.dcmread(next(p for p in prepared.files if p.name == "K2MDI0G2"))
    assert clip.ClinicalTrialTimePointID == "2"
    prepared.remove()
    assert not prepared.staging_dir.exists()
    assert vivid_exam.dicom_files[0].exists()  # the source is never touched


def test_a_block_finding_raises_before_anything_is_staged(tmp_path: Path) -> None:
    make_small_dicom(tmp_path / "exam" / "A1")
    make_small_dicom(tmp_path / "exam" / "A2", Person(name="Other^Person", patient_id="X12345"))
    with pytest.raises(PrivacyBlocked) as err:
        prepare_exam(tmp_path / "exam", ExamIdentity("1", "1"))
    assert err.value.exit_code == 3
    assert list(staging_root().iterdir()) == []


def test_the_gate_is_off_only_when_the_profile_says_so(vivid_exam: SyntheticExam) -> None:
    prepared = prepare_exam(
        vivid_exam.root,
        ExamIdentity("1234", "1"),
        PrivacyProfile.from_dict({"check_enabled": False}),
    )
    assert prepared.staging_dir == vivid_exam.root and prepared.report is None
    assert prepared.privacy["gate"] == "off" and prepared.privacy["deidentified"] is False
    prepared.remove()  # nothing to remove: the source stays
    assert vivid_exam.root.exists()


def test_cancel_leaves_no_staging_behind(vivid_exam: SyntheticExam) -> None:
    cancel = threading.Event()

    def progress(done: int, total: int, name: str) -> None:
        if done >= total // 2 + 1:
            cancel.set()

    with pytest.raises(Cancelled):
        prepare_exam(
            vivid_exam.root, ExamIdentity("1234", "1"), on_progress=progress, cancel=cancel
        )
    assert list(staging_root().iterdir()) == []


def test_remove_staging_refuses_other_folders(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        remove_staging(tmp_path)
    assert tmp_path.exists()


def test_a_given_staging_root_is_used_and_cleaned(
    vivid_exam: SyntheticExam, tmp_path: Path
) -> None:
    root = tmp_path / "stage"
    prepared = prepare_exam(vivid_exam.root, ExamIdentity("1234", "1"), staging_root=root)
    assert prepared.staging_dir.parent == root
    prepared.remove()
    assert list(root.iterdir()) == []
