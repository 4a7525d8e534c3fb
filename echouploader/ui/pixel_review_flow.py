"""The review step's controller: builds the layout groups of a checked exam for the review dialog
and saves a widened mask as the machine's row in the connected site's privacy profile."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject

from echouploader.core.errors import EchoUploaderError
from echouploader.core.privacy import file_kinds
from echouploader.core.privacy.deidentify.profile import PrivacyProfile
from echouploader.core.privacy.pixels import table
from echouploader.core.privacy.pixels.review import (
    FixedMask,
    first_frame,
    fixed_mask,
    layout_groups,
    reviewed_row,
    with_site_row,
)
from echouploader.core.sites.store import Site, SiteStore
from echouploader.ui.dialogs.pixel_review import PixelReviewDialog, ReviewItem


def image_paths(report: Any) -> list[Path]:
    """The DICOM files of a check report that can carry frames."""
    return [e.path for e in report.files if e.kind == file_kinds.DICOM and e.usable]


def checked_masks(report: Any) -> dict[Path, Any]:
    """The check's mask of each file it planned to clean (the fixed sources plus OCR hits)."""
    out = {}
    for entry in report.files:
        plan = getattr(entry, "pixels", None)
        if plan is not None and getattr(plan, "mask", None) is not None:
            out[entry.path] = plan.mask
    return out


def review_items(
    paths: Iterable[Path],
    extra_rows: Iterable[table.TableRow],
    checked: Mapping[Path, Any] | None = None,
) -> list[ReviewItem]:
    """One item per layout group: the first frame of its first file that decodes, and its mask."""
    rows = tuple(extra_rows)
    items: list[ReviewItem] = []
    for group in layout_groups(paths):
        problem = ""
        for path in group.files:
            try:
                frame, header = first_frame(path)
            except ValueError as exc:
                problem = problem or str(exc)
                continue
            mask = (checked or {}).get(path)
            items.append(ReviewItem(group, header, frame, fixed_mask(header, rows), checked=mask))
            break
        else:
            from pydicom import dcmread

            header = dcmread(group.files[0], stop_before_pixels=True, force=True)
            fixed = fixed_mask(header, rows)
            items.append(ReviewItem(group, header, None, fixed, problem=problem))
    return items


class PixelReviewFlow(QObject):
    """Opens the review dialog for a report; keeps the choice in the site's privacy profile."""

    def __init__(
        self,
        site: Callable[[], Site | None],
        store: SiteStore,
        on_saved: Callable[[Site], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.site = site
        self.store = store
        self.on_saved = on_saved

    def extra_rows(self) -> tuple[table.TableRow, ...]:
        site = self.site()
        profile = PrivacyProfile.from_dict(site.privacy_profile if site else None)
        return table.load_rows(profile.pixel_rects).rows

    def save(self, item: ReviewItem) -> str:
        """Save ``item``'s mask as its machine's row; '' on success, else one sentence."""
        site = self.site()
        if site is None:
            return self.tr(
                "Connect through a saved site to keep this choice: quick connections have no "
                "privacy profile."
            )
        if site.managed:
            return self.tr(
                "Site '%1' is managed by your IT department: ask IT to add this machine's "
                "rectangles to pixel-table.json."
            ).replace("%1", site.name)
        try:
            row = reviewed_row(item.header, item.fixed, item.added)
            profile = with_site_row(site.privacy_profile, row)
            PrivacyProfile.from_dict(profile)  # the saved profile must load again
            saved = self.store.update(site.name, replace(site, privacy_profile=profile))
        except table.RowError as exc:
            return self.tr("The rectangles cannot be saved: %1.").replace("%1", str(exc))
        except EchoUploaderError as exc:
            return str(exc)
        self.on_saved(saved)
        # The group now counts as reviewed, with the saved row as its table part.
        rows = table.load_rows(PrivacyProfile.from_dict(profile).pixel_rects).rows
        fixed: FixedMask = fixed_mask(item.header, rows)
        item.fixed, item.added = fixed, []
        return ""

    def open(self, report: Any, parent: Any = None) -> PixelReviewDialog:
        items = review_items(image_paths(report), self.extra_rows(), checked_masks(report))
        dialog = PixelReviewDialog(items, self.save, parent)
        dialog.open()
        return dialog
