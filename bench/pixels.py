"""P7 pixel cleaning: JPEG Baseline multi-frame clips blanked on the DCT path, in MB/s.

The clips are generated here (speckled sector, a white-on-black banner, one JPEG per frame at
quality 90, 4:2:2 as GE and Philips export them), so the rate does not depend on files that may
be absent. A clip is cleaned in-process with ``clean_dataset`` and a full-width banner mask of 70
rows, as the table's rows typically are; the MB are the compressed pixel data of the clip. The
two-process figure cleans the clips in two worker processes, as a 2-core machine can.
"""

from __future__ import annotations

import io
import time
from concurrent.futures import ProcessPoolExecutor
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


def clean_one(path: str) -> tuple[int, float, str]:
    """Clean one clip in memory: (pixel bytes, seconds, method)."""
    import pydicom

    from echouploader.core.privacy.pixels.mask import FrameMask
    from echouploader.core.privacy.pixels.writers import clean_dataset

    ds = pydicom.dcmread(path)
    size = len(ds.PixelData)
    mask = FrameMask.build(ds.Rows, ds.Columns, [(0, 0, ds.Columns, 70)])
    start = time.perf_counter()
    result = clean_dataset(ds, mask)
    return size, time.perf_counter() - start, result.method


def measure(
    folder: Path, *, clips: int, frames: int, rounds: int, size: tuple[int, int] = (708, 1016)
) -> dict[str, Any]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(clips):
        p = folder / f"clip{i:02d}.dcm"
        if not p.exists():
            make_clip(p, frames=frames, rows=size[0], cols=size[1], seed=i)
        paths.append(str(p))
    one: list[float] = []
    two: list[float] = []
    methods: set[str] = set()
    for _ in range(rounds):
        total = 0
        start = time.perf_counter()
        for p in paths:
            size, _, method = clean_one(p)
            total += size
            methods.add(method)
        one.append(total / (time.perf_counter() - start) / 1e6)
        start = time.perf_counter()
        with ProcessPoolExecutor(max_workers=2) as pool:
            sizes = [s for s, _, _ in pool.map(clean_one, paths)]
        two.append(sum(sizes) / (time.perf_counter() - start) / 1e6)
    return {"one_process": one, "two_processes": two, "methods": sorted(methods), "bytes": total}
