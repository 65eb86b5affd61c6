"""`dispatch geocode IN.csv OUT.csv`: a CSV round trip keeps columns and adds the results."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from geodata.batch import geocode_csv
from geodata.geocoder import Geocoder


def test_csv_round_trip(geocoder: Geocoder, tmp_path: Path) -> None:
    src = tmp_path / "customers.csv"
    src.write_text(
        "customer,street,house_number,postcode,municipality\n"
        "An,Zwaarveld,57,9220,Hamme\n"
        "Bert,kerkstr.,1,,Sombeke\n"
        "Cis,Zwaarveld,5700,9220,Hamme\n"
        "Dirk,Markt,1,9160,Lokeren\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    counts = geocode_csv(geocoder, src, out)
    assert counts == {"located": 2, "needs_review": 1, "outside_area": 1, "rows": 4}
    with open(out, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0])[:5] == ["customer", "street", "house_number", "postcode", "municipality"]
    assert [r["customer"] for r in rows] == ["An", "Bert", "Cis", "Dirk"]
    assert [r["status"] for r in rows] == ["located", "located", "needs_review", "outside_area"]
    assert rows[0]["lat"] == "51.0734943" and rows[0]["lon"] == "4.1335252"
    assert rows[0]["precision"] == "house_number"
    assert rows[2]["lat"] == "" and rows[2]["reason"]
    assert "Lokeren" in rows[3]["reason"]


def test_a_csv_without_the_address_columns_is_refused(geocoder: Geocoder, tmp_path: Path) -> None:
    src = tmp_path / "bad.csv"
    src.write_text("name,address\nAn,Zwaarveld 57 Hamme\n", encoding="utf-8")
    with pytest.raises(ValueError, match="street"):
        geocode_csv(geocoder, src, tmp_path / "out.csv")
