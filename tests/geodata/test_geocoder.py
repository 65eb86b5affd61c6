"""The geocoder against the real 2013 register: each kind of messy address, and refusals."""

from __future__ import annotations

import pytest

from geodata.geocoder import AddressQuery, Geocoder
from geodata.geometry import haversine_m

ZWAARVELD_57 = (51.0734943, 4.1335252)  # the KiemKracht (ex-Spoor2) depot, CRAB point
T_HOOG_3 = (51.0501421, 4.1641428)


def assert_located_at(result, point, within_m: float = 25.0) -> None:  # type: ignore[no-untyped-def]
    assert result.status == "located", result.reason
    assert result.lat is not None and result.lon is not None
    assert haversine_m((result.lat, result.lon), point) <= within_m, result.reason


@pytest.mark.parametrize(
    "query",
    [
        AddressQuery("Zwaarveld", "57", "9220", "Hamme"),
        AddressQuery("ZWAARVELD", "57", "9220", "HAMME"),  # case
        AddressQuery("  zwaar veld ", "57", "9220", "hamme"),  # spacing
        AddressQuery("Zwaarvelt", "57", "9220", "Hamme"),  # a typo
        AddressQuery("Zwaarveld 57", "", "9220", "Hamme"),  # number typed in the street
        AddressQuery("Zwaarveld", "57 bus 3", "9220", "Hamme"),  # box
        AddressQuery("Zwaarveld", "57/3", "9220", "Hamme"),
        AddressQuery("Zwaarveld", "57", "9220", "Hamme", box="2"),
        AddressQuery("Zwaarveld", "57-59", "9220", "Hamme"),  # range
        AddressQuery("Zwaarveld", "57", "", "Moerzeke"),  # a borough instead of Hamme
        AddressQuery("Zwaarveld", "57", "", "Kastel"),
        AddressQuery("Zwaarveld", "57", "9220", ""),  # municipality missing
        AddressQuery("Zwaarveld", "57", "", ""),  # only the street: unique in the area
        AddressQuery("Zwaarveld", "57", "9240", "Hamme"),  # postcode of Zele, street in Hamme
        AddressQuery("Zwaarveld", "57", "9200", "Hamme"),  # postcode of Dendermonde
        AddressQuery("Zwaarveld", "57", "9220", "Hame"),  # misspelt municipality
    ],
)
def test_messy_forms_of_one_address_land_on_its_register_point(
    geocoder: Geocoder, query: AddressQuery
) -> None:
    assert_located_at(geocoder.geocode(query), ZWAARVELD_57)


@pytest.mark.parametrize("street", ["'t Hoog", "t Hoog", "’t hoog", "Het Hoog", "T HOOG"])
def test_apostrophe_names_are_found(geocoder: Geocoder, street: str) -> None:
    assert_located_at(geocoder.geocode(AddressQuery(street, "3", "9220", "Hamme")), T_HOOG_3)


@pytest.mark.parametrize(
    ("query", "register_street"),
    [
        (
            AddressQuery("Dr. V. Van Cauterenstraat", "1", "9240", "Zele"),
            "Dr. Victor Van Cauterenstraat",
        ),
        (
            AddressQuery("Dokter Victor Van Cauterenstraat", "1", "9240", "Zele"),
            "Dr. Victor Van Cauterenstraat",
        ),
        (AddressQuery("Sint-Jansstraat", "2", "9220", "Hamme"), "St. Jansstraat"),
        (AddressQuery("Dendermondse stwg", "12", "9220", "Hamme"), "Dendermondse Steenweg"),
        (AddressQuery("Kerkstr.", "1", "9250", "Sombeke"), "Kerkstraat"),
        (AddressQuery("Honore Staesstraat", "2", "9240", "Zele"), "Honoré Staesstraat"),
        (AddressQuery("Ste-Annastraat", "23", "9250", "Waasmunster"), "Ste-Annastraat"),
        (AddressQuery("Durmen", "223", "9240", "Durmen"), "Durmen"),
    ],
)
def test_abbreviations_accents_and_boroughs(
    geocoder: Geocoder, query: AddressQuery, register_street: str
) -> None:
    result = geocoder.geocode(query)
    assert result.status == "located", result.reason
    assert result.matched is not None and result.matched.street == register_street
    assert result.precision == "house_number"


def test_a_borough_is_named_in_the_reason(geocoder: Geocoder) -> None:
    result = geocoder.geocode(AddressQuery("Kerkstraat", "1", "", "Sombeke"))
    assert result.status == "located"
    assert result.municipality == "Waasmunster"
    assert "Sombeke" in result.reason


def test_letter_house_numbers(geocoder: Geocoder) -> None:
    result = geocoder.geocode(AddressQuery("Dendermondebaan", "123 b", "9240", "Zele"))
    assert result.status == "located"
    assert result.matched is not None and result.matched.house_number == "123B"


def test_a_box_letter_known_as_a_house_letter(geocoder: Geocoder) -> None:
    result = geocoder.geocode(AddressQuery("Dendermondebaan", "123", "9240", "Zele", box="D"))
    assert result.matched is not None and result.matched.house_number == "123D"


def test_each_result_says_precision_and_confidence(geocoder: Geocoder) -> None:
    exact = geocoder.geocode(AddressQuery("Zwaarveld", "57", "9220", "Hamme"))
    typo = geocoder.geocode(AddressQuery("Zwaarvelt", "57", "9220", "Hamme"))
    assert exact.precision == "house_number" and exact.confidence == 1.0
    assert 0.5 < typo.confidence < exact.confidence
    assert "Zwaarveld" in typo.reason


def test_a_missing_number_between_close_neighbours_is_interpolated(geocoder: Geocoder) -> None:
    """Abdijstraat (Hamme) has 8 and 12 but no 10 in the 2013 register."""
    result = geocoder.geocode(AddressQuery("Abdijstraat", "10", "9220", "Hamme"))
    assert result.status == "located"
    assert result.precision == "interpolated"
    assert result.confidence <= 0.6
    assert "interpolated between 8 and 12" in result.reason


@pytest.mark.parametrize(
    "query",
    [
        AddressQuery("Zwaarveld", "5700", "9220", "Hamme"),  # far past the last number
        AddressQuery("Zwaarveld", "97", "9220", "Hamme"),  # past the end of the street
        AddressQuery("Pinguinstraat", "3", "9220", "Hamme"),  # no such street
        AddressQuery("Zwaarveld", "57", "9250", "Waasmunster"),  # a Hamme street in Waasmunster
        AddressQuery("Dr. Victor Van Cauterenstraat", "1", "9220", "Hamme"),  # only in Zele
        AddressQuery("Burgemeester Van Ackerwijk C", "1", "9240", "Zele"),  # 1 is only on A
        AddressQuery("Zwaarveld", "", "9220", "Hamme"),  # no house number
    ],
)
def test_addresses_that_do_not_exist_are_never_located(
    geocoder: Geocoder, query: AddressQuery
) -> None:
    result = geocoder.geocode(query)
    assert result.status == "needs_review", result.reason
    assert result.lat is None and result.lon is None
    assert result.reason


def test_an_ambiguous_street_returns_candidates_instead_of_a_guess(geocoder: Geocoder) -> None:
    """Kerkstraat 45 exists in Zele, and as 45A in Hamme; postcode and municipality disagree."""
    result = geocoder.geocode(AddressQuery("Kerkstraat", "45", "9240", "Hamme"))
    assert result.status == "needs_review"
    places = {(c.street, c.municipality) for c in result.candidates}
    assert {("Kerkstraat", "Hamme"), ("Kerkstraat", "Zele")} <= places


def test_a_typo_between_two_similar_streets_goes_to_review(geocoder: Geocoder) -> None:
    result = geocoder.geocode(AddressQuery("Burgemeester Van Ackrwijk", "1", "9240", "Zele"))
    assert result.status == "needs_review"
    assert len(result.candidates) > 1


@pytest.mark.parametrize(
    ("query", "named"),
    [
        (AddressQuery("Kerkstraat", "45", "9160", "Lokeren"), "Lokeren"),
        (AddressQuery("Markt", "1", "", "Lokeren"), "Lokeren"),
        (AddressQuery("Markt", "1", "9200", ""), "Dendermonde"),
        (AddressQuery("Kerkstraat", "1", "", "Temse"), "Temse"),
        (AddressQuery("Dorp", "1", "", "Briel"), "Lokeren"),
    ],
)
def test_outside_the_area_is_refused_naming_the_municipality(
    geocoder: Geocoder, query: AddressQuery, named: str
) -> None:
    result = geocoder.geocode(query)
    assert result.status == "outside_area"
    assert named in result.reason
    assert named in (result.municipality or "")
    assert result.lat is None


def test_an_in_area_postcode_with_an_outside_municipality_is_not_placed(
    geocoder: Geocoder,
) -> None:
    result = geocoder.geocode(AddressQuery("Zwaarveld", "57", "9220", "Lokeren"))
    assert result.status == "needs_review"
    assert result.candidates and result.candidates[0].house_number == "57"


def test_an_unknown_letter_where_the_register_lists_letters_goes_to_review(
    geocoder: Geocoder,
) -> None:
    """Dendermondebaan 123 has 123A, 123B and 123D in the register, but no 123C."""
    result = geocoder.geocode(AddressQuery("Dendermondebaan", "123C", "9240", "Zele"))
    assert result.status == "needs_review"


def test_a_letter_on_a_plain_number_is_placed_at_that_building(geocoder: Geocoder) -> None:
    result = geocoder.geocode(AddressQuery("Zwaarveld", "57B", "9220", "Hamme"))
    assert_located_at(result, ZWAARVELD_57)
    assert result.confidence < 1.0
    assert "not in the register" in result.reason


def test_a_typo_in_an_adjective_does_not_drop_it(geocoder: Geocoder) -> None:
    """Regression: 'Klene Gasmeterstraat 14' was placed on Gasmeterstraat 14, 300 m away."""
    result = geocoder.geocode(AddressQuery("Klene Gasmeterstraat", "14", "9220", "Hamme"))
    assert result.status == "located"
    assert result.matched is not None and result.matched.street == "Kleine Gasmeterstraat"


@pytest.mark.parametrize("postcode", ["9220", ""])
def test_an_unknown_municipality_is_not_overruled_silently(
    geocoder: Geocoder, postcode: str
) -> None:
    """'Gent' is not a place we know: the street exists in Hamme, but a person decides."""
    result = geocoder.geocode(AddressQuery("Zwaarveld", "57", postcode, "Gent"))
    assert result.status == "needs_review"
    assert "Gent" in result.reason
    assert result.candidates[0].street == "Zwaarveld"


def test_a_misspelt_municipality_is_still_recognised(geocoder: Geocoder) -> None:
    result = geocoder.geocode(AddressQuery("Zwaarveld", "57", "9220", "Hammme"))
    assert_located_at(result, ZWAARVELD_57)


@pytest.mark.parametrize(
    ("borough", "street", "number", "municipality"),
    [
        ("Zogge", "Zwaarveld", "57", "Hamme"),
        ("Moerzeke", "Kerkstraat", "1", "Hamme"),
        ("Heikant", "Kerkstraat", "45", "Zele"),
        ("Durmen", "Kerkstraat", "45", "Zele"),
        ("Ruiter", "Kerkstraat", "1", "Waasmunster"),
        ("Sombeke", "Kerkstraat", "1", "Waasmunster"),
    ],
)
def test_boroughs_stand_for_their_municipality(
    geocoder: Geocoder, borough: str, street: str, number: str, municipality: str
) -> None:
    result = geocoder.geocode(AddressQuery(street, number, "", borough))
    assert result.status == "located", result.reason
    assert result.municipality == municipality
