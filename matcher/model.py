"""The TF-IDF model: word (key, bigram, concept) features plus character n-grams, fitted once per run.

Fitting learns the vocabulary and inverse document frequencies over the stored calls, the member profiles and
the pillar documents; afterwards any new text is only transformed. The fitted state is rebuilt from the
database each run and never unpickled. Fitting is deterministic: same documents in the same order, same model.
"""

from __future__ import annotations

from collections import Counter
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


def smooth_idf(df: np.ndarray, n_samples: int, dtype: type = np.float32) -> np.ndarray:
    """ln((1 + n) / (1 + df)) + 1, computed as `TfidfTransformer(smooth_idf=True).fit` does (same dtype, same
    order of operations, hence the same values; tests/test_matcher_model.py compares the two)."""
    df = df.astype(dtype, copy=True)
    df += 1.0
    idf = np.full_like(df, fill_value=n_samples + 1, dtype=dtype)
    idf /= df
    np.log(idf, out=idf)
    idf += 1.0
    return idf


class CharGrams:
    """`hasher.transform(texts)` computed word by word, with each distinct word's hashed n-grams cached.

    A char_wb analyser takes the n-grams of every whitespace-separated word on its own (padded with spaces),
    so a text's counts are the sum of its words' counts; the texts here are keys, which repeat across calls,
    so hashing each distinct word once instead of every n-gram of every text is where the time goes. The sum
    is of small integers in float32, hence exact: the matrix is identical to the hasher's own.
    """

    def __init__(self, hasher: HashingVectorizer, limit: int = 200_000) -> None:
        self.hasher = hasher
        self.limit = limit  # distinct words kept; the cache starts afresh when full
        self._words: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def _add(self, words: list[str]) -> None:
        rows = self.hasher.transform(words)  # the hasher's own preprocessing and hashing, one row per word
        for i, word in enumerate(words):
            a, b = rows.indptr[i], rows.indptr[i + 1]
            self._words[word] = (rows.indices[a:b].copy(), rows.data[a:b].copy())

    def transform(self, texts: Sequence[str], chunk: int = 1_000) -> sp.csr_matrix:
        """The hasher's matrix of `texts`, built `chunk` texts at a time: before duplicates are summed a text
        has one entry per n-gram occurrence, so building all at once would briefly hold several times the
        result. Rows do not interact, so stacking the chunks gives the same matrix."""
        if len(texts) <= chunk:
            return self._transform(texts)
        return sp.vstack([self._transform(texts[i : i + chunk]) for i in range(0, len(texts), chunk)], format="csr")

    def document_frequency(self, texts: Sequence[str], chunk: int = 1_000) -> np.ndarray:
        """Per hashed column, the number of texts that have it (what fitting the IDF needs, without holding the
        whole matrix: for a large run that matrix is the biggest thing in memory)."""
        df = np.zeros(self.hasher.n_features, dtype=np.int64)
        for i in range(0, len(texts), chunk):
            df += np.bincount(self._transform(texts[i : i + chunk]).indices, minlength=self.hasher.n_features)
        return df

    def _transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        indptr = [0]
        indices: list[np.ndarray] = []
        values: list[np.ndarray] = []
        for text in texts:
            counts = Counter(text.split())
            if len(self._words) + len(counts) > self.limit:
                self._words.clear()
            missing = [word for word in counts if word not in self._words]
            if missing:
                self._add(missing)
            size = indptr[-1]
            for word, times in counts.items():
                idx, data = self._words[word]
                indices.append(idx)
                values.append(data * times if times > 1 else data)
                size += len(idx)
            indptr.append(size)
        dtype = self.hasher.dtype
        matrix = sp.csr_matrix(
            (
                np.concatenate(values) if values else np.zeros(0, dtype=dtype),
                np.concatenate(indices) if indices else np.zeros(0, dtype=np.int32),
                np.asarray(indptr, dtype=np.int64 if indptr[-1] > np.iinfo(np.int32).max else np.int32),
            ),
            dtype=dtype,
            shape=(len(texts), self.hasher.n_features),
        )
        matrix.sum_duplicates()  # also sorts the indices, as the hasher does
        return matrix


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
        self.grams_ = CharGrams(self.hasher_)
        self.chars_ = TfidfTransformer(sublinear_tf=True)
        if docs:
            texts = [_char_text(d) for d in docs]
            # The IDF needs only document frequencies: counted chunk by chunk rather than from one matrix of every
            # document. An empty fit gives the transformer its fitted state; the IDF is then the real one.
            self.chars_.fit(sp.csr_matrix((1, self.char_features), dtype=np.float32))
            self.chars_.idf_ = smooth_idf(self.grams_.document_frequency(texts), len(texts), np.float32)
        return self

    @property
    def vocabulary_(self) -> dict[str, int]:
        return self.words_.vocabulary_

    def feature_names(self) -> np.ndarray:
        """The word features' names, by column (built once: the vocabulary does not change after fitting)."""
        names = self.__dict__.get("_names")
        if names is None or names[0] is not self.words_:
            names = self._names = (self.words_, self.words_.get_feature_names_out())
        return names[1]

    def transform_words(self, docs: Sequence[Doc]) -> sp.csr_matrix:
        if not docs:
            return sp.csr_matrix((0, len(self.vocabulary_)), dtype=np.float32)
        return self.words_.transform(docs).tocsr()

    def transform(self, docs: Sequence[Doc]) -> sp.csr_matrix:
        """L2-normalised rows: word block and character block, weighted (1 - char_weight) : char_weight."""
        words = self.transform_words(docs)
        if not docs:
            return sp.hstack([words, sp.csr_matrix((0, self.char_features), dtype=np.float32)]).tocsr()
        chars = self.grams_.transform([_char_text(d) for d in docs])
        chars = normalize(self.chars_.transform(chars)) if hasattr(self.chars_, "idf_") else normalize(chars)
        word_w = np.sqrt(1.0 - self.char_weight)
        char_w = np.sqrt(self.char_weight)
        combined = sp.hstack([words * word_w, chars * char_w], format="csr", dtype=np.float32)
        return normalize(combined)

    @property
    def n_word_features(self) -> int:
        return len(self.vocabulary_)
