"""The optional compiled scan of the line features (``newsclean/classify/_scan.c``).

Everything else is configured in ``pyproject.toml``. The extension is optional: where it cannot be
built (no compiler or Python headers), the install goes on and ``newsclean.classify.chars`` computes the
same arrays with numpy.
"""

from setuptools import Extension, setup

setup(ext_modules=[Extension("newsclean.classify._scan", ["newsclean/classify/_scan.c"], optional=True)])
