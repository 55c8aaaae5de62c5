"""Label → value pairs in the markups Czech portals use (spiders.labels)."""

from __future__ import annotations

from parsel import Selector

from spiders.labels import Field, find_field, find_fields

PAGE = """<html><head><title>Příjem žádostí</title></head><body>
<table>
  <tr><td>Příjem žádostí</td><td>1. 2. 2026 - 28. 2. 2026</td></tr>
  <tr><th><b>Cíl/učel programu:</b></th><td>Podpora <a href="/a.pdf">regionu</a></td></tr>
</table>
<p><strong>Alokace:</strong> 10 mil. Kč</p>
<p>Příjem žádostí bude zahájen později.</p>
<dl><dt>Žadatelé</dt><dd>obce a spolky</dd></dl>
<script>var x = "Alokace: 1 Kč";</script>
</body></html>"""

LABELS = {
    "window": ("Příjem žádostí",),
    "purpose": ("Cíl/účel programu",),
    "budget": ("Alokace",),
    "applicants": ("Oprávnění žadatelé", "Žadatelé"),
    "missing": ("Datum schválení",),
}


def root() -> object:
    return Selector(text=PAGE).root


def test_values_whatever_the_markup() -> None:
    fields = find_fields(root(), LABELS)
    assert fields == {
        # The <title> and the sentence starting with the label's words are not the label.
        "window": Field("1. 2. 2026 - 28. 2. 2026"),
        # Diacritics and the trailing colon are ignored; the value's links come along.
        "purpose": Field("Podpora regionu", (("regionu", "/a.pdf"),)),
        # The value in the label's own paragraph, not the script's.
        "budget": Field("10 mil. Kč"),
        # Variants are tried in order.
        "applicants": Field("obce a spolky"),
    }


def test_find_field_agrees_with_find_fields() -> None:
    fields = find_fields(root(), LABELS)
    for name, variants in LABELS.items():
        assert find_field(root(), *variants) == fields.get(name)
