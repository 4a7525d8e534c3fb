"""The rectangle table: derived from CTP and deid (copy errors fixed), extended by site and IT."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from pydicom.dataset import Dataset, FileMetaDataset

from echouploader.core.privacy.deidentify.profile import PrivacyProfile
from echouploader.core.privacy.pixels import table
from echouploader.core.privacy.pixels.table import (
    TABLE_FILE,
    TableRow,
    load_rows,
    lookup,
    managed_rows,
    package_rows,
    parse_rows,
    site_row,
    table_mask,
)
from tests.conftest import DICOM_SAMPLES, SHARED, require

UPSTREAM = SHARED / "reference" / "pixel-phi"
ROOT = Path(__file__).resolve().parents[4]


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "generate_machine_table", ROOT / "packaging" / "tables" / "generate_machine_table.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _ds(manufacturer: str, model: str, rows: int, columns: int, **extra: str) -> Dataset:
    ds = Dataset()
    ds.Modality = extra.pop("Modality", "US")
    ds.Manufacturer = manufacturer
    ds.ManufacturerModelName = model
    ds.Rows = rows
    ds.Columns = columns
    ds.SOPClassUID = extra.pop("SOPClassUID", "1.2.840.10008.5.1.4.1.1.3.1")
    ds.file_meta = FileMetaDataset()
    if "ImplementationVersionName" in extra:
        ds.file_meta.ImplementationVersionName = extra.pop("ImplementationVersionName")
    return ds


def _package() -> dict:  # type: ignore[type-arg]
    return json.loads(TABLE_FILE.read_text(encoding="utf-8"))


def test_the_table_is_rederived_from_the_saved_upstream_files() -> None:
    require(UPSTREAM.is_dir(), f"{UPSTREAM} (the saved CTP and deid tables) is absent")
    gen = _generator()
    ctp = (UPSTREAM / gen.CTP_FILE).read_text(encoding="utf-8")
    deid = (UPSTREAM / gen.DEID_FILE).read_text(encoding="utf-8")
    assert gen.render(gen.build(ctp, deid)) == TABLE_FILE.read_text(encoding="utf-8")


def test_every_ctp_ultrasound_rule_is_a_row_or_rejected_with_a_reason() -> None:
    require(UPSTREAM.is_dir(), f"{UPSTREAM} (the saved CTP and deid tables) is absent")
    gen = _generator()
    rules = gen.ctp_rules((UPSTREAM / gen.CTP_FILE).read_text(encoding="utf-8"))
    assert len(rules) == 29  # CTP's ultrasound section
    data = _package()
    sources = {r["source"] for r in data["rows"]} | {r["rule"] for r in data["rejected"]}
    for rule in rules:
        assert any(f"{gen.CTP_AT} line {rule['line']} " in f"{s} " for s in sources), rule


def test_copy_errors_of_deid_are_fixed() -> None:
    data = _package()
    rows = data["rows"]
    iu22 = sorted(r["rows"] for r in rows if r["model"] == "iU22")
    assert iu22 == [480, 600, 768]  # deid has "Rows 786"
    assert not any(r["rows"] == 786 for r in rows)
    (logiq9,) = [r for r in rows if r["model"] == "LOGIQ9"]
    assert logiq9["rects"] == [[0, 0, 640, 40]]  # deid has height 30
    assert not any(r["manufacturer"] == "EPIQ" for r in rows)
    assert any("Manufacturer EPIQ" in r["why"] for r in data["rejected"])
    fixed = {c["rule"].split(" line ")[1] for c in data["corrections"]}
    assert {"194", "220"} <= fixed  # LOGIQ9 and iU22, each naming CTP's line it follows
    assert all(c["from"].startswith("CTP DicomPixelAnonymizer.script") for c in data["corrections"])


def test_deid_x_y_x_y_coordinates_become_x_y_w_h() -> None:
    gen = _generator()
    text = (
        "%filter graylist\n\nLABEL Test # (X)\n  contains Modality US\n"
        "  + contains Manufacturer Acme\n  + equals Rows 600\n  coordinates 10,20,110, 70\n"
        "  ctpcoordinates 0,0,800,40\n"
    )
    (label,) = gen.deid_labels(text)
    assert label["rects"] == [(10, 20, 100, 50), (0, 0, 800, 40)]


def test_every_row_names_its_source() -> None:
    rows = package_rows()
    assert len(rows) >= 75
    for row in rows:
        assert row.source.startswith(
            (
                "CTP DicomPixelAnonymizer.script @361e90f8 line ",
                "deid deid.dicom @8d26fca2 label ",
                "measured: ",
            )
        ), row
        assert row.origin == "package"


@pytest.mark.parametrize(
    ("manufacturer", "model", "rows", "columns", "rect"),
    [
        ("Philips Medical Systems", "iU22", 768, 1024, (0, 0, 1024, 75)),
        ("Philips Ultrasound", "EPIQ 7C", 768, 1024, (0, 0, 1024, 49)),
        ("GE Healthcare", "LOGIQE9", 720, 960, (0, 0, 960, 70)),
        ("TOSHIBA_MEC_US", "TUS-AI700", 960, 1280, (0, 0, 1280, 60)),
        ("CANON_MEC", "TUS-AA000", 960, 1280, (0, 0, 1280, 70)),
        ("Philips", "Affiniti 70G", 768, 1024, (0, 0, 1024, 22)),
    ],
)
def test_known_machines_find_their_row(
    manufacturer: str, model: str, rows: int, columns: int, rect: tuple[int, ...]
) -> None:
    found = table_mask(_ds(manufacturer, model, rows, columns))
    assert found is not None
    mask, row = found
    assert rect in mask.rects and rect in row.rects


def test_matching_ignores_case_and_white_space_and_needs_the_frame_size() -> None:
    assert lookup(_ds("ATL", "HDI5000/DVS", 480, 640)) is not None  # CTP writes "HDI 5000"
    assert lookup(_ds("philips", "  iu22 ", 768, 1024)) is not None
    assert lookup(_ds("Philips", "iU22", 720, 1024)) is None  # no row for 720 rows
    assert lookup(_ds("GE Vingmed Ultrasound", "Vivid E95", 708, 1016)) is None
    assert lookup(_ds("Philips", "iU22", 768, 1024, Modality="CT")) is None


def test_mindray_by_its_implementation_version() -> None:
    ds = _ds("", "", 768, 1280, ImplementationVersionName="MINDRAY_V1.0")
    found = table_mask(ds)
    assert found is not None and found[0].rects == ((0, 0, 1229, 69),)
    assert found[1].implementation_version == "MINDRAY"
    assert lookup(_ds("", "", 768, 1280, ImplementationVersionName="OTHER")) is None


def test_every_matching_row_adds_its_rectangles_and_the_most_specific_names_them() -> None:
    # deid's ClearVue 650 row (22 rows high, any width) and the measured one (55 rows).
    mask, row = table_mask(_ds("Philips Medical Systems", "ClearVue 650", 600, 800)) or (None, None)
    assert mask is not None and row is not None
    assert row.columns == 800 and row.source.startswith("measured: ")
    assert mask.rects == ((0, 0, 800, 22), (0, 0, 800, 55))  # cut to the frame
    assert mask.as_array()[:55].all() and not mask.as_array()[55:].any()


def test_the_real_files_of_known_machines_are_covered_where_their_text_is() -> None:
    import pydicom

    require(DICOM_SAMPLES.is_dir(), f"{DICOM_SAMPLES} (the real ultrasound samples) is absent")
    for name, (x0, y0, x1, y1) in {
        "mindray-us-rle-burned-in.dcm": (15, 12, 1217, 66),
        "atl-us-jpeg-baseline.dcm": (2, 0, 630, 35),
        "philips-us-palette-implicit-vr.dcm": (0, 0, 799, 54),
    }.items():
        ds = pydicom.dcmread(DICOM_SAMPLES / name, stop_before_pixels=True)
        found = table_mask(ds)
        assert found is not None, name
        assert found[0].as_array()[y0 : y1 + 1, x0 : x1 + 1].all(), name


# --- site and IT rows ---------------------------------------------------------------------------

VIVID = {
    "manufacturer": "GE Vingmed Ultrasound",
    "model": "Vivid E95",
    "rows": 708,
    "columns": 1016,
    "rects": [[0, 0, 1016, 40]],
}


def test_a_site_row_from_the_privacy_profile_covers_a_machine_the_package_lacks() -> None:
    profile = PrivacyProfile.from_dict({"pixel_rects": [VIVID]})
    loaded = load_rows(profile.pixel_rects)
    assert loaded.problems == ()
    ds = _ds("GE Vingmed Ultrasound", "Vivid E95", 708, 1016)
    found = table_mask(ds, loaded.rows)
    assert found is not None
    mask, row = found
    assert row.origin == "site" and mask.rects == ((0, 0, 1016, 40),)
    assert PrivacyProfile.from_dict(profile.to_dict()).pixel_rects == profile.pixel_rects


def test_a_site_row_wins_over_the_package_row_for_the_same_machine() -> None:
    wider = {
        **VIVID,
        "manufacturer": "Philips",
        "model": "iU22",
        "rows": 768,
        "columns": 1024,
        "rects": [[0, 0, 1024, 90]],
    }
    rows = load_rows([wider]).rows
    row = lookup(_ds("Philips", "iU22", 768, 1024), rows)
    assert row is not None and row.origin == "site" and row.rects == ((0, 0, 1024, 90),)


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        ({**VIVID, "rects": []}, "must list at least one"),
        ({**VIVID, "rects": [[0, 0, -5, 10]]}, "has no area"),
        ({**VIVID, "rects": [[2000, 0, 5, 10]]}, "starts outside the 1016×708 frame"),
        ({**VIVID, "rows": "many"}, "'rows' must be a whole number"),
        ({k: v for k, v in VIVID.items() if k != "columns"}, "rows and columns"),
        ({**VIVID, "colour": "red"}, "unknown key(s) 'colour'"),
        ({"rects": [[0, 0, 5, 5]], "rows": 5, "columns": 5}, "names no manufacturer"),
        ("Vivid", "must be an object"),
    ],
)
def test_a_bad_site_row_is_one_sentence_naming_where_and_which(entry: object, words: str) -> None:
    loaded = parse_rows([VIVID, entry], "site SE07's privacy profile", "site")
    assert len(loaded.rows) == 1  # the good row still counts
    (problem,) = loaded.problems
    assert problem.startswith("site SE07's privacy profile, row 2")
    assert words in problem and problem.endswith(".")


def test_it_managed_rows_come_from_the_machine_wide_file(isolated_dirs: dict[str, Path]) -> None:
    managed = isolated_dirs["site_config"] / "pixel-table.json"
    managed.write_text(json.dumps({"rows": [VIVID, {**VIVID, "rects": "top"}]}), encoding="utf-8")
    loaded = load_rows()
    assert [r.origin for r in loaded.rows if r.origin != "package"] == ["managed"]
    (problem,) = loaded.problems
    assert str(managed) in problem and "row 2 (GE Vingmed Ultrasound Vivid E95)" in problem
    assert lookup(_ds("GE Vingmed Ultrasound", "Vivid E95", 708, 1016), loaded.rows) is not None


def test_an_unreadable_managed_file_is_a_sentence_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "pixel-table.json"
    path.write_text("{not json", encoding="utf-8")
    loaded = managed_rows(path)
    assert loaded.rows == () and len(loaded.problems) == 1
    assert str(path) in loaded.problems[0] and "ask IT" in loaded.problems[0]
    assert managed_rows(tmp_path / "absent.json") == table.LoadedRows()


def test_the_review_step_saves_a_row_that_matches_the_next_exam() -> None:
    ds = _ds("GE Vingmed Ultrasound", "Vivid E95", 708, 1016)
    data = site_row(ds, [(0, 0, 1016, 40), (900, 600, 200, 200)])
    assert data["rects"] == [[0, 0, 1016, 40], [900, 600, 116, 108]]  # cut to the frame
    (row,) = parse_rows([data], "the site's privacy profile", "site").rows
    assert isinstance(row, TableRow) and row.matches(ds)
    assert not row.matches(_ds("GE Vingmed Ultrasound", "Vivid E95", 1080, 1920))


def test_the_check_reports_a_bad_site_row_as_a_warning(tmp_path: Path) -> None:
    from echouploader.core.privacy.check import check_exam
    from tests.core.privacy.synthetic_exam import make_small_dicom

    make_small_dicom(tmp_path / "exam" / "IM1")
    profile = PrivacyProfile.from_dict({"pixel_rects": [VIVID, {**VIVID, "rects": [[0, 0]]}]})
    report = check_exam(tmp_path / "exam", profile)
    (finding,) = [f for f in report.findings if f.code == "pixel-table-row"]
    assert finding.severity == "warn" and not report.blocked
    assert finding.message.startswith("the site's privacy profile, row 2 (GE Vingmed")
    assert "[x, y, width, height]" in finding.message


def test_the_check_plans_with_the_site_and_it_rows(
    tmp_path: Path, isolated_dirs: dict[str, Path]
) -> None:
    """A site row (from the review step) and an IT row reach the check's pixel plan."""
    from echouploader.core.privacy.check import check_exam
    from tests.core.privacy.synthetic_exam import make_small_dicom

    path = make_small_dicom(tmp_path / "exam" / "IM1")  # GE Vingmed Vivid E95, 8×8
    small = {**VIVID, "rows": 8, "columns": 8, "rects": [[0, 0, 8, 1]]}
    plain = check_exam(tmp_path / "exam", PrivacyProfile(), extra_rows=())
    site = check_exam(tmp_path / "exam", PrivacyProfile.from_dict({"pixel_rects": [small]}))
    (entry,) = [e for e in site.files if e.path == path]
    assert entry.pixels is not None and any("table row" in s for s in entry.pixels.sources)
    assert not any("table row" in s for s in plain.files[0].pixels.sources)
    managed = isolated_dirs["site_config"] / "pixel-table.json"
    managed.write_text(json.dumps({"rows": [small]}), encoding="utf-8")
    by_it = check_exam(tmp_path / "exam", PrivacyProfile())
    assert any("(managed)" in s or "pixel-table.json" in s for s in by_it.files[0].pixels.sources)
