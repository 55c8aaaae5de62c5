"""GA ČR — Grantová agentura České republiky, gacr.cz (WordPress HTML). SOURCES.md §7.

Domain
    Listing `https://gacr.cz/aktualni-vyzvy/` (a post list: date, title link, excerpt) → detail pages such as
    `https://gacr.cz/vyzva-pro-podavani-izraelsko-ceskych-projektu/`: `h1`, then prose that opens with the
    publication date ("08. 09. 2026") and attachments under `/wp-content/uploads/`.

Caveats
    No structured fields: the window is prose. The opening is "Lhůta pro podávání návrhů projektů začíná 8. 9.
    2026" (else the publication date: a call is open from its publication); the deadlines are the dates after
    "nejpozději" in a sentence whose verb is the submission itself ("Českou část návrhu projektu je možné
    podávat nejpozději do 18. 11. 2026"), cut before a relative clause ("…, který ISF … stanovila na 10. 11.
    2026" is the partner's date). A date written without its year ("do 8. 4. , případně 8. 10. 2026") takes
    the next date's year. Sentences where "nejpozději" concerns something else (the foreign applicant's
    pre-registration) are ignored. No budget and no applicant types (GA ČR funds basic research); submissions
    go through GRIS, which is not scraped. A detail page without the leading publication date or the `h1` (a
    changed layout, a login page) breaks the content contract.

Spider arguments
    None.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from datetime import date, datetime
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

from spiders.base import CallSpider
from spiders.czech import clean_text, end_of_day, iso, parse_date, status_from_window
from spiders.items import CallItem
from spiders.wordpress import document_links, looks_like_login, node_text

LISTING = "https://gacr.cz/aktualni-vyzvy/"
HOSTS = ("gacr.cz", "www.gacr.cz")
LISTING_HEADING = "Aktuální výzvy"

_PUBLISHED = re.compile(r"^\s*(\d{1,2}\.\s*\d{1,2}\.\s*\d{4})(?!\s*\d)")
_OPENING = re.compile(r"(?:Lhůta|lhůta)[^.]{0,80}?začíná\s+(?:dnem\s+)?(\d{1,2}\.\s*\d{1,2}\.\s*\d{4})")
# A sentence ends at a full stop before a capital letter; "8. 9. 2026" inside a sentence does not end it.
_SENTENCE_END = re.compile(r"(?<=\.)\s+(?=[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ])")
_SUBMIT_BEFORE_DEADLINE = re.compile(
    r"\b(?:podávat|podat|podány|podán[aiy]?|podání|doručit|odeslat)\b[^.]*?\bnejpozději\b", re.IGNORECASE
)
# "18. 11. 2026" or, in an enumeration, "8. 4." (the year follows on a later date).
_DATE = re.compile(r"(?<!\d)(?P<d>\d{1,2})\.\s*(?P<m>\d{1,2})\.(?:\s*(?P<y>\d{4}))?")
_RELATIVE_CLAUSE = re.compile(r",\s*(?:který|která|které|kterou|jež)\b", re.IGNORECASE)


class GacrSpider(CallSpider):
    name = "gacr"
    funder = "GA ČR"
    language = "cs"
    region = "CZ"
    allowed_domains = ["gacr.cz"]

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield scrapy.Request(LISTING, callback=self.parse_listing)

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        """The post list: one request per call."""
        if looks_like_login(response.text):
            self.broken_contract(response, "login or firewall page instead of the listing")
            return
        headings = response.xpath("//main//*[self::h1 or self::h2]").xpath("string(.)").getall()
        headings = [clean_text(h) for h in headings]
        if LISTING_HEADING not in headings:
            self.broken_contract(response, f"heading {LISTING_HEADING!r} missing")
            return
        for href in response.xpath("//main//article//*[self::h2 or self::h3]//a/@href").getall():
            url = response.urljoin(href)
            if urlsplit(url).netloc.lower() in HOSTS:
                yield scrapy.Request(url, callback=self.parse_call)

    def parse_call(self, response: Response) -> Iterator[CallItem]:
        """A call page → one call record."""
        if looks_like_login(response.text):
            self.broken_contract(response, "login or firewall page instead of a call")
            return
        title = clean_text(response.xpath("string(//main//h1)").get())
        content = response.xpath("//main//*[contains(@class, 'entry-content')]") or response.xpath("//main//article")
        text = node_text(content)
        published = _PUBLISHED.match(text)
        if not title or not published:
            self.broken_contract(response, "call page without h1 or the leading publication date")
            return
        body = text[published.end() :].strip()
        opens_at = self._parse_opening(body) or parse_date(published.group(1))
        deadlines = parse_deadlines(body)
        yield self.make_call(
            native_id=urlsplit(response.url).path.strip("/"),
            url=response.url,
            title=title,
            description=self._parse_description(content),
            status=status_from_window(opens_at, deadlines, self.now()),
            opens_at=iso(opens_at),
            deadlines=[iso(d) for d in deadlines],
            documents=document_links(content, response.url, HOSTS),
        )

    @staticmethod
    def _parse_opening(body: str) -> datetime | None:
        match = _OPENING.search(body)
        return parse_date(match.group(1)) if match else None

    @staticmethod
    def _parse_description(content: scrapy.Selector | scrapy.selector.SelectorList) -> str:
        """The paragraphs after the publication date (attachment lists left out)."""
        paragraphs = [node_text(p) for p in content.xpath(".//p[not(contains(@class, 'date'))]")]
        return "\n".join(p for p in paragraphs if p and not _PUBLISHED.fullmatch(p))


def parse_deadlines(body: str) -> list[datetime]:
    """Submission deadlines from the prose (end of day in Prague), ascending and distinct."""
    found: set[datetime] = set()
    for sentence in _SENTENCE_END.split(body):
        match = _SUBMIT_BEFORE_DEADLINE.search(sentence)
        if not match:
            continue
        tail = sentence[match.end() :]
        relative = _RELATIVE_CLAUSE.search(tail)
        if relative:
            tail = tail[: relative.start()]
        found.update(end_of_day(day) for day in _dates_with_years(tail))
    return sorted(found)


def _dates_with_years(text: str) -> list[date]:
    """Every "d. m. yyyy" or "d. m." in `text`; a date without its year takes the year of the next one."""
    matches = list(_DATE.finditer(text))
    days: list[date] = []
    for index, match in enumerate(matches):
        year = match["y"] or next((m["y"] for m in matches[index + 1 :] if m["y"]), None)
        if year is None:
            continue
        try:
            days.append(date(int(year), int(match["m"]), int(match["d"])))
        except ValueError:
            continue
    return days
