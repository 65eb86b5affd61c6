"""The service area check on the real municipality boundaries."""

from __future__ import annotations

from pathlib import Path

from geodata.area import ServiceArea

HAMME_MARKT = (51.0983, 4.1362)
ZELE_CENTRE = (51.0660, 4.0400)
WAASMUNSTER_CENTRE = (51.1057, 4.0849)
LOKEREN_CENTRE = (51.1036, 3.9931)
DENDERMONDE_CENTRE = (51.0280, 4.1010)
BRUSSELS = (50.8467, 4.3525)


def test_points_in_the_three_municipalities_are_served(imported_dir: Path) -> None:
    area = ServiceArea.load(imported_dir)
    assert area.municipality_at(*HAMME_MARKT) == "Hamme"
    assert area.municipality_at(*ZELE_CENTRE) == "Zele"
    assert area.municipality_at(*WAASMUNSTER_CENTRE) == "Waasmunster"
    assert all(area.contains(*p) for p in (HAMME_MARKT, ZELE_CENTRE, WAASMUNSTER_CENTRE))


def test_a_point_in_lokeren_is_refused_and_named_lokeren(imported_dir: Path) -> None:
    area = ServiceArea.load(imported_dir)
    assert not area.contains(*LOKEREN_CENTRE)
    assert area.municipality_at(*LOKEREN_CENTRE) == "Lokeren"
    assert "Lokeren" in area.refusal_reason(*LOKEREN_CENTRE)
    assert area.municipality_at(*DENDERMONDE_CENTRE) == "Dendermonde"


def test_a_point_beyond_the_known_municipalities_has_no_name(imported_dir: Path) -> None:
    area = ServiceArea.load(imported_dir)
    assert area.municipality_at(*BRUSSELS) is None
    assert not area.contains(*BRUSSELS)
    assert "outside the delivery area" in area.refusal_reason(*BRUSSELS)


def test_the_served_postcodes(imported_dir: Path) -> None:
    area = ServiceArea.load(imported_dir)
    assert area.postcodes == {"9220", "9240", "9250"}
    assert sorted(area.served_municipalities) == ["Hamme", "Waasmunster", "Zele"]
    assert len(area.municipality_names) == 11
