"""The docs site: it builds strictly, its pictures are current, and it documents every read note."""

from __future__ import annotations

import html
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import get_args

import pytest
import yaml

from giocheck.model import NoteKind

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_generate", DOCS / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _texts(svg: str) -> str:
    """What a terminal screenshot says (rich's SVG markup may change between its versions)."""
    return "".join(html.unescape(text) for text in re.findall(r"<text[^>]*>([^<]*)</text>", svg))


def test_the_site_builds_strictly(tmp_path: Path) -> None:
    if importlib.util.find_spec("mkdocs") is None or importlib.util.find_spec("material") is None:
        pytest.skip("mkdocs and mkdocs-material are not installed (pip install -e '.[docs]')")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    api = (tmp_path / "site" / "api" / "index.html").read_text(encoding="utf-8")
    assert "cell_name" in api and "load" in api  # the reference comes from the docstrings
    assert (tmp_path / "site" / "images" / "table-2021-T3.svg").is_file()


def test_every_page_is_in_the_navigation() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    listed = set(re.findall(r"[\w/-]+\.md", str(config["nav"])))
    pages = {str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md")}
    assert pages == listed


def test_the_pictures_are_current(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("GIOCHECK_LANG", "zh")
    made = _generator().pictures()
    committed = {p.name for p in (DOCS / "images").glob("*.svg")}
    assert committed == set(made), "run: python docs/generate.py"
    for name, svg in made.items():
        written = (DOCS / "images" / name).read_text(encoding="utf-8")
        if name.startswith("table-"):
            assert written == svg, f"run: python docs/generate.py ({name})"
        else:
            assert _texts(written) == _texts(svg), f"run: python docs/generate.py ({name})"
        assert len(written) < 150_000, name


def test_every_read_note_code_is_documented() -> None:
    text = (DOCS / "troubleshooting.md").read_text(encoding="utf-8")
    headings = set(re.findall(r"^## `(\w+)`", text, flags=re.MULTILINE))
    assert headings == set(get_args(NoteKind))


PHOTOS = ("office-html.png", "office-xlsx.png")


def test_the_office_pages_show_the_office_outputs() -> None:
    from PIL import Image

    for page in (DOCS / "start" / "office.md", DOCS / "en" / "office.md"):
        text = page.read_text(encoding="utf-8")
        for picture in ("summary.svg", *PHOTOS):
            assert f"](../images/{picture})" in text, (page, picture)
    for name in PHOTOS:
        path = DOCS / "images" / name
        with Image.open(path) as image:
            assert image.format == "PNG" and image.width <= 1000 and image.height > 100, name
        assert path.stat().st_size < 200_000, name


def test_the_photographs_are_made_from_a_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from PIL import Image

    if shutil.which("chromium") is None or shutil.which("chromedriver") is None:
        pytest.skip("Chromium or chromedriver not installed (run tests/setup-system.sh as root)")
    pytest.importorskip("selenium")
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("GIOCHECK_LANG", "zh")
    made = _generator().photos(tmp_path)
    assert set(made) == set(PHOTOS)
    for path in made.values():
        with Image.open(path) as image:
            assert image.width <= 1000 and image.height > 100
    # The workbook's page shows its sheet's names and the agencies of the run.
    page = (tmp_path / "summary.html").read_text(encoding="utf-8")
    assert "汇总" in page and "问题清单" in page and "淮安市人民政府" in page
