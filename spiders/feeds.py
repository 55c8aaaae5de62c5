"""RSS/Atom feeds of funders (SOURCES.md §10), read with feedparser from responses fetched through Scrapy.

Domain: the feeds listed in grantradar.toml (`feeds`); by default the TA ČR category feeds
(`https://tacr.gov.cz/kategorie/<category>/feed/`: RSS 2.0, the whole post in `content:encoded`, ten items,
each ending "The post … appeared first on …") and the OPZ+ calls feed on www.esfcr.cz (Liferay; answers in
more than 20 s, hence DOWNLOAD_TIMEOUT 75).

Caveats:
- Feeds only signal: an entry carries a title, a link, text and tags, rarely dates or money. An entry
  becomes a call record of its own, or, when it points at a call page another spider owns (a TA ČR
  competition `/soutez/<programme>/<slug>/`, an OP TAK call page, a dotaceeu.cz call), a record with that
  page's URL, which the store joins to that call (store/calls.py) where the owner's fields win.
- The call page is the entry's link, else the only owned call page linked from its text.
- `native_id` is "<host>-<sha1 of the record's URL, 12 hex>": stable across runs and equal for two entries
  about the same call page, so they never make two calls.
- Entries that are plainly not calls (results, events) are skipped; so are entries with neither a call page,
  nor a call code (`03_25_085`), nor call words in their title or tags. Counted in `grantradar/feeds/*` stats.
- Dates only when the text labels them ("Zahájení příjmu žádostí: …", "Ukončení příjmu žádostí: …"); else
  status "unknown".
- A malformed feed (feedparser's bozo with no entries, e.g. an HTML error page served with 200) breaks the
  content contract of the run and is logged with its URL; the other feeds are still read. A feed that is
  only slightly off (a wrong declared encoding) is read and counted in `grantradar/feeds/bozo_tolerated`.
- WordPress sends ETag and Last-Modified with its feeds, so an unchanged TA ČR feed costs a 304 (spiders/
  httpcache.py); whether the Liferay feed of esfcr.cz sends validators is unverified.

Spider arguments: `feeds` — comma-separated feed URLs; default the configuration's `feeds`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import feedparser
import scrapy
from lxml import html as lxml_html
from scrapy.http import Response

from grantradar.config import load_config
from spiders.base import CallSpider
from spiders.czech import CALL_CODE, clean_text, iso, parse_date, parse_money, status_from_window
from spiders.items import CallItem
from spiders.markup import html_to_text, strip_feed_trailer
from spiders.ms2021 import programme_for
from spiders.validation import is_http_url

# Call pages owned by another spider: a feed entry pointing there enriches that call instead of making one.
OWNED_CALL_PAGES = (
    re.compile(r"^https?://(www\.)?tacr\.gov\.cz/soutez/[^/?#]+/[^/?#]+/?$", re.IGNORECASE),
    re.compile(
        r"^https?://(www\.)?apiagentura\.gov\.cz/cs/podporovane-aktivity-optak/[^?#]+/[^/?#]+/?$", re.IGNORECASE
    ),
    re.compile(r"^https?://(www\.)?dotaceeu\.cz/(cs/)?jak-ziskat-dotaci/vyzvy/[^?#]+/[^/?#]+/?$", re.IGNORECASE),
)
FUNDERS_BY_HOST = {
    "tacr.gov.cz": "TA ČR",
    "esfcr.cz": "Ministerstvo práce a sociálních věcí (OPZ+)",
    "gacr.cz": "GA ČR",
    "apiagentura.gov.cz": "MPO / Agentura API",
    "dotaceeu.cz": "Ministerstvo pro místní rozvoj",
}
CALL_WORDS = re.compile(r"výzv|soutěž|\bcall\b|\bcalls\b|grant|dotac|voucher", re.IGNORECASE)
NOT_A_CALL = re.compile(r"výsledk|\bresults?\b|webinář|seminář|konferenc|workshop|školení", re.IGNORECASE)
_DATE_TAIL = r"\s*:?\s*(?:od\s+|do\s+)?(\d{1,2}\.\s*\d{1,2}\.\s*\d{4}(?:\s*(?:v\s*)?\d{1,2}:\d{2}(?::\d{2})?)?)"
# Labels of the OP sites and dotaceeu.cz; OPZ+ pages write "Platnost do" for the end of the call.
OPENS = re.compile(r"(?:Zahájení příjmu(?: žádostí)?(?: o podporu)?|Příjem žádostí od)" + _DATE_TAIL, re.IGNORECASE)
CLOSES = re.compile(
    r"(?:Ukončení příjmu(?: žádostí)?(?: o podporu)?|Příjem žádostí do|Uzávěrka(?: výzvy)?|"
    r"Platnost do)" + _DATE_TAIL,
    re.IGNORECASE,
)
ALLOCATION = re.compile(r"Alokace(?P<czk> v Kč)?\s*:\s*(?P<amount>[^\n]{1,40})")


def owned_call_page(url: str) -> bool:
    return any(pattern.match(url) for pattern in OWNED_CALL_PAGES)


def host_of(url: str) -> str:
    return urlsplit(url).netloc.lower().removeprefix("www.")


def native_id_for(url: str) -> str:
    """The id "<host>-<12 hex of sha1(url)>": short, stable, and the same for every entry about one page."""
    return f"{host_of(url)}-{hashlib.sha1(url.encode()).hexdigest()[:12]}"


def linked_call_pages(html: str, base: str) -> list[str]:
    """Owned call pages linked from an entry's HTML, in order, without repeats."""
    if not html or "<a" not in html:
        return []
    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except (ValueError, lxml_html.etree.ParserError):
        return []
    root.make_links_absolute(base, resolve_base_href=False)
    found: list[str] = []
    for href in root.xpath("//a/@href"):
        href = str(href).strip()
        if is_http_url(href) and owned_call_page(href) and href not in found:
            found.append(href)
    return found


def labelled_allocation(text: str) -> dict[str, Any] | None:
    """budget_total from "Alokace v Kč: 180 000 000" (OPZ+) or "Alokace: 10 mil. Kč", if the text has it."""
    match = ALLOCATION.search(text)
    if not match:
        return None
    money = parse_money(match.group("amount"), default_currency="CZK" if match.group("czk") else None)
    return money.as_dict() if money and money.amount > 0 else None


def labelled_dates(text: str) -> tuple[Any, list[Any]]:
    """(opens_at, deadlines) from "Zahájení příjmu žádostí: 1. 9. 2026" style labels, if the text has them."""
    opens = OPENS.search(text)
    closes = CLOSES.search(text)
    opens_at = parse_date(opens.group(1)) if opens else None
    deadline = parse_date(closes.group(1), end_of_day=True) if closes else None
    return opens_at, [deadline] if deadline else []


class FeedsSpider(CallSpider):
    name = "feeds"
    funder = ""
    language = "cs"
    region = "CZ"

    def __init__(self, feeds: str | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        urls = [u.strip() for u in feeds.split(",")] if feeds else list(load_config().feeds)
        bad = [u for u in urls if u and not is_http_url(u)]
        if bad:
            raise ValueError(f"feeds must be http(s) URLs: {', '.join(bad)}")
        self.feed_urls = [u for u in urls if u]
        self.seen: set[str] = set()

    async def start(self) -> Any:
        for url in self.feed_urls:
            yield scrapy.Request(url, callback=self.parse)

    def parse(self, response: Response, **kwargs: Any) -> Iterator[CallItem]:
        parsed = feedparser.parse(
            response.body,
            response_headers={
                "content-location": response.url,
                "content-type": response.headers.get("Content-Type", b"").decode("latin-1"),
            },
        )
        stats = self.crawler.stats
        if parsed.bozo and not parsed.entries:
            self.broken_contract(response, f"malformed feed: {parsed.get('bozo_exception')}")
            return
        if not parsed.version and not parsed.entries:
            self.broken_contract(response, "not an RSS or Atom feed")
            return
        if parsed.bozo:
            stats.inc_value("grantradar/feeds/bozo_tolerated")
            self.logger.warning("feed %s is not well-formed (%s); read anyway", response.url, parsed.bozo_exception)
        feed = parsed.feed
        for entry in parsed.entries:
            item = self._entry(entry, feed, response)
            if item is None:
                continue
            if item["id"] in self.seen:
                stats.inc_value("grantradar/feeds/repeated")
                continue
            self.seen.add(item["id"])
            yield item

    def _entry(self, entry: Any, feed: Any, response: Response) -> CallItem | None:
        stats = self.crawler.stats
        link = response.urljoin(str(entry.get("link") or "").strip()) if entry.get("link") else ""
        title = clean_text(entry.get("title"))
        if not is_http_url(link) or not title:
            stats.inc_value("grantradar/feeds/skipped_no_link_or_title")
            return None
        html = self._parse_html(entry)
        text = strip_feed_trailer(html_to_text(html))
        url = self._parse_url(link, html)
        code_match = CALL_CODE.search(title) or CALL_CODE.search(text)
        code = code_match.group(1) if code_match else None
        opens_at, deadlines = labelled_dates(text)
        keywords = self._parse_keywords(entry)
        # Results and events are news about a call, not the call, even when they link its page.
        not_a_call = NOT_A_CALL.search(title) and not owned_call_page(link)
        signals_a_call = owned_call_page(url) or code or deadlines or CALL_WORDS.search(" ".join([title, *keywords]))
        if not_a_call or not signals_a_call:
            stats.inc_value("grantradar/feeds/skipped_not_a_call")
            return None
        programme, _ = programme_for(code)
        return self.make_call(
            native_id=native_id_for(url),
            url=url,
            title=title,
            description=text,
            language=self._parse_language(feed),
            funder=self._parse_funder(url, response.url, feed),
            programme=programme,
            call_code=code,
            status=status_from_window(opens_at, deadlines, self.now()),
            opens_at=iso(opens_at),
            deadlines=[iso(d) for d in deadlines],
            keywords=keywords,
            budget_total=labelled_allocation(text),
            region="EU" if host_of(url).endswith("europa.eu") else "CZ",
        )

    @staticmethod
    def _parse_html(entry: Any) -> str:
        """The fullest text the entry has: content:encoded / Atom content, else the summary."""
        contents = entry.get("content") or []
        values = [c.get("value", "") for c in contents if c.get("value")]
        return max(values, key=len) if values else str(entry.get("summary") or "")

    @staticmethod
    def _parse_url(link: str, html: str) -> str:
        """The owned call page the entry is about (its link, else the only one its text links), else its link."""
        if owned_call_page(link):
            return link
        pages = linked_call_pages(html, link)
        return pages[0] if len(pages) == 1 else link

    @staticmethod
    def _parse_keywords(entry: Any) -> list[str]:
        found: list[str] = []
        for tag in entry.get("tags") or []:
            term = clean_text(tag.get("term") or tag.get("label"))
            if term and term not in found:
                found.append(term)
        return found

    @staticmethod
    def _parse_language(feed: Any) -> str:
        language = str(feed.get("language") or "").lower()
        return "en" if language.startswith("en") else "cs"

    @staticmethod
    def _parse_funder(url: str, feed_url: str, feed: Any) -> str:
        for candidate in (host_of(url), host_of(feed_url)):
            if candidate in FUNDERS_BY_HOST:
                return FUNDERS_BY_HOST[candidate]
        return clean_text(feed.get("title")) or host_of(feed_url)
