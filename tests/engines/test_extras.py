"""Each adapter, imported without its engine, raises an ImportError that names the extra to install."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    ("module", "missing", "extra"),
    [
        ("newsclean.arrow", "pyarrow", "arrow"),
        ("newsclean.spark", "pyspark", "spark"),
        ("newsclean.datatrove", "datatrove", "datatrove"),
        ("newsclean.dask", "dask", "dask"),
    ],
)
def test_a_missing_engine_names_its_extra(module: str, missing: str, extra: str) -> None:
    code = (
        f"import sys; sys.modules[{missing!r}] = None\n"  # importing it now raises ImportError
        "import newsclean\n"
        f"try:\n    import {module}\nexcept ImportError as exc:\n    print(exc)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert f"pip install 'newsclean[{extra}]'" in done.stdout
