"""The words of read errors and read problems: why a report's data, document or scan could not be
read (giocheck/readers/), or which of its tables, rows and cells were missing."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    # digits run together, cut the one way the text's stated numbers allow (giocheck/extract/glued.py)
    "glued_by_text": (
        "；{rows}的拆分由正文所述数字确定：{sentences}",
        "; the cut of {rows} was decided by the numbers the text states: {sentences}",
    ),
    # --limit NAME=VALUE (giocheck/limits.py) and GIOCHECK_TODAY (giocheck/clock.py)
    "limit_setting": (
        "--limit 应写作 NAME=VALUE，NAME 为 {known} 之一：{setting}",
        "--limit takes NAME=VALUE, NAME one of {known}: {setting}",
    ),
    "limit_value": ("--limit {name} 应是正整数：{value}", "--limit {name} must be a positive whole number: {value}"),
    "today_env": (
        "环境变量 {env}={value} 不是日期，请写作 YYYY-MM-DD",
        "the environment variable {env}={value} is not a date: write YYYY-MM-DD",
    ),
    "yaml_aliases": ("超过 {limit} 个别名", "more than {limit} aliases"),
    # report data: JSON or YAML in the model's schema (giocheck/readers/data.py)
    "data_not_object": (
        "报告数据应是一个对象（metadata、tables …）",
        "report data must be an object (metadata, tables …)",
    ),
    # the field at fault when it is the document itself; the English still names it in Chinese
    "data_top_level": ("（顶层）", "(top level)"),
    "data_more_errors": ("（共 {count} 处错误）", " ({count} errors)"),
    "data_invalid": ("报告数据字段 {field} 无效：{msg}{more}", "report data field {field} is invalid: {msg}{more}"),
    "show_json_format": (
        "show --json 数据的 format 应为 {known} 之一",
        "show --json data: format must be one of {known}",
    ),
    # "report data field tables.t2 …" and what is wrong with it ({what}: one of the entries below)
    "data_field": ("报告数据字段 {field} {what}", "report data field {field} {what}"),
    "no_table_of_format": ("不是 {format} 格式中的表", "is no table of the {format} format"),
    # {table}: 该表 (the entry below) in Chinese, the table's key in English
    "no_row_of_table": ("不是{table}的行", "is no row of {table}"),
    "this_table": ("该表", "the table"),
    "value_count": ("有 {count} 个值，该行有 {columns} 列", "has {count} values for {columns} columns"),
    "not_sensible": (
        "报告数据字段 {field} 的值不是合理的数（超过上限 number_digits={limit} 位，或不是有限数）",
        "report data field {field} is no sensible number (more than number_digits={limit} digits, or not finite)",
    ),
    "not_a_year": (
        "报告数据字段 metadata.year 的值 {year} 不是年份（应在 {low} 至 {high} 之间）",
        "report data field metadata.year: {year} is no year (it must be {low} to {high})",
    ),
    "data_line_break": (
        "报告数据字段 {field} 含换行；名称、标签、标题、单元格文字在报告中都只有一行",
        "report data field {field} holds a line break: names, labels, headings and cell text are one line in a report",
    ),
    "raw_not_value": (
        "报告数据字段 {field} 的 raw「{raw}」与 value {value} 不是同一个数",
        "report data field {field}: raw {raw!r} is not the value {value}",
    ),
    "not_yaml": ("不是有效的 YAML：{problem}", "not valid YAML: {problem}"),
    "yaml_value": ("YAML 中有无效的值：{problem}", "a value in the YAML is invalid: {problem}"),
    "not_json": ("不是有效的 JSON：{problem}", "not valid JSON: {problem}"),
    # {table}: the table's Chinese name (表二) in Chinese, its number in English
    "data_no_table": ("报告数据中没有{table}（{label}）", "the report data has no table {table} ({label})"),
    "data_lacks": (
        "报告数据中{table}缺少 {count} 处行或单元格：{shown}（视为空白）",
        "table {table} of the report data lacks {count} rows or cells: {shown} (taken as blank)",
    ),
    "and_more": ("等", ", …"),
    # {table}: "legacy 格式表二" (format_table) in Chinese, the table's key in English
    "no_part_of_table": ("不是 {table}的{part}", "is no {part} of {table}"),
    "format_table": ("{format} 格式{table}", "table {table} of the {format} format"),
    "row": ("行", "row"),
    "substitute_row": ("替代行", "substitute row"),
    # {columns}: the row's columns in Chinese, the row's key in English
    "no_column_of_row": ("不是该行的列（{columns}）", "is no column of {columns}"),
    "key_differs": ("的 key 是 {stated}，与键 {key} 不一致", "has key {stated}, not {key}"),
    # reading a file's bytes (giocheck/readers/__init__.py)
    "data_not_document": (
        "是报告数据（JSON/YAML），不是报告文档",
        "is report data (JSON/YAML), not a report document",
    ),
    "empty": ("文件为空", "the file is empty"),
    "zip_not_docx": (
        "是 ZIP 压缩包，不是 Word 文档，请解压后检查其中的报告",
        "is a ZIP archive, not a Word document; unpack it and check the report inside",
    ),
    # {places}: where, as bad_byte_place joined; {count}: how many
    "bad_bytes": (
        "文件是 UTF-8 编码，但有 {count} 处字节无效（{places}），已读作“\ufffd”；请检查这些位置的文字并重新保存为 UTF-8",
        "the file is UTF-8 but has {count} invalid byte sequences ({places}), read as “\ufffd”; "
        "check the text there and save the file as UTF-8 again",
    ),
    "bad_byte_place": ("第 {line} 行第 {column} 字", "line {line} column {column}"),
    "no_end": ("读到上限仍未结束", "still going at the limit"),
    "no_stdin": ("没有可读取的标准输入", "no standard input to read"),
    "stdin_unreadable": ("无法读取：{reason}", "cannot read: {reason}"),
    "folder": ("是文件夹，不是文件", "is a folder, not a file"),
    "no_such_file": ("文件不存在", "no such file"),
    "broken_link": ("是失效的链接：指向的 {target} 不存在", "is a broken link: its target {target} does not exist"),
    # what is over a limit (giocheck/limits.py says which limit)
    "chars": ("{count:,} 个字符", "{count:,} characters"),
    "long_line": ("有一行 {count:,} 个字符", "a line of {count:,} characters"),
    "text_bytes": ("文本 {count:,} 字节", "{count:,} bytes of text"),
    "not_text": ("不是文本文件（{error}）", "not a text file ({error})"),
    # what is over a limit in report data (giocheck/readers/datatree.py)
    "number_digits": ("一个数字有 {digits} 位", "a number of {digits} digits"),
    "nested": ("嵌套超过 {limit} 层", "nested more than {limit} deep"),
    "values_expanded": ("展开后超过 {limit:,} 个值", "more than {limit:,} values expanded"),
    "values": ("超过 {limit:,} 个值", "more than {limit:,} values"),
    # scans read by OCR (giocheck/readers/ocr.py)
    "no_text_layer": (
        "PDF 没有文字层（可能是扫描件），需要安装 tesseract（apt-get install tesseract-ocr tesseract-ocr-chi-sim）"
        "才能 OCR 识别，或提供带文字的 PDF 或 Word 文件",
        "the PDF has no text layer (a scan?): reading it by OCR needs tesseract "
        "(apt-get install tesseract-ocr tesseract-ocr-chi-sim), or give a PDF with text, or the Word file",
    ),
    "pdf_not_rendered": ("PDF 文件无法渲染（{error}）", "the PDF cannot be rendered ({error})"),
    "ocr_pages": (
        "扫描件 PDF 共 {pages} 页，超过 OCR 识别的上限 {limit} 页，请提供带文字的 PDF 或 Word 文件",
        "the scanned PDF has {pages} pages, more than the {limit} OCR reads; give a PDF with text or the Word file",
    ),
    "ocr_no_text": (
        "PDF 没有文字层（可能是扫描件），OCR 识别也没有读出文字，请提供带文字的 PDF 或 Word 文件",
        "the PDF has no text layer (a scan?) and OCR recognised no text in it; give a PDF with text, or the Word file",
    ),
    "ocr_timeout": (
        "OCR 识别第 {page} 页超过 {seconds} 秒未完成",
        "OCR of page {page} did not finish within {seconds} s",
    ),
    "ocr_failed": ("OCR 识别第 {page} 页失败（{detail}）", "OCR of page {page} failed ({detail})"),
    # PDF (giocheck/readers/pdf.py)
    "pdf_encrypted": ("PDF 已加密，请提供未加密的文件", "the PDF is encrypted; give an unencrypted copy"),
    "pdf_no_pages": ("PDF 文件已损坏：没有可读的页面", "the PDF is damaged: no readable pages"),
    "pdf_pages": ("{count:,} 页", "{count:,} pages"),
    "pdf_chars": ("到第 {page} 页已有 {count:,} 个字符", "{count:,} characters by page {page}"),
    "pdf_damaged": ("PDF 文件已损坏或无法解析（{error}）", "the PDF is damaged or unreadable ({error})"),
    # Word (giocheck/readers/docx.py)
    "docx_damaged": (
        "Word 文件已损坏或无法打开（{detail}）",
        "the Word file is damaged or cannot be opened ({detail})",
    ),
    "zip_members": ("{count:,} 个部件", "{count:,} parts"),
    "zip_member_over": ("{member} 解压后超过", "{member} inflates past it"),
    "zip_total_over": ("各部件解压后合计超过", "the parts inflate past it"),
    # legacy .doc/.wps, converted by LibreOffice (giocheck/readers/office.py)
    "legacy_needs_office": (
        "是旧版 .doc/.wps 二进制文件：需要安装 LibreOffice（apt-get install libreoffice-writer）才能读取，"
        "或在 Word/WPS 中另存为 .docx 后检查",
        "is a legacy .doc/.wps binary file: reading it needs LibreOffice (apt-get install libreoffice-writer), "
        "or save it as .docx in Word/WPS and check that",
    ),
    # {detail}: office_timeout, office_not_started or LibreOffice's own last line
    "legacy_not_converted": (
        "LibreOffice 无法转换此旧版 .doc/.wps 文件（{detail}），或在 Word/WPS 中另存为 .docx 后检查",
        "LibreOffice could not convert this legacy .doc/.wps file ({detail}); "
        "or save it as .docx in Word/WPS and check that",
    ),
    "office_timeout": ("超过 {seconds} 秒未完成", "it did not finish within {seconds} s"),
    "office_not_started": ("无法启动 {program}：{reason}", "cannot start {program}: {reason}"),
    # a file over a limit (giocheck/limits.py): {found} is what was found, in English after the
    # limit's description
    "over_limit": (
        "超过上限 {name}={limit}（{found}），不像年度报告；确需检查时可用 --limit {name}=… 或配置 [limits] 提高上限",
        "over the limit {name}={limit} ({found}): no annual report is this big; "
        "raise it with --limit {name}=… or [limits] in the configuration",
    ),
    # where in a document (giocheck/model.py, Location.describe): the parts joined, by_ocr after
    "where_page": ("第{n}页", "page {n}"),
    "where_line": ("第{n}行", "line {n}"),
    "where_table": ("表格{n}", "table {n}"),
    "where_row": ("第{n}行", "row {n}"),
    "where_column": ("第{n}列", "column {n}"),
    "by_ocr": ("（OCR 识别）", " (read by OCR)"),
}
