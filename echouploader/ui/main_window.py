"""The main window, laid out like FileZilla: quick-connect bar, message log, local | remote, queue.

Views only lay out widgets and forward what the user does; connecting is in
:mod:`echouploader.ui.connection`, everything slow runs in :mod:`echouploader.ui.workers`.
"""

from __future__ import annotations

import datetime as dt
import logging
import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import quote

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices, QIntValidator, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyle,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from echouploader import __version__
from echouploader.core import paths
from echouploader.core.errors import EchoUploaderError, UsageError
from echouploader.core.ftps.demo import DEMO_PASSWORD, DemoServer
from echouploader.core.ftps.quota import human as human_size
from echouploader.core.ftps.remote_fs import RemoteConnection
from echouploader.core.ftps.session import SessionFactory
from echouploader.core.ftps.target import EXPLICIT_PORT, IMPLICIT_PORT, Endpoint, parse_url
from echouploader.core.ftps.trust_store import TrustStore
from echouploader.core.privacy.deidentify.profile import PrivacyProfile
from echouploader.core.privacy.exam_identity import ExamRule
from echouploader.core.sites.store import DEFAULT_QUOTA_BYTES, Site, SiteStore
from echouploader.core.transfer.exam_upload import SiteRules
from echouploader.ui import preload, resources
from echouploader.ui.connection import ConnectionController
from echouploader.ui.dialogs.log_viewer import LogViewerDialog
from echouploader.ui.exam_flow import ExamFlow
from echouploader.ui.local_pane import LocalPane
from echouploader.ui.queue_flow import QueueFlow, same_server
from echouploader.ui.queue_panel import QueuePanel
from echouploader.ui.remote_browser import RemoteBrowser
from echouploader.ui.remote_pane import RemoteModel, RemoteTreeView
from echouploader.ui.session_log import SessionLog
from echouploader.ui.site_flow import SiteFlow
from echouploader.ui.transfers import TransferController
from echouploader.ui.workers import WorkerPool, error_sentence

log = logging.getLogger("echouploader.ui")


class MainWindow(QMainWindow):
    exam_dropped = Signal(object, str)  # local exam folder, remote folder

    def __init__(
        self,
        *,
        demo: DemoServer | None = None,
        demo_exam: Path | None = None,
        trust_store: TrustStore | None = None,
    ) -> None:
        super().__init__()
        preload.gate_libraries()  # before the window shows: their import would freeze it
        self.setWindowTitle(self.tr("EchoUploader"))
        self.resize(1200, 800)
        self.demo = demo
        self.demo_exam = demo_exam
        self.pool = WorkerPool(self)
        self.trust_store = trust_store or TrustStore()
        self.connection: RemoteConnection | None = None
        self.endpoint: Endpoint | None = None
        self.site: Site | None = None  # the site connected to (None: quick-connect)
        self._quit_confirmed = False
        self._shut_down = False
        self.last_error: str = ""

        self.controller = ConnectionController(self.pool, self.trust_store, self)
        self.controller.status.connect(self.log_status)
        self.controller.connected.connect(self._connected)
        self.controller.failed.connect(self._connect_failed)
        self.controller.cancelled.connect(lambda _why: self._set_connected_state(False))

        self.transfers = TransferController(self.pool, parent=self)
        self.exam_flow = ExamFlow(self, self.pool, self.transfers, self)

        self._build_menus()
        self._build_body(demo_exam.parent if demo_exam else None)
        self._build_status_bar()
        self.sites = SiteFlow(self, self.pool, self.keyring_label, self)
        self.tray = self._build_tray()
        self.remote = RemoteBrowser(
            self, self.pool, self.remote_view, self.remote_model, self.remote_path_edit, self
        )
        self.queue.bind(self.transfers)
        self.uploads = QueueFlow(
            self, self.pool, self.transfers, self.queue, self.quota_label, self
        )
        self._add_queue_actions()
        self._set_connected_state(False)
        self.explain_what_to_do()
        self.sites.show_keyring_state()
        self.uploads.offer_unfinished()
        if demo is not None:
            self._offer_demo(demo, demo_exam)

    # --- layout ---------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.site_manager_action = file_menu.addAction(self.tr("&Site Manager…"))
        self.site_manager_action.setShortcut(QKeySequence("Ctrl+S"))
        self.site_manager_action.triggered.connect(lambda: self.sites.open_manager())
        self.import_action = file_menu.addAction(self.tr("&Import sites…"))
        self.import_action.triggered.connect(lambda: self.sites.open_manager(import_now=True))
        file_menu.addSeparator()
        self.disconnect_action = file_menu.addAction(self.tr("&Disconnect"))
        self.disconnect_action.triggered.connect(self.disconnect_from_server)
        file_menu.addSeparator()
        quit_action = file_menu.addAction(self.tr("&Quit"))
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)

        transfer_menu = bar.addMenu(self.tr("&Transfer"))
        self.transfer_menu = transfer_menu
        self.cancel_all_action = transfer_menu.addAction(self.tr("&Cancel all transfers"))
        self.cancel_all_action.triggered.connect(lambda: self.transfers.cancel_all())
        self.clear_finished_action = transfer_menu.addAction(self.tr("C&lear finished transfers"))
        transfer_menu.addSeparator()
        self.upload_action = transfer_menu.addAction(self.tr("&Upload exam…"))
        self.upload_action.setShortcut(QKeySequence("Ctrl+U"))
        self.upload_action.triggered.connect(lambda: self.upload_exam())
        self.clear_finished_action.triggered.connect(lambda: self.queue.clear_finished())

        view_menu = bar.addMenu(self.tr("&View"))
        self.refresh_action = view_menu.addAction(self.tr("&Refresh"))
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_action.triggered.connect(self.refresh_remote)
        self.arrivals_action = view_menu.addAction(self.tr("&Arrivals (core lab)…"))
        self.arrivals_action.triggered.connect(lambda: self.open_arrivals())
        lang_menu = view_menu.addMenu(self.tr("&Language"))
        current = resources.chosen_language()
        for code, label in [(None, self.tr("System language")), *resources.LANGUAGES.items()]:
            act = lang_menu.addAction(label)
            act.setCheckable(True)
            act.setChecked(code == current)
            act.triggered.connect(lambda _checked=False, c=code: self._choose_language(c))

        help_menu = bar.addMenu(self.tr("&Help"))
        self.log_viewer_action = help_menu.addAction(self.tr("Show transfer &log…"))
        self.log_viewer_action.triggered.connect(self.open_log_viewer)
        self.log_folder_action = help_menu.addAction(self.tr("Open &log folder"))
        self.log_folder_action.triggered.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.log_dir())))
        )
        about = help_menu.addAction(self.tr("&About EchoUploader"))
        about.triggered.connect(self._about)

    def _add_queue_actions(self) -> None:
        """Start, Pause, Resume, Cancel, Retry failed, Remove: the queue's menu, here too."""
        first = self.transfer_menu.actions()[0] if self.transfer_menu.actions() else None
        for key in ("start", "pause", "resume", "cancel", "retry", "remove"):
            self.transfer_menu.insertAction(first, self.uploads.actions[key])  # type: ignore[arg-type]
        self.transfer_menu.insertSeparator(first)  # type: ignore[arg-type]
        self.transfer_menu.aboutToShow.connect(self.uploads.update_actions)

    def _build_quickconnect(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(4, 2, 4, 2)
        self.host_edit = QLineEdit()
        self.user_edit = QLineEdit()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.port_edit = QLineEdit(str(IMPLICIT_PORT))
        self.port_edit.setValidator(QIntValidator(1, 65535, self))
        self.port_edit.setMaximumWidth(70)
        self.port_edit.setToolTip(self.tr("990: implicit TLS (FTPS) · 21: explicit TLS (FTPES)"))
        self._quick_labels: list[QLabel] = []
        for edit in (self.host_edit, self.user_edit, self.password_edit, self.port_edit):
            label = QLabel()
            label.setBuddy(edit)
            edit.returnPressed.connect(self.quick_connect)
            row.addWidget(label)
            row.addWidget(edit)
            self._quick_labels.append(label)
        self.quickconnect_button = QPushButton()
        self.quickconnect_button.clicked.connect(self.quick_connect)
        row.addWidget(self.quickconnect_button)
        row.addStretch(1)
        self._name_quickconnect()
        return box

    def _name_quickconnect(self) -> None:
        """The quick-connect bar's words (again after the language changes)."""
        edits = (self.host_edit, self.user_edit, self.password_edit, self.port_edit)
        texts = [
            (self.tr("&Host:"), self.tr("Host")),
            (self.tr("&Username:"), self.tr("Username")),
            (self.tr("Pass&word:"), self.tr("Password")),
            (self.tr("&Port:"), self.tr("Port")),
        ]
        for label, edit, (text, name) in zip(self._quick_labels, edits, texts, strict=True):
            label.setText(text)
            edit.setAccessibleName(name)
        self.quickconnect_button.setText(self.tr("&Quickconnect"))
        self.quickconnect_button.setAccessibleName(self.tr("Quickconnect"))

    def _build_body(self, local_start: Path | None) -> None:
        self.message_log = QPlainTextEdit()
        self.message_log.setReadOnly(True)
        self.message_log.setMaximumBlockCount(2000)
        self.message_log.setAccessibleName(self.tr("Message log"))
        # Warnings and errors logged by the core (already redacted) join the window's own lines.
        self.session_log = SessionLog(self)
        self.session_log.line.connect(self._session_line)

        self.local_pane = LocalPane(local_start)
        self.local_pane.upload_requested.connect(self.upload_exam)

        remote = QWidget()
        rlayout = QVBoxLayout(remote)
        rlayout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.remote_path_edit = QLineEdit()
        self.remote_path_edit.setReadOnly(True)
        self.remote_path_edit.setAccessibleName(self.tr("Remote folder"))
        label = QLabel(self.tr("&Remote site:"))
        label.setBuddy(self.remote_path_edit)
        top.addWidget(label)
        top.addWidget(self.remote_path_edit, 1)
        self.remote_model = RemoteModel(self)
        self.remote_view = RemoteTreeView()
        self.remote_view.setModel(self.remote_model)
        self.remote_view.setAccessibleName(self.tr("Remote files"))
        self.remote_view.setColumnWidth(0, 280)
        self.remote_view.dropped.connect(self.handle_drop)
        self.remote_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        rlayout.addLayout(top)
        rlayout.addWidget(self.remote_view)

        panes = QSplitter(Qt.Orientation.Horizontal)
        panes.addWidget(self.local_pane)
        panes.addWidget(remote)
        panes.setSizes([600, 600])

        self.queue = QueuePanel()

        vertical = QSplitter(Qt.Orientation.Vertical)
        vertical.addWidget(self.message_log)
        vertical.addWidget(panes)
        vertical.addWidget(self.queue)
        vertical.setSizes([120, 450, 200])

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._build_quickconnect())
        layout.addWidget(vertical, 1)
        self.setCentralWidget(central)

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        self.connection_label = QLabel()
        self.tls_label = QLabel()
        self.quota_label = QLabel(
            self.tr("Quota: – of %1").replace("%1", human_size(DEFAULT_QUOTA_BYTES))
        )
        self.keyring_label = QLabel(self.tr("Keyring: –"))
        for w in (self.connection_label, self.tls_label, self.quota_label, self.keyring_label):
            sb.addPermanentWidget(w)

    def _build_tray(self) -> QSystemTrayIcon | None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return None
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowUp)
        tray = QSystemTrayIcon(icon, self)
        tray.setToolTip(self.tr("EchoUploader"))
        tray.show()
        return tray

    # --- messages -------------------------------------------------------------------------------

    def log_status(self, text: str, kind: str = "status") -> None:
        """A line in the message log strip (like FileZilla's Status:/Error: lines)."""
        prefix = self.tr("Error:") if kind == "error" else self.tr("Status:")
        now = dt.datetime.now().strftime("%H:%M:%S")
        self._append_line(f"{now}  {prefix}\t{text}")

    def _session_line(self, record: dict[str, Any]) -> None:
        if str(record.get("level", "")) in ("warning", "error", "critical"):
            self._append_line(SessionLog.text(record))

    def _append_line(self, line: str) -> None:
        """A new line in the strip, always scrolled into view (like FileZilla's message log)."""
        self.message_log.appendPlainText(line)
        bar = self.message_log.verticalScrollBar()
        bar.setValue(bar.maximum())

    def open_log_viewer(self) -> QDialog:
        dialog = LogViewerDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_error(self, exc: BaseException | str, title: str | None = None) -> QMessageBox:
        """The core's sentence in a dialog and the log strip; details go to the log file."""
        sentence = exc if isinstance(exc, str) else error_sentence(exc)
        if isinstance(exc, EchoUploaderError) and exc.detail:
            log.info("detail: %s", exc.detail, extra={"event": "error"})
        self.last_error = sentence
        self.log_status(sentence, "error")
        box = QMessageBox(
            QMessageBox.Icon.Warning, title or self.tr("EchoUploader"), sentence, parent=self
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def notify(self, title: str, text: str) -> None:
        """A desktop notification (system tray) when a job completes or fails."""
        self.log_status(text)
        if self.tray is not None and self.tray.supportsMessages():
            self.tray.showMessage(title, text)

    # --- connecting -----------------------------------------------------------------------------

    def endpoint_from_fields(self) -> Endpoint:
        host = self.host_edit.text().strip()
        user = self.user_edit.text().strip()
        port_text = self.port_edit.text().strip()
        if not host:
            raise UsageError(self.tr("Enter the server's host name or IP address."))
        if not user:
            raise UsageError(self.tr("Enter the user name the core lab gave you."))
        scheme = ""
        if "://" in host:
            scheme, host = host.split("://", 1)
            scheme = scheme.lower()
            host = host.rstrip("/")
        port = (
            int(port_text) if port_text else (EXPLICIT_PORT if scheme == "ftpes" else IMPLICIT_PORT)
        )
        if not scheme:
            scheme = "ftpes" if port == EXPLICIT_PORT else "ftps"
        shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
        return parse_url(f"{scheme}://{quote(user, safe='')}@{shown}:{port}/").endpoint

    def quick_connect(self) -> None:
        try:
            endpoint = self.endpoint_from_fields()
        except EchoUploaderError as exc:
            self.show_error(exc)
            return
        site = self.sites.matching(endpoint)
        if site is not None:  # the same server and user as a saved site: its jobs, its rules
            endpoint = site.endpoint()
        self.connect_to(endpoint, self.password_edit.text(), site=site)

    def connect_to(self, endpoint: Endpoint, password: str, *, site: Site | None = None) -> None:
        """Log in to ``endpoint``; ``site`` is its saved site (None for quick-connect)."""
        if self.controller.busy:  # one connection attempt at a time
            return
        self.site = site
        self.endpoint = endpoint
        self.connection = None
        self.remote_model.reset_root("/")
        self.connection_label.setText(self.tr("Connecting to %1…").replace("%1", endpoint.label()))
        self.quickconnect_button.setEnabled(False)
        self.controller.connect_to(endpoint, password)

    def _connected(self, conn: RemoteConnection, start: str) -> None:
        self.connection = conn
        self._set_connected_state(True)
        if self.site is not None and self.site.remote_dir not in ("", "/"):
            start = self.site.remote_dir  # the site's upload folder, like FileZilla's default
        self.remote_view.root_path = start
        self.remote_view.setColumnWidth(0, 280)
        root = self.remote_model.reset_root(start)
        self.remote_view.expand(root)  # triggers the listing
        self.remote_path_edit.setText(start)
        self.uploads.measure_quota()
        self.uploads.offer_resume(conn)

    def _connect_failed(self, exc: BaseException) -> None:
        self._set_connected_state(False)
        self.show_error(exc)

    def explain_what_to_do(self) -> None:
        """The remote pane says how to begin instead of staying empty."""
        try:
            has_sites = bool(self.sites.store.sites())
        except EchoUploaderError:
            has_sites = False
        if has_sites or self.demo is not None:
            text = self.tr(
                "Not connected. Open File → Site Manager (Ctrl+S) and connect to your core lab; "
                "then drag an exam folder from the left onto this side."
            )
        else:
            text = self.tr(
                "Not connected. Enter the server, user name and password the core lab gave you "
                "above and press Quickconnect (or import their FileZilla sites: File → Import "
                "sites…). Then drag an exam folder from the left onto this side."
            )
        self.remote_model.show_hint(text)
        self.remote_view.setColumnWidth(0, 560)

    def disconnect_from_server(self) -> None:
        self.controller.disconnect_current()
        self.connection = None
        self.explain_what_to_do()
        self._set_connected_state(False)
        self.log_status(self.tr("Disconnected."))

    def _set_connected_state(self, on: bool) -> None:
        self.quickconnect_button.setEnabled(True)
        self.disconnect_action.setEnabled(on)
        self.refresh_action.setEnabled(on)
        if on and self.endpoint is not None:
            self.connection_label.setText(
                self.tr("Connected to %1").replace("%1", self.endpoint.label())
            )
            cert = self.controller.certificate
            if cert is not None:
                self.tls_label.setText(
                    self.tr("%1 (%2), certificate %3")
                    .replace("%1", cert.tls_version)
                    .replace("%2", self.endpoint.mode_name)
                    .replace("%3", cert.sha256[:23] + "…")
                )
                self.tls_label.setToolTip(f"{cert.cipher}\nSHA-256 {cert.sha256}")
        else:
            self.connection_label.setText(self.tr("Not connected"))
            self.tls_label.setText("")

    # --- remote tree ----------------------------------------------------------------------------

    def refresh_remote(self, path: str | None = None) -> None:
        self.remote.refresh(path)

    # --- drag and drop --------------------------------------------------------------------------

    def handle_drop(self, local_paths: list[Path], remote_folder: str) -> None:
        if self.connection is None:
            self.show_error(
                self.tr("Connect to the core lab's server first, then drop the exam folder.")
            )
            return
        folders = [p for p in local_paths if p.is_dir()]
        if not folders:
            self.show_error(
                self.tr("Drop an exam folder (one folder per echo exam), not single files.")
            )
            return
        for folder in folders:
            self.log_status(self.tr("Exam folder dropped onto %1.").replace("%1", remote_folder))
            self.exam_dropped.emit(folder, remote_folder)
            self.open_exam_dialog(folder, remote_folder)

    def upload_exam(self, folder: Path | None = None) -> None:
        """Upload the exam folder chosen in the local pane into the remote folder chosen."""
        folder = folder or self.local_pane.selected_folder()
        if folder is None:
            self.show_error(self.tr("Choose an exam folder in the local pane first."))
            return
        self.handle_drop([folder], self.remote_view.current_folder())

    def open_arrivals(self, folder: str | None = None) -> QDialog:
        from echouploader.ui.arrivals_view import open_arrivals

        return open_arrivals(self, folder or self.remote_view.current_folder(), self)

    def open_exam_dialog(self, folder: Path, remote_folder: str) -> QDialog:
        return self.exam_flow.open(folder, remote_folder)

    # --- what the exam flow needs to know --------------------------------------------------------

    def current_site(self) -> Site | None:
        return self.site

    def site_store(self) -> SiteStore:
        return self.sites.store

    def use_site(self, site: Site) -> None:
        self.site = site  # a row saved by the review step applies to this exam too

    def exam_rule(self) -> ExamRule:
        return SiteRules.for_site(self.site).rule

    def privacy_profile(self) -> PrivacyProfile:
        return SiteRules.for_site(self.site).profile

    def target_text(self, remote_folder: str) -> str:
        """How the queue finds this folder again after a restart (never with a password)."""
        if self.site is not None:
            return f"site:{self.site.name}/{remote_folder}"  # "//" = an absolute path
        assert self.endpoint is not None
        return self.endpoint.url(remote_folder)

    def session_factory(self) -> SessionFactory | None:
        return self.connection.factory if self.connection is not None else None

    def own_unfinished_paths(self) -> set[str]:
        """Remote files and folders of this computer's unfinished uploads to this server."""
        factory = self.session_factory()
        if factory is None:
            return set()
        try:
            jobs = self.transfers.unfinished()
        except EchoUploaderError:
            return set()
        out: set[str] = set()
        for job in jobs:
            if not same_server(job, factory.endpoint):
                continue
            root = posixpath.normpath(job.get("remote_folder") or "/")
            for t in job["transfers"]:
                path = posixpath.normpath(t["remote_path"])
                out.add(path)
                folder = posixpath.dirname(path)
                while folder != root and folder.startswith(root.rstrip("/") + "/"):
                    out.add(folder)
                    folder = posixpath.dirname(folder)
        return out

    def quota_bytes(self) -> int:
        return self.site.quota_bytes if self.site else DEFAULT_QUOTA_BYTES

    def server_label(self) -> str:
        return self.endpoint.label() if self.endpoint else self.tr("the server")

    # --- quitting -------------------------------------------------------------------------------

    def transfers_pending(self) -> int:
        """Files queued or moving in this session (unfinished jobs merely kept are not asked)."""
        if not self.transfers.busy():
            return 0
        return max(1, self.queue.pending_count())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        pending = 0 if self._shut_down else self.transfers_pending()
        if pending and not self._quit_confirmed:
            event.ignore()
            self.ask_quit(pending)
            return
        self.shutdown()
        event.accept()

    def ask_quit(self, pending: int) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Transfers are still running"),
            self.tr(
                "%1 file(s) are still queued or being uploaded. Quit anyway? The queue is kept "
                "and offered for resuming the next time EchoUploader starts."
            ).replace("%1", str(pending)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setObjectName("quit-question")

        def answered(button: int) -> None:
            if box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes:
                self._quit_confirmed = True
                self.close()

        box.finished.connect(answered)
        box.open()
        return box

    def shutdown(self) -> None:
        """Cancel and join every worker, close the browsing connection. Safe to call twice."""
        if self._shut_down:
            return
        self._shut_down = True
        conn, self.connection = self.controller.connection, None
        self.controller.connection = None
        self.transfers.cancel_all()
        self.pool.shutdown()
        if conn is not None:
            conn.close()
        self.transfers.close()
        self.session_log.close()
        self.sites.remove_demo_site()
        if self.tray is not None:
            self.tray.hide()

    # --- misc -----------------------------------------------------------------------------------

    def _offer_demo(self, demo: DemoServer, exam: Path | None) -> None:
        ep = demo.endpoint()
        self.sites.add_demo_site(demo)
        self.host_edit.setText(ep.host)
        self.user_edit.setText(ep.user)
        self.password_edit.setText(DEMO_PASSWORD)
        self.port_edit.setText(str(ep.port))
        self.setWindowTitle(self.tr("EchoUploader — demo"))
        self.log_status(
            self.tr(
                "Demo mode: a practice FTPS server runs on this computer (127.0.0.1:%1). Its "
                "password '%2' is a well-known demo password; it protects nothing real."
            )
            .replace("%1", str(ep.port))
            .replace("%2", DEMO_PASSWORD)
        )
        if exam is not None:
            self.log_status(
                self.tr(
                    "A demo exam with a fake patient name is in %1: connect, then drag it "
                    "to the right."
                ).replace("%1", str(exam))
            )
            self.local_pane.show_folder(exam.parent)

    def _choose_language(self, code: str | None) -> None:
        """Remember the choice and switch now, without a restart."""
        resources.save_setting("language", code)
        app = QApplication.instance()
        if app is not None:
            resources.install_translator(app, code)
        self.retranslate()

    def retranslate(self) -> None:
        """Every word the window shows, again in the language now installed."""
        self.setWindowTitle(
            self.tr("EchoUploader — demo") if self.demo is not None else self.tr("EchoUploader")
        )
        bar = self.menuBar()
        old = [m for m in bar.findChildren(QMenu) if m.parent() is bar]
        bar.clear()
        for menu in old:
            menu.deleteLater()  # with their actions and shortcuts
        self._build_menus()
        self._add_queue_actions()
        self.uploads.retranslate()
        self._name_quickconnect()
        self.queue.retranslate()
        self.local_pane.retranslate()
        self.remote_model.retranslate()
        self._set_connected_state(self.connection is not None)
        if self.connection is None:
            self.explain_what_to_do()
        self.log_status(self.tr("Language changed."))

    def _about(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("About EchoUploader"),
            self.tr(
                "EchoUploader %1\nSends echocardiography exams to a core lab over FTPS: checked, "
                "de-identified and verified."
            ).replace("%1", __version__),
            parent=self,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
