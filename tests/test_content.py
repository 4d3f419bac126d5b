"""Report kinds about content (`giocheck/engine/content.py`): X_OTHER_PLACE's search."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from giocheck.engine.content import _PLACE, _ending_with

_CHARACTERS = st.sampled_from(list("市县区省州镇乡旗盟街道自治地信访局达通川渠和与的。，1"))


@given(st.lists(_CHARACTERS, max_size=80).map("".join), st.sampled_from(["信访局", "市信访局", "区局", "信访"]))
def test_a_place_before_the_body_is_found_as_a_plain_search_finds_it(text: str, body: str) -> None:
    """Tried only just before each time the body's name occurs, the search finds what trying
    every position finds, overlapping names and back-to-back matches included."""
    regex = re.compile(rf"(?P<place>{_PLACE}){re.escape(body)}")
    assert [m.span() for m in _ending_with(regex, text, body)] == [m.span() for m in regex.finditer(text)]
