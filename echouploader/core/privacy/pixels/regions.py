"""The machine's own ultrasound regions, and the mask that blanks everything outside them.

``SequenceOfUltrasoundRegions`` (0018,6011) lists the rectangles the machine drew its images,
strips and traces in: a 2D sector, a Doppler spectrum, an M-mode strip, an ECG trace. Everything
else in the frame (the banner with the patient's name, the side panels) is not image, so it is
blanked. Every declared region is kept, whatever its data type, so an ECG or Doppler strip stays.
Text the operator typed inside a region is left to OCR.

Region corners are inclusive (``RegionLocationMaxX1`` is the last column of the region). Real
files often declare a corner one pixel past the frame (a Mindray DC-30 says ``MaxY1 = Rows``); such
a region is cut to the frame. A region with no area, or that lies wholly outside the frame, is not
plausible: it is left out with a reason, and a file without a plausible region gets no mask from
here (the table and OCR still apply).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from echouploader.core.i18n import _
from echouploader.core.privacy.pixels.mask import FrameMask, Rect, clip

# PS3.3 C.8.5.5.1.1 and C.8.5.5.1.2: what a region holds.
SPATIAL_FORMATS = {
    0: "none",
    1: "2D",
    2: "M-mode",
    3: "spectral",
    4: "waveform",
    5: "graphics",
}
DATA_TYPES = {
    1: "tissue",
    2: "colour flow",
    3: "PW Doppler",
    4: "CW Doppler",
    5: "Doppler mean trace",
    6: "Doppler mode trace",
    7: "Doppler max trace",
    8: "volume trace",
    9: "ECG trace",
    10: "pulse trace",
    11: "phonocardiogram trace",
    12: "grey bar",
    13: "colour bar",
    14: "integrated backscatter",
    15: "area trace",
    16: "d(area)/dt",
    17: "other physiological input",
}


@dataclass(frozen=True)
class Region:
    """One declared region: inclusive corners, as the file gives them."""

    min_x: int
    min_y: int
    max_x: int
    max_y: int
    spatial_format: int | None = None
    data_type: int | None = None

    @property
    def rect(self) -> Rect:
        """The region as (x, y, width, height); the max corner is inclusive."""
        return (self.min_x, self.min_y, self.max_x - self.min_x + 1, self.max_y - self.min_y + 1)

    @property
    def kind(self) -> str:
        fmt = SPATIAL_FORMATS.get(self.spatial_format or 0, f"format {self.spatial_format}")
        data = DATA_TYPES.get(self.data_type or 0, f"data type {self.data_type}")
        return f"{fmt} {data}"


@dataclass(frozen=True)
class RegionsResult:
    """The mask from the regions (None when there is none) and why a region was left out."""

    mask: FrameMask | None
    kept: tuple[Rect, ...] = ()
    problems: tuple[str, ...] = ()


def _int(item: Any, keyword: str) -> int | None:
    value = item.get(keyword)
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def declared_regions(ds: Any) -> list[Region]:
    """The regions of ``SequenceOfUltrasoundRegions`` that have all four corners."""
    out: list[Region] = []
    for item in ds.get("SequenceOfUltrasoundRegions", None) or []:
        corners = [
            _int(item, k)
            for k in (
                "RegionLocationMinX0",
                "RegionLocationMinY0",
                "RegionLocationMaxX1",
                "RegionLocationMaxY1",
            )
        ]
        if any(c is None for c in corners):
            continue
        x0, y0, x1, y1 = (int(c) for c in corners if c is not None)
        out.append(
            Region(
                x0,
                y0,
                x1,
                y1,
                _int(item, "RegionSpatialFormat"),
                _int(item, "RegionDataType"),
            )
        )
    return out


def _frame_size(ds: Any) -> tuple[int, int] | None:
    rows, columns = _int(ds, "Rows"), _int(ds, "Columns")
    if not rows or not columns:
        return None
    return rows, columns


def complement(kept: list[Rect], rows: int, columns: int) -> list[Rect]:
    """Rectangles covering every pixel of the frame outside the union of ``kept``."""
    xs = sorted({0, columns, *(x for x, _, _, _ in kept), *(x + w for x, _, w, _ in kept)})
    ys = sorted({0, rows, *(y for _, y, _, _ in kept), *(y + h for _, y, _, h in kept)})

    def covered(cx: int, cy: int) -> bool:
        return any(x <= cx < x + w and y <= cy < y + h for x, y, w, h in kept)

    bands: list[tuple[int, int, list[tuple[int, int]]]] = []  # (y0, y1, [(x0, x1)])
    for y0, y1 in zip(ys, ys[1:], strict=False):
        runs: list[tuple[int, int]] = []
        for x0, x1 in zip(xs, xs[1:], strict=False):
            if covered(x0, y0):
                continue
            if runs and runs[-1][1] == x0:
                runs[-1] = (runs[-1][0], x1)
            else:
                runs.append((x0, x1))
        if bands and bands[-1][1] == y0 and bands[-1][2] == runs:
            bands[-1] = (bands[-1][0], y1, runs)
        else:
            bands.append((y0, y1, runs))
    return [(x0, y0, x1 - x0, y1 - y0) for y0, y1, runs in bands for x0, x1 in runs]


def regions_result(ds: Any) -> RegionsResult:
    """The outside-the-regions mask of ``ds`` with the regions kept and the ones left out."""
    regions = declared_regions(ds)
    if not regions:
        return RegionsResult(None)
    size = _frame_size(ds)
    if size is None:
        return RegionsResult(None, problems=(_("the file does not say its frame size"),))
    rows, columns = size
    kept: list[Rect] = []
    problems: list[str] = []
    for number, region in enumerate(regions, start=1):
        x, y, w, h = region.rect
        if w <= 0 or h <= 0:
            problems.append(
                _("ultrasound region {number} ({kind}) has no area").format(
                    number=number, kind=region.kind
                )
            )
            continue
        inside = clip(region.rect, rows, columns)
        if inside is None:
            problems.append(
                _(
                    "ultrasound region {number} ({kind}) lies outside the {columns}×{rows} frame"
                ).format(number=number, kind=region.kind, columns=columns, rows=rows)
            )
            continue
        kept.append(inside)
    if not kept:
        return RegionsResult(None, problems=tuple(problems))
    mask = FrameMask.build(rows, columns, complement(kept, rows, columns))
    return RegionsResult(mask, tuple(sorted(set(kept))), tuple(problems))


def outside_regions_mask(ds: Any) -> FrameMask | None:
    """Blank everything outside the declared regions; None when the file declares none usable.

    ``regions_problem(ds)`` says why a declared region was not used.
    """
    return regions_result(ds).mask


def regions_problem(ds: Any) -> str | None:
    """One sentence on the regions the file declares but that cannot be used, or None."""
    problems = regions_result(ds).problems
    if not problems:
        return None
    return _("Ultrasound regions not used: ") + "; ".join(problems) + "."
