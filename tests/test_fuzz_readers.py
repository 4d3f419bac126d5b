"""Fuzzers, one per reader and one for the text → check path: mutated reports are read,
extracted and checked, and nothing but a one-line `GiocheckError` may come out.

A few examples each in CI (the deterministic `ci` profile); for a long local run:
`GIOCHECK_FUZZ_EXAMPLES=50000 HYPOTHESIS_PROFILE=dev pytest -p no:cacheprovider tests/test_fuzz_readers.py
--hypothesis-show-statistics` (docs/guarantees.md). A crasher found is kept in
`tests/test_fuzz_regressions.py`.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzzing import FUZZ_EXAMPLES, TOKENS, keeps_contract, mutated, mutated_docx, seeds

_FUZZ = settings(max_examples=FUZZ_EXAMPLES)


@_FUZZ
@given(st.data())
def test_text_reader(data: st.DataObject) -> None:
    keeps_contract(data.draw(mutated(seeds()[".txt"])), ".txt", checked=False)


@_FUZZ
@given(st.data())
def test_markdown_reader(data: st.DataObject) -> None:
    keeps_contract(data.draw(mutated(seeds()[".md"])), ".md", checked=False)


@_FUZZ
@given(st.data())
def test_html_reader(data: st.DataObject) -> None:
    keeps_contract(data.draw(mutated(seeds()[".html"])), ".html", checked=False)


@_FUZZ
@given(mutated_docx())
def test_docx_reader(document: bytes) -> None:
    keeps_contract(document, ".docx", checked=False)


@_FUZZ
@given(st.data())
def test_pdf_reader(data: st.DataObject) -> None:
    keeps_contract(data.draw(mutated(seeds()[".pdf"])), ".pdf", checked=False)


@_FUZZ
@given(st.data(), st.sampled_from((".json", ".yaml")))
def test_data_reader(data: st.DataObject, suffix: str) -> None:
    keeps_contract(data.draw(mutated(seeds()[suffix])), suffix, checked=False)


@_FUZZ
@given(st.data())
def test_text_to_check(data: st.DataObject) -> None:
    keeps_contract(data.draw(mutated(seeds()[".txt"])), ".txt")


@_FUZZ
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=30), st.sampled_from((".txt", ".md", ".html")))
def test_tokens_alone(pieces: list[bytes], suffix: str) -> None:
    keeps_contract(b" ".join(pieces), suffix)
