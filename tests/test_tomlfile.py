"""Reading the TOML files users write: every failure is one `ConfigError` naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from giocheck.errors import ConfigError, FileError, ReadError
from giocheck.tomlfile import read_toml


def test_a_good_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text("lang = 'zh'\nname = '渠县信访局'\n", encoding="utf-8")
    assert read_toml(path) == {"lang": "zh", "name": "渠县信访局"}


@pytest.mark.parametrize(
    ("content", "zh", "en"),
    [
        ("name = '渠县'\n".encode("gbk"), "不是 UTF-8 编码（第 9 个字节）", "not UTF-8 (byte 9)"),
        (b"name = [\n", "不是有效的 TOML", "not valid TOML"),
    ],
)
def test_bad_content_names_the_file(tmp_path: Path, content: bytes, zh: str, en: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    with pytest.raises(ConfigError) as raised:
        read_toml(path)
    assert raised.value.message("zh").startswith(f"{path}: {zh}")
    assert raised.value.message("en").startswith(f"{path}: {en}")


def test_a_folder_or_a_missing_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="无法读取"):
        read_toml(tmp_path)
    with pytest.raises(ConfigError, match="无法读取"):
        read_toml(tmp_path / "missing.toml")


def test_configuration_and_read_errors_share_one_bilingual_base() -> None:
    for kind in (ConfigError, ReadError):
        error = kind("a.toml", "坏了", "broken")
        assert isinstance(error, FileError)
        assert (error.message("zh"), error.message("en"), str(error)) == (
            "a.toml: 坏了",
            "a.toml: broken",
            "a.toml: 坏了",
        )
