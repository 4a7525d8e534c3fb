"""The remote tree's behaviour: lazy listing, refresh, the context menu, new folders, rename
and delete (also on F2 and Delete). The server is shared by every site: Delete is offered only
for this computer's own unfinished uploads (their files and folders, and temporary files).

The pane (:mod:`echouploader.ui.remote_pane`) only shows entries; this controller asks the
window's workers for them and creates folders on the server through the core.
"""

from __future__ import annotations

import posixpath
from typing import Any

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QMessageBox, QWidget

from echouploader.core.ftps.remote_fs import RemoteEntry
from echouploader.core.transfer.plan import PART_SUFFIX
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
        # F2 and Delete act on the chosen row while the remote tree has the focus.
        self.rename_key = QAction(self.tr("Rename"), view)
        self.rename_key.setShortcut(QKeySequence(Qt.Key.Key_F2))
        self.delete_key = QAction(self.tr("Delete"), view)
        self.delete_key.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        for action, slot in (
            (self.rename_key, self.ask_rename),
            (self.delete_key, self.ask_delete),
        ):
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _checked=False, slot=slot: slot(self.current_entry()))
            view.addAction(action)

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

    def menu(self, pos: QPoint) -> QMenu:
        folder = self.view.folder_at(pos)
        entry = self.entry_at(self.view.indexAt(pos))
        menu = QMenu(self.view)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        exam = menu.addAction(self.tr("New &exam folder…"))
        exam.triggered.connect(lambda: self.new_exam_folder(folder))
        new = menu.addAction(self.tr("New &folder…"))
        new.triggered.connect(lambda: self.ask_new_folder(folder))
        menu.addSeparator()
        rename = menu.addAction(self.tr("Re&name…"))
        rename.setShortcut(QKeySequence(Qt.Key.Key_F2))
        rename.triggered.connect(lambda: self.ask_rename(entry))
        delete = menu.addAction(self.tr("&Delete…"))
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.triggered.connect(lambda: self.ask_delete(entry))
        menu.addSeparator()
        refresh = menu.addAction(self.tr("&Refresh"))
        refresh.triggered.connect(lambda: self.refresh(folder))
        connected = self.host.connection is not None
        for a in (exam, new, refresh):
            a.setEnabled(connected)
        rename.setEnabled(connected and entry is not None)
        delete.setEnabled(connected and entry is not None and self.deletable(entry))
        menu.popup(self.view.viewport().mapToGlobal(pos))
        return menu

    # --- rename and delete ----------------------------------------------------------------------

    def entry_at(self, index: Any) -> tuple[str, bool] | None:
        """(path, is a folder) of the row at ``index``; None for no row, a hint or the top."""
        if not index.isValid():
            return None
        index = index.siblingAtColumn(0)
        path = index.data(PATH_ROLE)
        if not path or path == self.view.root_path:
            return None
        return str(path), bool(index.data(IS_DIR_ROLE))

    def current_entry(self) -> tuple[str, bool] | None:
        return self.entry_at(self.view.currentIndex())

    def ask_rename(self, entry: tuple[str, bool] | None) -> QInputDialog | None:
        if entry is None or self.host.connection is None:
            return None
        path, _is_dir = entry
        dialog = QInputDialog(self.dialog_parent)
        dialog.setWindowTitle(self.tr("Rename"))
        dialog.setLabelText(self.tr("New name for %1:").replace("%1", path))
        dialog.setTextValue(posixpath.basename(path))
        dialog.textValueSelected.connect(lambda name: self.rename(path, name))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def rename(self, path: str, name: str) -> None:
        w = self.host
        conn = w.connection
        if conn is None or name.strip() == posixpath.basename(path):
            return
        parent = posixpath.dirname(path)
        self.pool.start(
            lambda _p, _c: conn.rename(path, name),
            "rename",
            on_success=lambda new: self._changed(
                parent, self.tr("Renamed %1 to %2.").replace("%1", path).replace("%2", str(new))
            ),
            on_error=lambda exc: self._failed(parent, exc),
        )

    def deletable(self, entry: tuple[str, bool]) -> bool:
        """Only what this computer left unfinished: another site's exams are not ours to delete."""
        path, _is_dir = entry
        if posixpath.basename(path).endswith(PART_SUFFIX):
            return True
        return posixpath.normpath(path) in self.host.own_unfinished_paths()

    def ask_delete(self, entry: tuple[str, bool] | None) -> QMessageBox | None:
        if entry is None or self.host.connection is None:
            return None
        if not self.deletable(entry):
            self.host.log_status(
                self.tr(
                    "%1 is not an unfinished upload of this computer; only those can be "
                    "deleted here."
                ).replace("%1", entry[0])
            )
            return None
        path, is_dir = entry
        question = (
            self.tr("Delete the folder %1 and everything in it from the server?")
            if is_dir
            else self.tr("Delete the file %1 from the server?")
        ).replace("%1", path)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Delete"),
            question + "\n\n" + self.tr("This cannot be undone."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.dialog_parent,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)  # Enter alone deletes nothing
        yes = box.button(QMessageBox.StandardButton.Yes)
        yes.setText(self.tr("&Delete"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self.delete(path) if button is yes else None)
        box.open()
        return box

    def delete(self, path: str) -> None:
        conn = self.host.connection
        if conn is None:
            return
        parent = posixpath.dirname(path)
        self.pool.start(
            lambda _p, _c: conn.delete(path),
            "delete",
            on_success=lambda _r: self._changed(parent, self.tr("Deleted %1.").replace("%1", path)),
            on_error=lambda exc: self._failed(parent, exc),
        )

    def _changed(self, parent: str, message: str) -> None:
        self.host.log_status(message)
        self.refresh(parent)

    def _failed(self, parent: str, exc: BaseException | str) -> None:
        self.host.show_error(exc)
        self.refresh(parent)  # show what the server holds now

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
