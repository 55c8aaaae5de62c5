"""Scoring calls against pillars and members. `Matcher.fit` once per run, then `score` any batch of calls.

Pillar score (each in [0, 1]):
    evidence E = Σ over the pillar's concepts found: weight · (1 − 0.64^body mentions) · length damping
                 + a title bonus (a concept in the title is what the call is about) + small shared R&D context
                 (mentions inside web addresses or example lists, "e.g. …", do not count: they are asides;
                 text repeated across many calls of the run, such as a portal's menu, is removed beforehand;
                 a context concept such as "defence" counts only beside another concept of its pillar)
    vocab      = 1 − exp(−E / τ)
    pillar     = (1 − (1 − vocab)(1 − w_cos · min(1, cos(call, pillar text) / s_cos))) · exp(−k · negative evidence)

Member score (in [0, 1]) is a noisy-or of three kinds of evidence, so any one can carry a match and several
reinforce it:
    1 − (1 − a · best pillar score among the member's pillars)
      · (1 − b · min(1, cos(call, profile after feedback) / s_text))
      · (1 − c · (1 − 0.5^keywords matched))      (one keyword alone counts as none on a pillar part < 0.25)
then multiplied by the member's feedback factor (see feedback.py). Calls that fail the eligibility checks get
no member matches at all.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.preprocessing import normalize

from matcher import boilerplate, eligibility
from matcher.consortium import ConsortiumPick, suggest, top_needs
from matcher.documents import (
    MAX_BODY_CHARS,
    ConceptRef,
    Doc,
    PhraseIndex,
    call_doc,
    concept_index,
    keyword_index,
    make_doc,
    profile_doc,
)
from matcher.explain import member_explanation, pillar_terms, row_weights
from matcher.feedback import feedback_factor, rocchio
from matcher.model import TextModel
from matcher.pillars import PillarSet, load_pillar_set
from matcher.text import clean_text

# Exemplification: what follows such a marker, up to the closing bracket or the end of the sentence, is a list
# of examples ("(e.g. chip design, photonics, power electronics)", "například fotonika, biotechnologie").
_EXAMPLE = re.compile(r"\be\.\s?g\.|\bfor (?:example|instance)\b|\bnapř\.|\bnapříklad\b|\bkupříkladu\b", re.I)
_EXAMPLE_END = re.compile(r"[)\]]|[.;!?](?:\s|$)")
MAX_EXAMPLE_CHARS = 300
# A word inside a web address ("commission.europa.eu/topics/defence/...") is not something the call says.
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.I)


def example_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of `text` that are example lists."""
    spans = []
    for match in _EXAMPLE.finditer(text):
        end = _EXAMPLE_END.search(text, match.end(), match.end() + MAX_EXAMPLE_CHARS)
        spans.append((match.end(), end.start() if end else min(len(text), match.end() + MAX_EXAMPLE_CHARS)))
    return spans


def url_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of `text` that are web addresses."""
    return [m.span() for m in _URL.finditer(text)]


def _find_word(text: str, word: str, start: int) -> int:
    """Offset of `word` as a whole word in `text` at or after `start`; -1 when absent."""
    at = text.find(word, start)
    while at >= 0:
        before = text[at - 1] if at else " "
        after = text[at + len(word)] if at + len(word) < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            return at
        at = text.find(word, at + 1)
    return -1


def hits_within(doc: Doc, body: str, spans: list[tuple[int, int]]) -> frozenset[int]:
    """Indices into `doc.tokens` of the body tokens inside one of `spans` of `body` (the cleaned body text the
    doc was analysed from). Tokens are found again in the text in order, word by word."""
    if not spans:
        return frozenset()
    offsets: dict[int, int] = {}
    cursor = 0
    for index, token in enumerate(doc.tokens):
        if token.field != "body":
            continue
        at = _find_word(body, token.surface, cursor)
        if at < 0:
            break  # past the description (keywords, programme): nothing marked there
        offsets[index] = at
        cursor = at + len(token.surface)
    return frozenset(index for index, at in offsets.items() if any(a <= at < b for a, b in spans))


@dataclass(frozen=True)
class Settings:
    """The scoring constants; see the module docstring. Chosen by reasoning, checked on the dev set."""

    tau: float = 1.0
    first_mention: float = 0.36  # share of a concept's weight one body mention gives (0.64^n saturation)
    title_bonus: float = 0.6
    damp_tokens: int = 400  # bodies longer than this have their evidence damped (incidental mentions)
    damp_power: float = 0.35
    cos_weight: float = 0.35
    cos_scale: float = 0.35
    negative_strength: float = 1.5
    shared_cap: float = 0.15
    aside: float = 0.0  # how much a body mention inside an example list ("e.g. ...") counts as a mention
    member_pillar: float = 0.85
    member_text: float = 0.6
    text_scale: float = 0.3
    member_keywords: float = 0.35
    lone_keyword_pillar: float = 0.25  # below this pillar part, one keyword alone counts as none
    batch: int = 500


@dataclass
class MemberResult:
    position: int  # index in the profile list given to fit()
    score: float
    explanation: dict[str, Any]


@dataclass
class CallResult:
    call_id: str
    pillars: dict[str, float]
    pillar_terms: dict[str, list[str]]
    eligible: bool
    call_checks: list[eligibility.Check]
    members: list[MemberResult] = field(default_factory=list)
    consortium: list[ConsortiumPick] = field(default_factory=list)


def _round(value: float) -> float:
    return round(min(1.0, max(0.0, float(value))), 4)


class Matcher:
    def __init__(self, pillar_set: PillarSet | None = None, settings: Settings | None = None) -> None:
        self.pillar_set = pillar_set or load_pillar_set()
        self.settings = settings or Settings()
        self.slugs = self.pillar_set.slugs
        self.index = concept_index(self.pillar_set)

    # ---- fitting -------------------------------------------------------------------------------------------

    def fit(self, calls: Sequence[dict[str, Any]], profiles: Sequence[dict[str, Any]]) -> Matcher:
        """Learn the TF-IDF model over calls, profiles and pillar texts; prepare the member side."""
        self._docs: dict[str, Doc] = {}
        self._repeated: frozenset[int] = frozenset()
        call_docs = [self.doc(c) for c in calls]
        # Text repeated verbatim across many calls of this batch (a portal's menu) is no evidence: found once
        # over the fitted calls, removed from them here and from any call analysed later in the run.
        self._repeated = boilerplate.repeated_shingles(self._body_keys(d) for d in call_docs)
        if self._repeated:
            for call, doc in zip(calls, call_docs, strict=True):
                self._strip(doc, call)
        self.profiles = list(profiles)
        self.profile_docs = [profile_doc(p, self.index) for p in self.profiles]
        pillar_docs = []
        for pillar in self.pillar_set.pillars:
            for lang in ("cs", "en"):
                pillar_docs.append(make_doc(pillar.name(lang), pillar.document(lang), lang, self.index))
        self.model = TextModel().fit(call_docs + self.profile_docs + pillar_docs)
        pv = self.model.transform(pillar_docs)
        self.pillar_vecs = normalize(sp.vstack([pv[2 * i] + pv[2 * i + 1] for i in range(len(self.slugs))]).tocsr())
        self.base_profile_vecs = self.model.transform(self.profile_docs)
        self.profile_vecs = self.base_profile_vecs.copy()
        self.factors: dict[int, tuple[sp.csr_matrix | None, sp.csr_matrix | None]] = {}
        self.keyword_index: PhraseIndex[tuple[int, str]] = keyword_index(self.profiles)
        # Keywords that name a pillar concept also match the concept in the other language. Not the shared R&D
        # concepts: they are broad ("technology transfer" would match every "innovation").
        self.keyword_concepts: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for position, profile in enumerate(self.profiles):
            for keyword in profile.get("keywords") or []:
                kdoc = make_doc(str(keyword), "", profile.get("language"), self.index)
                # Only a keyword that *is* a concept term stands for the concept: "X-ray optics" is not every
                # "optics", "European Defence Fund" not every "defence".
                whole = [hit for hit in kdoc.concepts if hit.start == 0 and hit.end == len(kdoc.tokens)]
                for ref in {ref for hit in whole for ref in hit.payloads}:
                    if ref.pillar != "*" and not ref.concept.negative:
                        self.keyword_concepts[ref.feature].append((position, str(keyword)))
        slug_pos = {s: i for i, s in enumerate(self.slugs)}
        self.member_pillars = [[slug_pos[s] for s in (p.get("pillars") or []) if s in slug_pos] for p in self.profiles]
        return self

    def doc(self, call: dict[str, Any]) -> Doc:
        """The analysed document of a call, cached by id for the run."""
        key = str(call.get("id"))
        cache = getattr(self, "_docs", None)
        if cache is None:
            self._docs = cache = {}
        doc = cache.get(key)
        if doc is None:
            doc = call_doc(call, self.index)
            cache[key] = doc
            if getattr(self, "_repeated", None):
                self._strip(doc, call)
            else:
                self._mark(doc, call)
        return doc

    @staticmethod
    def _body_keys(doc: Doc) -> list[str]:
        return [t.key for t in doc.tokens if t.field == "body"]

    def _strip(self, doc: Doc, call: dict[str, Any]) -> None:
        """Drop the body tokens that are boilerplate of this run, then find concepts and marks again."""
        n_title = len(doc.tokens) - doc.n_body  # title tokens come first
        drop = boilerplate.covered(self._body_keys(doc), self._repeated)
        if drop:
            doc.tokens = doc.tokens[:n_title] + [t for i, t in enumerate(doc.tokens[n_title:]) if i not in drop]
            doc.concepts = self.index.find(doc.tokens, doc.lang)
            doc.forget_surfaces()
        self._mark(doc, call)

    def _mark(self, doc: Doc, call: dict[str, Any]) -> None:
        """Record which tokens of a call doc sit in example lists and in web addresses."""
        # The description as call_doc analysed it (it comes first in the body), to find where hits sit.
        body = clean_text(str(call.get("description") or ""))[:MAX_BODY_CHARS]
        marks = (hits_within(doc, body, example_spans(body)), hits_within(doc, body, url_spans(body)))
        self.__dict__.setdefault("_marks", {})[id(doc)] = (doc, marks)

    def _marked_tokens(self, doc: Doc) -> tuple[frozenset[int], frozenset[int]]:
        """(tokens inside example lists, tokens inside web addresses) of a call doc, as indices into doc.tokens."""
        entry = self.__dict__.get("_marks", {}).get(id(doc))
        return entry[1] if entry is not None and entry[0] is doc else (frozenset(), frozenset())

    def surface(self, call_id: str, feature: str) -> str:
        """How a call wrote a feature (a key, bigram or concept), for display; the feature itself otherwise."""
        doc = self._docs.get(call_id)
        return (doc.surfaces.get(feature) if doc else None) or feature

    def _member_words(self, position: int) -> dict[int, float]:
        cache = self.__dict__.setdefault("_member_word_cache", {})
        if position not in cache:
            cache[position] = row_weights(self.profile_vecs[position, : self.model.n_word_features])
        return cache[position]

    def set_feedback(self, judged: dict[int, dict[str, list[dict[str, Any]]]]) -> None:
        """Feedback per member position: {"relevant": [call records], "not_relevant": [call records]}."""
        self.profile_vecs = self.base_profile_vecs.copy().tolil()
        self.factors = {}
        for position, verdicts in judged.items():
            rel = [self.doc(c) for c in verdicts.get("relevant", [])]
            non = [self.doc(c) for c in verdicts.get("not_relevant", [])]
            rel_m = self.model.transform(rel) if rel else None
            non_m = self.model.transform(non) if non else None
            self.profile_vecs[position] = rocchio(self.base_profile_vecs[position], rel_m, non_m)
            self.factors[position] = (rel_m, non_m)
        self.profile_vecs = self.profile_vecs.tocsr()
        self.__dict__.pop("_member_word_cache", None)

    # ---- pillars -------------------------------------------------------------------------------------------

    def _evidence(self, doc: Doc) -> tuple[np.ndarray, np.ndarray]:
        """Positive and negative concept evidence per pillar (+ shared context added to every pillar)."""
        s = self.settings
        mentions: dict[ConceptRef, list[bool]] = defaultdict(list)
        discount: dict[ConceptRef, float] = defaultdict(float)
        examples, in_urls = self._marked_tokens(doc)
        for hit in doc.concepts:
            for ref in hit.payloads:
                mentions[ref].append(hit.in_title)
                # A word of a web address is not said by the call; a word among examples is an aside.
                if hit.start in in_urls:
                    discount[ref] += 1.0
                elif hit.start in examples:
                    discount[ref] += 1.0 - s.aside
        n_body = doc.n_body
        damp = min(1.0, (s.damp_tokens / n_body) ** s.damp_power) if n_body else 1.0
        slug_pos = {slug: i for i, slug in enumerate(self.slugs)}
        pos = np.zeros(len(self.slugs))
        neg = np.zeros(len(self.slugs))
        shared = 0.0
        context = np.zeros(len(self.slugs))
        carried = np.zeros(len(self.slugs), dtype=bool)
        for ref, flags in mentions.items():
            body_n = sum(1 for f in flags if not f) - discount[ref]
            weight = ref.concept.weight
            value = weight * (1.0 - (1.0 - s.first_mention) ** body_n) * damp
            if any(flags):
                value += weight * s.title_bonus
            if ref.pillar == "*":
                shared += value
            elif ref.concept.negative:
                neg[slug_pos[ref.pillar]] += value
            elif ref.concept.context:
                context[slug_pos[ref.pillar]] += value
            else:
                pos[slug_pos[ref.pillar]] += value
                carried[slug_pos[ref.pillar]] |= value > 0
        # A context concept counts only beside another concept of its pillar that the call really says.
        pos += np.where(carried, context, 0.0)
        # Shared R&D context may lift a pillar, never carry it: capped well below one decisive concept.
        return pos + min(shared, s.shared_cap), neg

    def pillar_matrix(self, docs: Sequence[Doc], vecs: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
        """Pillar scores (calls × pillars) and the negative-cue factors that were applied to them."""
        s = self.settings
        evidence = [self._evidence(d) for d in docs]
        pos = np.array([e[0] for e in evidence]).reshape(len(docs), len(self.slugs))
        neg = np.array([e[1] for e in evidence]).reshape(len(docs), len(self.slugs))
        vocab = 1.0 - np.exp(-pos / s.tau)
        cos = (vecs @ self.pillar_vecs.T).toarray() if len(docs) else np.zeros((0, len(self.slugs)))
        cos_part = s.cos_weight * np.minimum(1.0, cos / s.cos_scale)
        raw = 1.0 - (1.0 - vocab) * (1.0 - cos_part)
        negative = np.exp(-s.negative_strength * neg)
        return np.clip(raw * negative, 0.0, 1.0), negative

    # ---- members -------------------------------------------------------------------------------------------

    def _keyword_hits(self, doc: Doc) -> dict[int, dict[str, str]]:
        """member position -> {keyword: surface in the call} for the member keywords found in the call."""
        found: dict[int, dict[str, str]] = defaultdict(dict)
        # One place in the call counts for one keyword of a member: "photonics" written once is not also the
        # member's keyword "fotonika", which names the same concept.
        # Words in web addresses or example lists do not count here either (as for the pillars' concepts).
        used: set[tuple[int, int]] = set()
        examples, in_urls = self._marked_tokens(doc)
        skipped = examples | in_urls
        for hit in self.keyword_index.find(doc.tokens):
            if hit.start in skipped:
                continue
            for position, keyword in hit.payloads:
                if (position, hit.start) not in used and keyword not in found[position]:
                    found[position][keyword] = hit.surface
                    used.add((position, hit.start))
        for hit in doc.concepts:
            if hit.start in skipped:
                continue
            for ref in hit.payloads:
                for position, keyword in self.keyword_concepts.get(ref.feature, ()):
                    if (position, hit.start) not in used and keyword not in found[position]:
                        found[position][keyword] = hit.surface
                        used.add((position, hit.start))
        return {position: keywords for position, keywords in found.items() if keywords}

    def _member_matrix(
        self, docs: Sequence[Doc], vecs: sp.csr_matrix, pillars: np.ndarray, negative: np.ndarray
    ) -> tuple[np.ndarray, dict[str, np.ndarray], list[dict[int, dict[str, str]]]]:
        s = self.settings
        n, m = len(docs), len(self.profiles)
        text = (vecs @ self.profile_vecs.T).toarray() if m else np.zeros((n, 0))
        text_part = np.minimum(1.0, text / s.text_scale)
        pillar_part = np.zeros((n, m))
        # A negative cue of a member's pillar (laser-cut *furniture* for a laser firm) also lowers the member's
        # text and keyword evidence, which would otherwise still see "laser".
        member_negative = np.ones((n, m))
        for position, idx in enumerate(self.member_pillars):
            if idx:
                pillar_part[:, position] = pillars[:, idx].max(axis=1)
                member_negative[:, position] = negative[:, idx].min(axis=1)
        hits = [self._keyword_hits(d) for d in docs]
        kw_count = np.zeros((n, m))
        for row, found in enumerate(hits):
            for position, keywords in found.items():
                kw_count[row, position] = len(keywords)
        # One member keyword in a call that is weak on the member's pillars is mostly a passing word ("inovace",
        # "optika" in a list of areas); it cleared the threshold for 64 labelled false positives and 3 relevant.
        # Two keywords, or a pillar that already carries the call, still count it.
        kw_count[(kw_count == 1) & (pillar_part < s.lone_keyword_pillar)] = 0
        kw_part = 1.0 - 0.5**kw_count
        score = 1.0 - (1.0 - s.member_pillar * pillar_part) * (1.0 - s.member_text * text_part) * (
            1.0 - s.member_keywords * kw_part
        )
        fb = np.ones((n, m))
        for position, (rel, non) in self.factors.items():
            fb[:, position] = feedback_factor(vecs, rel, non)
        score = np.clip(score * fb * member_negative, 0.0, 1.0)
        parts = {
            "pillar": pillar_part,
            "text": text_part,
            "keywords": kw_part,
            "negative": member_negative,
            "feedback": fb,
        }
        return score, parts, hits

    # ---- the whole call ------------------------------------------------------------------------------------

    def score(
        self,
        calls: Sequence[dict[str, Any]],
        now: datetime | None = None,
        min_score: float = 0.0,
        excluded: Iterable[tuple[str, int]] = (),
        consortium: bool = False,
    ) -> list[CallResult]:
        """Score calls against the pillars and every member; members below `min_score` or excluded
        ((call id, member position) pairs, e.g. "not relevant" feedback) or ineligible are left out."""
        return list(self.iter_score(calls, now, min_score, excluded, consortium))

    def iter_score(
        self,
        calls: Sequence[dict[str, Any]],
        now: datetime | None = None,
        min_score: float = 0.0,
        excluded: Iterable[tuple[str, int]] = (),
        consortium: bool = False,
    ) -> Iterator[CallResult]:
        """`score`, one result at a time (computed a batch at a time): a caller that writes each result out
        never holds the explanations of the whole run."""
        now = now or datetime.now(UTC)
        blocked = set(excluded)
        for start in range(0, len(calls), self.settings.batch):
            batch = calls[start : start + self.settings.batch]
            yield from self._score_batch(batch, now, min_score, blocked, consortium)

    def _score_batch(
        self,
        calls: Sequence[dict[str, Any]],
        now: datetime,
        min_score: float,
        blocked: set[tuple[str, int]],
        consortium: bool,
    ) -> list[CallResult]:
        docs = [self.doc(c) for c in calls]
        vecs = self.model.transform(docs)
        pillars, negative = self.pillar_matrix(docs, vecs)
        scores, parts, hits = self._member_matrix(docs, vecs, pillars, negative)
        n_words = self.model.n_word_features
        names = self.model.feature_names() if consortium or len(self.profiles) else None
        results = []
        for row, (call, doc) in enumerate(zip(calls, docs, strict=True)):
            call_id = str(call.get("id"))
            checks = eligibility.call_checks(call, now)
            skip = frozenset().union(*self._marked_tokens(doc))
            result = CallResult(
                call_id=call_id,
                pillars={slug: _round(pillars[row, i]) for i, slug in enumerate(self.slugs)},
                pillar_terms={slug: pillar_terms(doc, slug, skip=skip) for slug in self.slugs},
                eligible=eligibility.all_passed(checks),
                call_checks=checks,
            )
            results.append(result)
            if not result.eligible or not self.profiles:
                continue
            call_words = row_weights(vecs[row, :n_words])
            for position in np.flatnonzero(scores[row] >= max(min_score, 1e-9)):
                position = int(position)
                if (call_id, position) in blocked:
                    continue
                profile = self.profiles[position]
                member_checks = eligibility.member_checks(call, profile)
                if not eligibility.all_passed(member_checks):
                    continue
                explanation = member_explanation(
                    doc=doc,
                    call_words=call_words,
                    member_words=self._member_words(position),
                    feature_names=names,
                    member_pillars=[self.slugs[i] for i in self.member_pillars[position]],
                    pillar_scores=result.pillars,
                    keyword_hits=hits[row].get(position, {}),
                    checks=checks + member_checks,
                    parts={k: float(v[row, position]) for k, v in parts.items()},
                    call_pillar_terms=result.pillar_terms,
                )
                result.members.append(MemberResult(position, _round(scores[row, position]), explanation))
            result.members.sort(key=lambda r: (-r.score, r.position))
            if consortium and result.members and names is not None:
                result.consortium = self._consortium(row, vecs, names, result, doc)
        for doc in docs:
            doc.forget_surfaces()  # the explanations are built; `surface()` rebuilds a map if asked
        return results

    def _consortium(
        self, row: int, vecs: sp.csr_matrix, names: Any, result: CallResult, doc: Doc
    ) -> list[ConsortiumPick]:
        # The row's stored entries only (in column order, as a dense row would rank its ties): ranking the whole
        # vocabulary for every call cost more than the rest of the hint.
        call_words = vecs[row, : self.model.n_word_features].sorted_indices()
        needs = top_needs(names[call_words.indices], call_words.data)
        for slug, value in result.pillars.items():
            if value >= 0.3:
                needs[f"pillar:{slug}"] = value * max(needs.values(), default=1.0)
        covers: dict[int, set[str]] = {}
        scores: dict[int, float] = {}
        need_idx = {name: self.model.vocabulary_.get(name) for name in needs}
        for member in result.members:
            profile_row = self.profile_vecs[member.position]
            owned = {name for name, j in need_idx.items() if j is not None and profile_row[0, j] > 0}
            owned |= {f"pillar:{self.slugs[i]}" for i in self.member_pillars[member.position]}
            covers[member.position] = owned
            scores[member.position] = member.score
        return suggest(needs, covers, scores)
