from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.privacy.synthetic_exam import Person, SyntheticExam, make_vivid_exam


@pytest.fixture
def vivid_exam(tmp_path: Path) -> SyntheticExam:
    return make_vivid_exam(tmp_path / "exports" / "1234_1", Person())


def all_output_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def leaks(root: Path, secrets: list[str]) -> dict[str, list[str]]:
    """Which secret strings appear, byte for byte, in which output file (any case)."""
    found: dict[str, list[str]] = {}
    for path in all_output_files(root):
        data = path.read_bytes()
        hits = [
            s
            for s in secrets
            if s.encode() in data or s.upper().encode() in data or s.lower().encode() in data
        ]
        if hits:
            found[str(path.relative_to(root))] = hits
    return found
