"""Text normalisation for Czech and English: clean, tokenise, lemmatise, fold, stem.

Every text goes through `analyse(text, lang)`, which returns `Token`s carrying both the surface word (kept for
display in explanations) and the matching key: lower-cased, lemmatised with simplemma, diacritics folded and
lightly stemmed, so that "laserové", "laserový" and "laser" meet, and so do "svítidla" and "svítidlo".
Short all-capital acronyms keep their case ("LED", "SEM", "TEM", "FIB") because their lower-case twins are
ordinary words ("led" = ice in Czech and a past tense in English, "sem" = here).

Everything here is a pure function of its input; results are cached per word because vocabularies are small.
"""

from __future__ import annotations

import codecs
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


# One UTF-8 character read as cp1252: a lead byte and 1-3 continuation bytes, which cp1252 shows as "\x80".."¿"
# or as its punctuation letters (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ); the five bytes cp1252
# leaves undefined (81 8D 8F 90 9D) survive as control characters of the same number. Only the leads that
# European text produces are taken - Â Ã Ä Å (U+0080-017F: nbsp, accented letters, č ř š ž), â (U+2000-2FFF:
# dashes, quotes, €, ™) and ð (emoji) - so that a genuine "É" or "í" before a quote or a no-break space stays.
_CP1252_CONT = (
    "\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    "\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_MOJIBAKE_SEQ = re.compile(f"[\xc2-\xc5\xe2\xf0][{_CP1252_CONT}]{{1,3}}")
_CP1252_UNDEFINED = frozenset("\x81\x8d\x8f\x90\x9d")


def _undefined_as_bytes(error: UnicodeError) -> tuple[bytes, int]:
    """Encoding error handler: the five characters cp1252 leaves undefined become their own byte."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    chunk = error.object[error.start : error.end]
    if not all(ch in _CP1252_UNDEFINED for ch in chunk):
        raise error
    return bytes(ord(ch) for ch in chunk), error.end


codecs.register_error("grantradar-cp1252-undefined", _undefined_as_bytes)


def _as_cp1252_bytes(text: str) -> bytes:
    """cp1252 bytes of `text`, an undefined character as its own byte; UnicodeEncodeError when impossible.
    One C-level encode (the codec is stateless, so this equals encoding character by character)."""
    return text.encode("cp1252", errors="grantradar-cp1252-undefined")


def _repair_sequence(match: re.Match[str]) -> str:
    """One mojibake sequence back to its character; the longest prefix that is valid UTF-8 wins."""
    seq = match.group(0)
    for end in range(len(seq), 1, -1):
        try:
            return _as_cp1252_bytes(seq[:end]).decode("utf-8") + seq[end:]
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return seq


def fix_mojibake(text: str) -> str:
    """Repair UTF-8 text that was decoded as cp1252 ("â€™" -> "’", "decisionâ€‘making" -> "decision‑making").

    Whole text first; a text that also holds good non-cp1252 characters (Czech letters, a real "€") cannot be
    re-encoded as a whole, so then each mojibake sequence is repaired on its own. Without this, a word glued to
    a broken hyphen or space ("photonicâ€‘integrated", "ExcellenceÂ ") is a different word to the matcher.
    """
    if not any(mark in text for mark in _MOJIBAKE_MARKS):
        return text
    try:
        return _as_cp1252_bytes(text).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass
    return _MOJIBAKE_SEQ.sub(_repair_sequence, text)


# Small: a call's description is cleaned twice in a row (for its doc, then to locate example lists and URLs).
@lru_cache(maxsize=16)
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
    tokens: list[Token] = []
    for word in _WORD.findall(text):
        if not shouting and _is_acronym(word):
            tokens.append(Token(word, word, field))
            continue
        token = _word_token(word, lang, field)
        if token is not None:
            tokens.append(token)
    return tokens


@lru_cache(maxsize=200_000)
def _word_token(word: str, lang: str, field: str) -> Token | None:
    """The token of a (non-acronym) word as written, or None for a stop word or a word too short to count.

    Cached per written word: texts repeat their words, and this is the inner loop of every analysis. Tokens are
    immutable, so the texts that use a word share one Token object (which also keeps analysed texts small)."""
    stop = STOP_CS if lang == "cs" else STOP_EN
    lower = word.lower()
    if len(lower) < 2 or fold(lower) in stop:
        return None
    key = word_key(lower, lang)
    if len(key) < 2 or key in stop:
        return None
    return Token(word, key, field)


def phrase_keys(phrase: str, lang: str) -> tuple[str, ...]:
    """The key sequence of a vocabulary phrase, as it would appear in analysed text of language `lang`."""
    return tuple(t.key for t in analyse(phrase, lang, shouting=False))
