"""Time and memory of every hostile file of issue 12 through `giocheck check`, one child each.

    .venv/bin/python benchmarks/hostile.py [--only NAME ...] [--cap-mb 4000]

Each file of `tests/hostile.py` (`BUILDERS`: zip and PDF bombs, damaged archives, huge PDFs,
span tables, a 50 MB line, huge numbers, billion laughs, deep nesting, bad bytes, an odd name),
and the special inputs — a text just under the `text_chars` limit, a FIFO, `/dev/zero`, an
endless standard input — is built in a temporary
folder and checked by `giocheck check --jobs 1 --no-cache --format text` in a child process run
through `/usr/bin/time` (its peak RSS, which counts the worker process too) under `prlimit
--as` (an address-space cap, so a runaway ends instead of swapping). The table gives the exit
code, the lines printed, wall-clock and CPU seconds and peak RSS, and whether the file ended as
issue 12 says it must: a readable report checked (0/1), anything else one line and exit 2,
within 5 s and 300 MB. CPU seconds are the fair figure on a busy shared machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.hostile import BUILDERS  # noqa: E402

READABLE = {
    "html-undefined-charset",
    "huge-number-cell",
    "huge-number-prose",
    "few-bad-bytes",
    "odd-name",
    "text-near-limit",
}
SECONDS, MEGABYTES = 5.0, 300


def _fifo(folder: Path) -> Path:
    path = folder / "pipe.txt"
    os.mkfifo(path)
    return path


def _near_limit_text(folder: Path) -> Path:
    """The sample report repeated to just under `text_chars` (1,000,000 characters): readable,
    the costliest text the default limits let through."""
    from giocheck.limits import Limits
    from tests.conftest import QU

    text = QU.read_text(encoding="utf-8")
    path = folder / "near-limit.txt"
    path.write_text(text * (Limits().text_chars // len(text)), encoding="utf-8")
    return path


SPECIAL: dict[str, Callable[[Path], Path]] = {
    "text-near-limit": _near_limit_text,
    "fifo": _fifo,
    "dev-zero": lambda _folder: Path("/dev/zero"),
}


def run(name: str, path: Path | None, cap_mb: int, stdin_command: str | None = None) -> dict[str, object]:
    """Check one hostile input in a child; its outcome, time and memory."""
    timing = Path(tempfile.mkstemp(prefix="giocheck-time-")[1])
    command = [
        "/usr/bin/time",
        "-o",
        str(timing),
        "-f",
        "%e %U %S %M",
        "prlimit",
        f"--as={cap_mb * 1024 * 1024}",
        sys.executable,
        "-m",
        "giocheck",
        "check",
        "--jobs",
        "1",
        "--no-cache",
        "--format",
        "text",
        os.fsdecode(path) if path is not None else "-",
    ]
    if shutil.which("prlimit") is None:
        command[5:7] = []
    source = subprocess.Popen(stdin_command, shell=True, stdout=subprocess.PIPE) if stdin_command else None
    try:
        done = subprocess.run(
            command,
            stdin=source.stdout if source is not None else subprocess.DEVNULL,
            capture_output=True,
            timeout=300,
            check=False,
        )
    finally:
        if source is not None:
            source.kill()
            source.wait()
    wall, user, system, rss = timing.read_text().split()[-4:]
    timing.unlink()
    out = done.stdout.decode("utf-8", "replace")
    lines = out.splitlines()
    cpu = float(user) + float(system)
    peak = int(rss) // 1024
    expected = (0, 1) if name in READABLE else (2,)
    shape = len(lines) == 2 and not done.stderr if name not in READABLE else "Traceback" not in out
    ok = done.returncode in expected and shape and cpu <= SECONDS and peak <= MEGABYTES
    size = path.stat().st_size if path is not None and path.is_file() else 0
    return {
        "name": name,
        "size": size,
        "exit": done.returncode,
        "lines": len(lines),
        "wall": float(wall),
        "cpu": cpu,
        "rss": peak,
        "ok": ok,
        "first": lines[0][:150] if lines else done.stderr.decode("utf-8", "replace")[:150],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", help="these inputs only")
    parser.add_argument("--cap-mb", type=int, default=4000, help="address-space cap of each child (MB)")
    parser.add_argument("--show", action="store_true", help="print each file's first line too")
    args = parser.parse_args()
    names = [*BUILDERS, *SPECIAL, "endless-stdin"]
    rows = []
    with tempfile.TemporaryDirectory(prefix="giocheck-hostile-") as work:
        for name in names:
            if args.only and name not in args.only:
                continue
            folder = Path(work) / name
            folder.mkdir()
            if name == "endless-stdin":
                rows.append(run(name, None, args.cap_mb, "yes 1234567890"))
            else:
                build = BUILDERS.get(name) or SPECIAL[name]
                rows.append(run(name, build(folder), args.cap_mb))
            row = rows[-1]
            print(
                f"{row['name']:<24} {row['size'] / 1024:>9,.0f} KB  exit {row['exit']}  {row['lines']} lines  "
                f"{row['wall']:>5.1f} s wall  {row['cpu']:>5.1f} s CPU  {row['rss']:>5} MB  "
                f"{'ok' if row['ok'] else 'NOT OK'}",
                flush=True,
            )
            if args.show:
                print(f"    {row['first']}")
    bad = [row["name"] for row in rows if not row["ok"]]
    worst_cpu = max(float(str(row["cpu"])) for row in rows)
    worst_rss = max(int(str(row["rss"])) for row in rows)
    print(f"{len(rows)} inputs; worst {worst_cpu:.1f} s CPU, {worst_rss} MB; not as issue 12 says: {bad or 'none'}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
