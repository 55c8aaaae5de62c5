"""The model's shortcuts equal what they replace: per-word character n-gram hashing equals the hasher's own
matrix, and the IDF from chunked document frequencies equals scikit-learn's TfidfTransformer fit."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfTransformer

from matcher.documents import make_doc
from matcher.model import CharGrams, TextModel, _char_text
from matcher.scoring import Matcher

TEXTS = [
    ("Laserové svařování a řezání", "Výzva podporuje vývoj laserového svařování karoserií a vláknových laserů.", "cs"),
    (
        "Night vision and optronics",
        "Electro-optical and infrared sensors, thermal imaging sights (e.g. TEM, SEM).",
        "en",
    ),
    ("Modernizace veřejného osvětlení", "Podpora výměny svítidel za úsporná LED svítidla a řízení osvětlení.", "cs"),
    ("Optics", "Precision optics and optical coatings; optics again, and optical coatings once more.", "en"),
]
ODD = ["", "   ", "a", "ΑΣ foo ΣΑΣ", "İstanbul Straße ǅ ㎁", "ab\tcd\n\nef  g", "x" * 40]


def _same(a: sp.csr_matrix, b: sp.csr_matrix) -> bool:
    return (
        type(a) is type(b)
        and a.shape == b.shape
        and a.dtype == b.dtype
        and np.array_equal(a.indptr, b.indptr)
        and np.array_equal(a.indices, b.indices)
        and np.array_equal(a.data, b.data)
    )


def _model() -> tuple[TextModel, list[str]]:
    index = Matcher().index
    docs = [make_doc(title, body, lang, index) for title, body, lang in TEXTS]
    return TextModel().fit(docs), [_char_text(d) for d in docs] + ODD


def test_char_grams_equal_the_hasher_in_any_chunking_and_cache_state() -> None:
    model, texts = _model()
    grams = CharGrams(model.hasher_, limit=20)  # small: the cache is cleared while texts are processed
    expected = model.hasher_.transform(texts)
    for chunk in (1000, 3, 1):
        assert _same(grams.transform(texts, chunk=chunk), expected)


def test_idf_from_document_frequencies_equals_sklearn_fit() -> None:
    model, texts = _model()
    reference = TfidfTransformer(sublinear_tf=True).fit(model.hasher_.transform(texts[: len(TEXTS)]))
    assert model.chars_.idf_.dtype == reference.idf_.dtype
    assert np.array_equal(model.chars_.idf_, reference.idf_)
    rows = model.hasher_.transform(texts)
    assert _same(model.chars_.transform(rows), reference.transform(rows))
