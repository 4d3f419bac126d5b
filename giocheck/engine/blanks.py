"""The table kind `filled`: every cell of a row is filled in, 0 where nothing happened.

A blank or placeholder cell (空白、“/”、“—”) leaves a relation not assessable; evaluators count
it as 不全面 (the format asks for 0). One finding per row, naming its blank cells. A row only
agencies that make 规章 can fill (`rows_for_rule_makers`) is info for the others, by the
agency-kind table (`rules/agencies.toml`). Rows or columns left out entirely are the read notes'
business (S_TABLE_ROWS, S_TABLE_COLUMNS), not this kind's.
"""

from __future__ import annotations

from collections.abc import Iterator

from giocheck.agencies import duty_of
from giocheck.engine.findings import Finding
from giocheck.engine.instances import Instance, Term
from giocheck.engine.kinds import cell_view
from giocheck.engine.registry import register
from giocheck.engine.schema import FilledRule
from giocheck.engine.subject import Subject
from giocheck.engine.tablegrid import Grid
from giocheck.naming import cell_name, table_name

_SLOTS = frozenset({"scope", "cells", "count"})
# How many blank cells a message names before it says how many there are in all.
_SHOWN = 3


def _quiet(instance: Instance[FilledRule], grid: Grid) -> bool:
    """No cell of the row is printed blank."""
    return grid.table is None or grid.blanks.isdisjoint(instance.cells_at)


@register("filled", FilledRule, _SLOTS, quiet=_quiet)
def filled(instance: Instance[FilledRule], subject: Subject) -> Iterator[Finding]:
    """A row's cells are all filled in (a row or column left out is not looked at)."""
    grid = subject.grid(instance)
    if grid.table is None:
        return
    values, unprinted = grid.values, grid.unprinted
    refs = [
        ref
        for at, ref in zip(instance.cells_at, instance.cells, strict=True)
        if values[at] is None and not unprinted[at]
    ]
    if not refs:
        return
    blank = [cell_view(instance, subject.report, Term(ref)) for ref in refs]
    row_key = blank[0].ref.row
    profile = subject.profile
    duty = duty_of(profile.kind, profile.level)
    info = row_key in instance.rule.rows_for_rule_makers and duty is not None and not duty.may_make_rules
    more = len(blank) - _SHOWN
    shown_zh = "、".join(view.label for view in blank[:_SHOWN]) + (f"等 {len(blank)} 栏" if more > 0 else "")
    shown_en = ", ".join(cell_name(instance.layout, view.ref, "en") for view in blank[:_SHOWN]) + (
        f" and {more} more" if more > 0 else ""
    )
    slots = {"scope": table_name(instance.layout, "zh"), "cells": shown_zh, "count": str(len(blank))}
    yield Finding(
        rule=instance.rule.id,
        name=instance.rule.name,
        severity="info" if info else instance.rule.severity,
        status="fail",
        message_zh=instance.rule.message_zh.format_map(slots),
        message_en=instance.rule.message_en.format_map(
            {**slots, "scope": table_name(instance.layout, "en"), "cells": shown_en}
        ),
        lhs=tuple(blank),
        scope=f"{instance.layout.key}.{row_key}",
        binding=instance.binding,
    )
