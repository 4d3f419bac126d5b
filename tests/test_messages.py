"""The words of the command line: every help text translated, and where the language comes from."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import pytest

from giocheck.cli import _parser, main
from giocheck.messages import HELP_ZH, environment_language, language, requested_language
from giocheck.render.text import WORDS


def _parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from _parsers(sub)


def _help_texts(parser: argparse.ArgumentParser) -> Iterator[str]:
    for each in _parsers(parser):
        if each.description:
            yield each.description
        for action in each._actions:
            if action.help and action.help != argparse.SUPPRESS:
                yield str(action.help)
            if isinstance(action, argparse._SubParsersAction):
                yield from (str(choice.help) for choice in action._choices_actions if choice.help)


def test_every_help_text_of_every_command_has_a_chinese_translation() -> None:
    missing = sorted({text for text in _help_texts(_parser()) if text not in HELP_ZH})
    assert not missing, f"add to giocheck/messages.py HELP_ZH: {missing}"


def test_every_option_says_what_it_does() -> None:
    for each in _parsers(_parser()):
        for action in each._actions:
            if not isinstance(action, argparse._SubParsersAction):
                assert action.help, f"{each.prog} {action.dest}: no help text"


def test_check_output_words_exist_in_both_languages() -> None:
    assert set(WORDS["zh"]) == set(WORDS["en"])


def test_help_is_chinese_by_default_and_english_on_request(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GIOCHECK_LANG", raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")  # ignored: many Chinese servers run en_US
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("用法：giocheck check") and "只输出错误和汇总" in out
    with pytest.raises(SystemExit):
        main(["check", "--lang", "en", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: giocheck check") and "print only errors and the summary" in out


def test_the_language_comes_from_flag_then_configuration_then_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIOCHECK_LANG", "en")
    with pytest.raises(SystemExit):
        main(["--help"])
    assert capsys.readouterr().out.startswith("usage:")
    (tmp_path / "giocheck.toml").write_text('lang = "zh"\n', encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["--help"])
    assert capsys.readouterr().out.startswith("用法：")
    with pytest.raises(SystemExit):
        main(["--lang=en", "show", "--help"])
    assert capsys.readouterr().out.startswith("usage:")


@pytest.mark.parametrize(
    ("given", "configured", "environment", "expected"),
    [
        ("en", "zh", "zh", "en"),
        (None, "en", "zh", "en"),
        (None, None, "en_US.UTF-8", "en"),
        (None, None, "zh_CN.UTF-8", "zh"),
        (None, None, "fr", "zh"),
        (None, None, "", "zh"),
    ],
)
def test_language_precedence(
    given: str | None, configured: str | None, environment: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIOCHECK_LANG", environment)
    assert language(given, configured) == expected


def test_the_flag_is_found_before_parsing() -> None:
    assert requested_language(["check", "--lang", "en", "x.txt"]) == "en"
    assert requested_language(["check", "--lang=zh"]) == "zh"
    assert requested_language(["check", "--lang", "fr"]) is None
    assert requested_language(["check"]) is None


def test_the_environment_language_ignores_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GIOCHECK_LANG", raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert environment_language() is None
