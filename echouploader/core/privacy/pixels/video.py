"""Video clips: decode, blank the mask in every frame, encode again with a permissive encoder.

Used for plain ``.mp4`` / ``.avi`` exports and for MPEG-2 / H.264 streams inside DICOM. PyAV
(FFmpeg) is optional: the ``video`` extra installs it. Its PyPI wheels also carry the GPL encoders
libx264 and libx265; those are never used here. The encoder is FFmpeg's own for the source's codec
family (MPEG-2, MPEG-4 Part 2, Motion JPEG, VP8/VP9 through libvpx) or OpenH264 when the FFmpeg in
use has it. Where no permissive encoder exists for the codec (H.264 and HEVC inside DICOM with
the PyPI wheels), cleaning blocks with a sentence: a DICOM transfer syntax cannot be changed to
another codec behind the reader's back. Plain H.264/HEVC files are written as MPEG-4 Part 2 in
the same container, and the result's ``lossy_method`` says so. Every re-encode is lossy and
recorded as such.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from echouploader.core.i18n import _

from .frames import PixelLayout, UnsupportedPixels
from .mask import FrameMask

if TYPE_CHECKING:
    import pydicom

    from .writers import CleanResult

# codec of the source -> encoders to try, in order; none of them is GPL
_ENCODERS = {
    "mpeg2video": ("mpeg2video",),
    "mpeg1video": ("mpeg1video",),
    "mpeg4": ("mpeg4",),
    "mjpeg": ("mjpeg",),
    "vp8": ("libvpx",),
    "vp9": ("libvpx-vp9",),
    "h264": ("libopenh264",),
}
_PLAIN_FALLBACK = "mpeg4"  # MPEG-4 Part 2 (FFmpeg's own encoder, LGPL)
_GPL_ENCODERS = {"libx264", "libx264rgb", "libx265", "libxvid", "libxavs", "libxavs2"}


def _av() -> Any:
    try:
        import av
    except ImportError as exc:
        raise UnsupportedPixels(
            _("video clips need the video codecs, which this installation does not have")
        ) from exc
    return av


def _encoder(av: Any, codec: str, *, plain: bool) -> str | None:
    """A permissive encoder for ``codec``; for plain files MPEG-4 Part 2 when there is none."""
    for name in _ENCODERS.get(codec, ()):
        if name in _GPL_ENCODERS:
            continue
        try:
            av.codec.Codec(name, "w")
        except Exception:  # noqa: BLE001 - PyAV raises UnknownCodecError / ValueError
            continue
        return name
    return _PLAIN_FALLBACK if plain else None


def _plain_encoder(av: Any, codec: str) -> str:
    return _encoder(av, codec, plain=True) or _PLAIN_FALLBACK


def _blank(arr: np.ndarray, mask: FrameMask, index: int) -> None:
    for x, y, w, h in mask.rects_for(index):
        arr[y : y + h, x : x + w] = 0


def _transcode(av: Any, source: Any, target: Any, mask: FrameMask, encoder: str) -> tuple[int, int]:
    """Frames from ``source`` (an open container) blanked and encoded into ``target``."""
    src = source.streams.video[0]
    rate = src.average_rate or src.guessed_rate or Fraction(25)
    out = target.add_stream(encoder, rate=rate)
    out.width = src.codec_context.width
    out.height = src.codec_context.height
    out.pix_fmt = "yuvj420p" if encoder == "mjpeg" else "yuv420p"
    bit_rate = src.codec_context.bit_rate or src.bit_rate or 0
    out.bit_rate = max(int(bit_rate * 1.5), 8_000_000)
    frames = 0
    for frame in source.decode(src):
        if (frame.width, frame.height) != (mask.columns, mask.rows):
            raise UnsupportedPixels(
                _("a video frame is {width}×{height}, the mask is for {columns}×{rows}").format(
                    width=frame.width, height=frame.height, columns=mask.columns, rows=mask.rows
                )
            )
        arr = frame.to_ndarray(format="rgb24")
        _blank(arr, mask, frames)
        new = av.VideoFrame.from_ndarray(arr, format="rgb24")
        new.pts = frame.pts
        new.time_base = frame.time_base
        for packet in out.encode(new.reformat(format=out.pix_fmt)):
            target.mux(packet)
        frames += 1
    for packet in out.encode(None):
        target.mux(packet)
    return frames, out.bit_rate


def clean_video(src: Path, dst: Path, mask: FrameMask) -> CleanResult:
    """Blank ``mask`` in every frame of a plain video file; ``dst`` appears only when complete."""
    from .writers import CleanResult, PixelCleaningError

    av = _av_or_block(src.name)
    tmp = dst.with_name(dst.name + ".part")
    try:
        with av.open(str(src)) as source:
            if not source.streams.video:
                raise UnsupportedPixels(_("the file has no video stream"))
            codec = source.streams.video[0].codec_context.name
            encoder = _plain_encoder(av, codec)
            fmt = source.format.name.split(",")[0]
            with av.open(str(tmp), "w", format=_muxer(fmt, src.suffix)) as target:
                frames, _rest = _transcode(av, source, target, mask, encoder)
        os.replace(tmp, dst)
    except UnsupportedPixels as exc:
        tmp.unlink(missing_ok=True)
        raise PixelCleaningError(
            _("The video {name} cannot be cleaned: {exc}.").format(name=src.name, exc=exc)
        ) from exc
    except (av.error.FFmpegError, OSError) as exc:
        tmp.unlink(missing_ok=True)
        raise PixelCleaningError(
            _("The video {name} cannot be cleaned: {exc}.").format(name=src.name, exc=exc)
        ) from exc
    # lossy_method names the encoder, and the source codec when the codec changed
    same = encoder in _ENCODERS.get(codec, ())
    return CleanResult(
        "video", frames, True, None, encoder if same else f"{encoder} (was {codec})", mask.rects
    )


def _muxer(fmt: str, suffix: str) -> str:
    if fmt in ("mov", "mp4", "m4a", "3gp", "3g2", "mj2"):
        return "mp4"
    if fmt == "avi" or suffix.lower() == ".avi":
        return "avi"
    return fmt


def _av_or_block(name: str) -> Any:
    from .writers import PixelCleaningError

    try:
        return _av()
    except UnsupportedPixels as exc:
        raise PixelCleaningError(
            _("The video {name} cannot be cleaned: {exc}.").format(name=name, exc=exc)
        ) from exc


def iter_video(path: Path) -> Iterator[np.ndarray]:
    """Frames of a plain video file as H×W×3 uint8 RGB."""
    av = _av_or_block(path.name)
    with av.open(str(path)) as source:
        for frame in source.decode(video=0):
            yield frame.to_ndarray(format="rgb24")


# --- video inside DICOM ------------------------------------------------------------------------


def _stream_bytes(ds: pydicom.Dataset, layout: PixelLayout) -> bytes:
    """The video stream of encapsulated MPEG pixel data (its fragments, in order)."""
    from pydicom.encaps import generate_fragments

    return b"".join(generate_fragments(ds.PixelData))


def iter_dicom_video_frames(ds: pydicom.Dataset) -> Iterator[np.ndarray]:
    from .writers import PixelCleaningError, _name

    layout = PixelLayout.of(ds)
    try:
        av = _av()
        with av.open(io.BytesIO(_stream_bytes(ds, layout))) as source:
            for frame in source.decode(video=0):
                yield frame.to_ndarray(format="rgb24")
    except UnsupportedPixels as exc:
        raise PixelCleaningError(
            _("The video in {name} cannot be read: {exc}.").format(name=_name(ds), exc=exc)
        ) from exc


def clean_dicom_video(ds: pydicom.Dataset, layout: PixelLayout, mask: FrameMask) -> CleanResult:
    """Decode the MPEG stream of ``ds``, blank every frame, encode it again in the same codec."""
    from pydicom.encaps import encapsulate

    from .writers import CleanResult

    av = _av()
    data = _stream_bytes(ds, layout)
    with av.open(io.BytesIO(data)) as source:
        if not source.streams.video:
            raise UnsupportedPixels(_("the pixel data holds no video stream"))
        codec = source.streams.video[0].codec_context.name
        encoder = _encoder(av, codec, plain=False)
        if encoder is None:
            raise UnsupportedPixels(
                _("no encoder under a licence EchoUploader can ship writes {codec} video").format(
                    codec=codec
                )
            )
        fmt = source.format.name.split(",")[0]
        buffer = io.BytesIO()
        with av.open(buffer, "w", format=fmt) as target:
            frames, _rest = _transcode(av, source, target, mask, encoder)
    if frames != layout.frames:
        raise UnsupportedPixels(
            _("the video holds {frames} frames, the header says {frames2}").format(
                frames=frames, frames2=layout.frames
            )
        )
    stream = buffer.getvalue()
    ds.PixelData = encapsulate(
        [stream[i : i + 0xFFFFFFF0] for i in range(0, len(stream), 0xFFFFFFF0)]
    )
    ratio = round(layout.rows * layout.columns * 3 * frames / max(1, len(stream)), 2)
    ds.LossyImageCompression = "01"
    method = {"mpeg2video": "ISO_13818_2", "libopenh264": "ISO_14496_10"}.get(encoder, encoder)
    return CleanResult("video", frames, True, ratio, method, mask.rects)
