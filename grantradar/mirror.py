"""A snapshot folder served for mirror mode (CONTRACTS.md §4), with validators for conditional requests.

Request `/HOST/PATH?QUERY` → file `DIR/HOST/PATH` (`index.html` for a path ending in `/`); with a query the
file name gets `@` + the quoted query. A POST body can select a variant: `<file>#<sha1(body)[:10]>` is served
before `<file>` when it exists. Every file is served with an ETag and Last-Modified and answers
If-None-Match / If-Modified-Since with 304, so conditional re-crawls can be measured against it.
"""

from __future__ import annotations

import hashlib
import threading
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

DEFAULT_SNAPSHOT = Path(__file__).parent / "demo" / "snapshot"
DEFAULT_PORT = 8765


def snapshot_path(root: Path, host: str, path: str, query: str = "", body: bytes | None = None) -> Path:
    """The file that answers a request; spiders' demo data is written with this same function."""
    path = unquote(path) or "/"
    if path.endswith("/"):
        path += "index.html"
    relative = (host.lower() + path).lstrip("/")
    target = root / relative
    if query:
        target = target.with_name(target.name + "@" + quote(query, safe="=&-_.,"))
    if body:
        target = target.with_name(target.name + "#" + hashlib.sha1(body).hexdigest()[:10])
    return target


def _content_type(path: Path, data: bytes) -> str:
    name = path.name.split("@", 1)[0].split("#", 1)[0].lower()
    head = data[:300].lstrip().lower()
    if name.endswith(".json") or head[:1] in (b"{", b"["):
        return "application/json"
    if name.endswith(".pdf"):
        return "application/pdf"
    if name.endswith(".xlsx"):
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    if b"<rss" in head or name.endswith(".rss"):
        return "application/rss+xml; charset=utf-8"
    if b"<feed" in head or name.endswith(".atom"):
        return "application/atom+xml; charset=utf-8"
    if head.startswith(b"<?xml") or name.endswith(".xml"):
        return "application/xml; charset=utf-8"
    if name.endswith(".txt"):
        return "text/plain; charset=utf-8"
    return "text/html; charset=utf-8"


class MirrorHandler(BaseHTTPRequestHandler):
    root: Path = DEFAULT_SNAPSHOT
    server_version = "grantradar-mirror"

    def log_message(self, format: str, *args: object) -> None:
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)

    def _resolve(self, body: bytes | None) -> Path | None:
        parts = urlsplit(self.path)
        segments = parts.path.lstrip("/").split("/", 1)
        host = segments[0]
        rest = "/" + (segments[1] if len(segments) > 1 else "")
        if not host or ".." in rest.split("/"):
            return None
        candidates = []
        if body:
            candidates.append(snapshot_path(self.root, host, rest, parts.query, body))
        candidates.append(snapshot_path(self.root, host, rest, parts.query))
        for candidate in candidates:
            try:
                candidate.resolve().relative_to(self.root.resolve())
            except ValueError:
                return None
            if candidate.is_file():
                return candidate
        return None

    def _serve(self, body: bytes | None, head_only: bool = False) -> None:
        target = self._resolve(body)
        if target is None:
            self.send_error(404, "not in snapshot")
            return
        data = target.read_bytes()
        etag = '"' + hashlib.sha1(data).hexdigest()[:16] + '"'
        mtime = target.stat().st_mtime
        last_modified = formatdate(mtime, usegmt=True)
        if self._not_modified(etag, mtime):
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", last_modified)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", _content_type(target, data))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", last_modified)
        self.end_headers()
        if not head_only:
            self.wfile.write(data)

    def _not_modified(self, etag: str, mtime: float) -> bool:
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match:
            return etag in [tag.strip() for tag in if_none_match.split(",")]
        if_modified_since = self.headers.get("If-Modified-Since")
        if if_modified_since:
            try:
                return int(mtime) <= parsedate_to_datetime(if_modified_since).timestamp()
            except (TypeError, ValueError):
                return False
        return False

    def do_GET(self) -> None:
        self._serve(None)

    def do_HEAD(self) -> None:
        self._serve(None, head_only=True)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self._serve(self.rfile.read(length) if length else None)


class MirrorServer:
    """The mirror in a background thread (for `grantradar demo` and tests); `url` once started."""

    def __init__(self, root: Path = DEFAULT_SNAPSHOT, host: str = "127.0.0.1", port: int = 0) -> None:
        if not root.is_dir():
            raise FileNotFoundError(f"snapshot folder {root} does not exist")
        handler = type("BoundMirrorHandler", (MirrorHandler,), {"root": root})
        self.httpd = ThreadingHTTPServer((host, port), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="mirror", daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> MirrorServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> MirrorServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
