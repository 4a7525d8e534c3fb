"""The site manager: folders, IT's locked sites, FileZilla import, connecting to a site."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from echouploader.core.ftps.demo import DEMO_SITE, DemoServer
from echouploader.core.sites.store import Site, SiteStore
from echouploader.ui.dialogs.certificate import CertificateDialog
from echouploader.ui.dialogs.site_manager import SiteManagerDialog
from echouploader.ui.main_window import MainWindow
from tests.gui.conftest import wait_dialog

pytestmark = pytest.mark.gui


def _names(dialog: SiteManagerDialog) -> dict[str, Any]:
    out: dict[str, Any] = {}

    def walk(item: Any, depth: int) -> None:
        out[item.text(0)] = (depth, item)
        for i in range(item.childCount()):
            walk(item.child(i), depth + 1)

    for i in range(dialog.tree.topLevelItemCount()):
        walk(dialog.tree.topLevelItem(i), 0)
    return out


def test_sites_by_folder_and_managed_sites_locked(
    qtbot: Any, window: MainWindow, isolated_dirs: dict[str, Path]
) -> None:
    (isolated_dirs["site_config"] / "managed-sites.json").write_text(
        json.dumps({"sites": [{"name": "Core lab", "host": "lab.example.org", "user": "site07"}]})
    )
    SiteStore().add(Site(name="Backup server", host="backup.example.org", folder="Study/Old"))
    dialog = window.sites.open_manager()
    names = _names(dialog)
    assert "Core lab (managed by IT)" in names
    assert names["Backup server"][0] == 2  # Study / Old / Backup server
    dialog.tree.setCurrentItem(names["Core lab (managed by IT)"][1])
    assert not dialog.host_edit.isEnabled() and not dialog.remove_button.isEnabled()
    assert dialog.password_edit.isEnabled()  # the user still types the site's password
    assert "managed by your IT department" in dialog.managed_label.text()
    dialog.tree.setCurrentItem(names["Backup server"][1])
    assert dialog.host_edit.isEnabled()
    dialog.host_edit.setText("backup2.example.org")
    dialog.save_button.click()
    assert SiteStore().get("Backup server").host == "backup2.example.org"
    dialog.reject()


def test_add_and_remove_a_site(qtbot: Any, window: MainWindow) -> None:
    dialog = window.sites.open_manager()
    dialog.new_button.click()
    dialog.name_edit.setText("Core lab")
    dialog.host_edit.setText("ftps.corelab.example")
    dialog.user_edit.setText("site07")
    dialog.protocol_combo.setCurrentIndex(1)
    assert dialog.port_spin.value() == 21  # explicit TLS
    dialog.save_button.click()
    site = SiteStore().get("Core lab")
    assert (site.host, site.port, site.implicit) == ("ftps.corelab.example", 21, False)
    dialog.remove_button.click()
    assert SiteStore().find("Core lab") is None
    dialog.reject()


def test_speed_limit_is_set_in_the_site_manager(qtbot: Any, window: MainWindow) -> None:
    SiteStore().add(Site(name="Clinic", host="h.example", user="me"))
    dialog = window.sites.open_manager()
    dialog.tree.setCurrentItem(_names(dialog)["Clinic"][1])
    assert dialog.rate_spin.value() == 0 and dialog.rate_spin.text() == "no limit"
    dialog.rate_spin.setValue(2.5)
    dialog.save_button.click()
    assert SiteStore().get("Clinic").rate_limit == 2_500_000  # bytes per second
    dialog.tree.setCurrentItem(_names(dialog)["Clinic"][1])
    assert dialog.rate_spin.value() == 2.5
    dialog.reject()


def test_import_filezilla_file_shows_the_summary(
    qtbot: Any, window: MainWindow, tmp_path: Path, isolated_dirs: dict[str, Path]
) -> None:
    xml = tmp_path / "corelab.xml"
    password = base64.b64encode(b"s3cret-pass").decode()
    xml.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<FileZilla3 version="3.66.5" platform="*nix">'
        '<Servers><Folder expanded="1">Fetal echo study'
        "<Server><Host>ftps.corelab.example</Host><Port>990</Port><Protocol>3</Protocol>"
        "<Type>0</Type><User>site07</User>"
        f'<Pass encoding="base64">{password}</Pass><Logontype>1</Logontype>'
        "<Name>Core lab</Name></Server>"
        "<Server><Host>h</Host><Protocol>2</Protocol><Name>web</Name></Server>"
        "</Folder></Servers></FileZilla3>\n"
    )
    dialog = window.sites.open_manager()
    window.sites.import_sites(xml, dialog)
    box = wait_dialog(qtbot, QMessageBox)
    assert "Imported 1 site(s), skipped 1" in box.text()
    assert "s3cret" not in box.text()
    box.close()
    names = _names(dialog)
    assert names["Core lab"][0] == 1  # inside the "Fetal echo study" folder
    assert "Imported 1 site(s)" in window.message_log.toPlainText()
    assert SiteStore().get("Core lab").user == "site07"
    assert "s3cret" not in (isolated_dirs["config"] / "sites.json").read_text()
    dialog.reject()


def test_connect_to_a_site_asks_the_password_when_none_is_stored(
    qtbot: Any, window: MainWindow, implicit_server: Any
) -> None:
    srv = implicit_server
    (srv.root / "upload" / "site07" / "1017_1").mkdir(parents=True)
    SiteStore().add(
        Site(
            name="Core lab",
            host=srv.host,
            port=srv.port,
            user=srv.user,
            remote_dir="/upload/site07",
        )
    )
    dialog = window.sites.open_manager()
    dialog.select("Core lab")
    dialog.connect_button.click()
    ask = wait_dialog(qtbot, QInputDialog)
    ask.setTextValue(srv.password)
    ask.accept()
    cert = wait_dialog(qtbot, CertificateDialog)
    qtbot.mouseClick(cert.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.connection is not None, timeout=10000)
    assert "Core lab" in window.connection_label.text()
    assert window.site is not None and window.site.name == "Core lab"
    # The tree opens in the site's upload folder.
    qtbot.waitUntil(
        lambda: "1017_1" in window.remote_model.entry_names("/upload/site07"), timeout=10000
    )
    assert window.remote_view.root_path == "/upload/site07"


def test_demo_mode_adds_the_demo_site(qtbot: Any, tmp_path: Path) -> None:
    with DemoServer() as demo:
        win = MainWindow(demo=demo)
        qtbot.addWidget(win)
        try:
            site = SiteStore().get(DEMO_SITE)
            assert site.port == demo.port
            win.sites.connect_site(site)  # no password question: the demo password is known
            qtbot.mouseClick(
                wait_dialog(qtbot, CertificateDialog).ok_button, Qt.MouseButton.LeftButton
            )
            qtbot.waitUntil(lambda: win.connection is not None, timeout=10000)
            assert DEMO_SITE in win.connection_label.text()
        finally:
            win.shutdown()
        assert SiteStore().find(DEMO_SITE) is None  # no stale site once the demo server is gone
