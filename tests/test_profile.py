"""Agency profiles: kind and level from the name, overridden by the user."""

from __future__ import annotations

import json

import pytest

from giocheck.cli import main
from giocheck.model import Metadata
from giocheck.profile import infer, profile_of
from tests.conftest import HUAIAN, QU


@pytest.mark.parametrize(
    ("name", "kind", "level"),
    [
        ("渠县信访局", "department", "county"),
        ("淮安市人民政府", "government", "city"),
        ("某区人民政府办公室", "office", "county"),
        ("上海市人民政府办公厅", "office", "province"),
        ("淮安市人民政府办公室", "office", "city"),
        ("四川省教育厅", "department", "province"),
        ("某县市场监督管理局", "department", "county"),
        ("某区城市管理局", "department", "county"),
        ("达州市通川区行政审批局", "department", "county"),
        ("宣城市宁国市人民政府", "government", "county"),
        ("宁国市人民政府", "government", "county"),
        ("昆山市发展和改革委员会", "department", "county"),
        ("儋州市人民政府", "government", "city"),
        ("延边朝鲜族自治州人民政府", "government", "city"),
        ("大兴安岭地区行政公署", "dispatched", "prefecture"),
        ("兴安盟行政公署", "dispatched", "prefecture"),
        ("阿拉善盟", "dispatched", "prefecture"),
        ("喀什地区教育局", "department", "prefecture"),
        ("上海市黄浦区人民政府打浦桥街道", "dispatched", "township"),
        ("某街道办事处", "dispatched", "township"),
        ("某镇人民政府", "government", "township"),
        ("宿迁市", "government", "city"),
        ("国家统计局", "department", "state_council_department"),
    ],
)
def test_kind_and_level_from_the_name(name: str, kind: str, level: str) -> None:
    assert infer(name) == (kind, level)


def test_an_unknown_name_infers_nothing() -> None:
    assert infer(None) == (None, None)
    assert infer("年度报告") == (None, None)


def test_what_the_user_gives_wins() -> None:
    profile = profile_of(Metadata(agency="宁国市人民政府", format="2021", agency_level="city"))
    assert (profile.kind, profile.level) == ("government", "city")
    assert (profile.kind_source, profile.level_source) == ("inferred", "given")
    assert profile.describe() == "人民政府（推断）· 设区的市级（指定）"


def test_show_prints_the_profile(capsys: pytest.CaptureFixture[str]) -> None:
    main(["show", str(QU)])
    assert "部门（推断）· 县级（推断）" in capsys.readouterr().out
    main(["show", str(HUAIAN), "--json"])
    profile = json.loads(capsys.readouterr().out)["profile"]
    assert profile == {
        "kind": "government",
        "level": "city",
        "kind_source": "inferred",
        "level_source": "inferred",
        "place": "淮安市",
    }
