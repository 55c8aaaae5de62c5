"""Mirror mode: the downloader middleware's rewrite and the snapshot server (validators, 304, POST variants)."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest
from scrapy import Request, Spider
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from grantradar.mirror import MirrorServer, snapshot_path
from spiders.middlewares import ORIGINAL_URL, MirrorMiddleware, mirror_url_for

MIRROR = "http://127.0.0.1:8765"


def test_mirror_url_keeps_host_path_and_query() -> None:
    assert mirror_url_for("https://tacr.gov.cz/", MIRROR) == "http://127.0.0.1:8765/tacr.gov.cz/"
    assert (
        mirror_url_for("https://api.tech.ec.europa.eu/search-api/prod/rest/search?apiKey=SEDIA&pageNumber=2", MIRROR)
        == "http://127.0.0.1:8765/api.tech.ec.europa.eu/search-api/prod/rest/search?apiKey=SEDIA&pageNumber=2"
    )
    assert mirror_url_for("https://gacr.cz", MIRROR + "/") == "http://127.0.0.1:8765/gacr.cz/"


def test_middleware_rewrites_request_and_restores_response_url() -> None:
    crawler = get_crawler(Spider, {"MIRROR_URL": MIRROR})
    mw = MirrorMiddleware.from_crawler(crawler)
    original = Request(
        "https://tacr.gov.cz/soutez/forest/call-2026-4/", method="POST", body=b"x=1", headers={"X-Test": "1"}
    )
    mirrored = mw.process_request(original)
    assert mirrored.url == "http://127.0.0.1:8765/tacr.gov.cz/soutez/forest/call-2026-4/"
    assert mirrored.method == "POST" and mirrored.body == b"x=1" and mirrored.headers["X-Test"] == b"1"
    assert mirrored.meta[ORIGINAL_URL] == original.url
    assert mw.process_request(mirrored) is None  # not rewritten twice
    response = HtmlResponse(mirrored.url, body=b"<html></html>", request=mirrored)
    restored = mw.process_response(mirrored, response)
    assert restored.url == "https://tacr.gov.cz/soutez/forest/call-2026-4/"


def test_middleware_off_without_mirror_url() -> None:
    with pytest.raises(NotConfigured):
        MirrorMiddleware.from_crawler(get_crawler(Spider, {"MIRROR_URL": None}))


def test_middleware_rejects_non_http_mirror() -> None:
    with pytest.raises(ValueError):
        MirrorMiddleware.from_crawler(get_crawler(Spider, {"MIRROR_URL": "file:///tmp"}))


@pytest.fixture
def snapshot(tmp_path: Path) -> Path:
    root = tmp_path / "snap"
    for path, query, body, text in [
        ("/", "", None, "<html>home</html>"),
        ("/soutez/a/", "", None, "<html>detail</html>"),
        ("/rest/search", "apiKey=SEDIA&text=***&pageNumber=1", None, '{"page": 1}'),
        ("/rest/search", "apiKey=SEDIA&text=***&pageNumber=1", b"body-b", '{"page": "b"}'),
    ]:
        target = snapshot_path(root, "example.cz", path, query, body)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (tmp_path / "secret.txt").write_text("outside")
    return root


def fetch(url: str, data: bytes | None = None, headers: dict[str, str] | None = None):
    req = urllib.request.Request(url, data=data, headers=headers or {})
    return urllib.request.urlopen(req, timeout=5)


def test_server_serves_snapshot_with_validators(snapshot: Path) -> None:
    with MirrorServer(snapshot) as server:
        with fetch(f"{server.url}/example.cz/") as resp:
            assert resp.read() == b"<html>home</html>"
            assert resp.headers["Content-Type"].startswith("text/html")
            etag, modified = resp.headers["ETag"], resp.headers["Last-Modified"]
        with pytest.raises(urllib.error.HTTPError) as not_modified:
            fetch(f"{server.url}/example.cz/", headers={"If-None-Match": etag})
        assert not_modified.value.code == 304
        with pytest.raises(urllib.error.HTTPError) as not_modified:
            fetch(f"{server.url}/example.cz/", headers={"If-Modified-Since": modified})
        assert not_modified.value.code == 304
        with fetch(f"{server.url}/example.cz/soutez/a/") as resp:
            assert resp.read() == b"<html>detail</html>"


def test_server_query_and_post_body_variants(snapshot: Path) -> None:
    with MirrorServer(snapshot) as server:
        url = f"{server.url}/example.cz/rest/search?apiKey=SEDIA&text=***&pageNumber=1"
        with fetch(url, data=b"body-a") as resp:
            assert resp.read() == b'{"page": 1}'
            assert resp.headers["Content-Type"] == "application/json"
        with fetch(url, data=b"body-b") as resp:
            assert resp.read() == b'{"page": "b"}'


def test_server_404_and_no_escape(snapshot: Path) -> None:
    with MirrorServer(snapshot) as server:
        for path in ("/example.cz/missing", "/example.cz/../secret.txt", "/../secret.txt"):
            with pytest.raises(urllib.error.HTTPError) as err:
                fetch(server.url + path)
            assert err.value.code in (400, 404)


def test_server_needs_existing_folder(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        MirrorServer(tmp_path / "nope")
