"""P7 pixel cleaning: JPEG Baseline multi-frame clips blanked on the DCT path, in MB/s.

The clips are generated here (speckled sector, a white-on-black banner, one JPEG per frame at
quality 90, 4:2:2 as GE and Philips export them), so the rate does not depend on files that may
be absent. A clip is cleaned with ``clean_file`` (file to file, as de-identification does) and a
full-width banner mask of 70 rows, as the table's rows typically are; the MB are the compressed
pixel data of the clip. The two-process figure is the same with the DCT path's frame workers on
(two worker processes blank frames while this one reads and writes), the one-process figure with
them off.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np


def make_clip(path: Path, *, frames: int, rows: int = 708, cols: int = 1016, seed: int = 1) -> int:
    """A JPEG Baseline multi-frame US file; returns the bytes of its pixel data."""
    import pydicom
    from PIL import Image, ImageDraw
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.encaps import encapsulate
    from pydicom.uid import JPEGBaseline8Bit, generate_uid

    rng = np.random.default_rng(seed)
    encoded = []
    yy, xx = np.mgrid[0:rows, 0:cols]
    fan = (np.abs(xx - cols / 2) <= (yy - 70) * 0.8) & (yy > 70) & (yy < rows - rows // 16)
    for _ in range(frames):
        grey = (rng.gamma(2.0, 40.0, size=(rows, cols)).clip(0, 255) * fan).astype(np.uint8)
        rgb = np.stack([grey, grey, (grey * 0.9).astype(np.uint8)], -1)
        img = Image.fromarray(rgb)
        ImageDraw.Draw(img).text((20, 20), "DOE, JANE  ID 123456  DOB 1970-01-01", fill="white")
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=90, subsampling=1)
        encoded.append(buf.getvalue())
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.3.1"
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = JPEGBaseline8Bit
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.Modality = "US"
    ds.Rows, ds.Columns, ds.NumberOfFrames = rows, cols, frames
    ds.SamplesPerPixel, ds.PhotometricInterpretation, ds.PlanarConfiguration = 3, "YBR_FULL_422", 0
    ds.BitsAllocated = ds.BitsStored = 8
    ds.HighBit, ds.PixelRepresentation = 7, 0
    ds.PixelData = encapsulate(encoded)
    ds["PixelData"].VR = "OB"
    ds["PixelData"].is_undefined_length = True
    ds.save_as(path, enforce_file_format=True)
    del pydicom
    return sum(len(e) for e in encoded)


def clean_one(path: str, out: str) -> tuple[int, float, str]:
    """Clean one clip file to file: (pixel bytes, seconds, method)."""
    import pydicom

    from echouploader.core.privacy.pixels.mask import FrameMask
    from echouploader.core.privacy.pixels.writers import clean_file

    ds = pydicom.dcmread(path)
    size = len(ds.PixelData)
    mask = FrameMask.build(ds.Rows, ds.Columns, [(0, 0, ds.Columns, 70)])
    del ds
    start = time.perf_counter()
    result = clean_file(Path(path), Path(out), mask)
    return size, time.perf_counter() - start, result.method


def _round(paths: list[str], out: Path, workers: int, methods: set[str]) -> float:
    """MB/s of cleaning every clip once with ``workers`` frame workers."""
    from echouploader.core.privacy.pixels import frame_pool

    os.environ[frame_pool.WORKERS_VARIABLE] = str(workers)
    total = 0
    seconds = 0.0
    for p in paths:
        size, took, method = clean_one(p, str(out / Path(p).name))
        total += size
        seconds += took
        methods.add(method)
    return total / seconds / 1e6


def measure(
    folder: Path, *, clips: int, frames: int, rounds: int, size: tuple[int, int] = (708, 1016)
) -> dict[str, Any]:
    from echouploader.core.privacy.pixels import frame_pool

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(clips):
        p = folder / f"clip{i:02d}.dcm"
        if not p.exists():
            make_clip(p, frames=frames, rows=size[0], cols=size[1], seed=i)
        paths.append(str(p))
    total = sum(len(pydicom_pixels(p)) for p in paths)
    out = Path(tempfile.mkdtemp(prefix="eu-bench-p7-", dir="/dev/shm"))
    saved = os.environ.get(frame_pool.WORKERS_VARIABLE)
    one: list[float] = []
    two: list[float] = []
    methods: set[str] = set()
    try:
        _round(paths[:1], out, 2, methods)  # start the workers and build the Huffman look-ups
        for _ in range(rounds):
            one.append(_round(paths, out, 1, methods))
            two.append(_round(paths, out, 2, methods))
    finally:
        frame_pool.shutdown()
        if saved is None:
            os.environ.pop(frame_pool.WORKERS_VARIABLE, None)
        else:
            os.environ[frame_pool.WORKERS_VARIABLE] = saved
        shutil.rmtree(out, ignore_errors=True)
    return {"one_process": one, "two_processes": two, "methods": sorted(methods), "bytes": total}


def pydicom_pixels(path: str) -> bytes:
    import pydicom

    return bytes(pydicom.dcmread(path).PixelData)
