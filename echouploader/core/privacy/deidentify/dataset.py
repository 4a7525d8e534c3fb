"""Apply the PS3.15 basic profile (and the site's options) to one DICOM data set.

Every attribute is looked up in table E.1-1, at every depth of every sequence. Values the table
does not touch are left as they were (pixel data included). Combined actions are resolved the
way a trial needs: ``X/Z``, ``Z/D`` and ``X/Z/D`` become zero-length values (the attribute stays
for IODs that require it), ``X/D`` is removed, ``D`` becomes a dummy of the same VR, sequences
marked ``D`` or ``X/Z/U*`` are kept and cleaned inside. Any person name the table does not list
is emptied too, and so is any kept text that contains one of the identifying strings found in
the exam. Private attributes go, except those of allow-listed private creators, and even those go
when they contain one of those strings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pydicom.dataelem import DataElement
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence

from echouploader.core.privacy.deidentify.profile import OPTION_MODIFIED_DATES, PrivacyProfile
from echouploader.core.privacy.deidentify.ps315 import Ps315Table, load_table

DUMMY_TEXT = "ANONYMIZED"
_DUMMY_BY_VR: dict[str, Any] = {
    "DA": "19000101",
    "TM": "000000",
    "DT": "19000101000000",
    "AS": "000D",
    "IS": "0",
    "DS": "0",
    "US": 0,
    "SS": 0,
    "UL": 0,
    "SL": 0,
    "FL": 0.0,
    "FD": 0.0,
    "OB": b"",
    "OW": b"",
    "UN": b"",
}
_STRING_VRS = {
    "AE",
    "AS",
    "CS",
    "DA",
    "DS",
    "DT",
    "IS",
    "LO",
    "LT",
    "PN",
    "SH",
    "ST",
    "TM",
    "UC",
    "UI",
    "UR",
    "UT",
}
_FREE_TEXT_VRS = {"AE", "CS", "LO", "LT", "PN", "SH", "ST", "UC", "UT"}
_EMPTY_ACTIONS = {"Z", "X/Z", "Z/D", "X/Z/D"}


@dataclass
class DatasetCleaner:
    """Cleans data sets in place; one instance serves a whole exam (consistent UIDs, dates)."""

    profile: PrivacyProfile
    map_uid: Callable[[str], str]
    identifying: set[str] = field(default_factory=set)
    day_offset: int = 0
    table: Ps315Table = field(default_factory=load_table)
    removed: int = 0
    replaced: int = 0

    def __post_init__(self) -> None:
        self.options = self.profile.option_codes()
        self.allow = (
            set(self.profile.private_allow_list) if self.profile.retain_safe_private else set()
        )
        self._needles = [s.lower() for s in self.identifying if len(s) >= 4]

    # --- the walk ---------------------------------------------------------------------------

    def clean(self, ds: Dataset) -> None:
        for elem in list(ds):
            if elem.tag.is_private:
                self._private(ds, elem)
            else:
                self._public(ds, elem)

    def _public(self, ds: Dataset, elem: DataElement) -> None:
        tag = int(elem.tag)
        if elem.tag.group == 0x0002:  # file meta inside a data set: never belongs there
            del ds[tag]
            self.removed += 1
            return
        action = self.table.action(tag, self.options)
        if action is None and elem.VR == "PN" and not _empty(elem.value):
            action = "Z"  # a person's name the table does not list is still a name
        if action is None or action == "K":
            if elem.VR == "SQ":
                self._items(elem.value)
            elif elem.VR in _FREE_TEXT_VRS and self._contains_identifying(elem.value):
                # A kept text that quotes the patient or the hospital (a station named after
                # the institution, a comment with the name) is emptied: cleaned, not kept.
                elem.value = ""
                self.replaced += 1
            return
        if action == "X" or action == "X/D" or (action == "C" and not self._is_date_clean(tag)):
            del ds[tag]
            self.removed += 1
        elif action == "C":
            elem.value = self._shift(elem.VR, elem.value)
            self.replaced += 1
        elif action == "U":
            if elem.VR == "UI":
                elem.value = _map_values(elem.value, self.map_uid)
                self.replaced += 1
            elif elem.VR == "SQ":
                self._items(elem.value)
        elif action == "X/Z/U*" or (action == "D" and elem.VR == "SQ"):
            if elem.VR == "SQ":
                self._items(elem.value)  # references inside follow their own rows (U)
            elif elem.VR == "UI":
                elem.value = _map_values(elem.value, self.map_uid)
            else:
                del ds[tag]
                self.removed += 1
        elif action in _EMPTY_ACTIONS:
            if elem.VR == "SQ":
                elem.value = Sequence()
            elif not _empty(elem.value):
                elem.value = "" if elem.VR in _STRING_VRS else None
            self.replaced += 1
        elif action == "D":
            if elem.VR == "UI":
                elem.value = _map_values(elem.value, self.map_uid)
            else:
                elem.value = _dummy(elem.VR)
            self.replaced += 1
        else:  # an action this code does not know: the safe side is to remove
            del ds[tag]
            self.removed += 1

    def _items(self, items: Iterable[Dataset]) -> None:
        for item in items:
            self.clean(item)

    def _private(self, ds: Dataset, elem: DataElement) -> None:
        tag = elem.tag
        keep = False
        if self.allow:
            if 0x0010 <= tag.element <= 0x00FF:  # a private creator
                keep = str(elem.value).strip() in self.allow
            elif tag.element >= 0x1000:
                creator_tag = (tag.group << 16) | (tag.element >> 8)
                creator = ds.get(creator_tag)
                keep = creator is not None and str(creator.value).strip() in self.allow
        if keep and elem.VR == "SQ":
            self._items(elem.value)
            return
        if keep and not self._contains_identifying(elem.value):
            return
        del ds[tag]
        self.removed += 1

    # --- helpers ----------------------------------------------------------------------------

    def _contains_identifying(self, value: Any) -> bool:
        if not self._needles or value is None:
            return False
        if isinstance(value, bytes | bytearray):
            data = bytes(value).lower()
            return any(
                n.encode("utf-8", "ignore") in data or n.encode("latin-1", "ignore") in data
                for n in self._needles
            )
        text = str(value).lower()
        return any(n in text for n in self._needles)

    def _is_date_clean(self, tag: int) -> bool:
        row = self.table.row(tag)
        return (
            OPTION_MODIFIED_DATES in self.options
            and row is not None
            and row.get(OPTION_MODIFIED_DATES) == "C"
        )

    def _shift(self, vr: str, value: Any) -> Any:
        """Modified dates: every date moves by the same per-subject number of days."""
        if vr == "DA":
            return _map_values(value, lambda v: _shift_date(v, self.day_offset))
        if vr == "DT":
            return _map_values(
                value, lambda v: _shift_date(v[:8], self.day_offset) + v[8:] if len(v) >= 8 else v
            )
        return value  # times of day are kept: only the dates move


def _empty(value: Any) -> bool:
    return (
        value is None
        or value == ""
        or value == b""
        or (isinstance(value, list | Sequence) and len(value) == 0)
    )


def _map_values(value: Any, fn: Callable[[str], str]) -> Any:
    if value is None:
        return value
    if isinstance(value, str):
        return fn(value) if value else value
    return [fn(str(v)) for v in value]


def _dummy(vr: str) -> Any:
    if vr in _DUMMY_BY_VR:
        return _DUMMY_BY_VR[vr]
    if vr in ("SH", "CS", "AE"):
        return DUMMY_TEXT[:16]
    return DUMMY_TEXT


def _shift_date(value: str, days: int) -> str:
    value = value.strip()
    try:
        day = dt.datetime.strptime(value[:8], "%Y%m%d").date()
    except ValueError:
        return ""
    return (day + dt.timedelta(days=days)).strftime("%Y%m%d")
