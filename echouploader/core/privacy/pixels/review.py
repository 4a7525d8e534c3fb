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

from echouploader.core.i18n import _
from echouploader.core.privacy.pixels import clean, regions, streaming, table, writers
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
        methods.append(
            _("table row: {machine} ({origin})").format(
                machine=found[1].machine, origin=found[1].origin
            )
        )
    return FixedMask(mask, tuple(methods), result.problems, table_rects, reviewed)


def first_frame(path: Path) -> tuple[np.ndarray, Dataset]:
    """The first frame of ``path`` as displayed, RGB ``rows × columns × 3``, and its header.

    Decoded by the writers' reader, so the preview shows what the cleaning reads. Raises
    ``ValueError`` with a sentence when the frame cannot be decoded.
    """
    try:
        if streaming.streamable(path):  # only the first frame is read, never the whole clip
            ds = pydicom.dcmread(path, force=True, stop_before_pixels=True)
            frame = streaming.pick_file_frames(path, {0})[0]
        else:
            ds = pydicom.dcmread(path, force=True)
            frame = next(iter(writers.iter_frames(ds)))
    except (StopIteration, KeyError):
        raise ValueError(_("{name} has no frame to show.").format(name=path.name)) from None
    except (InvalidDicomError, EOFError, OSError, AttributeError) as exc:
        raise ValueError(
            _("{name} cannot be read ({kind}).").format(name=path.name, kind=type(exc).__name__)
        ) from None
    except (writers.PixelCleaningError, ValueError, RuntimeError) as exc:
        raise ValueError(
            _("The first frame of {name} cannot be shown: {exc}").format(name=path.name, exc=exc)
        ) from None
    for keyword in ("PixelData", "FloatPixelData", "DoubleFloatPixelData"):
        if keyword in ds:
            delattr(ds, keyword)  # the header is what the caller keeps
    if frame.ndim == 2:
        frame = np.stack([frame, frame, frame], axis=-1)
    return np.ascontiguousarray(frame[..., :3], dtype=np.uint8), ds


def blanked(frame: np.ndarray, mask: FrameMask, index: int = 0) -> np.ndarray:
    """``frame`` as it leaves: black wherever the mask covers it (as the writers blank it)."""
    return clean.apply_mask(frame, mask, index)


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
