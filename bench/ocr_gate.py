"""P8: OCR of burned-in text. Seconds of OCR per layout group, and the whole gate on an exam.

A layout group is the clips of one machine and frame size. The group here is generated (a
speckled sector, the patient's banner and a frame counter, JPEG Baseline 4:2:2 at quality 90, as
GE and Philips export clips), so the figure does not depend on files that may be absent. Each clip
goes through what the check and de-identification do with its frames: the plan within the
exam's layout groups (fixed mask, OCR of what the group has not read yet, hits), the writers, and
the OCR verification of the cleaned frames. The seconds are those spent in OCR, in-process, the
engine already loaded.
"""

from __future__ import annotations

import io
import time
from pathlib import Path
from typing import Any

import numpy as np


def make_group(
    folder: Path, *, clips: int, frames: int, rows: int = 708, cols: int = 1016
) -> list[Path]:
    """``clips`` JPEG Baseline multi-frame files of one machine and size, banner in every frame."""
    from PIL import Image, ImageDraw, ImageFont
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.encaps import encapsulate
    from pydicom.uid import JPEGBaseline8Bit, generate_uid

    folder.mkdir(parents=True, exist_ok=True)
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 16)
    except OSError:
        font = ImageFont.load_default(16)
    yy, xx = np.mgrid[0:rows, 0:cols]
    fan = (np.abs(xx - cols / 2) <= (yy - 70) * 0.8) & (yy > 70) & (yy < rows - rows // 16)
    paths = []
    for clip in range(clips):
        rng = np.random.default_rng(clip)
        encoded = []
        for index in range(frames):
            grey = (rng.gamma(2.0, 40.0, size=(rows, cols)).clip(0, 255) * fan).astype(np.uint8)
            img = Image.fromarray(np.stack([grey, grey, (grey * 0.9).astype(np.uint8)], -1))
            draw = ImageDraw.Draw(img)
            draw.text((12, 8), "DOE^JANE   ID PID-884213   DOB 09.03.1971", font=font, fill="white")
            draw.text((12, 30), "St. Mary Hospital   Echo lab 2", font=font, fill="white")
            draw.text((cols - 150, 8), f"Frame {index + 1:3d}", font=font, fill="white")
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
        ds.PatientName = "DOE^JANE"
        ds.PatientID = "PID-884213"
        ds.PatientBirthDate = "19710309"
        ds.InstitutionName = "St. Mary Hospital"
        ds.Manufacturer = "Bench"
        ds.ManufacturerModelName = "Group 1"
        ds.Rows, ds.Columns = rows, cols
        ds.NumberOfFrames = frames
        ds.SamplesPerPixel = 3
        ds.PhotometricInterpretation = "YBR_FULL_422"
        ds.PlanarConfiguration = 0
        ds.BitsAllocated = ds.BitsStored = 8
        ds.HighBit = 7
        ds.PixelRepresentation = 0
        ds.PixelData = encapsulate(encoded)
        ds["PixelData"].VR = "OB"
        ds["PixelData"].is_undefined_length = True
        path = folder / f"CLIP{clip:04d}"
        ds.save_as(path, enforce_file_format=True)
        paths.append(path)
    return paths


def measure_group(
    folder: Path, *, clips: int, frames: int, size: tuple[int, int]
) -> dict[str, Any]:
    """OCR seconds (plan + verification) for one layout group, and per clip."""
    import pydicom

    from echouploader.core.privacy.pixels import clean
    from echouploader.core.privacy.pixels.matching import IdentifyingValues
    from echouploader.core.privacy.pixels.ocr import default_engine

    paths = make_group(folder, clips=clips, frames=frames, rows=size[0], cols=size[1])
    engine = default_engine()
    started = time.perf_counter()
    engine.read(np.zeros((64, 64), np.uint8) + 255)  # the model sessions are warm from here
    load = time.perf_counter() - started
    per_clip, frames_read, areas_read, verified, blocked = [], [], [], [], 0
    groups = clean.LayoutGroups(engine)  # one exam: the check plans every file in its groups
    for path in paths:
        ds = pydicom.dcmread(path)
        values = IdentifyingValues.from_dataset(ds)
        plan = groups.plan_dataset(ds, values, path=path)
        try:
            clean.clean_dataset(ds, plan, values, path.name, engine=engine)
        except clean.PixelsBlocked:
            blocked += 1
        per_clip.append(plan.seconds)
        frames_read.append(len(plan.frames_read))
        areas_read.append(plan.areas_read)
        verified.append(len(plan.verification()))
    return {
        "group_seconds": sum(per_clip),
        "clip_seconds": per_clip,
        "frames_read": frames_read,
        "areas_read": areas_read,
        "reads_verified": verified,
        "blocked": blocked,
        "engine_warm_up_seconds": load,
    }
