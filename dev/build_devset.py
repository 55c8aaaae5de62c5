# ruff: noqa: E501  (label tables: one item per line, reasons written out)
"""Build the matcher's labelled development set, matcher/devset/devset.jsonl, from the shared corpora.

Usage: python dev/build_devset.py [DATA_DIR]   (default ../shared/data)

Each item: id, source (which corpus), title, description, language, labels (pillar slugs), reason. Labels are
ours, assigned by reading each text: POSITIVES and HARD_NEGATIVES below carry a reason written per item; the
other negatives are a fixed, deterministic sample of the corpora whose titles we read and found unrelated to
optics, photonics, lighting, lasers and electron microscopy (their reason says so and names the topic). The
CONSTRUCTED items are written by us in the style of real calls for cases the 2026 corpora lack (military
optics, electron microscopy, Czech lighting and laser calls); bench reports them separately.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "matcher" / "devset" / "devset.jsonl"
ICO, MIL, LIG, LAS, EM = "industrial-consumer-optics", "military-optics", "lighting", "lasers", "electron-microscopy"

# (corpus id) -> (labels, reason)
POSITIVES: dict[str, tuple[list[str], str]] = {
    "HORIZON-JU-CHIPS-2026-FT2-IA": (
        [ICO, LAS],
        "Photonics pilot lines: wafer-level photonic processes, co-packaged optics, on-chip lasers.",
    ),
    "HORIZON-JU-EUROHPC-2026-PQC-06-01": (
        [ICO],
        "Photonic quantum computing: single-photon sources, photonic hardware - optics/photonics core.",
    ),
    "HORIZON-EURATOM-2027-02-01": (
        [LAS],
        "Fusion enabling technologies explicitly include high-power lasers and optical technologies for inertial confinement fusion.",
    ),
    "HORIZON-JU-CHIPS-2026-3-RIA": (
        [ICO],
        "International chips call naming photonic chip technologies among its scope; weaker but genuine photonics fit.",
    ),
    "HORIZON-CL4-2027-01-MAT-PROD-02": (
        [ICO],
        "Advanced manufacturing for key products lists photonics as an eligible technology area.",
    ),
    "HORIZON-CL4-2026-SPACE-03-31": (
        [ICO],
        "EO/satcom building blocks including RF and optical hybrid ground stations (optical terminals).",
    ),
    "HORIZON-CL4-2026-SPACE-03-32": (
        [ICO],
        "EO demonstration missions with optical inter-satellite links - optical payload work.",
    ),
    "451746252554": (
        [LIG],
        "National Recovery Plan call for reconstruction of public lighting (veřejné osvětlení): luminaire suppliers' business.",
    ),
    "dotace-nshv-21-hranicni-kontrola-2": (
        [ICO],
        "Border control document-examination kit: optical document examination devices (UV/IR optics); borderline.",
    ),
}
HARD_NEGATIVES: dict[str, str] = {
    "HORIZON-NEB-2026-01-PARTICIPATION-01": "'housing-led' approaches: the word 'led' is not LED lighting.",
    "HORIZON-CL5-2026-10-D2-03": "Battery cell production; 'laser patterning' is one incidental process among many.",
    "HORIZON-JU-SNS-2026-FEM-STREAM-B-02": "RF front-end microelectronics; optical technologies mentioned only as possibly in scope.",
    "HORIZON-JU-EUROHPC-2026-NGC-04-01": "Quantum inertial sensors (atomic vapours, defect centres); navigation, not optics business.",
    "841433261884": "Digital very-high-capacity networks (NPO 1.3): broadband roll-out, optical fibre as cable, not optics.",
    "773088014251": "Public consultation on high-speed internet networks: broadband, not optics.",
    "CEF-E-2026-PCI-PMI-WORKS": "Energy network infrastructure works.",
    "HORIZON-EIC-2026-DEFENCE-01": "EIC defence call without any optical/sensor topic in the text: defence in general, not military optics.",
    "HORIZON-CL3-2026-02-CS-ECCC-02": "AI security ('defence' against attacks on models): cyber, not military optics.",
    "HORIZON-CL2-2026-01-DEMOCRACY-01": "Gender-based violence; 'through the lens' is a metaphor.",
    "dotace-optak-ipcei-mikroelektronika": "IPCEI microelectronics: chips, not optics (unless a photonics IPCEI, which this is not).",
    "dotace-irop-117-izs-praha": "Emergency services equipment and vehicles.",
    "212090280243": "Interest-free loan ENERG for energy savings in firms; lighting only as one eligible saving measure.",
}

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


def main(data_dir: Path) -> None:
    def read(name: str) -> list[dict]:
        with gzip.open(data_dir / "corpora" / name, "rt", encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]

    corpora = [
        ("eu_topics_2026", read("eu_topics_2026.jsonl.gz"), "topicId", _eu, 4),
        ("cz_calls_2026", read("cz_calls_2026.jsonl.gz"), "id", _cz, 5),
        ("cz_grant_signals_2026", read("cz_grant_signals_2026.jsonl.gz"), "id", _sig, 3),
    ]
    items: list[dict] = []
    seen: set[str] = set()
    for source, rows, key, convert, stride in corpora:
        for index, row in enumerate(rows):
            native = str(row[key])
            if native in seen:
                continue
            if native in POSITIVES:
                labels, reason = POSITIVES[native]
            elif native in HARD_NEGATIVES:
                labels, reason = [], "hard negative: " + HARD_NEGATIVES[native]
            elif index % stride == 0:
                labels = []
                reason = f"read, unrelated to the five pillars: {row['title'][:90]}"
            else:
                continue
            seen.add(native)
            items.append(
                {"id": f"{source}:{native}", "source": source, **convert(row), "labels": labels, "reason": reason}
            )
    for number, item in enumerate(CONSTRUCTED, 1):
        items.append({"id": f"constructed:{number:02d}", "source": "constructed", **item})
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    positives = sum(1 for i in items if i["labels"])
    print(f"{len(items)} items ({positives} with a pillar label) -> {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "data")
