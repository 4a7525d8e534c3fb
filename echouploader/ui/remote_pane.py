"""The remote site pane: a tree of the server's folders filled lazily by the window's workers.

The pane never talks to the server: it asks (``list_requested``), the window runs a worker, and
hands the entries back to :meth:`RemoteModel.populate`. Files and folders dropped on it (from the
local pane or the system's file manager) come out as ``dropped(paths, remote_folder)``.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileIconProvider,
    QStyle,
    QTreeView,
    QWidget,
)

from echouploader.core.ftps.quota import human as human_size
from echouploader.core.ftps.remote_fs import RemoteEntry
from echouploader.ui.formats import utc_time

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
IS_DIR_ROLE = Qt.ItemDataRole.UserRole + 2
LOADED_ROLE = Qt.ItemDataRole.UserRole + 3
EXAM_STATE_ROLE = Qt.ItemDataRole.UserRole + 4  # complete / incomplete / uploading, or None


class RemoteModel(QStandardItemModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.retranslate()
        icons = QFileIconProvider()
        self._dir_icon = icons.icon(QFileIconProvider.IconType.Folder)
        self._file_icon = icons.icon(QFileIconProvider.IconType.File)
        self._items: dict[str, QStandardItem] = {}

    def reset_root(self, path: str) -> QModelIndex:
        self.removeRows(0, self.rowCount())
        self._items.clear()
        root = self._dir_item(path, path)
        self.appendRow([root, QStandardItem(), QStandardItem()])
        return root.index()

    def _dir_item(self, label: str, path: str) -> QStandardItem:
        item = QStandardItem(self._dir_icon, label)
        item.setEditable(False)
        item.setData(path, PATH_ROLE)
        item.setData(True, IS_DIR_ROLE)
        item.setData(False, LOADED_ROLE)
        item.setDropEnabled(True)
        loading = QStandardItem(self.tr("Loading…"))
        loading.setEnabled(False)
        item.appendRow(loading)
        self._items[path] = item
        return item

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Size"), self.tr("Last modified")])

    def show_hint(self, text: str) -> None:
        """Not connected: one row saying what to do, instead of an empty pane."""
        self.removeRows(0, self.rowCount())
        self._items.clear()
        hint = QStandardItem(text)
        hint.setEditable(False)
        hint.setSelectable(False)
        hint.setToolTip(text)
        self.appendRow([hint, QStandardItem(), QStandardItem()])

    def item_for(self, path: str) -> QStandardItem | None:
        return self._items.get(path)

    def populate(self, path: str, entries: list[RemoteEntry]) -> None:
        parent = self._items.get(path)
        if parent is None:
            return
        parent.removeRows(0, parent.rowCount())
        inside = path.rstrip("/") + "/"
        for key in [k for k in self._items if k != path and k.startswith(inside)]:
            del self._items[key]  # children and their children: their rows are gone
        for e in entries:
            child_path = e.path_in(path)
            if e.is_dir:
                name = self._dir_item(e.name, child_path)
                size = QStandardItem("")
            else:
                name = QStandardItem(self._file_icon, e.name)
                name.setData(child_path, PATH_ROLE)
                name.setData(False, IS_DIR_ROLE)
                name.setEditable(False)
                size = QStandardItem(human_size(e.size))
                size.setData(e.size, Qt.ItemDataRole.UserRole)
                size.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            when = QStandardItem(utc_time(e.modified) if e.modified else "")
            for it in (size, when):
                it.setEditable(False)
            parent.appendRow([name, size, when])
        parent.setData(True, LOADED_ROLE)

    def mark_exam(self, path: str, state: str, tooltip: str) -> None:
        """Show an exam folder's arrival state (complete, incomplete, uploading) on its row."""
        item = self._items.get(path)
        if item is None:
            return
        pixmap = {
            "complete": QStyle.StandardPixmap.SP_DialogApplyButton,
            "incomplete": QStyle.StandardPixmap.SP_MessageBoxWarning,
            "uploading": QStyle.StandardPixmap.SP_BrowserReload,
        }.get(state)
        if pixmap is None:
            return
        item.setIcon(QApplication.style().standardIcon(pixmap))
        item.setToolTip(tooltip)
        item.setData(state, EXAM_STATE_ROLE)

    def entry_names(self, path: str) -> list[str]:
        parent = self._items.get(path)
        if parent is None or not parent.data(LOADED_ROLE):
            return []
        return [parent.child(r, 0).text() for r in range(parent.rowCount())]


class RemoteTreeView(QTreeView):
    """Accepts drops of local files and folders (file URLs) onto the tree or a folder in it."""

    dropped = Signal(list, str)  # [Path], remote folder

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.root_path = "/"

    def current_folder(self) -> str:
        """The folder chosen (a file's folder when a file is chosen), else the root shown."""
        index = self.currentIndex()
        if index.isValid():
            index = index.siblingAtColumn(0)
            path = index.data(PATH_ROLE)
            if path:
                return str(path) if index.data(IS_DIR_ROLE) else posixpath.dirname(str(path))
        return self.root_path

    def folder_at(self, pos: QPoint) -> str:
        index = self.indexAt(pos)
        if not index.isValid():
            return self.root_path
        index = index.siblingAtColumn(0)
        path = index.data(PATH_ROLE)
        if path is None:
            return self.root_path
        return str(path) if index.data(IS_DIR_ROLE) else posixpath.dirname(str(path))

    @staticmethod
    def _local_paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        if self._local_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt API
        if self._local_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        found = self._local_paths(event)
        if not found:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.dropped.emit(found, self.folder_at(event.position().toPoint()))
