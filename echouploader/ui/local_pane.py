"""The local site pane: this computer's folders (QFileSystemModel), a source for drag and drop."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDir, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileSystemModel,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)


class LocalPane(QWidget):
    folder_changed = Signal(str)

    def __init__(self, start: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = QFileSystemModel(self)
        self.model.setRootPath(QDir.rootPath())
        self.model.setFilter(
            QDir.Filter.AllEntries | QDir.Filter.NoDotAndDotDot | QDir.Filter.AllDirs
        )
        self.model.setReadOnly(True)  # the pane shows and drags; it never changes local files

        self.path_edit = QLineEdit()
        label = QLabel(self.tr("&Local site:"))
        label.setBuddy(self.path_edit)
        self.path_edit.setAccessibleName(self.tr("Local folder"))
        self.path_edit.returnPressed.connect(lambda: self.show_folder(Path(self.path_edit.text())))

        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Local files"))
        self.view.setDragEnabled(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setColumnWidth(0, 260)
        self.view.setSortingEnabled(True)
        self.view.clicked.connect(self._clicked)
        self._pending: Path | None = None
        # The model reads folders in the background: scroll again once the way there is loaded.
        self.model.directoryLoaded.connect(self._loaded)

        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.path_edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view)
        self.show_folder(start or Path.home())

    def show_folder(self, folder: Path) -> None:
        if not folder.is_dir():
            return
        self._pending = folder
        self._reveal(folder)
        self.path_edit.setText(str(folder))
        self.folder_changed.emit(str(folder))

    def _reveal(self, folder: Path) -> None:
        for parent in reversed(folder.parents):
            self.view.expand(self.model.index(str(parent)))
        index = self.model.index(str(folder))
        self.view.setCurrentIndex(index)
        self.view.expand(index)
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _loaded(self, path: str) -> None:
        pending = self._pending
        if pending is not None and (Path(path) == pending or Path(path) in pending.parents):
            # After the model has sorted what it loaded (rows move), not before.
            QTimer.singleShot(50, self, lambda: self._reveal(pending))
            if Path(path) == pending:
                self._pending = None

    def _clicked(self, index: object) -> None:
        if self.model.isDir(index):  # type: ignore[arg-type]
            self.path_edit.setText(self.model.filePath(index))  # type: ignore[arg-type]
