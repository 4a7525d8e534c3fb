"""The remote tree's behaviour: lazy listing, refresh, the context menu, new folders.

The pane (:mod:`echouploader.ui.remote_pane`) only shows entries; this controller asks the
window's workers for them and creates folders on the server through the core.
"""

from __future__ import annotations

import posixpath
from typing import Any

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QWidget

from echouploader.core.ftps.remote_fs import RemoteEntry
from echouploader.ui.dialogs.exam import NewExamFolderDialog
from echouploader.ui.remote_pane import (
    IS_DIR_ROLE,
    LOADED_ROLE,
    PATH_ROLE,
    RemoteModel,
    RemoteTreeView,
)
from echouploader.ui.shell import RemoteHost
from echouploader.ui.workers import WorkerPool


class RemoteBrowser(QObject):
    def __init__(
        self,
        host: RemoteHost,
        pool: WorkerPool,
        view: RemoteTreeView,
        model: RemoteModel,
        path_edit: QLineEdit,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.host = host
        self.pool = pool
        self.view = view
        self.model = model
        self.path_edit = path_edit
        self.dialog_parent = parent
        view.expanded.connect(self._expanded)
        view.clicked.connect(self._clicked)
        view.customContextMenuRequested.connect(self.menu)

    def _expanded(self, index: Any) -> None:
        if not index.data(IS_DIR_ROLE):
            return
        path = index.data(PATH_ROLE)
        item = self.model.item_for(path)
        if item is not None and not item.data(LOADED_ROLE):
            self.list_folder(path)

    def _clicked(self, index: Any) -> None:
        path = index.siblingAtColumn(0).data(PATH_ROLE)
        if path:
            self.path_edit.setText(str(path))

    def list_folder(self, path: str) -> None:
        w = self.host
        conn = w.connection
        if conn is None:
            return
        w.log_status(self.tr('Retrieving directory listing of "%1"…').replace("%1", path))
        model = self.model

        def job(_progress: Any, _cancel: Any) -> list[RemoteEntry]:
            return conn.list(path)

        def done(entries: list[RemoteEntry]) -> None:
            model.populate(path, entries)
            w.log_status(self.tr('Directory listing of "%1" successful').replace("%1", path))
            self.mark_exams(path, entries)

        self.pool.start(job, "list", on_success=done, on_error=w.show_error)

    def mark_exams(self, path: str, entries: list[RemoteEntry]) -> None:
        """Exam folders in ``path`` get an icon and a tooltip for their arrival state."""
        from echouploader.ui.arrivals_view import mark_arrivals

        rule = self.host.exam_rule()
        if any(e.is_dir and rule.parse_folder_name(e.name) for e in entries):
            mark_arrivals(self.host, self.model, path)

    def refresh(self, path: str | None = None) -> None:
        conn = self.host.connection
        if conn is None:
            return
        target = path or self.view.root_path
        conn.forget(target)
        self.list_folder(target)

    def menu(self, pos: QPoint) -> None:
        folder = self.view.folder_at(pos)
        menu = QMenu(self.view)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        exam = menu.addAction(self.tr("New &exam folder…"))
        exam.triggered.connect(lambda: self.new_exam_folder(folder))
        new = menu.addAction(self.tr("New &folder…"))
        new.triggered.connect(lambda: self.ask_new_folder(folder))
        menu.addSeparator()
        refresh = menu.addAction(self.tr("&Refresh"))
        refresh.triggered.connect(lambda: self.refresh(folder))
        for a in (exam, new, refresh):
            a.setEnabled(self.host.connection is not None)
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def ask_new_folder(self, parent: str) -> QInputDialog:
        dialog = QInputDialog(self.dialog_parent)
        dialog.setWindowTitle(self.tr("New folder"))
        dialog.setLabelText(self.tr("Name of the new folder in %1:").replace("%1", parent))
        dialog.textValueSelected.connect(lambda name: self.make_folder(parent, name))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def make_folder(self, parent: str, name: str) -> None:
        w = self.host
        conn = w.connection
        name = name.strip()
        if conn is None or not name:
            return
        if "/" in name or name in (".", ".."):
            w.show_error(self.tr("A folder name cannot contain '/' or be '.' or '..'."))
            return
        path = posixpath.join(parent, name)
        self.pool.start(
            lambda _p, _c: conn.make_dir(path),
            "mkdir",
            on_success=lambda _r: self._folder_made(parent, path),
            on_error=w.show_error,
        )

    def _folder_made(self, parent: str, path: str) -> None:
        self.host.log_status(self.tr("Created folder %1.").replace("%1", path))
        self.refresh(parent)

    def new_exam_folder(self, parent: str) -> NewExamFolderDialog:
        """Ask for subject and echo; create the folder named by the site's exam rule."""
        dialog = NewExamFolderDialog(self.host.exam_rule(), parent, self.dialog_parent)
        dialog.folder_chosen.connect(lambda name: self.make_folder(parent, name))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
