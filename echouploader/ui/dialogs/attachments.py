"""The exam dialog's reports and comments: "Add report…", each cleaned page, the comments box.

The widget holds what the user attached and shows what the workers found: the pages of every
report as they will be sent (handed in with :meth:`AttachmentsBox.set_cleaned`), and every
identifier in the comments highlighted (found by the core as the user types). Start stays off
while a report is being cleaned, cannot be cleaned, or the comments hold an identifier.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPixmap, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from echouploader.core.privacy.reports.attach import Attachments, comments_problems

REPORT_FILTER = QT_TRANSLATE_NOOP(
    "AttachmentsBox", "Reports (*.pdf *.PDF *.jpg *.jpeg *.JPG *.JPEG *.png *.PNG)"
)
THUMBNAIL = QSize(150, 200)


def _pixmap(image: Any) -> QPixmap:
    """A PIL image as a thumbnail pixmap."""
    rgb = image.convert("RGB")
    rgb.thumbnail((THUMBNAIL.width() * 2, THUMBNAIL.height() * 2))
    data = rgb.tobytes("raw", "RGB")
    qimage = QImage(data, rgb.width, rgb.height, 3 * rgb.width, QImage.Format.Format_RGB888)
    return QPixmap.fromImage(qimage.copy())


class AttachmentsBox(QGroupBox):
    changed = Signal()  # reports added or removed, comments edited: Start may change
    reports_changed = Signal()  # the reports must be cleaned (again) by a worker

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Report and comments"))
        self._reports: list[Path] = []
        self._identifying: set[str] = set()
        self._cleaning = False
        self._report_problem = ""
        self._comment_problem = ""
        self.choose_files: Callable[[], list[str]] = self._ask_files
        layout = QVBoxLayout(self)

        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add &report…"))
        self.add_button.setAccessibleName(self.tr("Add report"))
        self.add_button.clicked.connect(self._add_clicked)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self._remove_clicked)
        self.status_label = QLabel(self.tr("A PDF, a scan or a photo of the written report."))
        self.status_label.setWordWrap(True)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addWidget(self.status_label, 1)
        layout.addLayout(row)

        self.report_list = QListWidget()
        self.report_list.setAccessibleName(self.tr("Reports"))
        self.report_list.setMaximumHeight(70)
        layout.addWidget(self.report_list)

        self.pages = QListWidget()
        self.pages.setAccessibleName(self.tr("Report pages as they will be sent"))
        self.pages.setViewMode(QListView.ViewMode.IconMode)
        self.pages.setIconSize(THUMBNAIL)
        self.pages.setResizeMode(QListView.ResizeMode.Adjust)
        self.pages.setFlow(QListView.Flow.LeftToRight)
        self.pages.setWrapping(False)
        self.pages.setFixedHeight(THUMBNAIL.height() + 50)
        self.pages.setVisible(False)
        layout.addWidget(self.pages)

        self.comments = QPlainTextEdit()
        self.comments.setAccessibleName(self.tr("Comments for the reviewer"))
        self.comments.setPlaceholderText(
            self.tr("Comments for the reviewer, e.g. which windows were obtained (no names).")
        )
        self.comments.setMaximumHeight(80)
        self.comments.textChanged.connect(self._comments_edited)
        layout.addWidget(self.comments)
        self.comment_label = QLabel()
        self.comment_label.setWordWrap(True)
        self.comment_label.setStyleSheet("color: #b00020;")
        layout.addWidget(self.comment_label)
        self._update_buttons()

    # --- what the user attached -------------------------------------------------------------

    def reports(self) -> list[Path]:
        return list(self._reports)

    def attachments(self) -> Attachments:
        text = self.comments.toPlainText()
        return Attachments(tuple(self._reports), text if text.strip() else None)

    def add_reports(self, paths: Iterable[str | Path]) -> None:
        new = [Path(p) for p in paths if Path(p) not in self._reports]
        if not new:
            return
        self._reports += new
        for path in new:
            self.report_list.addItem(path.name)
        self._reports_changed()

    def _ask_files(self) -> list[str]:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add report"),
            "",
            QCoreApplication.translate("AttachmentsBox", REPORT_FILTER),
        )
        return list(files)

    def _add_clicked(self) -> None:
        self.add_reports(self.choose_files())

    def _remove_clicked(self) -> None:
        row = self.report_list.currentRow()
        if row < 0:
            return
        self.report_list.takeItem(row)
        del self._reports[row]
        self._reports_changed()

    def _reports_changed(self) -> None:
        self._report_problem = ""
        self.pages.clear()
        self.pages.setVisible(False)
        self._cleaning = bool(self._reports)
        self.status_label.setText(
            self.tr("Cleaning the reports…") if self._reports else self.tr("No report attached.")
        )
        self._update_buttons()
        self.reports_changed.emit()
        self.changed.emit()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self._reports))

    # --- results from the workers -----------------------------------------------------------

    def set_identifying(self, values: Iterable[str]) -> None:
        """The exam's identifying values (from the check), for the comments."""
        self._identifying = set(values)
        self._comments_edited()

    def set_cleaned(self, cleaned: Any) -> None:
        """Show a ``CleanAttachments``: each report's pages as they will be sent."""
        self._cleaning = False
        self.pages.clear()
        problems = []
        for outcome in cleaned.reports:
            if outcome.cleaned is None:
                problems.append(outcome.blocked)
                continue
            for number, image in enumerate(outcome.cleaned.pages, start=1):
                text = self.tr("%1, page %2").replace("%1", outcome.label)
                item = QListWidgetItem(QIcon(_pixmap(image)), text.replace("%2", str(number)))
                item.setToolTip(outcome.to_json()["message"])
                self.pages.addItem(item)
        self.pages.setVisible(self.pages.count() > 0)
        self._report_problem = " ".join(problems)
        pages = self.pages.count()
        self.status_label.setText(
            self._report_problem
            or self.tr("%1 page(s) will be sent, identifying text blanked (shown below).").replace(
                "%1", str(pages)
            )
        )
        self.changed.emit()

    def set_clean_failed(self, sentence: str) -> None:
        self._cleaning = False
        self._report_problem = sentence
        self.status_label.setText(sentence)
        self.changed.emit()

    # --- comments ---------------------------------------------------------------------------

    def _comments_edited(self) -> None:
        text = self.comments.toPlainText()
        found = comments_problems(text, self._identifying) if text.strip() else []
        selections = []
        mark = QTextCharFormat()
        mark.setBackground(QColor("#ffcdd2"))
        mark.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        mark.setUnderlineColor(QColor("#b00020"))
        for start, end, _what in found:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.comments.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor  # type: ignore[attr-defined]
            selection.format = mark  # type: ignore[attr-defined]
            selections.append(selection)
        self.comments.setExtraSelections(selections)
        if found:
            self._comment_problem = self.tr(
                "The comments hold %1; edit the highlighted text before sending."
            ).replace("%1", found[0][2])
        else:
            self._comment_problem = ""
        self.comment_label.setText(self._comment_problem)
        self.changed.emit()

    def highlighted(self) -> list[tuple[int, int]]:
        """The highlighted spans of the comments (start, end)."""
        return [
            (s.cursor.selectionStart(), s.cursor.selectionEnd())  # type: ignore[attr-defined]
            for s in self.comments.extraSelections()
        ]

    # --- Start ------------------------------------------------------------------------------

    def blocked_reason(self) -> str:
        if self._comment_problem:
            return self._comment_problem
        if self._cleaning:
            return self.tr("Wait for the reports to be cleaned.")
        return self._report_problem
