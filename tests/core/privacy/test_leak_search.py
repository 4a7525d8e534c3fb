"""The final byte search: every written byte but unchanged top-level pixel data is searched."""

from __future__ import annotations

from pathlib import Path

import pydicom
import pytest

from echouploader.core.privacy.deidentify import leak_search
from echouploader.core.privacy.deidentify.leak_search import Patterns, write_dataset
from tests.core.privacy.synthetic_exam import GE_MOVIE, Person, make_small_dicom

SECRET = b"MARK4711XYZ"  # not in the synthetic header: only where a test puts it


def _dataset(tmp_path: Path) -> pydicom.Dataset:
    return pydicom.dcmread(make_small_dicom(tmp_path / "src" / "IM1", Person()))


def test_all_patterns_are_found_in_one_search(tmp_path: Path) -> None:
    patterns = Patterns([b"TESTPATIENT", SECRET, b"19870423"])
    for body in (b"x" * 100 + b"19870423", b"y" * (3 << 20) + SECRET + b"z"):
        assert patterns.found_in(body)
        path = tmp_path / "f.bin"
        path.write_bytes(body)
        assert patterns.file_leaks(path)
    assert not patterns.found_in(b"nothing identifying here" * 1000)
    assert not Patterns([]).found_in(SECRET)


@pytest.fixture(params=["in memory", "through the recorder"])
def writer(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways a file is written: encoded in memory (small pixel data), or straight to the
    file with the writes recorded (large pixel data)."""
    if request.param == "through the recorder":
        monkeypatch.setattr(leak_search, "IN_MEMORY", 0)
    return str(request.param)


@pytest.mark.parametrize("where", ["before", "after"])
def test_the_bytes_around_unchanged_pixel_data_are_searched(
    tmp_path: Path, where: str, writer: str
) -> None:
    ds = _dataset(tmp_path)
    if where == "before":
        ds.Manufacturer = SECRET.decode()  # (0008,0070): before the pixel data
    else:
        block = ds.private_block(0x7FE1, GE_MOVIE, create=True)  # after it, as GE writes it
        block.add_new(0x20, "OB", b"\0" + SECRET + b"\0")
    pixels = ds.PixelData
    dest = tmp_path / "out.dcm"
    span = write_dataset(ds, dest, pixels)
    assert span is not None
    offset, length = span
    data = dest.read_bytes()
    assert data[offset : offset + length] == pixels
    assert Patterns([SECRET]).file_leaks(dest, span)


def test_unchanged_pixel_data_is_not_searched_but_changed_pixel_data_is(
    tmp_path: Path, writer: str
) -> None:
    ds = _dataset(tmp_path)
    spelled = bytearray(ds.PixelData)
    spelled[10 : 10 + len(SECRET)] = SECRET
    ds.PixelData = bytes(spelled)
    source = tmp_path / "src.dcm"
    ds.save_as(source, enforce_file_format=True)

    read = pydicom.dcmread(source)
    dest = tmp_path / "copied.dcm"
    span = write_dataset(read, dest, read.PixelData)  # copied unchanged
    assert span is not None
    assert not Patterns([SECRET]).file_leaks(dest, span)
    assert Patterns([SECRET]).file_leaks(dest)  # the whole file does hold it

    # Pixel data that is not the very bytes read from the source (rewritten by a cleaner)
    # gives no span: the whole file is searched.
    read.PixelData = bytes(bytearray(read.PixelData))
    assert write_dataset(read, tmp_path / "cleaned.dcm", None) is None


def test_a_pattern_across_the_edge_of_the_skipped_span_is_found(tmp_path: Path) -> None:
    path = tmp_path / "f.bin"
    head, pixels, tail = b"h" * 50, b"p" * 1000, b"t" * 50
    patterns = Patterns([SECRET])
    for body in (
        head[:-4] + SECRET[:4] + SECRET[4:] + pixels[len(SECRET) - 4 :] + tail,  # into the span
        head + pixels[:-3] + SECRET[:3] + SECRET[3:] + tail[len(SECRET) - 3 :],  # out of it
    ):
        path.write_bytes(body)
        assert patterns.file_leaks(path, (len(head), len(pixels)))
    path.write_bytes(head + pixels[:400] + SECRET + pixels[400 + len(SECRET) :] + tail)
    assert not patterns.file_leaks(path, (len(head), len(pixels)))
