"""MS2021+ open data — every call of the Czech EU-fund programmes 2021–2027, as one XML file (SOURCES.md §5).

Domain: https://ms21opendata.mssf.cz/SeznamVyzev_21_27.xml (MMR, CC BY 4.0), exported nightly around 20:45;
about 1.7 MB and 820 `<VYZVA>` elements, no pagination. The server sends ETag and Last-Modified, so an
unchanged file costs a 304 (spiders/httpcache.py).

Caveats:
- Elements sit in a default namespace (`https://ms21xsd.mssf.cz/OpenData/v_1` on the sibling files); parsing
  is namespace-aware with any namespace (`{*}VYZVA`), streaming with lxml iterparse, each call freed once read.
- Per call: KOD (`01_26_015` = programme `01`, year `26`, number), NAZEV, STAV, DRUHVYZVY (`Kolova`/`Prubezna`,
  ASCII-folded), VICEKOLOVA, DATUMZPRISTUPNENI, DATUMOTEVRENI, DATUMUZAVRENI (ISO with `+01:00` in winter and
  `+02:00` in summer: kept as given), ALOKACECELKEM (CZK). No description, eligibility or page URL.
- STAV may come with or without diacritics; it is folded before mapping. The native status lags the dates
  (a call stays "Otevřená" after its end for a day): the dates win, except for a cancelled call and a
  suspended one (no applications accepted while "Pozastavená", mapped to closed).
- The programme comes from the code prefix (PROGRAMMES); prefixes 07, 09 and 11 are not confirmed.
- The file has no per-call page: `url` is the file with the code as fragment. The call joins the OP's own
  page (optak) or dotaceeu by its code (store/calls.py), whose URL then wins.
- A response that is not XML, or whose calls lack KOD/NAZEV/STAV, breaks the content contract.

Spider arguments: none.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterator
from typing import Any

from lxml import etree
from scrapy.http import Response

from spiders.base import CallSpider
from spiders.czech import Money, clean_text, iso, parse_date, status_from_window
from spiders.items import CallItem

FILE_URL = "https://ms21opendata.mssf.cz/SeznamVyzev_21_27.xml"

# Programme code prefix → (programme, managing authority). SOURCES.md §5.
PROGRAMMES: dict[str, tuple[str, str]] = {
    "01": ("OP TAK", "Ministerstvo průmyslu a obchodu"),
    "02": ("OP JAK", "Ministerstvo školství, mládeže a tělovýchovy"),
    "03": ("OPZ+", "Ministerstvo práce a sociálních věcí"),
    "04": ("OPD", "Ministerstvo dopravy"),
    "05": ("OPŽP", "Ministerstvo životního prostředí"),
    "06": ("IROP", "Ministerstvo pro místní rozvoj"),
    "08": ("OP Rybářství", "Ministerstvo zemědělství"),
    "10": ("OP ST", "Ministerstvo životního prostředí"),
    "12": ("OP AMIF", "Ministerstvo vnitra"),
    "13": ("OP FVB", "Ministerstvo vnitra"),
    "14": ("OP NSHV", "Ministerstvo vnitra"),
}
DEFAULT_FUNDER = "Ministerstvo pro místní rozvoj (MS2021+)"

# Folded STAV → record status; STAV_NATIVE says what the source means by it before dates are considered.
STATUSES: dict[str, str] = {
    "planovana": "forthcoming",
    "rozpracovana": "forthcoming",
    "vyhlasena": "forthcoming",
    "otevrena": "open",
    "pozastavena": "closed",
    "uzavrena": "closed",
    "zrusena": "cancelled",
}
KINDS = {"kolova": "Kolová výzva", "prubezna": "Průběžná výzva"}
ROUNDS = {"jednokolove": "jednokolová", "dvoukolove": "dvoukolová", "vicekolove": "vícekolová"}
REQUIRED = ("KOD", "NAZEV", "STAV")


def fold(text: str | None) -> str:
    """Lower case without diacritics: "Otevřená" and "Otevrena" are the same state."""
    decomposed = unicodedata.normalize("NFKD", clean_text(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def programme_for(code: str | None) -> tuple[str | None, str]:
    """(programme, funder) for a call code such as "01_26_015"."""
    if code and len(code) >= 2 and code[:2] in PROGRAMMES:
        return PROGRAMMES[code[:2]]
    return None, DEFAULT_FUNDER


def _local(tag: Any) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def read_calls(data: bytes) -> Iterator[dict[str, str]]:
    """Each `<VYZVA>` as {local element name: text}, streamed; raises etree.XMLSyntaxError on broken XML."""
    for _event, element in etree.iterparse(
        io.BytesIO(data), events=("end",), tag="{*}VYZVA", resolve_entities=False, no_network=True, huge_tree=True
    ):
        yield {_local(child.tag): (child.text or "").strip() for child in element if _local(child.tag)}
        element.clear()
        while element.getprevious() is not None:  # free what was read, keep memory flat
            del element.getparent()[0]


class Ms2021Spider(CallSpider):
    name = "ms2021"
    funder = DEFAULT_FUNDER
    language = "cs"
    region = "CZ"
    start_urls = [FILE_URL]

    def parse(self, response: Response, **kwargs: Any) -> Iterator[CallItem]:
        calls: list[dict[str, str]] = []
        try:
            calls = list(read_calls(response.body))
        except etree.XMLSyntaxError as exc:
            self.broken_contract(response, f"not an XML file: {exc}")
            return
        if not calls:
            self.broken_contract(response, "no <VYZVA> element")
            return
        complete = [c for c in calls if all(c.get(name) for name in REQUIRED)]
        if len(complete) < len(calls) / 2:
            missing = sorted({name for c in calls for name in REQUIRED if not c.get(name)})
            self.broken_contract(response, f"calls without {', '.join(missing)}")
            return
        self.crawler.stats.inc_value("grantradar/ms2021/incomplete", len(calls) - len(complete))
        for call in complete:
            yield self._call(call)

    def _call(self, call: dict[str, str]) -> CallItem:
        code = call["KOD"]
        programme, funder = programme_for(code)
        opens_at = parse_date(call.get("DATUMOTEVRENI"))
        deadlines = [d for d in [parse_date(call.get("DATUMUZAVRENI"), end_of_day=True)] if d]
        return self.make_call(
            native_id=code,
            url=f"{FILE_URL}#{code}",
            title=call["NAZEV"],
            call_code=code,
            programme=programme,
            funder=funder,
            status=self._parse_status(call, opens_at, deadlines),
            opens_at=iso(opens_at),
            deadlines=[iso(d) for d in deadlines],
            budget_total=self._parse_budget(call),
            description=self._parse_description(call),
        )

    def _parse_status(self, call: dict[str, str], opens_at: Any, deadlines: list[Any]) -> str:
        """The native STAV reconciled with the window (the dates win where the file lags)."""
        native = STATUSES.get(fold(call.get("STAV")))
        if native is None:
            self.crawler.stats.inc_value("grantradar/ms2021/unknown_stav")
            return status_from_window(opens_at, deadlines, self.now())
        if native == "forthcoming" and not opens_at:
            return "forthcoming"
        return status_from_window(opens_at, deadlines, self.now(), native=native)

    @staticmethod
    def _parse_budget(call: dict[str, str]) -> dict[str, Any] | None:
        """ALOKACECELKEM, whole CZK (decimals tolerated)."""
        raw = clean_text(call.get("ALOKACECELKEM")).replace(" ", "").replace(",", ".")
        try:
            amount = float(raw)
        except ValueError:
            return None
        if amount <= 0:
            return None
        return Money(amount, "CZK").as_dict()

    @staticmethod
    def _parse_description(call: dict[str, str]) -> str:
        """The facts the file gives beyond the record's fields, in the source's words: kind, rounds, publication."""
        parts = [KINDS.get(fold(call.get("DRUHVYZVY")), clean_text(call.get("DRUHVYZVY")))]
        rounds = ROUNDS.get(fold(call.get("VICEKOLOVA")))
        if rounds:
            parts.append(rounds)
        published = parse_date(call.get("DATUMZPRISTUPNENI"))
        text = ", ".join(p for p in parts if p)
        if published:
            text += f". Žádosti zpřístupněny od {published:%-d. %-m. %Y %H:%M}"
        return text.strip(" ,") + ("." if text else "")
