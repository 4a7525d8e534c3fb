"""Per file: find the burned-in text, decide, clean through the writers, and verify with OCR.

The mask of a file is the union of three sources: everything outside the machine's declared
ultrasound regions, the rectangles of the machine's table row, and every OCR text box whose text
matches one of the file's identifying values (anywhere in the frame, the imaging area included).
OCR never decides alone that a file is clean of text it did not read: the fixed sources blank
the banner whether or not OCR read it. After cleaning, the cleaned frames are read again; a
frame that still shows an identifying value blocks the file (and so the exam).

Which frames are read, and why that is enough: OCR runs once per layout group of the exam (see
:class:`LayoutGroups`, and ``docs/privacy.md``). The first frame of a group is read whole; in
every file, the overlay (bright pixels that stand still between the first, middle and last
frame) that differs from what was read already in the group is read in the area around it.
Verification reads the same frames and areas of the cleaned data, and the last frame of the
group's first file. Plain video clips are read alone (:func:`choose_frames`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from echouploader.core.errors import PrivacyBlocked
from echouploader.core.i18n import _
from echouploader.core.privacy.pixels import regions, streaming, table, writers
from echouploader.core.privacy.pixels.mask import FrameMask, Rect, clip
from echouploader.core.privacy.pixels.matching import IdentifyingValues, Match, fold, masked
from echouploader.core.privacy.pixels.ocr import OcrEngine, OcrUnavailable, TextBox, default_engine

log = logging.getLogger("echouploader.privacy")

CLEAN = "clean"
NONE = "none"
BLOCK = "block"
HIT_PADDING = 3  # pixels around a matching text box, for the strokes the box cuts
# Text is drawn bright. A text area "changed" when a tenth of the bright strokes of the first
# frame are no longer bright (the speckle of the image moving around them does not do that).
STROKE_LEVEL = 180
CHANGED_SHARE = 0.1

FramesFn = Callable[[], Iterator[np.ndarray]]


class PixelsBlocked(PrivacyBlocked):
    """A file's frames cannot be proven clean: the sentence names the file and the frame."""


@dataclass
class PixelPlan:
    """What the check found for one file's frames, and what de-identification will do."""

    action: str  # clean | none | block
    mask: FrameMask | None = None
    sources: list[str] = field(default_factory=list)  # "regions", "table row: …", "OCR"
    frames: int = 0
    frames_read: list[int] = field(default_factory=list)
    boxes: int = 0  # text lines OCR read outside the fixed mask
    hits: list[dict[str, Any]] = field(default_factory=list)  # {"frame", "rect", "kind"}
    seconds: float = 0.0
    reason: str = ""  # the sentence, when blocked or left as it is
    problems: list[str] = field(default_factory=list)
    verified: bool = False  # set once the cleaned frames were read and showed nothing
    # What verification reads of the cleaned frames: (frame, area or None for the whole frame).
    verify_reads: list[tuple[int, Rect | None]] = field(default_factory=list)
    areas_read: int = 0  # areas of frames read by OCR besides whole frames

    def verification(self) -> list[tuple[int, Rect | None]]:
        """The frames (and areas of frames) that are read again once cleaned."""
        return self.verify_reads or [(i, None) for i in self.frames_read]

    @property
    def method(self) -> str:
        if self.action != CLEAN:
            return ""
        return " + ".join(s.split(":")[0] for s in self.sources)

    def regions(self) -> list[list[int]]:
        if self.mask is None:
            return []
        return [list(r) for r in self.mask.rects]

    def to_json(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "method": self.method,
            "sources": list(self.sources),
            "regions": self.regions(),
            "reason": self.reason,
            "ocr": {
                "frames": self.frames,
                "frames_read": list(self.frames_read),
                "areas_read": self.areas_read,
                "frames_verified": sorted({i for i, _ in self.verification()}),
                "text_lines": self.boxes,
                "identifying": [
                    {"frame": h["frame"], "rect": h["rect"], "kind": h["kind"]} for h in self.hits
                ],
                "seconds": round(self.seconds, 2),
            },
        }


def sample_indices(count: int) -> list[int]:
    """First, middle and last frame."""
    if count <= 0:
        return []
    return sorted({0, count // 2, count - 1})


def apply_mask(frame: np.ndarray, mask: FrameMask | None, index: int = 0) -> np.ndarray:
    """A copy of ``frame`` with the mask blanked to black (what the writers will produce)."""
    if mask is None or mask.empty:
        return frame
    out = frame.copy()
    for x, y, w, h in mask.rects_for(index):
        out[y : y + h, x : x + w] = 0
    return out


def _pad(rect: Rect, rows: int, columns: int) -> Rect:
    x, y, w, h = rect
    x0, y0 = max(0, x - HIT_PADDING), max(0, y - HIT_PADDING)
    x1, y1 = min(columns, x + w + HIT_PADDING), min(rows, y + h + HIT_PADDING)
    return (x0, y0, x1 - x0, y1 - y0)


def _grey(frame: np.ndarray) -> np.ndarray:
    return frame if frame.ndim == 2 else frame.max(axis=2)


def _strokes(grey: np.ndarray, rect: Rect) -> np.ndarray:
    x, y, w, h = rect
    return np.asarray(grey[y : y + h, x : x + w] >= STROKE_LEVEL)


def _changed(strokes: np.ndarray, grey: np.ndarray, rect: Rect) -> bool:
    total = int(strokes.sum())
    if total == 0:
        return False
    lost = strokes & ~_strokes(grey, rect)
    return int(lost.sum()) > CHANGED_SHARE * total


def merge_rects(rects: Iterable[Rect]) -> list[Rect]:
    """Overlapping rectangles joined into their bounding rectangle, until none overlap."""
    out: list[Rect] = []
    for rect in sorted(rects):
        x, y, w, h = rect
        merged = True
        while merged:
            merged = False
            for i, (ox, oy, ow, oh) in enumerate(out):
                if ox <= x + w and x <= ox + ow and oy <= y + h and y <= oy + oh:
                    x0, y0 = min(x, ox), min(y, oy)
                    x1, y1 = max(x + w, ox + ow), max(y + h, oy + oh)
                    x, y, w, h = x0, y0, x1 - x0, y1 - y0
                    del out[i]
                    merged = True
                    break
        out.append((x, y, w, h))
    return sorted(out)


def _same_text(box: TextBox, others: Sequence[TextBox]) -> bool:
    x, y, w, h = box.rect
    for o in others:
        ox, oy, ow, oh = o.rect
        overlaps = ox < x + w and x < ox + ow and oy < y + h and y < oy + oh
        if overlaps and fold(o.text) == fold(box.text):
            return True
    return False


class _Reader:
    """OCR of chosen frames of one file, with the fixed mask applied first."""

    def __init__(
        self, engine: OcrEngine, values: IdentifyingValues, mask: FrameMask | None
    ) -> None:
        self.engine = engine
        self.values = values
        self.mask = mask
        self.seconds = 0.0

    def read(
        self, frame: np.ndarray, index: int
    ) -> tuple[list[TextBox], list[tuple[TextBox, Match]]]:
        started = time.perf_counter()
        boxes = self.engine.read(apply_mask(frame, self.mask, index))
        self.seconds += time.perf_counter() - started
        hits = []
        for box in boxes:
            found = self.values.find(box.text)
            if found is not None:
                hits.append((box, found))
        return boxes, hits


def choose_frames(
    frames: FramesFn, count: int, reader: _Reader
) -> tuple[list[int], dict[int, tuple[list[TextBox], list[tuple[TextBox, Match]]]]]:
    """Read the first, middle and last frame, then every frame whose static text changed.

    Returns the frames read and what was read in each. Frames are decoded one at a time (a
    second pass only when some frame changed): memory holds at most four frames.
    """
    sample = sample_indices(count)
    read: dict[int, tuple[list[TextBox], list[tuple[TextBox, Match]]]] = {}
    first_boxes: list[TextBox] = []
    first_strokes: list[np.ndarray] = []
    differs: dict[int, list[int]] = {}  # frame -> indices of first-frame boxes that changed
    for index, frame in enumerate(frames()):
        if index == 0:
            read[0] = reader.read(frame, 0)
            first_boxes = read[0][0]
            first = _grey(apply_mask(frame, reader.mask, 0))
            first_strokes = [_strokes(first, b.rect) for b in first_boxes]
            continue
        if index in sample:
            read[index] = reader.read(frame, index)
        if first_boxes:
            grey = _grey(apply_mask(frame, reader.mask, index))
            moved = [
                i for i, b in enumerate(first_boxes) if _changed(first_strokes[i], grey, b.rect)
            ]
            if moved:
                differs[index] = moved
    # Text areas whose text read the same in the middle and last frame are static: a frame
    # where one of them changed shows other text there.
    later = [read[i][0] for i in sample if i != 0 and i in read]
    static = {
        i for i, box in enumerate(first_boxes) if all(_same_text(box, other) for other in later)
    }
    extra = sorted(i for i, moved in differs.items() if static & set(moved) and i not in read)
    if extra:
        wanted = set(extra)
        for index, frame in enumerate(frames()):
            if index in wanted:
                read[index] = reader.read(frame, index)
    return sorted(read), read


def plan_frames(
    frames: FramesFn,
    count: int,
    rows: int,
    columns: int,
    values: IdentifyingValues,
    fixed: FrameMask | None,
    sources: list[str],
    engine: OcrEngine,
) -> PixelPlan:
    """The plan for one file, given its frames, its fixed mask and its identifying values."""
    plan = PixelPlan(action=NONE, frames=count, sources=list(sources))
    reader = _Reader(engine, values, fixed)
    frames_read, read = choose_frames(frames, count, reader)
    plan.frames_read = frames_read
    plan.seconds = reader.seconds
    hit_rects: list[Rect] = []
    for index in frames_read:
        boxes, hits = read[index]
        plan.boxes += len(boxes)
        for box, match in hits:
            rect = _pad(box.rect, rows, columns)
            hit_rects.append(rect)
            plan.hits.append({"frame": index, "rect": list(rect), "kind": match.kind})
    return _with_mask(plan, fixed, rows, columns, hit_rects)


def _with_mask(
    plan: PixelPlan, fixed: FrameMask | None, rows: int, columns: int, hits: Sequence[Rect]
) -> PixelPlan:
    """``plan`` finished: the fixed mask plus what OCR found, or nothing to clean."""
    mask = fixed if fixed is not None else FrameMask.build(rows, columns)
    if hits:
        mask = mask.union(FrameMask.build(rows, columns, merge_rects(hits)))
        plan.sources.append("OCR")
    if mask.empty:
        plan.reason = _(
            "no text matching the patient was read and the machine declares no fixed text area"
        )
        plan.verified = True  # the frames read are the frames sent, unchanged
        return plan
    plan.action = CLEAN
    plan.mask = mask
    return plan


# --- layout groups ---------------------------------------------------------------------------
#
# The clips of one machine, frame size and fixed mask (a layout group) carry the same overlay:
# the machine draws its banner, labels and scales in the same places with the same text. OCR
# reads the first frame of the group's first file whole. In every file (the first too), the
# overlay is what stands still: the bright pixels that keep their value between the middle
# frame and the first or the last (the image moves between them, text does not). Overlay in
# cells of the frame already read with the same pixels needs no reading; overlay that is new
# (an annotation typed on one clip, a banner that says something else) is read by OCR in the
# areas around it. Verification reads the same frames and areas of the cleaned file, and the
# last frame of the group's first file whole.

CELL = 16  # pixels a side of the cells overlay is compared in
STATIC_TOLERANCE = 16  # per sample, between two frames of a clip, for a pixel to stand still
OVERLAY_LEVEL = 160  # overlay is drawn bright
CELL_PIXELS = 10  # standing bright pixels that make a cell hold overlay
SAME_SHARE = 0.9  # of a cell's overlay pixels that must match what was read before
CROP_PADDING = 16  # pixels around new overlay read with it (a line is read whole)
WHOLE_SHARE = 0.4  # new overlay over more of the frame than this: the frame is read whole

PickFn = Callable[[set[int]], dict[int, np.ndarray]]
Read = tuple[int, Rect | None]


@dataclass
class _Group:
    reference: np.ndarray  # grey frame (fixed mask applied): what OCR saw where ``known``
    known: np.ndarray  # cells whose pixels in ``reference`` were read by OCR
    hits: list[Rect] = field(default_factory=list)  # identifying text found in the group


def _cells(flags: np.ndarray) -> np.ndarray:
    """Per CELL×CELL cell, how many of ``flags`` are set."""
    rows, columns = flags.shape
    ch, cw = -(-rows // CELL), -(-columns // CELL)
    padded = np.zeros((ch * CELL, cw * CELL), dtype=np.int32)
    padded[:rows, :columns] = flags
    return np.asarray(padded.reshape(ch, CELL, cw, CELL).sum(axis=(1, 3)))


def _still(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    close = np.abs(a.astype(np.int16) - b.astype(np.int16)) <= STATIC_TOLERANCE
    return np.asarray(close.all(axis=2) if close.ndim == 3 else close)


def overlay_pixels(frames: Sequence[np.ndarray]) -> np.ndarray:
    """Bright pixels of the middle sample that stand still against the first or the last."""
    middle = frames[len(frames) // 2]
    others = [f for i, f in enumerate(frames) if i != len(frames) // 2]
    still = np.zeros(middle.shape[:2], dtype=bool)
    for other in others:
        still |= _still(middle, other)
    return still & (_grey(middle) >= OVERLAY_LEVEL)


def _cell_rects(cells: np.ndarray, rows: int, columns: int) -> list[Rect]:
    """The set cells as padded rectangles: runs along each row of cells, then merged."""
    rects: list[Rect] = []
    for cy in range(cells.shape[0]):
        cx = 0
        line = cells[cy]
        while cx < line.size:
            if not line[cx]:
                cx += 1
                continue
            start = cx
            while cx < line.size and line[cx]:
                cx += 1
            x, y = start * CELL - CROP_PADDING, cy * CELL - CROP_PADDING
            w, h = (cx - start) * CELL + 2 * CROP_PADDING, CELL + 2 * CROP_PADDING
            rect = clip((x, y, w, h), rows, columns)
            if rect is not None:
                rects.append(rect)
    return merge_rects(rects)


class LayoutGroups:
    """The OCR of one exam's DICOM frames, done once per layout group (see above)."""

    def __init__(self, engine: OcrEngine | None = None) -> None:
        self._engine = engine
        self.groups: dict[tuple[Any, ...], _Group] = {}

    def plan_dataset(
        self,
        ds: Any,
        values: IdentifyingValues,
        *,
        extra_rows: Sequence[Any] = (),
        path: Any = None,
    ) -> PixelPlan:
        """The plan for one DICOM file; its frames come from ``path`` when given."""
        try:
            rows, columns = int(ds.Rows), int(ds.Columns)
            count = writers.frame_count(ds)
        except (AttributeError, TypeError, ValueError) as exc:
            return blocked_plan(
                _("its frame size cannot be read ({kind})").format(kind=type(exc).__name__)
            )
        fixed, sources, problems = _fixed_mask(ds, extra_rows)
        pick: PickFn = lambda wanted: _pick(writers.iter_frames(ds), wanted)  # noqa: E731
        if path is not None and streaming.streamable(path):
            pick = lambda wanted: streaming.pick_file_frames(path, wanted)  # noqa: E731
        meta = getattr(ds, "file_meta", None)
        key = (
            str(ds.get("Manufacturer", "")),
            str(ds.get("ManufacturerModelName", "")),
            rows,
            columns,
            str(getattr(meta, "TransferSyntaxUID", "")),
            str(ds.get("PhotometricInterpretation", "")),
            None if fixed is None else (fixed.rects, tuple(sorted(fixed.per_frame.items()))),
        )
        try:
            plan = self.plan_frames(pick, count, rows, columns, values, fixed, sources, key)
        except OcrUnavailable as exc:
            return blocked_plan(str(exc), sources)
        except writers.PixelCleaningError as exc:
            return blocked_plan(str(exc), sources)
        except Exception as exc:  # a decoder refusing the data: it cannot be checked, so it blocks
            log.warning("frames not decoded", extra={"event": "pixels", "error": repr(exc)})
            return blocked_plan(
                _("its frames cannot be decoded to be checked ({kind})").format(
                    kind=type(exc).__name__
                ),
                sources,
            )
        plan.problems = problems
        return plan

    def plan_frames(
        self,
        pick: PickFn,
        count: int,
        rows: int,
        columns: int,
        values: IdentifyingValues,
        fixed: FrameMask | None,
        sources: list[str],
        key: tuple[Any, ...],
    ) -> PixelPlan:
        """The plan for one file of the group ``key``, given a way to decode its frames."""
        plan = PixelPlan(action=NONE, frames=count, sources=list(sources))
        samples = sample_indices(count)
        got = pick(set(samples))
        if sorted(got) != samples:
            raise writers.PixelCleaningError(
                _("its pixel data holds fewer frames than the {count} its header declares").format(
                    count=count
                )
            )
        masked = {i: apply_mask(got[i], fixed, i) for i in samples}
        del got
        engine = self._engine or default_engine()
        reader = _Reader(engine, values, None)  # the fixed mask is applied already
        reads: list[Read] = []
        found: list[tuple[int, TextBox, Match]] = []
        group = self.groups.get(key)
        first_of_group = group is None
        if group is None:
            boxes, hits = reader.read(masked[0], 0)
            reads.append((0, None))
            plan.boxes += len(boxes)
            found += [(0, box, match) for box, match in hits]
            cells = _cells(np.ones((rows, columns), dtype=bool)) > 0
            group = _Group(_grey(masked[0]).copy(), cells)
            self.groups[key] = group
        if len(samples) > 1:
            middle = samples[len(samples) // 2]
            overlay = overlay_pixels([masked[i] for i in samples])
            grey = _grey(masked[middle])
            same = overlay & (
                np.abs(grey.astype(np.int16) - group.reference.astype(np.int16)) <= STATIC_TOLERANCE
            )
            held, matching = _cells(overlay), _cells(same)
            new = (held >= CELL_PIXELS) & ~(group.known & (matching >= SAME_SHARE * held))
            if new.any():
                areas = _cell_rects(new, rows, columns)
                if sum(w * h for _, _, w, h in areas) > WHOLE_SHARE * rows * columns:
                    areas = [(0, 0, columns, rows)]
                for area in areas:
                    x, y, w, h = area
                    whole = area == (0, 0, columns, rows)
                    crop = masked[middle][y : y + h, x : x + w]
                    boxes, hits = reader.read(crop, middle)
                    reads.append((middle, None if whole else area))
                    plan.boxes += len(boxes)
                    for box, match in hits:
                        bx, by, bw, bh = box.rect
                        moved = TextBox(box.text, (bx + x, by + y, bw, bh), box.score)
                        found.append((middle, moved, match))
                    group.reference[y : y + h, x : x + w] = grey[y : y + h, x : x + w]
                    # only the cells the area covers whole now hold what OCR read there
                    cy0, cx0 = -(-y // CELL), -(-x // CELL)
                    group.known[cy0 : (y + h) // CELL, cx0 : (x + w) // CELL] = True
        plan.seconds = reader.seconds
        for index, box, match in found:
            rect = _pad(box.rect, rows, columns)
            group.hits.append(rect)
            plan.hits.append({"frame": index, "rect": list(rect), "kind": match.kind})
        plan.frames_read = sorted({i for i, _ in reads})
        plan.areas_read = sum(1 for _, area in reads if area is not None)
        plan.verify_reads = list(reads)
        if first_of_group and count > 1:
            plan.verify_reads.append((count - 1, None))  # the writers reach the last frame too
        return _with_mask(plan, fixed, rows, columns, group.hits)


def _pick(frames: Iterable[np.ndarray], wanted: set[int]) -> dict[int, np.ndarray]:
    out = {}
    for index, frame in enumerate(frames):
        if index in wanted:
            out[index] = frame
        if len(out) == len(wanted):
            break
    return out


def verify_reads(
    pick: PickFn,
    reads: Sequence[Read],
    values: IdentifyingValues,
    engine: OcrEngine,
    rel: str,
) -> float:
    """Read the cleaned frames (or areas of them) again; raises :class:`PixelsBlocked` on an
    identifying value, or when a frame to read is missing. Returns the seconds spent in OCR."""
    frames = pick({i for i, _ in reads})
    reader = _Reader(engine, values, None)
    for index, area in sorted(reads, key=lambda r: (r[0], r[1] or (0, 0, 0, 0))):
        frame = frames.get(index)
        if frame is None:
            raise PixelsBlocked(
                _(
                    "{rel}: frame {frame} is missing from the cleaned file; the exam is not sent."
                ).format(rel=rel, frame=index + 1)
            )
        if area is not None:
            x, y, w, h = area
            frame = frame[y : y + h, x : x + w]
        _boxes, hits = reader.read(frame, index)
        if hits:
            box, match = hits[0]
            raise PixelsBlocked(
                _(
                    "{rel}: frame {frame} still shows the patient's {kind} after cleaning "
                    "(read as “{text}”); the exam is not sent."
                ).format(rel=rel, frame=index + 1, kind=match.kind, text=masked(box.text))
            )
    return reader.seconds


def blocked_plan(reason: str, sources: Sequence[str] = ()) -> PixelPlan:
    return PixelPlan(action=BLOCK, reason=reason, sources=list(sources))


# --- DICOM files and video clips -----------------------------------------------------------


def _fixed_mask(
    ds: Any, extra_rows: Sequence[Any]
) -> tuple[FrameMask | None, list[str], list[str]]:
    """Regions ∪ table row, the sources that gave them, and sentences on regions not used."""
    mask: FrameMask | None = None
    sources: list[str] = []
    problems: list[str] = []
    outside = regions.outside_regions_mask(ds)
    if outside is not None and not outside.empty:
        mask = outside
        sources.append("regions")
    problem = regions.regions_problem(ds)
    if problem:
        problems.append(problem)
    found = table.table_mask(ds, extra_rows)
    if found is not None:
        row_mask, row = found
        mask = row_mask if mask is None else mask.union(row_mask)
        sources.append(
            _("table row: {machine} ({source})").format(machine=row.machine, source=row.source)
        )
    return mask, sources, problems


def plan_dataset(
    ds: Any,
    values: IdentifyingValues,
    *,
    extra_rows: Sequence[Any] = (),
    engine: OcrEngine | None = None,
    path: Any = None,
) -> PixelPlan:
    """The plan for one DICOM file on its own (a layout group of one file).

    With ``path`` (the file ``ds`` was read from, its pixel data deferred), frames are read from
    the file one at a time instead of from ``ds.PixelData``, which is then never loaded whole.
    """
    return LayoutGroups(engine).plan_dataset(ds, values, extra_rows=extra_rows, path=path)


def clean_dataset(
    ds: Any,
    plan: PixelPlan,
    values: IdentifyingValues,
    rel: str,
    engine: OcrEngine | None = None,
) -> writers.CleanResult | None:
    """Blank the plan's mask in every frame of ``ds`` (in place), then verify with OCR.

    Returns the writers' result (None when the plan leaves the pixels as they are, after
    reading them again). Raises :class:`PixelsBlocked` when a cleaned frame still shows an
    identifying value or the encoding cannot be cleaned.
    """
    engine = engine or default_engine()
    result = None
    if plan.action == BLOCK:
        raise PixelsBlocked(
            _("{rel}: {reason}; the exam is not sent.").format(rel=rel, reason=plan.reason)
        )
    if plan.action == CLEAN and plan.mask is not None:
        try:
            result = writers.clean_dataset(ds, plan.mask)
        except writers.PixelCleaningError as exc:
            raise PixelsBlocked(_("{rel}: {exc}").format(rel=rel, exc=exc)) from None
    try:
        plan.seconds += verify_reads(
            lambda wanted: _pick(writers.iter_frames(ds), wanted),
            plan.verification(),
            values,
            engine,
            rel,
        )
    except OcrUnavailable as exc:
        raise PixelsBlocked(_("{rel}: {exc}").format(rel=rel, exc=exc)) from None
    plan.verified = True
    return result


def verify_file(
    path: Any,
    plan: PixelPlan,
    values: IdentifyingValues,
    rel: str,
    engine: OcrEngine | None = None,
) -> None:
    """Read the frames of a cleaned file written to ``path`` again, one at a time.

    Raises :class:`PixelsBlocked` when one still shows an identifying value, or when OCR or the
    frames cannot be read; sets ``plan.verified`` otherwise.
    """
    try:
        plan.seconds += verify_reads(
            lambda wanted: streaming.pick_file_frames(path, wanted),
            plan.verification(),
            values,
            engine or default_engine(),
            rel,
        )
    except OcrUnavailable as exc:
        raise PixelsBlocked(_("{rel}: {exc}").format(rel=rel, exc=exc)) from None
    except writers.PixelCleaningError as exc:
        raise PixelsBlocked(_("{rel}: {exc}").format(rel=rel, exc=exc)) from None
    plan.verified = True


def plan_video(path: Any, values: IdentifyingValues, engine: OcrEngine | None = None) -> PixelPlan:
    """The plan for a plain video clip (.mp4, .avi): OCR hits are its only mask source."""
    try:
        count = sum(1 for _n in writers.iter_video_frames(path))
        first = next(iter(writers.iter_video_frames(path)), None)
        if first is None:
            return PixelPlan(action=NONE, reason=_("the clip has no frames"))
        rows, columns = first.shape[:2]
        return plan_frames(
            lambda: writers.iter_video_frames(path),
            count,
            rows,
            columns,
            values,
            None,
            [],
            engine or default_engine(),
        )
    except OcrUnavailable as exc:
        return blocked_plan(str(exc))
    except Exception as exc:  # noqa: BLE001 - a clip that cannot be decoded cannot be checked
        log.warning("video not decoded", extra={"event": "pixels", "error": repr(exc)})
        return blocked_plan(
            _("its frames cannot be decoded to be checked ({kind})").format(kind=type(exc).__name__)
        )


def clean_video(
    src: Any,
    dst: Any,
    plan: PixelPlan,
    values: IdentifyingValues,
    rel: str,
    engine: OcrEngine | None = None,
) -> writers.CleanResult | None:
    """Write the cleaned clip to ``dst`` and verify it; raises :class:`PixelsBlocked`."""
    engine = engine or default_engine()
    if plan.action == BLOCK:
        raise PixelsBlocked(
            _("{rel}: {reason}; the exam is not sent.").format(rel=rel, reason=plan.reason)
        )
    if plan.action != CLEAN or plan.mask is None:
        return None
    try:
        result = writers.clean_video_file(src, dst, plan.mask)
    except writers.PixelCleaningError as exc:
        raise PixelsBlocked(_("{rel}: {exc}").format(rel=rel, exc=exc)) from None
    try:
        plan.seconds += verify_reads(
            lambda wanted: _pick(writers.iter_video_frames(dst), wanted),
            [(i, None) for i in plan.frames_read],
            values,
            engine,
            rel,
        )
    except OcrUnavailable as exc:
        raise PixelsBlocked(_("{rel}: {exc}").format(rel=rel, exc=exc)) from None
    plan.verified = True
    return result


__all__ = [
    "BLOCK",
    "CLEAN",
    "NONE",
    "OcrUnavailable",
    "PixelPlan",
    "PixelsBlocked",
    "apply_mask",
    "blocked_plan",
    "clean_dataset",
    "LayoutGroups",
    "clean_video",
    "plan_dataset",
    "plan_frames",
    "plan_video",
    "sample_indices",
    "verify_file",
    "verify_reads",
]
