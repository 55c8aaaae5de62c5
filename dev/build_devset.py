# ruff: noqa: E501  (constructed items: one text per line)
"""Build the matcher's labelled development set, matcher/devset/devset.jsonl.gz, from the shared corpora.

Usage: python dev/build_devset.py [DATA_DIR]   (default ../shared/data)

Every real item of the three corpora (eu_topics_2026, cz_calls_2026, cz_grant_signals_2026) is in the set. Its
labels come from matcher/devset/labels.csv, keyed by id, which we wrote by hand (see matcher/devset/TUNING.md for
the method): `labels` (pillar slugs, ";"-separated, empty = none), `label_method` ("read": title and the text
around every optics-like word were read; "scan+title": no optics-like word in the broad bilingual keyword scan and
the title was read), `generic` ("1": an open R&D/innovation call any member could use, a negative for pillar
AP) and a one-line `reason`. A corpus item without a row is an error, so a changed corpus cannot silently enter
the set unlabelled.

Real items are split deterministically into a `tune` half and a `holdout` half by a hash of the normalised
title, so that the same call published on two portals lands in the same half; we look at errors on `tune`
only. The CONSTRUCTED items are written by us in the style of real calls for cases the 2026 corpora lack
(military optics, electron microscopy, Czech lighting and laser calls); their split is "constructed".
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import re
import sys
from pathlib import Path

DEVSET_DIR = Path(__file__).resolve().parent.parent / "matcher" / "devset"
# Gzipped: the texts are 4 MB as plain JSONL, 1 MB compressed.
OUT = DEVSET_DIR / "devset.jsonl.gz"
LABELS = DEVSET_DIR / "labels.csv"
ICO, MIL, LIG, LAS, EM = "industrial-consumer-optics", "military-optics", "lighting", "lasers", "electron-microscopy"
SLUGS = frozenset({ICO, MIL, LIG, LAS, EM})

CONSTRUCTED: list[dict] = [
    {
        "title": "Laserové svařování a řezání pro strojírenské podniky",
        "description": "Podpora zavádění technologií laserového svařování, vláknových laserů a laserového značení v malých a středních podnicích.",
        "language": "cs",
        "labels": [LAS],
        "reason": "Czech laser welding/cutting call (brief's case).",
    },
    {
        "title": "Vývoj ultrakrátkých pulzních laserů pro mikroobrábění",
        "description": "Aplikovaný výzkum femtosekundových laserů a laserového mikroobrábění skla a kovů.",
        "language": "cs",
        "labels": [LAS],
        "reason": "Ultrafast laser sources and micromachining.",
    },
    {
        "title": "High-power laser facilities: access for industry",
        "description": "Transnational access to high-power laser research infrastructures such as ELI Beamlines and HiLASE for laser-matter interaction experiments.",
        "language": "en",
        "labels": [LAS],
        "reason": "Laser research infrastructures.",
    },
    {
        "title": "Laser-based additive manufacturing of metal parts",
        "description": "Selective laser melting and laser metal deposition for aerospace components, process monitoring.",
        "language": "en",
        "labels": [LAS],
        "reason": "Laser additive manufacturing.",
    },
    {
        "title": "Next-generation night vision and optronics for dismounted soldiers",
        "description": "European Defence Fund topic: image intensifiers, thermal imaging weapon sights, electro-optical/infrared sensors and laser rangefinders.",
        "language": "en",
        "labels": [MIL, LAS],
        "reason": "EDF optronics (brief's case); laser rangefinders also lasers.",
    },
    {
        "title": "Obranný výzkum: termovizní zaměřovače a noční vidění",
        "description": "Program ministerstva obrany na vývoj termovizních kamer, zaměřovačů a přístrojů nočního vidění pro Armádu ČR.",
        "language": "cs",
        "labels": [MIL],
        "reason": "Czech defence R&D on thermal sights and night vision.",
    },
    {
        "title": "Counter-drone detection with EO/IR sensors",
        "description": "Defence topic on detection and tracking of small drones using electro-optical and infrared cameras and lidar.",
        "language": "en",
        "labels": [MIL],
        "reason": "Counter-UAS with EO/IR optics.",
    },
    {
        "title": "Periscopes and fire-control optics for armoured vehicles",
        "description": "Development of periscopes, gunner sights and fire control systems for land forces.",
        "language": "en",
        "labels": [MIL, ICO],
        "reason": "Military optical instruments.",
    },
    {
        "title": "Modernizace veřejného osvětlení v obcích Olomouckého kraje",
        "description": "Dotace na výměnu svítidel veřejného osvětlení za LED svítidla s řízením osvětlení a snížení světelného znečištění.",
        "language": "cs",
        "labels": [LIG],
        "reason": "Czech public lighting retrofit (brief's case: svítidla, LED).",
    },
    {
        "title": "Energy-efficient luminaires and smart lighting controls",
        "description": "Innovation action on LED luminaires, human-centric lighting and lighting control for offices and industry.",
        "language": "en",
        "labels": [LIG],
        "reason": "Luminaires/LED (brief's case).",
    },
    {
        "title": "Automotive headlamps with adaptive LED matrix",
        "description": "Research on adaptive headlamps, OLED signal lights and glare-free automotive lighting.",
        "language": "en",
        "labels": [LIG],
        "reason": "Automotive lighting.",
    },
    {
        "title": "Výzkum světelných zdrojů a fotometrie",
        "description": "Aplikovaný výzkum v oblasti světelné techniky: nové světelné zdroje, fotometrie a kolorimetrie svítidel.",
        "language": "cs",
        "labels": [LIG],
        "reason": "Czech lighting technology research.",
    },
    {
        "title": "Pořízení elektronového mikroskopu pro výzkumné organizace",
        "description": "Investice do výzkumné infrastruktury: rastrovací elektronový mikroskop (SEM), transmisní elektronový mikroskop (TEM) a FIB.",
        "language": "cs",
        "labels": [EM],
        "reason": "Czech electron microscope (brief's case: SEM/TEM/FIB).",
    },
    {
        "title": "Cryo-electron microscopy for structural biology",
        "description": "Research infrastructure services in cryo-EM and electron tomography, new direct electron detectors.",
        "language": "en",
        "labels": [EM],
        "reason": "Cryo-EM.",
    },
    {
        "title": "Focused ion beam nanofabrication and electron beam lithography",
        "description": "Pilot line for FIB milling, electron-beam lithography and in situ SEM characterisation of nanostructures.",
        "language": "en",
        "labels": [EM],
        "reason": "FIB / e-beam.",
    },
    {
        "title": "Přesná optika a optické vrstvy pro kosmické přístroje",
        "description": "Vývoj asférické optiky, dielektrických zrcadel a optických vrstev pro družicové dalekohledy.",
        "language": "cs",
        "labels": [ICO],
        "reason": "Czech precision optics and coatings.",
    },
    {
        "title": "Photonic integrated circuits for sensing",
        "description": "Silicon photonics and integrated photonics platforms for optical sensors and spectrometers.",
        "language": "en",
        "labels": [ICO],
        "reason": "Integrated photonics.",
    },
    {
        "title": "Ophthalmic lenses and eyewear manufacturing",
        "description": "Innovation in spectacle lenses, contact lenses and optical coatings for consumer eyewear.",
        "language": "en",
        "labels": [ICO],
        "reason": "Consumer optics.",
    },
    {
        "title": "Machine vision and optical inspection in manufacturing",
        "description": "Optical metrology, hyperspectral cameras and machine vision for quality inspection.",
        "language": "en",
        "labels": [ICO],
        "reason": "Industrial optical inspection.",
    },
    {
        "title": "Modernisation of furniture workshops: laser-cut metal parts",
        "description": "Support for furniture makers investing in laser-cut metal components and upholstery lines.",
        "language": "en",
        "labels": [],
        "reason": "Brief's negative: laser as a bought tool in furniture making.",
    },
    {
        "title": "Optical fibre broadband roll-out in rural areas",
        "description": "Gigabit broadband networks: fibre-to-the-home in white areas, last mile connections for households.",
        "language": "en",
        "labels": [],
        "reason": "Brief's negative: fibre broadband roll-out.",
    },
    {
        "title": "Výstavba vysokorychlostního internetu v bílých místech",
        "description": "Pokládka optických kabelů a přípojky k vysokorychlostnímu internetu pro domácnosti.",
        "language": "cs",
        "labels": [],
        "reason": "Czech broadband roll-out (optické kabely).",
    },
    {
        "title": "Podpora nákupu nábytku s laserovým řezáním pro školy",
        "description": "Vybavení škol nábytkem; výrobci mohou využít laserové řezání kovových dílů.",
        "language": "cs",
        "labels": [],
        "reason": "Furniture purchase; laser cutting incidental.",
    },
    {
        "title": "Cyber defence capabilities for public administrations",
        "description": "Cybersecurity tools, cyber defence exercises and incident response for ministries.",
        "language": "en",
        "labels": [],
        "reason": "Cyber defence, not military optics.",
    },
]


def _eu(row: dict) -> dict:
    return {"title": row["title"], "description": row.get("description") or "", "language": "en"}


def _cz(row: dict) -> dict:
    text = " ".join(x for x in (row.get("summary"), row.get("text")) if x)
    lang = "en" if str(row.get("source_id", "")).startswith("eu-funding") else "cs"
    return {"title": row["title"], "description": text, "language": lang}


def _sig(row: dict) -> dict:
    text = " ".join(x for x in (row.get("summary"), row.get("money_note"), row.get("quote")) if x)
    return {"title": row["title"], "description": text, "language": "en"}


def split_of(title: str) -> str:
    """The split, "tune" or "holdout", from a hash of the title with case, punctuation and spacing removed."""
    key = re.sub(r"[\W_]+", "", title.lower())
    return "tune" if hashlib.sha1(key.encode("utf-8")).digest()[0] % 2 == 0 else "holdout"


def read_labels(path: Path) -> dict[str, dict]:
    """id -> {labels, label_method, generic, reason}; raises ValueError on an unknown slug or method."""
    out: dict[str, dict] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), 2):
            labels = [s for s in (row["labels"] or "").split(";") if s]
            if not set(labels) <= SLUGS or row["label_method"] not in ("read", "scan+title") or not row["reason"]:
                raise ValueError(f"{path}:{line}: bad row {row}")
            if row["id"] in out:
                raise ValueError(f"{path}:{line}: duplicate id {row['id']}")
            out[row["id"]] = {
                "labels": labels,
                "label_method": row["label_method"],
                "generic": row["generic"] == "1",
                "reason": row["reason"],
            }
    return out


def main(data_dir: Path) -> None:
    def read(name: str) -> list[dict]:
        with gzip.open(data_dir / "corpora" / name, "rt", encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]

    labels = read_labels(LABELS)
    corpora = [
        ("eu_topics_2026", read("eu_topics_2026.jsonl.gz"), "topicId", _eu),
        ("cz_calls_2026", read("cz_calls_2026.jsonl.gz"), "id", _cz),
        ("cz_grant_signals_2026", read("cz_grant_signals_2026.jsonl.gz"), "id", _sig),
    ]
    items: list[dict] = []
    missing: list[str] = []
    for source, rows, key, convert in corpora:
        for row in rows:
            item_id = f"{source}:{row[key]}"
            label = labels.pop(item_id, None)
            if label is None:
                missing.append(item_id)
                continue
            item = {"id": item_id, "source": source, **convert(row)}
            items.append({**item, "split": split_of(item["title"]), **label})
    if missing or labels:
        raise SystemExit(
            f"labels.csv out of step with the corpora: {len(missing)} unlabelled items (e.g. {missing[:3]}), "
            f"{len(labels)} labels without an item (e.g. {list(labels)[:3]})"
        )
    for number, item in enumerate(CONSTRUCTED, 1):
        items.append(
            {
                "id": f"constructed:{number:02d}",
                "source": "constructed",
                **item,
                "split": "constructed",
                "label_method": "read",
                "generic": False,
            }
        )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same items give the same bytes, so a rebuild shows no spurious change.
    with gzip.GzipFile(OUT, "wb", mtime=0) as raw, io.TextIOWrapper(raw, encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    for split in ("tune", "holdout", "constructed"):
        part = [i for i in items if i["split"] == split]
        print(f"{split:12} {len(part):5} items, {sum(1 for i in part if i['labels']):3} with a pillar label")
    print(f"{len(items)} items -> {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "data")
