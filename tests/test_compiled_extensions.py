"""The optional C loops are built and in use where CI asks for them.

Each loop has a Python twin, and the tests comparing the two skip where the loop is not built, so a build
that silently fails (no compiler, or ``_walk`` built against another lxml than the one installed) would
otherwise go unnoticed. ``.ci/run`` sets ``NEWSCLEAN_REQUIRE_COMPILED=1`` on its fresh machine, where all
four must load; elsewhere this test skips.
"""

from __future__ import annotations

import os

import pytest

import newsclean.classify.chars as chars
import newsclean.html.blocks as blocks
import newsclean.sites.literal as literal
import newsclean.text.lines as lines

REQUIRED = os.environ.get("NEWSCLEAN_REQUIRE_COMPILED") == "1"

LOOPS = {
    "classify._scan (line features)": lambda: chars._scan,
    "text._widths (widths and unwrap)": lambda: lines._compiled_unwrap,
    "sites._needles (rule words)": lambda: literal._compiled_present,
    "html._walk (block walk)": lambda: blocks._compiled_walk,
}


@pytest.mark.skipif(not REQUIRED, reason="NEWSCLEAN_REQUIRE_COMPILED=1 is set only by .ci/run")
@pytest.mark.parametrize("name", sorted(LOOPS))
def test_compiled_loop_is_in_use(name: str) -> None:
    assert LOOPS[name]() is not None, f"{name} is not built or not usable; its Python twin would run instead"
