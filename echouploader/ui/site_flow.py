"""Sites in the window: the site manager, FileZilla import, keyring passwords, the demo site.

Keyring calls can block (a locked keyring asks the desktop to unlock it), so they run in workers;
the site files are small JSON files read and written by the core's :class:`SiteStore`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QWidget

from echouploader.core.errors import EchoUploaderError
from echouploader.core.ftps.demo import DEMO_PASSWORD, DEMO_SITE, DemoServer
from echouploader.core.ftps.target import Endpoint
from echouploader.core.sites.credentials import CredentialStorage, default_storage
from echouploader.core.sites.filezilla import import_file
from echouploader.core.sites.store import LOGON_ASK, Site, SiteStore
from echouploader.ui.dialogs.site_manager import SiteManagerDialog
from echouploader.ui.shell import SiteHost
from echouploader.ui.workers import WorkerPool

log = logging.getLogger("echouploader.ui")


class SiteFlow(QObject):
    def __init__(
        self,
        host: SiteHost,
        pool: WorkerPool,
        keyring_label: QLabel,
        parent: QWidget,
        store: SiteStore | None = None,
        credentials: CredentialStorage | None = None,
    ) -> None:
        super().__init__(parent)
        self.host = host
        self.pool = pool
        self.keyring_label = keyring_label
        self.dialog_parent = parent
        self.store = store or SiteStore()
        self.credentials = credentials or default_storage()
        self.demo_site: str | None = None

    # --- site manager ---------------------------------------------------------------------------

    def open_manager(self, *, import_now: bool = False) -> SiteManagerDialog:
        dialog = SiteManagerDialog(self.store, self.dialog_parent)
        dialog.connect_requested.connect(self.connect_site)
        dialog.import_requested.connect(lambda path: self.import_sites(Path(path), dialog))
        dialog.password_entered.connect(self.store_password)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        if import_now:
            dialog.import_button.click()
        return dialog

    def import_sites(self, path: Path, dialog: SiteManagerDialog | None = None) -> None:
        w = self.host
        store, credentials = self.store, self.credentials

        def done(summary: Any) -> None:
            lines = summary.lines()
            for line in lines:
                w.log_status(line)
            if dialog is not None and dialog.isVisible():
                dialog.show_summary(lines)

        self.pool.start(
            lambda _e, _c: import_file(path, store, credentials),
            "import",
            on_success=done,
            on_error=w.show_error,
        )

    def store_password(self, site: Site, password: str) -> None:
        w = self.host
        endpoint = site.endpoint()
        self.pool.start(
            lambda _e, _c: self.credentials.set_password(endpoint, password),
            "keyring",
            on_success=lambda _r: w.log_status(
                self.tr("Password for %1 saved.").replace("%1", site.name)
            ),
            on_error=w.show_error,
        )

    # --- connecting to a site -------------------------------------------------------------------

    def matching(self, endpoint: Endpoint) -> Site | None:
        """The saved site for this host, port, user and TLS mode (quick-connect finds it too)."""
        try:
            sites = self.store.sites()
        except EchoUploaderError:
            return None
        for site in sites:
            ep = site.endpoint()
            if (ep.host.lower(), ep.port, ep.user, ep.implicit) == (
                endpoint.host.lower(),
                endpoint.port,
                endpoint.user,
                endpoint.implicit,
            ):
                return site
        return None

    def connect_site(self, site: Site) -> None:
        w = self.host
        if site.name == self.demo_site:
            w.connect_to(site.endpoint(), DEMO_PASSWORD, site=site)
            return
        if site.logon == LOGON_ASK:
            self.ask_password(site, remember=False)
            return
        endpoint = site.endpoint()

        def got(password: object) -> None:
            if isinstance(password, str) and password:
                w.connect_to(endpoint, password, site=site)
            else:
                self.ask_password(site, remember=True)

        self.pool.start(
            lambda _e, _c: self.credentials.get_password(endpoint),
            "keyring",
            on_success=got,
            on_error=lambda exc: self._keyring_failed(exc, site),
        )

    def _keyring_failed(self, exc: BaseException, site: Site) -> None:
        self.host.show_error(exc)
        self.ask_password(site, remember=False)

    def ask_password(self, site: Site, *, remember: bool) -> QInputDialog:
        dialog = QInputDialog(self.dialog_parent)
        dialog.setWindowTitle(self.tr("Password"))
        dialog.setLabelText(
            self.tr("Password for %1 (%2):").replace("%1", site.name).replace("%2", site.user)
        )
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def entered(password: str) -> None:
            if not password:
                return
            self.host.connect_to(site.endpoint(), password, site=site)
            if remember:
                self.store_password(site, password)

        dialog.textValueSelected.connect(entered)
        dialog.open()
        return dialog

    # --- status ---------------------------------------------------------------------------------

    def show_keyring_state(self) -> None:
        creds = self.credentials

        def state(_e: Any, _c: Any) -> tuple[str, str]:
            return creds.backend_name(), creds.notice if creds.in_memory else ""

        def shown(result: tuple[str, str]) -> None:
            name, notice = result
            self.keyring_label.setText(self.tr("Keyring: %1").replace("%1", name))
            self.keyring_label.setToolTip(notice)

        self.pool.start(
            state,
            "keyring",
            on_success=shown,
            on_error=lambda exc: self.keyring_label.setText(self.tr("Keyring: unavailable")),
        )

    # --- demo -----------------------------------------------------------------------------------

    def add_demo_site(self, demo: DemoServer) -> Site | None:
        """The "Demo core lab" site pointing at this run's demo server (port changes each run)."""
        ep = demo.endpoint()
        site = Site(
            name=DEMO_SITE,
            host=ep.host,
            port=ep.port,
            user=ep.user,
            comments=self.tr("Practice server on this computer (EchoUploader --demo)."),
        )
        try:
            if self.store.find(DEMO_SITE) is None:
                self.store.add(site)
            else:
                self.store.update(DEMO_SITE, site)
        except EchoUploaderError as exc:
            log.info("no demo site: %s", exc, extra={"event": "demo"})
            return None
        self.demo_site = DEMO_SITE
        return self.store.get(DEMO_SITE)

    def remove_demo_site(self) -> None:
        """The demo server is gone when the window closes; so is its site."""
        if self.demo_site is None:
            return
        try:
            self.store.remove(self.demo_site)
        except EchoUploaderError as exc:
            log.info("demo site not removed: %s", exc, extra={"event": "demo"})
        self.demo_site = None
