"""Write a report to a file whose kind the suffix names: `.txt`, `.html`, `.docx`, `.pdf`, `.json`, `.yaml`."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from giocheck.errors import ReadError, UsageError
from giocheck.model import AnnualReport

OUTPUT_SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf", ".json", ".yaml", ".yml")


def render_bytes(report: AnnualReport, suffix: str) -> bytes:
    """The report in the standard layout (or as data) for an output suffix."""
    suffix = suffix.lower()
    if suffix == ".txt":
        from giocheck.writers.layout import prose_only
        from giocheck.writers.text import write_text

        return write_text(prose_only(report)).encode("utf-8")
    if suffix in (".html", ".htm"):
        from giocheck.writers.html import write_html

        return write_html(report).encode("utf-8")
    if suffix == ".docx":
        from giocheck.writers.docx import write_docx

        return write_docx(report)
    if suffix == ".pdf":
        from giocheck.writers.pdf import write_pdf

        return write_pdf(report)
    # Lines, pages and cells of the file the report was read from mean nothing in the new file.
    data = _without_locations(report.model_dump(mode="json", exclude_defaults=True))
    if suffix == ".json":
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if suffix in (".yaml", ".yml"):
        import yaml

        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")
    known = "、".join(OUTPUT_SUFFIXES)
    raise UsageError(f"无法按后缀「{suffix or '（无）'}」决定输出格式，可用：{known}")


def _without_locations(data: object) -> Any:
    if isinstance(data, dict):
        return {key: _without_locations(value) for key, value in data.items() if key != "location"}
    if isinstance(data, list):
        return [_without_locations(item) for item in data]
    return data


def render_file(report: AnnualReport, source: Path, output: Path) -> None:
    """Write `report` (read from `source`) to `output`; never over the file it was read from."""
    # `samefile` also sees a hard link or another spelling of the input (`a/../report.txt`).
    if output.exists() and source.exists() and os.path.samefile(output, source):
        raise ReadError(
            str(output), "输出文件就是输入文件，不会覆盖它", "the output file is the input file; it is not overwritten"
        )
    if output.exists() and not output.is_file():
        # A named pipe would block the write until someone reads it; a device is no output file.
        raise ReadError(
            str(output),
            "输出位置已存在且不是普通文件（文件夹、管道或设备）",
            "exists and is no regular file (a folder, pipe or device)",
        )
    content = render_bytes(report, output.suffix)
    try:
        output.write_bytes(content)
    except OSError as error:
        raise ReadError(str(output), f"无法写入：{error.strerror}", f"cannot write: {error.strerror}") from None
