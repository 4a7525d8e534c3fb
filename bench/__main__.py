"""``python -m bench``: measure EchoUploader against curl and lftp and write RESULTS.md + JSON.

Full run (about 20 minutes, needs root, vsftpd, curl, lftp and about 8 GB of disk and of
/dev/shm): results go to ``bench/RESULTS.md`` and ``bench/results.json``. ``--quick`` uses tiny
sizes and one round (under a minute) and writes to a temporary folder unless ``--out`` is given:
it checks that the harness works, its numbers mean nothing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from bench import harness


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="tiny sizes, one round (a smoke test)")
    p.add_argument("--out", type=Path, help="where RESULTS.md and results.json go")
    p.add_argument("--data", type=Path, help="where generated data goes (default: bench/out/data)")
    p.add_argument("--keep-data", action="store_true", help="keep the generated data for next time")
    p.add_argument("--rounds", type=int, help="rounds per comparison (default 3; quick: 1)")
    p.add_argument("--only", help="comma-separated parts to run, e.g. P1,P4 (others: not measured)")
    p.add_argument(
        "--update",
        action="store_true",
        help="with --only: keep the other rows from the results already in --out",
    )
    p.add_argument(
        "--python",
        default=sys.executable,
        help="the Python that runs echouploader (default: this one)",
    )
    args = p.parse_args(argv)

    if missing := harness.tool_missing():
        print(
            f"bench: missing {', '.join(missing)} (apt-get install vsftpd lftp curl time)",
            file=sys.stderr,
        )
        return 2
    tmp = tempfile.TemporaryDirectory(prefix="eu-bench-") if args.quick else None
    scratch = Path(tmp.name) if tmp else None
    out = args.out or scratch or harness.BENCH_DIR
    data_dir = args.data or (scratch / "data" if scratch else harness.BENCH_DIR / "out" / "data")
    try:
        if why := harness.free_space_ok(data_dir, args.quick):
            print(f"bench: {why}", file=sys.stderr)
            return 2
        parts = harness.ALL_PARTS
        if args.only:
            parts = tuple(x.strip().upper() for x in args.only.split(",") if x.strip())
            unknown = [x for x in parts if x not in harness.ALL_PARTS]
            if unknown:
                p.error(
                    f"unknown part(s) {', '.join(unknown)}; "
                    f"choose from {', '.join(harness.ALL_PARTS)}"
                )
        opts = harness.Options(
            quick=args.quick,
            out_dir=out,
            data_dir=data_dir,
            keep_data=args.keep_data,
            parts=parts,
            rounds=args.rounds,
            python=args.python,
            update=args.update,
        )
        log_file = None if args.quick else harness.BENCH_DIR / "out" / "bench.log"
        with harness.logging_to(log_file):
            rows = harness.Bench(opts).run()
        if out == scratch:
            # Quick results are only kept when asked for with --out: show them instead.
            print((out / "RESULTS.md").read_text(), end="")
    finally:
        if tmp is not None:
            tmp.cleanup()
    measured = sum(r.measured for r in rows.values())
    print(f"bench: {measured}/{len(rows)} rows measured; results in {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
