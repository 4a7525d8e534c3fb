"""``--demo``: an FTPS server on this computer and a synthetic exam, to learn the program safely.

The server listens on 127.0.0.1 only, speaks implicit TLS with a self-signed certificate made on
first run, and stores what it receives under the data dir. It keeps its certificate and its port
across runs (both in the data dir), so it behaves like a real site: "trust once" holds, and an
upload cut off by Quit is found again by the next run. Its password is a fixed, well-known demo
password (it protects nothing: the server is reachable from this computer only and holds only the
synthetic exam). The demo exam's DICOM files carry an obviously fake patient name so that the
privacy check has something to find and de-identification something to remove.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from echouploader.core import paths
from echouploader.core.ftps.server import FTPSServer, ServerOptions, make_self_signed
from echouploader.core.ftps.target import Endpoint
from echouploader.core.support.redaction import keep_readable

log = logging.getLogger("echouploader.demo")

DEMO_SITE = "Demo core lab"
DEMO_USER = "demo"
DEMO_PASSWORD = "demo-echo-2024"  # well known on purpose: the demo server is local only
DEMO_SUBJECT = "1042"
DEMO_ECHO = "1"
FAKE_PATIENT_NAME = "DEMO^FAKE PATIENT"
FAKE_PATIENT_ID = "DEMO-000042"

US_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.6.1"
US_MULTIFRAME_STORAGE = "1.2.840.10008.5.1.4.1.1.3.1"


def demo_dir() -> Path:
    return paths.data_dir() / "demo"


class DemoServer:
    """The embedded demo server; ``start()`` / ``stop()`` or a context manager."""

    def __init__(self, base: Path | None = None, port: int = 0) -> None:
        self.base = base or demo_dir()
        self.root = self.base / "server-storage"
        self.cert = self.base / "demo-server.crt"
        self.key = self.base / "demo-server.key"
        self.port_file = self.base / "demo-server.port"
        self._port = port  # 0: the port of the last run (kept in the data dir), else a free one
        self._server: FTPSServer | None = None

    def start(self) -> DemoServer:
        keep_readable([DEMO_SITE, DEMO_USER])  # the fake patient "DEMO^…" is not the site
        self.base.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not (self.cert.exists() and self.key.exists()):
            fp = make_self_signed(self.cert, self.key, common_name="EchoUploader demo core lab")
            log.info("made the demo server certificate %s", fp, extra={"event": "demo"})
        remembered = self._remembered_port() if self._port == 0 else 0
        try:
            self._server = self._serve(remembered or self._port)
        except OSError:  # the remembered port is taken now: take another, and remember it
            self._server = self._serve(self._port)
        if self._port == 0:
            self.port_file.write_text(f"{self.port}\n", encoding="ascii")
        log.info("demo server on 127.0.0.1:%s", self.port, extra={"event": "demo"})
        return self

    def _serve(self, port: int) -> FTPSServer:
        return FTPSServer(
            self.root,
            DEMO_USER,
            DEMO_PASSWORD,
            cert_path=self.cert,
            key_path=self.key,
            host="127.0.0.1",
            port=port,
            options=ServerOptions(implicit=True),
        ).start()

    def _remembered_port(self) -> int:
        """The port of the last run, so the demo site, its queue and its trust stay valid."""
        try:
            port = int(self.port_file.read_text(encoding="ascii").strip())
        except (OSError, ValueError):
            return 0
        return port if 1024 <= port <= 65535 else 0

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the demo server is not running")
        return self._server.port

    @property
    def running(self) -> bool:
        return self._server is not None

    def endpoint(self) -> Endpoint:
        return Endpoint("127.0.0.1", self.port, DEMO_USER, implicit=True, site=DEMO_SITE)

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def make_demo_exam(parent: Path | None = None, *, frames: int = 4) -> Path:
    """Create (or re-create) the demo exam folder ``<parent>/1042_1`` and return it.

    Three synthetic ultrasound DICOM files (one multi-frame clip, two still images) with the fake
    patient name and ID in their headers, plus a stray ``Thumbs.db`` like real exports carry.
    """
    parent = parent or demo_dir() / "exams"
    folder = parent / f"{DEMO_SUBJECT}_{DEMO_ECHO}"
    folder.mkdir(parents=True, exist_ok=True)
    study_uid, series_uid = _uid(), _uid()
    for i in range(3):
        path = folder / f"IM{i + 1:05d}.dcm"
        if not path.exists():
            _write_dicom(path, study_uid, series_uid, i + 1, frames if i == 0 else 1)
    (folder / "Thumbs.db").write_bytes(b"\0" * 64)
    return folder


def _uid() -> str:
    from pydicom.uid import generate_uid

    return str(generate_uid())


def _write_dicom(path: Path, study_uid: str, series_uid: str, number: int, frames: int) -> None:
    """A small, valid ultrasound DICOM file (RGB, 64x48) with identifying header fields."""
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.uid import UID, ExplicitVRLittleEndian, generate_uid

    sop_class = UID(US_MULTIFRAME_STORAGE if frames > 1 else US_IMAGE_STORAGE)
    sop_uid = generate_uid()
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = sop_class
    meta.MediaStorageSOPInstanceUID = sop_uid
    meta.TransferSyntaxUID = ExplicitVRLittleEndian

    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID = sop_class
    ds.SOPInstanceUID = sop_uid
    ds.StudyInstanceUID = study_uid
    ds.SeriesInstanceUID = series_uid
    ds.Modality = "US"
    ds.PatientName = FAKE_PATIENT_NAME
    ds.PatientID = FAKE_PATIENT_ID
    ds.PatientBirthDate = "19900101"
    ds.PatientSex = "F"
    ds.InstitutionName = "Demo Hospital"
    ds.ReferringPhysicianName = "DEMO^DOCTOR"
    ds.StudyDescription = "Fetal echo"
    today = dt.date.today().strftime("%Y%m%d")
    ds.StudyDate = ds.SeriesDate = ds.ContentDate = today
    ds.StudyTime = ds.SeriesTime = ds.ContentTime = "101500"
    ds.AccessionNumber = "DEMO42"
    ds.StudyID = "1"
    ds.SeriesNumber = 1
    ds.InstanceNumber = number
    ds.Manufacturer = "EchoUploader demo"
    rows, cols = 48, 64
    ds.Rows, ds.Columns = rows, cols
    ds.SamplesPerPixel = 3
    ds.PhotometricInterpretation = "RGB"
    ds.PlanarConfiguration = 0
    ds.BitsAllocated = ds.BitsStored = 8
    ds.HighBit = 7
    ds.PixelRepresentation = 0
    if frames > 1:
        ds.NumberOfFrames = frames
        ds.FrameTime = 33.3
    pixels = bytearray()
    for f in range(frames):
        for y in range(rows):
            for x in range(cols):
                v = (x * 4 + y * 2 + f * 16) % 256
                pixels += bytes((v, v // 2, 255 - v))
    ds.PixelData = bytes(pixels)
    ds.save_as(path, enforce_file_format=True)
