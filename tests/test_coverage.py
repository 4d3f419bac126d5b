"""Duplicates in a run: one agency's year twice, identical files, 内容雷同 between agencies."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from giocheck.coverage import duplicates
from giocheck.engine.rulefile import default_rules
from giocheck.runner import check_paths
from tests.ci_support import run
from tests.conftest import HUAIAN, QU


def _kinds(folder: Path) -> dict[str, list[list[str]]]:
    found: dict[str, list[list[str]]] = {}
    for item in duplicates(check_paths([folder]), default_rules()):
        found.setdefault(item.kind, []).append(sorted(Path(f).name for f in item.files))
    return found


def test_a_second_report_of_the_same_agency_and_year(tmp_path: Path) -> None:
    text = QU.read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text + "\n", encoding="utf-8")  # not the same bytes
    (tmp_path / "h.txt").write_bytes(HUAIAN.read_bytes())
    assert _kinds(tmp_path) == {"same_agency_year": [["a.txt", "b.txt"]]}


def test_identical_files_and_similar_reports_of_different_agencies(tmp_path: Path) -> None:
    text = QU.read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "copy.txt").write_text(text, encoding="utf-8")
    # Another agency's report copied with only the name changed: 内容雷同.
    (tmp_path / "other.txt").write_text(text.replace("渠县信访局", "渠县司法局"), encoding="utf-8")
    (tmp_path / "h.txt").write_bytes(HUAIAN.read_bytes())
    found = _kinds(tmp_path)
    assert found["identical"] == [["a.txt", "copy.txt"]]
    assert found["similar"] == [["a.txt", "copy.txt", "other.txt"]]
    assert found["same_agency_year"] == [["a.txt", "copy.txt"]]


def test_reports_of_different_texts_are_no_duplicates(tmp_path: Path) -> None:
    (tmp_path / "q.txt").write_bytes(QU.read_bytes())
    (tmp_path / "h.txt").write_bytes(HUAIAN.read_bytes())
    assert _kinds(tmp_path) == {}


def test_the_cli_reports_duplicates_in_text_json_and_summary(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = QU.read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "other.txt").write_text(text.replace("渠县信访局", "渠县司法局"), encoding="utf-8")
    _, out, _ = run(capsys, "check", str(tmp_path), "--format", "json", "-j", "1")
    [similar] = json.loads(out)["duplicates"]
    assert similar["kind"] == "similar" and similar["agencies"] == ["渠县信访局", "渠县司法局"]
    assert similar["share"] > 50
    # Plain text streams each file as it is done and keeps nothing: duplicates need the whole
    # run, so they are in --summary and the machine and office outputs.
    _, out, _ = run(capsys, "check", str(tmp_path), "--summary", "-j", "1")
    assert "不同机关的报告内容雷同" in out
    _, out, _ = run(capsys, "check", str(tmp_path), "--summary", "--lang", "en", "-j", "1")
    assert "reports of different agencies repeat each other" in out


def test_copies_among_many_texts_form_one_group() -> None:
    """200 copies of one text, each with a few characters changed, among 100 unrelated texts that
    share a common phrase: the copies are one group, the others none (and measured quickly)."""
    from giocheck.coverage import _groups

    chance = random.Random(7)
    characters = [chr(code) for code in range(0x4E00, 0x4E00 + 3000)]

    def prose(length: int) -> str:
        return "".join(chance.choice(characters) for _ in range(length))

    common, original = prose(300), prose(1500)
    copies = []
    for _ in range(200):
        at = chance.randrange(len(original) - 10)
        copies.append(original[:at] + prose(10) + original[at + 10 :])
    others = [common + prose(1200) for _ in range(100)]
    texts = [*copies[:100], *others, *copies[100:]]
    [(group, share)] = _groups(texts, 15, 50)
    assert sorted(group) == sorted(copies) and share > 95
