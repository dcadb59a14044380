"""The Dask helpers, on a local cluster of two worker processes, with the fixture world."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from gazetteer import Gazetteer
from gazetteer.dataframe import (
    mention_record,
    resolution_record,
    resolve_column,
    share,
    tag_column,
)

# Dask, distributed and pandas are imported when this file's tests run, not
# when they are collected: every pytest-xdist worker collects every file, and
# importing them took about a second in each.
dd: Any = None
distributed: Any = None
pd: Any = None


@pytest.fixture(scope="module", autouse=True)
def _dask_imported() -> None:
    global dd, distributed, pd
    dd = pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    pd = pytest.importorskip("pandas")


TEXTS = [
    "Встреча Дональда Трампа с Ильхамом Алиевым прошла в Баку.",
    "Президент Казахстана Касым-Жомарт Токаев прилетел в Ташкент.",
    "Türkiye'nin Bakü büyükelçisi Ankara'ya döndü.",
    "Nothing to find here.",
    "Премиерът на България разговаря с Никол Пашинян.",
] * 8
NAMES = ["Тръмп", "Kazakstan", "Georgia", "Нахичевань", "no such place", "Kirghizia"] * 5


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as connected,
    ):
        yield connected


def test_tagging_a_column_on_two_workers_equals_tagging_here(world: Gazetteer, client: Any) -> None:
    shared = share(client, world, tag=True)
    frame = dd.from_pandas(pd.DataFrame({"text": TEXTS}), npartitions=4)
    result = tag_column(frame["text"], shared).compute()
    assert list(result) == [[mention_record(m) for m in world.tag(text)] for text in TEXTS]
    assert [row["entity"] for row in result[0]] == [
        "person:donald-trump",
        "person:ilham-aliyev",
        "city:baku",
    ]
    assert list(result[3]) == []
    # the cluster really has two worker processes
    assert len(client.scheduler_info()["workers"]) == 2


def test_resolving_a_column_on_two_workers_equals_resolving_here(
    world: Gazetteer, client: Any
) -> None:
    shared = share(client, world, resolve=True)
    names = dd.from_pandas(pd.Series(NAMES), npartitions=3)
    result = resolve_column(names, shared).compute()
    expected = [resolution_record(r) for r in world.resolve_all(NAMES)]
    for row in expected:
        row["score"] = float("nan") if row["score"] is None else row["score"]
    got = result.to_dict("records")
    assert [r["entity"] for r in got][:6] == [
        "person:donald-trump",
        "country:kz",
        None,  # Georgia: ambiguous
        "subdivision:az-nx",
        None,
        "country:kg",
    ]
    assert [r["entity"] for r in got] == [r["entity"] for r in expected]
    assert pd.DataFrame(got).equals(pd.DataFrame(expected))
