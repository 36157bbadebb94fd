from __future__ import annotations

import pytest

pytest.importorskip("httpx")
pytest.importorskip("protego")
pytest.importorskip("warcio")

from tests.fetch.server import running_site

site = pytest.fixture(running_site, name="site")
