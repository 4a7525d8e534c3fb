"""DICOM PS3.15 table E.1-1 as data: which action applies to an attribute under chosen options.

The table lives in ``ps315_table.json`` next to this module, generated from the standard by
``packaging/tables/generate_ps315_table.py`` (its header says from which transcription).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

TABLE_FILE = Path(__file__).with_name("ps315_table.json")
BASIC = "113100"


@dataclass(frozen=True)
class Ps315Table:
    rows: dict[int, dict[str, str]]
    patterns: list[tuple[re.Pattern[str], dict[str, str]]]
    private: dict[str, str]
    options: dict[str, str]
    source: dict[str, str]

    def row(self, tag: int) -> dict[str, str] | None:
        """The table row for a tag (exact tag first, then repeating groups like 60xx,3000)."""
        found = self.rows.get(tag)
        if found is not None:
            return found
        if tag >> 16 & 1:
            return self.private
        text = f"{tag:08x}"
        for pattern, row in self.patterns:
            if pattern.fullmatch(text):
                return row
        return None

    def action(self, tag: int, options: Iterable[str] = ()) -> str | None:
        """The action for ``tag`` (``None`` when the table does not list it: keep).

        An option's column, when it has an entry for the attribute, replaces the basic action;
        the options of table E.1-1 do not overlap on an attribute except the two date options,
        of which a profile chooses one.
        """
        row = self.row(tag)
        if row is None:
            return None
        action = row[BASIC]
        for code in options:
            if code != BASIC and code in row:
                action = row[code]
        return action

    def __len__(self) -> int:
        return len(self.rows) + len(self.patterns) + 1


@lru_cache(maxsize=1)
def load_table(path: Path = TABLE_FILE) -> Ps315Table:
    data = json.loads(path.read_text(encoding="utf-8"))
    rows: dict[int, dict[str, str]] = {}
    patterns: list[tuple[re.Pattern[str], dict[str, str]]] = []
    private: dict[str, str] = {BASIC: "X"}
    for key, row in data["rows"].items():
        actions = {k: v for k, v in row.items() if k != "keyword"}
        if key == "private":
            private = actions
        elif "x" in key:
            patterns.append((re.compile(key.replace("x", "[0-9a-f]")), actions))
        else:
            rows[int(key, 16)] = actions
    return Ps315Table(rows, patterns, private, dict(data["options"]), dict(data["source"]))
