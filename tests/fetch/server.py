"""A real HTTP server on 127.0.0.1 for the fetcher's tests: runs in a thread and records every request.

Routes map a path to a responder, a function of the request handler. The site counts requests in flight
per host name the client used (``127.0.0.1`` and ``localhost`` are two hosts to the fetcher), so
politeness is measured where it matters: on the server.
"""

from __future__ import annotations

import gzip
import itertools
import ssl
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ALL = "*"


@dataclass(frozen=True)
class Hit:
    """One request as the server saw it."""

    host: str
    path: str
    start: float  # time.monotonic() when the request was read
    user_agent: str


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    site: Site

    def do_GET(self) -> None:
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
        self.site.enter(Hit(host, self.path, time.monotonic(), self.headers.get("User-Agent", "")))
        try:
            self.site.routes.get(self.path, not_found)(self)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        finally:
            self.site.leave(host)

    def send(
        self,
        status: int,
        body: bytes = b"",
        *,
        content_type: str | None = "text/html; charset=utf-8",
        headers: Iterable[tuple[str, str]] = (),
    ) -> None:
        self.send_response(status)
        if content_type is not None:
            self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


Responder = Callable[[Handler], None]


class Site:
    """The server, its routes and what it saw."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.scheme = "https" if tls else "http"
        self.routes: dict[str, Responder] = {}
        self.hits: list[Hit] = []
        self.peak: Counter[str] = Counter()
        self._in_flight: Counter[str] = Counter()
        self._lock = threading.Lock()
        handler = type("BoundHandler", (Handler,), {"site": self})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        if tls is not None:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self._thread.start()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"{self.scheme}://{host}:{self.port}{path}"

    def paths(self, host: str | None = None) -> list[str]:
        """The paths requested, in order of arrival (of one host name when given)."""
        with self._lock:
            return [hit.path for hit in sorted(self.hits, key=lambda h: h.start) if host in (None, hit.host)]

    def starts(self, host: str) -> list[float]:
        with self._lock:
            return sorted(hit.start for hit in self.hits if hit.host == host)

    def enter(self, hit: Hit) -> None:
        with self._lock:
            self.hits.append(hit)
            for key in (hit.host, ALL):
                self._in_flight[key] += 1
                self.peak[key] = max(self.peak[key], self._in_flight[key])

    def leave(self, host: str) -> None:
        with self._lock:
            for key in (host, ALL):
                self._in_flight[key] -= 1

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def running_site() -> Iterator[Site]:
    """A site for one test (the body of the ``site`` fixtures)."""
    site = Site()
    try:
        yield site
    finally:
        site.close()


# --- responders -----------------------------------------------------------------------------------------


def not_found(handler: Handler) -> None:
    handler.send(404, b"<html><body>not found</body></html>")


def page(
    body: bytes | str = b"<html><body><p>Hello</p></body></html>",
    *,
    status: int = 200,
    content_type: str | None = "text/html; charset=utf-8",
    headers: Iterable[tuple[str, str]] = (),
    delay: float = 0.0,
) -> Responder:
    data = body.encode("utf-8") if isinstance(body, str) else body
    fixed = tuple(headers)

    def respond(handler: Handler) -> None:
        if delay:
            time.sleep(delay)
        handler.send(status, data, content_type=content_type, headers=fixed)

    return respond


def redirect(location: str, status: int = 302) -> Responder:
    return page(b"", status=status, headers=[("Location", location)])


def in_turn(*responders: Responder) -> Responder:
    """Each request gets the next responder; the last one answers every request after that."""
    queue = itertools.chain(responders, itertools.repeat(responders[-1]))
    lock = threading.Lock()

    def respond(handler: Handler) -> None:
        with lock:
            responder = next(queue)
        responder(handler)

    return respond


def drip(length: int = 10_000, every: float = 0.05, limit: float = 5.0) -> Responder:
    """A slow-loris: the headers at once, then the body one byte every ``every`` seconds."""

    def respond(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(length))
        handler.end_headers()
        stop = time.monotonic() + limit
        for _ in range(length):
            if time.monotonic() > stop:
                break
            handler.wfile.write(b"x")
            handler.wfile.flush()
            time.sleep(every)
        handler.close_connection = True

    return respond


def drip_headers(every: float = 0.05, limit: float = 5.0) -> Responder:
    """A slow-loris in the headers: one header line after another, each quick, never the end of them."""

    def respond(handler: Handler) -> None:
        handler.wfile.write(b"HTTP/1.1 200 OK\r\n")
        stop = time.monotonic() + limit
        n = 0
        while time.monotonic() < stop:
            handler.wfile.write(f"X-Slow-{n}: 1\r\n".encode())
            handler.wfile.flush()
            n += 1
            time.sleep(every)
        handler.close_connection = True

    return respond


def stall(seconds: float) -> Responder:
    """The headers at once, then nothing for ``seconds``, then the connection closes."""

    def respond(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", "100")
        handler.end_headers()
        handler.wfile.flush()
        time.sleep(seconds)
        handler.close_connection = True

    return respond


def unsized(size: int, chunk: int = 1000) -> Responder:
    """A body of ``size`` bytes with no Content-Length (chunked), so only reading it shows its size."""

    def respond(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        sent = 0
        while sent < size:
            part = b"y" * min(chunk, size - sent)
            handler.wfile.write(f"{len(part):x}\r\n".encode() + part + b"\r\n")
            sent += len(part)
        handler.wfile.write(b"0\r\n\r\n")

    return respond


def gzipped(body: bytes) -> Responder:
    return page(gzip.compress(body), headers=[("Content-Encoding", "gzip")])
