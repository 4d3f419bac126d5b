"""`pytest --giocheck` serially and under pytest-xdist (`-n J`), on the same reports.

    .venv/bin/python benchmarks/pytest_xdist.py [--files N] [--jobs J]

Generates N text reports (benchmarks/batch.py's variants, every fifth one last year's report of
another agency) in a throwaway project, then runs `pytest -p no:cacheprovider --giocheck` over
them serially and with `-n J`, each with an empty result cache, and prints both times and the
ratio. Each xdist worker builds the folder's pairing index from the reports' titles
(giocheck/pairing.py), not by reading every report whole. No figure is asserted anywhere.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.batch import make_reports  # noqa: E402


def _run(project: Path, extra: list[str]) -> float:
    with tempfile.TemporaryDirectory() as store:
        env = {**os.environ, "GIOCHECK_CACHE_DIR": store}
        command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--giocheck", "-q", "reports", *extra]
        start = time.perf_counter()
        subprocess.run(command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--files", type=int, default=600)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        (project / "reports").mkdir()
        (project / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
        make_reports(project / "reports", args.files)
        serial = _run(project, [])
        parallel = _run(project, ["-n", str(args.jobs)])
    print(f"pytest --giocheck over {args.files} text reports")
    print(f"serial      {serial:8.1f} s")
    print(f"-n {args.jobs:<8} {parallel:8.1f} s")
    print(f"serial / -n {args.jobs}: {serial / parallel:.2f}×")


if __name__ == "__main__":
    main()
