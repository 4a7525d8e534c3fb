"""How many files per second ``check`` (and ``deidentify``) get through on small DICOM files.

    python bench/check_speed.py [N]

Builds N small ultrasound images (8x8 pixels, a full set of identifying attributes, a private
group) in a temporary folder, then times the exam check and the de-identification.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from echouploader.core.privacy.check import check_exam  # noqa: E402
from echouploader.core.privacy.deidentify.apply import deidentify_exam  # noqa: E402
from echouploader.core.privacy.exam_identity import ExamIdentity  # noqa: E402
from echouploader.core.privacy.keycode import KeyCodeStore  # noqa: E402
from tests.core.privacy.synthetic_exam import Person, make_small_dicom  # noqa: E402


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("ECHOUPLOADER_DATA_DIR", str(Path(tmp) / "data"))
        exam = Path(tmp) / "1234_1"
        person = Person()
        for i in range(count):
            make_small_dicom(
                exam / f"S{i // 500:03d}" / f"IM{i:06d}", person, study_uid="1.2.3.4", seed=i
            )
        size = sum(p.stat().st_size for p in exam.rglob("*") if p.is_file())
        check_exam(exam)  # warm the table and imports
        start, cpu = time.perf_counter(), time.process_time()
        report = check_exam(exam)
        check_s, check_cpu = time.perf_counter() - start, time.process_time() - cpu
        start, cpu = time.perf_counter(), time.process_time()
        deidentify_exam(
            exam,
            Path(tmp) / "out",
            ExamIdentity("1234", "1"),
            report=report,
            secret=b"b" * 32,
            keycode=KeyCodeStore(Path(tmp) / "keys.sqlite3"),
        )
        deid_s, deid_cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"{count} files, {size / 1e6:.1f} MB, load average {os.getloadavg()[0]:.1f}")
    print(
        f"check:      {check_s:.2f} s  {count / check_s:,.0f} files/s "
        f"({count / check_cpu:,.0f} files per CPU second)"
    )
    print(
        f"deidentify: {deid_s:.2f} s  {count / deid_s:,.0f} files/s "
        f"({count / deid_cpu:,.0f} files per CPU second)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
