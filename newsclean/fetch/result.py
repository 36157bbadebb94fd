"""What fetching one URL gives: a page, or the error that says why there is none."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import FetchError

Headers = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Page:
    """One fetched page.

    ``url`` is the URL asked for, ``final_url`` where the body came from after ``redirects`` (the URLs
    that answered with a redirect, in order). ``body`` is the payload with any Content-Encoding (gzip,
    br…) undone; ``headers`` are the response headers as received. ``fetched_at`` is an ISO 8601 UTC
    time stamp of the final request.
    """

    url: str
    final_url: str
    status: int
    reason_phrase: str
    http_version: str
    headers: Headers
    request_headers: Headers
    body: bytes
    fetched_at: str
    redirects: tuple[str, ...] = ()

    @property
    def content_type(self) -> str | None:
        return self.header("content-type")

    @property
    def charset(self) -> str | None:
        """The charset the Content-Type header names, if any (pass it to ``clean_html``)."""
        for parameter in (self.content_type or "").split(";")[1:]:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "charset" and value.strip(" \"'"):
                return value.strip(" \"'")
        return None

    def header(self, name: str) -> str | None:
        """The first value of a response header, by case-insensitive name."""
        name = name.lower()
        return next((value for key, value in self.headers if key.lower() == name), None)


@dataclass(frozen=True, slots=True)
class FetchResult:
    """The outcome for one URL: exactly one of ``page`` and ``error`` is set."""

    url: str
    page: Page | None = None
    error: FetchError | None = None

    def __post_init__(self) -> None:
        if (self.page is None) == (self.error is None):
            raise ValueError("a FetchResult holds exactly one of page and error")

    @property
    def ok(self) -> bool:
        return self.page is not None
