"""Deterministic benchmark data: the same seed gives the same bytes on every machine.

Random bytes come from a ChaCha20 key stream (fast, and incompressible like real pixel data).
An exam is a folder of ultrasound multi-frame DICOM clips with random pixels plus a few small
files (a structured report, a JPEG, a PDF), as an echo cart exports it. A finished data set is
marked with a ``.NAME.complete`` file beside it holding its parameters, so it is made once and
reused.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

MB = 1_000_000
MiB = 1 << 20
CHUNK = 4 * MiB
US_MULTIFRAME = "1.2.840.10008.5.1.4.1.1.3.1"
US_IMAGE = "1.2.840.10008.5.1.4.1.1.6.1"
BASIC_TEXT_SR = "1.2.840.10008.5.1.4.1.1.88.11"
ROWS, COLS = 480, 640
FRAME_BYTES = ROWS * COLS * 3


class Stream:
    """A deterministic stream of random bytes for one seed."""

    def __init__(self, seed: str) -> None:
        key = hashlib.sha256(seed.encode()).digest()
        self._enc = Cipher(algorithms.ChaCha20(key, b"\0" * 16), mode=None).encryptor()

    def read(self, n: int) -> bytes:
        return self._enc.update(bytes(n))


def random_file(path: Path, size: int, seed: str) -> Path:
    """A file of ``size`` deterministic random bytes (made once; reused when complete)."""
    params = {"kind": "random", "size": size, "seed": seed}
    if _complete(path, params):
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    stream = Stream(seed)
    with open(path, "wb") as f:
        left = size
        while left:
            n = min(CHUNK, left)
            f.write(stream.read(n))
            left -= n
    _mark(path, params)
    return path


@dataclass(frozen=True)
class ExamSpec:
    total_bytes: int
    clips: int
    min_clip: int = 1 * MB
    max_clip: int = 40 * MB
    small_files: int = 6
    seed: str = "exam"


def clip_sizes(spec: ExamSpec) -> list[int]:
    """Clip sizes, log-uniform between min and max (many small clips, a few long ones), scaled so
    that the clips add up to ``total_bytes`` and rounded to whole frames."""
    rng = random.Random(spec.seed)
    lo, hi = math.log(spec.min_clip), math.log(spec.max_clip)
    raw = [math.exp(rng.uniform(lo, hi)) for _ in range(spec.clips)]
    scale = spec.total_bytes / sum(raw)
    sizes = []
    for r in raw:
        size = min(max(r * scale, spec.min_clip), spec.max_clip)
        sizes.append(max(1, round(size / FRAME_BYTES)))
    return sizes  # frames per clip


def _uid(seed: str, *parts: object) -> str:
    return str(generate_uid(entropy_srcs=[seed, *map(str, parts)]))


def _patient(ds: Dataset, seed: str) -> None:
    """Identifying attributes a real cart writes (the privacy gate has something to find)."""
    rng = random.Random(seed + "patient")
    ds.PatientName = f"TESTPATIENT^{rng.choice(['ANNA', 'ERIK', 'MARIA', 'JONAS'])}"
    ds.PatientID = f"{rng.randrange(10**9):09d}"
    ds.PatientBirthDate = f"19{rng.randrange(40, 99)}0{rng.randrange(1, 9)}1{rng.randrange(0, 9)}"
    ds.PatientSex = rng.choice(["F", "M"])
    ds.StudyDate = ds.SeriesDate = ds.ContentDate = "20260315"
    ds.StudyTime = ds.SeriesTime = ds.ContentTime = "101500"
    ds.AccessionNumber = f"A{rng.randrange(10**7):07d}"
    ds.InstitutionName = "Benchmark University Hospital"
    ds.ReferringPhysicianName = "DOCTOR^REFERRING"
    ds.OperatorsName = "SONOGRAPHER^ONE"
    ds.Manufacturer = "BenchCart"
    ds.ManufacturerModelName = "EchoSim 1"
    ds.DeviceSerialNumber = "SN-0042"
    ds.StationName = "ECHO-LAB-3"
    ds.StudyInstanceUID = _uid(seed, "study")
    ds.SeriesInstanceUID = _uid(seed, "series")
    ds.StudyID = "1"
    ds.SeriesNumber = 1


def _save(ds: Dataset, sop_class: str, sop_uid: str, path: Path) -> None:
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = sop_class
    meta.MediaStorageSOPInstanceUID = sop_uid
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta = meta
    ds.SOPClassUID = sop_class
    ds.SOPInstanceUID = sop_uid
    ds.save_as(path, enforce_file_format=True)


def us_image(
    path: Path,
    seed: str,
    number: int,
    frames: int,
    rows: int = ROWS,
    cols: int = COLS,
    stream: Stream | None = None,
) -> None:
    """One ultrasound image (``frames`` > 1: a multi-frame clip) with random RGB pixels."""
    ds = Dataset()
    _patient(ds, seed)
    ds.Modality = "US"
    ds.InstanceNumber = number
    ds.Rows, ds.Columns = rows, cols
    ds.SamplesPerPixel = 3
    ds.PhotometricInterpretation = "RGB"
    ds.PlanarConfiguration = 0
    ds.BitsAllocated = ds.BitsStored = 8
    ds.HighBit = 7
    ds.PixelRepresentation = 0
    ds.ImageType = ["ORIGINAL", "PRIMARY", "", "0001"]
    if frames > 1:
        ds.NumberOfFrames = frames
        ds.FrameTime = 20.0
        ds.CineRate = 50
        ds.FrameIncrementPointer = (0x0018, 0x1063)
    ds.BurnedInAnnotation = "NO"
    stream = stream or Stream(f"{seed}/{number}")
    ds.PixelData = stream.read(rows * cols * 3 * frames)
    sop_class = US_MULTIFRAME if frames > 1 else US_IMAGE
    _save(ds, sop_class, _uid(seed, "sop", number), path)


def text_sr(path: Path, seed: str, number: int) -> None:
    ds = Dataset()
    _patient(ds, seed)
    ds.Modality = "SR"
    ds.InstanceNumber = number
    ds.ValueType = "CONTAINER"
    ds.ContinuityOfContent = "SEPARATE"
    ds.CompletionFlag = "COMPLETE"
    ds.VerificationFlag = "UNVERIFIED"
    item = Dataset()
    item.RelationshipType = "CONTAINS"
    item.ValueType = "TEXT"
    item.TextValue = "LVEF 58 %. No regional wall motion abnormality."
    ds.ContentSequence = [item]
    _save(ds, BASIC_TEXT_SR, _uid(seed, "sop", number), path)


def small_jpeg(path: Path, seed: str, size: int = 40_000) -> None:
    """A JPEG-looking file (markers and random entropy-coded bytes): a screen capture."""
    body = Stream(seed + path.name).read(size).replace(b"\xff", b"\xfe")
    path.write_bytes(
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + body + b"\xff\xd9"
    )


def small_pdf(path: Path) -> None:
    text = b"BT /F1 12 Tf 72 720 Td (Echocardiography report) Tj ET"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))


def exam(folder: Path, spec: ExamSpec) -> Path:
    """An exam folder: ``spec.clips`` US clips and ``spec.small_files`` small SR/JPEG/PDF files."""
    params = {"kind": "exam", **spec.__dict__}
    if _complete(folder, params):
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    _marker(folder).unlink(missing_ok=True)
    for i, frames in enumerate(clip_sizes(spec), 1):
        us_image(folder / f"US{i:04d}.dcm", spec.seed, i, frames)
    n = spec.clips
    for j in range(spec.small_files):
        n += 1
        kind = ("sr", "jpg", "pdf")[j % 3]
        if kind == "sr":
            text_sr(folder / f"SR{n:04d}.dcm", spec.seed, n)
        elif kind == "jpg":
            small_jpeg(folder / f"capture{n:04d}.jpg", spec.seed)
        else:
            small_pdf(folder / f"report{n:04d}.pdf")
    _mark(folder, params)
    return folder


def small_dicoms(folder: Path, count: int, seed: str = "small") -> Path:
    """``count`` small single-frame US images (32×32 RGB, about 5 kB each)."""
    params = {"kind": "small-dicom", "count": count, "seed": seed}
    if _complete(folder, params):
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    stream = Stream(seed)
    for i in range(1, count + 1):
        sub = folder / f"series{(i - 1) // 500 + 1:02d}"
        sub.mkdir(exist_ok=True)
        us_image(sub / f"IM{i:05d}.dcm", seed, i, 1, rows=32, cols=32, stream=stream)
    _mark(folder, params)
    return folder


def tree_bytes(folder: Path) -> tuple[int, int]:
    """(files, bytes) under ``folder``."""
    files = total = 0
    for dirpath, _dirs, names in os.walk(folder):
        for name in names:
            files += 1
            total += os.lstat(os.path.join(dirpath, name)).st_size
    return files, total


def _marker(path: Path) -> Path:
    """Beside the data set, never inside it (a client would upload it)."""
    return path.parent / f".{path.name}.complete"


def _complete(path: Path, params: dict[str, object]) -> bool:
    marker = _marker(path)
    try:
        return bool(json.loads(marker.read_text()) == params)
    except (OSError, ValueError):
        return False


def _mark(path: Path, params: dict[str, object]) -> None:
    _marker(path).write_text(json.dumps(params))
