"""Finding "label → value" pairs in HTML whose markup varies from page to page.

Czech public portals print the same labels in tables (`<td>Label</td><td>value</td>`), paragraphs
(`<p><strong>Label:</strong> value</p>`), definition lists and bare `Label: value` text. Spiders name the labels
they expect and get the value text plus the links inside it, whatever the markup. Matching ignores case,
diacritics and a trailing colon, because the same portal writes "Cíl/účel" and "Cíl/učel".

Pure functions over an lxml tree (`response.selector.root`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from spiders.czech import clean_text

_FOLD = str.maketrans(
    "áčďéěíňóřšťúůýžÁČĎÉĚÍŇÓŘŠŤÚŮÝŽäöüÄÖÜ",
    "acdeeinorstuuyzACDEEINORSTUUYZaouAOU",
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "head", "title"})


def fold(text: str) -> str:
    """Lower-cased, diacritics dropped, length preserved (so offsets in the folded text are valid)."""
    return clean_text(text).translate(_FOLD).lower()


@dataclass(frozen=True)
class Field:
    """The value printed next to a label: its text and the links (text, href) inside it."""

    text: str
    links: tuple[tuple[str, str], ...] = ()


def _text(node: Any) -> str:
    return clean_text(node.xpath("string()")) if isinstance(node.tag, str) else ""


def _elements(root: Any) -> Iterator[Any]:
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in _SKIP_TAGS:
            continue
        if any(a.tag in _SKIP_TAGS for a in element.iterancestors()):
            continue
        yield element


@dataclass(frozen=True)
class _Text:
    """An element's text, cleaned and folded once per page (every label variant is matched against it)."""

    element: Any
    clean: str
    folded: str


def _index(root: Any) -> list[_Text]:
    texts = []
    for element in _elements(root):
        clean = clean_text(_text(element))
        texts.append(_Text(element, clean, clean.translate(_FOLD).lower()))
    return texts


def _remainder(text: _Text, wanted: str) -> str | None:
    """What follows the label `wanted` (folded, colon stripped) in `text`, or None when `text` is not that label
    (a sentence merely starting with the label's words does not count: only nothing or a colon may follow it)."""
    if not text.folded.startswith(wanted):
        return None
    rest = text.clean[len(wanted) :]
    stripped = rest.lstrip()
    if stripped and not stripped.startswith(":"):
        return None
    return stripped[1:].strip() if stripped.startswith(":") else ""


def _links(nodes: Iterable[Any]) -> tuple[tuple[str, str], ...]:
    found: list[tuple[str, str]] = []
    for node in nodes:
        if not isinstance(node.tag, str):
            continue
        anchors = [node] if node.tag == "a" else node.iter("a")
        for anchor in anchors:
            href = (anchor.get("href") or "").strip()
            if href:
                found.append((_text(anchor), href))
    return tuple(found)


def _value_after(element: Any) -> Field | None:
    """The text after a label element: its tail and following siblings up to the first non-empty text; failing
    that, the parent's next sibling (`<th><b>Label</b></th><td>value</td>`)."""
    for holder in (element, element.getparent()):
        if holder is None:
            return None
        text = clean_text(holder.tail)
        nodes: list[Any] = []
        for sibling in holder.itersiblings():
            if text:
                break
            nodes.append(sibling)
            text = clean_text(f"{text} {_text(sibling)} {sibling.tail or ''}")
        if text:
            return Field(text, _links(nodes))
        if holder is not element:
            break
    return None


def find_field(root: Any, *labels: str) -> Field | None:
    """The value of the first of `labels` (variants of one label, tried in order) found on the page, or None
    when none is there (or has no value)."""
    return _find_first(_index(root), labels)


def _find_first(texts: list[_Text], labels: Iterable[str]) -> Field | None:
    for label in labels:
        value = _find_one(texts, label)
        if value is not None:
            return value
    return None


def _find_one(texts: list[_Text], label: str) -> Field | None:
    wanted = fold(label).rstrip(":").strip()
    matches = [(text.element, rest) for text in texts if (rest := _remainder(text, wanted)) is not None]
    candidates = [element for element, _rest in matches]
    # The deepest match is the label itself; its ancestors match only because they start with it.
    deepest = [
        (el, rest)
        for el, rest in matches
        if not any(other is not el and el in other.iterancestors() for other in candidates)
    ]
    for element, rest in deepest:
        if rest:
            return Field(rest, _links([element]))
        value = _value_after(element)
        if value is not None:
            return value
    return None


def find_fields(root: Any, labels: dict[str, tuple[str, ...]]) -> dict[str, Field]:
    """`find_field` for several named labels (name → variants); labels not found are left out. The page's
    texts are read once for all of them."""
    texts = _index(root)
    found = {}
    for name, variants in labels.items():
        value = _find_first(texts, variants)
        if value is not None:
            found[name] = value
    return found
