"""Does this installation work? Checks the keyring backend, resources and the libraries that a
packaged build can lose (PyInstaller drops package metadata and modules it cannot see imported).

``run_self_check()`` returns the problems found, one sentence each; an empty list means fine. The
GUI's ``--smoke`` and ``echouploader self-check`` call it. A headless machine without a secret
service is not a problem: keyring then falls back to its ``fail`` backend, which is reported by
``describe()``, not flagged. What is flagged is what a broken build looks like: keyring unable to
discover or import the platform's backend, a missing library, a missing resource file.
"""

from __future__ import annotations

import importlib
import logging
import ssl
import sys
import time
import warnings
from importlib import metadata

from echouploader import __version__
from echouploader.core import resources

log = logging.getLogger("echouploader.selfcheck")

# keyring's entry-point name for the platform's own backend and the modules it needs to work.
_PLATFORM_KEYRING: dict[str, tuple[str, tuple[str, ...]]] = {
    "linux": (
        "SecretService",
        ("keyring.backends.SecretService", "secretstorage", "jeepney", "cryptography"),
    ),
    "win32": ("Windows", ("keyring.backends.Windows", "win32ctypes.pywin32.win32cred")),
    "darwin": ("macOS", ("keyring.backends.macOS", "keyring.backends.macOS.api")),
}
_ALWAYS_KEYRING_MODULES = ("keyring.backends.chainer", "keyring.backends.fail")

# Backends the program is willing to use; anything else is reported (not silently trusted).
ALLOWED_BACKENDS = frozenset(
    {
        "keyring.backends.SecretService.Keyring",
        "keyring.backends.libsecret.Keyring",
        "keyring.backends.kwallet.DBusKeyring",
        "keyring.backends.Windows.WinVaultKeyring",
        "keyring.backends.macOS.Keyring",
        "keyring.backends.chainer.ChainerBackend",
        "keyring.backends.fail.Keyring",
    }
)

# Libraries the transfer core needs, each with what it is for (said in the problem sentence).
_LIBRARIES = {
    "pydicom": "reading DICOM files",
    "ftputil": "FTPS transfers",
    "openpyxl": "reading report spreadsheets and writing download manifests",
    "cryptography": "certificate checks",
    "OpenSSL": "certificate checks",
    "platformdirs": "finding settings folders",
    "defusedxml": "importing FileZilla sites",
    "imagecodecs": "cleaning burned-in text from images",
    "PIL": "cleaning burned-in text from images",
    "pypdfium2": "cleaning PDF reports",
}


def _platform_key() -> str:
    return "linux" if sys.platform.startswith("linux") else sys.platform


def _import_problem(module: str, purpose: str) -> str | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. deprecation notes: not this check's business
            importlib.import_module(module)
    except Exception as exc:  # noqa: BLE001 - any failure to import is the finding
        log.warning("import failed", extra={"event": "selfcheck", "component": module})
        return f"The module {module} ({purpose}) cannot be loaded: {type(exc).__name__}: {exc}."
    return None


def keyring_backend_name() -> str:
    """The dotted class name of the keyring backend in use, or a sentence saying why none is."""
    try:
        import keyring

        backend = keyring.get_keyring()
    except Exception as exc:  # noqa: BLE001
        return f"unavailable ({type(exc).__name__}: {exc})"
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _keyring_problems() -> list[str]:
    platform_entry = _PLATFORM_KEYRING.get(_platform_key())
    modules = list(_ALWAYS_KEYRING_MODULES)
    problems: list[str] = []
    if platform_entry is not None:
        entry_name, platform_modules = platform_entry
        modules[:0] = platform_modules
        names = {ep.name for ep in metadata.entry_points(group="keyring.backends")}
        if entry_name not in names:
            problems.append(
                f"keyring cannot discover its {entry_name} backend (its package metadata is "
                "missing), so passwords could not be stored."
            )
    for module in modules:
        problem = _import_problem(module, "password storage")
        if problem:
            problems.append(problem)
    name = keyring_backend_name()
    if name.startswith("unavailable"):
        problems.append(f"The keyring backend could not be loaded: {name}.")
    elif name not in ALLOWED_BACKENDS:
        problems.append(f"The keyring backend {name} is not one the program trusts.")
    return problems


def _resource_problems() -> list[str]:
    base = resources.resources_dir()
    missing = [n for n in resources.REQUIRED_RESOURCES if not (base / n).is_file()]
    if missing:
        return [f"Resource files are missing from {base}: {', '.join(missing)}."]
    return []


def _library_problems() -> list[str]:
    problems = [p for m, why in _LIBRARIES.items() if (p := _import_problem(m, why))]
    if "pydicom" not in " ".join(problems):
        # The data dictionary is a data file inside pydicom: a build can drop it.
        from pydicom.datadict import keyword_for_tag

        if keyword_for_tag(0x00100010) != "PatientName":
            problems.append("pydicom's data dictionary is missing, so DICOM files cannot be read.")
    if not ssl.OPENSSL_VERSION:
        problems.append("The ssl module has no OpenSSL library.")
    if "imagecodecs" not in " ".join(problems) and "PIL" not in " ".join(problems):
        # The codecs are compiled modules loaded on first use: try each on a tiny frame.
        from echouploader.core.privacy.pixels.writers import codec_problems

        problems += codec_problems()
    return problems


def _privacy_data_problems() -> list[str]:
    """The PS3.15 action table and the ultrasound banner table are data files in the package."""
    problems = []
    try:
        from echouploader.core.privacy.deidentify.ps315 import TABLE_FILE, load_table

        load_table(TABLE_FILE)
    except (OSError, ValueError, KeyError) as exc:
        problems.append(f"The PS3.15 de-identification table cannot be loaded ({exc}).")
    try:
        from echouploader.core.privacy.pixels.table import TABLE_FILE as PIXELS
        from echouploader.core.privacy.pixels.table import package_rows

        if not package_rows(PIXELS):
            problems.append(f"The ultrasound banner table {PIXELS} has no rows.")
    except (OSError, ValueError, KeyError) as exc:
        problems.append(f"The ultrasound banner table cannot be loaded ({exc}).")
    return problems


OCR_PROBE_TEXT = "ECHO 2468"


def ocr_probe() -> tuple[str, str | None]:
    """Run the OCR engine once on a small rendered image: (what it read, problem or None)."""
    try:
        import numpy as np
        from PIL import Image, ImageDraw, ImageFont

        from echouploader.core.privacy.pixels.matching import fold
        from echouploader.core.privacy.pixels.ocr import OcrUnavailable, default_engine
    except Exception as exc:  # noqa: BLE001 - a missing module is the finding
        return "", f"The OCR engine cannot be loaded: {type(exc).__name__}: {exc}."
    image = Image.new("L", (240, 64), 0)
    ImageDraw.Draw(image).text((12, 16), OCR_PROBE_TEXT, fill=255, font=ImageFont.load_default(28))
    try:
        boxes = default_engine().read(np.array(image))
    except OcrUnavailable as exc:
        return "", f"{exc} ({exc.detail})"
    read = " ".join(b.text for b in boxes)
    if fold(read) != fold(OCR_PROBE_TEXT):
        return read, (
            f"The OCR engine ran but read {read!r} instead of {OCR_PROBE_TEXT!r}; burned-in "
            "names could go unread, so images would be blocked."
        )
    return read, None


def _ocr_problems() -> list[str]:
    _read, problem = ocr_probe()
    return [problem] if problem else []


def run_self_check() -> list[str]:
    """Every problem found, one sentence each; empty when the installation works."""
    problems = (
        _keyring_problems()
        + _resource_problems()
        + _library_problems()
        + _privacy_data_problems()
        + _ocr_problems()
    )
    for problem in problems:
        log.error("%s", problem, extra={"event": "selfcheck"})
    return problems


def describe() -> dict[str, str]:
    """Facts for support: version, build kind, keyring backend, Python and OpenSSL versions."""
    return {
        "version": __version__,
        "build": "frozen" if resources.is_frozen() else "source",
        "keyring backend": keyring_backend_name(),
        "python": sys.version.split()[0],
        "openssl": ssl.OPENSSL_VERSION,
        "resources": str(resources.resources_dir()),
        "ocr": _ocr_description(),
    }


def _ocr_description() -> str:
    started = time.perf_counter()
    read, problem = ocr_probe()
    if problem:
        return f"not working ({problem})"
    try:
        runtime = metadata.version("onnxruntime")
    except metadata.PackageNotFoundError:
        runtime = "unknown version"
    return (
        f"RapidOCR PP-OCRv4 on onnxruntime {runtime}: read {read!r} in "
        f"{time.perf_counter() - started:.1f} s"
    )
