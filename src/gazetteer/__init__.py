"""gazetteer: resolve name variants in any script to canonical entity ids.

The concepts, in the order data flows through them:

* An **entity** is one thing (a country, a subdivision, a city, a region, a
  person, an organisation ...) with a stable id of the form ``<kind>:<slug>``:
  ``country:kz``, ``subdivision:az-nx``, ``person:donald-trump``.
* An **alias** is one of its names, filed under a language code and a
  **tier**: *strong* (a full or official name, which resolves on its own) or
  *weak* (a bare surname, an abbreviation, a name that is also a common word,
  which resolves only when no strong name of another entity competes).
* **Alias sources** supply entities in layers: pycountry's ISO 3166 data,
  the bundled alias files, then the user's own YAML files, each of which may
  add entities or add names to existing ones (see docs/aliases.md).
* Every alias and every query pass through one **normaliser**
  (:func:`normalize`), so the index and the lookups agree on what counts as
  the same name.
* A lookup returns a **Resolution**: ``resolved`` with its :class:`Match`
  (which alias, which method, what score), ``ambiguous`` with every entity
  that matches equally well, or ``not_found``. It never guesses silently.
* **Tagging** (``g.tag(text)``) finds the entities a running text names,
  inflected forms included (Трампа, Қазақстанда), and returns
  :class:`Mentions`: each :class:`Mention` with its exact span, the entity
  (or every candidate when the span is ambiguous) and the alias it matched.

>>> import gazetteer
>>> g = gazetteer.load()
>>> g.resolve("Тръмп").entity.id
'person:donald-trump'
>>> g.resolve("Georgia").status
<Status.AMBIGUOUS: 'ambiguous'>
"""

from __future__ import annotations

import sys as _sys

from gazetteer._version import __version__
from gazetteer.errors import (
    AliasFileError,
    GazetteerError,
    InvalidArgumentError,
    PackError,
    Problem,
    RuleFileError,
    UnknownEntityError,
    UnknownKindError,
    UnresolvedError,
)
from gazetteer.loader import Report, load, validate
from gazetteer.model import (
    Alias,
    Entity,
    Kind,
    Match,
    Mention,
    Mentions,
    Method,
    Resolution,
    Status,
    Tier,
)
from gazetteer.normalize import normalize
from gazetteer.resolver import Gazetteer

__all__ = [
    "Alias",
    "AliasFileError",
    "Entity",
    "Gazetteer",
    "GazetteerError",
    "InvalidArgumentError",
    "Kind",
    "Match",
    "Mention",
    "Mentions",
    "Method",
    "PackError",
    "Problem",
    "Report",
    "Resolution",
    "RuleFileError",
    "Status",
    "Tier",
    "UnknownEntityError",
    "UnknownKindError",
    "UnresolvedError",
    "__version__",
    "load",
    "normalize",
    "validate",
]

# Register the spaCy factory "gazetteer" when spaCy is already imported; else
# spaCy finds it through the spacy_factories entry point (docs/spacy.md).
if "spacy" in _sys.modules:
    from gazetteer import spacy_component as _spacy_component  # noqa: F401
