"""Time and memory of every hostile file of issue 12 through `giocheck check`, one child each.

    .venv/bin/python benchmarks/hostile.py [--only NAME ...] [--cap-mb 4000]

Each file of `tests/hostile.py` (`BUILDERS`: zip and PDF bombs, damaged archives, huge PDFs,
span tables, a 50 MB line, huge numbers, billion laughs, deep nesting, bad bytes, an odd name),
and the special inputs — a text just under the `text_chars` limit, a FIFO, `/dev/zero`, an
endless standard input — is built in a temporary
folder and checked by `giocheck check --jobs 1 --no-cache --format text` in a child process run
through `/usr/bin/time` (its peak RSS, which counts the worker process too) under `prlimit
--as` (an address-space cap, so a runaway ends instead of swapping). So are the other ways in:
`show` (and `show --json`) of the huge numbers, a FIFO as `--previous` and as `render -o`, the
odd name in every output format (`--format json`, `csv`, `xlsx` …: valid UTF-8, the name on one
line), and a folder holding every hostile file beside two good reports (each good report
reported, exit 2 for the worst real outcome). The table gives the exit code, the lines printed,
wall-clock and CPU seconds and peak RSS, and whether the input ended as issue 12 says it must: a
readable report checked (0/1), anything else one line and exit 2, within 5 s and 300 MB (the
folder run: within 5 s a file). CPU seconds are the fair figure on a busy shared machine.
"""

from __future__ import annotations

import argparse
import json
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


def run(
    name: str,
    path: Path | None,
    cap_mb: int,
    stdin_command: str | None = None,
    argv: list[str] | None = None,
    seconds: float = SECONDS,
) -> dict[str, object]:
    """Check one hostile input in a child (`argv`: another command than `check … PATH`); its
    outcome, time and memory."""
    timing = Path(tempfile.mkstemp(prefix="giocheck-time-")[1])
    target = os.fsdecode(path) if path is not None else "-"
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
        *(argv or ["check", "--jobs", "1", "--no-cache", "--format", "text", target]),
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
    readable = name in READABLE or name.startswith(("show-", "format-"))
    expected = (0, 1) if readable else (2,)
    if name in SHAPES:
        shape = SHAPES[name](done)
    elif readable:
        shape = "Traceback" not in out and not done.stderr
    else:
        shape = len(lines) == 2 and not done.stderr
    ok = done.returncode in expected and shape and cpu <= seconds and peak <= MEGABYTES
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


FORMATS = ("rich", "text", "json", "sarif", "github", "junit", "csv", "html", "xlsx")


def _one_error_line(done: subprocess.CompletedProcess[bytes]) -> bool:
    return not done.stdout and len(done.stderr.splitlines()) == 1


def _name_escaped(done: subprocess.CompletedProcess[bytes]) -> bool:
    """The output is valid UTF-8 and shows the odd name escaped, on one line (xlsx: written to a file)."""
    try:
        text = done.stdout.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not done.stderr and all("name-" not in line or "bad" in line for line in text.splitlines())


def _good_reports_reported(done: subprocess.CompletedProcess[bytes]) -> bool:
    files = {Path(entry["path"]).name: entry for entry in json.loads(done.stdout)["files"]}
    good = [files.get(name) for name in ("good-1.txt", "good-2.txt")]
    return not done.stderr and all(entry is not None and entry["error"] is None for entry in good)


SHAPES: dict[str, Callable[[subprocess.CompletedProcess[bytes]], bool]] = {
    "previous-fifo": _one_error_line,
    "render-to-fifo": _one_error_line,
    "folder-of-all": _good_reports_reported,
    **{f"format-{output}": _name_escaped for output in FORMATS},
}


def other_ways_in(work: Path) -> list[tuple[str, list[str], float]]:
    """(name, argv, seconds) of the inputs that are no plain `check FILE`: `show` of huge numbers,
    FIFOs as `--previous` and `render -o`, the odd name in every format, a folder of them all."""
    from tests.conftest import QU

    folder = work / "others"
    folder.mkdir()
    runs: list[tuple[str, list[str], float]] = []
    for kind in ("huge-number-cell", "huge-number-prose"):
        path = str(BUILDERS[kind](folder))
        runs += [(f"show-{kind}", ["show", path], SECONDS), (f"show-json-{kind}", ["show", "--json", path], SECONDS)]
    pipe = folder / "last-year.txt"
    os.mkfifo(pipe)
    runs.append(("previous-fifo", ["check", "--no-cache", str(QU), "--previous", str(pipe)], SECONDS))
    runs.append(("render-to-fifo", ["render", str(QU), "-o", str(pipe)], SECONDS))
    odd = work / "odd"
    odd.mkdir()
    BUILDERS["odd-name"](odd)
    for output in FORMATS:
        written = ["-o", str(work / "out.xlsx")] if output == "xlsx" else []
        runs.append(
            (
                f"format-{output}",
                ["check", "--jobs", "1", "--no-cache", "--format", output, *written, str(odd)],
                SECONDS,
            )
        )
    everything = work / "everything"
    everything.mkdir()
    for build in BUILDERS.values():
        build(everything)
    os.mkfifo(everything / "pipe.txt")
    for name in ("good-1.txt", "good-2.txt"):
        (everything / name).write_bytes(QU.read_bytes())
    count = len(list(everything.iterdir()))
    argv = ["check", "--jobs", "1", "--no-cache", "--format", "json", str(everything)]
    runs.append(("folder-of-all", argv, SECONDS * count))
    return runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", help="these inputs only")
    parser.add_argument("--cap-mb", type=int, default=4000, help="address-space cap of each child (MB)")
    parser.add_argument("--show", action="store_true", help="print each file's first line too")
    args = parser.parse_args()
    names = [*BUILDERS, *SPECIAL, "endless-stdin"]
    rows = []
    with tempfile.TemporaryDirectory(prefix="giocheck-hostile-") as work:
        others = other_ways_in(Path(work))
        for name in [*names, *(other[0] for other in others)]:
            if args.only and name not in args.only:
                continue
            folder = Path(work) / name
            folder.mkdir()
            if name == "endless-stdin":
                rows.append(run(name, None, args.cap_mb, "yes 1234567890"))
            elif name in BUILDERS or name in SPECIAL:
                build = BUILDERS.get(name) or SPECIAL[name]
                rows.append(run(name, build(folder), args.cap_mb))
            else:
                _name, argv, seconds = next(other for other in others if other[0] == name)
                rows.append(run(name, None, args.cap_mb, argv=argv, seconds=seconds))
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
