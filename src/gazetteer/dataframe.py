"""Tag or resolve a text column of a Dask DataFrame on a cluster.

Needs ``pip install 'gazetteer[dask]'``. The recipe (see docs/scaling.md)::

    from dask.distributed import Client
    import dask.dataframe as dd
    import gazetteer
    from gazetteer.dataframe import share, tag_column

    client = Client()                       # or the address of a cluster
    g = gazetteer.load(packs=["cities"])
    shared = share(client, g, tag=True)     # sent once to every worker
    articles = dd.read_parquet("articles/")
    mentions = tag_column(articles["text"], shared).compute()

:func:`share` makes the indexes the work needs on the client (so that no
worker makes them again) and sends the gazetteer to every worker once;
each partition then uses the copy its worker already holds. Results are
plain data (ids, spans, scores), not :class:`~gazetteer.Entity` objects, so
that they are cheap to send back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gazetteer.errors import GazetteerError
from gazetteer.model import Mention, Resolution
from gazetteer.resolver import Gazetteer

if TYPE_CHECKING:  # pragma: no cover - typing only
    import dask.dataframe as dd
    import pandas as pd
    from distributed import Client, Future

__all__ = ["mention_record", "resolution_record", "resolve_column", "share", "tag_column"]

_INSTALL = "the Dask helpers need dask and distributed: pip install 'gazetteer[dask]'"


# The columns resolve_column returns: ids and statuses as Python objects
# (None stays None), the score as a float (NaN when nothing resolved).
_RESOLVED: dict[str, type] = {
    "entity": object,
    "status": object,
    "score": float,
    "candidates": object,
}


def _need_dask() -> None:
    try:
        import dask.dataframe  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        raise GazetteerError(_INSTALL) from None


def share(
    client: Client, g: Gazetteer, *, tag: bool = False, resolve: bool = False
) -> Future[Gazetteer]:
    """Send ``g`` to every worker of ``client`` once; pass the result to
    :func:`tag_column` or :func:`resolve_column`.

    ``tag`` / ``resolve``: make the tag index / the cross-script index here
    first, so that they travel with the gazetteer and no worker makes them.
    """
    _need_dask()
    g.prepare(tag=tag, resolve=resolve)
    future: Future[Gazetteer] = client.scatter(g, broadcast=True, hash=False)
    return future


def mention_record(mention: Mention) -> dict[str, Any]:
    """A mention as one row of a table: :meth:`Mention.to_record
    <gazetteer.Mention.to_record>` (its ``to_dict`` with entity ids)."""
    return mention.to_record()


def resolution_record(resolution: Resolution) -> dict[str, Any]:
    """A resolution as one row of a table, the columns of
    :meth:`Resolution.to_dict <gazetteer.Resolution.to_dict>` a table needs:
    ``entity`` (its id, or None), ``status``, ``score`` (the match's, or
    None) and ``candidates`` (the ids of the candidate matches, best first)."""
    match = resolution.match
    return {
        "entity": match.entity.id if match is not None else None,
        "status": resolution.status.value,
        "score": match.score if match is not None else None,
        "candidates": [m.entity.id for m in resolution.candidates],
    }


def _local(g: Gazetteer | Future[Gazetteer]) -> Gazetteer:
    # A future passed as an argument normally arrives as its value; some
    # versions of Dask hand the future itself to the function.
    if isinstance(g, Gazetteer):
        return g
    value: Gazetteer = g.result()
    return value


def _tag_partition(
    texts: pd.Series, g: Gazetteer | Future[Gazetteer], options: dict[str, Any]
) -> pd.Series:
    import pandas as pd

    gazetteer = _local(g)
    rows = [
        [mention_record(m) for m in gazetteer.tag(text, **options)] if isinstance(text, str) else []
        for text in texts
    ]
    return pd.Series(rows, index=texts.index, name=texts.name, dtype=object)


def _resolve_partition(
    names: pd.Series, g: Gazetteer | Future[Gazetteer], options: dict[str, Any]
) -> pd.DataFrame:
    import pandas as pd

    gazetteer = _local(g)
    valid = [name if isinstance(name, str) else "" for name in names]
    records = [resolution_record(r) for r in gazetteer.resolve_all(valid, **options)]
    columns = {
        name: pd.Series([r[name] for r in records], index=names.index, dtype=dtype)
        for name, dtype in _RESOLVED.items()
    }
    return pd.DataFrame(columns)


def tag_column(texts: dd.Series, g: Gazetteer | Future[Gazetteer], **options: Any) -> dd.Series:
    """The mentions in each text of a Dask Series, as a Series of lists of
    :func:`mention_record` dicts. ``g``: what :func:`share` returned (or a
    gazetteer, which is then sent with every task: slower). ``options``:
    the keyword arguments of :meth:`Gazetteer.tag`."""
    _need_dask()
    import pandas as pd

    meta = pd.Series([], name=texts.name, dtype=object)
    result: dd.Series = texts.map_partitions(_tag_partition, g, options, meta=meta)
    return result


def resolve_column(
    names: dd.Series, g: Gazetteer | Future[Gazetteer], **options: Any
) -> dd.DataFrame:
    """Resolve each name of a Dask Series: a DataFrame with the columns of
    :func:`resolution_record` (``score`` is NaN where nothing resolved).
    ``options``: the keyword arguments of :meth:`Gazetteer.resolve_all`."""
    _need_dask()
    import pandas as pd

    meta = pd.DataFrame({name: pd.Series([], dtype=dtype) for name, dtype in _RESOLVED.items()})
    result: dd.DataFrame = names.map_partitions(_resolve_partition, g, options, meta=meta)
    return result
