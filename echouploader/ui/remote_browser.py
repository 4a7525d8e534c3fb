"""The remote tree's behaviour: lazy listing, refresh, the context menu, new folders.

The pane (:mod:`echouploader.ui.remote_pane`) only shows entries; this controller asks the
window's workers for them and creates folders on the server through the core.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtWidgets import QInputDialog, QMenu

from echouploader.core.ftps.remote_fs import RemoteEntry
from echouploader.ui.dialogs.exam import NewExamFolderDialog
from echouploader.ui.remote_pane import IS_DIR_ROLE, LOADED_ROLE, PATH_ROLE

if TYPE_CHECKING:
    from echouploader.ui.main_window import MainWindow


class RemoteBrowser(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        view = window.remote_view
        view.expanded.connect(self._expanded)
        view.clicked.connect(self._clicked)
        view.customContextMenuRequested.connect(self.menu)

    def _expanded(self, index: Any) -> None:
        w = self.window
        if not index.data(IS_DIR_ROLE):
            return
        path = index.data(PATH_ROLE)
        item = w.remote_model.item_for(path)
        if item is not None and not item.data(LOADED_ROLE):
            self.list_folder(path)

    def _clicked(self, index: Any) -> None:
        w = self.window
        path = index.siblingAtColumn(0).data(PATH_ROLE)
        if path:
            w.remote_path_edit.setText(str(path))

    def list_folder(self, path: str) -> None:
        w = self.window
        conn = w.connection
        if conn is None:
            return
        w.log_status(self.tr('Retrieving directory listing of "%1"…').replace("%1", path))

        def job(_progress: Any, _cancel: Any) -> list[RemoteEntry]:
            return conn.list(path)

        def done(entries: list[RemoteEntry]) -> None:
            w.remote_model.populate(path, entries)
            w.log_status(self.tr('Directory listing of "%1" successful').replace("%1", path))
            self.mark_exams(path, entries)

        w.pool.start(job, "list", on_success=done, on_error=w.show_error)

    def mark_exams(self, path: str, entries: list[RemoteEntry]) -> None:
        """Exam folders in ``path`` get an icon and a tooltip for their arrival state."""
        from echouploader.ui.arrivals_view import mark_arrivals

        rule = self.window.exam_rule()
        if any(e.is_dir and rule.parse_folder_name(e.name) for e in entries):
            mark_arrivals(self.window, path)

    def refresh(self, path: str | None = None) -> None:
        w = self.window
        conn = w.connection
        if conn is None:
            return
        target = path or w.remote_view.root_path
        conn.forget(target)
        self.list_folder(target)

    def current_folder(self) -> str:
        w = self.window
        index = w.remote_view.currentIndex()
        if index.isValid():
            index = index.siblingAtColumn(0)
            path = index.data(PATH_ROLE)
            if path:
                return str(path) if index.data(IS_DIR_ROLE) else posixpath.dirname(str(path))
        return w.remote_view.root_path

    def menu(self, pos: QPoint) -> None:
        w = self.window
        folder = w.remote_view.folder_at(pos)
        menu = QMenu(w)
        exam = menu.addAction(self.tr("New &exam folder…"))
        exam.triggered.connect(lambda: self.new_exam_folder(folder))
        new = menu.addAction(self.tr("New &folder…"))
        new.triggered.connect(lambda: self.ask_new_folder(folder))
        menu.addSeparator()
        refresh = menu.addAction(self.tr("&Refresh"))
        refresh.triggered.connect(lambda: self.refresh(folder))
        for a in (exam, new, refresh):
            a.setEnabled(w.connection is not None)
        menu.popup(w.remote_view.viewport().mapToGlobal(pos))

    def ask_new_folder(self, parent: str) -> QInputDialog:
        dialog = QInputDialog(self.window)
        dialog.setWindowTitle(self.tr("New folder"))
        dialog.setLabelText(self.tr("Name of the new folder in %1:").replace("%1", parent))
        dialog.textValueSelected.connect(lambda name: self.make_folder(parent, name))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def make_folder(self, parent: str, name: str) -> None:
        w = self.window
        conn = w.connection
        name = name.strip()
        if conn is None or not name:
            return
        if "/" in name or name in (".", ".."):
            w.show_error(self.tr("A folder name cannot contain '/' or be '.' or '..'."))
            return
        path = posixpath.join(parent, name)
        w.pool.start(
            lambda _p, _c: conn.make_dir(path),
            "mkdir",
            on_success=lambda _r: self._folder_made(parent, path),
            on_error=w.show_error,
        )

    def _folder_made(self, parent: str, path: str) -> None:
        w = self.window
        w.log_status(self.tr("Created folder %1.").replace("%1", path))
        self.refresh(parent)

    def new_exam_folder(self, parent: str) -> NewExamFolderDialog:
        """Ask for subject and echo; create the folder named by the site's exam rule."""
        w = self.window
        dialog = NewExamFolderDialog(w.exam_rule(), parent, w)
        dialog.folder_chosen.connect(lambda name: self.make_folder(parent, name))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
