"""The fetcher's third-party libraries, imported once with an error that says how to install them."""

from __future__ import annotations

try:
    import httpx
    import protego
    import warcio
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        f"fetching needs httpx, protego and warcio ({exc.name} is missing): pip install 'newsclean[fetch]'"
    ) from exc

__all__ = ["httpx", "protego", "warcio"]
