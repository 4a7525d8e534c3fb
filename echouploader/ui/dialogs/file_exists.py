"""A different file already has the name an exam file would get on the server: ask what to do.

FileZilla asks this too (overwrite, resume, rename, skip…), after a broken connection left a
truncated file under the final name. Here that cannot happen (files are written under a temporary
name and renamed when complete; a same-size file counts as already sent), so the question only
comes when the server really holds another file of that name.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from echouploader.core.ftps.quota import human as human_size
from echouploader.core.transfer.model import ConflictPolicy, Transfer


class FileExistsDialog(QMessageBox):
    def __init__(self, transfer: Transfer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(self.tr("File exists on the server"))
        self.setObjectName("file-exists")
        folder, _, name = transfer.remote_path.rpartition("/")
        self.setText(
            self.tr(
                "A different file named %1 is already in %2 on the server. The file to send is %3."
            )
            .replace("%1", name)
            .replace("%2", folder or "/")
            .replace("%3", human_size(transfer.size))
        )
        self.setInformativeText(
            self.tr(
                "Keep both sends this one under a new name. Overwrite replaces the server's file. "
                "Skip leaves the server's file and sends nothing for this one."
            )
        )
        self.choices: dict[QPushButton, ConflictPolicy] = {}
        for text, policy, role in [
            (self.tr("&Keep both"), ConflictPolicy.RENAME, QMessageBox.ButtonRole.AcceptRole),
            (
                self.tr("&Overwrite"),
                ConflictPolicy.OVERWRITE,
                QMessageBox.ButtonRole.DestructiveRole,
            ),
            (self.tr("&Skip"), ConflictPolicy.SKIP, QMessageBox.ButtonRole.RejectRole),
        ]:
            button = self.addButton(text, role)
            self.choices[button] = policy
        self.setDefaultButton(next(iter(self.choices)))

    def policy(self) -> ConflictPolicy:
        """The choice; closing the question without one fails just this file."""
        clicked = self.clickedButton()
        if isinstance(clicked, QPushButton) and clicked in self.choices:
            return self.choices[clicked]
        return ConflictPolicy.FAIL
