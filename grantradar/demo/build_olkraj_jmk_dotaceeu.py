"""Build the demo snapshot pages of www.olkraj.cz, dotace.kr-jihomoravsky.cz and www.dotaceeu.cz, and the dotaceeu
test fixtures.

No raw HTML of these sites could be fetched offline, so pages are rendered in the structure SOURCES.md §4, §8 and §9
describes (and tests/files/{olkraj,jmk,dotaceeu}/ use), filled with values as real as available:
- dotaceeu: detail pages are the REAL visible page texts of shared/data/sources/dotaceeu/ and
  shared/data/corpora/cz_calls_2026 (dotaceeu-vyzvy) put back into label/value markup, change log included. Calls
  the demo of other sources also carries (OP TAK 01_26_080 Inovační vouchery IV and 01_26_074 STEP as on the
  apiagentura demo; OP JAK 02_26_048 as in the MS2021+ sample) are written in the same form with the values those
  demos use (marked RECON), so the identity join by call code shows. Two Unijní programy pages carry real Horizon
  Europe/Euratom topics of shared/data/corpora/eu_topics_2026 with 2027 deadlines.
- olkraj / jmk: RECON programmes in the portals' structure (names and labels from the REAL 2022 olkraj page text
  and the dotacni-majak fixtures), with 2026/2027 windows so that the demo (today 2026-11-21 and later) shows open,
  forthcoming and closed programmes; a few innovation programmes (photonics, optics, electron microscopy) so the
  demo matches cluster members. The olkraj lists stay under the configured year (2026) although some windows are
  in 2027: a demo simplification.

Run from the repository root: `python -m grantradar.demo.build_olkraj_jmk_dotaceeu` (rewrites the snapshot pages
of these three hosts and the dotaceeu fixtures). The output is committed; this script documents it.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from html import escape
from pathlib import Path
from urllib.parse import quote, urlsplit

from grantradar.mirror import DEFAULT_SNAPSHOT, snapshot_path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data"
FIXTURES = ROOT / "tests" / "files" / "dotaceeu"
CAPTURED = "2026-09-14T11:02:48+00:00"


def e(text: str) -> str:
    return escape(text, quote=True)


def write(root: Path, url: str, text: str) -> None:
    parts = urlsplit(url)
    target = snapshot_path(root, parts.hostname or "", parts.path, parts.query)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


# ------------------------------------------------------------------------------------------------ dotaceeu

DOTACEEU = "https://www.dotaceeu.cz"
DOTACEEU_LABELS = [
    "Číslo výzvy",
    "Druh výzvy",
    "Programové období",
    "Operační program",
    "Prioritní osa",
    "Oprávnění žadatelé",
    "Zpřístupnění žádosti o podporu",
    "Zahájení příjmu žádostí",
    "Ukončení příjmu žádostí",
    "Více informací na",
    "Stav výzvy",
]
CALENDAR = "Přidat do svého kalendáře"
SUBSCRIBE = (
    "Pro odběr aktualizací musíte být přihlášeni. Zadejte svou e-mailovou adresu a heslo. Pokud nemáte "
    'přihlašovací údaje <a href="/cs/registrace">registrujte se</a>.'
)
MORE_TARGET = "ctl00$plcRoot$Layout$zoneContent$pageplaceholder$pageplaceholder$lt$zoneContent$DotaceEUCalls$btnMore"


def split_text(text: str) -> tuple[str, dict[str, str], list[tuple[str, str, str]]]:
    """Title, label values and change log of a page's visible text ("Všechny výzvy <title> Číslo výzvy: …")."""
    text = text.split("Odebírejte aktualizace")[0]
    body = text.removeprefix("Všechny výzvy ").strip()
    parts = re.split("(" + "|".join(re.escape(label) for label in DOTACEEU_LABELS) + "):", body)
    fields = {parts[i]: parts[i + 1].strip() for i in range(1, len(parts), 2)}
    state, _, rest = fields.get("Stav výzvy", "").partition("Aktuality")
    log = re.findall(r"(\d{2}\.\d{2}\.\d{4}) (Změna [^:]+): (.*?)(?= \d{2}\.\d{2}\.\d{4} Změna |$)", rest.strip())
    # The source texts were cut at ~2000 characters: drop an entry cut off mid-way.
    log = [entry for entry in log if entry[2].strip() and entry[2].strip() != "Změna"]
    fields["Stav výzvy"] = state.replace("Informace o výzvě", "").strip()
    return parts[0].strip(), fields, log


def dotaceeu_detail(title: str, fields: dict[str, str], log: list[tuple[str, str, str]], more_url: str | None) -> str:
    rows = []
    for label in DOTACEEU_LABELS:
        value = fields.get(label)
        if value is None:
            continue
        if label == "Více informací na":
            if not more_url:
                continue
            cell = f'<a href="{e(more_url)}" target="_blank">Na tomto webovém odkazu</a>'
        elif value.endswith(CALENDAR):
            cell = (
                f'<strong>{e(value.removesuffix(CALENDAR).strip())}</strong> <a class="calendar-link" href="#" '
                f'onclick="addToCalendar(this);return false;">{CALENDAR}</a>'
            )
        else:
            cell = f"<strong>{e(value)}</strong>"
        rows.append(f'        <li><span class="label">{e(label)}:</span> {cell}</li>')
    news = "\n".join(f'          <tr><td class="date">{d}</td><td>{e(w)}: {e(v.strip())}</td></tr>' for d, w, v in log)
    aktuality = (
        (
            f'\n      <div class="call-news">\n        <h2>Aktuality</h2>\n        <table class="news-table">\n'
            f"{news}\n        </table>\n      </div>"
        )
        if log
        else ""
    )
    op = fields.get("Operační program", "")
    return f"""<!DOCTYPE html>
<html lang="cs">
<head>
  <meta charset="utf-8">
  <title>{e(title)} - DotaceEU</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="/App_Themes/DotaceEU/css/main.min.css">
</head>
<body class="page-call-detail">
  <header class="header">
    <a class="header__logo" href="/cs/"><img src="/App_Themes/DotaceEU/img/logo-dotaceeu.svg" alt="DotaceEU"></a>
    <nav class="header__nav"><ul>
      <li><a href="/cs/evropske-fondy-v-cr">Evropské fondy v ČR</a></li>
      <li class="active"><a href="/cs/jak-ziskat-dotaci">Jak získat dotaci</a></li>
      <li><a href="/cs/statistiky-a-analyzy">Statistiky a analýzy</a></li>
    </ul></nav>
  </header>
  <main class="main">
    <div class="container">
      <p class="back"><a href="/cs/jak-ziskat-dotaci/vyzvy">Všechny výzvy</a></p>
      <h1>{e(title)}</h1>
      <div class="call-detail">
        <ul class="call-detail__info">
{chr(10).join(rows)}
        </ul>
      </div>
      <div class="tabs"><a class="tabs__item active" href="#info">Informace o výzvě</a></div>{aktuality}
      <div class="subscribe">
        <p>Odebírejte aktualizace této stránky</p>
        <div class="modal"><p>{SUBSCRIBE}</p></div>
      </div>
      <p class="op-name">{e(op)}</p>
      <p class="tools"><a href="javascript:window.print()">Tisknout</a> <a href="?export=pdf">Stáhnout PDF</a></p>
    </div>
  </main>
  <footer class="footer"><p>©2026 Ministerstvo pro místní rozvoj, všechna práva vyhrazena</p></footer>
</body>
</html>
"""


def dotaceeu_item(url: str, title: str, fields: dict[str, str], tag: str) -> str:
    window = " - ".join(
        fields.get(k, "").removesuffix(CALENDAR).strip() for k in ("Zahájení příjmu žádostí", "Ukončení příjmu žádostí")
    )
    return f"""      <li class='js-ajax-item'>
        <div class='tags'><span class='tag blue '>{e(fields.get("Stav výzvy", ""))}</span>
          <a href='/cs/jak-ziskat-dotaci/vyzvy?program={quote(tag)}' class='tag yellow'>{e(tag)}</a></div>
        <a href='{e(url.removeprefix(DOTACEEU))}'><h3>{e(title)}</h3></a>
        <p><span>Termín pro podání žádosti: </span>{e(window)}</p>
      </li>"""


def dotaceeu_listing(items: list[str]) -> str:
    return f"""<!DOCTYPE html>
<html lang="cs">
<head>
  <meta charset="utf-8">
  <title>Výzvy - DotaceEU</title>
  <link rel="stylesheet" href="/App_Themes/DotaceEU/css/main.min.css">
</head>
<body class="page-calls">
  <header class="header">
    <a class="header__logo" href="/cs/"><img src="/App_Themes/DotaceEU/img/logo-dotaceeu.svg" alt="DotaceEU"></a>
  </header>
  <main class="main">
    <form method="post" action="/cs/jak-ziskat-dotaci/vyzvy" id="form">
    <input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKLTM2NTg0MjY3N2RkP1vGQ0y1n3U=">
    <div class="container">
      <h1>Výzvy</h1>
      <p class="perex">Přehled výzev operačních programů 2021–2027 a unijních programů.
        <a href="/media/calendar/vyzvy.xlsx">Stáhnout kalendář</a></p>
      <ul class="list-vyzvy js-ajax-list">
{chr(10).join(items)}
      </ul>
      <p class="more">
        <a class="btn js-more-vyzvy" href="javascript:__doPostBack('{MORE_TARGET}','')">Načíst další</a></p>
    </div>
    </form>
  </main>
  <footer class="footer"><p>©2026 Ministerstvo pro místní rozvoj, všechna práva vyhrazena</p></footer>
</body>
</html>
"""


def _real_texts() -> dict[str, dict]:
    """dotaceeu records by URL: the praut sample and the cz_calls_2026 corpus (both REAL-DERIVED page texts)."""
    with gzip.open(SHARED / "corpora" / "cz_calls_2026.jsonl.gz", "rt", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    records = {r["source_url"]: r for r in rows if r["source_id"] == "dotaceeu-vyzvy"}
    praut = json.loads((SHARED / "sources" / "dotaceeu" / "praut_dotaceeu_detail_text_records.json").read_text())
    records.update({r["source_url"]: r for r in praut["items"]})
    return records


def _find(records: dict[str, dict], key: str) -> dict:
    return next(r for r in records.values() if key in r["text"][:400])


OPTAK_MORE = "https://apiagentura.gov.cz/cs/podporovane-aktivity-optak/"
# (text key, "Více informací na" URL (RECON: the texts only name the link), listing tag)
FIXTURE_CALLS = [
    (
        "12_26_050",
        "https://www.mvcr.cz/fondyeu/clanek/50-vyzva-op-amif-podpora-poskytovani-informaci-cizincum-ii.aspx",
        "OP AMIF",
        "detail_12_26_050.html",
    ),
    (
        "13_26_015",
        "https://www.mvcr.cz/fondyeu/clanek/15-vyzva-op-fvb-specificka-akce-siena.aspx",
        "OP FVB",
        "detail_13_26_015.html",
    ),
    ("14_26_021", None, "OP NSHV", "detail_14_26_021.html"),
    ("01_26_091", OPTAK_MORE + "poradenstvi/poradenstvi-vyzva-iii/", "OP TAK", "detail_01_26_091.html"),
    ("12_26_052", None, "OP AMIF", "detail_12_26_052.html"),
    ("FuseNet Call", "https://www.fusenet.eu/mini-workshops", "Program EURATOM", "detail_fusenet.html"),
]
OP_TAK = "Operační program Technologie a aplikace pro konkurenceschopnost"
# Calls not among the REAL texts, written in the same visible-text form (values as the other sources' demos).
RECON_TEXTS = [
    (
        f"{DOTACEEU}/Jak-ziskat-dotaci/Vyzvy/Obdobi-2021-2027/01-Operacni-program-Technologie-a-aplikace-pro-kon/"
        "Inovacni-vouchery-vyzva-IV",
        "Všechny výzvy Inovační vouchery – výzva IV Číslo výzvy: 01_26_080 Druh výzvy: Průběžná Programové období: "
        f"2021-2027 Operační program: {OP_TAK} Prioritní osa: Rozvoj výzkumu, vývoje a inovací Oprávnění žadatelé: "
        "malé a střední podniky (MSP) Zpřístupnění žádosti o podporu: 15. 7. 2026 Přidat do svého kalendáře Zahájení "
        "příjmu žádostí: 1. 8. 2026 Přidat do svého kalendáře Ukončení příjmu žádostí: 30. 4. 2027 Přidat do svého "
        "kalendáře Více informací na: Na tomto webovém odkazu Stav výzvy: Otevřená Informace o výzvě Aktuality "
        "01.07.2026 Změna stavu: na Rozpracovaná 01.07.2026 Změna kódu stavu: na VP20 01.07.2026 Změna cílů: na "
        "Inovační vouchery – nákup služeb výzkumných organizací (testování, měření, optické a laserové zkoušky, "
        "prototypy) malými a středními podniky 01.07.2026 Změna cílů: na Rozvoj výzkumu, vývoje a inovací "
        "01.07.2026 Změna alokace v korunách: na 200000000 15.07.2026 Změna stavu: na Vyhlášená 15.07.2026 Změna "
        "kódu stavu: na VP30 01.08.2026 Změna stavu: na Otevřená 01.08.2026 Změna kódu stavu: na VP31",
        OPTAK_MORE + "inovacni-vouchery/inovacni-vouchery-vyzva-iv/",
        "OP TAK",
    ),
    (
        f"{DOTACEEU}/Jak-ziskat-dotaci/Vyzvy/Obdobi-2021-2027/01-Operacni-program-Technologie-a-aplikace-pro-kon/"
        "STEP-vyzkum-a-vyvoj-kritickych-technologii",
        "Všechny výzvy STEP – výzkum a vývoj kritických technologií Číslo výzvy: 01_26_074 Druh výzvy: Kolová "
        f"Programové období: 2021-2027 Operační program: {OP_TAK} Prioritní osa: Rozvoj výzkumu, vývoje a inovací "
        "Oprávnění žadatelé: podniky všech velikostí, výzkumné organizace v účinné spolupráci Zpřístupnění žádosti o "
        "podporu: 2. 6. 2026 Přidat do svého kalendáře Zahájení příjmu žádostí: 1. 7. 2026 Přidat do svého kalendáře "
        "Ukončení příjmu žádostí: 31. 12. 2026 Přidat do svého kalendáře Více informací na: Na tomto webovém odkazu "
        "Stav výzvy: Otevřená Informace o výzvě Aktuality 02.06.2026 Změna stavu: na Vyhlášená 02.06.2026 Změna "
        "cílů: na Výzkum a vývoj kritických technologií platformy STEP: digitální a hluboké technologie včetně "
        "mikroelektroniky, fotoniky a pokročilých materiálů 02.06.2026 Změna cílů: na Rozvoj výzkumu, vývoje a "
        "inovací 02.06.2026 Změna alokace v korunách: na 5632256725 01.07.2026 Změna stavu: na Otevřená",
        OPTAK_MORE + "step/step-vyzkum-a-vyvoj/",
        "OP TAK",
    ),
    (
        f"{DOTACEEU}/Jak-ziskat-dotaci/Vyzvy/Obdobi-2021-2027/02-Operacni-program-Jan-Amos-Komensky/Vyzva-c-02_26_048",
        "Všechny výzvy Výzva č. 02_26_048 Excelentní výzkum II Číslo výzvy: 02_26_048 Druh výzvy: Kolová Programové "
        "období: 2021-2027 Operační program: Operační program Jan Amos Komenský Prioritní osa: Výzkum a vývoj "
        "Oprávnění žadatelé: výzkumné organizace, veřejné vysoké školy Zpřístupnění žádosti o podporu: 15. 1. 2027 "
        "Přidat do svého kalendáře Zahájení příjmu žádostí: 15. 1. 2027 Přidat do svého kalendáře Ukončení příjmu "
        "žádostí: 31. 5. 2027 Přidat do svého kalendáře Více informací na: Na tomto webovém odkazu Stav výzvy: "
        "Plánovaná Informace o výzvě Aktuality 10.11.2026 Změna stavu: na Plánovaná 10.11.2026 Změna cílů: na "
        "Excelentní výzkum v prioritních oblastech včetně fotoniky, laserových technologií a pokročilé mikroskopie "
        "10.11.2026 Změna alokace v korunách: na 2000000000",
        "https://opjak.cz/vyzvy/vyzva-c-02_26_048-excelentni-vyzkum-ii/",
        "OP JAK",
    ),
    (
        f"{DOTACEEU}/Jak-ziskat-dotaci/Vyzvy/Unijni-programy/Digital-enablers-and-building-blocks-for-Earth-(2)",
        "Všechny výzvy Digital enablers and building blocks for collaborative Earth Observation and Satellite "
        "telecommunications for Space solutions (Space Partnership) Programové období: 2021-2027 Operační program: "
        "Horizont Evropa Zahájení příjmu žádostí: 12. 5. 2027 Přidat do svého kalendáře Ukončení příjmu žádostí: "
        "2. 9. 2027 Přidat do svého kalendáře Více informací na: Na tomto webovém odkazu Stav výzvy: Plánovaná",
        "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/topic-details/"
        "HORIZON-CL4-2027-SPACE-03-33",
        "Horizont Evropa",
    ),
    (
        f"{DOTACEEU}/Jak-ziskat-dotaci/Vyzvy/Unijni-programy/Key-enabling-technologies-for-fusion-power-plants",
        "Všechny výzvy Key enabling technologies for fusion power plants (European Partnership on Fusion Energy) "
        "Programové období: 2021-2027 Operační program: Program EURATOM pro výzkum a odbornou přípravu Zahájení "
        "příjmu žádostí: 20. 5. 2027 Přidat do svého kalendáře Ukončení příjmu žádostí: 4. 11. 2027 Přidat do svého "
        "kalendáře Více informací na: Na tomto webovém odkazu Stav výzvy: Plánovaná",
        "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/topic-details/"
        "HORIZON-EURATOM-2027-02-01",
        "Program EURATOM",
    ),
]
# REAL texts in the demo: (key, more URL, tag)
DEMO_REAL = [
    ("01_26_091", OPTAK_MORE + "poradenstvi/poradenstvi-vyzva-iii/", "OP TAK"),
    ("01_26_086", OPTAK_MORE + "technologie-pro-mas/technologie-pro-mas-clld-vyzva-ii/", "OP TAK"),
    ("01_26_093", OPTAK_MORE + "technologie-pro-mas/technologie-pro-mas-clld-vyzva-ii/", "OP TAK"),
    ("04_26_045", "https://www.opd.cz/vyzvy/vyzva-09-infrastruktura-pro-alternativni-paliva", "OPD"),
    ("06_24_116", "https://irop.gov.cz/cs/vyzvy-2021-2027/vyzvy/116vyzvairop", "IROP"),
    ("12_26_050", FIXTURE_CALLS[0][1], "OP AMIF"),
    ("13_26_015", FIXTURE_CALLS[1][1], "OP FVB"),
    ("FuseNet Call", "https://www.fusenet.eu/mini-workshops", "Program EURATOM"),
]


def build_dotaceeu_fixtures(root: Path = FIXTURES) -> None:
    records = _real_texts()
    root.mkdir(parents=True, exist_ok=True)
    entries, items = [], []
    for key, more, tag, name in FIXTURE_CALLS:
        record = _find(records, key)
        title, fields, log = split_text(record["text"])
        (root / name).write_text(dotaceeu_detail(title, fields, log, more), encoding="utf-8")
        items.append(dotaceeu_item(record["source_url"], title, fields, tag))
        entries.append(
            {
                "path": name,
                "sourceUrl": record["source_url"],
                "capturedAt": CAPTURED,
                "origin": "REAL-DERIVED",
                "basedOn": "the visible page text of this URL in EmperorKunDis/dotace.praut.cz data.js "
                "(shared/data/sources/dotaceeu/, corpora/cz_calls_2026), put back into the "
                "portal's label/value markup; the 'Více informací na' URL is RECON",
            }
        )
    (root / "listing.html").write_text(dotaceeu_listing(items), encoding="utf-8")
    (root / "listing_postback.html").write_text(dotaceeu_listing([]), encoding="utf-8")
    changed = (root / "detail_12_26_050.html").read_text(encoding="utf-8")
    for label in ("Stav výzvy", "Operační program", "Číslo výzvy"):
        changed = changed.replace(f'<span class="label">{label}:</span>', '<span class="icon"></span>')
    (root / "detail_changed.html").write_text(changed, encoding="utf-8")
    manifest = {
        "source": "dotaceeu",
        "note": "Detail pages are REAL-DERIVED: real visible text of the live pages (captured 2026-09-14 by "
        "EmperorKunDis/dotace.praut.cz) put back into label/value markup by "
        "grantradar/demo/build_olkraj_jmk_dotaceeu.py; the raw HTML was not available. Truncated change "
        "logs lose their last, cut-off entry.",
        "files": [
            {
                "path": "listing.html",
                "sourceUrl": f"{DOTACEEU}/cs/jak-ziskat-dotaci/vyzvy",
                "capturedAt": CAPTURED,
                "origin": "RECON",
                "basedOn": "the listing markup seen by public parsers (li.js-ajax-item, span.tag.blue "
                "status, a.tag.yellow OP, a > h3, 'Termín pro podání žádosti: '; the .js-more-vyzvy postback button) "
                "with the six calls below",
            },
            {
                "path": "listing_postback.html",
                "sourceUrl": f"{DOTACEEU}/cs/jak-ziskat-dotaci/vyzvy",
                "capturedAt": CAPTURED,
                "origin": "RECON",
                "basedOn": "listing.html without static items ('0 static hrefs, postback only'): negative case",
            },
            *entries,
            {
                "path": "detail_changed.html",
                "sourceUrl": entries[0]["sourceUrl"],
                "capturedAt": CAPTURED,
                "origin": "RECON",
                "basedOn": "detail_12_26_050.html with the labels Číslo výzvy, Operační program and "
                "Stav výzvy replaced by icons (negative case)",
            },
        ],
    }
    (root / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def build_dotaceeu_snapshot(root: Path) -> int:
    records = _real_texts()
    pages: list[tuple[str, str, str | None, str]] = []
    for key, more, tag in DEMO_REAL:
        record = _find(records, key)
        pages.append((record["source_url"], record["text"], more, tag))
    pages += RECON_TEXTS
    items = []
    for url, text, more, tag in pages:
        title, fields, log = split_text(text)
        write(root, url, dotaceeu_detail(title, fields, log, more))
        items.append(dotaceeu_item(url, title, fields, tag))
    write(root, f"{DOTACEEU}/cs/jak-ziskat-dotaci/vyzvy", dotaceeu_listing(items))
    return len(pages)


# ------------------------------------------------------------------------------------------------ olkraj

OLKRAJ = "https://www.olkraj.cz"
OLKRAJ_YEAR = 2026
RAP_NOTE = (
    "Žadatelé vyplní a odešlou svou žádost v systému RAP, včetně povinných příloh, a ve stanovené lhůtě ji "
    "doručí poskytovateli elektronicky datovou schránkou (ID: qiabfmf) nebo na podatelnu Krajského úřadu "
    "Olomouckého kraje, Jeremenkova 1191/40a, 779 00 Olomouc."
)
# (list, area, code, name, slug window, table window, annotation, eligibility text or None (a PDF), upload id)
OLKRAJ_PROGRAMMES = [
    (
        "current",
        "Podnikání, věda a inovace",
        "03_02",
        "Podpora inovací a transferu technologií v Olomouckém kraji 2027",
        "15-11-15-12-2026",
        "15.11. - 15.12.2026 do 12:00",
        "Dotace na spolupráci malých a středních podniků s výzkumnými organizacemi Olomouckého kraje (např. optika, "
        "fotonika, jemná mechanika, laserové technologie): inovační vouchery na měření, testování a vývoj prototypů.",
        "malé a střední podniky se sídlem nebo provozovnou v Olomouckém kraji",
        371,
    ),
    (
        "current",
        "Sport a tělovýchova",
        "06_07",
        "Program na podporu výstavby a rekonstrukcí sportovních zařízení v obcích Olomouckého kraje v roce 2027",
        "5-1-16-1-2027",
        "5.1. - 16.1.2027 do 12:00",
        "Investiční dotace na výstavbu a rekonstrukce sportovních zařízení v obcích Olomouckého kraje.",
        None,
        372,
    ),
    (
        "current",
        "Cestovní ruch a regionální rozvoj",
        "12_01_04",
        "Podpora rozvoje cestovního ruchu",
        "1-2-28-2-2027",
        "1. 2. - 28. 2. 2027",
        "Z dotačního titulu 12_01_04_Podpora rozvoje cestovního ruchu lze žádat o finanční podporu aktivit v oblasti "
        "budování, rekonstrukce a opravy infrastruktury cestovního ruchu s cílem zlepšit kvalitu a nabídku cestovního "
        "ruchu v Olomouckém kraji, zlepšit její dostupnost a zvýšit její atraktivitu.",
        "obce, svazky obcí, spolky a obecně prospěšné společnosti se sídlem v Olomouckém kraji",
        373,
    ),
    (
        "current",
        "Cestovní ruch a regionální rozvoj",
        "09_01",
        "Program obnovy venkova Olomouckého kraje 2027",
        "4-1-2027-13-2-2027",
        "4. 1. 2027 – 13. 2. 2027 do 12:00",
        "Podpora obnovy a rozvoje venkovských obcí Olomouckého kraje do 3 000 obyvatel: místní komunikace, veřejná "
        "prostranství, občanská vybavenost.",
        "obce Olomouckého kraje do 3 000 obyvatel",
        374,
    ),
    (
        "current",
        "Školství a mládež",
        "10_04",
        "Stipendijní program Olomouckého kraje 2027",
        "1-12-2026-31-1-2027",
        "viz Pravidla dotačního programu, čl. 7",
        "Stipendia pro studenty vysokých škol z Olomouckého kraje studující technické a přírodovědné obory, včetně "
        "optiky a optoelektroniky.",
        "studenti – fyzické osoby s trvalým pobytem v Olomouckém kraji",
        375,
    ),
    (
        "current",
        "Kultura a památková péče",
        "01_01",
        "Individuální dotace v oblasti kultury 2026",
        "2-1-31-10-2026",
        "2.1. - 31.10.2026",
        "Individuální dotace na kulturní akce a činnost, které nelze podpořit z vyhlášených dotačních programů.",
        "fyzické a právnické osoby, spolky, obce",
        360,
    ),
    (
        "closed",
        "Školství a mládež",
        "04_05",
        "Příspěvky na obědy do škol",
        "5-1-2026-30-1-2026",
        "5. 1. 2026 – 30. 1. 2026 do 14:00",
        "Příspěvky na stravování žáků základních škol v Olomouckém kraji ze sociálně slabých rodin.",
        "základní školy a školská zařízení zřizovaná obcemi nebo Olomouckým krajem",
        330,
    ),
    (
        "closed",
        "Životní prostředí a zemědělství",
        "11_03",
        "Program na podporu aktivit v oblasti životního prostředí a zemědělství 2026",
        "6-2-27-2-2026",
        "6.2. - 27.2.2026 do 12:00",
        "Podpora propagačních, vzdělávacích a osvětových akcí zaměřených na tématiku životního prostředí a "
        "zemědělství a aktivit přispívajících k zachování různorodosti přírody a krajiny.",
        "spolky, obecně prospěšné společnosti, obce a příspěvkové organizace",
        341,
    ),
]


def _slugify(text: str) -> str:
    table = str.maketrans("áčďéěíňóřšťúůýžÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ", "acdeeinorstuuyzACDEEINORSTUUYZ")
    return re.sub(r"[^a-z0-9]+", "-", text.translate(table).lower()).strip("-")


def olkraj_url(code: str, name: str, window: str) -> str:
    slug = f"{code.replace('_', '-')}-{_slugify(name)[:80].strip('-')}-prijem-zadosti-{window}"
    return f"{OLKRAJ}/dotace-granty-prispevky-krajske-dotacni-programy-{OLKRAJ_YEAR}/{slug}"


def olkraj_page(title: str, breadcrumb: str, main: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="cs">
<head>
<meta charset="utf-8">
<title>{e(title)} | Olomoucký kraj</title>
<link rel="stylesheet" href="/css/main.css">
</head>
<body>
<header class="header">
  <a class="logo" href="/"><img src="/img/logo-olkraj.svg" alt="Olomoucký kraj"></a>
  <nav class="menu"><ul>
    <li><a href="/krajsky-urad">Krajský úřad</a></li>
    <li><a href="/dotace-granty-prispevky">Dotace, granty, příspěvky</a></li>
    <li><a href="/portal/">RAP – portál žadatele</a></li>
  </ul></nav>
</header>
<main class="content">
  <p class="breadcrumbs"><a href="/">Úvod</a> »
    <a href="/dotace-granty-prispevky-krajske-dotacni-programy-{OLKRAJ_YEAR}">Krajské dotační programy {OLKRAJ_YEAR}</a>
    » {e(breadcrumb)}</p>
{main}
</main>
<footer class="footer"><p>© Olomoucký kraj, Jeremenkova 1191/40a, 779 00 Olomouc ·
  <a href="mailto:posta@olkraj.cz">posta@olkraj.cz</a></p></footer>
</body>
</html>
"""


def olkraj_list(kind: str) -> str:
    rows, area = [], None
    for p in sorted((p for p in OLKRAJ_PROGRAMMES if p[0] == kind), key=lambda p: p[1]):
        _, this_area, code, name, window, *_ = p
        if this_area != area:
            rows.append(f"      <tr><th>{e(this_area)}</th></tr>")
            area = this_area
        href = olkraj_url(code, name, window).removeprefix(OLKRAJ)
        rows.append(f"""      <tr><td>
        <h3><strong>{e(code)} {e(name)}</strong></h3>
        <ul><li><a href="{e(href)}">informace o programu zde</a></li></ul>
      </td></tr>""")
    heading = "Aktuální dotační programy" if kind == "current" else "Ukončené dotační programy"
    main = f"""  <h1>{heading}</h1>
  <table class="table grants">
    <tbody>
{chr(10).join(rows)}
    </tbody>
  </table>"""
    return olkraj_page(heading, heading, main)


def olkraj_detail(p: tuple) -> str:
    _, _, code, name, _, window, annotation, eligibility, upload = p
    prefix = code.replace("_", "-")
    docs = f"/uploads/grant/{upload}/doc/{prefix}"
    eligible = (
        e(eligibility)
        if eligibility
        else (
            f'<a href="{docs}-okruh-opravnenych-zadatelu.pdf">'
            f"{e(code)}_Okruh oprávněných žadatelů v dotačním programu.pdf</a>"
        )
    )
    full = f"{code}_{name}"
    main = f"""  <h1>{e(full)}</h1>
  <table class="table grant-detail">
    <tbody>
      <tr><td>Název</td><td><h3>{e(full)}</h3></td></tr>
      <tr><td>Anotace</td><td><p>{e(annotation)}</p></td></tr>
      <tr><td>Termín příjmu žádostí</td><td>{e(window)}</td></tr>
      <tr><td>Oprávnění žadatelé</td><td>{eligible}</td></tr>
      <tr><td>Pravidla</td><td><a href="{docs}-pravidla-dotacniho-programu.pdf">
        {e(code)}_Pravidla dotačního programu.pdf</a></td></tr>
      <tr><td>Žádost vzor</td><td><a href="{docs}-vzor-zadosti.pdf">
        {e(code)}_Vzor žádosti v dotačním programu.pdf</a></td></tr>
      <tr><td>RAP – podání žádosti</td><td><a href="https://www.olkraj.cz/portal/">RAP</a></td></tr>
      <tr><td>Způsob podání žádosti</td><td>{RAP_NOTE}</td></tr>
    </tbody>
  </table>"""
    return olkraj_page(full, full, main)


def build_olkraj_snapshot(root: Path) -> int:
    base = f"{OLKRAJ}/dotace-granty-prispevky-krajske-dotacni-programy-{OLKRAJ_YEAR}"
    write(root, f"{base}/aktualni-dotacni-programy", olkraj_list("current"))
    write(root, f"{base}/ukoncene-dotacni-programy", olkraj_list("closed"))
    for p in OLKRAJ_PROGRAMMES:
        write(root, olkraj_url(p[2], p[3], p[4]), olkraj_detail(p))
    return len(OLKRAJ_PROGRAMMES)


# ------------------------------------------------------------------------------------------------ jmk

JMK = "https://dotace.kr-jihomoravsky.cz"
JMK_FOLDERS = {
    757: "Regionální rozvoj",
    761: "Vzdělávání, sport a volný čas",
    770: "Věda, výzkum a inovace",
    764: "Sociální oblast a zdravotnictví",
}
# (folder, id, title, approved, resolution, budget, purpose, window, recipients, min, max, cofinancing)
JMK_GRANTS = [
    (
        770,
        24412,
        "Podpora spolupráce výzkumných organizací a podniků v Jihomoravském kraji 2027",
        "20.10.2026",
        "4102/26/R68",
        "12 000 000 Kč",
        "Podpora společných projektů výzkumných organizací a malých a středních "
        "podniků v Jihomoravském kraji, zejména v oblastech fotoniky, optiky, elektronové mikroskopie a pokročilých "
        "materiálů.",
        "od 01.12.2026 od 8:00 do 29.01.2027 do 12:00 hod.",
        "malé a střední podniky a výzkumné organizace se sídlem nebo provozovnou v Jihomoravském kraji",
        "300.000,- Kč",
        "1.500.000,- Kč",
        "50 %",
    ),
    (
        770,
        24418,
        "Podpora inovačního podnikání a start-upů v Jihomoravském kraji 2027",
        "20.10.2026",
        "4103/26/R68",
        "8 000 000 Kč",
        "Podpora zavádění inovací, ověřování technologií a vstupu na trh u začínajících inovačních "
        "firem v Jihomoravském kraji (např. přístrojová technika, laserové a optické technologie, software).",
        "od 01.03.2027 od 8:00 do 30.04.2027 do 14:00 hod.",
        "malé podniky a start-upy se sídlem v Jihomoravském kraji, založené nejdříve před 5 lety",
        "100.000,- Kč",
        "800.000,- Kč",
        "30 %",
    ),
    (
        757,
        24390,
        "Rozvoj turistické infrastruktury Jihomoravského kraje 2027",
        "15.09.2026",
        "3980/26/R64",
        "16 000 000 Kč",
        "Podpora budování a obnovy turistické infrastruktury (cyklostezky, naučné stezky, odpočívky, "
        "rozhledny) v Jihomoravském kraji.",
        "od 11.01.2027 od 8:00 do 26.02.2027 do 14:00 hod.",
        "obce, svazky obcí a spolky působící v cestovním ruchu",
        "100.000,- Kč",
        "2.000.000,- Kč",
        "40 %",
    ),
    (
        757,
        24084,
        "Rozvoj turistické infrastruktury Jihomoravského kraje 2026",
        "28.05.2026",
        "3706/26/R54",
        "16 000 000 Kč",
        "Podpora turistické infrastruktury.",
        "od 30.06.2026 od 8:00 do 10.08.2026 do 14:00 hod.",
        "obce, svazky obcí a spolky působící v cestovním ruchu",
        "100.000,- Kč",
        "2.000.000,- Kč",
        "40 %",
    ),
    (
        761,
        24209,
        "Podpora individuálních sportovců v Jihomoravském kraji 2026-2027",
        "11.06.2026",
        "3815/26/R56",
        "5 000 000 Kč",
        "Podpora sportovní přípravy talentovaných individuálních sportovců s trvalým pobytem v Jihomoravském kraji.",
        "od 01.09.2026 od 8:00 do 30.09.2026 do 14:00 hod.",
        "fyzické osoby – sportovci s trvalým pobytem v Jihomoravském kraji",
        "20.000,- Kč",
        "150.000,- Kč",
        "0 %",
    ),
    (
        764,
        24401,
        "Podpora sociálních služeb a prevence v Jihomoravském kraji 2027",
        "15.09.2026",
        "3981/26/R64",
        "25 000 000 Kč",
        "Podpora poskytovatelů sociálních služeb a programů primární prevence rizikového chování.",
        "od 16.11.2026 od 8:00 do 15.12.2026 do 14:00 hod.",
        "nestátní neziskové organizace, obce a jejich příspěvkové organizace poskytující sociální služby",
        "50.000,- Kč",
        "1.000.000,- Kč",
        "10 %",
    ),
]


def jmk_url(kind: str, ident: int, name: str) -> str:
    table = str.maketrans("áčďéěíňóřšťúůýžÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ", "acdeeinorstuuyzACDEEINORSTUUYZ")
    words = re.sub(r"[^A-Za-z0-9 -]+", "", name.translate(table)).split()
    number = 1 if kind == "Folders" else 506
    return f"{JMK}/{kind}/{ident}-{number}-{quote('+'.join(words))}.aspx"


def jmk_page(title: str, action: str, main: str) -> str:
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="cs">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{e(title)} - Dotační portál Jihomoravského kraje</title>
<link href="/App_Themes/Default/style.css" type="text/css" rel="stylesheet" /></head>
<body>
<form name="aspnetForm" method="post" action="{e(action)}" id="aspnetForm">
<div><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE"
  value="/wEPDwUKMTY1NDU2MTA1MmRkZr3Xa9yA1lq2pC4I0y0w4N0Bv5o=" /></div>
<div id="header"><a href="/Oblasti.aspx"><img src="/Images/logo_jmk.png" alt="Jihomoravský kraj" /></a>
<ul id="menu"><li><a href="/Oblasti.aspx">Dotační oblasti</a></li><li><a href="/Aktuality.aspx">Aktuality</a></li>
<li><a href="/Kontakty.aspx">Kontakty</a></li></ul></div>
<div id="content">
{main}
</div>
<div id="footer">© Jihomoravský kraj, Žerotínovo náměstí 449/3, 601 82 Brno</div>
</form>
</body>
</html>
"""


def jmk_grant(g: tuple) -> str:
    _folder, ident, title, approved, resolution, budget, purpose, window, recipients, low, high, cofin = g
    pairs = [
        ("Datum schválení", approved),
        ("Číslo usnesení", resolution),
        ("Objem finančních prostředků vyčleněných na program", budget),
        ("Cíl/učel programu", purpose),
        ("Příjem žádostí", window),
        ("Územní lokalizace programu", "Jihomoravský kraj"),
        ("Příjemci podpory", recipients),
        ("Minimální výše podpory na jeden projekt/akci/činnost", low),
        ("Maximální výše podpory na jeden projekt/akci/činnost", high),
        ("Minimální podíl spoluúčasti žadatele", cofin),
    ]
    # The portal's markup varies between programmes: alternate between its two most common forms.
    if ident % 2:
        body = "\n".join(f"<tr><th><b>{e(k)}</b></th><td>{e(v)}</td></tr>" for k, v in pairs)
        body = f'<table class="grantDetail" cellspacing="0">\n{body}\n</table>'
    else:
        body = "\n".join(f"<p>{e(k)}: {e(v)}</p>" for k, v in pairs)
        body = f'<div id="ctl00_ContentPlaceHolder1_pnlDetail" class="detail">\n{body}\n</div>'
    docs = f"/Documents/{ident}"
    main = f"""<h1>{e(title)}</h1>
{body}
<h3>Dokumenty ke stažení:</h3>
<ul class="docs">
<li><a href="{docs}/Dotacni-program.pdf">Dotační program – pravidla.pdf</a></li>
<li><a href="{docs}/Zadost.fo">Žádost o finanční podporu.fo</a></li>
<li><a href="{docs}/Rozpocet.xlsx">Rozpočet projektu.xlsx</a></li>
</ul>"""
    return jmk_page(title, "./" + jmk_url("Grants", ident, title).rsplit("/", 1)[-1], main)


def build_jmk_snapshot(root: Path) -> int:
    rows = "\n".join(
        f'<tr><td><a href="{e(jmk_url("Folders", fid, name).removeprefix(JMK))}">{e(name)}</a></td>'
        f"<td>{sum(1 for g in JMK_GRANTS if g[0] == fid)}</td></tr>"
        for fid, name in JMK_FOLDERS.items()
    )
    write(
        root,
        f"{JMK}/Oblasti.aspx",
        jmk_page(
            "Dotační oblasti",
            "./Oblasti.aspx",
            f"""<h1>Dotační oblasti</h1>
<table id="ctl00_ContentPlaceHolder1_gvOblasti" class="grid">
<tr><th scope="col">Oblast</th><th scope="col">Počet programů</th></tr>
{rows}
</table>""",
        ),
    )
    for fid, name in JMK_FOLDERS.items():
        links = "\n".join(
            f'<li><a href="{e(jmk_url("Grants", g[1], g[2]).removeprefix(JMK))}">{e(g[2])}</a></li>'
            for g in JMK_GRANTS
            if g[0] == fid
        )
        url = jmk_url("Folders", fid, name)
        write(
            root,
            url,
            jmk_page(name, "./" + url.rsplit("/", 1)[-1], f'<h1>{e(name)}</h1>\n<ul class="grants">\n{links}\n</ul>'),
        )
    for g in JMK_GRANTS:
        write(root, jmk_url("Grants", g[1], g[2]), jmk_grant(g))
    return len(JMK_GRANTS)


def build_snapshot(root: Path = DEFAULT_SNAPSHOT) -> dict[str, int]:
    return {
        "olkraj": build_olkraj_snapshot(root),
        "jmk": build_jmk_snapshot(root),
        "dotaceeu": build_dotaceeu_snapshot(root),
    }


def main(argv: list[str]) -> int:
    counts = build_snapshot()
    build_dotaceeu_fixtures()
    print("demo pages:", ", ".join(f"{k} {v}" for k, v in counts.items()), "; fixtures: tests/files/dotaceeu")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
