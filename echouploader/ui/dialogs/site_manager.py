"""The site manager: sites by folder, IT's managed sites locked, FileZilla import, connect.

Sites are read from and written to the core's :class:`SiteStore` (small JSON files); passwords go
to the keyring through the window (a worker), never into the site file. Importing a FileZilla XML
file runs in a worker and ends with the core's import summary.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from echouploader.core.errors import EchoUploaderError
from echouploader.core.ftps.target import EXPLICIT_PORT, IMPLICIT_PORT
from echouploader.core.sites.store import EXPLICIT, IMPLICIT, Site, SiteStore

NAME_ROLE = Qt.ItemDataRole.UserRole + 20


class SiteManagerDialog(QDialog):
    connect_requested = Signal(object)  # Site
    import_requested = Signal(str)  # path of a FileZilla XML file
    password_entered = Signal(object, str)  # Site, password (the window stores it in the keyring)

    def __init__(self, store: SiteStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Site Manager"))
        self.setAccessibleName(self.tr("Site Manager"))
        self.resize(820, 480)

        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(self.tr("Sites"))
        self.tree.currentItemChanged.connect(self._selected)
        self.tree.itemDoubleClicked.connect(lambda *_: self._connect())

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.addLayout(self._build_form())
        rl.addStretch(1)
        rl.addLayout(self._build_buttons())

        split = QSplitter()
        split.addWidget(self.tree)
        split.addWidget(right)
        split.setSizes([300, 520])
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.connect_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)
        self._editing: str | None = None
        self.reload()

    # --- layout ---------------------------------------------------------------------------------

    def _build_form(self) -> QFormLayout:
        """The selected site's fields (IT's managed sites show them read-only)."""
        self.name_edit = QLineEdit()
        self.host_edit = QLineEdit()
        self.port_spin = QSpinBox()
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(IMPLICIT_PORT)
        self.protocol_combo = QComboBox()
        self.protocol_combo.addItem(self.tr("FTPS, implicit TLS (port 990)"), IMPLICIT)
        self.protocol_combo.addItem(self.tr("FTPES, explicit TLS (port 21)"), EXPLICIT)
        self.protocol_combo.currentIndexChanged.connect(self._protocol_changed)
        self.user_edit = QLineEdit()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("kept in the keyring; type to change"))
        self.remote_dir_edit = QLineEdit("/")
        self.rate_spin = QDoubleSpinBox()  # the site's upload speed limit, all connections
        self.rate_spin.setRange(0.0, 10_000.0)
        self.rate_spin.setDecimals(1)
        self.rate_spin.setSingleStep(0.5)
        self.rate_spin.setSuffix(self.tr(" MB/s"))
        self.rate_spin.setSpecialValueText(self.tr("no limit"))
        self.comments_edit = QLineEdit()
        self.managed_label = QLabel()
        self.managed_label.setWordWrap(True)
        form = QFormLayout()
        for label, w in [
            (self.tr("&Name:"), self.name_edit),
            (self.tr("&Host:"), self.host_edit),
            (self.tr("&Port:"), self.port_spin),
            (self.tr("P&rotocol:"), self.protocol_combo),
            (self.tr("&User:"), self.user_edit),
            (self.tr("Pass&word:"), self.password_edit),
            (self.tr("Server &folder:"), self.remote_dir_edit),
            (self.tr("Speed &limit:"), self.rate_spin),
            (self.tr("&Comments:"), self.comments_edit),
        ]:
            lab = QLabel(label)
            lab.setBuddy(w)
            w.setAccessibleName(label.replace("&", "").rstrip(":"))
            form.addRow(lab, w)
        form.addRow(self.managed_label)
        self.fields: list[QWidget] = [
            self.name_edit, self.host_edit, self.port_spin, self.protocol_combo, self.user_edit,
            self.password_edit, self.remote_dir_edit, self.rate_spin, self.comments_edit,
        ]  # fmt: skip
        return form

    def _build_buttons(self) -> QHBoxLayout:
        """Every button; returns the editing row (Connect and Close go at the bottom)."""
        self.new_button = QPushButton(self.tr("&New site"))
        self.save_button = QPushButton(self.tr("&Save"))
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.import_button = QPushButton(self.tr("&Import…"))
        self.connect_button = QPushButton(self.tr("&Connect"))
        self.close_button = QPushButton(self.tr("Close"))
        self.new_button.clicked.connect(self._new)
        self.save_button.clicked.connect(self._save)
        self.remove_button.clicked.connect(self._remove)
        self.import_button.clicked.connect(self._import)
        self.connect_button.clicked.connect(self._connect)
        self.close_button.clicked.connect(self.reject)
        edit_row = QHBoxLayout()
        for b in (self.new_button, self.save_button, self.remove_button, self.import_button):
            edit_row.addWidget(b)
        return edit_row

    # --- list -----------------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        self.tree.clear()
        try:
            sites = self.store.sites()
            allow = self.store.policy().allow_user_sites
        except EchoUploaderError as exc:
            self._message(str(exc))
            sites, allow = [], False
        self.new_button.setEnabled(allow)
        self.import_button.setEnabled(allow)
        folders: dict[str, QTreeWidgetItem] = {}
        folder_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_DirIcon)
        lock_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_VistaShield)
        site_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_DriveNetIcon)
        for site in sites:
            parent: QTreeWidget | QTreeWidgetItem = self.tree
            path = ""
            for part in [p for p in site.folder.split("/") if p]:
                path = f"{path}/{part}"
                if path not in folders:
                    node = QTreeWidgetItem([part])
                    node.setIcon(0, folder_icon)
                    if isinstance(parent, QTreeWidget):
                        parent.addTopLevelItem(node)
                    else:
                        parent.addChild(node)
                    node.setExpanded(True)
                    folders[path] = node
                parent = folders[path]
            label = site.name + (self.tr(" (managed by IT)") if site.managed else "")
            item = QTreeWidgetItem([label])
            item.setIcon(0, lock_icon if site.managed else site_icon)
            item.setData(0, NAME_ROLE, site.name)
            if isinstance(parent, QTreeWidget):
                parent.addTopLevelItem(item)
            else:
                parent.addChild(item)
                parent.setExpanded(True)
            if site.name == select:
                self.tree.setCurrentItem(item)
        first = self.tree.topLevelItem(0)
        if select is None and first is not None:
            self.tree.setCurrentItem(first)
        self._selected(self.tree.currentItem(), None)

    def current_site(self) -> Site | None:
        item = self.tree.currentItem()
        name = item.data(0, NAME_ROLE) if item is not None else None
        return self.store.find(name) if name else None

    def select(self, name: str) -> None:
        self.reload(select=name)

    def _selected(self, item: QTreeWidgetItem | None, _prev: object) -> None:
        site = self.current_site()
        self._editing = site.name if site else None
        self._show(site)

    def _show(self, site: Site | None) -> None:
        editable = site is None or not site.managed
        self.name_edit.setText(site.name if site else "")
        self.host_edit.setText(site.host if site else "")
        self.port_spin.setValue(site.port if site else IMPLICIT_PORT)
        self.protocol_combo.setCurrentIndex(0 if site is None or site.implicit else 1)
        self.user_edit.setText(site.user if site else "")
        self.password_edit.clear()
        self.remote_dir_edit.setText(site.remote_dir if site else "/")
        self.rate_spin.setValue(site.rate_limit / 1e6 if site else 0.0)
        self.comments_edit.setText(site.comments if site else "")
        for w in self.fields:
            w.setEnabled(editable or w is self.password_edit)  # IT sets sites, users passwords
        self.managed_label.setText(
            self.tr("This site is managed by your IT department and cannot be changed here.")
            if site is not None and site.managed
            else ""
        )
        self.save_button.setEnabled(site is not None or self.new_button.isEnabled())
        self.remove_button.setEnabled(site is not None and not site.managed)
        self.connect_button.setEnabled(site is not None)

    def _protocol_changed(self) -> None:
        implicit = self.protocol_combo.currentData() == IMPLICIT
        if self.port_spin.value() in (IMPLICIT_PORT, EXPLICIT_PORT):
            self.port_spin.setValue(IMPLICIT_PORT if implicit else EXPLICIT_PORT)

    # --- editing --------------------------------------------------------------------------------

    def form_site(self, base: Site | None = None) -> Site:
        fields = {
            "name": self.name_edit.text().strip(),
            "host": self.host_edit.text().strip(),
            "port": self.port_spin.value(),
            "protocol": str(self.protocol_combo.currentData()),
            "user": self.user_edit.text().strip(),
            "remote_dir": self.remote_dir_edit.text().strip() or "/",
            "rate_limit": round(self.rate_spin.value() * 1e6),
            "comments": self.comments_edit.text(),
        }
        if base is not None:
            return Site.from_dict({**base.to_dict(), **fields})
        return Site.from_dict(fields)

    def _new(self) -> None:
        self.tree.setCurrentItem(None)  # type: ignore[call-overload]
        self._editing = None
        self._show(None)
        self.name_edit.setText(self.store.unique_name(self.tr("New site")))
        self.save_button.setEnabled(True)
        self.name_edit.setFocus()

    def _save(self) -> None:
        try:
            current = self.store.find(self._editing) if self._editing else None
            if current is not None and current.managed:
                site = current  # only the password can be set for a managed site
            elif self._editing is None:
                site = self.store.add(self.form_site())
            else:
                base = self.store.get(self._editing)
                site = self.store.update(self._editing, self.form_site(base))
        except EchoUploaderError as exc:
            self._message(str(exc))
            return
        password = self.password_edit.text()
        if password:
            self.password_entered.emit(site, password)
        self.reload(select=site.name)

    def _remove(self) -> None:
        site = self.current_site()
        if site is None:
            return
        try:
            self.store.remove(site.name)
        except EchoUploaderError as exc:
            self._message(str(exc))
            return
        self.reload()

    def _import(self) -> None:
        dialog = QFileDialog(self, self.tr("Import sites from a FileZilla file"))
        dialog.setNameFilters([self.tr("FileZilla site files (*.xml)"), self.tr("All files (*)")])
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self.import_requested.emit)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _connect(self) -> None:
        site = self.current_site()
        if site is not None:
            self.connect_requested.emit(site)
            self.accept()

    def show_summary(self, lines: list[str]) -> QMessageBox:
        self.reload()
        return self._message("\n".join(lines), icon=QMessageBox.Icon.Information)

    def _message(self, text: str, icon: QMessageBox.Icon = QMessageBox.Icon.Warning) -> QMessageBox:
        box = QMessageBox(icon, self.tr("Site Manager"), text, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box
