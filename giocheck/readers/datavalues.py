"""What report data must hold beyond its schema, checked after validation: a year the calendar
holds, one line where any report has one line, numbers that are counts or sums of money, and raw
text that is the same number as the value. Each failure is one `ReadError` naming the field.
"""

from __future__ import annotations

from decimal import Decimal

from giocheck.errors import ReadError
from giocheck.limits import current_limits
from giocheck.model import AnnualReport
from giocheck.words import pair

_YEARS = (1, 9998)  # date(year + 1, 1, 1) and date(year, 12, 31) exist


def check_year(report: AnnualReport, source: str) -> None:
    """Raise `ReadError` for a report year the calendar cannot hold with the years either side
    of it (the rules date the year's end and the next year's deadlines): 0, -1, 10000, 2**63."""
    year = report.metadata.year
    if year is not None and not _YEARS[0] <= year <= _YEARS[1]:
        raise ReadError(source, *pair("read.not_a_year", year=year, low=_YEARS[0], high=_YEARS[1]))


def check_one_line(report: AnnualReport, source: str) -> None:
    """Raise `ReadError` for a line break in a field that is one line in any report read from a
    document — a name, a label, a heading, a cell's text, a read problem or note: findings and the
    summary quote them, one line each (benchmarks/fuzz_data.py found `"raw": "1\n2"` splitting one)."""
    meta = report.metadata
    fields: list[tuple[str, str | None]] = [
        ("metadata.agency", meta.agency),
        ("metadata.source", meta.source),
        ("metadata.signature.agency", meta.signature.agency if meta.signature else None),
    ]
    fields += [(f"sections.{n}.heading", section.heading) for n, section in enumerate(report.sections)]
    for n, problem in enumerate(report.problems):
        fields += [(f"problems.{n}.message_zh", problem.message_zh), (f"problems.{n}.message_en", problem.message_en)]
    for n, note in enumerate(report.notes):
        texts = (note.printed, note.expected, note.message_zh, note.message_en, *note.names)
        fields += [(f"notes.{n}", text) for text in texts]
    for key, table in report.tables.items():
        fields += [(f"tables.{key}.headers.{n}.text", header.text) for n, header in enumerate(table.headers)]
        for part, rows in (("rows", table.rows), ("substitutes", table.substitutes)):
            for row_key, row in rows.items():
                fields.append((f"tables.{key}.{part}.{row_key}.label", row.label))
                fields += [(f"tables.{key}.{part}.{row_key}.cells.{c}.raw", cell.raw) for c, cell in row.cells.items()]
    broken = next((field for field, text in fields if text and len(f"{text}.".splitlines()) > 1), None)
    if broken is not None:
        raise ReadError(source, *pair("read.data_line_break", field=broken))


def check_values(report: AnnualReport, source: str) -> None:
    """Raise `ReadError` for a cell value no count or sum of money can be: not finite, or with
    more digits (or a larger exponent) than `number_digits` allows (`1E+1000000`)."""
    limit = current_limits().number_digits
    for key, table in report.tables.items():
        for part, rows in (("rows", table.rows), ("substitutes", table.substitutes)):
            for row_key, row in rows.items():
                for column, cell in row.cells.items():
                    value = cell.value
                    if value is None or _sensible(value, limit):
                        continue
                    field = f"tables.{key}.{part}.{row_key}.cells.{column}"
                    raise ReadError(source, *pair("read.not_sensible", field=field, limit=limit))


def _sensible(value: int | Decimal, limit: int) -> bool:
    if isinstance(value, int):
        return value.bit_length() <= limit * 4  # 2 ** (4 * digits) > 10 ** digits: a bound without str()
    exponent = value.as_tuple().exponent
    return isinstance(exponent, int) and abs(exponent) <= limit and len(value.as_tuple().digits) <= limit


def check_raw(report: AnnualReport, source: str) -> None:
    """Raise `ReadError` for a cell whose `raw` text is another number than its `value`.

    Messages quote `raw` while sums use `value`: a stale `raw` would show one number and count another.
    """
    # Imported here: the extractor is not needed to tell a file's kind (`giocheck.readers` imports
    # this module), and a run whose outcomes come from the result cache imports none of it.
    from giocheck.extract.tokens import parse_number

    for key, table in report.tables.items():
        for part, rows in (("rows", table.rows), ("substitutes", table.substitutes)):
            for row_key, row in rows.items():
                for column, cell in row.cells.items():
                    written = parse_number(cell.raw.strip(), money=isinstance(cell.value, Decimal))
                    if written is not None and written != cell.value:
                        field = f"tables.{key}.{part}.{row_key}.cells.{column}"
                        raise ReadError(
                            source, *pair("read.raw_not_value", field=field, raw=cell.raw, value=cell.value)
                        )
