"""Olomoucký kraj — the region's grant programmes on www.olkraj.cz (Nette CMS, server-rendered HTML).

Domain: https://www.olkraj.cz/dotace-granty-prispevky-krajske-dotacni-programy-<YEAR>/aktualni-dotacni-programy
and …/ukoncene-dotacni-programy (SOURCES.md §8).

Caveats:
- The year is part of every path, so it is configuration (`olkraj_year`), not discovered.
- The lists are tables grouped by area (`<th>` rows); each programme is `<h3><strong>NN_NN Název</strong></h3>` and
  a `<ul><li><a>` to its detail page, whose slug ends with the window ("…-prijem-zadosti-7-4-17-4-2026" or
  "…-1-2-2026-28-2-2026"). The link text is often just "informace o programu zde".
- The detail table (Název, Anotace, Termín příjmu žádostí, Oprávnění žadatelé, Pravidla, Žádost vzor, RAP –
  podání žádosti) gives the window as "7.4. - 17.4.2026 do 12:00": the start has no year (it takes the end's).
  When the table has no parsable window, the slug's window is used (a date only: the end of that day).
- "Oprávnění žadatelé" is often only the name of a PDF: then it is a document, not eligibility text.
- No budget (it is in the rules PDF) and no native status: the status comes from the window; a programme on
  the closed list is closed even when its window says otherwise (early closure).
- native_id is "<year>-<programme code>" (e.g. "2026-06_07"): codes are reused every year. call_code is the
  programme code. The application portal RAP (/portal/) is not scraped.

Spider arguments: `year` (default: the configuration's `olkraj_year`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

from grantradar.config import load_config
from spiders.base import CallSpider, url_slug
from spiders.czech import clean_text, iso, map_applicants, parse_date_range, status_from_window
from spiders.labels import Field, find_fields, fold

BASE = "https://www.olkraj.cz"
LIST_PATH = "/dotace-granty-prispevky-krajske-dotacni-programy-{year}/{kind}"
CURRENT, CLOSED = "aktualni-dotacni-programy", "ukoncene-dotacni-programy"

LABELS: dict[str, tuple[str, ...]] = {
    "name": ("Název",),
    "annotation": ("Anotace",),
    "window": ("Termín příjmu žádostí", "Termín pro příjem žádostí"),
    "eligibility": ("Oprávnění žadatelé",),
    "rules": ("Pravidla",),
    "form": ("Žádost vzor",),
    "how": ("Způsob podání žádosti",),
}
# Without these the page is not a programme detail any more (a redesign or an error page served with 200).
REQUIRED = ("name", "window")

_CODE = re.compile(r"^\s*(\d{2}(?:_\d{2}){1,2})(?:[_\s]+|$)")
_SLUG_CODE = re.compile(r"^(\d{2}(?:-\d{2}){1,2})-(?=[a-z])")
_SLUG_WINDOW_FULL = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})-(\d{1,2})-(\d{1,2})-(\d{4})$")
_SLUG_WINDOW_SHORT = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{1,2})-(\d{1,2})-(\d{4})$")
_WINDOW_IN_TITLE = re.compile(r"\s*\((?:příjem|termín)[^)]*\)\s*$", re.IGNORECASE)
_DOCUMENT_EXT = (".pdf", ".doc", ".docx", ".odt", ".xls", ".xlsx", ".rtf", ".zip")


def list_url(year: int, kind: str) -> str:
    return BASE + LIST_PATH.format(year=year, kind=kind)


def code_from_name(name: str) -> str | None:
    """ "06_07_Program na podporu …" → "06_07"."""
    match = _CODE.match(name)
    return match.group(1) if match else None


def code_from_slug(url: str) -> str | None:
    """ ".../06-07-program-na-podporu-…" → "06_07"."""
    slug = url_slug(url)
    match = _SLUG_CODE.match(slug)
    return match.group(1).replace("-", "_") if match else None


def window_from_slug(url: str) -> str | None:
    """The window encoded at the end of the slug, rewritten as the table would print it ("7.4. - 17.4.2026")."""
    slug = url_slug(url)
    full = _SLUG_WINDOW_FULL.search(slug)
    if full:
        d1, m1, y1, d2, m2, y2 = full.groups()
        return f"{d1}.{m1}.{y1} - {d2}.{m2}.{y2}"
    short = _SLUG_WINDOW_SHORT.search(slug)
    if short:
        d1, m1, d2, m2, y2 = short.groups()
        return f"{d1}.{m1}. - {d2}.{m2}.{y2}"
    return None


def clean_title(name: str) -> str:
    """Drop the code prefix and a trailing "(příjem žádostí …)" from a programme name."""
    title = _CODE.sub("", clean_text(name), count=1)
    return _WINDOW_IN_TITLE.sub("", title).strip() or clean_text(name)


def _looks_like_file_name(text: str) -> bool:
    return text.lower().endswith(_DOCUMENT_EXT)


class OlkrajSpider(CallSpider):
    name = "olkraj"
    funder = "Olomoucký kraj"
    language = "cs"
    region = "CZ071"
    allowed_domains = ["www.olkraj.cz", "olkraj.cz"]

    def __init__(self, year: str | int | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.year = int(year) if year else load_config().olkraj_year
        self._current_urls: set[str] = set()

    async def start(self) -> Any:
        # The closed list is requested after the current one, so a programme on both counts as current.
        yield scrapy.Request(list_url(self.year, CURRENT), callback=self.parse_list, cb_kwargs={"closed": False})

    def detail_path(self) -> re.Pattern[str]:
        prefix = re.escape(LIST_PATH.format(year=self.year, kind="").rstrip("/"))
        return re.compile(rf"^{prefix}/\d{{2}}-\d{{2}}")

    def parse_list(self, response: Response, closed: bool) -> Iterator[Any]:
        """A list of programmes → one request per detail page (the closed list follows the current one)."""
        heading = fold(" ".join(response.css("h1 ::text, h2 ::text").getall()))
        if "dotacni program" not in heading:
            self.broken_contract(response, "programme list heading missing")
            return
        for link in self._parse_links(response):
            if closed and link["url"] in self._current_urls:
                continue
            if not closed:
                self._current_urls.add(link["url"])
            yield scrapy.Request(link["url"], callback=self.parse_detail, cb_kwargs={**link, "closed": closed})
        if not closed:
            yield scrapy.Request(list_url(self.year, CLOSED), callback=self.parse_list, cb_kwargs={"closed": True})

    def _parse_links(self, response: Response) -> list[dict[str, str]]:
        """Detail links with the programme heading and the area they are listed under."""
        pattern = self.detail_path()
        links: list[dict[str, str]] = []
        for anchor in response.css("a[href]"):
            url = response.urljoin(anchor.attrib["href"])
            parts = urlsplit(url)
            if parts.scheme not in {"http", "https"} or not pattern.match(parts.path):
                continue
            if any(link["url"] == url for link in links):
                continue
            heading = clean_text(anchor.xpath("string(preceding::h3[1])").get())
            area = clean_text(anchor.xpath("string(preceding::th[1])").get())
            links.append({"url": url, "heading": heading or clean_text(anchor.xpath("string()").get()), "area": area})
        return links

    def parse_detail(self, response: Response, url: str, heading: str, area: str, closed: bool) -> Iterator[Any]:
        """A programme's detail table → one call record."""
        fields = find_fields(response.selector.root, LABELS)
        missing = [name for name in REQUIRED if name not in fields]
        if missing:
            self.broken_contract(response, "labels missing: " + ", ".join(LABELS[m][0] for m in missing))
            return
        name = fields["name"].text or clean_text(response.css("h1 ::text").get()) or heading
        code = code_from_name(name) or code_from_name(heading) or code_from_slug(response.url)
        native_id = f"{self.year}-{code}" if code else f"{self.year}-{url_slug(response.url)}"
        opens_at, deadline = self._parse_window(fields, response.url)
        deadlines = [deadline] if deadline else []
        eligibility = self._parse_eligibility(fields)
        yield self.make_call(
            native_id=native_id,
            url=response.url,
            title=clean_title(name),
            description=fields["annotation"].text if "annotation" in fields else "",
            call_code=code,
            status=status_from_window(opens_at, deadlines, self.now(), native="closed" if closed else None),
            opens_at=iso(opens_at),
            deadlines=[iso(d) for d in deadlines],
            applicants=map_applicants(eligibility) if eligibility else [],
            eligibility_text=eligibility,
            documents=self._parse_documents(response, fields),
            keywords=[area] if area else [],
        )

    @staticmethod
    def _parse_window(fields: dict[str, Field], url: str) -> tuple[Any, Any]:
        """The window from the table, else from the slug."""
        opens_at, deadline = parse_date_range(fields["window"].text)
        if deadline is None:
            opens_at, deadline = parse_date_range(window_from_slug(url))
        return opens_at, deadline

    @staticmethod
    def _parse_eligibility(fields: dict[str, Field]) -> str | None:
        """The eligibility text, unless the cell only names a PDF."""
        value = fields.get("eligibility")
        if value is None or not value.text or _looks_like_file_name(value.text):
            return None
        return value.text

    @staticmethod
    def _parse_documents(response: Response, fields: dict[str, Field]) -> list[dict[str, str]]:
        """Files linked from the detail table (rules, form, eligible applicants), absolute http(s) URLs."""
        documents: list[dict[str, str]] = []
        seen: set[str] = set()
        anchors = [(clean_text(a.xpath("string()").get()), a.attrib["href"]) for a in response.css("table a[href]")]
        for field in fields.values():
            anchors.extend(field.links)
        for text, href in anchors:
            url = response.urljoin(href)
            parts = urlsplit(url)
            if parts.scheme not in {"http", "https"} or url in seen:
                continue
            if not (parts.path.lower().endswith(_DOCUMENT_EXT) or "/uploads/" in parts.path):
                continue
            seen.add(url)
            documents.append({"title": text or parts.path.rsplit("/", 1)[-1], "url": url})
        return documents
