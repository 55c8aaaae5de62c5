"""OP TAK — calls of the Agentura pro podnikání a inovace, apiagentura.gov.cz (WordPress HTML). SOURCES.md §6.

Domain
    Listing `https://apiagentura.gov.cz/cs/radce/vsechny-vyzvy/`: the headings "Otevřené výzvy" and "Uzavřené
    výzvy", each followed by a table "Vyhlášení výzvy | Zahájení příjmu | Ukončení příjmu | Název výzvy (link) |
    Zaměření aktivity" (dates like "4. 9. 2026 10:00:00"). No pagination. Detail
    `/cs/podporovane-aktivity-optak/<activity>/<call-slug>/`: a header with the three dates, a status heading
    ("Otevřená/Uzavřená/Plánovaná/Zrušená výzva"), then labelled sections (podporované aktivity, příjemci podpory,
    systém sběru žádostí, forma a výše podpory, míra podpory, způsobilé výdaje, specifika a omezení) and "Soubory".

Caveats
    native_id is the call's URL slug (stable; the MS2021+ code is not always printed). call_code is the MS2021+
    KOD ("01_26_091") from "Číslo výzvy", the text, or the file names, so the store joins the call with its
    ms2021 record. "Upozornění pro žadatele" can announce an early closure (STEP closed when requests reached
    300 % of the allocation) while the window is still running and the status heading still says "Otevřená":
    the notice wins, the status is closed. Otherwise the dates win over a lagging status heading. The amounts
    section sometimes states eligible-cost limits, not grant limits: only sentences about the grant (dotace,
    podpora) fill grant_min/grant_max. Old closed calls are listed for years; only those closed within
    `closed_days` are fetched. `mpo.gov.cz` (robots.txt disallows bots) and `optak.gov.cz` are not used.

Spider arguments
    closed_days: fetch closed calls whose reception ended at most this many days ago (default 180).
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from typing import Any

import scrapy
from parsel import Selector
from scrapy.http import Response

from spiders.base import CallSpider, url_slug
from spiders.czech import (
    CALL_CODE,
    clean_text,
    iso,
    map_applicants,
    parse_date,
    parse_money,
    parse_percent_max,
    status_from_window,
)
from spiders.items import CallItem
from spiders.labels import find_field
from spiders.wordpress import document_links, find_label, looks_like_login, node_text, section_after

LISTING = "https://apiagentura.gov.cz/cs/radce/vsechny-vyzvy/"
HOSTS = ("apiagentura.gov.cz", "www.apiagentura.gov.cz")

OPEN_HEADING, CLOSED_HEADING = "Otevřené výzvy", "Uzavřené výzvy"
COLUMNS = ("Vyhlášení výzvy", "Zahájení příjmu", "Ukončení příjmu", "Název výzvy", "Zaměření aktivity")

STATUS_HEADINGS = {
    "Otevřená výzva": "open",
    "Uzavřená výzva": "closed",
    "Plánovaná výzva": "forthcoming",
    "Zrušená výzva": "cancelled",
}

# Section labels in page order; each section runs to the next label.
ACTIVITIES = "Na co lze získat podporu (podporované aktivity):"
APPLICANTS = "Kdo může žádat (příjemci podpory):"
COLLECTION = "Systém sběru žádostí:"
AMOUNTS = "Kolik lze získat na jeden projekt (forma a výše podpory):"
RATE = "Míra podpory:"
COSTS = "Jaké výdaje je možné podpořit (způsobilé výdaje):"
LIMITS = "Specifika a omezení:"
NOTICE = "Upozornění pro žadatele"
FILES = "Soubory"
SECTIONS = (ACTIVITIES, APPLICANTS, COLLECTION, AMOUNTS, RATE, COSTS, LIMITS, FILES, NOTICE)

_EARLY_CLOSURE = re.compile(
    r"ukončen\w*\s+(?:byl\w*\s+)?příjem|příjem\s+žádostí\s+(?:o\s+podporu\s+)?(?:byl\s+|bude\s+)?ukončen|"
    r"pozastaven\w*\s+příjem|příjem\s+žádostí\s+(?:byl\s+)?pozastaven",
    re.IGNORECASE,
)
_ALLOCATION = re.compile(r"Alokace(?:\s+výzvy)?\s*:\s*(?P<value>[^.;\n]*\d[^;\n]*?(?:Kč|EUR|CZK))", re.IGNORECASE)
# A sentence ends at a full stop before a capital letter, but "50 000. Kč" and "1 mil. Kč" do not end one.
_SENTENCE_END = re.compile(r"(?<=\.)\s+(?=[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ])(?!Kč|CZK|EUR)|;")
_MIN = re.compile(
    r"minim\w*\s+(?:ve\s+)?(?:výši\s+)?(?P<value>\d[\d\s.,]*\s*(?:mil\.|mld\.|tis\.)?\s*\.?\s*Kč)", re.IGNORECASE
)
_MAX = re.compile(
    r"maxim\w*\s+(?:do\s+)?(?:výše\s+)?(?P<value>\d[\d\s.,]*\s*(?:mil\.|mld\.|tis\.)?\s*\.?\s*Kč)", re.IGNORECASE
)


class OptakSpider(CallSpider):
    name = "optak"
    funder = "MPO / Agentura API"
    programme = "OP TAK"
    language = "cs"
    region = "CZ"
    allowed_domains = ["apiagentura.gov.cz"]

    def __init__(self, *args: Any, closed_days: int | str = 180, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.closed_days = int(closed_days)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield scrapy.Request(LISTING, callback=self.parse_listing)

    # ------------------------------------------------------------------------------------------ listing

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        """Both tables: one detail request per open call and per recently closed call."""
        if looks_like_login(response.text):
            self.broken_contract(response, "login or firewall page instead of the listing")
            return
        tables = {
            kind: self._table_after(response, heading)
            for kind, heading in (("open", OPEN_HEADING), ("closed", CLOSED_HEADING))
        }
        if any(table is None for table in tables.values()):
            self.broken_contract(response, f"headings {OPEN_HEADING!r}/{CLOSED_HEADING!r} or their tables missing")
            return
        header = [clean_text(t) for t in tables["open"].xpath(".//th").xpath("string(.)").getall()]
        if any(column not in header for column in COLUMNS):
            self.broken_contract(response, f"listing columns changed: {header}")
            return
        horizon = self.now() - timedelta(days=self.closed_days)
        for kind, table in tables.items():
            for row in table.xpath(".//tr[td]"):
                listed = self._parse_row(row, header)
                if listed is None:
                    continue
                if kind == "closed" and listed["closes"] is not None and listed["closes"] < horizon:
                    continue
                yield response.follow(listed.pop("href"), callback=self.parse_call, cb_kwargs={"listed": listed})

    @staticmethod
    def _table_after(response: Response, heading: str) -> Selector | None:
        node = find_label(response.selector, heading)
        if node is None:
            return None
        table = node.xpath("following::table[1]")
        return table[0] if table else None

    @staticmethod
    def _parse_row(row: Selector, header: list[str]) -> dict[str, Any] | None:
        cells = row.xpath("./td")
        if len(cells) < len(header):
            return None
        by_column = dict(zip(header, cells, strict=False))
        link = by_column["Název výzvy"].xpath(".//a[@href]")
        if not link:
            return None
        return {
            "href": link[0].attrib["href"],
            "title": node_text(link[0]),
            "opens": parse_date(node_text(by_column["Zahájení příjmu"])),
            "closes": parse_date(node_text(by_column["Ukončení příjmu"]), end_of_day=True),
            "focus": node_text(by_column["Zaměření aktivity"]),
        }

    # ------------------------------------------------------------------------------------------ detail

    def parse_call(self, response: Response, listed: dict[str, Any] | None = None) -> Iterator[CallItem]:
        """A call page → one call record (listing values fill what the page leaves out)."""
        listed = listed or {}
        if looks_like_login(response.text):
            self.broken_contract(response, "login or firewall page instead of a call")
            return
        title = clean_text(response.xpath("string(//h1)").get())
        closes_text = self._field(response, "Ukončení příjmu")
        text = node_text(response.xpath("//main") or response.xpath("//body"))
        if not title or closes_text is None or APPLICANTS not in text:
            self.broken_contract(response, "call page without h1, 'Ukončení příjmu' or the applicants section")
            return
        opens_at = parse_date(self._field(response, "Zahájení příjmu")) or listed.get("opens")
        deadline = parse_date(closes_text, end_of_day=True) or listed.get("closes")
        deadlines = [deadline] if deadline else []
        applicants = self._section(text, APPLICANTS)
        amounts = self._section(text, AMOUNTS)
        grant_min, grant_max = self._parse_grant_limits(amounts)
        yield self.make_call(
            native_id=url_slug(response.url),
            url=response.url,
            title=title,
            description=self._parse_description(response, text),
            call_code=self._parse_call_code(response, text),
            status=status_from_window(opens_at, deadlines, self.now(), self._parse_native_status(response, text)),
            opens_at=iso(opens_at),
            deadlines=[iso(d) for d in deadlines],
            budget_total=self._parse_allocation(text),
            grant_min=grant_min,
            grant_max=grant_max,
            funding_rate_max=parse_percent_max(self._section(text, RATE)),
            applicants=map_applicants(applicants),
            eligibility_text=self._parse_eligibility(applicants, self._section(text, LIMITS)),
            documents=self._parse_documents(response),
            keywords=[listed["focus"]] if listed.get("focus") else [],
        )

    @staticmethod
    def _field(response: Response, label: str) -> str | None:
        found = find_field(response.selector.root, label)
        return found.text if found else None

    @staticmethod
    def _section(text: str, label: str) -> str | None:
        return section_after(text, label, [s for s in SECTIONS if s != label]) or None

    @staticmethod
    def _parse_native_status(response: Response, text: str) -> str | None:
        """The page's own status; an early-closure notice makes it closed whatever the heading says."""
        notice = section_after(text, NOTICE, [s for s in SECTIONS if s != NOTICE])
        if notice and _EARLY_CLOSURE.search(notice):
            return "closed"
        for heading, status in STATUS_HEADINGS.items():
            if find_label(response.selector, heading) is not None:
                return status
        return None

    @staticmethod
    def _parse_description(response: Response, text: str) -> str:
        """The goal paragraph(s) before the first section, then the supported activities."""
        intro = clean_text(
            " ".join(
                node_text(p)
                for p in response.xpath("//main//div[contains(@class, 'entry-content')]/p")
                if not node_text(p).startswith(("Číslo výzvy", "Alokace"))
            )
        )
        activities = section_after(text, ACTIVITIES, [s for s in SECTIONS if s != ACTIVITIES])
        return "\n".join(part for part in (intro, activities) if part)

    @staticmethod
    def _parse_call_code(response: Response, text: str) -> str | None:
        """The MS2021+ code: "Číslo výzvy", else the first OP TAK code (01_…) in the text or in file links."""
        labelled = find_field(response.selector.root, "Číslo výzvy")
        if labelled:
            match = CALL_CODE.search(labelled.text)
            if match:
                return match.group(1)
        hrefs = " ".join(response.xpath("//main//a/@href").getall())
        codes = CALL_CODE.findall(text) + CALL_CODE.findall(hrefs)
        op_tak = [c for c in codes if c.startswith("01_")]
        return (op_tak or codes or [None])[0]

    @staticmethod
    def _parse_allocation(text: str) -> dict[str, Any] | None:
        match = _ALLOCATION.search(text)
        money = parse_money(match["value"]) if match else None
        return money.as_dict() if money else None

    @staticmethod
    def _parse_grant_limits(amounts: str | None) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        """Minimum and maximum grant from the sentences about the grant itself (not eligible-cost limits)."""
        if not amounts:
            return None, None
        low = high = None
        for sentence in _SENTENCE_END.split(amounts):
            words = sentence.casefold()
            if not re.search(r"dotac|podpor", words) or re.search(r"způsobil\w* výdaj", words.split("kč")[0]):
                continue
            for pattern, kind in ((_MIN, "min"), (_MAX, "max")):
                match = pattern.search(sentence)
                money = parse_money(match["value"]) if match else None
                if money and kind == "min" and low is None:
                    low = money.as_dict()
                if money and kind == "max" and high is None:
                    high = money.as_dict()
        return low, high

    @staticmethod
    def _parse_eligibility(applicants: str | None, limits: str | None) -> str | None:
        parts = [p for p in (applicants, limits) if p]
        return "\n".join(parts) or None

    @staticmethod
    def _parse_documents(response: Response) -> list[dict[str, str]]:
        return document_links(response.xpath("//main") or response.xpath("//body"), response.url, HOSTS)
