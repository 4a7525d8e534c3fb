"""Generate ``echouploader/core/privacy/pixels/machine_table.json``, the ultrasound banner table.

The rows are not typed by hand. This script reads the ultrasound rules of RSNA CTP's
``DicomPixelAnonymizer.script`` (johnperry/CTP @361e90f8) and pydicom/deid's ``deid.dicom``
(@8d26fca2) as text, fixes the copy errors deid made when it took CTP's rules, and adds the
layouts measured on real files (``MEASURED``). Every row names its source file and line.

- CTP's rules become rows, keyed on what each rule tests (Manufacturer, ManufacturerModelName,
  Rows, Columns, ImplementationVersionName). Rules that also test ImageType or SeriesDescription
  (secondary captures, FFR reports) are not machine layouts; they are listed under ``rejected``.
- deid's labels marked ``(CTP)`` are CTP's rules copied; they are compared with CTP and every
  difference is listed under ``corrections`` (CTP's value is kept). deid's own labels become rows.
- deid's ``ctpcoordinates`` are x,y,w,h; its ``coordinates`` are xmin,ymin,xmax,ymax and are
  converted.

Usage::

    python packaging/tables/generate_machine_table.py ../shared/reference/pixel-phi

The folder holds ``CTP_DicomPixelAnonymizer.script`` and ``pydicom_deid_deid.dicom``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "echouploader" / "core" / "privacy" / "pixels" / "machine_table.json"
CTP_FILE = "CTP_DicomPixelAnonymizer.script"
DEID_FILE = "pydicom_deid_deid.dicom"
CTP_AT = "CTP DicomPixelAnonymizer.script @361e90f8"
DEID_AT = "deid deid.dicom @8d26fca2"

# Keys a machine layout may test; anything else makes the rule something other than a layout.
_KEYS = {
    "Manufacturer": "manufacturer",
    "ManufacturerModelName": "model",
    "Rows": "rows",
    "Columns": "columns",
    "ImplementationVersionName": "implementation_version",
    "[0008,0070]": "manufacturer",
    "[0008,1090]": "model",
    "[0028,0010]": "rows",
    "[0028,0011]": "columns",
}

# Layouts measured on real files in ../shared/testdata/dicom-us (first frame, decoded, the
# bounding box of everything that differs from the background above the imaging area).
MEASURED: list[dict[str, Any]] = [
    {
        "manufacturer": "MINDRAY",
        "model": "DC-30",
        "rows": 910,
        "columns": 1260,
        "rects": [[0, 0, 1260, 72]],
        "source": (
            "measured: mindray-us-rle-burned-in.dcm, banner text x 15-1217, y 12-66 "
            "(institution, name, ID, birth date, date); CTP's Mindray rule keys on an "
            "implementation version this file does not carry"
        ),
    },
    {
        "manufacturer": "ATL",
        "model": "HDI5000",
        "rows": 480,
        "columns": 640,
        "rects": [[0, 0, 640, 37]],
        "source": (
            "measured: atl-us-jpeg-baseline.dcm, banner band y 0-35 across the frame; CTP's "
            "HDI 5000 rectangles stop at x 430 and leave the date and time (x 431-506)"
        ),
    },
    {
        "manufacturer": "Philips",
        "model": "ClearVue 650",
        "rows": 600,
        "columns": 800,
        "rects": [[0, 0, 800, 55]],
        "source": (
            "measured: philips-us-palette-implicit-vr.dcm, logo x 0-79 and patient band "
            "x 80-799, y 0-54; deid's ClearVue 650 row is 22 rows high"
        ),
    },
]

# Machines our sites use for which no public layout was found: left to regions + OCR.
NOT_COVERED = [
    "GE Vivid E95, E90, S70, iq, T8 (no public layout; GE Vivid files declare regions)",
    "Sonosite PX, X-Porte, Edge (no public layout)",
    "Philips Affiniti CVx and EPIQ CVx at 1080×1920 or 1200×1600 (only EPIQ at 600 and 768 "
    "rows and Affiniti 70G at 768 and 825 rows are known)",
    "Canon Aplio i700/i800/i900 (only CTP's 'AA000' model at 960×1280 is known)",
]


# --- CTP --------------------------------------------------------------------------------------

_CTP_COND = re.compile(
    r"(?P<field>\[[0-9A-Fa-f]{4},[0-9A-Fa-f]{4}\]|[A-Za-z]+)\s*\.\s*"
    r"(?P<op>containsIgnoreCase|contains|equals)\s*\(\s*\"(?P<value>[^\"]*)\"\s*\)"
)
_CTP_RECT = re.compile(r"\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)")


def ctp_rules(text: str) -> list[dict[str, Any]]:
    """The rules of CTP's US section: name, first line, conditions and rectangles."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "US")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].strip() == "MRI")
    rules: list[dict[str, Any]] = []
    maker, name = "", ""
    i = start + 2
    while i < end:
        line = lines[i]
        stripped = line.strip()
        if stripped.startswith("{"):
            first = i
            body = stripped
            while "}" not in body:
                i += 1
                body += " " + lines[i].strip()
            i += 1
            while not lines[i].strip():
                i += 1
            rects = [tuple(int(v) for v in m.groups()) for m in _CTP_RECT.finditer(lines[i])]
            conditions = [m.groupdict() for m in _CTP_COND.finditer(body)]
            rules.append(
                {
                    "line": first + 1,
                    "name": f"{maker} {name}".strip(),
                    "conditions": conditions,
                    "rects": rects,
                    "alternatives": "+" in re.sub(r"\"[^\"]*\"", "", body),
                }
            )
        elif stripped and not stripped.startswith("*"):
            if line[:1].isspace():
                name = stripped
            else:
                maker, name = stripped, ""
        i += 1
    return rules


def _row_from_conditions(
    conditions: list[dict[str, str]], rects: list[tuple[int, ...]]
) -> tuple[dict[str, Any] | None, str]:
    row: dict[str, Any] = {"manufacturer": "", "model": "", "rows": None, "columns": None}
    for cond in conditions:
        field = cond["field"]
        if field == "Modality":
            if cond["value"].upper() != "US":
                return None, f"tests Modality {cond['value']}"
            continue
        key = _KEYS.get(field)
        if key is None:
            return None, f"tests {field} {cond['value']!r}, not the machine and frame size"
        value = cond["value"]
        row[key] = int(value) if key in ("rows", "columns") else value
    row["rects"] = [list(r) for r in rects]
    return row, ""


# --- deid -------------------------------------------------------------------------------------

_DEID_COND = re.compile(r"^\s*(?:\+|\|\|)?\s*(contains|equals)\s+(\S+)\s+(.+?)\s*$")


def _numbers(line: str) -> list[str]:
    return line.split(None, 1)[1].replace(" ", "").split(",")


def deid_labels(text: str) -> list[dict[str, Any]]:
    """deid's graylist labels: name, attribution, line, conditions, rectangles (x, y, w, h)."""
    labels: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("LABEL "):
            name = stripped[len("LABEL ") :]
            found = re.search(r"\(([^)]*)\)\s*$", name)
            current = {
                "line": number,
                "name": re.sub(r"\s*#.*$", "", name).strip(),
                "by": found.group(1) if found else "",
                "conditions": [],
                "rects": [],
            }
            labels.append(current)
        elif stripped.startswith("%"):
            current = None
        elif current is not None and stripped:
            if stripped.startswith("ctpcoordinates "):
                x, y, w, h = (int(v) for v in _numbers(stripped))
                current["rects"].append((x, y, w, h))
            elif stripped.startswith("coordinates "):
                if stripped.split()[1] == "all":
                    current["rects"].append("all")
                else:
                    x0, y0, x1, y1 = (int(v) for v in _numbers(stripped))
                    current["rects"].append((x0, y0, x1 - x0, y1 - y0))
            else:
                match = _DEID_COND.match(stripped)
                if match:
                    op, field, value = match.groups()
                    current["conditions"].append({"op": op, "field": field, "value": value})
    return labels


def _is_ultrasound(label: dict[str, Any]) -> bool:
    return any(c["field"] == "Modality" and c["value"] == "US" for c in label["conditions"]) or any(
        c["field"] == "Manufacturer" and c["value"] == "EPIQ" for c in label["conditions"]
    )


def _expand(conditions: list[dict[str, str]]) -> list[list[dict[str, str]]]:
    """deid's ``A|B`` alternatives as separate condition lists."""
    out: list[list[dict[str, str]]] = [[]]
    for cond in conditions:
        values = cond["value"].split("|")
        out = [prev + [{**cond, "value": v}] for prev in out for v in values]
    return out


def _key(row: dict[str, Any]) -> tuple[Any, ...]:
    return (
        row["manufacturer"].casefold(),
        row["model"].casefold(),
        row["rows"],
        row["columns"],
        row.get("implementation_version"),
        tuple(tuple(r) for r in row["rects"]),
    )


def build(ctp_text: str, deid_text: str) -> dict[str, Any]:
    """The whole data file, from the two upstream texts."""
    rows: list[dict[str, Any]] = []
    rejected: list[dict[str, str]] = []
    corrections: list[dict[str, str]] = []
    by_model: dict[tuple[str, Any], dict[str, Any]] = {}

    def add(row: dict[str, Any]) -> None:
        if any(_key(row) == _key(r) for r in rows):
            return
        rows.append(row)

    for rule in ctp_rules(ctp_text):
        where = f"{CTP_AT} line {rule['line']}"
        row, why = _row_from_conditions(rule["conditions"], rule["rects"])
        if row is None:
            rejected.append({"rule": f"{where} ({rule['name']})", "why": why})
            continue
        row["source"] = f"{where} ({rule['name']})"
        add(row)
        by_model[(row["model"].casefold(), row["rows"])] = row

    for label in deid_labels(deid_text):
        if not _is_ultrasound(label):
            continue
        where = f"{DEID_AT} label '{label['name']}' line {label['line']}"
        conditions = [c for c in label["conditions"] if c["field"] != "Modality"]
        if any(c["field"] == "Manufacturer" and c["value"] == "EPIQ" for c in conditions):
            rejected.append(
                {
                    "rule": where,
                    "why": (
                        "tests 'Manufacturer EPIQ' (EPIQ is Philips' model name, no file has it "
                        "as Manufacturer) and gives CX50's rectangle; CTP's EPIQ rules are used"
                    ),
                }
            )
            continue
        for alternative in _expand(conditions):
            row, why = _row_from_conditions(
                [{"field": c["field"], "value": c["value"]} for c in alternative], label["rects"]
            )
            if row is None:
                rejected.append({"rule": where, "why": why})
                continue
            if label["by"] == "CTP":
                original = by_model.get((row["model"].casefold(), row["rows"]))
                if original is None:
                    same_model = [
                        r
                        for r in rows
                        if r["model"].casefold() == row["model"].casefold()
                        and r["source"].startswith(CTP_AT)
                    ]
                    same_rects = [r for r in same_model if r["rects"] == row["rects"]]
                    original = (same_rects or same_model or [None])[0]
                if original is None:
                    rejected.append({"rule": where, "why": "marked (CTP) but CTP has no such rule"})
                    continue
                if original["rows"] != row["rows"] or original["rects"] != row["rects"]:
                    corrections.append(
                        {
                            "rule": where,
                            "deid": json.dumps(
                                {"rows": row["rows"], "rects": row["rects"]}, sort_keys=True
                            ),
                            "used": json.dumps(
                                {"rows": original["rows"], "rects": original["rects"]},
                                sort_keys=True,
                            ),
                            "from": original["source"],
                        }
                    )
                continue
            row["source"] = where + (f" ({label['by']})" if label["by"] else "")
            add(row)

    for measured in MEASURED:
        add(dict(measured))

    ordered = sorted(
        rows,
        key=lambda r: (r["manufacturer"].casefold(), r["model"].casefold(), r["rows"] or 0),
    )
    return {
        "about": (
            "Where ultrasound machines burn patient text into the frame: one row per machine "
            "and frame size, rectangles as [x, y, width, height]. Generated by "
            "packaging/tables/generate_machine_table.py; do not edit by hand."
        ),
        "sources": {
            "ctp": "johnperry/CTP source/files/scripts/DicomPixelAnonymizer.script @361e90f8",
            "deid": "pydicom/deid deid/data/deid.dicom @8d26fca2",
            "measured": "../shared/testdata/dicom-us (see SOURCES.md there)",
        },
        "rows": [_clean(r) for r in ordered],
        "corrections": corrections,
        "rejected": rejected,
        "not_covered": NOT_COVERED,
    }


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    out = {
        "manufacturer": row["manufacturer"],
        "model": row["model"],
        "rows": row["rows"],
        "columns": row["columns"],
        "rects": row["rects"],
        "source": row["source"],
    }
    if row.get("implementation_version"):
        out["implementation_version"] = row["implementation_version"]
    return out


def render(data: dict[str, Any]) -> str:
    """The file's text: one row per line, so a diff shows which machine changed."""
    parts = ["{"]
    for key in ("about", "sources"):
        parts.append(f" {json.dumps(key)}: {json.dumps(data[key], ensure_ascii=False)},")
    for key in ("rows", "corrections", "rejected", "not_covered"):
        items = ",\n".join(f"  {json.dumps(item, ensure_ascii=False)}" for item in data[key])
        comma = "," if key != "not_covered" else ""
        parts.append(f" {json.dumps(key)}: [\n{items}\n ]{comma}")
    parts.append("}")
    return "\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="folder with the saved upstream tables")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    ctp = (args.folder / CTP_FILE).read_text(encoding="utf-8")
    deid = (args.folder / DEID_FILE).read_text(encoding="utf-8")
    data = build(ctp, deid)
    args.out.write_text(render(data), encoding="utf-8")
    print(f"{len(data['rows'])} rows, {len(data['corrections'])} corrections -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
