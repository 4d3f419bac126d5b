"""The words of a supervising office's outputs: the summary, the spreadsheets, the HTML report
and its charts, `--statistics`, JUnit, compare and the manifest."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    # the runner's three outcomes, and a finding's severity and status
    "clean": ("无错误", "no errors"),
    "errors": ("有错误", "errors"),
    "unreadable": ("无法读取", "unreadable"),
    "error": ("错误", "error"),
    "warning": ("警告", "warning"),
    "info": ("提示", "info"),
    "fail": ("违反", "fail"),
    "not_assessable": ("无法判断", "not_assessable"),
    # column headings
    "file": ("文件", "file"),
    "agency": ("机关", "agency"),
    "year": ("年度", "year"),
    "rule": ("规则", "rule"),
    "title": ("标题", "title"),
    "severity": ("级别", "severity"),
    "status": ("状态", "status"),
    "cells": ("单元格", "cells"),
    "message": ("说明", "message"),
    "basis": ("依据", "basis"),
    "errors_count": ("错误", "errors"),
    "warnings_count": ("警告", "warnings"),
    "rules_broken": ("违反的规则", "rules broken"),
    "reason": ("原因", "reason"),
    "kind": ("类别", "kind"),
    "files": ("文件", "files"),
    "count": ("条数", "count"),
    "reports": ("报告数", "reports"),
    "name": ("名称", "name"),
    "level": ("级别", "level"),
    # sheets of the workbook
    "sheet_summary": ("汇总", "summary"),
    "sheet_findings": ("问题清单", "findings"),
    "sheet_unreadable": ("无法读取", "unreadable"),
    "sheet_duplicates": ("重复与缺报", "duplicates"),
    # lines
    "missing": ("清单中的机关没有报告：{agency}", "no report of “{agency}” (in the manifest)"),
    "none_broken": ("没有违反任何规则", "no rule was broken"),
    "junit_errors": ("{n} 个错误：{rules}", "{n} errors: {rules}"),
    # the HTML report
    "html_title": ("政府信息公开工作年度报告检查结果", "Check of government information disclosure annual reports"),
    "html_reports": ("报告", "reports"),
    "html_errors": ("错误", "errors"),
    "html_warnings": ("警告", "warnings"),
    "html_rules_version": ("规则版本", "rules"),
    "html_overview": ("概况", "Overview"),
    "html_with_errors": ("有错误的报告占", "reports with errors: "),
    "html_rates": ("各规则违反率", "Failure rate per rule"),
    "html_matrix": ("机关 × 规则", "Agency × rule"),
    "html_agencies": ("各机关", "Agencies"),
    "html_duplicates": ("重复与缺报", "Duplicates and missing"),
    "html_unreadable": ("无法读取", "Unreadable"),
    "html_no_findings": ("未发现问题", "no findings"),
    "html_data_row": ("数据", "data"),
    "chart_rates": ("各规则违反率", "failure rate per rule"),
    "chart_share": ("{percent}（{n}/{of}）", "{percent} ({n}/{of})"),
    "chart_matrix": ("机关×规则热力图", "agency × rule heat map"),
}
