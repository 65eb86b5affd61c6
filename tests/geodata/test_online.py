"""The optional online look-up: used only to confirm an address the register lacks."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from geodata.geocoder import AddressQuery, Geocoder
from geodata.online import GeopyLookup, OnlineHit


@dataclass
class FakeLookup:
    """Answers from a dict instead of the network; records what was asked."""

    answers: dict[str, OnlineHit | None]
    asked: list[str] = field(default_factory=list)

    def lookup(
        self, street: str, house_number: str, postcode: str, municipality: str
    ) -> OnlineHit | None:
        self.asked.append(f"{street} {house_number}")
        return self.answers.get(f"{street} {house_number}")


NEW_HOUSE = OnlineHit(51.07420, 4.13290, "Zwaarveld", "97", "9220", "fake")


@pytest.fixture(scope="module")
def geocoder_with(imported_dir: Path):  # type: ignore[no-untyped-def]
    def make(answers: dict[str, OnlineHit | None]) -> tuple[Geocoder, FakeLookup]:
        fake = FakeLookup(answers)
        return Geocoder.load(imported_dir, online=fake), fake

    return make


def test_a_confirmed_new_address_is_located_with_its_source(geocoder_with) -> None:  # type: ignore[no-untyped-def]
    geocoder, _ = geocoder_with({"Zwaarveld 97": NEW_HOUSE})
    result = geocoder.geocode(AddressQuery("Zwaarveld", "97", "9220", "Hamme"))
    assert result.status == "located"
    assert result.precision == "house_number" and result.confidence == 0.7
    assert "fake" in result.reason and "2013" in result.reason


def test_an_online_answer_for_another_number_is_not_accepted(geocoder_with) -> None:  # type: ignore[no-untyped-def]
    wrong = OnlineHit(51.0742, 4.1329, "Zwaarveld", "9", "9220", "fake")
    geocoder, _ = geocoder_with({"Zwaarveld 97": wrong})
    assert (
        geocoder.geocode(AddressQuery("Zwaarveld", "97", "9220", "Hamme")).status == "needs_review"
    )


def test_an_online_answer_outside_the_area_is_not_accepted(geocoder_with) -> None:  # type: ignore[no-untyped-def]
    lokeren = OnlineHit(51.1036, 3.9931, "Zwaarveld", "97", "9160", "fake")
    geocoder, _ = geocoder_with({"Zwaarveld 97": lokeren})
    assert (
        geocoder.geocode(AddressQuery("Zwaarveld", "97", "9220", "Hamme")).status == "needs_review"
    )


def test_register_hits_never_go_online(geocoder_with) -> None:  # type: ignore[no-untyped-def]
    geocoder, fake = geocoder_with({})
    geocoder.geocode(AddressQuery("Zwaarveld", "57", "9220", "Hamme"))
    geocoder.geocode(AddressQuery("Markt", "1", "9160", "Lokeren"))
    assert fake.asked == []


def test_the_online_lookup_is_configured_by_url_only(tmp_path: Path) -> None:
    lookup = GeopyLookup("http://localhost:8080/nominatim", cache_path=tmp_path / "c.json")
    assert lookup.source == "nominatim (localhost:8080)"
    with pytest.raises(ValueError):
        GeopyLookup("localhost:8080")


def test_cached_answers_are_not_asked_again(tmp_path: Path) -> None:
    cache = tmp_path / "online-cache.json"
    cache.write_text(
        '{"zwaarveld|97|9220|hamme": {"lat": 51.0742, "lon": 4.1329, '
        '"street": "Zwaarveld", "house_number": "97", "postcode": "9220", '
        '"source": "nominatim"}}'
    )
    lookup = GeopyLookup("http://127.0.0.1:9/", cache_path=cache)  # port 9: nothing listens
    hit = lookup.lookup("Zwaarveld", "97", "9220", "Hamme")
    assert hit is not None and hit.house_number == "97"
