"""Reading a DICOM file the one way the check and de-identification both read it.

Real files get things wrong that pydicom reads without complaint and then cannot convert: an
ACUSON cine carries a stray top-level ``(FFFE,E0DD)`` (a sequence delimiter outside any sequence),
which reads as an element of unknown VR and makes the first full pass over the data set raise
``NotImplementedError``. Item and delimiter tags (group ``FFFE``) are never data elements, so at
the top level they are dropped here, for the check and for de-identification alike; and every
value that is not deferred is converted once, so a file the check passes is one de-identification
can read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pydicom
from pydicom.dataelem import RawDataElement
from pydicom.dataset import Dataset

ITEM_GROUP = 0xFFFE


def read_dicom(path: Path, *, defer_size: int | None = None, force: bool = False) -> Dataset:
    """``dcmread``, then the repairs below; ``ds.stray_delimiters`` says how many were dropped."""
    ds = pydicom.dcmread(path, defer_size=defer_size, force=force)
    dropped = drop_stray_delimiters(ds)
    ds.stray_delimiters = dropped  # type: ignore[attr-defined]  # a plain attribute, not DICOM
    return ds


def drop_stray_delimiters(ds: Dataset) -> int:
    """Remove item / delimiter tags that stand at the top level of ``ds``; how many there were."""
    stray = [tag for tag in list(ds._dict) if tag >> 16 == ITEM_GROUP]
    for tag in stray:
        del ds._dict[tag]
    return len(stray)


def convert_values(ds: Dataset) -> None:
    """Convert every value that is not deferred, at every depth, as de-identification will.

    Raises what pydicom raises for a value it cannot convert (``NotImplementedError`` for an
    unknown VR, ``ValueError`` ...), so the check can report that file instead of passing it.
    """
    for tag, raw in list(ds._dict.items()):
        if isinstance(raw, RawDataElement) and raw.value is None:
            continue  # deferred (pixel data): read by de-identification as a whole
        elem: Any = ds[tag]
        if elem.VR == "SQ":
            for item in elem.value:
                convert_values(item)
