"""Scrapy settings for grantradar. Every deviation from Scrapy's defaults says why.

Environment overrides: GRANTRADAR_MIRROR_URL (mirror mode), GRANTRADAR_CONTACT_EMAIL (User-Agent contact),
GRANTRADAR_DATABASE_URL (the store, used when GRANTRADAR_STORE=1, as `grantradar crawl` sets it).
"""

from __future__ import annotations

import os

from grantradar import __version__

BOT_NAME = "grantradar"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# Identify ourselves with a way to reach a human, as public-sector webmasters ask.
CONTACT_EMAIL = os.environ.get("GRANTRADAR_CONTACT_EMAIL", "grantradar@example.org")
USER_AGENT = f"grantradar/{__version__} (Czech Optical Cluster call monitor; +mailto:{CONTACT_EMAIL})"

ROBOTSTXT_OBEY = True
# Public portals are small servers: one request at a time per host, a second apart, slowed further by
# AutoThrottle when they answer slowly.
CONCURRENT_REQUESTS_PER_DOMAIN = 1  # default 8
DOWNLOAD_DELAY = 1.0  # default 0
AUTOTHROTTLE_ENABLED = True  # default False
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
# The OPZ+ feed takes more than 20 s to answer (SOURCES.md §10).
DOWNLOAD_TIMEOUT = 75  # default 180
RETRY_TIMES = 2  # default 2, stated because health monitoring counts on it
TELNETCONSOLE_ENABLED = False  # default True; no open debugging port on a production host
FEED_EXPORT_ENCODING = "utf-8"  # default: ASCII escapes in JSON
LOG_LEVEL = os.environ.get("GRANTRADAR_LOG_LEVEL", "INFO")

MIRROR_URL = os.environ.get("GRANTRADAR_MIRROR_URL") or None

DOWNLOADER_MIDDLEWARES = {
    # Closest to the downloader (after retry, redirect and cache) so everything else sees the real URL.
    "spiders.middlewares.MirrorMiddleware": 950,
    # Conditional requests (spiders/httpcache.py): the stock cache middleware would answer network errors
    # from the cache and hide a dead source.
    "scrapy.downloadermiddlewares.httpcache.HttpCacheMiddleware": None,
    "spiders.httpcache.HonestHttpCacheMiddleware": 900,
    # Beyond the mirror, so only what crossed the network is counted (grantradar/network_bytes).
    "spiders.httpcache.NetworkBytesMiddleware": 960,
}

# Conditional re-crawls: ETag and Last-Modified kept per URL, every page revalidated each run, the stored
# body reused on 304 (default: cache off). GRANTRADAR_HTTPCACHE=0 turns it off; the folder is relative to the
# working directory like the default database (Scrapy would otherwise put a relative path under .scrapy/).
HTTPCACHE_ENABLED = os.environ.get("GRANTRADAR_HTTPCACHE", "1") not in {"0", "false", "no"}
HTTPCACHE_DIR = os.path.abspath(os.environ.get("GRANTRADAR_HTTPCACHE_DIR", "var/httpcache"))
HTTPCACHE_POLICY = "spiders.httpcache.RevalidatingPolicy"  # default DummyPolicy: never revalidates
HTTPCACHE_GZIP = True  # default False; the MS2021+ file alone is 1.7 MB
# The cache keys on the real URL, not the mirror's (spiders/httpcache.py).
REQUEST_FINGERPRINTER_CLASS = "spiders.httpcache.MirrorAwareFingerprinter"

ITEM_PIPELINES = {
    "spiders.pipelines.ValidationPipeline": 100,
    "spiders.pipelines.StorePipeline": 800,
}

EXTENSIONS = {
    "spiders.extensions.RunRecorder": 500,
}

GRANTRADAR_STORE = os.environ.get("GRANTRADAR_STORE", "0") in {"1", "true", "yes"}
GRANTRADAR_DATABASE_URL = os.environ.get("GRANTRADAR_DATABASE_URL", "sqlite:///var/grantradar.db")
# Commit stored items in batches: one transaction per batch keeps a killed run's work up to the last batch.
GRANTRADAR_STORE_BATCH = 25
