"""Travel matrices on real points: OSRM (in-process and as a server) and the fallback."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from geodata.geometry import haversine_m
from geodata.layout import area_files
from geodata.osrm_prepare import osrm_package_dir
from geodata.travel import (
    OsrmHttpProvider,
    OsrmLocalProvider,
    StraightLineProvider,
    make_travel_provider,
)

DEPOT_HAMME = (51.0734943, 4.1335252)  # Zwaarveld 57, Hamme
KRINGWINKEL_ZELE = (51.0706852, 4.0529466)
HAMME_MARKT = (51.0983, 4.1362)
# One-way pairs on edges with oneway=1 in hzw_road_graph_edges.csv, at 25 % and 75 % of the
# edge in its digitised (allowed) direction: A -> B follows the street, B -> A must go around.
GUILLAUMESTRAAT_HAMME = ((51.09448955, 4.134819625), (51.09427225, 4.134468275))  # edge 28124
DRIESSTRAAT_ZELE = ((51.0670185, 4.024438675), (51.0668449, 4.024189225))  # edge 12665


def test_road_distance_hamme_zele_is_clearly_longer_than_straight(
    road_provider: OsrmLocalProvider,
) -> None:
    m = road_provider.matrices([DEPOT_HAMME, KRINGWINKEL_ZELE])
    straight = haversine_m(DEPOT_HAMME, KRINGWINKEL_ZELE)
    assert m.source == "osrm" and not m.is_fallback
    assert m.distances[0][0] == 0 and m.durations[1][1] == 0
    assert m.distances[0][1] > 1.3 * straight
    assert m.distances[1][0] > 1.3 * straight
    assert 300 < m.durations[0][1] < 1800  # a van needs minutes, not seconds or hours
    assert all(isinstance(x, int) for row in m.durations + m.distances for x in row)


@pytest.mark.parametrize("pair", [GUILLAUMESTRAAT_HAMME, DRIESSTRAAT_ZELE])
def test_one_way_streets_are_respected(
    road_provider: OsrmLocalProvider, pair: tuple[tuple[float, float], tuple[float, float]]
) -> None:
    m = road_provider.matrices(list(pair))
    with_the_flow, against = m.distances[0][1], m.distances[1][0]
    assert with_the_flow < 100
    assert against > 5 * with_the_flow
    assert m.durations[1][0] > m.durations[0][1]


def test_route_geometry_follows_roads(road_provider: OsrmLocalProvider) -> None:
    line = road_provider.route_geometry([DEPOT_HAMME, HAMME_MARKT, KRINGWINKEL_ZELE])
    assert not line.is_fallback
    assert len(line.points) > 20
    assert haversine_m(line.points[0], DEPOT_HAMME) < 150
    assert haversine_m(line.points[-1], KRINGWINKEL_ZELE) < 150
    lat, lon = line.points[len(line.points) // 2]
    assert 50.9 < lat < 51.3 and 3.9 < lon < 4.3  # (lat, lon), not swapped


def test_fallback_says_it_is_the_fallback() -> None:
    provider = StraightLineProvider()
    m = provider.matrices([DEPOT_HAMME, KRINGWINKEL_ZELE])
    assert m.is_fallback and "fallback" in m.source
    straight = haversine_m(DEPOT_HAMME, KRINGWINKEL_ZELE)
    assert m.distances[0][1] == m.distances[1][0] > straight
    assert m.durations[0][1] == round(m.distances[0][1] / provider.speed_mps)
    line = provider.route_geometry([DEPOT_HAMME, KRINGWINKEL_ZELE])
    assert line.is_fallback and line.points == [DEPOT_HAMME, KRINGWINKEL_ZELE]


def test_without_road_data_the_provider_is_the_fallback(tmp_path: Path) -> None:
    provider = make_travel_provider(tmp_path)
    assert isinstance(provider, StraightLineProvider)
    assert provider.matrices([DEPOT_HAMME, HAMME_MARKT]).is_fallback


def test_with_road_data_the_provider_is_local_osrm(imported_dir: Path) -> None:
    assert isinstance(make_travel_provider(imported_dir), OsrmLocalProvider)


def test_an_osrm_url_selects_the_server_provider(imported_dir: Path) -> None:
    provider = make_travel_provider(imported_dir, osrm_url="http://localhost:5000")
    assert isinstance(provider, OsrmHttpProvider)


def test_small_inputs(road_provider: OsrmLocalProvider) -> None:
    assert road_provider.matrices([]).durations == []
    assert road_provider.matrices([DEPOT_HAMME]).distances == [[0]]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def osrm_server(imported_dir: Path) -> Iterator[str]:
    """osrm-routed from the wheel, serving the test import on a free local port."""
    port = _free_port()
    exe = osrm_package_dir() / "bin" / "osrm-routed"
    proc = subprocess.Popen(
        [
            str(exe),
            "--algorithm",
            "mld",
            "--ip",
            "127.0.0.1",
            "--port",
            str(port),
            str(area_files(imported_dir).osrm.resolve()),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{url}/nearest/v1/driving/4.13,51.07", timeout=1)
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail("osrm-routed exited at start-up")
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_the_server_gives_the_same_answers_as_in_process(
    osrm_server: str, road_provider: OsrmLocalProvider
) -> None:
    points = [DEPOT_HAMME, KRINGWINKEL_ZELE, *GUILLAUMESTRAAT_HAMME, HAMME_MARKT]
    http = OsrmHttpProvider(osrm_server, block=2)  # small blocks to exercise the splitting
    remote, local = http.matrices(points), road_provider.matrices(points)
    assert remote.source == "osrm-http" and not remote.is_fallback
    assert remote.distances == local.distances
    assert remote.durations == local.durations
    assert len(http.route_geometry([DEPOT_HAMME, KRINGWINKEL_ZELE]).points) > 20


def test_an_unreachable_server_is_a_travel_error() -> None:
    from geodata.travel import TravelError

    provider = OsrmHttpProvider("http://127.0.0.1:9", timeout_s=2)  # port 9: nothing listens
    with pytest.raises(TravelError, match="did not answer"):
        provider.matrices([DEPOT_HAMME, KRINGWINKEL_ZELE])
