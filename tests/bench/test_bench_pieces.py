"""The harness's own pieces: data is deterministic, rounds alternate, ratios pair rounds."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pydicom

from bench import data
from bench.clients import Run
from bench.measure import Contender, alternate, best_of_pair_ratio, paired_ratio


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for f in sorted(folder.rglob("*")):
        if f.is_file():
            h.update(f.relative_to(folder).as_posix().encode())
            h.update(f.read_bytes())
    return h.hexdigest()


def test_same_seed_same_bytes_and_other_seed_other_bytes(tmp_path: Path) -> None:
    a = data.random_file(tmp_path / "a" / "f.bin", 100_000, "s1")
    b = data.random_file(tmp_path / "b" / "f.bin", 100_000, "s1")
    c = data.random_file(tmp_path / "c" / "f.bin", 100_000, "s2")
    assert a.read_bytes() == b.read_bytes() != c.read_bytes()
    assert a.stat().st_size == 100_000


def test_exam_is_deterministic_real_dicom_and_near_its_size(tmp_path: Path) -> None:
    spec = data.ExamSpec(
        total_bytes=12_000_000, clips=5, max_clip=5 * data.MB, small_files=3, seed="t"
    )
    one = data.exam(tmp_path / "one" / "exam", spec)
    two = data.exam(tmp_path / "two" / "exam", spec)
    assert _digest(one) == _digest(two)
    files, size = data.tree_bytes(one)
    assert files == 8
    assert 8_000_000 < size < 16_000_000
    clip = pydicom.dcmread(one / "US0001.dcm")
    assert clip.Modality == "US" and clip.SOPClassUID == data.US_MULTIFRAME
    assert len(clip.PixelData) == clip.NumberOfFrames * data.FRAME_BYTES
    # The completion marker sits beside the exam, never inside it (clients would upload it).
    assert not any(p.name.endswith(".complete") for p in one.iterdir())
    assert (tmp_path / "one" / ".exam.complete").exists()


def test_small_dicoms_count(tmp_path: Path) -> None:
    folder = data.small_dicoms(tmp_path / "small", 30)
    assert data.tree_bytes(folder)[0] == 30
    assert pydicom.dcmread(next(folder.rglob("*.dcm"))).Rows == 32


def test_rounds_alternate_and_ratios_pair_rounds() -> None:
    calls: list[str] = []

    def runner(name: str, secs: list[float]):  # noqa: ANN202
        it = iter(secs)

        def run() -> Run:
            calls.append(name)
            return Run(next(it), 2048, 0, "", "")

        return run

    ours = Contender("ours", runner("ours", [1.0, 4.0, 2.0]), 10_000_000)
    a = Contender("a", runner("a", [2.0, 4.0, 1.0]), 10_000_000)
    b = Contender("b", runner("b", [3.0, 2.0, 4.0]), 10_000_000)
    alternate([ours, a, b], 3)
    assert calls == ["ours", "a", "b"] * 3
    assert paired_ratio(ours, a).values == [2.0, 1.0, 0.5]
    best = best_of_pair_ratio(ours, [a, b])
    assert best.values == [2.0, 0.5, 0.5] and best.median == 0.5
    assert ours.mb_per_s().median == 5.0
    assert ours.rss_mb().max == 2.0


def test_gil_profile_sums_threads_and_our_functions() -> None:
    from bench.gui_probe import gil_holders

    raw = (
        "thread (11): MainThread;main (bench/gui_probe.py:300);"
        "ProgressDelegate.paint (echouploader/ui/queue_panel.py:44) 6\n"
        "thread (12): echouploader-transfer-1;Thread.run (threading.py:982);"
        "_JobRun.send_data (echouploader/core/transfer/engine.py:1290);"
        "SSLSocket.sendall (ssl.py:1250) 3\n"
        "thread (13): echouploader-transfer-2;Thread.run (threading.py:982);"
        "_JobRun.send_data (echouploader/core/transfer/engine.py:1291) 1\n"
        "not a sample line\n"
    )
    got = gil_holders(raw)
    assert got["samples"] == 10
    assert got["threads"] == [
        {"name": "MainThread", "share": 0.6},
        {"name": "echouploader-transfer-N", "share": 0.4},  # the numbered threads as one
    ]
    assert got["functions"][0] == {
        "name": "ProgressDelegate.paint (echouploader/ui/queue_panel.py)",
        "share": 0.6,
    }
    # Per thread, the innermost frame of ours: the library call is charged to send_data.
    assert got["by_thread"]["echouploader-transfer-N"] == [
        {"name": "_JobRun.send_data (echouploader/core/transfer/engine.py)", "share": 0.4}
    ]
