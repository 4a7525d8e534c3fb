"""The review step: one frame per machine and size, before and after, the mask widened by
dragging and kept as the machine's row in the site's privacy profile."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, generate_uid
from PySide6.QtCore import QPoint, Qt

from echouploader.core.privacy.check import check_exam as _check_exam
from echouploader.core.privacy.deidentify.profile import PrivacyProfile
from echouploader.core.privacy.exam_identity import ExamRule
from echouploader.core.privacy.pixels import table
from echouploader.core.sites.store import Site, SiteStore
from echouploader.ui.dialogs.exam import ExamDialog
from echouploader.ui.dialogs.pixel_review import PixelReviewDialog
from echouploader.ui.pixel_review_flow import PixelReviewFlow, image_paths, review_items

pytestmark = pytest.mark.gui

ROWS, COLUMNS = 120, 160
US_MULTIFRAME = "1.2.840.10008.5.1.4.1.1.3.1"


def _frame(seed: int) -> np.ndarray:
    """A grey 'sector' with a white banner on top (rows 0-9) and a note at the bottom right."""
    rng = np.random.default_rng(seed)
    frame = np.zeros((ROWS, COLUMNS, 3), dtype=np.uint8)
    frame[20:100, 20:140] = rng.integers(40, 200, size=(80, 120, 1), dtype=np.uint8)
    frame[2:9, 5:150] = 255  # the banner: inside the table row below
    frame[104:114, 120:158] = 230  # text outside the table row: the reviewer adds it
    return frame


def write_image(path: Path, model: str, frames: int = 2, regions: bool = False) -> Path:
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = US_MULTIFRAME
    ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.SOPClassUID = US_MULTIFRAME
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID = "1.2.826.0.1.3680043.10.1"
    ds.SeriesInstanceUID = generate_uid()
    ds.Modality = "US"
    ds.Manufacturer = "Acme Ultrasound"
    ds.ManufacturerModelName = model
    ds.PatientName = "Testpatient^Josephine"
    ds.PatientID = "PID98765432"
    ds.Rows, ds.Columns = ROWS, COLUMNS
    ds.SamplesPerPixel = 3
    ds.PhotometricInterpretation = "RGB"
    ds.PlanarConfiguration = 0
    ds.BitsAllocated = ds.BitsStored = 8
    ds.HighBit = 7
    ds.PixelRepresentation = 0
    ds.NumberOfFrames = frames
    ds.PixelData = np.stack([_frame(i) for i in range(frames)]).tobytes()
    if regions:
        item = Dataset()
        item.RegionLocationMinX0, item.RegionLocationMinY0 = 20, 20
        item.RegionLocationMaxX1, item.RegionLocationMaxY1 = 139, 99
        item.RegionSpatialFormat, item.RegionDataType = 1, 1
        ds.SequenceOfUltrasoundRegions = Sequence([item])
    path.parent.mkdir(parents=True, exist_ok=True)
    ds.save_as(path, enforce_file_format=True)
    return path


NO_OCR = PrivacyProfile(clean_pixels=False)


def check_exam(folder: Path) -> Any:
    """The check without the pixel plan: these tests need the files, not OCR's reading."""
    return _check_exam(folder, NO_OCR)


BANNER_ROW = {
    "manufacturer": "Acme Ultrasound",
    "model": "Sono 5",
    "rows": ROWS,
    "columns": COLUMNS,
    "rects": [[0, 0, COLUMNS, 12]],
    "source": "measured on the test machine",
}


@pytest.fixture
def exam(tmp_path: Path) -> Path:
    root = tmp_path / "1234_1"
    write_image(root / "IM1", "Sono 5")
    write_image(root / "IM2", "Sono 5")
    write_image(root / "IM3", "Other 2", regions=True)
    return root


@pytest.fixture
def store_and_site(tmp_path: Path) -> tuple[SiteStore, Site]:
    store = SiteStore(tmp_path / "sites.json", tmp_path / "managed-sites.json")
    site = store.add(
        Site(name="Core lab", host="lab.example", privacy_profile={"pixel_rects": [BANNER_ROW]})
    )
    return store, site


def _flow(store: SiteStore, site: Site) -> tuple[PixelReviewFlow, dict[str, Site]]:
    current = {"site": site}
    flow = PixelReviewFlow(lambda: current["site"], store, lambda s: current.__setitem__("site", s))
    return flow, current


def _drag(qtbot: Any, dialog: PixelReviewDialog, rect: tuple[int, int, int, int]) -> None:
    view = dialog.before
    x, y, w, h = rect
    start = view.to_widget((x, y, 1, 1)).topLeft().toPoint() + QPoint(1, 1)
    end = view.to_widget((x + w, y + h, 1, 1)).topLeft().toPoint()
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view, end)
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=end)


def test_one_item_per_machine_and_size_with_its_mask(exam: Path, store_and_site: Any) -> None:
    store, site = store_and_site
    flow, _ = _flow(store, site)
    items = review_items(image_paths(check_exam(exam)), flow.extra_rows())
    assert [(i.group.model, len(i.group.files)) for i in items] == [("Sono 5", 2), ("Other 2", 1)]
    sono, other = items
    assert sono.frame is not None and sono.frame.shape == (ROWS, COLUMNS, 3)
    assert sono.fixed.table_rects == ((0, 0, COLUMNS, 12),) and sono.fixed.reviewed
    assert other.fixed.methods == ("ultrasound regions",) and not other.fixed.reviewed
    assert other.mask.as_array()[:20].all() and not other.mask.as_array()[20:100, 20:140].any()


def test_before_and_after_with_the_blanked_areas_outlined(
    qtbot: Any, exam: Path, store_and_site: Any
) -> None:
    store, site = store_and_site
    flow, _ = _flow(store, site)
    items = review_items(image_paths(check_exam(exam)), flow.extra_rows())
    dialog = PixelReviewDialog(items, flow.save)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.group_list.count() == 2
    assert "Sono 5" in dialog.group_list.item(0).text()
    assert "reviewed before" in dialog.group_list.item(0).text()
    before = dialog.before.image
    after = dialog.after.image
    assert before is not None and after is not None
    assert before.pixelColor(50, 5).red() == 255  # the banner, before
    assert after.pixelColor(50, 5).red() == 0  # blanked after
    assert after.pixelColor(60, 50) == before.pixelColor(60, 50)  # the sector untouched
    assert [r for r, _ in dialog.after.outlines] == [(0, 0, COLUMNS, 12)]
    assert "table row: Acme Ultrasound Sono 5" in dialog.method_label.text()
    dialog.group_list.setCurrentRow(1)
    assert "ultrasound regions" in dialog.method_label.text()
    assert dialog.after.image is not None and dialog.after.image.pixelColor(50, 5).red() == 0
    assert not dialog.save_button.isEnabled()  # nothing to keep for a regions-only layout yet


def test_a_dragged_rectangle_widens_the_mask_and_is_kept_for_the_machine(
    qtbot: Any, exam: Path, store_and_site: Any, tmp_path: Path
) -> None:
    store, site = store_and_site
    flow, current = _flow(store, site)
    items = review_items(image_paths(check_exam(exam)), flow.extra_rows())
    dialog = PixelReviewDialog(items, flow.save)
    qtbot.addWidget(dialog)
    dialog.resize(1100, 620)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.after.image is not None
    assert dialog.after.image.pixelColor(140, 108).red() == 230  # the note is still there
    _drag(qtbot, dialog, (118, 102, 42, 14))
    (added,) = items[0].added
    x, y, w, h = added
    assert x <= 120 and y <= 104 and x + w >= 158 and y + h >= 114  # covers the note
    assert dialog.after.image.pixelColor(140, 108).red() == 0  # blanked after
    assert dialog.before.image is not None
    assert dialog.before.image.pixelColor(140, 108).red() == 230  # before is the input
    dialog.undo_button.click()
    assert items[0].added == [] and dialog.after.image.pixelColor(140, 108).red() == 230
    _drag(qtbot, dialog, (118, 102, 42, 14))
    dialog.save_button.click()
    assert "Saved" in dialog.status_label.text()
    # The site's profile now holds the row; it loads and covers banner and note.
    stored = SiteStore(tmp_path / "sites.json", tmp_path / "managed-sites.json").get("Core lab")
    assert current["site"] == stored
    rows = PrivacyProfile.from_dict(stored.privacy_profile).pixel_rects
    assert len(rows) == 1 and rows[0]["source"] == "reviewed at the site"
    assert [0, 0, COLUMNS, 12] in rows[0]["rects"]
    # The next exam from that machine is cleaned the same way without a review.
    later = write_image(tmp_path / "next" / "IM9", "Sono 5")
    (item,) = review_items([later], table.load_rows(rows).rows)
    assert item.fixed.reviewed
    assert item.mask.as_array()[104:114, 120:158].all() and item.mask.as_array()[2:9, 5:150].all()


def test_a_managed_site_or_a_quick_connection_cannot_keep_the_choice(
    qtbot: Any, exam: Path, tmp_path: Path
) -> None:
    store = SiteStore(tmp_path / "sites.json", tmp_path / "managed-sites.json")
    items = review_items(image_paths(check_exam(exam)), table.load_rows([BANNER_ROW]).rows)
    quick = PixelReviewFlow(lambda: None, store, lambda s: None)
    assert "Connect through a saved site" in quick.save(items[0])
    managed = PixelReviewFlow(
        lambda: Site(name="IT site", host="h", managed=True), store, lambda s: None
    )
    sentence = managed.save(items[0])
    assert "managed by your IT department" in sentence and "pixel-table.json" in sentence
    assert not (tmp_path / "sites.json").exists()  # nothing written


def test_the_exam_dialog_says_what_will_be_sent_and_opens_the_review(
    qtbot: Any, exam: Path, store_and_site: Any
) -> None:
    dialog = ExamDialog(exam, "/", ExamRule(), deidentification="PS3.15 E basic")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.review_button.isEnabled()
    dialog.set_report(check_exam(exam))
    assert dialog.start_button.text().replace("&", "") == "Start upload: 3 files"
    assert dialog.review_button.isEnabled()
    with qtbot.waitSignal(dialog.review_requested):
        dialog.review_button.click()
    # With the pixel plan (OCR included): the table row covers Sono 5, the regions Other 2.
    store, site = store_and_site
    report = _check_exam(exam, PrivacyProfile.from_dict(site.privacy_profile))
    dialog.set_report(report)
    assert dialog.start_button.text().replace("&", "") == "Start upload: 3 files, 3 images cleaned"
    # The review shows the check's own mask for the file it shows.
    flow, _ = _flow(store, site)
    review = flow.open(report, dialog)
    qtbot.addWidget(review)
    sono = review.items[0]
    plan = next(e.pixels for e in report.files if e.path == sono.group.files[0])
    assert sono.checked == plan.mask and plan.mask is not None
    assert set(plan.mask.rects) <= set(r for r, _ in review.after.outlines)
    review.close()
