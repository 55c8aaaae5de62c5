"""TA ČR — Technologická agentura ČR, tacr.gov.cz (WordPress HTML). SOURCES.md §3.

Domain
    `https://tacr.gov.cz/`: the box "Aktuální možnosti podpory" links the competitions whose window is running
    (link text "Program SIGMA: Osmnáctá veřejná soutěž … Běží lhůta pro podávání návrhů projektů").
    `https://tacr.gov.cz/programy-a-souteze/`: programme cards with a status label; a programme "V přípravě"
    becomes a forthcoming record (native id = programme slug), a card linking a `/soutez/` page "Běží lhůta"
    is followed like a home-box link. Competition detail `/soutez/<program>/<slug>/`: `h1`, the infobox
    "Základní informace" (label → next element: Alokace, Maximální výše podpory na projekt, Maximální intenzita
    podpory na projekt, Uchazeči, Lhůta pro podání návrhů projektů, Termín vyhlášení výsledků), prose, and
    "Dokumenty ke stažení" (`/wp-content/uploads/…`).

Caveats
    No native id: the id is `tacr:<program>/<slug>` from the URL path after `/soutez/`, kept verbatim, including
    percent-encoded U+2060 word joiners (`%e2%81%a0`) that TA ČR leaves in some slugs. The infobox gives the
    window as dates only; the exact times are in the prose ("Soutěžní lhůta začíná dnem 10. 9. 2026 v 9:00
    hodin a končí dnem 27. 10. 2026 … 16:29:59 hod. – je nejzazší možný okamžik pro podání návrhu projektu"),
    and win when present. The site keeps the label "Běží lhůta" after a window ended, so the status is
    computed from the window. The `h1` alone is often just "Call 2026": the title is "<programme label>:
    <h1>", the form the home box itself uses. International partnership calls give the allocation in EUR.
    A page without the window label (a changed layout, a login or maintenance page) breaks the content
    contract: the run is recorded as failed and nothing is yielded from it.

Spider arguments
    None.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import scrapy
from parsel import Selector
from scrapy.http import Response

from spiders.base import CallSpider, url_slug
from spiders.czech import (
    clean_text,
    iso,
    map_applicants,
    parse_date,
    parse_date_range,
    parse_money,
    parse_percent_max,
    status_from_window,
)
from spiders.items import CallItem
from spiders.labels import find_field
from spiders.wordpress import document_links, find_label, looks_like_login, node_text

HOME = "https://tacr.gov.cz/"
PROGRAMMES = "https://tacr.gov.cz/programy-a-souteze/"
HOSTS = ("tacr.gov.cz", "www.tacr.gov.cz")

BOX_HEADING = "Aktuální možnosti podpory"
RUNNING = "Běží lhůta pro podávání návrhů projektů"
IN_PREPARATION = "V přípravě"
WINDOW_LABEL = "Lhůta pro podání návrhů projektů"

_OPENING = re.compile(
    r"Soutěžní lhůta začíná dnem\s+(?P<date>\d{1,2}\.\s*\d{1,2}\.\s*\d{4})\s+(?:v|ve)\s+"
    r"(?P<time>\d{1,2}:\d{2}(?::\d{2})?)",
    re.IGNORECASE,
)
_CLOSING_DAY = re.compile(r"končí dnem\s+(?P<date>\d{1,2}\.\s*\d{1,2}\.\s*\d{4})", re.IGNORECASE)
# The time that matters is the one for the proposal itself, not the later one for eligibility documents.
_CLOSING_TIME = re.compile(
    r"(?P<time>\d{1,2}:\d{2}(?::\d{2})?)\s*hod\.?\s*[–—-]\s*je nejzazší možný okamžik pro podání návrhu projektu",
    re.IGNORECASE,
)


class TacrSpider(CallSpider):
    name = "tacr"
    funder = "TA ČR"
    language = "cs"
    region = "CZ"
    allowed_domains = ["tacr.gov.cz"]

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield scrapy.Request(HOME, callback=self.parse_home)
        yield scrapy.Request(PROGRAMMES, callback=self.parse_programmes)

    # ------------------------------------------------------------------------------------------ listings

    def parse_home(self, response: Response) -> Iterator[scrapy.Request]:
        """The home box: one request per competition whose window is running."""
        box = self._box(response)
        if box is None:
            return
        for link in box.xpath(".//a[contains(@href, '/soutez/')]"):
            text = node_text(link)
            if RUNNING.casefold() not in text.casefold():
                continue
            label = clean_text(re.sub(re.escape(RUNNING), "", text, flags=re.IGNORECASE))
            yield self._competition_request(response, link.attrib["href"], label)

    def parse_programmes(self, response: Response) -> Iterator[CallItem | scrapy.Request]:
        """Programme cards: "V přípravě" → a forthcoming record; a running `/soutez/` card → its detail."""
        box = self._box(response)
        if box is None:
            return
        for card in box.xpath(".//a[contains(@href, '/program/') or contains(@href, '/soutez/')]"):
            href = card.attrib["href"]
            title = clean_text(card.xpath("string((.//h2|.//h3|.//h4|.//strong)[1])").get()) or node_text(card)
            text = node_text(card)
            if "/soutez/" in href:
                if RUNNING.casefold() in text.casefold():
                    yield self._competition_request(response, href, title)
                continue
            if self._card_label(card) == IN_PREPARATION:
                yield self._forthcoming_programme(response, card, href, title)

    def _box(self, response: Response) -> Selector | None:
        """The container of the "Aktuální možnosti podpory" box, or None after reporting a broken contract."""
        if looks_like_login(response.text):
            self.broken_contract(response, "login or firewall page instead of the site")
            return None
        heading = find_label(response.selector, BOX_HEADING)
        if heading is None:
            self.broken_contract(response, f"box {BOX_HEADING!r} missing")
            return None
        # The nearest ancestor holding the links: the heading may sit in a header div of its own.
        for ancestor in reversed(heading.xpath("ancestor::*[not(self::body) and not(self::html)]")):
            if ancestor.xpath(".//a[contains(@href, '/soutez/') or contains(@href, '/program/')]"):
                return ancestor
        self.broken_contract(response, f"box {BOX_HEADING!r} without links")
        return None

    @staticmethod
    def _card_label(card: Selector) -> str | None:
        """The status label of a programme card ("V přípravě", "Běží lhůta …", "Uzavřen", …)."""
        for node in card.xpath(".//*[contains(@class, 'label') or contains(@class, 'status')]"):
            return node_text(node)
        text = node_text(card)
        return IN_PREPARATION if IN_PREPARATION in text else None

    def _competition_request(self, response: Response, href: str, label: str) -> scrapy.Request:
        programme_label = label.split(":", 1)[0].strip() if ":" in label else None
        return response.follow(
            href,
            callback=self.parse_competition,
            cb_kwargs={"programme_label": programme_label},
        )

    def _forthcoming_programme(self, response: Response, card: Selector, href: str, title: str) -> CallItem:
        url = response.urljoin(href)
        slug = url_slug(url)
        description = clean_text(" ".join(card.xpath(".//p//text()").getall()))
        return self.make_call(
            native_id=slug,
            url=url,
            title=title,
            description=description,
            programme=programme_name(title),
            status="forthcoming",
        )

    # ------------------------------------------------------------------------------------------ detail

    def parse_competition(self, response: Response, programme_label: str | None = None) -> Iterator[CallItem]:
        """A competition page → one call record."""
        if looks_like_login(response.text):
            self.broken_contract(response, "login or firewall page instead of a competition")
            return
        h1 = clean_text(response.xpath("string(//h1)").get())
        window = label_value(response, WINDOW_LABEL)
        if not h1 or not window:
            self.broken_contract(response, f"competition page without h1 or {WINDOW_LABEL!r}")
            return
        native_id = self._parse_native_id(response.url)
        programme_label = programme_label or self._parse_breadcrumb_programme(response)
        opens_at, deadline = self._parse_window(response, window)
        deadlines = [deadline] if deadline else []
        applicants_text = label_value(response, "Uchazeči") or None
        yield self.make_call(
            native_id=native_id,
            url=response.url,
            title=self._parse_title(h1, programme_label),
            description=self._parse_description(response),
            programme=programme_name(programme_label) if programme_label else programme_from_slug(native_id),
            status=status_from_window(opens_at, deadlines, self.now()),
            opens_at=iso(opens_at),
            deadlines=[iso(d) for d in deadlines],
            budget_total=self._money(response, "Alokace"),
            grant_max=self._money(response, "Maximální výše podpory na projekt"),
            funding_rate_max=parse_percent_max(label_value(response, "Maximální intenzita podpory na projekt")),
            applicants=map_applicants(applicants_text),
            eligibility_text=applicants_text,
            documents=self._parse_documents(response),
        )

    @staticmethod
    def _parse_native_id(url: str) -> str:
        """`<program>/<slug>` from the path after /soutez/, verbatim (percent-escapes kept as the site writes them)."""
        path = urlsplit(url).path
        return path.split("/soutez/", 1)[-1].strip("/")

    @staticmethod
    def _parse_title(h1: str, programme_label: str | None) -> str:
        """The home box's form "<programme label>: <h1>", unless the h1 already names the programme."""
        if programme_label and programme_label.casefold() not in h1.casefold():
            return f"{programme_label}: {h1}"
        return h1

    @staticmethod
    def _parse_breadcrumb_programme(response: Response) -> str | None:
        """The programme link on the detail page (used when the page was not reached from the home box)."""
        text = clean_text(response.xpath("string((//a[contains(@href, '/program/')][ancestor::main])[1])").get())
        return text or None

    @staticmethod
    def _parse_window(response: Response, infobox: str) -> tuple[datetime | None, datetime | None]:
        """The infobox window, refined by the exact times of the prose when it gives them."""
        opens_at, deadline = parse_date_range(infobox)
        prose = node_text(response.xpath("//main") or response.xpath("//body"))
        opening = _OPENING.search(prose)
        if opening:
            opens_at = parse_date(f"{opening['date']} {opening['time']}") or opens_at
        closing_day = _CLOSING_DAY.search(prose)
        if closing_day:
            closing_time = _CLOSING_TIME.search(prose, closing_day.end())
            at = f" {closing_time['time']}" if closing_time else ""
            deadline = parse_date(closing_day["date"] + at, end_of_day=True) or deadline
        return opens_at, deadline

    @staticmethod
    def _parse_description(response: Response) -> str:
        """The competition prose: paragraphs and list items outside the infobox and the documents list."""
        nodes = response.xpath(
            "//main//*[self::p or self::li][not(ancestor::*[contains(@class, 'infobox')])]"
            "[not(.//a[contains(@href, '/wp-content/uploads/')])]"
            "[not(ancestor::nav)][not(ancestor::header)][not(ancestor::footer)]"
        )
        return "\n".join(t for t in (node_text(n) for n in nodes) if t)

    @staticmethod
    def _money(response: Response, label: str) -> dict[str, Any] | None:
        money = parse_money(label_value(response, label))
        return money.as_dict() if money else None

    @staticmethod
    def _parse_documents(response: Response) -> list[dict[str, str]]:
        return document_links(response.xpath("//main") or response.xpath("//body"), response.url, HOSTS)


def label_value(response: Response, label: str) -> str | None:
    """The infobox value printed next to `label`, or None when the label is absent."""
    found = find_field(response.selector.root, label)
    return found.text if found else None


def programme_name(label: str) -> str:
    """ "Program SIGMA" → "SIGMA", "FOREST" → "FOREST", "Partnerství pro biodiverzitu" stays as it is."""
    return re.sub(r"^Program\s+", "", clean_text(label))


def programme_from_slug(native_id: str) -> str:
    """The URL's program segment when no label is known: "program-sigma/…" → "SIGMA"."""
    segment = native_id.split("/", 1)[0]
    return segment.removeprefix("program-").replace("-", " ").upper()
