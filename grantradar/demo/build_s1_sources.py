"""Build the demo snapshot of the SEDIA, MS2021+ and feed sources from the real corpora in shared/data.

    python -m grantradar.demo.build_s1_sources [--data ../shared/data] [--snapshot grantradar/demo/snapshot]

Writes, through `grantradar.mirror.snapshot_path` (the mirror's own file naming):
- api.tech.ec.europa.eu: SEDIA listing pages (pageSize 100, sorted by identifier) and one per-identifier
  description answer per topic, rendered from corpora/eu_topics_2026.jsonl.gz;
- ms21opendata.mssf.cz/SeznamVyzev_21_27.xml, built from the REAL fragments in sources/ms2021/ and the calls
  with MS2021+ codes in corpora/cz_calls_2026.jsonl.gz (including the OP TAK codes of the optak demo pages);
- tacr.gov.cz/kategorie/{verejne-souteze,aktuality}/feed/ and the OPZ+ RSS feed on www.esfcr.cz.
What is real and what is shifted or derived is listed in the snapshot's README-s1.md, written here too. The
output is deterministic (no clock, no randomness), so re-running it changes no file and no validator.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from scrapy import Request

from grantradar.mirror import DEFAULT_SNAPSHOT, snapshot_path
from spiders.ms2021 import FILE_URL
from spiders.sedia import PROGRAMME_CODES, search_url

BRUSSELS = ZoneInfo("Europe/Brussels")
PRAGUE = ZoneInfo("Europe/Prague")
UTC = ZoneInfo("UTC")
# "Today" of the snapshot: deadlines before SHIFT_BEFORE move one year on so the demo has open calls.
TODAY = date(2026, 11, 21)
SHIFT_BEFORE = date(2026, 12, 1)
DEMO_PROGRAMMES = {
    "Horizon Europe": "HORIZON",
    "Digital Europe": "DIGITAL",
    "LIFE": "LIFE",
    "Single Market Programme": "SMP",
    "Interregional Innovation": "I3",
    "European Defence Fund": "EDF",
}
OPTICS = re.compile(r"optic|photon|laser|lighting|microscop|lidar|imaging|sensor", re.IGNORECASE)
ACTION_CODES = {"RIA": "HORIZON-RIA", "IA": "HORIZON-IA", "CSA": "HORIZON-CSA"}


# ---------------------------------------------------------------------------------------------- helpers


def write(root: Path, url: str, data: bytes) -> Path:
    """Store `data` where the mirror answers `url` (the query exactly as Scrapy sends it)."""
    parts = urlsplit(Request(url).url)
    target = snapshot_path(root, parts.netloc, parts.path, parts.query)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_bytes() != data:  # unchanged files keep their Last-Modified
        target.write_bytes(data)
    return target


def read_jsonl_gz(path: Path) -> list[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def shifted(day: date) -> date:
    """Past deadlines move on by whole years, so the calendar (weekday aside) stays the source's."""
    while day < SHIFT_BEFORE:
        day = day.replace(year=day.year + 1)
    return day


def sedia_time(day: date, at: time) -> str:
    """SEDIA's form: `2027-02-02T17:00:00.000+0100` (Brussels wall time with its offset)."""
    return datetime.combine(day, at, tzinfo=BRUSSELS).strftime("%Y-%m-%dT%H:%M:%S.000%z")


def one(value: Any) -> list[Any]:
    """SEDIA metadata values are one-element lists."""
    return [value]


# ---------------------------------------------------------------------------------------------- SEDIA


def description_html(text: str) -> str:
    """The corpus' flattened "Expected Outcome:…Scope:…" text as the portal's descriptionByte HTML."""
    headings = r"(Expected Outcome|Expected Impact|Objective|Scope|Expected outcomes and deliverables)\s*:"
    parts = re.split(headings, text or "")
    out = [f"<p>{html.escape(parts[0].strip())}</p>"] if parts[0].strip() else []
    for heading, body in zip(parts[1::2], parts[2::2], strict=False):
        out.append(f'<p><span style="font-weight: bold;">{heading}:</span></p>')
        for sentence_group in re.split(r"(?<=[.;])(?=[A-Z])", body.strip()):
            if sentence_group.strip():
                out.append(f"<p>{html.escape(sentence_group.strip())}</p>")
    return "".join(out)


def sedia_topics(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Open and forthcoming topics of the demo programmes, with dates made current (see module docstring)."""
    topics = []
    for row in rows:
        programme = DEMO_PROGRAMMES.get(row.get("programme", ""))
        if programme is None or row.get("callStatus") not in {"open", "forthcoming"} or not row.get("deadline"):
            continue
        deadline = shifted(date.fromisoformat(row["deadline"]))
        if row["callStatus"] == "open":
            start = min(deadline - timedelta(days=150), TODAY - timedelta(days=18))
        else:
            start = max(deadline - timedelta(days=120), TODAY + timedelta(days=18))
        deadlines = [deadline]
        if row.get("deadlineModel") == "multiple cut-off":
            deadlines.append(deadline + timedelta(days=182))
        topics.append({**row, "sediaProgramme": programme, "start": start, "deadlines": deadlines})
    topics.sort(key=lambda t: t["topicId"])
    # All optics-related topics and every fourth of the others: the demo stays small (a few MB, ~150
    # description requests) while keeping the real mix, where most topics are not about optics.
    return [t for i, t in enumerate(topics) if OPTICS.search(f"{t['title']} {t.get('description', '')}") or i % 4 == 0]


def budget_overview(call_topics: list[dict[str, Any]]) -> str:
    """The call-wide budgetOverview string: one action per topic of the call."""
    mapping: dict[str, list[dict[str, Any]]] = {}
    for topic in call_topics:
        action_type = ACTION_CODES.get(topic.get("actionType", ""), topic.get("actionType") or "GRANT")
        entry: dict[str, Any] = {
            "action": f"{topic['topicId']} - {action_type} {topic.get('typesOfAction', '')}".strip(),
            "plannedOpeningDate": topic["start"].strftime("%d %B %Y"),
            "deadlineModel": topic.get("deadlineModel") or "single-stage",
            "deadlineDates": [d.strftime("%d %B %Y") for d in topic["deadlines"]],
        }
        if topic.get("expectedGrants"):
            entry["expectedGrants"] = topic["expectedGrants"]
        if topic.get("budgetMin"):
            entry["minContribution"] = topic["budgetMin"]
        if topic.get("budgetMax"):
            entry["maxContribution"] = topic["budgetMax"]
            if topic.get("expectedGrants"):
                year = str(topic["deadlines"][0].year)
                entry["budgetYearMap"] = {year: topic["budgetMax"] * topic["expectedGrants"]}
        mapping[topic["reference"].removesuffix("TOPICSen")] = [entry]
    return json.dumps({"budgetTopicActionMap": mapping}, ensure_ascii=False, sort_keys=True)


def sedia_result(topic: dict[str, Any], overview: str) -> dict[str, Any]:
    status = "31094502" if topic["start"] <= TODAY else "31094501"
    keywords = [k.strip() for k in (topic.get("keywords") or "").split(",") if k.strip()]
    conditions = (topic.get("topicConditions") or "").lstrip('">')
    metadata = {
        "identifier": one(topic["topicId"]),
        "title": one(topic["title"]),
        "callIdentifier": one(topic["callIdentifier"]),
        "callTitle": one(topic.get("callTitle") or topic["callIdentifier"]),
        "type": one("1"),
        "status": one(status),
        "startDate": one(sedia_time(topic["start"], time(0, 0))),
        "deadlineDate": [sedia_time(d, time(17, 0)) for d in topic["deadlines"]],
        "deadlineModel": one(topic.get("deadlineModel") or "single-stage"),
        "frameworkProgramme": one(PROGRAMME_CODES[topic["sediaProgramme"]]),
        "programmePeriod": one("2021 - 2027"),
        "typesOfAction": one(topic.get("typesOfAction") or ""),
        "keywords": one(json.dumps(list(dict.fromkeys(keywords)), ensure_ascii=False)),
        "budgetOverview": one(overview),
        "topicConditions": one(f"<p>{html.escape(conditions[:700])}</p>" if conditions else ""),
        "DATASOURCE": one("SEDIA"),
        "esST_URL": one(topic.get("portalUrl") or ""),
    }
    return {
        "reference": topic["reference"],
        "url": topic.get("portalUrl"),
        "title": None,
        "content": topic["title"],
        "summary": topic["title"],
        "language": "en",
        "databaseLabel": "SEDIA",
        "database": "SEDIA",
        "metadata": metadata,
    }


def build_sedia(data: Path, root: Path) -> int:
    topics = sedia_topics(read_jsonl_gz(data / "corpora" / "eu_topics_2026.jsonl.gz"))
    by_call: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for topic in topics:
        by_call[topic["callIdentifier"]].append(topic)
    overviews = {call: budget_overview(members) for call, members in by_call.items()}
    results = [sedia_result(t, overviews[t["callIdentifier"]]) for t in topics]
    pages = max(1, -(-len(results) // 100))
    for number in range(1, pages + 1):
        envelope = {
            "apiVersion": "2.139",
            "terms": "***",
            "totalResults": len(results),
            "pageNumber": number,
            "pageSize": 100,
            "sort": "identifier:ASC",
            "results": results[(number - 1) * 100 : number * 100],
        }
        write(root, search_url("***", number), json.dumps(envelope, ensure_ascii=False, indent=1).encode())
    for topic, result in zip(topics, results, strict=True):
        # The per-identifier answer repeats the topic's metadata; the demo keeps what the spider reads from it.
        metadata = {key: result["metadata"][key] for key in ("identifier", "title", "callIdentifier", "type")}
        metadata["descriptionByte"] = one(description_html(topic.get("description", "")))
        described = {**result, "metadata": metadata}
        envelope = {
            "terms": f'"{topic["topicId"]}"',
            "totalResults": 1,
            "pageNumber": 1,
            "pageSize": 10,
            "results": [described],
        }
        write(root, search_url(f'"{topic["topicId"]}"', 1, 10), json.dumps(envelope, ensure_ascii=False).encode())
    return len(topics)


# ---------------------------------------------------------------------------------------------- MS2021+

# The OP TAK calls of the optak demo pages (apiagentura.gov.cz), with the dates and allocation they show.
OPTAK_CALLS = (
    ("01_26_070", "Marketing – výzva III", "2026-05-15", "2026-06-18T10:00", "2026-10-19T10:00", 204_000_000),
    (
        "01_26_074",
        "STEP – výzkum a vývoj kritických technologií",
        "2026-06-02",
        "2026-07-01T10:00",
        "2026-12-31T10:00",
        1_500_000_000,
    ),
    (
        "01_26_076",
        "IPCEI – mikroelektronika a komunikační technologie",
        "2026-06-15",
        "2026-06-19T11:00",
        "2026-11-16T09:59",
        300_000_000,
    ),
    (
        "01_26_078",
        "Inovační vouchery – ochrana práv průmyslového vlastnictví – výzva III",
        "2026-02-10",
        "2026-03-02T10:00",
        "2026-12-31T11:00",
        1_500_000,
    ),
    ("01_26_080", "Inovační vouchery – výzva IV", "2026-07-15", "2026-08-01T10:00", "2027-04-30T11:00", 200_000_000),
    (
        "01_26_083",
        "Aplikace – Mezinárodní spolupráce",
        "2026-06-30",
        "2026-09-01T10:00",
        "2026-11-30T10:00",
        50_000_000,
    ),
    (
        "01_26_086",
        "Technologie pro MAS (CLLD) – výzva II. - méně rozvinuté regiony",
        "2026-08-01",
        "2026-09-01T10:00",
        "2027-09-01T10:00",
        345_000_000,
    ),
    ("01_26_091", "Poradenství - výzva III.", "2026-08-20", "2026-09-04T10:00", "2027-02-01T10:00", 50_000_000),
    (
        "01_26_093",
        "Technologie pro MAS (CLLD) - výzva II. - přechodové regiony",
        "2026-08-01",
        "2026-09-01T10:00",
        "2027-09-01T10:00",
        195_000_000,
    ),
    # A planned OP TAK call with no optak page yet: MS2021+ lists calls weeks before they open.
    (
        "01_26_097",
        "Inovace – Inovační projekty – výzva IV",
        "2027-01-12",
        "2027-02-02T10:00",
        "2027-05-31T14:00",
        1_200_000_000,
    ),
    (
        "01_26_098",
        "Aplikace – výzva VI (fotonika, optika a kvantové technologie)",
        "2027-02-01",
        "2027-03-02T10:00",
        "2027-07-30T14:00",
        900_000_000,
    ),
)
# The REAL fragments (sources/ms2021): OP Rybářství, 2026-09-17 export.
FRAGMENT = re.compile(r"<(NAZEV|DRUHVYZVY|VICEKOLOVA|DATUMOTEVRENI|DATUMUZAVRENI|ALOKACECELKEM)>([^<]*)</\1>")
STAV = {"Probíhající": "Otevřená", "Připravované": "Plánovaná", "Ukončené": "Uzavřená"}
CODE = re.compile(r"\b(\d{2}_\d{2}_\d{3})\b")


def ms_time(value: str, default: time) -> str:
    """`2026-11-09T13:00:00.000+01:00`: Prague wall time with its summer or winter offset."""
    if "T" in value:
        moment = datetime.fromisoformat(value).replace(tzinfo=PRAGUE)
    else:
        moment = datetime.combine(date.fromisoformat(value), default, tzinfo=PRAGUE)
    text = moment.strftime("%Y-%m-%dT%H:%M:%S.000%z")
    return text[:-2] + ":" + text[-2:]


def fragment_calls(data: Path) -> list[dict[str, str]]:
    calls = []
    code = None
    for line in (data / "sources" / "ms2021" / "SeznamVyzev_21_27_real_fragments.txt").read_text().splitlines():
        if line.startswith("# call "):
            code = line.split()[2].rstrip(":")
        elif line.startswith("<") and code:
            values = dict(FRAGMENT.findall(line))
            values.setdefault("NAZEV", f"{int(code[-3:])}. výzva OP Rybářství - Podpora rybolovu")
            calls.append({"KOD": code, **values})
            code = None
    for call in calls:
        # Still "Uzavřená" after 9 November 2026: the real export's state for these calls a week later.
        call["STAV"] = "Uzavrena" if call["DRUHVYZVY"] == "Kolova" else "Otevrena"
        call["DATUMZPRISTUPNENI"] = "2026-10-13T09:00:00.000+02:00"
        if call["DRUHVYZVY"] == "Prubezna":
            call["DATUMUZAVRENI"] = "2027-11-09T13:00:00.000+01:00"  # a continuous call's new yearly round
    return calls


def corpus_calls(data: Path, taken: set[str]) -> list[dict[str, str]]:
    """Calls of cz_calls_2026 with an MS2021+ code and dates (dotaceeu, OP JAK, OPZ+ records)."""
    calls = []
    for row in read_jsonl_gz(data / "corpora" / "cz_calls_2026.jsonl.gz"):
        if row["source_id"] not in {"dotaceeu-vyzvy", "op-jak", "mpsv-esf-opz-plus"}:
            continue
        codes = CODE.findall(f"{row.get('code') or ''} {row['title']} {row.get('text') or ''}")
        if row["source_id"] == "mpsv-esf-opz-plus":
            codes = [c for c in codes if c.endswith("_" + str(row.get("code") or "").zfill(3))]
        if not codes or not row.get("opening_date") or not row.get("closing_date") or codes[0] in taken:
            continue
        code = codes[0]
        taken.add(code)
        allocation = int(row.get("allocation_czk") or 0)
        opening, closing = date.fromisoformat(row["opening_date"]), date.fromisoformat(row["closing_date"])
        state = STAV.get(row["status"], "Rozpracovaná")
        if not code.startswith("03_") and date(2026, 7, 1) <= closing < SHIFT_BEFORE:
            # Calls that closed in the months before the snapshot come round again a year later, so the demo
            # keeps open and planned calls (OPZ+ keeps its real dates: the OPZ+ feed shows them).
            opening, closing = opening.replace(year=opening.year + 1), closing.replace(year=closing.year + 1)
            state = "Plánovaná" if opening > TODAY else "Otevřená"
        calls.append(
            {
                "KOD": code,
                "NAZEV": row["title"],
                "STAV": state,
                "DRUHVYZVY": "Kolova",
                "VICEKOLOVA": "Jednokolove",
                "DATUMZPRISTUPNENI": ms_time(opening.isoformat(), time(9, 0)),
                "DATUMOTEVRENI": ms_time(opening.isoformat(), time(9, 0)),
                "DATUMUZAVRENI": ms_time(closing.isoformat(), time(12, 0)),
                "ALOKACECELKEM": str(allocation) if 0 < allocation < 100_000_000_000 else "",
            }
        )
    return calls


def build_ms2021(data: Path, root: Path) -> int:
    calls = fragment_calls(data)
    for code, title, published, opens, closes, allocation in OPTAK_CALLS:
        state = "Plánovaná" if date.fromisoformat(opens[:10]) > TODAY else "Otevřená"
        if date.fromisoformat(closes[:10]) < TODAY:
            state = "Uzavřená"
        calls.append(
            {
                "KOD": code,
                "NAZEV": title,
                "STAV": state,
                "DRUHVYZVY": "Kolova",
                "VICEKOLOVA": "Jednokolove",
                "DATUMZPRISTUPNENI": ms_time(published, time(9, 0)),
                "DATUMOTEVRENI": ms_time(opens, time(10, 0)),
                "DATUMUZAVRENI": ms_time(closes, time(10, 0)),
                "ALOKACECELKEM": str(allocation),
            }
        )
    calls += corpus_calls(data, {c["KOD"] for c in calls})
    calls.sort(key=lambda c: c["KOD"])
    order = (
        "KOD",
        "NAZEV",
        "STAV",
        "DRUHVYZVY",
        "VICEKOLOVA",
        "DATUMZPRISTUPNENI",
        "DATUMOTEVRENI",
        "DATUMUZAVRENI",
        "ALOKACECELKEM",
    )
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<SeznamVyzev xmlns="https://ms21xsd.mssf.cz/OpenData/v_1" DATE="2026-11-20T20:45:00.000+01:00" '
        'LICENCE="Creative Commons (CC BY 4.0)" AUTOR="Ministerstvo pro místní rozvoj">',
    ]
    for call in calls:
        lines.append("  <VYZVA>")
        lines += [f"    <{name}>{escape(call[name])}</{name}>" for name in order if call.get(name)]
        lines.append("  </VYZVA>")
    lines.append("</SeznamVyzev>")
    write(root, FILE_URL, ("\n".join(lines) + "\n").encode())
    return len(calls)


# ---------------------------------------------------------------------------------------------- feeds

TACR = "Technologická agentura ČR"
# Competitions of the tacr demo pages (tacr.gov.cz/soutez/…), announced in the category feed.
TACR_ANNOUNCEMENTS = (
    (
        "tacr-vyhlasuje-forest-call-2026",
        "TA ČR vyhlašuje FOREST Call 2026",
        "2026-09-14T10:00",
        "https://tacr.gov.cz/soutez/forest/call-2026-4/",
        "Technologická agentura ČR se zapojuje do první výzvy evropského partnerství pro lesní sektor FOREST. "
        "Národní alokace činí 500 000 EUR, maximální podpora na projekt 170 000 EUR při intenzitě 80 %.",
    ),
    (
        "biodiversa-call-2026-biodivfuture",
        "Biodiversa+ Call 2026 (BiodivFuture) je otevřena",
        "2026-09-09T10:00",
        "https://tacr.gov.cz/soutez/partnerstvi-pro-biodiverzitu/call-2026-3/",
        "Poslední výzva partnerství Biodiversa+ podporuje výzkum budoucích scénářů biodiverzity.",
    ),
    (
        "sigma-18-dc1-vyhlaseni",
        "Vyhlášení osmnácté veřejné soutěže programu SIGMA – DC1",
        "2026-09-09T12:00",
        "https://tacr.gov.cz/soutez/program-sigma/osmnacta-verejna-soutez-%e2%81%a0%e2%81%a0%e2%81%a0%e2%81%a0"
        "%e2%81%a0%e2%81%a0-dilci-cil-1-podpora-komercializace-vavai/",
        "Malé podniky a start-upy mohou získat až 730 000 Kč (intenzita 70 %) na studie proveditelnosti "
        "komercializace výsledků VaVaI, s návazností na druhé kolo EIC Accelerator.",
    ),
    (
        "seal-of-excellence-eic-accelerator-06-2026",
        "Čtvrtá národní výzva Seal of Excellence – EIC Accelerator",
        "2026-10-01T09:00",
        "https://tacr.gov.cz/soutez/program-sigma/ctvrta-narodni-vyzva-dilci-cil-4-seal-of-excellence-eic-accelerator-06-2026/",
        "Podpora pro podniky, jejichž projekt získal v EIC Accelerator pečeť excelence.",
    ),
    (
        "m-era-net-call-2027",
        "M-ERA.NET Call 2027: materiály pro fotoniku a výrobu",
        "2026-11-16T09:00",
        "https://tacr.gov.cz/soutez/m-era-net/call-2027/",
        "Mezinárodní výzva M-ERA.NET podporuje výzkum materiálů, včetně materiálů pro fotoniku a optiku.",
    ),
    (
        "eurostars-3-call-12",
        "Partnerství Eurostars 3 – Call 12 pro inovativní MSP",
        "2026-10-15T09:00",
        "https://tacr.gov.cz/soutez/partnerstvi-innovative-smes-eurostars/partnerstvi-eurostars-3-call-12/",
        "Eurostars podporuje mezinárodní projekty inovativních malých a středních podniků.",
    ),
)
TACR_NEWS = (
    (
        "vysledky-7-verejne-souteze-programu-trend",
        "Výsledky 7. veřejné soutěže programu TREND",
        "2026-08-28T14:00",
        "Předsednictvo TA ČR schválilo výsledky 7. veřejné soutěže programu TREND.",
    ),
    (
        "ta-cr-na-dnech-inovaci-2026",
        "TA ČR na Dnech inovací 2026",
        "2026-08-20T09:45",
        "Přijďte za námi na stánek v pavilonu A.",
    ),
    (
        "novy-predseda-rady-programu",
        "Nový předseda Výzkumné rady TA ČR",
        "2026-10-05T11:00",
        "Výzkumná rada TA ČR má od října nového předsedu.",
    ),
)


def rfc2822(value: str, zone: ZoneInfo = PRAGUE) -> str:
    return format_datetime(datetime.fromisoformat(value).replace(tzinfo=zone).astimezone(UTC))


def wordpress_item(slug: str, title: str, when: str, body_html: str, categories: Iterable[str]) -> str:
    link = f"https://tacr.gov.cz/{slug}/"
    trailer = (
        f'<p>The post <a href="{link}">{escape(title)}</a> appeared first on '
        f'<a href="https://tacr.gov.cz">{TACR}</a>.</p>'
    )
    cats = "".join(f"\n\t\t<category><![CDATA[{c}]]></category>" for c in categories)
    return (
        f"\t<item>\n\t\t<title>{escape(title)}</title>\n\t\t<link>{link}</link>\n"
        f"\t\t<pubDate>{rfc2822(when)}</pubDate>{cats}\n"
        f'\t\t<guid isPermaLink="false">https://tacr.gov.cz/?p={abs(hash_slug(slug))}</guid>\n'
        f"\t\t<description><![CDATA[{body_html[:180]} [&#8230;]]]></description>\n"
        f"\t\t<content:encoded><![CDATA[{body_html}\n{trailer}\n]]></content:encoded>\n\t</item>"
    )


def hash_slug(slug: str) -> int:
    """A stable post number (Python's hash() is salted per process)."""
    return 60000 + sum(ord(c) * (i + 1) for i, c in enumerate(slug)) % 5000


def wordpress_feed(category: str, label: str, items: list[str]) -> bytes:
    head = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"\n'
        '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
        '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '\txmlns:atom="http://www.w3.org/2005/Atom"\n\t>\n\n<channel>\n'
        f"\t<title>{label} &#8211; {TACR}</title>\n"
        f'\t<atom:link href="https://tacr.gov.cz/kategorie/{category}/feed/" rel="self" type="application/rss+xml" />\n'
        "\t<link>https://tacr.gov.cz</link>\n\t<description>Technologická agentura České republiky</description>\n"
        "\t<lastBuildDate>Mon, 16 Nov 2026 08:00:00 +0000</lastBuildDate>\n\t<language>cs</language>\n"
        "\t<generator>https://wordpress.org/?v=6.8.3</generator>\n"
    )
    return (head + "\n".join(items[:10]) + "\n</channel>\n</rss>\n").encode()


def opz_feed(data: Path) -> bytes:
    rows = [
        r
        for r in read_jsonl_gz(data / "corpora" / "cz_calls_2026.jsonl.gz")
        if r["source_id"] == "mpsv-esf-opz-plus" and r.get("opening_date")
    ]
    items = []
    for row in sorted(rows, key=lambda r: r["opening_date"], reverse=True)[:12]:
        text = row.get("text") or ""
        start = text.find("Číslo:")
        stop = text.find("Specifický cíl:")
        facts = text[start:stop].strip() if start >= 0 else ""
        facts = re.sub(
            r"\s+(?=(Platnost od|Platnost do|Zahájení příjmu|Alokace v Kč|Poslední aktualizace)\b)", "<br />", facts
        )
        code = CODE.search(text[text.find("fóra:") :] if "fóra:" in text else "")
        forum = f"<p>Odkaz na související kluby fóra: {code.group(1)} {escape(row['title'])}</p>" if code else ""
        body = f"<p>{facts}</p><p>{escape(row.get('summary') or '')}</p>{forum}"
        when = rfc2822(row["opening_date"] + "T09:00")
        items.append(
            f"    <item>\n      <title>{escape(row['title'])}</title>\n      <link>{row['source_url']}</link>\n"
            f"      <description>{escape(body)}</description>\n      <pubDate>{when}</pubDate>\n"
            f"      <guid>{row['source_url']}</guid>\n      <dc:creator>MPSV</dc:creator>\n    </item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss xmlns:dc="http://purl.org/dc/elements/1.1/" version="2.0">\n'
        "  <channel>\n    <title>Přehled výzev OPZ+</title>\n"
        "    <link>https://www.esfcr.cz/prehled-vyzev-opz-plus/-/asset_publisher/SfUza2tXdZGm/rss</link>\n"
        "    <description>Přehled výzev OPZ+</description>\n    <language>cs-CZ</language>\n"
        + "\n".join(items)
        + "\n  </channel>\n</rss>\n"
    ).encode()


def build_feeds(data: Path, root: Path) -> int:
    calls = [
        wordpress_item(
            slug,
            title,
            when,
            f'<p>{escape(text)}</p>\n<p>Podrobnosti najdete na stránce <a href="{page}">soutěže</a>.</p>',
            ["Veřejné soutěže"],
        )
        for slug, title, when, page, text in sorted(TACR_ANNOUNCEMENTS, key=lambda a: a[2], reverse=True)
    ]
    news = [
        wordpress_item(slug, title, when, f"<p>{escape(text)}</p>", ["Aktuality"])
        for slug, title, when, text in TACR_NEWS
    ]
    write(
        root,
        "https://tacr.gov.cz/kategorie/verejne-souteze/feed/",
        wordpress_feed("verejne-souteze", "Veřejné soutěže", calls),
    )
    write(
        root,
        "https://tacr.gov.cz/kategorie/aktuality/feed/",
        wordpress_feed("aktuality", "Aktuality", news + calls[:2]),
    )
    write(root, "https://www.esfcr.cz/prehled-vyzev-opz-plus/-/asset_publisher/SfUza2tXdZGm/rss", opz_feed(data))
    return 3


README = """# Demo snapshot: SEDIA, MS2021+ and feeds (built by grantradar/demo/build_s1_sources.py)

- api.tech.ec.europa.eu — SEDIA search answers rendered from shared/data/corpora/eu_topics_2026.jsonl.gz
  (REAL-DERIVED topics: identifiers, titles, descriptions, conditions, budgets as stored there). Kept: open
  and forthcoming topics of HORIZON, DIGITAL, LIFE, SMP and I3 (the corpus has no EDF topic). Changed for the
  demo: deadlines before 1 Dec 2026 moved on by one year (so most calls are open in 2027); deadlines set to
  17:00 Brussels time; opening dates derived (open: 150 days before the deadline at most 18 days before
  21 Nov 2026; forthcoming: 120 days before, at least 18 days after); multi-cut-off topics get a second
  cut-off six months later; budgetOverview derived (maxContribution × expectedGrants in the deadline's year);
  status codes follow the derived dates. Listing pages answer for any POST body (the mirror's fallback).
- ms21opendata.mssf.cz/SeznamVyzev_21_27.xml — the REAL OP Rybářství fragments (sources/ms2021), the OP TAK
  calls of the optak demo pages (codes, dates and allocations as on those pages; 01_26_097 and 01_26_098 are
  planned calls invented for the demo), and the calls with codes and dates in cz_calls_2026.jsonl.gz
  (dotaceeu, OP JAK, OPZ+; real dates, many already closed, as in the real file, except that non-OPZ+ calls
  that closed between July and November 2026 come round a year later, so the demo has open and planned calls).
- tacr.gov.cz/kategorie/{verejne-souteze,aktuality}/feed/ — WordPress RSS in the verified shape, announcing the
  competitions of the tacr demo pages (their real URLs); texts written for the demo from the REAL-DERIVED
  values in sources/tacr. The news items are invented and are skipped by the spider.
- www.esfcr.cz/…/rss — the OPZ+ calls feed: titles, links, dates, allocations and codes of the OPZ+ records
  in cz_calls_2026.jsonl.gz (REAL-DERIVED page text).
"""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[3] / "shared" / "data")
    parser.add_argument("--snapshot", type=Path, default=DEFAULT_SNAPSHOT)
    args = parser.parse_args(argv)
    topics = build_sedia(args.data, args.snapshot)
    calls = build_ms2021(args.data, args.snapshot)
    feeds = build_feeds(args.data, args.snapshot)
    readme = args.snapshot / "README-s1.md"
    if not readme.exists() or readme.read_text() != README:
        readme.write_text(README)
    print(f"SEDIA topics: {topics}; MS2021+ calls: {calls}; feeds: {feeds}")


if __name__ == "__main__":
    main()
