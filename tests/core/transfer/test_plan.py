"""Planning an upload: relative paths kept, clutter skipped, links contained, problems up front."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from echouploader.core.errors import UsageError
from echouploader.core.transfer.plan import plan_upload
from tests.core.transfer.helpers import make_tree


def test_folders_keep_their_layout_and_clutter_is_reported(tmp_path: Path) -> None:
    exam = make_tree(
        tmp_path / "exam",
        {
            "a.dcm": 10,
            "series/b.dcm": 20,
            ".DS_Store": 1,
            "series/Thumbs.db": 1,
            "series/desktop.ini": 1,
            "series/._b.dcm": 1,
            "__MACOSX/x": 1,
            "old.dcm.echouploader-part": 5,
        },
    )
    single = make_tree(tmp_path / "loose", {"note.txt": 3}) / "note.txt"
    plan = plan_upload([exam, single], "/in/site07/")
    assert [(t.relpath, t.remote_path, t.size) for t in plan.transfers] == [
        ("exam/a.dcm", "/in/site07/exam/a.dcm", 10),
        ("exam/series/b.dcm", "/in/site07/exam/series/b.dcm", 20),
        ("note.txt", "/in/site07/note.txt", 3),
    ]
    skipped = {Path(p).name for p, _ in plan.skipped}
    assert skipped == {
        ".DS_Store",
        "Thumbs.db",
        "desktop.ini",
        "._b.dcm",
        "__MACOSX",
        "old.dcm.echouploader-part",
    }
    assert plan.total_bytes == 33 and not plan.unreadable


def test_links_are_not_followed_out_of_the_folder(tmp_path: Path) -> None:
    outside = make_tree(tmp_path / "outside", {"secret.txt": 7, "d/x": 1})
    exam = make_tree(tmp_path / "exam", {"a.dcm": 10})
    (exam / "inside-link.dcm").symlink_to(exam / "a.dcm")
    (exam / "escape.txt").symlink_to(outside / "secret.txt")
    (exam / "dirlink").symlink_to(outside / "d")
    (exam / "loop").symlink_to(exam)
    plan = plan_upload([exam], "/")
    assert sorted(t.relpath for t in plan.transfers) == ["exam/a.dcm", "exam/inside-link.dcm"]
    reasons = {Path(p).name: why for p, why in plan.skipped}
    assert reasons["escape.txt"] == "link pointing outside the folder"
    assert reasons["dirlink"].startswith("link to a folder") and "loop" in reasons


def test_unreadable_files_block_the_whole_upload(tmp_path: Path) -> None:
    exam = make_tree(tmp_path / "exam", {"a.dcm": 10})
    (exam / "broken.dcm").symlink_to(exam / "missing.dcm")
    if os.geteuid() != 0:  # root reads everything; the broken link covers that case
        locked = make_tree(exam, {"locked.dcm": 5}) / "locked.dcm"
        locked.chmod(0)
    plan = plan_upload([exam], "/")
    assert any(p.endswith("broken.dcm") for p, _ in plan.unreadable)
    with pytest.raises(UsageError, match="cannot be read, so nothing was sent"):
        plan.raise_if_unreadable()


def test_a_name_with_a_line_break_cannot_be_sent(tmp_path: Path) -> None:
    exam = make_tree(tmp_path / "exam", {"a.dcm": 1, "bad\nname.dcm": 1})
    plan = plan_upload([exam], "/")
    assert [why for _, why in plan.unreadable] == ["the name contains a line break"]


def test_two_sources_with_one_remote_name_are_refused(tmp_path: Path) -> None:
    a = make_tree(tmp_path / "a", {"x.dcm": 1}) / "x.dcm"
    b = make_tree(tmp_path / "b", {"x.dcm": 2}) / "x.dcm"
    with pytest.raises(UsageError, match="would both be uploaded as 'x.dcm'"):
        plan_upload([a, b], "/")


def test_missing_source_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        plan_upload([tmp_path / "nope"], "/")
