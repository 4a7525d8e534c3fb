"""What the sonographer reviews before an exam leaves: one frame per layout group, with its mask.

A layout group is every image file of the exam from the same machine at the same frame size
(XNAT's upload client groups the same way): one rectangle template, checked once, covers the
group. For each group this module gives the first frame of one file as RGB, the fixed mask of
that file (the machine's regions plus the table's rows) and the frame as it will leave. When the
sonographer widens the mask, :func:`with_site_row` puts the choice into the site's privacy
profile as a table row, so the next exam from that machine needs no review.

Frames are decoded into memory only; nothing of them is written anywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pydicom
from pydicom.dataset import Dataset
from pydicom.errors import InvalidDicomError

from echouploader.core.privacy.pixels import regions, table
from echouploader.core.privacy.pixels.mask import FrameMask, Rect


@dataclass(frozen=True)
class LayoutGroup:
    """Image files from one machine at one frame size."""

    manufacturer: str
    model: str
    rows: int
    columns: int
    files: tuple[Path, ...]

    @property
    def label(self) -> str:
        machine = " ".join(p for p in (self.manufacturer, self.model) if p) or "unknown machine"
        return f"{machine}, {self.columns}×{self.rows}"


@dataclass(frozen=True)
class FixedMask:
    """The mask the file gets before OCR, and the sources it came from."""

    mask: FrameMask
    methods: tuple[str, ...]
    problems: tuple[str, ...] = ()
    table_rects: tuple[Rect, ...] = ()  # the table's part, which a reviewed row keeps
    reviewed: bool = False  # a row the site (or IT) saved for this machine and size matched


def _header(path: Path) -> Dataset | None:
    try:
        return pydicom.dcmread(path, stop_before_pixels=True, force=True)
    except (InvalidDicomError, EOFError, OSError, ValueError, AttributeError):
        return None


def layout_groups(paths: Iterable[Path]) -> list[LayoutGroup]:
    """The image files among ``paths`` grouped by machine and frame size, largest group first."""
    groups: dict[tuple[str, str, int, int], list[Path]] = {}
    for path in paths:
        ds = _header(Path(path))
        if ds is None or "Rows" not in ds or "Columns" not in ds:
            continue
        try:
            rows, columns = int(ds.Rows), int(ds.Columns)
        except (TypeError, ValueError):
            continue
        key = (
            str(ds.get("Manufacturer", "") or "").strip(),
            str(ds.get("ManufacturerModelName", "") or "").strip(),
            rows,
            columns,
        )
        groups.setdefault(key, []).append(Path(path))
    out = [LayoutGroup(*key, files=tuple(sorted(files))) for key, files in groups.items()]
    return sorted(out, key=lambda g: (-len(g.files), g.label))


def fixed_mask(ds: Any, extra_rows: Sequence[table.TableRow] = ()) -> FixedMask:
    """The regions mask and the table's rectangles of ``ds``, added together."""
    rows, columns = int(ds.Rows), int(ds.Columns)
    mask = FrameMask.build(rows, columns)
    methods: list[str] = []
    result = regions.regions_result(ds)
    if result.mask is not None:
        mask = mask.union(result.mask)
        methods.append("ultrasound regions")
    found = table.table_mask(ds, extra_rows)
    table_rects: tuple[Rect, ...] = ()
    reviewed = False
    if found is not None:
        mask = mask.union(found[0])
        table_rects = found[0].rects
        reviewed = found[1].origin != "package"
        methods.append(f"table row: {found[1].machine} ({found[1].origin})")
    return FixedMask(mask, tuple(methods), result.problems, table_rects, reviewed)


def _to_rgb(frame: np.ndarray, ds: Dataset) -> np.ndarray:
    photometric = str(ds.get("PhotometricInterpretation", "MONOCHROME2"))
    if photometric == "PALETTE COLOR":
        from pydicom.pixels import apply_color_lut

        frame = apply_color_lut(frame, ds)
    if frame.ndim == 2:
        data = frame.astype(np.float64)
        low, high = float(data.min()), float(data.max())
        scaled = (data - low) * (255.0 / (high - low)) if high > low else np.zeros_like(data)
        if photometric == "MONOCHROME1":
            scaled = 255.0 - scaled
        grey = scaled.astype(np.uint8)
        return np.stack([grey, grey, grey], axis=-1)
    if frame.dtype != np.uint8:
        bits = int(ds.get("BitsStored", 16) or 16) if photometric != "PALETTE COLOR" else 16
        frame = (frame >> max(0, bits - 8)).astype(np.uint8)
    return np.ascontiguousarray(frame[..., :3])


def first_frame(path: Path) -> tuple[np.ndarray, Dataset]:
    """The first frame of ``path`` as an RGB ``rows × columns × 3`` array, and its header.

    Raises ``ValueError`` with a sentence when the frame cannot be decoded here.
    """
    from pydicom.pixels import pixel_array

    ds = _header(path)
    if ds is None:
        raise ValueError(f"{path.name} is not a readable DICOM file.")
    try:
        frame = pixel_array(path, index=0)  # YBR is converted to RGB by pydicom
    except Exception as exc:  # noqa: BLE001 - a decoder plugin missing or a broken stream
        raise ValueError(f"The first frame of {path.name} cannot be shown ({exc}).") from None
    return _to_rgb(frame, ds), ds


def blanked(frame: np.ndarray, mask: FrameMask, index: int = 0) -> np.ndarray:
    """``frame`` as it leaves: black wherever the mask covers it."""
    out = frame.copy()
    out[mask.as_array(index)] = 0
    return out


def with_site_row(privacy_profile: Mapping[str, Any], row: Mapping[str, Any]) -> dict[str, Any]:
    """The site's privacy profile with ``row`` as its table row for that machine and size.

    A row the site saved before for the same machine and frame size is replaced.
    """
    profile = dict(privacy_profile)
    same = ("manufacturer", "model", "rows", "columns", "implementation_version")
    kept = [
        r
        for r in profile.get("pixel_rects", []) or []
        if not (isinstance(r, Mapping) and all(r.get(k) == row.get(k) for k in same))
    ]
    profile["pixel_rects"] = [*kept, dict(row)]
    return profile


def reviewed_row(ds: Any, fixed: FixedMask, added: Iterable[Rect]) -> dict[str, Any]:
    """The row to save: the table's rectangles plus the ones the sonographer drew.

    The regions' part is not saved: the machine declares its regions anew in every file (they
    move with depth and mode), so the next file's regions still apply on their own.
    """
    rects = [*fixed.table_rects, *added]
    return table.site_row(ds, rects, source="reviewed at the site")
