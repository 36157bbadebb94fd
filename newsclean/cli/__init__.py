"""The ``newsclean`` command line: parses arguments, builds :class:`~newsclean.Options`, calls the library.

The entry point is :func:`newsclean.cli.main.main`.
"""
