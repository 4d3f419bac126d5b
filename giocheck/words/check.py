"""The words of `giocheck check`: every output's lines, the summary line, the likely culprit."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "error": ("错误", "error"),
    "warning": ("警告", "warning"),
    "info": ("提示", "info"),
    "not_assessable": ("无法判断", "not assessable"),
    "accepted": ("已接受", "accepted"),
    "clean": ("✓ 未发现错误（{rules} 条规则）", "✓ no errors found ({rules})"),
    "clean_with_warnings": ("✓ 无错误，{warnings} 条警告", "✓ no errors, {warnings}"),
    "with_errors": ("● {errors} 个错误", "● {errors}"),
    "unreadable": ("✗ 无法读取：{error}", "✗ could not be read: {error}"),
    "legacy": (
        "● 2019年以前的报告（旧条例，无全国统一表格），不做表格校验",
        "● report before 2019 (old regulation, no national tables): tables not checked",
    ),
    "ocr": (
        "OCR 识别（扫描件，数字可能误读，请对照原件）",
        "read by OCR (a scan: digits may be misread, compare with the original)",
    ),
    "more": ("（另有 {n} 处同类情况）", " ({n} more like this)"),
    "rule": ("规则", "rule"),
    "level": ("级别", "level"),
    "message": ("说明", "message"),
    "where": ("位置", "where"),
    "summary": (
        "共检查 {files} 个文件：{clean} 个无错误，{with_errors} 个有错误，{unreadable} 个无法读取；错误 {errors} 条，警告 {warnings} 条",
        "{files} checked: {clean} clean, {with_errors} with errors, {unreadable} unreadable; {errors}, {warnings}",
    ),
    "not_assessable_count": ("，无法判断 {n} 项", ", {n} not assessable"),
    "structural_count": (
        "；有错误的文件中 {n} 个有结构错误（缺表、缺行、缺部分或未按格式）",
        "; {n} of the files with errors have structural errors (a table, rows or a part left out, or another format)",
    ),
    "reason": ("（理由：{reason}{until}）", " (reason: {reason}{until})"),
    "until": ("；有效期至 {date}", "; until {date}"),
    "lhs": ("左边", "left"),
    "rhs": ("右边", "right"),
    "gap": ("相差", "difference"),
    "blank": ("空", "blank"),
    "cells": ("+ …（共 {n} 格）", "+ … ({n} cells)"),
    "accepted_count": ("；已接受 {n} 条", "; {n} accepted"),
    "basis": ("（依据：{basis}）", " (basis: {basis})"),
    "explain": (
        "规则的详细说明与依据：giocheck explain {rule}（可换成上面任一规则编号）",
        "a rule explained, with its basis: giocheck explain {rule} (or any rule id above)",
    ),
    "culprit_one": (
        "最可能的错误：{cell}填 {current}，按其他各格应为 {proposed}",
        "most likely wrong: {cell} is {current}; the other cells say it should be {proposed}",
    ),
    "culprit_any": (
        "最可能的错误（改其中任一格即可使本表各项关系成立）：{changes}",
        "most likely wrong (changing any one of these makes every relation of the table hold): {changes}",
    ),
    "culprit_change": ("{cell}填 {current}，应为 {proposed}", "{cell} is {current}, should be {proposed}"),
    "culprit_pair": (
        "最可能的错误：{cell}填 {current}、{cell2}填 {current2}，按其他各格应分别为 {proposed}、{proposed2}",
        "most likely wrong: {cell} is {current} and {cell2} is {current2}; the other cells say they should be {proposed} and {proposed2}",
    ),
    "culprit_pairs": (
        "最可能的错误（以下任一组两格同时改动即可使本表各项关系成立）：{changes}",
        "most likely wrong (changing both cells of any one pair makes every relation of the table hold): {changes}",
    ),
    "culprit_pair_change": (
        "{cell}填 {current}、{cell2}填 {current2}，应为 {proposed}、{proposed2}",
        "{cell} is {current} and {cell2} is {current2}, should be {proposed} and {proposed2}",
    ),
    "culprit_none": (
        "无法确定哪一格有误：改动本表任何一格都不能使各项关系同时成立，两格的改法也没有少数几种，错误不止一两处",
        "no cell stands out: no change of one cell makes every relation of the table hold, nor do a few pairs of changes; more cells are wrong",
    ),
    "or": ("；或 ", "; or "),
}
