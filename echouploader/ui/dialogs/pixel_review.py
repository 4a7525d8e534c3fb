"""The review step: per layout group, one frame before and after cleaning, the blanked areas
outlined; drag a rectangle to widen the mask and save it as the machine's row for this site.

The dialog is handed the groups, one decoded frame per group and its fixed mask by the caller
(``core.privacy.pixels.review`` does the reading); it only draws them and reports the saved row
through ``save_row``, a callable that returns an error sentence or ``""``. Frames live in memory
only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from echouploader.core.privacy.pixels.mask import FrameMask, Rect, clip
from echouploader.core.privacy.pixels.review import FixedMask, LayoutGroup, blanked

MASK_COLOUR = QColor(255, 64, 64)
ADDED_COLOUR = QColor(255, 200, 0)


@dataclass
class ReviewItem:
    """One layout group as the dialog shows it."""

    group: LayoutGroup
    header: Any  # the pydicom header of the file shown (for the saved row's keys)
    frame: np.ndarray | None  # RGB, rows × columns × 3; None when it could not be decoded
    fixed: FixedMask
    problem: str = ""  # why there is no frame to show
    checked: FrameMask | None = None  # the check's mask for the file (OCR hits included)
    added: list[Rect] = field(default_factory=list)
    saved: bool = False

    @property
    def base(self) -> FrameMask:
        """What is blanked without the reviewer: the check's mask, or the fixed one."""
        return self.fixed.mask if self.checked is None else self.checked.union(self.fixed.mask)

    @property
    def mask(self) -> FrameMask:
        base = self.base
        return base.union(FrameMask.build(base.rows, base.columns, self.added))


def _qimage(frame: np.ndarray) -> QImage:
    data = np.ascontiguousarray(frame, dtype=np.uint8)
    rows, columns = data.shape[:2]
    image = QImage(data.data, columns, rows, 3 * columns, QImage.Format.Format_RGB888)
    return image.copy()  # own the pixels: the array may go


class FrameView(QWidget):
    """A frame scaled to fit, with rectangles outlined; optionally draws new ones by dragging."""

    rect_drawn = Signal(tuple)

    def __init__(self, title: str, drawing: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(title)
        self.setMinimumSize(QSize(320, 240))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.drawing = drawing
        self.image: QImage | None = None
        self.outlines: list[tuple[Rect, QColor]] = []
        self.text = ""
        self._start: QPoint | None = None
        self._now: QPoint | None = None
        if drawing:
            self.setCursor(Qt.CursorShape.CrossCursor)

    def show_frame(
        self, frame: np.ndarray | None, outlines: list[tuple[Rect, QColor]], text: str = ""
    ) -> None:
        self.image = _qimage(frame) if frame is not None else None
        self.outlines = outlines
        self.text = text
        self.update()

    # --- geometry: image pixels <-> widget pixels -------------------------------------------

    def _target(self) -> QRectF:
        if self.image is None:
            return QRectF()
        w, h = self.image.width(), self.image.height()
        scale = min(self.width() / w, self.height() / h)
        return QRectF(
            (self.width() - w * scale) / 2, (self.height() - h * scale) / 2, w * scale, h * scale
        )

    def to_image(self, point: QPoint) -> tuple[int, int]:
        target = self._target()
        assert self.image is not None
        x = (point.x() - target.x()) * self.image.width() / target.width()
        y = (point.y() - target.y()) * self.image.height() / target.height()
        return int(x), int(y)

    def to_widget(self, rect: Rect) -> QRectF:
        target = self._target()
        assert self.image is not None
        sx, sy = target.width() / self.image.width(), target.height() / self.image.height()
        x, y, w, h = rect
        return QRectF(target.x() + x * sx, target.y() + y * sy, w * sx, h * sy)

    # --- painting and dragging --------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(32, 32, 32))
        if self.image is None:
            painter.setPen(QColor(230, 230, 230))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.text)
            return
        painter.drawImage(self._target(), self.image)
        for rect, colour in self.outlines:
            painter.setPen(QPen(colour, 2))
            painter.drawRect(self.to_widget(rect))
        if self._start is not None and self._now is not None:
            painter.setPen(QPen(ADDED_COLOUR, 2, Qt.PenStyle.DashLine))
            painter.drawRect(QRect(self._start, self._now).normalized())

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self.drawing and self.image is not None:
            self._start = self._now = event.position().toPoint()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._start is not None:
            self._now = event.position().toPoint()
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._start is None or self.image is None:
            return
        (x0, y0), (x1, y1) = self.to_image(self._start), self.to_image(event.position().toPoint())
        self._start = self._now = None
        self.update()
        rect = clip(
            (min(x0, x1), min(y0, y1), abs(x1 - x0) + 1, abs(y1 - y0) + 1),
            self.image.height(),
            self.image.width(),
        )
        if rect is not None and rect[2] > 2 and rect[3] > 2:
            self.rect_drawn.emit(rect)


class PixelReviewDialog(QDialog):
    """Before and after, per layout group; widen the mask and keep it for the machine."""

    def __init__(
        self,
        items: Sequence[ReviewItem],
        save_row: Callable[[ReviewItem], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.items = list(items)
        self.save_row = save_row
        self.setWindowTitle(self.tr("Review the images"))
        self.setAccessibleName(self.tr("Review the images"))
        self.resize(1100, 620)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "One frame of each machine and size, before and after cleaning. The outlined "
                "areas are blanked. If patient details show outside them, drag a rectangle over "
                "them on the left, then save it for this machine."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        body = QHBoxLayout()
        self.group_list = QListWidget()
        self.group_list.setAccessibleName(self.tr("Layout groups"))
        self.group_list.setMaximumWidth(280)
        for item in self.items:
            self.group_list.addItem(self._group_text(item))
        body.addWidget(self.group_list)
        self.before = FrameView(self.tr("Before cleaning"), drawing=True)
        self.after = FrameView(self.tr("After cleaning"), drawing=False)
        for title, view in ((self.tr("Before"), self.before), (self.tr("After"), self.after)):
            column = QVBoxLayout()
            column.addWidget(QLabel(title))
            column.addWidget(view, 1)
            body.addLayout(column, 1)
        layout.addLayout(body, 1)
        self.method_label = QLabel()
        self.method_label.setWordWrap(True)
        layout.addWidget(self.method_label)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        self.undo_button = QPushButton(self.tr("&Undo last rectangle"))
        self.save_button = QPushButton(self.tr("&Save for this machine"))
        self.save_button.setAccessibleName(self.tr("Save for this machine"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.before.rect_drawn.connect(self._add)
        self.undo_button.clicked.connect(self._undo)
        self.save_button.clicked.connect(self._save)
        self.group_list.currentRowChanged.connect(lambda _row: self._show())
        if self.items:
            self.group_list.setCurrentRow(0)
        self._show()

    def _group_text(self, item: ReviewItem) -> str:
        count = len(item.group.files)
        state = (
            self.tr("saved")
            if item.saved
            else self.tr("reviewed before")
            if item.fixed.reviewed
            else self.tr("not reviewed")
        )
        return (
            self.tr("%1 — %2 file(s) — %3")
            .replace("%1", item.group.label)
            .replace("%2", str(count))
            .replace("%3", state)
        )

    def current(self) -> ReviewItem | None:
        row = self.group_list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _show(self) -> None:
        item = self.current()
        if item is None:
            self.before.show_frame(None, [], self.tr("This exam has no images to review."))
            self.after.show_frame(None, [], "")
            self.save_button.setEnabled(False)
            self.undo_button.setEnabled(False)
            return
        mask = item.mask
        outlines = [(r, MASK_COLOUR) for r in item.base.rects_for(0)]
        outlines += [(r, ADDED_COLOUR) for r in item.added]
        if item.frame is None:
            self.before.show_frame(None, [], item.problem)
            self.after.show_frame(None, [], item.problem)
        else:
            self.before.show_frame(item.frame, outlines)
            self.after.show_frame(blanked(item.frame, mask), outlines)
        methods = ", ".join(item.fixed.methods) or self.tr("no fixed mask: OCR only")
        notes = " ".join(item.fixed.problems)
        self.method_label.setText(
            self.tr("Blanked by: %1. %2").replace("%1", methods).replace("%2", notes).strip()
        )
        self.undo_button.setEnabled(bool(item.added))
        self.save_button.setEnabled(bool(item.added or item.fixed.table_rects))
        self.group_list.item(self.group_list.currentRow()).setText(self._group_text(item))

    def _add(self, rect: Rect) -> None:
        item = self.current()
        if item is not None:
            item.added.append(rect)
            item.saved = False
            self.status_label.setText("")
            self._show()

    def _undo(self) -> None:
        item = self.current()
        if item is not None and item.added:
            item.added.pop()
            self._show()

    def _save(self) -> None:
        item = self.current()
        if item is None:
            return
        problem = self.save_row(item)
        if problem:
            self.status_label.setText(problem)
            return
        item.saved = True
        self.status_label.setText(
            self.tr("Saved: the next exam from %1 is cleaned the same way.").replace(
                "%1", item.group.label
            )
        )
        self._show()
