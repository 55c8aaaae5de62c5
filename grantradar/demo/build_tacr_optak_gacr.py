"""Build the demo snapshot pages (and the test fixture pages) of tacr.gov.cz, apiagentura.gov.cz and gacr.cz.

No raw HTML of these sites could be fetched offline, so the pages are rendered here in the structure SOURCES.md
§3, §6 and §7 describes (labels, headings, prose forms), filled with real values:
- TA ČR: the three competitions of shared/data/sources/tacr/ (SIGMA 18 DC1, FOREST Call 2026, Biodiversa+
  Call 2026: infobox values, windows, quotes, the percent-encoded SIGMA slug) and programme names, labels and
  descriptions from shared/data/corpora/cz_calls_2026 (tacr-souteze); three further competitions (SIGMA DC4
  Seal of Excellence, M-ERA.NET Call 2027 with a photonics topic, Eurostars Call 12) have realistic values
  that are NOT from the source (marked RECON below).
- OP TAK: calls of cz_calls_2026 (source api-agentura-optak) and cz_grant_signals_2026 with their real dates
  and amounts; the section texts follow the REAL page text of "Inovační vouchery – výzva II"; call codes where
  known (Poradenství III 01_26_091, Technologie pro MAS II 01_26_086/093 from dotaceeu records), the others
  aligned with the MS2021+ demo file.
- GA ČR: the two calls of cz_calls_2026 (source gacr) verbatim, and two RECON bilateral calls with 2027 dates.

Run from the repository root: `python -m grantradar.demo.build_tacr_optak_gacr` (rewrites the snapshot pages of
these three hosts and tests/files/{tacr,optak,gacr}/). The output is committed; this script documents it.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from urllib.parse import quote, urlsplit

from grantradar.mirror import DEFAULT_SNAPSHOT, snapshot_path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "files"


def e(text: str) -> str:
    return escape(text, quote=True)


def upload(host: str, path: str) -> str:
    """An uploads URL with its file name percent-encoded as WordPress serves it."""
    return f"https://{host}" + quote(path, safe="/-_.")


# =============================================================================================== TA ČR

TACR = "tacr.gov.cz"

TACR_NAV = """<header class="header">
  <a class="header__logo" href="https://tacr.gov.cz/">Technologická agentura ČR</a>
  <nav class="main-nav" aria-label="Hlavní menu"><ul>
    <li><a href="https://tacr.gov.cz/">Úvodní stránka</a></li>
    <li><a href="https://tacr.gov.cz/programy-a-souteze/">Programy a soutěže</a></li>
    <li><a href="https://tacr.gov.cz/metodicka-podpora/">Metodická podpora</a></li>
    <li><a href="https://tacr.gov.cz/vysledky-a-vystupy/">Výsledky a výstupy</a></li>
    <li><a href="https://tacr.gov.cz/o-nas/">O nás</a></li>
    <li><a href="https://tacr.gov.cz/kontakty/">Kontakty</a></li>
    <li><a href="https://sista.tacr.cz/">SISTA</a></li>
  </ul></nav>
</header>"""

TACR_FOOTER = """<footer class="footer"><p>Technologická agentura České republiky, Evropská 1692/37, 160 00 Praha 6</p>
<p>Datová schránka: afth8zh · Tel.: +420 234 611 111</p></footer>"""


def tacr_page(title: str, main: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="cs-CZ">
<head><meta charset="UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)} - Technologická agentura ČR</title>
<link rel="alternate" type="application/rss+xml" title="Technologická agentura ČR &raquo; Kanál" href="https://tacr.gov.cz/feed/">
</head>
<body class="wp-theme-tacr">
{TACR_NAV}
<main id="main" class="site-main">
{main}
</main>
{TACR_FOOTER}
</body>
</html>
"""


@dataclass
class Competition:
    path: str  # as the site writes it in links (percent-escapes verbatim)
    program_label: str
    program_path: str
    h1: str
    results: str
    allocation: str
    allocation_note: str
    grant_max: str
    intensity: str
    applicants: str
    window: str
    prose: list[str]
    documents: list[tuple[str, str]]
    origin: str
    based_on: str
    timing: list[str] = field(default_factory=list)


SISTA_TIMING = (
    "Soutěžní lhůta začíná dnem {start} v {start_time} hodin a končí dnem {end} v níže uvedené hodiny:",
    "{end_time} hod. – je nejzazší možný okamžik pro podání návrhu projektu prostřednictvím informačního "
    "systému SISTA;",
    "23:59:59 hod. – je nejzazší možný okamžik pro zaslání dokladů k prokázání způsobilosti.",
)


def sista_timing(start: str, start_time: str, end: str, end_time: str) -> list[str]:
    return [line.format(start=start, start_time=start_time, end=end, end_time=end_time) for line in SISTA_TIMING]


SIGMA18_PATH = (
    "/soutez/program-sigma/osmnacta-verejna-soutez-%e2%81%a0%e2%81%a0%e2%81%a0%e2%81%a0%e2%81%a0%e2%81%a0"
    "-dilci-cil-1-podpora-komercializace-vavai/"
)

COMPETITIONS: list[Competition] = [
    Competition(
        path=SIGMA18_PATH,
        program_label="Program SIGMA",
        program_path="/program/program-sigma/",
        h1="Osmnáctá veřejná soutěž – Dílčí cíl 1: Podpora komercializace VaVaI+",
        results="31. 3. 2027",
        allocation="10 mil. Kč",
        allocation_note="Předpokládaná alokace pro tuto veřejnou soutěž se může měnit v závislosti na možnostech "
        "státního rozpočtu.",
        grant_max="730 000 Kč",
        intensity="70 %",
        applicants="Malý podnik",
        window="10. 9. 2026 - 27. 10. 2026",
        prose=[
            "Technologická agentura ČR vyhlásila dne 9. 9. 2026 osmnáctou veřejnou soutěž programu SIGMA, "
            "Dílčí cíl 1: Podpora komercializace VaVaI+.",
            "Veřejná soutěž programu SIGMA – DC1 je zaměřena na podporu komercializace průlomových deeptech "
            "inovačních řešení a podporu růstu malých podniků a start-upů se sídlem v České republice.",
            "Podpořeny budou studie proveditelnosti komercializace výsledků výzkumu a vývoje na úrovni TRL 4 a "
            "vyšší, s návazností na druhé kolo EIC Accelerator.",
            "Návrh projektu se předkládá prostřednictvím informačního systému SISTA.",
        ],
        timing=sista_timing("10. 9. 2026", "9:00", "27. 10. 2026", "16:29:59"),
        documents=[
            (
                "Zadávací dokumentace",
                "/wp-content/uploads/documents/2026/09/09/1788940800_Zadávací dokumentace SIGMA DC1 18. VS.pdf",
            ),
            ("Všeobecné podmínky v8", "/wp-content/uploads/documents/2026/09/09/1788940801_Všeobecné podmínky v8.pdf"),
            (
                "Příloha č. 1 – Hodnoticí proces",
                "/wp-content/uploads/documents/2026/09/09/1788940802_Příloha 1 Hodnoticí proces.pdf",
            ),
        ],
        origin="REAL-DERIVED",
        based_on="shared/data/sources/tacr/localproblems_tacr_calls_2026-09-18.jsonl (SIGMA 18 DC1: URL, infobox "
        "values, window, allocation quote); SISTA timing prose as quoted in SOURCES.md §3",
    ),
    Competition(
        path="/soutez/forest/call-2026-4/",
        program_label="FOREST",
        program_path="/program/forest/",
        h1="Call 2026",
        results="říjen 2027",
        allocation="500 000 EUR",
        allocation_note="Alokace pro české účastníky mezinárodní výzvy.",
        grant_max="170 000 EUR",
        intensity="80 %",
        applicants="výzkumná organizace, podnik, organizační složky státu",
        window="15. 9. 2026 - 2. 12. 2026",
        prose=[
            "Od 15. 9. 2026 je otevřena první mezinárodní výzva evropského Partnerství FOREST (Forests and "
            "Forestry for a Sustainable Future) – Call 2026.",
            "Výzva podporuje mezinárodní konsorcia v oblastech klimaticky odolných lesů, adaptivního "
            "hospodaření v lesích a produktů ze dřeva a materiálů na bázi dřeva.",
            "Celkový rozpočet výzvy je více než 40 milionů EUR včetně spolufinancování EU, do výzvy se zapojilo "
            "36 poskytovatelů z 27 zemí. Účast českých subjektů financuje TA ČR prostřednictvím programu SIGMA.",
            "Návrhy projektů se podávají v mezinárodním elektronickém systému výzvy; české subjekty podávají "
            "národní část návrhu projektu v informačním systému SISTA.",
        ],
        documents=[
            (
                "Zadávací dokumentace",
                "/wp-content/uploads/documents/2026/09/15/1789466400_Zadávací dokumentace FOREST Call 2026.pdf",
            ),
            (
                "Call text FOREST Call 2026",
                "/wp-content/uploads/documents/2026/09/15/1789466401_FOREST_Call_2026_call_text.pdf",
            ),
        ],
        origin="REAL-DERIVED",
        based_on="shared/data/sources/tacr/localproblems_tacr_calls_2026-09-18.jsonl (FOREST Call 2026: URL, "
        "infobox values, window, the 40 M EUR / 36 funders note)",
    ),
    Competition(
        path="/soutez/partnerstvi-pro-biodiverzitu/call-2026-3/",
        program_label="Partnerství pro biodiverzitu",
        program_path="/program/partnerstvi-pro-biodiverzitu/",
        h1="Call 2026",
        results="září 2027",
        allocation="1 000 000 EUR",
        allocation_note="Alokace pro české účastníky mezinárodní výzvy.",
        grant_max="170 000 EUR",
        intensity="80 %",
        applicants="výzkumná organizace, podnik, organizační složky státu",
        window="9. 9. 2026 - 10. 11. 2026",
        prose=[
            "Od 9. 9. 2026 je otevřena šestá a poslední mezinárodní výzva evropského Partnerství pro "
            "biodiverzitu Call 2026 (BiodivFuture).",
            "Výzva je zaměřena na výzkum nových ekosystémů a budoucnosti biodiverzity a na ochranu ekosystémů.",
        ],
        documents=[
            (
                "Zadávací dokumentace",
                "/wp-content/uploads/documents/2026/09/09/1788940900_Zadávací dokumentace Biodiversa Call 2026.pdf",
            ),
        ],
        origin="REAL-DERIVED",
        based_on="shared/data/sources/tacr/localproblems_tacr_calls_2026-09-18.jsonl (Biodiversa+ Call 2026: "
        "URL, infobox values, window, quote)",
    ),
    Competition(
        path="/soutez/program-sigma/ctvrta-narodni-vyzva-dilci-cil-4-seal-of-excellence-eic-accelerator-06-2026/",
        program_label="Program SIGMA",
        program_path="/program/program-sigma/",
        h1="Čtvrtá národní výzva - Dílčí cíl 4: Seal of Excellence - EIC Accelerator - 06/2026",
        results="duben 2027",
        allocation="100 mil. Kč",
        allocation_note="",
        grant_max="25 mil. Kč",
        intensity="70 %",
        applicants="malý a střední podnik s pečetí excelence (Seal of Excellence) EIC Accelerator",
        window="1. 10. 2026 - 29. 1. 2027",
        prose=[
            "Národní výzva podporuje projekty malých a středních podniků, které v uzávěrce EIC Accelerator "
            "06/2026 získaly pečeť excelence (Seal of Excellence), ale nebyly financovány z rozpočtu EU.",
            "Podporovány jsou inovační projekty deeptech podniků, např. v oblastech fotoniky, kvantových "
            "technologií, pokročilých materiálů a zdravotnických prostředků.",
        ],
        timing=sista_timing("1. 10. 2026", "10:00", "29. 1. 2027", "14:00:00"),
        documents=[
            (
                "Zadávací dokumentace",
                "/wp-content/uploads/documents/2026/09/30/1790748000_Zadávací dokumentace SIGMA DC4 SoE 06-2026.pdf",
            ),
            ("Všeobecné podmínky v8", "/wp-content/uploads/documents/2026/09/09/1788940801_Všeobecné podmínky v8.pdf"),
        ],
        origin="RECON",
        based_on="the competition name is real (tacr-souteze record 'Program SIGMA' in shared/data/corpora/"
        "cz_calls_2026, 'Běží lhůta' on 2026-09-14); infobox values and window are illustrative",
    ),
    Competition(
        path="/soutez/m-era-net/call-2027/",
        program_label="M-ERA.NET",
        program_path="/program/m-era-net/",
        h1="Call 2027",
        results="listopad 2027",
        allocation="700 000 EUR",
        allocation_note="Alokace pro české účastníky mezinárodní výzvy.",
        grant_max="250 000 EUR",
        intensity="80 %",
        applicants="výzkumné organizace, podniky",
        window="16. 11. 2026 - 16. 3. 2027",
        prose=[
            "Mezinárodní výzva sítě M-ERA.NET Call 2027 podporuje výzkum a inovace v oblasti materiálových "
            "věd a technologií.",
            "Témata výzvy: pokročilé materiály pro fotoniku a optoelektroniku (optické vrstvy, laserové "
            "materiály, materiály pro zobrazování), funkční povrchy a tenké vrstvy, materiály pro bateriové "
            "technologie a oběhové hospodářství materiálů.",
            "Návrhy projektů se podávají v elektronickém systému M-ERA.NET; české subjekty podávají národní "
            "část návrhu projektu v informačním systému SISTA.",
        ],
        timing=sista_timing("16. 11. 2026", "12:00", "16. 3. 2027", "12:00:00"),
        documents=[
            (
                "Zadávací dokumentace",
                "/wp-content/uploads/documents/2026/11/16/1794783600_Zadávací dokumentace M-ERA.NET Call 2027.pdf",
            ),
        ],
        origin="RECON",
        based_on="programme M-ERA.NET is real (tacr-souteze record in cz_calls_2026); the 2027 call, its "
        "photonics topic and values are illustrative",
    ),
    Competition(
        path="/soutez/partnerstvi-innovative-smes-eurostars/partnerstvi-eurostars-3-call-12/",
        program_label="Partnerství Innovative SMEs / Eurostars",
        program_path="/program/partnerstvi-innovative-smes-eurostars/",
        h1="Partnerství Eurostars 3 - Call 12",
        results="září 2027",
        allocation="500 000 EUR",
        allocation_note="Alokace pro české účastníky mezinárodní výzvy.",
        grant_max="250 000 EUR",
        intensity="80 %",
        applicants="malý a střední podnik (hlavní uchazeč), výzkumná organizace (další účastník)",
        window="15. 10. 2026 - 11. 3. 2027",
        prose=[
            "Výzva Eurostars podporuje mezinárodní projekty výzkumu a vývoje vedené inovativními malými a "
            "středními podniky. Hlavním uchazečem musí být MSP, výzkumné organizace se mohou zapojit jako "
            "další účastníci.",
        ],
        timing=sista_timing("15. 10. 2026", "9:00", "11. 3. 2027", "14:00:00"),
        documents=[
            (
                "Zadávací dokumentace",
                "/wp-content/uploads/documents/2026/10/15/1792015200_Zadávací dokumentace Eurostars Call 12.pdf",
            ),
        ],
        origin="RECON",
        based_on="Eurostars 3 Call 11 quote in shared/data/corpora/cz_grant_signals_2026 (allocation 500 000 EUR, "
        "max. 250 000 EUR, 80 %); Call 12 dates are illustrative",
    ),
]


def tacr_competition_html(c: Competition, *, layout: str = "normal") -> str:
    """A competition page; layout "changed" renames the infobox labels (the negative fixture)."""
    rows = [
        ("Termín vyhlášení výsledků", e(c.results)),
        ("Alokace", e(c.allocation) + (f"<small>{e(c.allocation_note)}</small>" if c.allocation_note else "")),
        ("Maximální výše podpory na projekt", e(c.grant_max)),
        ("Maximální intenzita podpory na projekt", e(c.intensity)),
        ("Uchazeči", e(c.applicants)),
        ("Lhůta pro podání návrhů projektů", e(c.window)),
    ]
    if layout == "changed":
        rows = [(f"Údaj {i + 1}", value) for i, (_, value) in enumerate(rows)]
    infobox = "\n".join(
        f'    <div class="infobox__row"><div class="infobox__label">{label}</div>'
        f'<div class="infobox__value">{value}</div></div>'
        for label, value in rows
    )
    prose = "\n".join(f"    <p>{e(p)}</p>" for p in c.prose)
    timing = ""
    if c.timing:
        timing = (
            f"    <p>{e(c.timing[0])}</p>\n    <ul>\n"
            + "".join(f"      <li>{e(line)}</li>\n" for line in c.timing[1:])
            + "    </ul>"
        )
    documents = "\n".join(
        f'      <li><a href="{e(upload(TACR, path))}">{e(title)}</a></li>' for title, path in c.documents
    )
    main = f"""  <nav class="breadcrumbs"><a href="https://tacr.gov.cz/">Úvodní stránka</a> /
    <a href="https://tacr.gov.cz/programy-a-souteze/">Programy a soutěže</a> /
    <a href="https://tacr.gov.cz{e(c.program_path)}">{e(c.program_label)}</a></nav>
  <article class="competition">
  <div class="competition__header">
    <h1>{e(c.h1)}</h1>
    <span class="label label--running">Běží lhůta pro podávání návrhů projektů</span>
  </div>
  <aside class="infobox">
    <h2>Základní informace</h2>
{infobox}
  </aside>
  <div class="competition__content wysiwyg">
    <h2>Informace o soutěži</h2>
{prose}
{timing}
  </div>
  <section class="documents">
    <h2>Dokumenty ke stažení</h2>
    <ul>
{documents}
    </ul>
  </section>
  </article>"""
    return tacr_page(f"{c.program_label}: {c.h1}", main)


@dataclass
class ProgrammeCard:
    path: str
    title: str
    label: str
    description: str


PROGRAMME_CARDS = [
    ProgrammeCard(
        "/program/partnerstvi-pro-biodiverzitu/",
        "Partnerství pro biodiverzitu",
        "Běží lhůta pro podávání návrhů projektů",
        "Podpora biodiverzity a ochrana ekosystémů",
    ),
    ProgrammeCard(
        "/program/forest/",
        "FOREST",
        "Běží lhůta pro podávání návrhů projektů",
        "Lesy a lesnictví pro udržitelnou budoucnost",
    ),
    ProgrammeCard(
        "/program/program-sigma/",
        "Program SIGMA",
        "Běží lhůta pro podávání návrhů projektů",
        "Komplexní nástroj podpory VaVaI napříč obory orientovaný na potřeby společnosti a hospodářství",
    ),
    ProgrammeCard(
        "/program/m-era-net/",
        "M-ERA.NET",
        "Běží lhůta pro podávání návrhů projektů",
        "Výzkum a inovace v oblasti materiálových věd a technologií",
    ),
    ProgrammeCard(
        "/program/partnerstvi-innovative-smes-eurostars/",
        "Partnerství Innovative SMEs / Eurostars",
        "Běží lhůta pro podávání návrhů projektů",
        "Mezinárodní projekty výzkumu a vývoje vedené MSP",
    ),
    ProgrammeCard(
        "/program/program-theta-2/",
        "Program THÉTA 2",
        "V přípravě",
        "Program na podporu aplikovaného výzkumu a inovací v oblasti energetiky a jaderné bezpečnosti",
    ),
    ProgrammeCard(
        "/program/program-trend/",
        "Program TREND",
        "V přípravě",
        "Výsledky s potenciálem pro konkurenceschopnost - nové produkty, výrobní postupy a služby - "
        "program Ministerstva průmyslu a obchodu",
    ),
    ProgrammeCard(
        "/program/water4all/", "Water4All", "Probíhá hodnocení návrhů projektů", "Udržitelné hospodaření s vodou"
    ),
    ProgrammeCard("/program/ramp/", "RAMP", "Uzavřen", "těžba, zpracování a recyklace nerostných surovin"),
    ProgrammeCard(
        "/program/program-beta3/",
        "Program BETA3",
        "Otevřen",
        "Program veřejných zakázek v aplikovaném výzkumu a inovacích pro potřeby státní správy",
    ),
]


def tacr_home_html(competitions: list[Competition], *, layout: str = "normal") -> str:
    items = "\n".join(
        f'      <li><a href="https://tacr.gov.cz{e(c.path)}"><span class="support-box__title">'
        f"{e(c.program_label)}: {e(c.h1)}</span> "
        f'<span class="label label--running">Běží lhůta pro podávání návrhů projektů</span></a></li>'
        for c in competitions
    )
    heading = "Aktuální možnosti podpory" if layout == "normal" else "Naše služby"
    main = f"""  <section class="hero"><h1>Technologická agentura ČR</h1>
    <p>Podporujeme aplikovaný výzkum, experimentální vývoj a inovace.</p></section>
  <section class="support-box">
    <div class="support-box__header"><h2>{heading}</h2></div>
    <ul class="support-box__list">
{items}
    </ul>
    <a class="btn" href="https://tacr.gov.cz/programy-a-souteze/">Všechny programy a soutěže</a>
  </section>
  <section class="news"><h2>Novinky</h2>
    <div class="posts__item"><a class="posts__title"
      href="https://tacr.gov.cz/partnerstvi-forest-call-2026-mezinarodni-vyzva-je-otevrena/">Partnerství FOREST
      Call 2026: Mezinárodní výzva je otevřená</a>
      <div class="posts__date">16. 9. 2026</div></div>
    <div class="posts__item"><a class="posts__title"
      href="https://tacr.gov.cz/program-doprava-2030-vyhlaseni-vysledku-formalni-kontroly/">Program DOPRAVA
      2030: Vyhlášení výsledků formální kontroly 4. veřejné soutěže</a>
      <div class="posts__date">24. 8. 2026</div></div>
  </section>"""
    return tacr_page("Technologická agentura ČR", main)


def tacr_programmes_html() -> str:
    cards = "\n".join(
        f'      <a class="program-card" href="https://tacr.gov.cz{e(p.path)}"><h3 class="program-card__title">'
        f'{e(p.title)}</h3><span class="label">{e(p.label)}</span><p>{e(p.description)}</p></a>'
        for p in PROGRAMME_CARDS
    )
    harmonogram = upload(
        TACR, "/wp-content/uploads/documents/2026/08/24/1787558076_260824_harmonogram vs_2026-2027_v2.pdf"
    )
    main = f"""  <h1>Programy a soutěže</h1>
  <p>Projděte si našeho průvodce pro uchazeče. Najdete zde pohromadě základní informace o všech aktuálních
  programech a mezinárodních výzvách.</p>
  <section class="support-box">
    <h2>Aktuální možnosti podpory</h2>
    <div class="program-cards">
{cards}
    </div>
    <a class="btn" href="https://tacr.gov.cz/programy/">Všechny programy</a>
  </section>
  <section class="harmonogram"><h2>Harmonogram VEŘEJNÝCH SOUTĚŽÍ</h2>
    <a href="{e(harmonogram)}">Harmonogram pro období 2026-2027 (PDF)</a></section>"""
    return tacr_page("Programy a soutěže", main)


TACR_LOGIN_HTML = """<!DOCTYPE html>
<html lang="cs"><head><meta charset="UTF-8"><title>Přihlášení</title></head>
<body><main><h1>Údržba webu</h1><p>Pro pokračování se přihlaste.</p>
<form method="post" action="/wp-login.php"><label>Uživatel <input name="log"></label>
<label>Heslo <input type="password" name="pwd"></label><button>Přihlásit</button></form></main></body></html>
"""

# =============================================================================================== OP TAK

API = "apiagentura.gov.cz"

API_NAV = """<header class="site-header">
  <a class="logo" href="https://apiagentura.gov.cz/cs/">Agentura pro podnikání a inovace</a>
  <nav class="menu" aria-label="Hlavní menu"><ul>
    <li><a href="https://apiagentura.gov.cz/cs/">Domů</a></li>
    <li><a href="https://apiagentura.gov.cz/cs/radce/vsechny-vyzvy/">OP TAK Výzvy</a></li>
    <li><a href="https://apiagentura.gov.cz/cs/podporovane-aktivity-optak/">Podporované aktivity</a></li>
    <li><a href="https://apiagentura.gov.cz/cs/metodika/">Metodika</a></li>
    <li><a href="https://apiagentura.gov.cz/cs/faq/">FAQ</a></li>
    <li><a href="https://apiagentura.gov.cz/cs/kontakty/">Kontakty</a></li>
  </ul></nav>
</header>"""


def api_page(title: str, main: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="cs">
<head><meta charset="UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)} | Agentura API</title></head>
<body class="page">
{API_NAV}
<main id="content" class="site-content">
{main}
</main>
<footer class="site-footer"><p>Agentura pro podnikání a inovace, Štěpánská 567/15, 120 00 Praha 2</p></footer>
</body>
</html>
"""


@dataclass
class OptakCall:
    path: str
    title: str
    focus: str
    announced: str
    opens: str
    closes: str
    table: str  # "open" or "closed": where the listing puts it
    status_heading: str
    code: str | None
    allocation: str | None
    goal: str
    activities: list[str]
    applicants: list[str]
    collection: str
    amounts: list[str]
    rate: list[str]
    costs: list[str]
    limits: list[str]
    files: list[tuple[str, str]]
    origin: str
    based_on: str
    notice: str | None = None
    detail: bool = True  # False: listed only (too old to be fetched)


OPTAK_CALLS: list[OptakCall] = [
    OptakCall(
        path="/cs/podporovane-aktivity-optak/poradenstvi-optak/poradenstvi-vyzva-iii/",
        title="Poradenství – výzva III",
        focus="Poradenství",
        announced="20. 08. 2026",
        opens="04. 09. 2026 10:00:00",
        closes="01. 02. 2027 10:00:00",
        table="open",
        status_heading="Otevřená výzva",
        code="01_26_091",
        allocation="50 mil. Kč",
        goal="Cílem výzvy je nákup poradenských služeb pro získání certifikátů nezbytných pro vstup MSP do "
        "strategických odvětví průmyslu.",
        activities=[
            "Nákup externích poradenských služeb pro přípravu podniku k certifikaci (např. ISO 9001, "
            "AS9100, IATF 16949, ISO 13485).",
            "GAP analýza systému řízení kvality.",
        ],
        applicants=["malé a střední podniky (MSP)"],
        collection="průběžný",
        amounts=["Dotace je poskytována minimálně ve výši 50 000 Kč a maximálně do výše 2,45 mil. Kč."],
        rate=["50 % z prokázaných způsobilých výdajů."],
        costs=["Nákup externích poradenských služeb a zpracování dokumentace k certifikaci."],
        limits=[
            "Projekt musí být realizován na území ČR mimo NUTS II Praha.",
            "Dotace je poskytována v režimu de minimis.",
        ],
        files=[
            ("Poradenství - výzva III (pdf) 20. 8. 2026", "/wp-content/uploads/2026/08/poradenstvi-vyzva-iii.pdf"),
            (
                "Příloha č. 1 - Model hodnocení (pdf) 20. 8. 2026",
                "/wp-content/uploads/2026/08/priloha-c.-1-model-hodnoceni-poradenstvi-iii.pdf",
            ),
        ],
        origin="REAL-DERIVED",
        based_on="cz_grant_signals_2026 quote of the live page (dates, goal); code 01_26_091 from the dotaceeu "
        "record 'Poradenství - výzva III.' in cz_calls_2026; sections after the REAL vouchers page text",
    ),
    OptakCall(
        path="/cs/podporovane-aktivity-optak/inovacni-vouchery-optak/inovacni-vouchery-vyzva-iv/",
        title="Inovační vouchery – výzva IV",
        focus="Inovační vouchery",
        announced="15. 07. 2026",
        opens="01. 08. 2026 10:00:00",
        closes="30. 04. 2027 11:00:00",
        table="open",
        status_heading="Otevřená výzva",
        code="01_26_080",
        allocation="200 mil. Kč",
        goal="Cílem Výzvy je rozvoj komunikace a sdílení poznatků a know-how mezi podnikovou a výzkumnou sférou, "
        "které mohou podnikatelské subjekty využít pro zahájení či zintenzivnění vlastních inovačních aktivit.",
        activities=[
            "Nákup poradenských, expertních a podpůrných služeb v oblasti inovací od organizací pro "
            "výzkum a šíření znalostí nebo akreditovaných laboratoří s cílem zahájení či zintenzivnění "
            "inovačních aktivit malých a středních podniků (např. optická měření, testování laserových "
            "a optických komponent, mikroskopické analýzy materiálů)."
        ],
        applicants=["malé a střední podniky (MSP)"],
        collection="průběžný",
        amounts=["Dotace na projekt je poskytována minimálně ve výši 50 000. Kč a maximálně do výše 1 mil. Kč."],
        rate=[
            "50 – 75 % z prokázaných způsobilých výdajů (ZV):",
            "a) 75 % v případě, že ZV = 66 667 – 499 999 Kč",
            "b) 50 % v případě, že ZV = 500 000 – 1 999 999 Kč",
        ],
        costs=[
            "Měření, diagnostika, testování, zkoušky, rozbory, analýzy, ověřování, certifikace výrobku a služeb.",
            "Zpracování nových systémů, technologických postupů nebo např. unikátních konstrukčních řešení.",
            "Výdaje související s vývojem (např. SW, HW, materiálu, zařízení, prototypu, funkčního vzorku) "
            "nebo zaváděním nového produktu či služby.",
            "Tvorba nových metod či procesů.",
        ],
        limits=[
            "Projekt musí být realizován na území ČR mimo NUTS II Praha.",
            "Dotace je poskytována v režimu de minimis, tj. max. 300 tis. EUR za 3 roky.",
            "Žadatel musí mít uzavřená min. 2 účetní období.",
        ],
        files=[
            (
                "Inovační vouchery - výzva IV (pdf) 15. 7. 2026",
                "/wp-content/uploads/2026/07/inovacni-vouchery-vyzva-iv.pdf",
            )
        ],
        origin="REAL-DERIVED",
        based_on="closing date from cz_calls_2026 / cz_grant_signals_2026; sections verbatim from the REAL page text "
        "of výzva II (shared/data/sources/optak); announcement/opening dates and code illustrative",
    ),
    OptakCall(
        path="/cs/podporovane-aktivity-optak/inovacni-vouchery-optak/"
        "inovacni-vouchery-ochrana-prav-prumysloveho-vlastnictvi-vyzva-iii/",
        title="Inovační vouchery – ochrana práv průmyslového vlastnictví – výzva III",
        focus="Inovační vouchery",
        announced="10. 02. 2026",
        opens="02. 03. 2026 10:00:00",
        closes="31. 12. 2026 11:00:00",
        table="open",
        status_heading="Otevřená výzva",
        code="01_26_078",
        allocation="1,5 mil. Kč",
        goal="Cílem výzvy je podpora ochrany práv průmyslového vlastnictví malých a středních podniků "
        "(patenty, užitné vzory, průmyslové vzory) v zahraničí.",
        activities=["Služby patentových zástupců a poplatky za podání přihlášek patentů a užitných vzorů."],
        applicants=["malé a střední podniky (MSP)"],
        collection="průběžný",
        amounts=["Dotace je poskytována minimálně ve výši 50 000 Kč a maximálně do výše 1 mil. Kč."],
        rate=["75 % z prokázaných způsobilých výdajů."],
        costs=["Poplatky a služby spojené s ochranou práv průmyslového vlastnictví."],
        limits=["Dotace je poskytována v režimu de minimis."],
        files=[
            (
                "Inovační vouchery - ochrana práv PV - výzva III (pdf) 10. 2. 2026",
                "/wp-content/uploads/2026/02/inovacni-vouchery-ochrana-prav-pv-vyzva-iii.pdf",
            )
        ],
        origin="REAL-DERIVED",
        based_on="cz_calls_2026 (title, closing date, 75 %, allocation 1 500 000 as stored); other values illustrative",
    ),
    OptakCall(
        path="/cs/podporovane-aktivity-optak/technologie-pro-mas-optak/technologie-pro-mas-clld-vyzva-ii/",
        title="Technologie pro MAS (CLLD) – výzva II",
        focus="Technologie pro MAS",
        announced="01. 08. 2026",
        opens="01. 09. 2026 10:00:00",
        closes="01. 09. 2027 10:00:00",
        table="open",
        status_heading="Otevřená výzva",
        code="01_26_086",
        allocation="540 mil. Kč",
        goal="Cílem výzvy je podpora pořízení nových strojů, technologií a digitalizace malých a středních "
        "podniků na území místních akčních skupin (MAS).",
        activities=["Pořízení nových strojů, technologických zařízení a souvisejícího software."],
        applicants=["malé a střední podniky (MSP) na území MAS mimo obce nad 25 000 obyvatel"],
        collection="průběžný",
        amounts=[
            "Dotace je poskytována maximálně do výše 1,49 mil. Kč; celkové způsobilé výdaje projektu "
            "250 tis. Kč až 3 mil. Kč."
        ],
        rate=["50 % z prokázaných způsobilých výdajů."],
        costs=["Dlouhodobý hmotný a nehmotný majetek."],
        limits=[
            "Výzva je vyhlášena pro méně rozvinuté regiony (výzva č. 01_26_086) a přechodové regiony "
            "(výzva č. 01_26_093).",
            "Projekt musí být realizován mimo hl. m. Prahu.",
        ],
        files=[
            (
                "Technologie pro MAS (CLLD) - výzva II (pdf) 1. 8. 2026",
                "/wp-content/uploads/2026/08/technologie-pro-mas-clld-vyzva-ii.pdf",
            )
        ],
        origin="REAL-DERIVED",
        based_on="cz_calls_2026 (opening 2026-09-01, closing 2027-09-01), cz_grant_signals_2026 (540M CZK, "
        "1.49M CZK, 50 %), codes 01_26_086/093 from dotaceeu records",
    ),
    OptakCall(
        path="/cs/podporovane-aktivity-optak/aplikace-optak/aplikace-mezinarodni-spoluprace/",
        title="Aplikace – Mezinárodní spolupráce",
        focus="Aplikace",
        announced="30. 06. 2026",
        opens="01. 09. 2026 10:00:00",
        closes="30. 11. 2026 10:00:00",
        table="open",
        status_heading="Otevřená výzva",
        code="01_26_083",
        allocation="50 mil. Kč",
        goal="Cílem výzvy je podpora projektů průmyslového výzkumu a experimentálního vývoje řešených "
        "v mezinárodních konsorciích (např. Eureka, Eurostars, M-ERA.NET).",
        activities=["Průmyslový výzkum a experimentální vývoj v mezinárodní spolupráci."],
        applicants=["malé, střední a velké podniky", "výzkumné organizace jako partneři projektu"],
        collection="kolový",
        amounts=["Dotace je poskytována minimálně ve výši 1 mil. Kč a maximálně do výše 30 mil. Kč."],
        rate=["25 – 85 % podle velikosti podniku a typu výzkumu."],
        costs=["Osobní náklady, služby výzkumu a vývoje, materiál a režijní náklady."],
        limits=["Projekt musí být realizován na území ČR mimo NUTS II Praha."],
        files=[
            (
                "Aplikace - Mezinárodní spolupráce (pdf) 30. 6. 2026",
                "/wp-content/uploads/2026/06/aplikace-mezinarodni-spoluprace.pdf",
            )
        ],
        origin="REAL-DERIVED",
        based_on="cz_calls_2026 (title, closing 2026-11-30, 85 %, allocation 50 000 000, applicants); "
        "the rest illustrative",
    ),
    OptakCall(
        path="/cs/podporovane-aktivity-optak/step/vyzkum-a-vyvoj-kritickych-technologii/",
        title="STEP – výzkum a vývoj kritických technologií",
        focus="STEP – výzkum a vývoj",
        announced="02. 06. 2026",
        opens="01. 07. 2026 10:00:00",
        closes="31. 12. 2026 10:00:00",
        table="open",
        status_heading="Otevřená výzva",
        code="01_26_074",
        allocation="5,6 mld. Kč",
        goal="Cílem výzvy je podpora výzkumu a vývoje kritických technologií v rámci platformy STEP "
        "(digitální a hluboké technologie, čisté technologie, biotechnologie).",
        activities=[
            "Průmyslový výzkum a experimentální vývoj kritických technologií, včetně mikroelektroniky a fotoniky."
        ],
        applicants=["malé, střední a velké podniky", "výzkumné organizace"],
        collection="průběžný",
        amounts=["Dotace je poskytována minimálně ve výši 5 mil. Kč a maximálně do výše 250 mil. Kč."],
        rate=["až 80 % podle velikosti podniku a typu výzkumu."],
        costs=["Osobní náklady, odpisy, služby výzkumu a vývoje, materiál."],
        limits=["Projekt musí přispívat k cílům platformy STEP."],
        notice="Z důvodu vysokého převisu žádostí byl dne 11. 8. 2026 v 10:00 ukončen příjem žádostí o podporu: "
        "požadovaná dotace dosáhla 300 % alokace výzvy.",
        files=[
            (
                "STEP – výzkum a vývoj kritických technologií (pdf) 2. 6. 2026",
                "/wp-content/uploads/2026/06/step-vyzkum-a-vyvoj-kritickych-technologii.pdf",
            )
        ],
        origin="RECON",
        based_on="cz_calls_2026 (title, closing date 2026-08-11, allocation 5 632 256 725) and SOURCES.md §6 "
        "(STEP closed early at 300 % of the allocation): the page keeps its original window and status heading "
        "and announces the early closure",
    ),
    OptakCall(
        path="/cs/podporovane-aktivity-optak/step/ipcei-mikroelektronika-a-komunikacni-technologie/",
        title="IPCEI – mikroelektronika a komunikační technologie",
        focus="STEP",
        announced="15. 06. 2026",
        opens="19. 06. 2026 11:00:00",
        closes="16. 11. 2026 09:59:59",
        table="closed",
        status_heading="Uzavřená výzva",
        code="01_26_076",
        allocation="300 mil. Kč",
        goal="Podpora Významných projektů společného evropského zájmu (IPCEI) dle notifikace SA.101141 (2023/N).",
        activities=[
            "Výzva je zaměřena pouze na podporu projektů žadatelů, které jsou součástí tzv. Významných "
            "projektů společného evropského zájmu (Important Projects of Common European Interest) "
            "v oblasti mikroelektroniky a komunikačních technologií."
        ],
        applicants=["podniky a výzkumné organizace zapojené do IPCEI ME/CT"],
        collection="kolový",
        amounts=["Výše podpory je stanovena rozhodnutím Evropské komise o notifikaci."],
        rate=["Dle rozhodnutí SA.101141 (2023/N)."],
        costs=["Výzkum, vývoj a první průmyslové nasazení."],
        limits=["Podpora je poskytována dle notifikace na základě rozhodnutí SA.101141 (2023/N)."],
        files=[
            (
                "Výzva IPCEI - mikroelektronika a komunikační technologie (pdf) 15. 6. 2026",
                "/wp-content/uploads/2026/06/1781477937ipcei-mikroelektronika-a-komunika-n-technologie.pdf",
            ),
            (
                "Příloha 1 - Model hodnocení (pdf) 15. 6. 2026",
                "/wp-content/uploads/2026/06/1781477938p-loha-1-model-hodnocen-.pdf",
            ),
        ],
        origin="REAL-DERIVED",
        based_on="shared/data/sources/optak/praut_optak_records.json (IPCEI: dates, goal, files); 300M CZK from "
        "cz_grant_signals_2026",
    ),
    OptakCall(
        path="/cs/podporovane-aktivity-optak/marketing-opak/marketing-vyzva-iii/",
        title="Marketing – výzva III",
        focus="Marketing",
        announced="15. 05. 2026",
        opens="18. 06. 2026 10:00:00",
        closes="19. 10. 2026 10:00:00",
        table="closed",
        status_heading="Uzavřená výzva",
        code="01_26_070",
        allocation="204 mil. Kč",
        goal="Cílem výzvy je usnadnění vstupu malých a středních podniků na mezinárodní trhy a zvýšení jejich "
        "mezinárodní konkurenceschopnosti, rozšiřování exportní působnosti, výrobních a prodejních aktivit.",
        activities=["Účast na zahraničních výstavách a veletrzích (max. 5 veletrhů)."],
        applicants=["malé a střední podniky (MSP)"],
        collection="kolový",
        amounts=["Dotace je poskytována minimálně ve výši 200 000 Kč a maximálně do výše 2,45 mil. Kč."],
        rate=["50 % z prokázaných způsobilých výdajů."],
        costs=["Pronájem výstavní plochy, doprava a propagace."],
        limits=["Projekt musí být realizován na území ČR mimo NUTS II Praha."],
        files=[
            (
                "Marketing - výzva III (pdf) 3. 6. 2026",
                "/wp-content/uploads/2026/06/marketing-vyzva-iii.-aktualizace-3.6.2026.pdf",
            ),
            (
                "Příloha č. 1 - Model hodnocení (pdf) 15. 5. 2026",
                "/wp-content/uploads/2026/05/priloha-c.-1-model-hodnoceni-marketing-iii.pdf",
            ),
            (
                "Příloha č. 3 - Tabulka pro výpočet celkových způsobilých výdajů v režimu ZMV (xlsx) 15. 5. 2026",
                "/wp-content/uploads/2026/05/priloha-c.-3-tabulka-pro-vypocet-celkovych-zpusobilych-vydaju-v-rezimu"
                "-zmv.xlsx",
            ),
            ("Archiv (zip) 3. 6. 2026", "/wp-content/uploads/2026/06/archiv-marketing-iii.zip"),
        ],
        origin="REAL-DERIVED",
        based_on="shared/data/sources/optak/praut_optak_records.json (Marketing III: dates, goal, files, "
        "allocation 204 000 000); 2.45M CZK / 5 fairs from cz_grant_signals_2026",
    ),
    OptakCall(
        path="/cs/podporovane-aktivity-optak/partnerstvi-znalostniho-transferu-optak/"
        "partnerstvi-znalostniho-transferu-vyzva-iv/",
        title="Partnerství znalostního transferu – výzva IV",
        focus="Partnerství znalostního transferu",
        announced="16. 04. 2026",
        opens="30. 04. 2026 10:00:00",
        closes="21. 09. 2026 10:00:00",
        table="closed",
        status_heading="Uzavřená výzva",
        code=None,
        allocation="12 mil. Kč",
        goal="Cílem výzvy je transfer znalostí mezi podniky a výzkumnými organizacemi prostřednictvím "
        "společného partnerství.",
        activities=["Spolupráce podniku s výzkumnou organizací na transferu znalostí."],
        applicants=["malé a střední podniky (MSP)", "výzkumné organizace"],
        collection="kolový",
        amounts=["Dotace je poskytována maximálně do výše 12 mil. Kč."],
        rate=["až 85 % z prokázaných způsobilých výdajů."],
        costs=["Osobní náklady, služby a materiál."],
        limits=["Projekt musí být realizován na území ČR mimo NUTS II Praha."],
        files=[],
        origin="REAL-DERIVED",
        based_on="cz_calls_2026 (title, closing 2026-09-21, 85 %, allocation as stored) and the dotacni-majak RECON "
        "listing dates",
    ),
    OptakCall(
        path="/cs/podporovane-aktivity-optak/potencial-optak/potencial-vyzva-iii/",
        title="Potenciál – výzva III",
        focus="Potenciál",
        announced="15. 09. 2025",
        opens="01. 10. 2025 10:00:00",
        closes="17. 02. 2026 10:00:00",
        table="closed",
        status_heading="Uzavřená výzva",
        code=None,
        allocation=None,
        goal="",
        activities=[],
        applicants=[],
        collection="",
        amounts=[],
        rate=[],
        costs=[],
        limits=[],
        files=[],
        origin="REAL-DERIVED",
        based_on="cz_calls_2026 (title, closing date 2026-02-17)",
        detail=False,
    ),
]


def optak_listing_html(*, layout: str = "normal") -> str:
    header = (
        "<tr><th>Vyhlášení výzvy</th><th>Zahájení příjmu</th><th>Ukončení příjmu</th><th>Název výzvy</th>"
        "<th>Zaměření aktivity</th></tr>"
    )
    if layout == "changed":
        header = "<tr><th>Datum</th><th>Od</th><th>Do</th><th>Výzva</th><th>Oblast</th></tr>"

    def table(kind: str) -> str:
        rows = "\n".join(
            f"      <tr><td>{e(c.announced)}</td><td>{e(c.opens)}</td><td>{e(c.closes)}</td>"
            f'<td><a href="https://apiagentura.gov.cz{e(c.path)}">{e(c.title)}</a></td><td>{e(c.focus)}</td></tr>'
            for c in OPTAK_CALLS
            if c.table == kind
        )
        return (
            f'    <table class="table-calls">\n      <thead>{header}</thead>\n      <tbody>\n{rows}\n'
            "      </tbody>\n    </table>"
        )

    open_heading, closed_heading = (
        ("Otevřené výzvy", "Uzavřené výzvy") if layout == "normal" else ("Aktuálně", "Archiv")
    )
    main = f"""  <div class="breadcrumbs"><a href="https://apiagentura.gov.cz/cs/">Domů</a> / Výzvy OP TAK</div>
  <h1>Výzvy OP TAK</h1>
  <div class="entry-content">
    <p>Přehled všech vyhlášených výzev Operačního programu Technologie a aplikace pro konkurenceschopnost.</p>
    <h2>{open_heading}</h2>
{table("open")}
    <h2>{closed_heading}</h2>
{table("closed")}
  </div>"""
    return api_page("Výzvy OP TAK", main)


def date_time(value: str) -> str:
    """ "04. 09. 2026 10:00:00" as the detail header prints it: the time on a line of its own."""
    day, _, at = value.rpartition(" ")
    return f"{e(day)}<br>{e(at)}" if ":" in at else e(value)


def optak_detail_html(c: OptakCall, *, layout: str = "normal") -> str:
    def section(label: str, items: list[str]) -> str:
        if not items:
            return ""
        body = "".join(f"<li>{e(i)}</li>" for i in items)
        heading = label if layout == "normal" else "Informace"
        return f"    <h4>{e(heading)}</h4>\n    <ul>{body}</ul>\n"

    dates = "\n".join(
        f'    <div class="call-dates__item"><span class="call-dates__label">{label}</span>'
        f'<span class="call-dates__value">{value}</span></div>'
        for label, value in (
            ("Vyhlášení výzvy", e(c.announced)),
            ("Zahájení příjmu", date_time(c.opens)),
            ("Ukončení příjmu", date_time(c.closes)),
        )
    )
    if layout == "changed":
        dates = f'    <div class="call-dates__item">{e(c.announced)} – {e(c.closes)}</div>'
    code = f"    <p><strong>Číslo výzvy: {e(c.code)}</strong></p>\n" if c.code else ""
    allocation = f"    <p>Alokace výzvy: {e(c.allocation)}</p>\n" if c.allocation else ""
    notice = ""
    if c.notice:
        notice = f'  <div class="notice notice--warning"><h3>Upozornění pro žadatele</h3><p>{e(c.notice)}</p></div>\n'
    files = "\n".join(f'      <li><a href="{e(upload(API, path))}">{e(title)}</a></li>' for title, path in c.files)
    main = f"""  <div class="breadcrumbs"><a href="https://apiagentura.gov.cz/cs/">Domů</a> /
    <a href="https://apiagentura.gov.cz/cs/podporovane-aktivity-optak/">Podporované aktivity</a> / {e(c.focus)}</div>
  <article class="call">
  <h1>{e(c.title)}</h1>
  <div class="call-dates">
{dates}
  </div>
  <div class="call-status"><h3>{e(c.status_heading)}</h3></div>
{notice}  <div class="entry-content">
{code}    <p>{e(c.goal)}</p>
{allocation}{section("Na co lze získat podporu (podporované aktivity):", c.activities)}\
{section("Kdo může žádat (příjemci podpory):", c.applicants)}\
{section("Systém sběru žádostí:", [c.collection] if c.collection else [])}\
{section("Kolik lze získat na jeden projekt (forma a výše podpory):", c.amounts)}\
{section("Míra podpory:", c.rate)}\
{section("Jaké výdaje je možné podpořit (způsobilé výdaje):", c.costs)}\
{section("Specifika a omezení:", c.limits)}  </div>
  <section class="files">
    <h2>Soubory</h2>
    <ul>
{files}
    </ul>
  </section>
  </article>"""
    return api_page(c.title, main)


# =============================================================================================== GA ČR

GACR = "gacr.cz"


def gacr_page(title: str, main: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="cs-CZ">
<head><meta charset="UTF-8"><title>{e(title)} – Grantová agentura České republiky</title></head>
<body class="wp-site">
<header class="site-header"><a class="logo" href="https://gacr.cz/">GA ČR</a>
  <nav aria-label="Menu"><ul><li><a href="https://gacr.cz/aktualni-vyzvy/">Aktuální výzvy</a></li>
  <li><a href="https://gacr.cz/o-ga-cr/">O GA ČR</a></li><li><a href="https://gris.cz/">GRIS</a></li></ul></nav>
</header>
<main id="main">
{main}
</main>
<footer class="site-footer"><p>Grantová agentura České republiky, Evropská 2589/33b, 160 00 Praha 6</p></footer>
</body>
</html>
"""


@dataclass
class GacrCall:
    path: str
    title: str
    published: str
    paragraphs: list[str]
    attachments: list[tuple[str, str]]
    origin: str
    based_on: str


def _praut_gacr() -> dict[str, dict]:
    """The GA ČR records of the Czech corpus (REAL-DERIVED page text), by URL."""
    import gzip

    corpus = ROOT.parent / "shared" / "data" / "corpora" / "cz_calls_2026.jsonl.gz"
    records = {}
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if record["source_id"] == "gacr":
                records[record["source_url"]] = record
    return records


def _split_text(text: str) -> tuple[str, list[str]]:
    """The publication date and the paragraphs of a praut page text (sentences grouped in twos and threes)."""
    match = re.match(r"^(\d{2}\. \d{2}\. \d{4})\s+(.*)$", text, re.DOTALL)
    if match is None:
        raise ValueError("a GA ČR page text opens with its publication date")
    published, body = match.groups()
    # A sentence ends with a full stop before a capital letter (dates like "8. 9. 2026" do not end one).
    sentences = [s.strip() for s in re.split(r"(?<=\.)\s+(?=[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ])", body) if s.strip()]
    paragraphs: list[str] = []
    current: list[str] = []
    for sentence in sentences:
        current.append(sentence)
        if len(current) == 3:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return published, paragraphs


def gacr_calls() -> list[GacrCall]:
    records = _praut_gacr()
    calls = []
    for url in (
        "https://gacr.cz/vyzva-pro-podavani-izraelsko-ceskych-projektu/",
        "https://gacr.cz/vyzva-pro-podavani-svycarsko-ceskych-projektu-2027/",
    ):
        record = records[url]
        text = record["text"]
        # praut cut the text mid-word; end it at the last full sentence.
        text = text[: text.rfind(".") + 1]
        published, paragraphs = _split_text(text)
        calls.append(
            GacrCall(
                path=urlsplit(url).path,
                title=record["title"],
                published=published,
                paragraphs=paragraphs,
                attachments=[(a["title"], urlsplit(a["url"]).path) for a in record["attachments"]],
                origin="REAL-DERIVED",
                based_on="visible page text and attachments as stored in shared/data/corpora/cz_calls_2026 "
                "(source gacr; the Israeli one also in shared/data/sources/gacr/), cut at the last full sentence",
            )
        )
    calls += [
        GacrCall(
            path="/vyzva-pro-podavani-rakousko-ceskych-projektu-2028/",
            title="Výzva pro podávání rakousko-českých projektů",
            published="02. 11. 2026",
            paragraphs=[
                "Grantová agentura České republiky (GA ČR) ve spolupráci s rakouskou agenturou Austrian Science "
                "Fund (FWF) vyhlašuje výzvu pro podávání návrhů projektů na principu hodnocení Lead Agency "
                "s předpokládaným počátkem řešení v roce 2028. Výzva je vyhlášena v rámci iniciativy Weave.",
                "Lhůta pro podávání návrhů projektů začíná 2. 11. 2026. Českou část návrhu projektu je možné "
                "podávat nejpozději do 11. 3. 2027, tedy do 7 dnů po termínu, který FWF stanovila na 4. 3. 2027.",
                "Výzva je otevřena všem vědním oborům, včetně fyziky, optiky a fotoniky a materiálového výzkumu. "
                "Upozorňujeme, že v aplikaci pro podávání projektů GRIS je potřeba projekt založit ve výzvě Lead "
                "Agency – Partner Organization – 2028 – Austria (FWF).",
            ],
            attachments=[
                (
                    "Pravidla pro Mezinárodní grantové projekty hodnocené na principu Lead Agency 2028",
                    "/wp-content/uploads/2026/11/Pravidla_LA_2028_GACR_Partnerska_agentura.pdf",
                ),
                (
                    "Vzor čestného prohlášení pro uchazeče",
                    "/wp-content/uploads/2026/01/Vzor-cestneho-prohlaseni-pro-zadatele-o-verejnou-podporu.docx",
                ),
            ],
            origin="RECON",
            based_on="the form of the two REAL-DERIVED Lead Agency calls; partner, dates and topics illustrative",
        ),
        GacrCall(
            path="/vyzva-pro-podavani-slovinsko-ceskych-projektu-2028/",
            title="Výzva pro podávání slovinsko-českých projektů",
            published="16. 11. 2026",
            paragraphs=[
                "Grantová agentura České republiky (GA ČR) ve spolupráci se slovinskou agenturou Slovenian "
                "Research and Innovation Agency (ARIS) vyhlašuje výzvu pro podávání návrhů projektů na principu "
                "hodnocení Lead Agency s předpokládaným počátkem řešení v roce 2028.",
                "Lhůta pro podávání návrhů projektů začíná 16. 11. 2026. Návrhy projektů je možné podávat "
                "nejpozději do 15. 4. 2027.",
            ],
            attachments=[
                (
                    "Pravidla pro Mezinárodní grantové projekty hodnocené na principu Lead Agency 2028",
                    "/wp-content/uploads/2026/11/Pravidla_LA_2028_GACR_Partnerska_agentura.pdf",
                )
            ],
            origin="RECON",
            based_on="the form of the two REAL-DERIVED Lead Agency calls; partner and dates illustrative",
        ),
    ]
    return calls


def gacr_listing_html(calls: list[GacrCall], *, layout: str = "normal") -> str:
    items = "\n".join(
        f'    <article class="posts__item"><div class="posts__date">{e(c.published)}</div>'
        f'<h2 class="posts__title"><a href="https://gacr.cz{e(c.path)}">{e(c.title)}</a></h2>'
        f'<div class="posts__excerpt"><p>{e(c.paragraphs[0][:200])}…</p></div></article>'
        for c in sorted(calls, key=lambda c: list(reversed(c.published.split(". "))), reverse=True)
    )
    heading = "Aktuální výzvy" if layout == "normal" else "Novinky"
    main = f"""  <h1 class="page-title">{heading}</h1>
  <div class="posts">
{items}
  </div>"""
    return gacr_page(heading, main)


def gacr_detail_html(c: GacrCall, *, layout: str = "normal") -> str:
    paragraphs = "\n".join(f"    <p>{e(p)}</p>" for p in c.paragraphs)
    attachments = "\n".join(
        f'      <li><a href="{e(upload(GACR, path))}">{e(title)}</a></li>' for title, path in c.attachments
    )
    date = f'    <p class="post-date">{e(c.published)}</p>\n' if layout == "normal" else ""
    main = f"""  <article class="post">
  <h1 class="entry-title">{e(c.title)}</h1>
  <div class="entry-content">
{date}{paragraphs}
    <ul class="attachments">
{attachments}
    </ul>
  </div>
  </article>"""
    return gacr_page(c.title, main)


# =============================================================================================== writing


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def snapshot(root: Path, host: str, path: str, text: str) -> None:
    write(snapshot_path(root, host, path), text)


def build_snapshot(root: Path = DEFAULT_SNAPSHOT) -> int:
    count = 0
    snapshot(root, TACR, "/", tacr_home_html(COMPETITIONS))
    snapshot(root, TACR, "/programy-a-souteze/", tacr_programmes_html())
    count += 2
    for c in COMPETITIONS:
        snapshot(root, TACR, c.path, tacr_competition_html(c))
        count += 1
    snapshot(root, API, "/cs/radce/vsechny-vyzvy/", optak_listing_html())
    count += 1
    for c in OPTAK_CALLS:
        if c.detail:
            snapshot(root, API, c.path, optak_detail_html(c))
            count += 1
    calls = gacr_calls()
    snapshot(root, GACR, "/aktualni-vyzvy/", gacr_listing_html(calls))
    count += 1
    for c in calls:
        snapshot(root, GACR, c.path, gacr_detail_html(c))
        count += 1
    return count


def _manifest(folder: Path, source: str, note: str, files: list[dict[str, str]]) -> None:
    payload = {"source": source, "note": note, "files": files}
    write(folder / "manifest.json", json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


def build_fixtures(root: Path = FIXTURES) -> None:
    captured = "2026-09-18T15:25:00+02:00"
    folder = root / "tacr"
    sigma, forest = COMPETITIONS[0], COMPETITIONS[1]
    write(folder / "home.html", tacr_home_html(COMPETITIONS[:3]))
    write(folder / "home_changed.html", tacr_home_html(COMPETITIONS[:3], layout="changed"))
    write(folder / "programy_a_souteze.html", tacr_programmes_html())
    write(folder / "soutez_sigma18.html", tacr_competition_html(sigma))
    write(folder / "soutez_forest.html", tacr_competition_html(forest))
    write(folder / "soutez_changed.html", tacr_competition_html(sigma, layout="changed"))
    write(folder / "login.html", TACR_LOGIN_HTML)
    base = "https://tacr.gov.cz"
    _manifest(
        folder,
        "tacr",
        "No raw HTML of tacr.gov.cz was available offline: pages are rendered by "
        "grantradar/demo/build_tacr_optak_gacr.py in the structure of SOURCES.md §3 (home box, programme "
        "cards, infobox label → next element, SISTA timing prose) with the real values of "
        "shared/data/sources/tacr/.",
        [
            {
                "path": "home.html",
                "sourceUrl": base + "/",
                "capturedAt": captured,
                "origin": "RECON",
                "basedOn": "home box 'Aktuální možnosti podpory' listing the three real competitions",
            },
            {
                "path": "home_changed.html",
                "sourceUrl": base + "/",
                "capturedAt": captured,
                "origin": "RECON",
                "basedOn": "home.html after a redesign: the box heading is gone (negative case)",
            },
            {
                "path": "programy_a_souteze.html",
                "sourceUrl": base + "/programy-a-souteze/",
                "capturedAt": captured,
                "origin": "REAL-DERIVED",
                "basedOn": "programme names, labels and descriptions of the tacr-souteze records in "
                "shared/data/corpora/cz_calls_2026 (THÉTA 2 and TREND 'V přípravě')",
            },
            {
                "path": "soutez_sigma18.html",
                "sourceUrl": base + sigma.path,
                "capturedAt": captured,
                "origin": sigma.origin,
                "basedOn": sigma.based_on,
            },
            {
                "path": "soutez_forest.html",
                "sourceUrl": base + forest.path,
                "capturedAt": captured,
                "origin": forest.origin,
                "basedOn": forest.based_on,
            },
            {
                "path": "soutez_changed.html",
                "sourceUrl": base + sigma.path,
                "capturedAt": captured,
                "origin": "RECON",
                "basedOn": "soutez_sigma18.html with the infobox labels renamed (negative case)",
            },
            {
                "path": "login.html",
                "sourceUrl": base + sigma.path,
                "capturedAt": captured,
                "origin": "RECON",
                "basedOn": "a login/maintenance page answered with HTTP 200 (negative case)",
            },
        ],
    )

    captured = "2026-11-20T09:00:00+01:00"
    folder = root / "optak"
    by_title = {c.title: c for c in OPTAK_CALLS}
    picks = {
        "detail_vouchery_iv.html": by_title["Inovační vouchery – výzva IV"],
        "detail_marketing_iii.html": by_title["Marketing – výzva III"],
        "detail_step_early_closure.html": by_title["STEP – výzkum a vývoj kritických technologií"],
        "detail_poradenstvi_iii.html": by_title["Poradenství – výzva III"],
    }
    write(folder / "vsechny_vyzvy.html", optak_listing_html())
    write(folder / "vsechny_vyzvy_changed.html", optak_listing_html(layout="changed"))
    for name, call in picks.items():
        write(folder / name, optak_detail_html(call))
    write(folder / "detail_changed.html", optak_detail_html(picks["detail_vouchery_iv.html"], layout="changed"))
    base = "https://apiagentura.gov.cz"
    files = [
        {
            "path": "vsechny_vyzvy.html",
            "sourceUrl": base + "/cs/radce/vsechny-vyzvy/",
            "capturedAt": captured,
            "origin": "REAL-DERIVED",
            "basedOn": "the listing structure of SOURCES.md §6 (open and closed tables) with "
            "the OP TAK calls of cz_calls_2026 / cz_grant_signals_2026",
        },
        {
            "path": "vsechny_vyzvy_changed.html",
            "sourceUrl": base + "/cs/radce/vsechny-vyzvy/",
            "capturedAt": captured,
            "origin": "RECON",
            "basedOn": "the listing after a redesign: headings and column labels renamed (negative case)",
        },
    ]
    files += [
        {
            "path": name,
            "sourceUrl": base + call.path,
            "capturedAt": captured,
            "origin": call.origin,
            "basedOn": call.based_on,
        }
        for name, call in picks.items()
    ]
    files.append(
        {
            "path": "detail_changed.html",
            "sourceUrl": base + picks["detail_vouchery_iv.html"].path,
            "capturedAt": captured,
            "origin": "RECON",
            "basedOn": "detail_vouchery_iv.html with the date labels and section labels gone (negative case)",
        }
    )
    _manifest(
        folder,
        "optak",
        "No raw HTML of apiagentura.gov.cz was available offline: pages are rendered by "
        "grantradar/demo/build_tacr_optak_gacr.py in the structure of SOURCES.md §6 with real values; the "
        "vouchers sections are the REAL page text of shared/data/sources/optak/.",
        files,
    )

    captured = "2026-11-10T10:00:00+01:00"
    folder = root / "gacr"
    calls = gacr_calls()
    write(folder / "aktualni_vyzvy.html", gacr_listing_html(calls))
    write(folder / "detail_izrael.html", gacr_detail_html(calls[0]))
    write(folder / "detail_svycarsko.html", gacr_detail_html(calls[1]))
    write(folder / "detail_changed.html", gacr_detail_html(calls[0], layout="changed"))
    write(folder / "aktualni_vyzvy_changed.html", gacr_listing_html(calls, layout="changed"))
    base = "https://gacr.cz"
    _manifest(
        folder,
        "gacr",
        "No raw HTML of gacr.cz was available offline: pages are rendered by "
        "grantradar/demo/build_tacr_optak_gacr.py in the structure of SOURCES.md §7 around the REAL-DERIVED "
        "page texts of shared/data/corpora/cz_calls_2026 (source gacr).",
        [
            {
                "path": "aktualni_vyzvy.html",
                "sourceUrl": base + "/aktualni-vyzvy/",
                "capturedAt": captured,
                "origin": "RECON",
                "basedOn": "a WordPress post list of the four calls of the demo",
            },
            {
                "path": "aktualni_vyzvy_changed.html",
                "sourceUrl": base + "/aktualni-vyzvy/",
                "capturedAt": captured,
                "origin": "RECON",
                "basedOn": "the listing under another heading (negative case)",
            },
            {
                "path": "detail_izrael.html",
                "sourceUrl": base + calls[0].path,
                "capturedAt": captured,
                "origin": calls[0].origin,
                "basedOn": calls[0].based_on,
            },
            {
                "path": "detail_svycarsko.html",
                "sourceUrl": base + calls[1].path,
                "capturedAt": captured,
                "origin": calls[1].origin,
                "basedOn": calls[1].based_on,
            },
            {
                "path": "detail_changed.html",
                "sourceUrl": base + calls[0].path,
                "capturedAt": captured,
                "origin": "RECON",
                "basedOn": "detail_izrael.html without the leading publication date (negative case)",
            },
        ],
    )


def main(argv: list[str]) -> int:
    count = build_snapshot()
    build_fixtures()
    print(f"wrote {count} snapshot pages for {TACR}, {API}, {GACR} and the fixtures under {FIXTURES}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
