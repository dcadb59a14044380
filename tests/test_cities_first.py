"""records.cities_first: a city takes the names of the region named after it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gazetteer import Alias, Entity, Gazetteer, Kind, Tier
from gazetteer.records import cities_first, countries_first

COUNTRY = Entity("country:xx", Kind.COUNTRY, "Xland", (Alias("Xland", "en"),))


def _region(name: str, *more: str) -> Entity:
    aliases = (Alias(name, "und"), Alias(name, "ru"), *(Alias(m, "en") for m in more))
    return Entity(
        f"subdivision:xx-{name.lower()}", Kind.SUBDIVISION, name, aliases, country="country:xx"
    )


def _city(slug: str, name: str, population: int, tier: Tier = Tier.WEAK) -> Entity:
    return Entity(
        f"city:{slug}",
        Kind.CITY,
        name,
        (Alias(name, "und", tier),),
        country="country:xx",
        population=population,
    )


def _tiers(entity: Entity) -> dict[tuple[str, str], Tier]:
    return {(a.text, a.lang): a.tier for a in entity.aliases}


def test_the_largest_city_takes_the_shared_name() -> None:
    region = _region("Rimo", "Rimo Province")
    big, small = _city("1", "Rimo", 2_000_000), _city("2", "Rimo", 9_000)
    out = cities_first({e.id: e for e in (COUNTRY, region, big, small)})
    assert _tiers(out[region.id]) == {
        ("Rimo", "und"): Tier.WEAK,
        ("Rimo", "ru"): Tier.WEAK,
        ("Rimo Province", "en"): Tier.STRONG,  # its own name keeps its tier
    }
    # the city holds it strong, with the region's languages (for inflection)
    assert _tiers(out[big.id]) == {("Rimo", "und"): Tier.STRONG, ("Rimo", "ru"): Tier.STRONG}
    assert out[small.id] == small


def test_a_curated_city_a_country_name_and_another_country_are_left_alone() -> None:
    curated = _city("curated", "Nyork", 8_000_000, Tier.STRONG)
    region = _region("Nyork")
    named_as_country = _region("Xland")
    foreign = Entity(
        "city:3",
        Kind.CITY,
        "Xland",
        (Alias("Xland", "und", Tier.WEAK),),
        country="country:yy",
        population=10**6,
    )
    world = {e.id: e for e in (COUNTRY, curated, region, named_as_country, foreign)}
    assert cities_first(world) == world


@given(st.integers(min_value=0, max_value=10**7), st.integers(min_value=0, max_value=10**7))
def test_one_city_takes_a_name_and_the_region_keeps_every_alias(a: int, b: int) -> None:
    region = _region("Plovo")
    first, second = _city("1", "Plovo", a), _city("2", "Plovo", b)
    out = cities_first({e.id: e for e in (COUNTRY, region, first, second)})
    strong = [e for e in (out[first.id], out[second.id]) if Tier.STRONG in _tiers(e).values()]
    assert len(strong) == 1 and (strong[0].population or 0) == max(a, b)
    assert [a.text for a in out[region.id].aliases] == [a.text for a in region.aliases]


def _one(g: Gazetteer, query: str) -> str | None:
    found = g.resolve(query)
    return found.entity.id if found.entity is not None else None


def test_a_regions_descriptive_names_stay_the_regions(g: Gazetteer) -> None:
    # Zadar County is named after Zadar: the city takes the name it shares,
    # not the translations that call the county so (tools/region_cities.py)
    assert _one(g, "Zadar") == "city:3186952"
    assert _one(g, "Gespanschaft Zadar") == "subdivision:hr-13"
    assert _one(g, "Задарская жупанія") == "subdivision:hr-13"
    # a hyphen parts words as a space does: Тель-Авів is Tel Aviv's name
    assert _one(g, "Тель-Авів") == "city:293397"


def test_the_default_loads_cities_carry_their_population_and_capital(g: Gazetteer) -> None:
    # tools/region_cities.py writes GeoNames' population and capital, so the
    # default load's cities are read by the same rules as the pack's
    generated = [e for e in g.entities if e.id.removeprefix("city:").isdigit()]
    assert generated and all(e.population is not None for e in generated)
    assert any(e.capital for e in generated)
    barcelona = g["city:3128760"]
    assert barcelona.population is not None and barcelona.population >= 1_000_000
    # a city of a million people is known by its name in the text's script
    # even where that name is filed under no language and is a common word
    # of the language (Барселона, in Bulgarian, for the football club too)
    mentions = g.tag("Полетът кацна в Барселона с два часа закъснение.", lang="bg")
    assert [m.entity.id for m in mentions if m.entity] == ["city:3128760"]


def test_a_city_takes_the_names_of_several_regions_in_one_order() -> None:
    # regions that share the city's name, each with a language of its own:
    # the city takes their aliases region by region in the order of their
    # ids, the same in every process (a set's order is not: it follows
    # string hashes, so with six regions any other order shows)
    langs = ["de", "fr", "it", "es", "pl", "cs"]
    regions = [
        Entity(
            f"subdivision:xx-{letter}",
            Kind.SUBDIVISION,
            "Rimo",
            (Alias("Rimo", "und"), Alias("Rimo", lang)),
            country="country:xx",
        )
        for letter, lang in zip("fedcba", langs, strict=True)
    ]
    city = _city("1", "Rimo", 2_000_000)
    for order in (regions, regions[::-1]):
        out = cities_first({e.id: e for e in (COUNTRY, *order, city)})
        assert [a.lang for a in out[city.id].aliases] == ["und", *reversed(langs)]


def test_a_region_yields_a_countrys_name_only_in_the_countrys_language() -> None:
    """countries_first: a subdivision's strong name that is a country's strong
    name in the same language becomes weak (German Georgien); one that is
    the country's name in another language only stays strong where its own
    language names countries in that script (Bulgarian Англия, England,
    which Russian calls the United Kingdom; not a Tamil one in Cyrillic),
    and a name in Latin letters filed in English or no language is every
    Latin language's."""
    kingdom = Entity(
        "country:gb",
        Kind.COUNTRY,
        "United Kingdom",
        (
            Alias("Англия", "ru"),
            Alias("Великобритания", "bg"),
            Alias("Georgia", "en"),
            Alias("Georgien", "de"),
        ),
    )
    england = Entity(
        "subdivision:gb-eng",
        Kind.SUBDIVISION,
        "England",
        (
            Alias("Англия", "bg"),
            Alias("Англия", "ru"),
            Alias("Англия", "ta"),
            Alias("Georgien", "de"),
            Alias("Georgia", "fr"),
        ),
        country="country:gb",
    )
    out = countries_first({e.id: e for e in (kingdom, england)})
    assert _tiers(out[england.id]) == {
        ("Англия", "bg"): Tier.STRONG,
        ("Англия", "ru"): Tier.WEAK,
        ("Англия", "ta"): Tier.WEAK,
        ("Georgien", "de"): Tier.WEAK,
        ("Georgia", "fr"): Tier.WEAK,
    }
