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
    "cryptography": "certificate checks",
    "OpenSSL": "certificate checks",
    "platformdirs": "finding settings folders",
    "defusedxml": "importing FileZilla sites",
    "pypdfium2": "cleaning PDF reports",
    "PIL": "cleaning report photos",
    "rapidocr_onnxruntime": "reading text in reports",
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
    if "rapidocr" not in " ".join(problems):
        # The OCR models are data files inside the package: a build can drop them.
        from echouploader.core.privacy.reports.ocr import ocr_models_present

        if not ocr_models_present():
            problems.append(
                "The text recognition models are missing, so reports cannot be cleaned."
            )
    if not ssl.OPENSSL_VERSION:
        problems.append("The ssl module has no OpenSSL library.")
    return problems


def run_self_check() -> list[str]:
    """Every problem found, one sentence each; empty when the installation works."""
    problems = _keyring_problems() + _resource_problems() + _library_problems()
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
    }
