"""The key code: the site's own record linking a study ID back to a person.

Only the submitting site keeps it. It lives in the data dir (owner-only folder and file), is
never uploaded and never logged: original patient name, ID and birth date and the original study
UIDs on one side; subject, echo, new study UIDs, time and operator on the other. ``export_csv``
writes it out for the site's records.
"""

from __future__ import annotations

import csv
import datetime as dt
import getpass
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from echouploader.core.errors import EchoUploaderError
from echouploader.core.i18n import _
from echouploader.core.privacy.deidentify.uids import privacy_dir

KEYCODE_FILE = "keycode.sqlite3"


@dataclass(frozen=True)
class KeyCodeEntry:
    exam_id: str
    subject: str
    echo: str
    patient_name: str
    patient_id: str
    birth_date: str
    original_study_uid: str
    new_study_uid: str
    date_offset_days: int | None = None
    time: str = ""
    operator: str = ""


def current_operator() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name (some containers and services)
        return ""


def now_utc() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


class KeyCodeStore:
    """The key code in an SQLite file; one row per exam and original study."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or privacy_dir() / KEYCODE_FILE
        if not self.path.exists():
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))
        os.chmod(self.path, 0o600)
        with self._connect() as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS keycode ("
                " exam_id TEXT NOT NULL, subject TEXT NOT NULL, echo TEXT NOT NULL,"
                " patient_name TEXT, patient_id TEXT, birth_date TEXT,"
                " original_study_uid TEXT NOT NULL, new_study_uid TEXT,"
                " date_offset_days INTEGER, time TEXT, operator TEXT,"
                " PRIMARY KEY (exam_id, original_study_uid))"
            )

    def _connect(self) -> sqlite3.Connection:
        try:
            return sqlite3.connect(self.path)
        except sqlite3.Error as exc:
            raise EchoUploaderError(
                _("The key code store cannot be opened."), detail=f"{self.path}: {exc}"
            ) from None

    def record(self, entries: Iterable[KeyCodeEntry]) -> int:
        rows = []
        for entry in entries:
            data = asdict(entry)
            data["time"] = data["time"] or now_utc()
            data["operator"] = data["operator"] or current_operator()
            rows.append(data)
        names = [f.name for f in fields(KeyCodeEntry)]
        sql = (
            f"INSERT OR REPLACE INTO keycode ({', '.join(names)}) "
            f"VALUES ({', '.join(':' + n for n in names)})"
        )
        with self._connect() as db:
            db.executemany(sql, rows)
        return len(rows)

    def entries(self) -> list[KeyCodeEntry]:
        names = [f.name for f in fields(KeyCodeEntry)]
        with self._connect() as db:
            cursor = db.execute(f"SELECT {', '.join(names)} FROM keycode ORDER BY time, exam_id")
            return [KeyCodeEntry(**dict(zip(names, row, strict=True))) for row in cursor]

    def export_csv(self, dest: Path) -> int:
        """Write every entry to ``dest`` (owner-only, like the store); returns the row count."""
        entries = self.entries()
        names = [f.name for f in fields(KeyCodeEntry)]
        dest = Path(dest)
        try:
            fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.chmod(dest, 0o600)
            with os.fdopen(fd, "w", newline="", encoding="utf-8") as fh:
                writer = csv.DictWriter(fh, fieldnames=names)
                writer.writeheader()
                for entry in entries:
                    writer.writerow(asdict(entry))
        except OSError as exc:
            raise EchoUploaderError(
                _("The key code could not be written to {dest}.").format(dest=dest), detail=str(exc)
            ) from None
        return len(entries)
