"""The TF-IDF model: word (key, bigram, concept) features plus character n-grams, fitted once per run.

Fitting learns the vocabulary and inverse document frequencies over the stored calls, the member profiles and
the pillar documents; afterwards any new text is only transformed. The fitted state is rebuilt from the
database each run and never unpickled. Fitting is deterministic: same documents in the same order, same model.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer, TfidfVectorizer
from sklearn.preprocessing import normalize

from matcher.documents import Doc

# Character n-grams are computed on the first keys only: they catch morphology the stemmer misses
# ("optoelektronika" ~ "optoelectronics") and a long tail adds cost, not signal.
CHAR_TEXT_LIMIT = 1_500


def _features(doc: Doc) -> list[str]:
    return doc.features


def _char_text(doc: Doc) -> str:
    return " ".join(t.key for t in doc.tokens if not t.key.isupper())[:CHAR_TEXT_LIMIT]


class TextModel:
    """Hyper-parameters in __init__, learned state in trailing-underscore attributes (scikit-learn style)."""

    def __init__(self, char_weight: float = 0.3, char_features: int = 2**18) -> None:
        self.char_weight = char_weight
        self.char_features = char_features

    def fit(self, docs: Sequence[Doc]) -> TextModel:
        self.words_ = TfidfVectorizer(analyzer=_features, sublinear_tf=True, min_df=1, norm="l2", dtype=np.float32)
        self.words_.fit(docs)
        self.hasher_ = HashingVectorizer(
            analyzer="char_wb",
            ngram_range=(3, 5),
            n_features=self.char_features,
            alternate_sign=False,
            norm=None,
            dtype=np.float32,
        )
        self.chars_ = TfidfTransformer(sublinear_tf=True)
        if docs:
            self.chars_.fit(self.hasher_.transform([_char_text(d) for d in docs]))
        return self

    @property
    def vocabulary_(self) -> dict[str, int]:
        return self.words_.vocabulary_

    def feature_names(self) -> np.ndarray:
        return self.words_.get_feature_names_out()

    def transform_words(self, docs: Sequence[Doc]) -> sp.csr_matrix:
        if not docs:
            return sp.csr_matrix((0, len(self.vocabulary_)), dtype=np.float32)
        return self.words_.transform(docs).tocsr()

    def transform(self, docs: Sequence[Doc]) -> sp.csr_matrix:
        """L2-normalised rows: word block and character block, weighted (1 - char_weight) : char_weight."""
        words = self.transform_words(docs)
        if not docs:
            return sp.hstack([words, sp.csr_matrix((0, self.char_features), dtype=np.float32)]).tocsr()
        chars = self.hasher_.transform([_char_text(d) for d in docs])
        chars = normalize(self.chars_.transform(chars)) if hasattr(self.chars_, "idf_") else normalize(chars)
        word_w = np.sqrt(1.0 - self.char_weight)
        char_w = np.sqrt(self.char_weight)
        combined = sp.hstack([words * word_w, chars * char_w], format="csr", dtype=np.float32)
        return normalize(combined)

    @property
    def n_word_features(self) -> int:
        return len(self.vocabulary_)
