"""Jihomoravský kraj — the region's grant portal dotace.kr-jihomoravsky.cz (legacy ASP.NET WebForms HTML).

Domain: https://dotace.kr-jihomoravsky.cz/Oblasti.aspx ("Dotační oblasti") → /Folders/<id>-1-<Name>.aspx →
/Grants/<id>-506-<Name>.aspx (SOURCES.md §9).

Caveats:
- The same labels sit in varying markup (`<p>Label: value</p>`, tables, label/value spans): they are found by
  label text (spiders.labels), tolerating "Cíl/účel" vs "Cíl/učel".
- The window reads "od 30.06.2026 od 8:00 do 10.08.2026 do 14:00 hod."; money "100.000,- Kč".
- The portal has been measured behind an F5 WAF/APM: a "Request Rejected" page or a redirect to the /my.policy
  login can come back with HTTP 200. Such a page breaks the content contract (the run fails and nothing is
  stored from it) instead of being parsed as an empty portal.
- No native status: it comes from the window. No call code ("Číslo usnesení" is the council resolution).
- funding_rate_max is 100 minus "Minimální podíl spoluúčasti žadatele" (the minimum co-financing share), the
  only rate the page states.
- native_id is the grant id of the URL (`/Grants/24084-506-…` → "24084"); the area (folder) is a keyword.

Spider arguments: none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

from spiders.base import CallSpider
from spiders.czech import (
    clean_text,
    iso,
    map_applicants,
    parse_date_range,
    parse_money,
    parse_percent_max,
    status_from_window,
)
from spiders.labels import Field, find_fields, fold

BASE = "https://dotace.kr-jihomoravsky.cz"
AREAS_URL = BASE + "/Oblasti.aspx"

LABELS: dict[str, tuple[str, ...]] = {
    "budget": ("Objem finančních prostředků vyčleněných na program", "Objem finančních prostředků"),
    "purpose": ("Cíl/účel programu", "Cíl/učel programu", "Účel programu", "Cíl programu"),
    "window": ("Příjem žádostí", "Termín příjmu žádostí", "Lhůta pro podání žádostí"),
    "location": ("Územní lokalizace programu",),
    "recipients": ("Příjemci podpory", "Okruh způsobilých žadatelů", "Oprávnění žadatelé"),
    "min": (
        "Minimální výše podpory na jeden projekt/akci/činnost",
        "Minimální výše podpory na jeden projekt",
        "Minimální výše podpory",
    ),
    "max": (
        "Maximální výše podpory na jeden projekt/akci/činnost",
        "Maximální výše podpory na jeden projekt",
        "Maximální výše podpory",
    ),
    "cofinancing": ("Minimální podíl spoluúčasti žadatele", "Minimální spoluúčast žadatele"),
    "approved": ("Datum schválení",),
    "resolution": ("Číslo usnesení",),
}
REQUIRED = ("window",)

_FOLDER = re.compile(r"^/Folders/\d+-\d+-.+\.aspx$", re.IGNORECASE)
_GRANT = re.compile(r"^/Grants/(?P<id>\d+)-\d+-.+\.aspx$", re.IGNORECASE)
_DOCUMENT_EXT = (".pdf", ".doc", ".docx", ".odt", ".xls", ".xlsx", ".fo", ".zfo", ".zip", ".rtf")
# What an F5 BIG-IP ASM rejection or APM logon page says; none of it appears on a real portal page.
_WAF_MARKERS = (
    "the requested url was rejected",
    "your support id is",
    "/my.policy",
    "/my.logon.php",
    "access policy manager",
)


def waf_reason(response: Response) -> str | None:
    """Why this response is a firewall or login page rather than the portal, or None."""
    path = urlsplit(response.url).path.lower()
    if path.startswith(("/my.policy", "/my.logon", "/vdesk/")):
        return f"redirected to the F5 login {path}"
    redirects = response.request.meta.get("redirect_urls", []) if response.request is not None else []
    if any("/my.policy" in url for url in redirects):
        return "redirected to the F5 login /my.policy"
    text = response.text[:20000].lower() if hasattr(response, "text") else ""
    for marker in _WAF_MARKERS:
        if marker in text:
            return f"firewall page ({marker!r})"
    if response.css("input[type=password]"):
        return "login form instead of the portal"
    return None


def grant_id(url: str) -> str | None:
    match = _GRANT.match(urlsplit(url).path)
    return match.group("id") if match else None


class JmkSpider(CallSpider):
    name = "jmk"
    funder = "Jihomoravský kraj"
    language = "cs"
    region = "CZ064"
    allowed_domains = ["dotace.kr-jihomoravsky.cz"]

    async def start(self) -> Any:
        yield scrapy.Request(AREAS_URL, callback=self.parse_areas)

    def _blocked(self, response: Response) -> bool:
        reason = waf_reason(response)
        if reason:
            self.broken_contract(response, reason)
        return reason is not None

    def parse_areas(self, response: Response) -> Iterator[Any]:
        """Dotační oblasti → one request per area folder."""
        if self._blocked(response):
            return
        folders = self._links(response, _FOLDER)
        if "dotacni oblasti" not in fold(response.xpath("string(//body)").get() or "") or not folders:
            self.broken_contract(response, "'Dotační oblasti' with folder links missing")
            return
        for url, name in folders:
            yield scrapy.Request(url, callback=self.parse_folder, cb_kwargs={"area": name})

    def parse_folder(self, response: Response, area: str) -> Iterator[Any]:
        """An area folder → one request per grant programme (an area may have none this year)."""
        if self._blocked(response):
            return
        for url, name in self._links(response, _GRANT):
            yield scrapy.Request(url, callback=self.parse_grant, cb_kwargs={"area": area, "listed_title": name})

    @staticmethod
    def _links(response: Response, pattern: re.Pattern[str]) -> list[tuple[str, str]]:
        found: dict[str, str] = {}
        for anchor in response.css("a[href]"):
            url = response.urljoin(anchor.attrib["href"])
            parts = urlsplit(url)
            if (
                parts.scheme in {"http", "https"}
                and parts.hostname == urlsplit(BASE).hostname
                and pattern.match(parts.path)
                and url not in found
            ):
                found[url] = clean_text(anchor.xpath("string()").get())
        return list(found.items())

    def parse_grant(self, response: Response, area: str = "", listed_title: str = "") -> Iterator[Any]:
        """A grant programme page → one call record."""
        if self._blocked(response):
            return
        fields = find_fields(response.selector.root, LABELS)
        title = clean_text(response.xpath("string(//h1)").get()) or listed_title
        native_id = grant_id(response.url)
        missing = [LABELS[name][0] for name in REQUIRED if name not in fields]
        if not title:
            missing.append("title (h1)")
        if native_id is None:
            missing.append("grant id in the URL")
        if missing:
            self.broken_contract(response, "labels missing: " + ", ".join(missing))
            return
        opens_at, deadline = parse_date_range(fields["window"].text)
        deadlines = [deadline] if deadline else []
        recipients = fields["recipients"].text if "recipients" in fields else None
        yield self.make_call(
            native_id=native_id,
            url=response.url,
            title=title,
            description=fields["purpose"].text if "purpose" in fields else "",
            status=status_from_window(opens_at, deadlines, self.now()),
            opens_at=iso(opens_at),
            deadlines=[iso(d) for d in deadlines],
            budget_total=self._money(fields, "budget"),
            grant_min=self._money(fields, "min"),
            grant_max=self._money(fields, "max"),
            funding_rate_max=self._parse_funding_rate(fields),
            applicants=map_applicants(recipients) if recipients else [],
            eligibility_text=recipients,
            documents=self._parse_documents(response),
            keywords=[area] if area else [],
        )

    @staticmethod
    def _money(fields: dict[str, Field], name: str) -> dict[str, Any] | None:
        money = parse_money(fields[name].text, "CZK") if name in fields else None
        return money.as_dict() if money else None

    @staticmethod
    def _parse_funding_rate(fields: dict[str, Field]) -> float | None:
        """100 − the minimum co-financing share; "0 %" (no co-financing) means up to 100 %."""
        if "cofinancing" not in fields:
            return None
        text = fields["cofinancing"].text
        share = parse_percent_max(text)
        if share is None:
            return 100.0 if re.search(r"(?<!\d)0\s*%", text) else None
        rate = 100 - share
        return rate if rate > 0 else None

    @staticmethod
    def _parse_documents(response: Response) -> list[dict[str, str]]:
        """Files under "Dokumenty ke stažení" (.pdf, .xlsx and the .fo Form Filler forms)."""
        documents: list[dict[str, str]] = []
        seen: set[str] = set()
        for anchor in response.css("a[href]"):
            url = response.urljoin(anchor.attrib["href"])
            parts = urlsplit(url)
            if parts.scheme not in {"http", "https"} or url in seen:
                continue
            if not parts.path.lower().endswith(_DOCUMENT_EXT):
                continue
            seen.add(url)
            title = clean_text(anchor.xpath("string()").get()) or parts.path.rsplit("/", 1)[-1]
            documents.append({"title": title, "url": url})
        return documents
