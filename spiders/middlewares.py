"""Mirror mode (CONTRACTS.md §4): fetch `https://HOST/PATH?QUERY` from `MIRROR_URL/HOST/PATH?QUERY`."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

ORIGINAL_URL = "grantradar_original_url"


def mirror_url_for(url: str, mirror: str) -> str:
    """The mirror address of `url`: scheme dropped, host and path and query kept verbatim."""
    parts = urlsplit(url)
    rest = parts.netloc + (parts.path or "/")
    if parts.query:
        rest += "?" + parts.query
    return mirror.rstrip("/") + "/" + rest


class MirrorMiddleware:
    """Rewrites each request to the mirror (same method, headers, body) and restores the real URL on the
    response, so spiders parse as if they had fetched the source and items carry real URLs."""

    def __init__(self, mirror: str) -> None:
        self.mirror = mirror.rstrip("/")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> MirrorMiddleware:
        mirror = crawler.settings.get("MIRROR_URL")
        if not mirror:
            raise NotConfigured("MIRROR_URL not set")
        if not mirror.startswith(("http://", "https://")):
            raise ValueError(f"MIRROR_URL must be an http(s) URL, got {mirror!r}")
        return cls(mirror)

    def process_request(self, request: Request, spider: Spider | None = None) -> Any:
        if ORIGINAL_URL in request.meta or request.url.startswith(self.mirror):
            return None
        original = request.url
        mirrored = request.replace(url=mirror_url_for(original, self.mirror))
        mirrored.meta[ORIGINAL_URL] = original
        # dont_filter: the rewritten request is the same logical request, already past the dupe filter.
        mirrored.dont_filter = True
        return mirrored

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Any:
        original = request.meta.get(ORIGINAL_URL)
        if original is None:
            return response
        return response.replace(url=original)
