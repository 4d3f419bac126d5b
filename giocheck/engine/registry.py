"""The one registry of rule kinds: name → function, schema and message slots.

Every kind is a function `(instance, subject) -> findings`: the `Instance` is the rule bound
to its cells (a table rule once per `for_each` binding; a rule about the whole report once,
with no table), the `Subject` the report with what the kinds share about it. Adding a kind is
one such function and its schema (`giocheck.engine.schema`), registered with `register`; the
modules that hold kinds are listed once, in `giocheck.engine.kindset`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from giocheck.engine.findings import Finding
from giocheck.engine.schema import RuleSpec, TableRule

if TYPE_CHECKING:
    from giocheck.engine.instances import Instance
    from giocheck.engine.subject import Subject
    from giocheck.engine.tablegrid import Grid

Check = Callable[["Instance[Any]", "Subject"], Iterator[Finding]]
Compile = Callable[["Instance[Any]"], object]
Quiet = Callable[["Instance[Any]", "Grid"], bool]
C = TypeVar("C", bound=Callable[..., Iterator[Finding]])


@attrs.frozen
class Kind:
    """A registered kind.

    `schema`: the pydantic model its rules are validated with; `slots`: the names its message
    templates may use. `per_cells`: a table rule, checked once per binding of its cells
    (`single_lhs`: exactly one total on the left). `needs_previous`: it compares with last
    year's report. `groups`: the regex groups each claim pattern (`pattern`, `part`) must
    have (`cells_for`: a group a claim with `cells` may leave out). `legacy`: it reads no table
    nor format data, so its rules may list the `legacy` format (reports before 2019).
    `compile`: what the kind works out once per instance when a plan is compiled (kept as
    `Instance.compiled`), so that checking a report does only what depends on the report.
    `quiet`: for a table kind, a test on the report's grid alone that is True only when the
    kind's function would yield nothing (a sum that adds up, a row with no blank): the common
    case, decided without the call, the generator and the findings machinery.
    """

    name: str
    check: Check
    schema: type[RuleSpec]
    slots: frozenset[str]
    single_lhs: bool = False
    needs_previous: bool = False
    groups: Mapping[str, frozenset[str]] = attrs.field(factory=dict)
    cells_for: str | None = None
    legacy: bool = False
    compile: Compile | None = None
    quiet: Quiet | None = None

    @property
    def per_cells(self) -> bool:
        """Whether the kind judges table cells, one instance per binding (the table kinds)."""
        return issubclass(self.schema, TableRule) and not self.needs_previous


KINDS: dict[str, Kind] = {}


def register(
    name: str,
    schema: type[RuleSpec],
    slots: set[str] | frozenset[str],
    *,
    single_lhs: bool = False,
    needs_previous: bool = False,
    groups: Mapping[str, set[str]] | None = None,
    cells_for: str | None = None,
    legacy: bool = False,
    compile: Compile | None = None,
    quiet: Quiet | None = None,
) -> Callable[[C], C]:
    """Register the decorated function as rule kind `name`, its rules validated by `schema`
    (`compile`: its work per instance at plan compile time; `quiet`: its test for nothing to
    say on a grid; see `Kind`)."""

    def add(function: C) -> C:
        needed = {field: frozenset(names) for field, names in (groups or {}).items()}
        check: Any = function
        KINDS[name] = Kind(
            name, check, schema, frozenset(slots), single_lhs, needs_previous, needed, cells_for, legacy, compile, quiet
        )
        return function

    return add
