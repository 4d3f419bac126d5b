"""The fuzz suite's parts: seed reports in every readable kind, Hypothesis strategies that
mutate them, and the contract every input must keep.

The contract (issue 12): reading and checking a file either succeeds or raises a
`GiocheckError` (one line); any other exception is a bug. `tests/test_fuzz_*.py` run a few
examples in CI (deterministic, the `ci` profile); raise `GIOCHECK_FUZZ_EXAMPLES` to fuzz
for as long as you like (docs/guarantees.md, "Fuzzing").
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from functools import cache
from pathlib import Path

from hypothesis import strategies as st

from giocheck.api import check, load
from giocheck.errors import GiocheckError
from giocheck.extract import extract_report
from giocheck.model import AnnualReport
from giocheck.readers import read_source
from tests.conftest import DATA, QU
from tests.fuzztokens import TOKENS as TOKENS

FUZZ_EXAMPLES = int(os.environ.get("GIOCHECK_FUZZ_EXAMPLES", "20"))
"""Examples per fuzzer: a few in CI; `GIOCHECK_FUZZ_EXAMPLES=50000` for a long local run."""


@cache
def seeds() -> dict[str, bytes]:
    """One valid report per file kind, built once from the sample report."""
    from giocheck.writers.output import render_bytes

    report = load(QU)
    built = {suffix: render_bytes(report, suffix) for suffix in (".docx", ".pdf", ".html", ".json", ".yaml")}
    built[".txt"] = QU.read_bytes()
    built[".md"] = (DATA / "markdown" / "empty-cells.md").read_bytes()
    return built


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """`seed` with a few mutations: bytes changed, inserted, deleted, repeated, cut, or a token put in."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(("change", "insert", "delete", "repeat", "cut", "token", "token")))
        if kind == "change" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 256))]
        elif kind == "repeat":
            piece = data[at : at + draw(st.integers(1, 64))]
            data[at:at] = piece * draw(st.integers(1, 50))
        elif kind == "cut" and draw(st.booleans()):
            del data[at:]
        else:
            data[at:at] = draw(st.sampled_from(TOKENS))
    return bytes(data)


@st.composite
def mutated_docx(draw: st.DrawFn) -> bytes:
    """A Word document whose XML parts are mutated and zipped again (so the XML is what is fuzzed),
    or whose zip bytes themselves are."""
    seed = seeds()[".docx"]
    if draw(st.booleans()):
        return draw(mutated(seed))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(seed)) as original, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        names = original.namelist()
        chosen = draw(st.sampled_from(names))
        for name in names:
            content = original.read(name)
            copy.writestr(name, draw(mutated(content)) if name == chosen else content)
    return out.getvalue()


_FOLDER = Path(tempfile.mkdtemp(prefix="giocheck-fuzz-"))


def keeps_contract(data: bytes, suffix: str, checked: bool = True) -> None:
    """Read `data` as a file with `suffix`, extract it and (when `checked`) check it; only a
    `GiocheckError` may stop that. Anything else propagates, and the fuzzer reports it."""
    path = _FOLDER / f"report{suffix}"
    path.write_bytes(data)
    refused = ""
    try:
        source = read_source(path)
        report = source if isinstance(source, AnnualReport) else extract_report(source)
        if checked:
            check(report)
    except GiocheckError as error:
        refused = str(error)
    assert "\n" not in refused, "an error is one line"
