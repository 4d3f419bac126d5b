"""The words a pattern cannot match without: a prefilter worked out from the pattern itself.

Most claim patterns find nothing in most reports (`…件…顺延至下一年度`, `…其中…占…%`), yet
the regex engine tries them at every position of every part, and a pattern that begins with a
number (with its look-behinds) gets no help from the engine's own literal-prefix search. Before a
pattern is run on a text, `may_match` asks whether the text holds the words every match must
contain: `required_words` reads them off the parsed pattern once — each *clause* a set of words
one of which any match contains (`(?:收到|受理)…申请…件` needs one of 收到/受理, and 申请, and 件).
When a text lacks every word of some clause, no match exists, so skipping the regex changes no
finding (`tests/test_literals.py` checks this over strings generated from each shipped pattern).

Anything the analysis does not know (case-insensitive matching, a construct it has no rule
for) gives no clause: the pattern is then always run, as before.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Sequence
from functools import cache
from typing import Any

# The regex parser of the standard library (`sre_parse` before Python 3.11, which still names it
# with a deprecation warning). Only the parse tree's operation names are read, never its internals' types.
_PARSER: Any = importlib.import_module("re._parser")

Words = frozenset[str]
Clause = tuple[str, ...]

_MOST = 16
"""The most strings an exact set may hold (joining more would only cost)."""
_WIDEST = 8
"""The most words a clause `prefilter` tests may hold: each costs a scan of the text."""
_TESTED = 3
"""The most clauses `prefilter` tests per pattern."""
_ZERO_WIDTH = frozenset({"AT", "ASSERT", "ASSERT_NOT"})
_NOTHING: tuple[Words | None, tuple[Words, ...]] = (None, ())


class _Unknown(Exception):
    """The pattern uses something whose words cannot be read off safely."""


def required_words(pattern: str) -> tuple[Clause, ...]:
    """The clauses every match of `pattern` (a regular expression, placeholders expanded) satisfies.

    Each clause is a tuple of words at least one of which occurs in the matched text; the most
    selective clauses (longest shortest word) come first. `()` when nothing can be said.
    """
    return _required_words(pattern)


@cache
def _required_words(pattern: str) -> tuple[Clause, ...]:
    try:
        parsed = _PARSER.parse(pattern)
        if parsed.state.flags & (re.IGNORECASE | re.LOCALE):
            return ()
        exact, clauses = _sequence(parsed.data)
    except (_Unknown, re.error, RecursionError, TypeError, ValueError):
        return ()
    found = {_reduced(words) for words in (*clauses, exact) if words and "" not in words}
    ordered = sorted(found, key=lambda words: (-min(map(len, words)), len(words), sorted(words)))
    return tuple(tuple(sorted(words)) for words in ordered)


def _reduced(words: Words) -> Words:
    """A clause without the words that contain another of its words (`予以公开的` when `予以公开`
    is there): one of them occurs exactly when one of the rest does."""
    return frozenset(word for word in words if not any(other != word and other in word for other in words))


def prefilter(pattern: str) -> tuple[Clause, ...]:
    """The clauses `may_match` tests for `pattern`: none when the regex engine itself scans for
    the pattern's first characters (it begins with a character, a class, or alternatives that
    each begin with a character) — testing words there would cost more than it saves — else the
    most selective few of `required_words` (longest shortest word, then fewest words).
    """
    return _prefilter(pattern)


@cache
def _prefilter(pattern: str) -> tuple[Clause, ...]:
    try:
        if _engine_scans(_PARSER.parse(pattern).data):
            return ()
    except (re.error, RecursionError, TypeError, ValueError):
        return ()
    return tuple(clause for clause in _required_words(pattern) if len(clause) <= _WIDEST)[:_TESTED]


def _engine_scans(items: Sequence[tuple[Any, Any]]) -> bool:
    """Whether the engine finds where `items` may start by itself: as CPython's `re` compiler
    takes a literal or character-set prefix (`_get_literal_prefix`, `_get_charset_prefix`)."""
    while items and str(items[0][0]) == "SUBPATTERN" and not (items[0][1][1] or items[0][1][2]):
        items = items[0][1][3]
    if not items:
        return False
    op, av = items[0]
    if str(op) in {"LITERAL", "IN"}:
        return True
    return str(op) == "BRANCH" and all(len(branch) and str(branch[0][0]) == "LITERAL" for branch in av[1])


def may_match(pattern: str, text: str) -> bool:
    """False only when `text` cannot hold a match of `pattern` (it lacks every word of a clause)."""
    return all(any(word in text for word in clause) for clause in _prefilter(pattern))


def _sequence(items: Sequence[tuple[Any, Any]]) -> tuple[Words | None, tuple[Words, ...]]:
    """What a run of items matches: its exact strings when few, else the clauses it needs.

    Adjacent exact items are joined (`予以` then `公开` → `予以公开`); an item with no exact set
    closes the words joined so far into a clause and starts again after it.
    """
    clauses: list[Words] = []
    current: Words | None = frozenset({""})
    whole = True  # every item so far had an exact set, joined without a break
    for item in items:
        exact, needed = _item(*item)
        clauses.extend(needed)
        if exact is not None and "" not in exact and str(item[0]) != "LITERAL":
            clauses.append(exact)  # alternatives (`顺延|结转`): weaker than the joined words, but fewer
        if exact is not None and current is not None and len(current) * len(exact) <= _MOST:
            current = frozenset(a + b for a in current for b in exact)
            continue
        whole = False
        if current is not None:
            clauses.append(current)
        current = exact
    if whole:
        return current, tuple(clauses)
    if current is not None:
        clauses.append(current)
    return None, tuple(clauses)


def _item(op: Any, av: Any) -> tuple[Words | None, tuple[Words, ...]]:
    name = str(op)
    if name == "LITERAL":
        return frozenset({chr(av)}), ()
    if name == "IN":
        return _charset(av), ()
    if name in _ZERO_WIDTH:
        return frozenset({""}), ()  # consumes nothing: the words on either side stay adjacent
    if name == "SUBPATTERN":
        _group, add_flags, _del_flags, inner = av
        if add_flags & (re.IGNORECASE | re.LOCALE):
            raise _Unknown("case-insensitive group")
        return _sequence(inner)
    if name == "ATOMIC_GROUP":
        return _sequence(av)
    if name == "BRANCH":
        return _branch(av[1])
    if name in {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}:
        return _repeat(*av)
    if name in {"ANY", "NOT_LITERAL", "CATEGORY", "GROUPREF", "GROUPREF_EXISTS"}:
        return _NOTHING
    raise _Unknown(name)


def _charset(items: Sequence[tuple[Any, Any]]) -> Words | None:
    """The characters of a class of single characters (`[条件篇]`), None for any other class."""
    if len(items) > _MOST or any(str(op) != "LITERAL" for op, _ in items):
        return None
    return frozenset(chr(av) for _, av in items)


def _branch(alternatives: Sequence[Sequence[tuple[Any, Any]]]) -> tuple[Words | None, tuple[Words, ...]]:
    """Alternatives: the union of their exact sets, else one clause taking a clause from each."""
    found = [_sequence(alternative) for alternative in alternatives]
    if all(exact is not None for exact, _ in found):
        union = frozenset(word for exact, _ in found if exact is not None for word in exact)
        if len(union) <= _MOST:
            return union, ()
    picked: set[str] = set()
    for exact, clauses in found:
        options = [c for c in (exact, *clauses) if c is not None and c and "" not in c]
        if not options:
            return _NOTHING  # an alternative that needs no word: the branch needs none
        picked |= min(options, key=lambda words: (-min(map(len, words)), len(words)))
    return (None, (frozenset(picked),)) if len(picked) <= _MOST else _NOTHING


def _repeat(least: int, most: int, inner: Sequence[tuple[Any, Any]]) -> tuple[Words | None, tuple[Words, ...]]:
    """A repeat needs what its item needs when it must occur at least once."""
    exact, clauses = _sequence(inner)
    if least == 0:
        if most == 1 and exact is not None:
            return exact | {""}, ()  # optional: its words or nothing
        return _NOTHING
    if least == most == 1:
        return exact, clauses
    return None, (*clauses, *(() if exact is None else (exact,)))
