"""Video clips, plain and inside DICOM, are blanked in every frame with a permissive encoder."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.encaps import encapsulate
from pydicom.uid import MPEG2MPML, MPEG4HP41

from echouploader.core.errors import ExitCode
from echouploader.core.privacy.pixels import video
from echouploader.core.privacy.pixels.mask import FrameMask
from echouploader.core.privacy.pixels.writers import (
    PixelCleaningError,
    clean_dataset,
    clean_video_file,
    iter_frames,
    iter_video_frames,
)
from tests.core.privacy.pixels.builder import build_us_file, build_video_file

av = pytest.importorskip("av", reason="the video extra (PyAV) is part of the test install")


def band_mask(built) -> FrameMask:  # type: ignore[no-untyped-def]
    return FrameMask.build(built.rows, built.cols, [built.banner_band])


def assert_blank_band_and_kept_image(built, frames: list[np.ndarray]) -> None:  # type: ignore[no-untyped-def]
    assert len(frames) == built.frames
    bx, by, bw, bh = built.banner_band
    sx, sy, sw, sh = built.imaging_rect
    for index, (drawn, got) in enumerate(zip(built.frames_rgb, frames, strict=True)):
        band = got[by + 4 : by + bh - 4, bx + 4 : bx + bw - 4]
        assert band.max() <= 24, f"frame {index}: the banner still shows"
        sector = np.abs(
            got[sy : sy + sh, sx : sx + sw].astype(int) - drawn[sy : sy + sh, sx : sx + sw]
        )
        assert sector.mean() <= 6, f"frame {index}: the image changed beyond the codec's loss"


@pytest.mark.parametrize("suffix,codec", [(".mp4", "mpeg4"), (".avi", "mjpeg")])
def test_a_plain_clip_is_blanked_in_every_frame(tmp_path: Path, suffix: str, codec: str) -> None:
    built = build_video_file(tmp_path / f"clip{suffix}", codec=codec, frames=6)
    before = list(iter_video_frames(built.path))
    x, y, w, h = built.banner_rect
    assert all(f[y : y + h, x : x + w].max() > 200 for f in before)  # the text is there first
    out = tmp_path / f"clean{suffix}"
    result = clean_video_file(built.path, out, band_mask(built))
    assert result.frames == 6 and result.lossy and result.method == "video"
    assert not (tmp_path / f"clean{suffix}.part").exists()
    assert_blank_band_and_kept_image(built, list(iter_video_frames(out)))


def test_h264_clip_is_written_with_a_permissive_encoder_never_x264(tmp_path: Path) -> None:
    try:
        built = build_video_file(tmp_path / "clip.mp4", codec="libx264", frames=4)
    except Exception:  # noqa: BLE001 - an FFmpeg without x264 cannot make the input
        pytest.skip("this FFmpeg cannot write the H.264 test input")
    out = tmp_path / "clean.mp4"
    result = clean_video_file(built.path, out, band_mask(built))
    assert result.method == "video"
    assert result.lossy_method in ("libopenh264", "mpeg4 (was h264)")
    with av.open(str(out)) as clip:
        assert clip.streams.video[0].codec_context.name in ("h264", "mpeg4")
    assert_blank_band_and_kept_image(built, list(iter_video_frames(out)))


def test_mpeg2_inside_dicom_is_blanked_and_stays_mpeg2(tmp_path: Path) -> None:
    built = build_us_file(
        tmp_path / "mpeg2.dcm", transfer_syntax=MPEG2MPML, frames=5, rows=240, cols=320
    )
    ds = pydicom.dcmread(built.path)
    raw = ds[0x7FE1, 0x1010].value
    result = clean_dataset(ds, band_mask(built))
    buf = io.BytesIO()
    ds.save_as(buf)
    after = pydicom.dcmread(io.BytesIO(buf.getvalue()))
    assert result.method == "video" and result.frames == 5 and result.lossy
    assert after.file_meta.TransferSyntaxUID == MPEG2MPML
    assert after.LossyImageCompression == "01"
    assert after[0x7FE1, 0x1010].value == raw
    assert_blank_band_and_kept_image(built, list(iter_frames(after)))


def test_h264_inside_dicom_blocks_when_only_gpl_encoders_exist(tmp_path: Path) -> None:
    built = build_us_file(tmp_path / "base.dcm", transfer_syntax=MPEG2MPML, frames=3)
    try:
        stream = io.BytesIO()
        with av.open(stream, "w", format="h264") as out:
            s = out.add_stream("libx264", rate=30)
            s.width, s.height, s.pix_fmt = built.cols, built.rows, "yuv420p"
            for f in built.frames_rgb:
                for p in s.encode(av.VideoFrame.from_ndarray(f, format="rgb24")):
                    out.mux(p)
            for p in s.encode(None):
                out.mux(p)
    except Exception:  # noqa: BLE001
        pytest.skip("this FFmpeg cannot write the H.264 test input")
    ds = pydicom.dcmread(built.path)
    ds.file_meta.TransferSyntaxUID = MPEG4HP41
    ds.PixelData = encapsulate([stream.getvalue()])
    if video._encoder(av, "h264", plain=False):
        result = clean_dataset(ds, band_mask(built))
        assert result.frames == 3 and result.lossy_method == "ISO_14496_10"
        return
    with pytest.raises(PixelCleaningError) as err:
        clean_dataset(ds, band_mask(built))
    assert err.value.exit_code == ExitCode.PRIVACY_BLOCKED
    assert "base.dcm" in str(err.value) and "h264" in str(err.value)


def test_gpl_encoders_are_never_chosen() -> None:
    for codec in ("h264", "hevc", "mpeg4", "mpeg2video"):
        assert video._encoder(av, codec, plain=True) not in video._GPL_ENCODERS
