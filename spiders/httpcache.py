"""Conditional re-crawls: Scrapy's HTTP cache, made to revalidate every time and to key on the real URL.

Enabled in spiders.settings. What each piece is for:
- `RevalidatingPolicy`: RFC 2616 caching, except that a response is only "fresh" for the lifetime the server
  states (Cache-Control max-age / Expires). Scrapy's stock policy adds Firefox's heuristic (10 % of the time
  since Last-Modified), which would trust a page untouched for a year for five weeks without asking; we ask
  every run with If-None-Match / If-Modified-Since and reuse the stored body on 304. It also refuses to
  answer a 5xx with the stored copy, so a broken source still fails its run (spiders.health) instead of
  silently serving yesterday's page.
- `HonestHttpCacheMiddleware`: the same for network errors (the stock middleware answers those from cache).
- `MirrorAwareFingerprinter`: the mirror middleware re-schedules a rewritten request, so without this the cache
  would key on `http://127.0.0.1:<port>/host/path` and a mirror on another port would start from nothing.
- `NetworkBytesMiddleware`: counts what really crossed the network (`grantradar/network_bytes`);
  `downloader/response_bytes` also counts bodies answered from the cache, so it cannot measure savings.

Sources without validators re-download in full every run (see the spiders' docstrings); POST requests are
cached like GETs by Scrapy (the key includes the method and body), so SEDIA is revalidated when the server
sends an ETag or Last-Modified (the demo mirror does; the live API's behaviour is unverified).
"""

from __future__ import annotations

from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.httpcache import HttpCacheMiddleware
from scrapy.extensions.httpcache import RFC2616Policy
from scrapy.http import Response
from scrapy.utils.request import RequestFingerprinter

from spiders.middlewares import ORIGINAL_URL

NETWORK_BYTES_KEY = "grantradar/network_bytes"
NETWORK_RESPONSES_KEY = "grantradar/network_responses"


class RevalidatingPolicy(RFC2616Policy):
    """Fresh only for the lifetime the server states; 304 is the only answer that validates a stored copy."""

    def _compute_freshness_lifetime(self, response: Response, request: Request, now: float) -> float:
        cache_control = self._parse_cachecontrol(response)
        if self._get_max_age(cache_control) is None and b"Expires" not in response.headers:
            return 0  # no stated lifetime: revalidate (no Last-Modified heuristic)
        return super()._compute_freshness_lifetime(response, request, now)

    def is_cached_response_valid(self, cachedresponse: Response, response: Response, request: Request) -> bool:
        return response.status == 304


class HonestHttpCacheMiddleware(HttpCacheMiddleware):
    """The stock middleware, minus answering network errors from the cache (which would hide a dead source)."""

    def process_exception(self, request: Request, exception: Exception, spider: Spider | None = None) -> Any:
        request.meta.pop("cached_response", None)
        return None


class MirrorAwareFingerprinter:
    """Scrapy's request fingerprint, computed on the original URL when the mirror rewrote the request."""

    def __init__(self, crawler: Crawler | None = None) -> None:
        self._default = RequestFingerprinter(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> MirrorAwareFingerprinter:
        return cls(crawler)

    def fingerprint(self, request: Request) -> bytes:
        original = request.meta.get(ORIGINAL_URL)
        if original and original != request.url:
            request = request.replace(url=original)
        return self._default.fingerprint(request)


class NetworkBytesMiddleware:
    """Counts the bytes of responses that came from the network (status line, headers and body)."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> NetworkBytesMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Response:
        headers = sum(len(k) + len(v) + 4 for k, values in response.headers.items() for v in values)
        self.stats.inc_value(NETWORK_BYTES_KEY, 15 + headers + len(response.body))
        self.stats.inc_value(NETWORK_RESPONSES_KEY)
        self.stats.inc_value(f"grantradar/network_status_count/{response.status}")
        return response
