"""The words of read problems and file errors: why a file (a report, a manifest, a check result
handed to `compare`) could not be read, and the lines of `compare`."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "no_such": ("文件或文件夹不存在", "no such file or folder"),
    "no_reports": ("文件夹中没有报告文件（{suffixes}）", "no report files ({suffixes}) in this folder"),
    "cannot_open": ("无法打开：{reason}", "cannot open: {reason}"),
    # special files (giocheck/filekind.py): never opened
    "fifo": ("命名管道（FIFO）", "a named pipe (FIFO)"),
    "socket": ("套接字", "a socket"),
    "char_device": ("字符设备", "a character device"),
    "block_device": ("块设备", "a block device"),
    "special_not_written": ("是{kind}，不是普通文件，不写入", "is {kind}, not a regular file; not written"),
    "special_not_read": ("是{kind}，不是普通文件，不读取", "is {kind}, not a regular file; not read"),
    "special_report_not_read": (
        "是{kind}，不是普通文件，不读取（管道中的报告请从标准输入读取：giocheck check - < 文件）",
        "is {kind}, not a regular file; not read (to check a report from a pipe, give it as standard input: "
        "giocheck check - < FILE)",
    ),
    # what a PDF's streams inflate to (giocheck/readers/pdfstreams.py)
    "pdf_stream_over": ("有一个数据流解压后超过", "a stream inflates past it"),
    "pdf_streams_over": ("各数据流解压后合计超过", "the streams inflate past it"),
    "not_json": ("不是 JSON 文件（{error}）", "not a JSON file ({error})"),
    "not_check_json": ("不是 check --format json 的结果（{where}）", "not a check --format json document ({where})"),
    # the manifest (--manifest files.csv)
    "manifest_unreadable": ("清单文件无法读取（{reason}）", "manifest cannot be read ({reason})"),
    "manifest_encoding": ("清单文件不是 UTF-8 或 GB18030 文本", "manifest is not UTF-8 or GB18030 text"),
    "manifest_empty": ("清单文件是空的", "manifest is empty"),
    "manifest_header": (
        "清单第 1 行（表头）缺少 {column} 列（应有 path, agency, published, kind, level, URL）",
        "line 1 (the header) has no {column} column (expected path, agency, published, kind, level, URL)",
    ),
    "manifest_agency": ("机关名称为空", "the agency is empty"),
    "manifest_published": ("发布日期应为 YYYY-MM-DD：{value}", "published should be YYYY-MM-DD: {value}"),
    "manifest_kind": (
        "类型应为 government/department（人民政府/部门）：{value}",
        "kind should be government or department: {value}",
    ),
    "manifest_level": ("层级应为 {known} 之一：{value}", "level should be one of {known}: {value}"),
    # a TOML file of the user's (configuration, baseline)
    "toml_unreadable": ("无法读取：{reason}", "cannot read: {reason}"),
    "toml_encoding": (
        "不是 UTF-8 编码（第 {byte} 个字节），TOML 文件须存为 UTF-8",
        "not UTF-8 (byte {byte}); save TOML files as UTF-8",
    ),
    "toml_invalid": ("不是有效的 TOML：{error}", "not valid TOML: {error}"),
    # duplicates among the files of a run
    "same_agency_year": ("{agency} {year} 年度有 {n} 份报告：{files}", "{agency} has {n} reports for {year}: {files}"),
    "identical": ("文件内容完全相同：{files}", "identical files: {files}"),
    "similar": (
        "不同机关的报告内容雷同（正文重复 {share}%，超过 {threshold}%）：{names}",
        "reports of different agencies repeat each other ({share}% of the text, more than {threshold}%): {names}",
    ),
    "over_budget": (
        "检查超过时限（{budget} 秒），已停止",
        "checking took longer than the time limit ({budget} s) and was stopped",
    ),
    "plugin_cache": (
        "共 {reports} 份报告，本次读取 {read} 份，{cached} 份取自缓存",
        "{reports} reports, {read} read, {cached} from cache",
    ),
    # giocheck compare
    "compare_agency": (
        "{agency}：新增 {new}，已改正 {fixed}，仍存在 {persisting}",
        "{agency}: {new} new, {fixed} fixed, {persisting} persisting",
    ),
    "compare_total": (
        "共新增 {new}，已改正 {fixed}，仍存在 {persisting}",
        "{new} new, {fixed} fixed, {persisting} persisting in all",
    ),
    # a file that could not be checked (giocheck/execution.py)
    "nested_too_deep": ("结构嵌套过深，无法读取", "nested too deeply to be read"),
    "out_of_memory": ("文件过大，内存不足，无法读取", "too large to be read in memory"),
    "internal_error": (
        "内部错误，未能检查此文件（{kind}）；请将此文件报告给 giocheck 维护者",
        "internal error, this file was not checked ({kind}); please report the file to giocheck's maintainers",
    ),
    "over_time_budget": (
        "检查用时超过上限（{limit} 秒），已停止；如确需更长时间，可用 --time-budget 秒数 或配置项 time-budget 调高",
        "checking took longer than the time budget ({limit} s) and was stopped; "
        "raise it with --time-budget SECONDS or `time-budget` in the configuration",
    ),
    # {code}: exit_code, or nothing when the process left none
    "worker_died": (
        "检查此文件的进程意外退出（WorkerDied{code}），未能检查",
        "the process checking this file ended unexpectedly (WorkerDied{code}); not checked",
    ),
    "exit_code": ("，退出码 {code}", ", exit code {code}"),
    # after the first few of a list of messages
    "in_all": ("；…（共 {count} 项）", "; … ({count} in all)"),
}
