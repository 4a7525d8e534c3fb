"""Blank whole MCUs of a JPEG Baseline frame in the entropy-coded domain, without recompression.

A baseline (Huffman, sequential, 8-bit) scan is a chain of MCUs, each a run of Huffman-coded 8×8
blocks whose DC coefficient is coded as a difference to the previous block of its component. To
blank an MCU we write, per block, the DC value that decodes to black (neutral chroma) and an
end-of-block, so the block is flat. Every other MCU keeps its exact bits: the scan is decoded only
as far as the last blanked MCU (to find MCU boundaries and DC values), the blanked MCUs are coded
again, the first block of each component after a blanked run gets its DC difference re-coded
against the new predictor, and the rest of the scan is copied bit for bit. Restart intervals are
used when present: segments without a blanked MCU are copied as bytes.

Only the quantised DC of the blanked blocks and one DC difference per component after a blanked
run change, so every block outside the blanked MCUs decodes to the same coefficients as before.
Anything else (progressive, arithmetic, 12-bit, several scans, DNL, missing Huffman codes) raises
:class:`NotBaseline`, and the caller takes the decode-and-re-encode path.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .mask import Rect

_SOF_BASELINE = {0xC0, 0xC1}  # baseline and extended sequential, Huffman
_SOF_OTHER = {0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


class NotBaseline(Exception):
    """The frame cannot be blanked in the DCT domain; the reason is the message."""


@dataclass(frozen=True)
class _Component:
    ident: int
    h: int
    v: int
    tq: int


@dataclass(frozen=True)
class _Huffman:
    """One Huffman table as decode look-ups (16-bit windows) and an encode map."""

    length: list[int]  # code length per 16-bit window (0: no code)
    symbol: list[int]  # symbol per 16-bit window
    codes: dict[int, tuple[int, int]]  # symbol -> (code, length)
    step: list[tuple[int, int]]  # AC: bits to skip and coefficients covered per 16-bit window


@lru_cache(maxsize=64)
def _huffman(counts: bytes, symbols: bytes) -> _Huffman:
    length = np.zeros(65536, dtype=np.int32)
    symbol = np.zeros(65536, dtype=np.int32)
    codes: dict[int, tuple[int, int]] = {}
    code = 0
    k = 0
    for bits in range(1, 17):
        for _ in range(counts[bits - 1]):
            if k >= len(symbols):
                raise NotBaseline("a Huffman table is malformed")
            sym = symbols[k]
            k += 1
            lo = code << (16 - bits)
            hi = (code + 1) << (16 - bits)
            if hi > 65536:
                raise NotBaseline("a Huffman table is malformed")
            length[lo:hi] = bits
            symbol[lo:hi] = sym
            codes[sym] = (code, bits)
            code += 1
        code <<= 1
    size = symbol & 15
    run = symbol >> 4
    inc = np.where(size > 0, run + 1, np.where(symbol == 0xF0, 16, 64))
    adv = np.where(length > 0, length + size, 0)
    step = list(zip(adv.tolist(), inc.tolist(), strict=True))
    return _Huffman(length.tolist(), symbol.tolist(), codes, step)


@dataclass
class _Frame:
    width: int
    height: int
    components: list[_Component]
    qtables: dict[int, list[int]]
    dc: dict[int, _Huffman]
    ac: dict[int, _Huffman]
    restart: int
    scan: list[tuple[int, int, int]]  # (component index, dc table, ac table)
    header: bytes  # everything up to and including the SOS segment
    entropy_start: int
    adobe_transform: int | None


def _parse(data: bytes) -> _Frame:
    if data[:2] != b"\xff\xd8":
        raise NotBaseline("the frame is not a JPEG stream")
    pos = 2
    qtables: dict[int, list[int]] = {}
    dc: dict[int, _Huffman] = {}
    ac: dict[int, _Huffman] = {}
    restart = 0
    components: list[_Component] = []
    width = height = 0
    adobe: int | None = None
    while True:
        while (
            pos < len(data) and data[pos] == 0xFF and pos + 1 < len(data) and data[pos + 1] == 0xFF
        ):
            pos += 1  # fill bytes
        if pos + 4 > len(data) or data[pos] != 0xFF:
            raise NotBaseline("the JPEG stream ends before its scan")
        marker = data[pos + 1]
        seg_len = int.from_bytes(data[pos + 2 : pos + 4], "big")
        body = data[pos + 4 : pos + 2 + seg_len]
        if marker in _SOF_OTHER:
            raise NotBaseline(f"the JPEG frame type SOF{marker - 0xC0} is not baseline")
        if marker in _SOF_BASELINE:
            if body[0] != 8:
                raise NotBaseline(f"the JPEG samples have {body[0]} bits, not 8")
            height = int.from_bytes(body[1:3], "big")
            width = int.from_bytes(body[3:5], "big")
            n = body[5]
            for i in range(n):
                c = body[6 + 3 * i : 9 + 3 * i]
                components.append(_Component(c[0], c[1] >> 4, c[1] & 15, c[2]))
            if height == 0:
                raise NotBaseline("the JPEG height is given by a DNL marker")
        elif marker == 0xDB:
            i = 0
            while i < len(body):
                pq, tq = body[i] >> 4, body[i] & 15
                if pq:
                    qtables[tq] = [
                        int.from_bytes(body[i + 1 + 2 * k : i + 3 + 2 * k], "big")
                        for k in range(64)
                    ]
                    i += 129
                else:
                    qtables[tq] = list(body[i + 1 : i + 65])
                    i += 65
        elif marker == 0xC4:
            i = 0
            while i < len(body):
                tc, th = body[i] >> 4, body[i] & 15
                counts = bytes(body[i + 1 : i + 17])
                total = sum(counts)
                table = _huffman(counts, bytes(body[i + 17 : i + 17 + total]))
                (ac if tc else dc)[th] = table
                i += 17 + total
        elif marker == 0xDD:
            restart = int.from_bytes(body[0:2], "big")
        elif marker == 0xEE and body[:5] == b"Adobe" and len(body) >= 12:
            adobe = body[11]
        elif marker == 0xDA:
            if not components:
                raise NotBaseline("the JPEG scan comes before its frame header")
            ns = body[0]
            scan = []
            ids = [c.ident for c in components]
            for i in range(ns):
                cid, tables = body[1 + 2 * i], body[2 + 2 * i]
                if cid not in ids:
                    raise NotBaseline("the JPEG scan names an unknown component")
                scan.append((ids.index(cid), tables >> 4, tables & 15))
            ss, se, a = body[1 + 2 * ns], body[2 + 2 * ns], body[3 + 2 * ns]
            if ns != len(components) or ss != 0 or se != 63 or a != 0:
                raise NotBaseline("the JPEG frame is coded in several scans")
            for _, td, ta in scan:
                if td not in dc or ta not in ac:
                    raise NotBaseline("the JPEG scan uses an undefined Huffman table")
            for comp in components:
                if comp.tq not in qtables:
                    raise NotBaseline("the JPEG frame uses an undefined quantisation table")
            end = pos + 2 + seg_len
            return _Frame(
                width, height, components, qtables, dc, ac, restart, scan, data[:end], end, adobe
            )
        elif marker in (0xD8, 0xD9) or 0xD0 <= marker <= 0xD7:
            raise NotBaseline("the JPEG stream has a marker out of place")
        pos += 2 + seg_len


def _segments(data: bytes, start: int) -> tuple[list[tuple[int, int]], int]:
    """Byte ranges of the entropy-coded segments (between RST markers) and where the scan ends."""
    out = []
    seg = start
    pos = start
    n = len(data)
    while True:
        pos = data.find(b"\xff", pos)
        if pos < 0 or pos + 1 >= n:
            raise NotBaseline("the JPEG scan has no end marker")
        nxt = data[pos + 1]
        if nxt == 0x00:
            pos += 2
        elif 0xD0 <= nxt <= 0xD7:
            out.append((seg, pos))
            pos += 2
            seg = pos
        elif nxt == 0xFF:
            pos += 1
        else:
            out.append((seg, pos))
            return out, pos


class _Writer:
    """Collects the new bits of one segment: ranges copied from the source and new codes.

    Pieces are Python integers with a bit count; they are joined pairwise at the end, so the
    cost stays near the size of the segment however many pieces there are.
    """

    def __init__(self, raw: bytes) -> None:
        self.raw = raw  # the source segment, unstuffed
        self.pieces: list[tuple[int, int]] = []
        self.codes: list[str] = []
        self.span: tuple[int, int] | None = None  # a copy not yet added, grown while contiguous

    def text(self, bits: str) -> None:
        if self.span is not None:
            self._flush_span()
        self.codes.append(bits)

    def _flush_codes(self) -> None:
        if self.codes:
            text = "".join(self.codes)
            self.pieces.append((int(text, 2), len(text)))
            self.codes = []

    def _flush_span(self) -> None:
        if self.span is not None:
            a, b = self.span
            first, last = a >> 3, (b + 7) >> 3
            value = int.from_bytes(self.raw[first:last], "big") >> (8 * last - b)
            self.pieces.append((value & ((1 << (b - a)) - 1), b - a))
            self.span = None

    def copy(self, start: int, end: int) -> None:
        if end <= start:
            return
        if self.span is not None and self.span[1] == start:
            self.span = (self.span[0], end)
            return
        self._flush_span()
        self._flush_codes()
        self.span = (start, end)

    def stuffed(self) -> bytes:
        self._flush_span()
        self._flush_codes()
        pieces = self.pieces or [(0, 0)]
        while len(pieces) > 1:
            joined = [
                ((v1 << n2) | v2, n1 + n2)
                for (v1, n1), (v2, n2) in zip(pieces[0::2], pieces[1::2], strict=False)
            ]
            if len(pieces) % 2:
                joined.append(pieces[-1])
            pieces = joined
        value, nbits = pieces[0]
        pad = (-nbits) % 8
        value = (value << pad) | ((1 << pad) - 1)
        return value.to_bytes((nbits + pad) // 8, "big").replace(b"\xff", b"\xff\x00")


def _magnitude(value: int) -> tuple[int, int]:
    """JPEG's (category, extra bits) for a DC difference or AC value."""
    if value == 0:
        return 0, 0
    size = abs(value).bit_length()
    bits = value if value > 0 else value + (1 << size) - 1
    return size, bits


_WINDOW_CHUNK = 1 << 14  # bytes of the scan turned into look-up windows at a time
_MCU_BYTES = 2048  # more than one MCU of 8-bit baseline data can take


class _Scan:
    """Decodes MCU boundaries and DC values of one entropy-coded segment.

    Bits are read through ``win``: for every byte of the scan the 32 bits starting there, as a
    Python list (an index is cheaper than slicing the bytes and converting them for every
    code). The windows are made as far as the decoding gets, which for a banner is the top of
    the frame only.
    """

    def __init__(self, frame: _Frame, raw: bytes) -> None:
        self.data = np.frombuffer(raw + b"\xff\xff\xff\xff\xff", dtype=np.uint8)
        self.nbits = 8 * len(raw)
        self.win: list[int] = []
        self.layout = []  # per block of an MCU: (component index, dc table, ac table)
        for ci, td, ta in frame.scan:
            comp = frame.components[ci]
            blocks = comp.h * comp.v if len(frame.scan) > 1 else 1
            self.layout.extend([(ci, frame.dc[td], frame.ac[ta])] * blocks)
        self.fast = [(ci, dc.length, dc.symbol, ac.step) for ci, dc, ac in self.layout]

    def _reach(self, pos: int) -> list[int]:
        """The windows, made at least one MCU past bit ``pos``."""
        need = (pos >> 3) + _MCU_BYTES
        win = self.win
        usable = self.data.size - 3
        if need > len(win) and len(win) < usable:
            start = len(win)
            stop = min(usable, max(need, start + _WINDOW_CHUNK))
            d = self.data[start : stop + 3].astype(np.uint32)
            n = stop - start
            w = (d[:n] << 24) | (d[1 : n + 1] << 16) | (d[2 : n + 2] << 8) | d[3 : n + 3]
            win.extend(w.tolist())
        return win

    def skip(self, pos: int, pred: list[int], count: int) -> int:
        """Move past ``count`` MCUs from ``pos``, keeping the DC predictors ``pred`` up to date."""
        layout = self.fast
        for _ in range(count):
            win = self._reach(pos)
            try:
                for ci, dlen, dsym, step in layout:
                    w = win[pos >> 3]
                    idx = (w >> (16 - (pos & 7))) & 0xFFFF
                    n = dlen[idx]
                    if not n:
                        raise NotBaseline("the JPEG scan has an invalid Huffman code")
                    size = dsym[idx]
                    pos += n
                    if size:
                        extra = (win[pos >> 3] >> (32 - size - (pos & 7))) & ((1 << size) - 1)
                        pred[ci] += extra if extra >> (size - 1) else extra - (1 << size) + 1
                        pos += size
                    k = 1
                    while k < 64:
                        adv, inc = step[(win[pos >> 3] >> (16 - (pos & 7))) & 0xFFFF]
                        if not adv:
                            raise NotBaseline("the JPEG scan has an invalid Huffman code")
                        pos += adv
                        k += inc
            except IndexError:
                raise NotBaseline("the JPEG scan ends inside an MCU") from None
        if pos > self.nbits:
            raise NotBaseline("the JPEG scan ends inside an MCU")
        return pos

    def mcu(self, pos: int, pred: list[int]) -> tuple[list[tuple[int, int, int, int, int]], int]:
        """Blocks of the MCU at ``pos`` as (predictor, DC, DC start, DC end, block end).

        ``pred`` holds the DC predictor per component and is moved past the MCU.
        """
        blocks = []
        win = self._reach(pos)
        try:
            for ci, dlen, dsym, step in self.fast:
                start = pos
                idx = (win[pos >> 3] >> (16 - (pos & 7))) & 0xFFFF
                n = dlen[idx]
                if not n:
                    raise NotBaseline("the JPEG scan has an invalid Huffman code")
                size = dsym[idx]
                pos += n
                diff = 0
                if size:
                    extra = (win[pos >> 3] >> (32 - size - (pos & 7))) & ((1 << size) - 1)
                    diff = extra if extra >> (size - 1) else extra - (1 << size) + 1
                    pos += size
                before = pred[ci]
                pred[ci] += diff
                dc_end = pos
                k = 1
                while k < 64:
                    adv, inc = step[(win[pos >> 3] >> (16 - (pos & 7))) & 0xFFFF]
                    if not adv:
                        raise NotBaseline("the JPEG scan has an invalid Huffman code")
                    pos += adv
                    k += inc
                if pos > self.nbits:
                    raise NotBaseline("the JPEG scan ends inside an MCU")
                blocks.append((before, pred[ci], start, dc_end, pos))
        except IndexError:
            raise NotBaseline("the JPEG scan ends inside an MCU") from None
        return blocks, pos


@dataclass(frozen=True)
class DctPlan:
    """Which MCUs of a frame are blanked, and the MCU-aligned rectangles that says."""

    mcu_w: int
    mcu_h: int
    per_row: int
    rows: int
    blanked: tuple[Rect, ...]
    indices: frozenset[int]


def plan(frame: bytes, rects: tuple[Rect, ...]) -> DctPlan:
    f = _parse(frame)
    return _plan(f, rects)


def _plan(f: _Frame, rects: tuple[Rect, ...]) -> DctPlan:
    hmax = max(c.h for c in f.components)
    vmax = max(c.v for c in f.components)
    if len(f.scan) == 1:
        comp = f.components[f.scan[0][0]]
        mcu_w, mcu_h = 8 * hmax // comp.h, 8 * vmax // comp.v
    else:
        mcu_w, mcu_h = 8 * hmax, 8 * vmax
    per_row = math.ceil(f.width / mcu_w)
    rows = math.ceil(f.height / mcu_h)
    indices: set[int] = set()
    blanked = []
    for x, y, w, h in rects:
        c0, c1 = x // mcu_w, min(per_row, math.ceil((x + w) / mcu_w))
        r0, r1 = y // mcu_h, min(rows, math.ceil((y + h) / mcu_h))
        if c1 <= c0 or r1 <= r0:
            continue
        for r in range(r0, r1):
            indices.update(range(r * per_row + c0, r * per_row + c1))
        x0, y0 = c0 * mcu_w, r0 * mcu_h
        blanked.append((x0, y0, min(f.width, c1 * mcu_w) - x0, min(f.height, r1 * mcu_h) - y0))
    return DctPlan(mcu_w, mcu_h, per_row, rows, tuple(sorted(set(blanked))), frozenset(indices))


def _black_dc(f: _Frame, monochrome1: bool) -> list[int]:
    """Quantised DC per component that decodes to black (neutral chroma for YCbCr)."""
    ids = [c.ident for c in f.components]
    rgb_coded = f.adobe_transform == 0 or ids == [ord("R"), ord("G"), ord("B")]
    out = []
    for i, comp in enumerate(f.components):
        q = f.qtables[comp.tq][0]
        if len(f.components) == 1 or i == 0 or rgb_coded:
            level = 255 if monochrome1 else 0
            out.append(math.ceil(8 * (level - 128) / q) if monochrome1 else math.floor(-1024 / q))
        else:
            out.append(0)
    return out


def blank_frame(
    frame: bytes, rects: tuple[Rect, ...], *, monochrome1: bool = False
) -> tuple[bytes, DctPlan]:
    """``frame`` with every MCU touching ``rects`` blanked; every other MCU keeps its bits."""
    f = _parse(frame)
    p = _plan(f, rects)
    if not p.indices:
        return frame, p
    black = _black_dc(f, monochrome1)
    total = p.per_row * p.rows
    segments, scan_end = _segments(frame, f.entropy_start)
    interval = f.restart or total
    if math.ceil(total / interval) != len(segments):
        raise NotBaseline("the JPEG restart markers do not match the restart interval")
    out = bytearray(f.header)
    for s, (a, b) in enumerate(segments):
        first = s * interval
        count = min(interval, total - first)
        local = sorted(i - first for i in p.indices if first <= i < first + count)
        if not local:
            out += frame[a:b]
        else:
            out += _blank_segment(f, frame[a:b], count, set(local), black)
        if s + 1 < len(segments):
            out += frame[b : b + 2]  # the RST marker
    out += frame[scan_end:]
    return bytes(out), p


def _blank_segment(
    f: _Frame, stuffed: bytes, count: int, local: set[int], black: list[int]
) -> bytes:
    raw = stuffed.replace(b"\xff\x00", b"\xff")
    scan = _Scan(f, raw)
    writer = _Writer(raw)
    pred = [0] * len(f.components)  # original predictors, as the decoder of the source sees them
    new_pred = [0] * len(f.components)  # predictors in the new stream
    limit = min(count, max(local) + 2)  # the MCU after the last blanked one needs a new DC
    pos = 0
    steady = _blank_mcu(scan.layout, black, list(black))  # a blank MCU after a blank MCU
    m = 0
    while m < limit:
        run = 1
        if m in local:
            while m + run < limit and m + run in local:
                run += 1
            pos = scan.skip(pos, pred, run)
            first = _blank_mcu(scan.layout, black, new_pred)
            writer.text(first + steady * (run - 1))
            new_pred = list(black)
        elif new_pred == pred:  # nothing to re-code: copy the MCUs up to the next blanked one
            while m + run < limit and m + run not in local:
                run += 1
            start = pos
            pos = scan.skip(pos, pred, run)
            writer.copy(start, pos)
            new_pred = list(pred)
        else:  # the first MCU after a blanked run: its DC differences change
            blocks, pos = scan.mcu(pos, pred)
            for (ci, dct, _act), (before, value, start, dc_end, blk_end) in zip(
                scan.layout, blocks, strict=True
            ):
                if before == new_pred[ci]:
                    writer.copy(start, blk_end)
                else:
                    _emit(writer, dct, *_magnitude(value - new_pred[ci]))
                    writer.copy(dc_end, blk_end)
                new_pred[ci] = value
        m += run
    writer.copy(pos, 8 * len(raw))
    return writer.stuffed()


def _code(table: _Huffman, size: int, extra: int) -> str:
    if size not in table.codes:
        raise NotBaseline("the JPEG Huffman table lacks a code needed to blank a block")
    code, length = table.codes[size]
    return format(code, f"0{length}b") + (format(extra, f"0{size}b") if size else "")


def _blank_mcu(
    layout: list[tuple[int, _Huffman, _Huffman]], black: list[int], pred: list[int]
) -> str:
    """The bits of one blank MCU (flat blocks at the black DC) after the predictors ``pred``."""
    out = []
    pred = list(pred)
    for ci, dct, act in layout:
        out.append(_code(dct, *_magnitude(black[ci] - pred[ci])))
        out.append(_code(act, 0, 0))  # end of block
        pred[ci] = black[ci]
    return "".join(out)


def _emit(writer: _Writer, table: _Huffman, size: int, extra: int) -> None:
    writer.text(_code(table, size, extra))
