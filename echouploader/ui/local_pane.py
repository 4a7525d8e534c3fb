"""The local site pane, like FileZilla's: a folder tree above, the chosen folder's list below.

The tree's roots are the places exports land: home, Desktop, Documents, Downloads and removable
drives (``/media``, ``/run/media``, ``/Volumes``); never ``/proc`` or ``/sys``. Folders are read
when they are opened (``os.scandir``) and rows only change when the user asks (opening a folder,
Refresh), so nothing moves under the pointer and a drag carries the row that was pressed. Sorting
is by name, case-insensitive, folders first; the list sorts by any column with a correct arrow.
Enter on a folder, the context menu and *Transfer → Upload exam…* ask to upload it
(``upload_requested``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMimeData, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileIconProvider,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from echouploader.core.ftps.quota import human as human_size
from echouploader.core.privacy.file_kinds import (
    DOCUMENT_EXTENSIONS,
    IMAGE_EXTENSIONS,
    VIDEO_EXTENSIONS,
)
from echouploader.ui.formats import local_time

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
LOADED_ROLE = Qt.ItemDataRole.UserRole + 3
COL_NAME, COL_SIZE, COL_TYPE, COL_MODIFIED = range(4)
REMOVABLE_PARENTS = (Path("/media"), Path("/run/media"), Path("/Volumes"))


def places(home: Path | None = None) -> list[tuple[str, Path]]:
    """Home, its Desktop, Documents and Downloads, and mounted removable drives (that exist)."""
    home = home or Path.home()
    found: list[tuple[str, Path]] = [(home.name or str(home), home)]
    for name in ("Desktop", "Documents", "Downloads"):
        if (home / name).is_dir():
            found.append((name, home / name))
    for parent in REMOVABLE_PARENTS:
        for drive in _drives(parent):
            found.append((drive.name, drive))
    return found


def _drives(parent: Path) -> list[Path]:
    """``/media/DRIVE``, ``/media/USER/DRIVE``, ``/run/media/USER/DRIVE``, ``/Volumes/DRIVE``."""
    out: list[Path] = []
    for p in _subfolders(parent):
        if os.path.ismount(p) or parent.name == "Volumes":
            out.append(p)
        else:
            out.extend(q for q in _subfolders(p) if os.path.ismount(q))
    return out


def _subfolders(folder: Path) -> list[Path]:
    try:
        with os.scandir(folder) as it:
            found = [Path(e.path) for e in it if _is_dir(e) and not e.name.startswith(".")]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.name.casefold())


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def type_name(path: Path, is_dir: bool) -> str:
    """What a sonographer calls it; by extension only, never a guess like "Apple Keynote"."""
    translate = QCoreApplication.translate
    ext = path.suffix.lower()
    if is_dir:
        return translate("LocalPane", "Folder")
    if ext == ".dcm" or path.name.upper() == "DICOMDIR":
        return translate("LocalPane", "DICOM file")
    if ext in VIDEO_EXTENSIONS:
        return translate("LocalPane", "Video")
    if ext in IMAGE_EXTENSIONS:
        return translate("LocalPane", "Image")
    if ext in DOCUMENT_EXTENSIONS:
        return translate("LocalPane", "PDF document")
    if ext:
        return translate("LocalPane", "%1 file").replace("%1", ext[1:].upper())
    return translate("LocalPane", "File")


class _Item(QTreeWidgetItem):
    """Sorts by the value in SORT_ROLE (folders first, then name / size / time)."""

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        tree = self.treeWidget()
        col = tree.sortColumn() if tree is not None else 0
        mine, theirs = self.data(col, SORT_ROLE), other.data(col, SORT_ROLE)
        if mine is None or theirs is None:
            return super().__lt__(other)
        return bool(mine < theirs)


class FileList(QTreeWidget):
    """The chosen folder's entries; dragging carries the pressed rows as file URLs."""

    upload_requested = Signal(object)  # Path of a folder
    open_requested = Signal(object)  # Path of a folder

    def mimeData(self, items: Iterable[QTreeWidgetItem]) -> QMimeData:  # noqa: N802 - Qt API
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(i.data(COL_NAME, PATH_ROLE))) for i in items])
        return mime

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt API
        return ["text/uri-list"]

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            item = self.currentItem()
            path = Path(item.data(COL_NAME, PATH_ROLE)) if item is not None else None
            if path is not None and path.is_dir():
                self.upload_requested.emit(path)
                return
        if event.key() == Qt.Key.Key_Backspace:
            item = self.topLevelItem(0)
            if item is not None:
                self.open_requested.emit(Path(item.data(COL_NAME, PATH_ROLE)).parent.parent)
                return
        super().keyPressEvent(event)


class LocalPane(QWidget):
    folder_changed = Signal(str)
    upload_requested = Signal(object)  # Path of the exam folder to upload

    def __init__(
        self,
        start: Path | None = None,
        parent: QWidget | None = None,
        *,
        home: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.home = home or Path.home()
        self.folder: Path | None = None
        self._icons = QFileIconProvider()

        self.path_edit = QLineEdit()
        label = QLabel()
        label.setBuddy(self.path_edit)
        self._label = label
        self.path_edit.returnPressed.connect(lambda: self.show_folder(Path(self.path_edit.text())))

        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.itemExpanded.connect(self._expand)
        self.tree.currentItemChanged.connect(self._tree_chose)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(
            lambda pos: self._menu(self.tree, pos)  # type: ignore[arg-type]
        )

        self.files = FileList()
        self.view = self.files  # the list the user drags from
        self.files.setRootIsDecorated(False)
        self.retranslate()
        self.files.setColumnWidth(COL_NAME, 240)
        self.files.setDragEnabled(True)
        self.files.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.files.setSortingEnabled(True)
        self.files.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
        self.files.itemDoubleClicked.connect(self._open_item)
        self.files.upload_requested.connect(self.upload_requested.emit)
        self.files.open_requested.connect(self.show_folder)
        self.files.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.files.customContextMenuRequested.connect(
            lambda pos: self._menu(self.files, pos)  # type: ignore[arg-type]
        )

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tree)
        split.addWidget(self.files)
        split.setSizes([200, 300])
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.path_edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self.setTabOrder(self.path_edit, self.tree)
        self.setTabOrder(self.tree, self.files)
        self.fill_places()
        self.show_folder(start or self.home)

    def retranslate(self) -> None:
        """The pane's words (again after the language changes; types show on the next listing)."""
        self._label.setText(self.tr("&Local site:"))
        self.path_edit.setAccessibleName(self.tr("Local folder"))
        self.tree.setAccessibleName(self.tr("Local folders"))
        self.files.setAccessibleName(self.tr("Local files"))
        self.files.setHeaderLabels(
            [self.tr("Filename"), self.tr("Size"), self.tr("Type"), self.tr("Last modified")]
        )
        self.refresh()

    # --- the folder tree ------------------------------------------------------------------------

    def fill_places(self) -> None:
        self.tree.clear()
        for label, path in places(self.home):
            item = self._folder_item(path, label)
            self.tree.addTopLevelItem(item)

    def _folder_item(self, path: Path, label: str | None = None) -> QTreeWidgetItem:
        item = QTreeWidgetItem([label or path.name])
        item.setData(0, PATH_ROLE, str(path))
        item.setData(0, LOADED_ROLE, False)
        item.setIcon(0, self._icons.icon(QFileIconProvider.IconType.Folder))
        item.setToolTip(0, str(path))
        item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
        return item

    def _expand(self, item: QTreeWidgetItem) -> None:
        if item.data(0, LOADED_ROLE):
            return
        item.setData(0, LOADED_ROLE, True)
        subs = _subfolders(Path(item.data(0, PATH_ROLE)))
        for sub in subs:
            item.addChild(self._folder_item(sub))
        if not subs:
            item.setChildIndicatorPolicy(
                QTreeWidgetItem.ChildIndicatorPolicy.DontShowIndicatorWhenChildless
            )

    def _tree_chose(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self._list(Path(item.data(0, PATH_ROLE)))

    def _reveal(self, folder: Path) -> None:
        """Select ``folder`` in the tree under the place that holds it (opening the way)."""
        best: QTreeWidgetItem | None = None
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            root = Path(top.data(0, PATH_ROLE))
            holds = folder == root or root in folder.parents
            if holds and (best is None or len(str(root)) > len(str(best.data(0, PATH_ROLE)))):
                best = top
        if best is None:  # somewhere else (the demo's exams): a root of its own, at the end
            best = self._folder_item(folder, str(folder))
            self.tree.addTopLevelItem(best)
        item = best
        rest = folder.relative_to(Path(best.data(0, PATH_ROLE))).parts
        for part in rest:
            self.tree.expandItem(item)
            self._expand(item)
            nxt = next(
                (
                    item.child(c)
                    for c in range(item.childCount())
                    if Path(item.child(c).data(0, PATH_ROLE)).name == part
                ),
                None,
            )
            if nxt is None:
                break
            item = nxt
        self.tree.blockSignals(True)
        self.tree.setCurrentItem(item)
        self.tree.blockSignals(False)
        self.tree.scrollToItem(item)

    # --- the file list --------------------------------------------------------------------------

    def show_folder(self, folder: Path) -> None:
        if not folder.is_dir():
            return
        self._reveal(folder)
        self._list(folder)

    def refresh(self) -> None:
        if self.folder is not None:
            self._list(self.folder)

    def _list(self, folder: Path) -> None:
        self.folder = folder
        self.path_edit.setText(str(folder))
        self.files.setSortingEnabled(False)
        self.files.clear()
        try:
            with os.scandir(folder) as it:
                entries = [e for e in it if not e.name.startswith(".")]
        except OSError:
            entries = []
        for e in entries:
            self.files.addTopLevelItem(self._file_item(e))
        self.files.setSortingEnabled(True)  # sorts once, by the column and order shown
        self.folder_changed.emit(str(folder))

    def _file_item(self, e: os.DirEntry[str]) -> QTreeWidgetItem:
        path = Path(e.path)
        is_dir = _is_dir(e)
        try:
            st = e.stat()
            size, mtime = (0 if is_dir else st.st_size), st.st_mtime
        except OSError:
            size, mtime = 0, 0.0
        item = _Item(
            [e.name, "" if is_dir else human_size(size), type_name(path, is_dir), local_time(mtime)]
        )
        item.setData(COL_NAME, PATH_ROLE, str(path))
        rank = 0 if is_dir else 1
        item.setData(COL_NAME, SORT_ROLE, (rank, e.name.casefold(), e.name))
        item.setData(COL_SIZE, SORT_ROLE, (rank, size, e.name.casefold()))
        item.setData(COL_TYPE, SORT_ROLE, (rank, item.text(COL_TYPE), e.name.casefold()))
        item.setData(COL_MODIFIED, SORT_ROLE, (rank, mtime, e.name.casefold()))
        item.setTextAlignment(COL_SIZE, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        icon = QFileIconProvider.IconType.Folder if is_dir else QFileIconProvider.IconType.File
        item.setIcon(COL_NAME, self._icons.icon(icon))
        return item

    def names(self) -> list[str]:
        """The list's names, top to bottom, as shown."""
        files = self.files
        return [files.topLevelItem(i).text(COL_NAME) for i in range(files.topLevelItemCount())]

    def _open_item(self, item: QTreeWidgetItem, _col: int) -> None:
        path = Path(item.data(COL_NAME, PATH_ROLE))
        if path.is_dir():
            self.show_folder(path)

    def selected_folder(self) -> Path | None:
        """The folder to upload: the one chosen in the list, else the one chosen in the tree."""
        if self.files.hasFocus() or self.files.selectedItems():
            item = self.files.currentItem()
            if item is not None and item.isSelected():
                path = Path(item.data(COL_NAME, PATH_ROLE))
                if path.is_dir():
                    return path
        item = self.tree.currentItem()
        return Path(item.data(0, PATH_ROLE)) if item is not None else None

    def _menu(self, tree: QTreeWidget, pos: QPoint) -> QMenu:
        item = tree.itemAt(pos)
        path: Path | None = None
        if item is not None:
            path = Path(item.data(0, PATH_ROLE))
        menu = QMenu(tree)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        upload = menu.addAction(self.tr("&Upload exam…"))
        upload.setEnabled(path is not None and path.is_dir())
        upload.triggered.connect(lambda: self.upload_requested.emit(path))
        if path is not None and path.is_dir():
            opened = menu.addAction(self.tr("&Open"))
            opened.triggered.connect(lambda: self.show_folder(path))
        menu.addSeparator()
        refresh = menu.addAction(self.tr("&Refresh"))
        refresh.triggered.connect(self.refresh)
        menu.popup(tree.viewport().mapToGlobal(pos))
        return menu
