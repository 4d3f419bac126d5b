"""On a city of ≥ 300 generated reports of ≥ 100 agencies with injected faults, the spreadsheet,
the CSV, the HTML report and the per-agency summary say exactly what the JSON findings say."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from typing import Any

import pytest
from lxml import html as lxml_html
from openpyxl import load_workbook

from giocheck.render.html import html_text
from giocheck.render.json import check_json
from giocheck.render.office import agency_rows
from giocheck.render.sheets import Export, csv_text, xlsx_bytes
from giocheck.render.summary import summary_json, summary_lines
from giocheck.words import say
from tests.office_support import city_export

Row = tuple[str, str, str, str, str, str]  # file, rule, severity, status, cells, message


@pytest.fixture(scope="module")
def export() -> Export:
    return city_export()


@pytest.fixture(scope="module")
def document(export: Export) -> dict[str, Any]:
    return check_json(export.outcomes, None, (), export.lang, export.rules)


def _truth(document: dict[str, Any]) -> Counter[Row]:
    """Every finding of the JSON, as the rows of the other outputs name it."""
    return Counter(
        (
            file["path"],
            f["rule"],
            say(f"office.{f['severity']}"),
            "违反" if f["status"] == "fail" else "无法判断",
            "、".join(c["label"] for c in f["cells"]),
            f["message"],
        )
        for file in document["files"]
        for f in file["findings"]
    )


def _agencies(document: dict[str, Any]) -> dict[tuple[str, int | None], dict[str, Any]]:
    """Per agency and year from the JSON: status, errors, warnings, violations per rule."""
    found: dict[tuple[str, int | None], dict[str, Any]] = {}
    rank = {"unreadable": 0, "errors": 1, "clean": 2}
    for file in document["files"]:
        key = (file["agency"] or file["path"], file["year"])
        entry = found.setdefault(key, {"status": "clean", "errors": 0, "warnings": 0, "rules": Counter()})
        status = "unreadable" if file["error"] else "errors" if any(
            f["status"] == "fail" and f["severity"] == "error" for f in file["findings"]
        ) else "clean"  # fmt: skip
        entry["status"] = min(entry["status"], status, key=rank.__getitem__)
        for f in file["findings"]:
            if f["status"] == "fail":
                entry["errors"] += f["severity"] == "error"
                entry["warnings"] += f["severity"] == "warning"
                if f["severity"] in ("error", "warning"):
                    entry["rules"][f["rule"]] += 1
    return found


def test_the_city_is_big_enough(document: dict[str, Any]) -> None:
    files = document["files"]
    assert len(files) >= 300 and len({f["agency"] for f in files if f["agency"]}) >= 100
    assert document["summary"]["with_errors"] >= 100 and document["summary"]["unreadable"] >= 10
    assert sum(len(f["findings"]) for f in files) >= 1000


def test_the_csv_lists_every_finding_and_unreadable_file(export: Export, document: dict[str, Any]) -> None:
    text = csv_text(export)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    header, body = rows[0], rows[1:]
    assert header[:4] == ["文件", "机关", "年度", "规则"]
    findings = [r for r in body if r[6] != "无法读取"]
    assert Counter((r[0], r[3], r[5], r[6], r[7], r[8]) for r in findings) == _truth(document)
    unreadable = {r[0]: r[8] for r in body if r[6] == "无法读取"}
    assert unreadable == {f["path"]: f["error"] for f in document["files"] if f["error"]}


def test_the_workbook_agrees(export: Export, document: dict[str, Any]) -> None:
    book = load_workbook(io.BytesIO(xlsx_bytes(export)))
    assert book.sheetnames == ["汇总", "问题清单", "无法读取"]
    summary, findings, unreadable = (book[name] for name in book.sheetnames)
    # 问题清单: one row per finding.
    rows = list(findings.iter_rows(min_row=2, values_only=True))
    assert Counter((r[0], r[3], r[5], r[6], r[7] or "", r[8]) for r in rows) == _truth(document)
    # 无法读取: each file that could not be read, with its reason.
    assert {r[0]: r[1] for r in unreadable.iter_rows(min_row=2, values_only=True)} == {
        f["path"]: f["error"] for f in document["files"] if f["error"]
    }
    # 汇总: agency × rule counts, status, errors, warnings; frozen header, a filter.
    truth = _agencies(document)
    header = [c.value for c in summary[1]]
    assert header[:5] == ["机关", "年度", "状态", "错误", "警告"]
    rules = header[5:]
    assert set(rules) == {rule for entry in truth.values() for rule in entry["rules"]}
    seen = {}
    for line in summary.iter_rows(min_row=2, values_only=True):
        agency, year, status, errors, warnings, *counts = line
        seen[(agency, year)] = (status, errors, warnings, {r: n for r, n in zip(rules, counts, strict=True) if n})
    assert seen == {
        key: (
            {"clean": "无错误", "errors": "有错误", "unreadable": "无法读取"}[e["status"]],
            e["errors"],
            e["warnings"],
            dict(e["rules"]),
        )
        for key, e in truth.items()
    }
    assert summary.freeze_panes == "B2" and summary.auto_filter.ref == summary.dimensions
    assert summary.column_dimensions["A"].width >= 2 * len("东山县人民政府")


def test_the_summary_agrees(export: Export, document: dict[str, Any]) -> None:
    truth = _agencies(document)
    data = summary_json(export.outcomes, ("test", "rules"))
    assert {
        (a["agency"], a["year"]): (a["status"], a["errors"], a["warnings"], a["rules"]) for a in data["agencies"]
    } == {key: (e["status"], e["errors"], e["warnings"], dict(e["rules"])) for key, e in truth.items()}
    order = [(a["status"], a["errors"]) for a in data["agencies"]]
    rank = {"unreadable": 0, "errors": 1, "clean": 2}
    assert order == sorted(order, key=lambda item: (rank[item[0]], -item[1]))  # worst first
    lines = summary_lines(agency_rows(export.outcomes))
    assert len(lines) == len(truth) + 1
    # In English, an agency's name is quoted as on the file lines: no Chinese outside “…”.
    english = [re.sub(r"“[^”]*”", "", line) for line in summary_lines(agency_rows(export.outcomes), "en")]
    assert not [line for line in english if re.search(r"[\u4e00-\u9fff]", line)]


def _nodes(page: Any, path: str) -> list[Any]:
    found = page.xpath(path)
    assert isinstance(found, list)
    return found


def test_the_html_report_agrees(export: Export, document: dict[str, Any]) -> None:
    page = lxml_html.fromstring(html_text(export))
    assert (
        not _nodes(page, "//script") and not _nodes(page, "//*[@src]") and not _nodes(page, "//link[@href!='data:,']")
    )
    figures = [int(b.text) for b in _nodes(page, "//div[@class='figure']/b")]
    summary = document["summary"]
    assert figures == [summary[k] for k in ("files", "clean", "with_errors", "unreadable", "errors", "warnings")]
    listed = Counter(li.get("data-rule") for li in _nodes(page, "//ol[@class='findings']/li"))
    assert listed == Counter(f["rule"] for file in document["files"] for f in file["findings"])
    # Highlighted cells: exactly the cells named by the failing findings, per file (every table with one is drawn).
    highlighted: Counter[str] = Counter()
    for cell in _nodes(page, "//td[contains(@class, 'fail')]"):
        highlighted[cell.get("data-cell")] += 1
    named: Counter[str] = Counter()
    for file in document["files"]:
        cells = {c["ref"] for f in file["findings"] if f["status"] == "fail" for c in f["cells"]}
        named.update(cells)
    assert highlighted == named
    # The heat map: one cell per agency and rule, titled with the count of the matrix.
    truth = _agencies(document)
    rules = {rule for entry in truth.values() for rule in entry["rules"]}
    assert len(_nodes(page, "//svg[contains(@class,'heat')]//*[local-name()='rect']")) == len(truth) * len(rules)
    bars = _nodes(page, "//svg[contains(@class,'bars')]//*[local-name()='rect']")
    assert len(bars) == len(rules)
