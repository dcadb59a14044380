"""A spaCy pipeline component that puts the gazetteer's mentions on a Doc.

Needs ``pip install 'gazetteer[spacy]'``. The component is registered as the
spaCy factory ``"gazetteer"``::

    import spacy

    nlp = spacy.blank("ru")
    nlp.add_pipe("gazetteer")
    doc = nlp("Трамп встретился с Алиевым.")
    [(ent.text, ent.label_, ent.kb_id_) for ent in doc.ents]
    # [('Трамп', 'PERSON', 'person:donald-trump'), ('Алиевым', 'PERSON', 'person:ilham-aliyev')]

spaCy finds the factory through the package's ``spacy_factories`` entry
point (so no import is needed), and importing this module registers it too.
Importing it imports spaCy: nothing else in the package does.

Each mention becomes a :class:`~spacy.tokens.Span` on ``doc.ents`` (or on
``doc.spans[spans_key]``) whose ``kb_id_`` is the entity id and whose label
comes from the entity's kind. A mention is aligned to spaCy's tokens by
widening it to the tokens it touches, so a name that ends inside a token
(``Türkiye`` in ``Türkiye'nin``) gives the span of the whole token. See
docs/spacy.md for the options.
"""

# No ``from __future__ import annotations`` here: spaCy validates the
# factory's settings against the annotations of make_component, which it
# reads at run time.

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Literal

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from gazetteer.loader import load
from gazetteer.model import Mention
from gazetteer.resolver import Gazetteer, _kinds

__all__ = ["DEFAULT_CONFIG", "SCHEMES", "GazetteerComponent", "make_component"]

FACTORY = "gazetteer"

# A spaCy label for each kind, and "demonym" for the adjectives and nouns of a
# people (reported with adjectives=True). "ontonotes" has the labels of
# spaCy's English pipelines, "wikiner" those of most others (ru, uk, ...).
SCHEMES: Mapping[str, Mapping[str, str]] = {
    "ontonotes": {
        "country": "GPE",
        "subdivision": "GPE",
        "city": "GPE",
        "region": "LOC",
        "person": "PERSON",
        "organization": "ORG",
        "other": "MISC",
        "demonym": "NORP",
    },
    "wikiner": {
        "country": "LOC",
        "subdivision": "LOC",
        "city": "LOC",
        "region": "LOC",
        "person": "PER",
        "organization": "ORG",
        "other": "MISC",
        "demonym": "MISC",
    },
}

Ambiguous = Literal["keep", "skip"]
Alignment = Literal["expand", "contract", "strict"]

# The factory's settings, as nlp.add_pipe("gazetteer", config={...}) takes
# them (see make_component and docs/spacy.md).
DEFAULT_CONFIG: dict[str, object] = {
    "lang": None,
    "kinds": None,
    "adjectives": False,
    "lowercase": False,
    "scheme": "ontonotes",
    "labels": {},
    "ambiguous": "keep",
    "spans_key": None,
    "overwrite_ents": False,
    "alignment_mode": "expand",
    "paths": [],
    "packs": [],
    "bundled": True,
}


@functools.lru_cache(maxsize=8)
def _load(paths: tuple[str, ...], packs: tuple[str, ...], bundled: bool) -> Gazetteer:
    # A Gazetteer is immutable and thread-safe, so pipelines (and components)
    # with the same data share one, and its tag index is built once.
    return load(paths, packs=packs, bundled=bundled)


class GazetteerComponent:
    """The pipeline component: ``doc = component(doc)`` tags ``doc.text``.

    ``gazetteer`` is the :class:`~gazetteer.Gazetteer` it tags with; the other
    attributes are the factory's settings (see :func:`make_component`).
    """

    def __init__(
        self,
        gazetteer: Gazetteer,
        *,
        name: str = FACTORY,
        lang: str | None = None,
        kinds: Sequence[str] | None = None,
        adjectives: bool = False,
        lowercase: bool = False,
        scheme: str = "ontonotes",
        labels: Mapping[str, str] | None = None,
        ambiguous: Ambiguous = "keep",
        spans_key: str | None = None,
        overwrite_ents: bool = False,
        alignment_mode: Alignment = "expand",
    ) -> None:
        if scheme not in SCHEMES:
            raise ValueError(f"unknown label scheme {scheme!r}; schemes are {', '.join(SCHEMES)}")
        known = set(SCHEMES[scheme])
        unknown = sorted(set(labels or {}) - known)
        if unknown:
            raise ValueError(
                f"labels for unknown kinds {', '.join(map(repr, unknown))}; "
                f"labels are for {', '.join(sorted(known))}"
            )
        if ambiguous not in ("keep", "skip"):
            raise ValueError(f"ambiguous must be 'keep' or 'skip', not {ambiguous!r}")
        if alignment_mode not in ("expand", "contract", "strict"):
            raise ValueError(
                f"alignment_mode must be 'expand', 'contract' or 'strict', not {alignment_mode!r}"
            )
        self.gazetteer = gazetteer
        self.name = name
        self.lang = None if lang in (None, "", "xx") else lang
        self.kinds = tuple(kinds) if kinds is not None else None
        _kinds(self.kinds)  # raises UnknownKindError for an unknown kind
        self.adjectives = adjectives
        self.lowercase = lowercase
        self.labels: Mapping[str, str] = {**SCHEMES[scheme], **(labels or {})}
        self.ambiguous = ambiguous
        self.spans_key = spans_key
        self.overwrite_ents = overwrite_ents
        self.alignment_mode = alignment_mode

    def __repr__(self) -> str:
        return f"GazetteerComponent(name={self.name!r}, lang={self.lang!r}, {self.gazetteer!r})"

    def initialize(
        self,
        get_examples: Callable[[], Iterable[object]] | None = None,
        *,
        nlp: Language | None = None,
    ) -> None:
        """Build the tag index now (``nlp.initialize()`` calls this), not on the
        first Doc: before forking workers (``nlp.pipe(n_process=...)``) or to
        keep a service's first request fast."""
        self.gazetteer.prepare(tag=True, resolve=False)

    def _label(self, mention: Mention) -> str | None:
        if mention.demonym:
            return self.labels["demonym"]
        if mention.entity is not None:
            return self.labels[mention.entity.kind.value]
        if self.ambiguous == "skip":
            return None
        labels = {self.labels[entity.kind.value] for entity in mention.candidates}
        return labels.pop() if len(labels) == 1 else None  # no label fits them all

    def spans(self, doc: Doc) -> list[Span]:
        """A span for each mention in ``doc.text`` that gets one, in order.

        They may overlap when two mentions widen to the same token.
        """
        found = self.gazetteer.tag(
            doc.text,
            kinds=self.kinds,
            lang=self.lang,
            lowercase=self.lowercase,
            adjectives=self.adjectives,
        )
        spans = []
        for mention in found:
            label = self._label(mention)
            if label is None:
                continue
            kb_id = mention.entity.id if mention.entity is not None else ""
            span = doc.char_span(
                mention.start,
                mention.end,
                label=label,
                kb_id=kb_id,
                alignment_mode=self.alignment_mode,
            )
            if span is not None:  # None: no tokens fit the mention (contract, strict)
                spans.append(span)
        return spans

    def __call__(self, doc: Doc) -> Doc:
        spans = self.spans(doc)
        if self.spans_key is not None:
            group = [] if self.overwrite_ents else list(doc.spans.get(self.spans_key, []))
            doc.spans[self.spans_key] = group + spans
        else:
            doc.ents = _merge(doc.ents, filter_spans(spans), self.overwrite_ents)
        return doc


def _merge(existing: Iterable[Span], new: Sequence[Span], overwrite: bool) -> list[Span]:
    """``existing`` and ``new`` (neither overlapping itself) without overlaps:
    ``new`` wins where they overlap when ``overwrite``, else ``existing``."""
    first, second = (list(new), list(existing)) if overwrite else (list(existing), list(new))
    taken = {i for span in first for i in range(span.start, span.end)}
    kept = [span for span in second if taken.isdisjoint(range(span.start, span.end))]
    return sorted(first + kept, key=lambda span: span.start)


def make_component(
    nlp: Language,
    name: str,
    lang: str | None,
    kinds: list[str] | None,
    adjectives: bool,
    lowercase: bool,
    scheme: str,
    labels: dict[str, str],
    ambiguous: Ambiguous,
    spans_key: str | None,
    overwrite_ents: bool,
    alignment_mode: Alignment,
    paths: list[str],
    packs: list[str],
    bundled: bool,
) -> GazetteerComponent:
    """The ``"gazetteer"`` factory: ``nlp.add_pipe("gazetteer", config={...})``.

    ``lang``: the texts' language, passed to :meth:`Gazetteer.tag` (only
    that language's inflections count); None (the default) takes the
    pipeline's, ``nlp.lang``; ``"xx"`` (or ``""``) accepts every language's.
    ``kinds``, ``adjectives``, ``lowercase``: as :meth:`Gazetteer.tag` takes
    them. ``scheme``: ``"ontonotes"`` or ``"wikiner"``, the labels given to the
    kinds (:data:`SCHEMES`); ``labels`` overrides some of them (kind or
    ``"demonym"`` → label). ``ambiguous``: ``"keep"`` an ambiguous mention
    with ``kb_id_ == ""`` when its candidates' kinds share one label, or
    ``"skip"`` it. ``spans_key``: None to set ``doc.ents``, else the key in
    ``doc.spans``. ``overwrite_ents``: whether the mentions replace the
    entities they overlap (else those win), or with ``spans_key``, the
    group already there (else they are added to it). ``alignment_mode``:
    how ``doc.char_span`` fits a mention to the tokens (``"expand"``: the
    tokens it touches). ``paths``, ``packs``, ``bundled``: what to load, as
    :func:`gazetteer.load` takes them; pipelines with the same three share
    one loaded gazetteer.
    """
    g = _load(tuple(paths), tuple(packs), bundled)
    return GazetteerComponent(
        g,
        name=name,
        lang=nlp.lang if lang is None else lang,
        kinds=kinds,
        adjectives=adjectives,
        lowercase=lowercase,
        scheme=scheme,
        labels=labels,
        ambiguous=ambiguous,
        spans_key=spans_key,
        overwrite_ents=overwrite_ents,
        alignment_mode=alignment_mode,
    )


if not Language.has_factory(FACTORY):  # not again when spaCy reloads it as an entry point
    Language.factory(
        FACTORY,
        default_config=DEFAULT_CONFIG,
        assigns=["doc.ents", "token.ent_iob", "token.ent_type", "token.ent_kb_id"],
        func=make_component,
    )
