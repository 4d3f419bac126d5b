"""The rule catalogue: `giocheck rules`, `giocheck explain ID`, and docs/rules.md."""

from __future__ import annotations

import difflib

from rich.console import Console
from rich.table import Table
from rich.text import Text

from giocheck.engine.findings import CellRef
from giocheck.engine.instances import Instance, Term, expand
from giocheck.engine.rulefile import RuleSet, RuleSpec
from giocheck.engine.schema import PreviousRule, TableRule, sections_of
from giocheck.formats import formats
from giocheck.naming import cell_name
from giocheck.words import say


def render_rules(console: Console, rules: RuleSet, lang: str = "zh") -> None:
    """One line per rule."""
    table = Table(box=None, header_style="bold", padding=(0, 1))
    for heading in ("id", "name", "severity", "formats", "title"):
        table.add_column(heading)
    for rule in rules.rules:
        severity = say(f"rules.{rule.severity}", lang)
        table.add_row(
            rule.id, rule.name, severity, ", ".join(rule.formats), rule.title_zh if lang == "zh" else rule.title_en
        )
    console.print(table)


def describe(rule: RuleSpec, lang: str = "zh") -> list[tuple[str, str]]:
    """Label/value pairs explaining a rule, the relation spelt out with the format's labels."""
    zh = lang == "zh"

    def word(key: str, **slots: object) -> str:
        return say(f"rules.{key}", lang, **slots)

    pairs = [
        (word("rule"), f"{rule.id} ({rule.name})"),
        (word("title"), rule.title_zh if zh else rule.title_en),
        (word("kind"), rule.kind),
        (word("severity"), word(rule.severity)),
        (word("formats"), ", ".join(rule.formats)),
        (word("basis"), rule.basis_zh if zh else rule.basis_en),
    ]
    short = rule.basis_short_zh if zh else rule.basis_short_en
    if short:
        pairs.append((word("in_short"), short))
    if rule.agency_kinds or rule.agency_levels:
        who = (
            "、".join([*rule.agency_kinds, *rule.agency_levels])
            if zh
            else ", ".join([*rule.agency_kinds, *rule.agency_levels])
        )
        pairs.append((word("agencies"), who))
    if not isinstance(rule, TableRule):
        if sections_of(rule):
            pairs.append((word("reads"), ", ".join(sections_of(rule))))
        return pairs
    instances = expand(rule, formats()[rule.formats[-1]])
    pairs.append((word("instances"), word("instance_count", n=len(instances), format=rule.formats[-1])))
    pairs.append((word("example"), _relation_text(instances[0], lang)))
    return pairs


def _relation_text(instance: Instance[TableRule], lang: str = "zh") -> str:
    def name(ref: CellRef) -> str:
        return cell_name(instance.layout, ref, lang)

    def side(terms: tuple[Term, ...]) -> str:
        parts = []
        for index, term in enumerate(terms):
            sign = ("− " if term.weight < 0 else "+ ") if index else ""
            parts.append(sign + name(term.ref))
        return " ".join(parts)

    if instance.cells:
        return ("、" if lang == "zh" else "; ").join(name(ref) for ref in instance.cells[:3]) + (
            " …" if len(instance.cells) > 3 else ""
        )
    relation = "≥" if instance.rule.kind == "at_least" else "="
    if isinstance(instance.rule, PreviousRule):
        rule = instance.rule.model_copy(update={"lhs": instance.rule.previous, "rhs": []})
        then = next(i for i in expand(rule, formats()[rule.formats[-1]]) if i.binding == instance.binding)
        changes = f" + {side(instance.rhs)}" if instance.rhs else ""
        return f"{side(instance.lhs)} = {say('rules.previous', lang)} {side(then.lhs)}{changes}"
    return f"{side(instance.lhs)} {relation} {side(instance.rhs)}"


def find_rules(rules: RuleSet, token: str) -> list[RuleSpec]:
    """The rules `token` names: an id (`T3_BALANCE`), a kebab name (`t3-application-balance`),
    in any case, `-` and `_` alike (one entry per set of formats)."""
    wanted = token.strip().lower().replace("_", "-")
    return [r for r in rules.rules if wanted in (r.id.lower().replace("_", "-"), r.name)]


def close_names(rules: RuleSet, token: str) -> list[str]:
    """Ids and names that look like `token`, for the message when it names no rule."""
    names = sorted({name for r in rules.rules for name in (r.id, r.name)})
    return difflib.get_close_matches(token.strip(), names, n=3, cutoff=0.5) or difflib.get_close_matches(
        token.strip().upper(), names, n=3, cutoff=0.5
    )


def explain_json(rules: list[RuleSpec]) -> list[dict[str, object]]:
    """`giocheck explain --json`: each rule's fields as in its file, with the relation spelt out."""
    documents = []
    for rule in rules:
        document: dict[str, object] = rule.model_dump(mode="json", exclude_defaults=True)
        if isinstance(rule, TableRule):
            document["example"] = _relation_text(expand(rule, formats()[rule.formats[-1]])[0])
        documents.append(document)
    return documents


def render_explain(console: Console, rules: list[RuleSpec], lang: str = "zh") -> None:
    """Every rule with the id (one per set of formats), fully described."""
    for rule in rules:
        table = Table(box=None, show_header=False, padding=(0, 1))
        table.add_column(style="bold", no_wrap=True)
        table.add_column(overflow="fold")
        for label, value in describe(rule, lang):
            table.add_row(label, Text(value))
        console.print(table)


def markdown_catalogue(rules: RuleSet) -> str:
    """docs/rules.md, generated from the rule files (never edited by hand)."""

    def both(key: str) -> str:
        return f"{say(f'rules.{key}')} {say(f'rules.{key}', 'en')}"

    lines = [
        f"# {say('rules.catalogue_title')} · {say('rules.catalogue_title', 'en')}",
        "",
        "<!-- Generated by `giocheck rules --markdown` from rules/checks/*.toml; do not edit. -->",
        "",
        f"| id | name | {both('column_severity')} | {both('column_formats')} | {say('rules.column_title')} |",
        "|---|---|---|---|---|",
    ]
    for rule in rules.rules:
        lines.append(f"| `{rule.id}` | {rule.name} | {rule.severity} | {', '.join(rule.formats)} | {rule.title_zh} |")
    for rule in rules.rules:
        lines += ["", f"## {rule.id} — {rule.name}", ""]
        for label, value in describe(rule, "zh"):
            lines.append(f"- **{label}**：{value}")
        lines.append(f"- **English**: {rule.title_en}. Basis: {rule.basis_en}")
        lines += _example_lines(rule.id)
    return "\n".join(lines) + "\n"


def _example_lines(rule_id: str) -> list[str]:
    """The rule's failing and passing example and how to fix it (rules/examples.toml), if it has one."""
    from giocheck.examples import describe_side, rule_examples

    example = rule_examples().get(rule_id)
    if example is None:
        return []
    failing, passing = (describe_side(side, "zh", example.spec) for side in (example.failing, example.passing))
    on = " · ".join(say("rules.on_sample", lang, format=example.format) for lang in ("zh", "en"))
    lines = ["", f"**{say('rules.fails')} · {say('rules.fails', 'en')}**（{on}）：", ""]
    lines += [*(failing[:-1] if failing[-1] == "" else failing), ""]
    lines += [f"**{say('rules.passes')} · {say('rules.passes', 'en')}**：", ""]
    lines += [*(passing[:-1] if passing[-1] == "" else passing), ""]
    lines += [
        f"**{say('rules.how_to_fix')}**：{example.fix_zh}",
        "",
        f"**{say('rules.how_to_fix', 'en')}**: {example.fix_en}",
    ]
    return lines
