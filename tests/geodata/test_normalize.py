"""How typed names and numbers are read (no data needed)."""

from __future__ import annotations

import pytest

from geodata.housenumbers import HouseNumber, parse_house_number, split_street_and_number
from geodata.normalize import key


@pytest.mark.parametrize(
    ("typed", "register"),
    [
        ("KERKSTRAAT", "Kerkstraat"),
        ("kerk straat", "Kerkstraat"),
        ("Kerkstr.", "Kerkstraat"),
        ("Kerkstr", "Kerkstraat"),
        ("Honore Staesstraat", "Honoré Staesstraat"),
        ("T Hoog", "'t Hoog"),
        ("’t Hoog", "'t Hoog"),
        ("Het Hoog", "'t Hoog"),
        ("St.-Jansstraat", "St. Jansstraat"),
        ("Sint-Jansstraat", "St. Jansstraat"),
        ("Dr. Victor Van Cauterenstraat", "Dr. Victor Van Cauterenstraat"),
        ("Dokter Victor van Cauterenstraat", "Dr. Victor Van Cauterenstraat"),
        ("Dendermondse Stwg", "Dendermondse Steenweg"),
        ("Gentse stwg.", "Gentsesteenweg"),
        ("O.L.V.-straat", "Onze-Lieve-Vrouwstraat"),
        ("Burg. Lemmensstraat", "Burgemeester Lemmensstraat"),
        ("Molenaarsdr.", "Molenaarsdreef"),
    ],
)
def test_typed_street_names_meet_the_register_key(typed: str, register: str) -> None:
    assert key(typed) == key(register)


def test_sint_and_ste_stay_different_streets() -> None:
    """Regression: Waasmunster has both Sint-Annastraat and Ste-Annastraat."""
    assert key("Sint-Annastraat") != key("Ste-Annastraat")


@pytest.mark.parametrize(
    ("typed", "box", "expected"),
    [
        ("12", None, HouseNumber(12)),
        ("12A", None, HouseNumber(12, "a")),
        ("12 a", None, HouseNumber(12, "a")),
        ("12 bus 3", None, HouseNumber(12, box="3")),
        ("12/3", None, HouseNumber(12, box="3")),
        ("12 b3", None, HouseNumber(12, box="3")),
        ("12-14", None, HouseNumber(12, range_end=14)),
        ("12 - 14", None, HouseNumber(12, range_end=14)),
        ("nr. 5", None, HouseNumber(5)),
        ("45", "B", HouseNumber(45, box="b")),
        ("45", "bus 3", HouseNumber(45, box="3")),
    ],
)
def test_house_numbers_as_typed(typed: str, box: str | None, expected: HouseNumber) -> None:
    assert parse_house_number(typed, box) == expected


@pytest.mark.parametrize("typed", ["", "abc", "bus"])
def test_text_without_a_number_is_no_house_number(typed: str) -> None:
    assert parse_house_number(typed) is None


def test_number_typed_in_the_street_field_is_split_off() -> None:
    assert split_street_and_number("Kerkstraat 12 bus 3") == ("Kerkstraat", "12 bus 3")
    assert split_street_and_number("Kerkstraat nr. 12") == ("Kerkstraat", "12")
    assert split_street_and_number("2de Jagers te Paardstraat") == ("2de Jagers te Paardstraat", "")
