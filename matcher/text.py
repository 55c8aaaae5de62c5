"""Text normalisation for Czech and English: clean, tokenise, lemmatise, fold, stem.

Every text goes through `analyse(text, lang)`, which returns `Token`s carrying both the surface word (kept for
display in explanations) and the matching key: lower-cased, lemmatised with simplemma, diacritics folded and
lightly stemmed, so that "laserové", "laserový" and "laser" meet, and so do "svítidla" and "svítidlo".
Short all-capital acronyms keep their case ("LED", "SEM", "TEM", "FIB") because their lower-case twins are
ordinary words ("led" = ice in Czech and a past tense in English, "sem" = here).

Everything here is a pure function of its input; results are cached per word because vocabularies are small.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import simplemma

from matcher.stopwords import STOP_CS, STOP_EN

LANGS = ("cs", "en")

# Boilerplate that says nothing about a call's topic, removed before analysis.
_BOILERPLATE = [
    re.compile(r"The post .{0,300}? appeared first on .{0,200}?(?:\.|$)", re.I | re.S),
    re.compile(r"Příspěvek .{0,300}? se (?:nejdříve|poprvé) objevil (?:na|v) .{0,200}?(?:\.|$)", re.I | re.S),
    re.compile(r"Přidat do svého kalendáře", re.I),
    re.compile(r"©.{0,120}?(?:všechna práva vyhrazena|all rights reserved)", re.I),
    re.compile(r"(?:Zásady používání souborů cookie|Používáme cookies?|We use cookies)[^.]{0,300}\.?", re.I),
    re.compile(r"\b(?:Mapa webu|Přeskočit na obsah|Skip to (?:main )?content|Všechny výzvy)\b", re.I),
]
# EU topic texts end with standard admissibility/eligibility legalese that every topic shares; cut from there.
_LEGALESE_START = re.compile(
    r"(?:General conditions\s*1\.|Admissibility (?:and|&) eligibility conditions|"
    r"Legal and financial set-up of the Grant Agreements?|Proposal page limits and layout|"
    r"Obecné podmínky způsobilosti|Podmínky přijatelnosti a způsobilosti)",
    re.I,
)
_TAG = re.compile(r"<[^>]{0,2000}>")
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)
_SPACE = re.compile(r"\s+")
# Words: letters with inner digits allowed (“UV-C” splits at the hyphen, “5G” stays); numbers alone are dropped.
_WORD = re.compile(r"[^\W\d_](?:[^\W_]|(?<=\w)['’](?=\w))*|\d+[^\W\d_]+[^\W_]*", re.U)
_MOJIBAKE_MARKS = ("â€", "Ã", "Å", "Ä", "Â")

# English lemmas that simplemma turns into a different, ambiguous word ("lighting" -> "light").
_EN_KEEP = frozenset({"lighting", "imaging", "sensing", "optics", "photonics", "optronics", "electronics"})


@dataclass(frozen=True, slots=True)
class Token:
    surface: str  # the word as written, for display
    key: str  # the normalised matching key
    field: str  # "title" or "body"


def fix_mojibake(text: str) -> str:
    """Repair UTF-8 text that was decoded as cp1252 ("â€™" -> "’"), when the repair is clean."""
    if not any(mark in text for mark in _MOJIBAKE_MARKS):
        return text
    try:
        return text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass
    # Mixed text: repair the common sequences one by one.
    out = text
    for bad in ("â€™", "â€œ", "â€\x9d", "â€“", "â€”", "â€˜", "â€¦", "Â "):
        try:
            out = out.replace(bad, bad.encode("cp1252", errors="ignore").decode("utf-8", errors="ignore"))
        except UnicodeError:
            continue
    return out


def clean_text(raw: str | None) -> str:
    """Plain, whitespace-normalised text: HTML removed, mojibake repaired, boilerplate and legalese cut."""
    if not raw:
        return ""
    text = _SCRIPT.sub(" ", raw)
    text = _TAG.sub(" ", text)
    text = html.unescape(text)
    text = fix_mojibake(text)
    match = _LEGALESE_START.search(text)
    if match and match.start() > 200:  # only a tail; a text that *is* conditions keeps its words
        text = text[: match.start()]
    for pattern in _BOILERPLATE:
        text = pattern.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower-case and strip diacritics ("Světelná" -> "svetelna")."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Czech case endings (diacritics folded), longest first: a light stemmer after Dolamic & Savoy (2009).
_CS_SUFFIXES = tuple(
    sorted(
        [
            "atech",
            "etem",
            "atum",
            "ech",
            "ich",
            "eho",
            "emi",
            "emu",
            "ete",
            "eti",
            "iho",
            "imi",
            "imu",
            "ach",
            "ata",
            "aty",
            "ych",
            "ama",
            "ami",
            "ove",
            "ovi",
            "ymi",
            "ie",
            "em",
            "es",
            "im",
            "um",
            "at",
            "am",
            "os",
            "us",
            "ym",
            "mi",
            "ou",
            "e",
            "i",
            "u",
            "y",
            "a",
            "o",
        ],
        key=len,
        reverse=True,
    )
)


def cs_stem(word: str) -> str:
    """Strip one Czech case ending, then a possessive/adjectival "-ov"/"-in", "-ick" -> "-ik"."""
    if len(word) < 4:
        return word
    for suffix in _CS_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 5 and word.endswith(("ov", "in")):
        word = word[:-2]
    if word.endswith("ick") and len(word) > 5:
        word = word[:-3] + "ik"  # optický ~ optika, elektronický ~ elektronika
    return word


def en_stem(word: str) -> str:
    """A light English stemmer after lemmatisation: optical ~ optics ~ optic, luminaires ~ luminaire."""
    if len(word) < 4:
        return word
    if word.endswith("ical"):
        return word[:-4] + "ic"
    if word.endswith("ics"):
        return word[:-1]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 4:
        word = word[:-1]
    if word.endswith(("e", "y")) and len(word) > 5:
        word = word[:-1]
    return word


@lru_cache(maxsize=200_000)
def word_key(word: str, lang: str) -> str:
    """The matching key of one lower-case word in `lang` ("cs" or "en")."""
    if lang == "en" and word in _EN_KEEP:
        lemma = word
    else:
        try:
            lemma = simplemma.lemmatize(word, lang=lang)
        except ValueError:
            lemma = word
    folded = fold(lemma)
    return cs_stem(folded) if lang == "cs" else en_stem(folded)


def _is_acronym(word: str) -> bool:
    return 2 <= len(word) <= 4 and word.isupper() and word.isalpha()


_CS_LETTERS = frozenset("áčďéěíňóřšťúůýž")


def detect_language(text: str) -> str:
    """ "cs" or "en" by Czech letters and stop words; English when there is nothing to tell."""
    sample = text[:3000].lower()
    words = re.findall(r"\w+", sample)
    if not words:
        return "en"
    cs_letters = sum(1 for ch in sample if ch in _CS_LETTERS)
    folded = [fold(w) for w in words]
    cs_hits = sum(1 for w in folded if w in STOP_CS) + cs_letters / 3
    en_hits = sum(1 for w in words if w in STOP_EN)
    return "cs" if cs_hits > en_hits else "en"


def analyse(text: str, lang: str, field: str = "body", shouting: bool | None = None) -> list[Token]:
    """Tokens of `text` (already cleaned) with their keys; stop words and one-letter words dropped.

    `shouting`: the text is mostly upper case (an EU title in capitals), so capitals mean nothing there and
    acronyms are not kept; by default it is decided from the text itself.
    """
    if lang not in LANGS:
        lang = detect_language(text)
    if shouting is None:
        letters = [ch for ch in text[:2000] if ch.isalpha()]  # a sample decides; texts do not change voice
        shouting = bool(letters) and sum(ch.isupper() for ch in letters) > 0.6 * len(letters)
    stop = STOP_CS if lang == "cs" else STOP_EN
    tokens: list[Token] = []
    for match in _WORD.finditer(text):
        word = match.group(0)
        if not shouting and _is_acronym(word):
            tokens.append(Token(word, word, field))
            continue
        lower = word.lower()
        if len(lower) < 2 or fold(lower) in stop:
            continue
        key = word_key(lower, lang)
        if len(key) < 2 or key in stop:
            continue
        tokens.append(Token(word, key, field))
    return tokens


def phrase_keys(phrase: str, lang: str) -> tuple[str, ...]:
    """The key sequence of a vocabulary phrase, as it would appear in analysed text of language `lang`."""
    return tuple(t.key for t in analyse(phrase, lang, shouting=False))
