"""Four optional compiled files: the scan of the line features and the classifier's row loops
(``newsclean/classify/_scan.c``), the terminal widths of a dump's lines (``newsclean/text/_widths.c``),
the words site rules need, looked for in a page all at once (``newsclean/sites/_needles.c``), and the
block walk of an HTML page over libxml2's tree (``newsclean/html/_walk.c``, built against the headers lxml ships).

Everything else is configured in ``pyproject.toml``. The extensions are optional: where they cannot be
built (no compiler, no Python or lxml headers), the install goes on and ``newsclean.classify.chars``,
``newsclean.text.lines``, ``newsclean.sites.literal`` and ``newsclean.html.blocks`` compute the same values
with numpy, regular expressions, ``in`` and ``lxml.etree.iterwalk``. ``_walk`` reads lxml's and libxml2's
structures, so ``newsclean.html.blocks`` uses it only under the lxml version it was compiled against (pip
builds it against the newest lxml unless ``--no-build-isolation`` is given; reinstall after upgrading lxml).
"""

import os

from setuptools import Extension, setup


def _lxml_includes() -> list[str] | None:
    """lxml's header folders (its own C API, and the folder holding the libxml2 headers it was built with),
    or None. Folders *inside* ``libxml/`` and the like are left out: their ``threads.h`` or ``list.h`` would
    shadow the C library's."""
    try:
        import lxml

        folders = list(lxml.get_include())
    except Exception:  # no lxml in the build environment: the walk stays in Python
        return None
    inner = {"libxml", "libxslt", "libexslt", "__pycache__"}
    return [folder for folder in folders if os.path.basename(os.path.normpath(folder)) not in inner]


_walk_includes = _lxml_includes()

setup(
    ext_modules=[
        Extension("newsclean.classify._scan", ["newsclean/classify/_scan.c"], optional=True),
        Extension("newsclean.text._widths", ["newsclean/text/_widths.c"], optional=True),
        Extension("newsclean.sites._needles", ["newsclean/sites/_needles.c"], optional=True),
        *(
            [Extension("newsclean.html._walk", ["newsclean/html/_walk.c"], include_dirs=_walk_includes, optional=True)]
            if _walk_includes is not None
            else []
        ),
    ]
)
