"""dotaceeu.cz — the central portal of calls of the EU funds in Czechia (MMR; ASP.NET/Kentico HTML).

Domain: https://www.dotaceeu.cz/cs/jak-ziskat-dotaci/vyzvy (listing) → detail pages
/Jak-ziskat-dotaci/Vyzvy/Obdobi-2021-2027/<NN-Operacni-program-…>/<slug> and …/Unijni-programy/<slug> (SOURCES.md §4).

Caveats:
- Only the listing's first batch has static links (`li.js-ajax-item` > `a > h3`, a status tag, an OP tag and
  "Termín pro podání žádosti: 16. 7. 2026 - 17. 12. 2026"); "Načíst další" is a WebForms postback and is not
  followed. A listing without such items breaks the content contract (it has been seen served postback-only).
- Detail pages are label/value pairs: Číslo výzvy (= the MS2021+ KOD, so records join the ms2021 call by
  call_code; missing on "Unijní programy" pages), Druh výzvy, Operační program, Prioritní osa, Oprávnění
  žadatelé, Zahájení/Ukončení příjmu žádostí (dates only; each followed by "Přidat do svého kalendáře"), Více
  informací na, Stav výzvy. No budget and no description on the page.
- The "Aktuality" table is the call's change log ("29.08.2026 Změna alokace v korunách: na 9400000"). It is
  parsed (parse_change_log): the latest allocation gives budget_total, the latest substantive "Změna cílů" the
  description (the call's objectives), and the whole log is kept, newest first, at the end of the description.
- Stav výzvy → status: Otevřená open; Plánovaná, Rozpracovaná, Vyhlášená, Finalizovaná forthcoming; Uzavřená,
  Ukončená closed; Zrušená cancelled. Pozastavená (suspended; seen as a two-day glitch) maps to no status:
  the dates decide and the description says it is suspended. As everywhere, the dates win when the source lags.
- funder: the page does not name the managing authority, so it comes from the KOD's programme number (05 → MŽP,
  12–14 → MV …); "Unijní programy" are the European Commission's; otherwise the OP's name. programme: the OP's
  abbreviation (OP TAK, IROP, OP AMIF …, HORIZON/EURATOM for EU programmes), else the listing's OP tag.
- Deadlines are dates only (23:59:59 Prague): MS2021+ has the exact closing times of the same calls.
- native_id: Číslo výzvy, else the URL slug. Unijní programy pages are region "EU" (language "en" when the
  title is English).

Spider arguments: none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

from spiders.base import CallSpider, url_slug
from spiders.czech import clean_text, iso, map_applicants, parse_date, parse_date_range, status_from_window
from spiders.labels import Field, find_fields, fold

LISTING_URL = "https://www.dotaceeu.cz/cs/jak-ziskat-dotaci/vyzvy"

LABELS: dict[str, tuple[str, ...]] = {
    "code": ("Číslo výzvy",),
    "kind": ("Druh výzvy",),
    "period": ("Programové období",),
    "op": ("Operační program",),
    "axis": ("Prioritní osa",),
    "eligible": ("Oprávnění žadatelé",),
    "available": ("Zpřístupnění žádosti o podporu",),
    "opens": ("Zahájení příjmu žádostí",),
    "closes": ("Ukončení příjmu žádostí",),
    "more": ("Více informací na",),
    "state": ("Stav výzvy",),
}
REQUIRED = ("op", "state")

STATES: dict[str, str | None] = {
    "otevrena": "open",
    "planovana": "forthcoming",
    "rozpracovana": "forthcoming",
    "vyhlasena": "forthcoming",
    "finalizovana": "forthcoming",
    "uzavrena": "closed",
    "ukoncena": "closed",
    "zrusena": "cancelled",
    "pozastavena": None,
}
# Programme number of the KOD (NN_YY_SSS) → (abbreviation, managing authority), 2021–2027 (SOURCES.md §5).
PROGRAMMES: dict[str, tuple[str, str]] = {
    "01": ("OP TAK", "MPO"),
    "02": ("OP JAK", "MŠMT"),
    "03": ("OPZ+", "MPSV"),
    "04": ("OPD", "Ministerstvo dopravy"),
    "05": ("OPŽP", "MŽP"),
    "06": ("IROP", "MMR"),
    "08": ("OP Rybářství", "MZe"),
    "10": ("OPST", "MŽP"),
    "12": ("OP AMIF", "MV"),
    "13": ("OP FVB", "MV"),
    "14": ("OP NSHV", "MV"),
}
EU_PROGRAMMES: dict[str, str] = {
    "horizont evropa": "HORIZON",
    "program euratom": "EURATOM",
    "digitalni evropa": "DIGITAL",
    "program life": "LIFE",
    "jednotny trh": "SMP",
    "evropsky obranny fond": "EDF",
}
EU_FUNDER = "European Commission"

_KOD = re.compile(r"^\d{2}_\d{2}_\d{3}$")
_LOG_ENTRY = re.compile(
    r"(?P<date>\d{1,2}\.\d{1,2}\.\d{4})\s+(?P<what>Změna [^:]{2,60}?):\s*(?P<value>.*?)"
    r"(?=\s+\d{1,2}\.\d{1,2}\.\d{4}\s+Změna |\s+Odebírejte aktualizace|$)",
    re.DOTALL,
)
_CZECH_LETTERS = re.compile(r"[áčďéěíňóřšťúůýž]", re.IGNORECASE)


@dataclass(frozen=True)
class Change:
    """One line of the Aktuality change log."""

    date: str  # as printed, dd.mm.yyyy
    what: str  # "Změna datumu uzavření"
    value: str  # the text after the colon, "na 16.10.2026"

    @property
    def new_value(self) -> str:
        return re.sub(r"^na\s+", "", self.value)

    def line(self) -> str:
        return f"{self.date} {self.what}: {self.value}"


def parse_change_log(text: str) -> list[Change]:
    """The Aktuality entries of a page's text, in page order (oldest first)."""
    text = clean_text(text)
    start = text.find("Aktuality")
    if start < 0:
        return []
    return [Change(m["date"], clean_text(m["what"]), clean_text(m["value"])) for m in _LOG_ENTRY.finditer(text, start)]


def latest_allocation(changes: list[Change]) -> int | None:
    """The last "Změna alokace v korunách: na 9400000"."""
    for change in reversed(changes):
        if fold(change.what).startswith("zmena alokace"):
            digits = re.sub(r"\D", "", change.new_value.split(",")[0])
            if digits:
                return int(digits)
    return None


def latest_objectives(changes: list[Change], not_these: tuple[str, ...] = ()) -> str | None:
    """The last "Změna cílů" that states the call's objective. The log sets "cíle" twice in a row: the
    specific objective, then the priority axis or the bare OP abbreviation, which `not_these` excludes."""
    excluded = {fold(text) for text in not_these if text}
    for change in reversed(changes):
        value = change.new_value
        if (
            fold(change.what).startswith("zmena cil")
            and value
            and fold(value) not in excluded
            and not re.fullmatch(r"(OP\s?\S+|IROP|OPZ\+?|OPD|OPST)", value)
        ):
            return value
    return None


def map_state(text: str | None) -> str | None:
    return STATES.get(fold(text or "").split(" ")[0]) if text else None


class DotaceeuSpider(CallSpider):
    name = "dotaceeu"
    funder = "MMR / dotaceeu.cz"
    language = "cs"
    region = "CZ"
    allowed_domains = ["www.dotaceeu.cz", "dotaceeu.cz"]

    async def start(self) -> Any:
        yield scrapy.Request(LISTING_URL, callback=self.parse)

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        """The listing's first batch → one detail request per call, with what the listing says about it."""
        items = response.css(".js-ajax-item")
        found = 0
        for item in items:
            href = item.xpath(".//a[.//h3]/@href").get()
            if not href:
                continue
            url = response.urljoin(href)
            if urlsplit(url).scheme not in {"http", "https"}:
                continue
            found += 1
            window = item.xpath(".//*[contains(., 'Termín pro podání žádosti')]/text()").getall()
            yield scrapy.Request(
                url,
                callback=self.parse_detail,
                cb_kwargs={
                    "listed_title": clean_text(item.xpath("string(.//h3)").get()),
                    "listed_state": clean_text(item.css(".tag.blue::text").get()),
                    "listed_programme": clean_text(item.css(".tag.yellow::text").get()),
                    "listed_window": clean_text(" ".join(window)),
                },
            )
        if not found:
            self.broken_contract(response, "no call items (.js-ajax-item with an h3 link) in the listing")

    def parse_detail(
        self,
        response: Response,
        listed_title: str = "",
        listed_state: str = "",
        listed_programme: str = "",
        listed_window: str = "",
    ) -> Iterator[Any]:
        """A call's detail page → one call record."""
        fields = find_fields(response.selector.root, LABELS)
        title = clean_text(response.xpath("string(//h1)").get()) or listed_title
        missing = [LABELS[name][0] for name in REQUIRED if name not in fields] + ([] if title else ["h1"])
        if missing:
            self.broken_contract(response, "labels missing: " + ", ".join(missing))
            return
        code = self._parse_code(fields)
        eu_programme = "/unijni-programy/" in urlsplit(response.url).path.lower()
        changes = parse_change_log(" ".join(response.xpath("//body//text()[not(ancestor::script)]").getall()))
        opens_at, deadline = self._parse_window(fields, listed_window)
        deadlines = [deadline] if deadline else []
        state_text = fields["state"].text or listed_state
        eligible = fields["eligible"].text if "eligible" in fields else None
        allocation = latest_allocation(changes)
        yield self.make_call(
            native_id=code or url_slug(response.url),
            url=response.url,
            title=title,
            language="en" if eu_programme and not _CZECH_LETTERS.search(title) else "cs",
            region="EU" if eu_programme else self.region,
            description=self._parse_description(fields, changes, state_text),
            funder=self._parse_funder(code, fields["op"].text, eu_programme),
            programme=self._parse_programme(code, fields["op"].text, listed_programme),
            call_code=code,
            status=status_from_window(opens_at, deadlines, self.now(), native=map_state(state_text)),
            opens_at=iso(opens_at),
            deadlines=[iso(d) for d in deadlines],
            budget_total={"amount": allocation, "currency": "CZK"} if allocation else None,
            applicants=map_applicants(eligible) if eligible else [],
            eligibility_text=eligible,
            documents=self._parse_documents(response, fields),
            keywords=[fields["kind"].text] if fields.get("kind") and fields["kind"].text else [],
        )

    @staticmethod
    def _parse_code(fields: dict[str, Field]) -> str | None:
        value = fields["code"].text.split(" ")[0] if "code" in fields else ""
        return value if _KOD.match(value) else None

    @staticmethod
    def _parse_window(fields: dict[str, Field], listed_window: str) -> tuple[Any, Any]:
        """Zahájení / Ukončení příjmu žádostí, else the listing's "Termín pro podání žádosti"."""
        opens_at = parse_date(fields["opens"].text) if "opens" in fields else None
        deadline = parse_date(fields["closes"].text, end_of_day=True) if "closes" in fields else None
        if listed_window and (opens_at is None or deadline is None):
            listed_open, listed_close = parse_date_range(listed_window.split(":", 1)[-1])
            opens_at, deadline = opens_at or listed_open, deadline or listed_close
        return opens_at, deadline

    @staticmethod
    def _parse_description(fields: dict[str, Field], changes: list[Change], state: str) -> str:
        """Objectives (from the change log), priority axis, a suspension notice, then the change log."""
        parts: list[str] = []
        if fold(state).startswith("pozastaven"):
            parts.append("Stav výzvy: Pozastavená (příjem žádostí je pozastaven).")
        axis = fields["axis"].text if "axis" in fields else ""
        objectives = latest_objectives(changes, (axis,))
        if objectives:
            parts.append(f"Cíl výzvy: {objectives}")
        if axis and len(axis) > 12:  # not just the OP abbreviation repeated
            parts.append(f"Prioritní osa: {axis}")
        if changes:
            parts.append("Aktuality:\n" + "\n".join(change.line() for change in reversed(changes)))
        return "\n\n".join(parts)

    @staticmethod
    def _parse_funder(code: str | None, op: str, eu_programme: bool) -> str:
        if code and code[:2] in PROGRAMMES:
            return PROGRAMMES[code[:2]][1]
        if eu_programme:
            return EU_FUNDER
        return clean_text(re.sub(r"^\d{2}\s+", "", op)) or DotaceeuSpider.funder

    @staticmethod
    def _parse_programme(code: str | None, op: str, listed: str) -> str | None:
        if code and code[:2] in PROGRAMMES:
            return PROGRAMMES[code[:2]][0]
        folded = fold(op)
        for name, abbreviation in EU_PROGRAMMES.items():
            if folded.startswith(name):
                return abbreviation
        return listed or clean_text(re.sub(r"^\d{2}\s+", "", op)) or None

    @staticmethod
    def _parse_documents(response: Response, fields: dict[str, Field]) -> list[dict[str, str]]:
        """The "Více informací na" link: the call's page on the OP's own site (texts, annexes)."""
        documents = []
        for _text, href in fields["more"].links if "more" in fields else ():
            url = response.urljoin(href)
            parts = urlsplit(url)
            if parts.scheme in {"http", "https"} and parts.netloc:
                documents.append({"title": f"Více informací: {parts.hostname}", "url": url})
        return documents
