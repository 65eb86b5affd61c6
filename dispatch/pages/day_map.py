"""The day's folium map: a layer per van and per slot, numbered stops, depot, shops, context.

Everything the map loads comes from this service (see `assets.py`); without a tile server the
background is the municipal boundaries and the main roads of the imported OSM data. Coordinates
are (lat, lon) as everywhere; the GeoJSON layers are [lon, lat] as that format wants.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import folium
from branca.element import Figure, MacroElement
from jinja2 import Template
from markupsafe import escape

from dispatch.area_services import AreaServices
from dispatch.formatting import format_time
from dispatch.pages.assets import FOLIUM_CSS, FOLIUM_JS
from dispatch.pages.day_view import DayView, RouteView, StepView, Visit
from dispatch.settings import Settings

log = logging.getLogger(__name__)

# Font Awesome (solid) glyph per kind of stop; the pin's shape tells the same in print.
MARKER_ICONS = {
    "pickup": "store",
    "delivery": "house",
    "collection": "couch",
    "drop": "recycle",
    "load": "dolly",
    "sale_delivery": "truck-ramp-box",
}
ROAD_STYLES = {
    "motorway": {"color": "#b9a27c", "weight": 4},
    "trunk": {"color": "#c3b091", "weight": 3.5},
    "primary": {"color": "#cbbfa6", "weight": 3},
    "secondary": {"color": "#d3ccbc", "weight": 2.2},
    "tertiary": {"color": "#dcd8cf", "weight": 1.6},
}
DEFAULT_CENTRE = (51.085, 4.10)  # between Hamme, Zele and Waasmunster


@dataclass
class RenderedMap:
    """The parts of folium's page the dispatcher page embeds in its own template."""

    header: str
    html: str
    script: str
    map_name: str


def h(text: object) -> str:
    """HTML-escaped text that is also safe inside folium's JavaScript template literals."""
    return str(escape(str(text))).replace("`", "&#96;").replace("$", "&#36;")


class _Glue(MacroElement):
    """Names folium gave the map's parts, for the page's own script (dispatch.js)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "window.dispatchMap = {map: {{ this.map_name }}, "
        "vans: { {% for van, layer in this.vans %}{{ van|tojson }}: {{ layer }}{% if not loop.last %}, {% endif %}{% endfor %} }, "  # noqa: E501
        "slots: { {% for slot, layer in this.slots %}{{ slot|tojson }}: {{ layer }}{% if not loop.last %}, {% endif %}{% endfor %} }, "  # noqa: E501
        "slotMarkers: [{% for marker, layer, slots in this.slot_markers %}[{{ marker }}, {{ layer }}, {{ slots|tojson }}]{% if not loop.last %}, {% endif %}{% endfor %}]};\n"  # noqa: E501
        "{% for text in this.attributions %}"
        "{{ this.map_name }}.attributionControl.addAttribution({{ text|tojson }});\n"
        "{% endfor %}"
        "{% endmacro %}"
    )

    def __init__(self, map_name: str, attributions: list[str]) -> None:
        super().__init__()
        self._name = "DispatchGlue"
        self.map_name = map_name
        self.attributions = attributions
        self.vans: list[tuple[str, str]] = []
        self.slots: list[tuple[str, str]] = []
        self.slot_markers: list[tuple[str, str, list[str]]] = []


def build_day_map(
    view: DayView, area: AreaServices, settings: Settings, t: Callable[..., str]
) -> RenderedMap:
    """The folium map of the shown version, rendered into header, body and script parts."""
    fmap = folium.Map(
        location=DEFAULT_CENTRE, zoom_start=12, tiles=None, control_scale=True, prefer_canvas=True
    )
    fmap.default_js = FOLIUM_JS
    fmap.default_css = FOLIUM_CSS
    attributions: list[str] = []
    if settings.map_tiles_url:
        folium.TileLayer(
            tiles=settings.map_tiles_url,
            attr=settings.map_tiles_attribution or "",
            name="Achtergrond",
            control=False,
        ).add_to(fmap)
    attributions.extend(area.attributions())
    _context_layers(fmap, area, t)
    glue = _Glue(fmap.get_name(), attributions)

    for route in view.routes:
        layer = _route_layer(route, view, t, glue)
        layer.add_to(fmap)
        glue.vans.append((route.van.id, layer.get_name()))
    for slot in sorted({s for r in view.routes for v in r.visits for s in v.slots}):
        slot_layer = folium.FeatureGroup(name=h(t("layer_slot", slot=slot)), show=True)
        slot_layer.add_to(fmap)
        glue.slots.append((slot, slot_layer.get_name()))
    _depots_and_shops(fmap, view, t)
    _review_layer(fmap, view, t)
    folium.LayerControl(collapsed=False, position="topright").add_to(fmap)
    fmap.fit_bounds(_bounds(view, area))
    glue.add_to(fmap)

    figure = fmap.get_root()
    assert isinstance(figure, Figure)
    figure.render()
    return RenderedMap(
        header=figure.header.render(),
        html=figure.html.render(),
        script=figure.script.render(),
        map_name=fmap.get_name(),
    )


def _context_layers(fmap: folium.Map, area: AreaServices, t: Callable[..., str]) -> None:
    """Main roads and municipal boundaries, the map's context when there are no tiles."""
    if not area.imported:
        return
    try:
        from geodata.basemap import main_roads

        roads = main_roads(area.data_dir)
    except Exception:  # the map is still useful without its background
        log.exception("main roads unavailable")
        roads = None
    if roads:
        folium.GeoJson(
            roads,
            name=h(t("roads")),
            style_function=lambda f: {**ROAD_STYLES.get(f["properties"]["class"], {}),
                                      "opacity": 1.0},
            interactive=False,
            control=True,
            smooth_factor=1.5,
        ).add_to(fmap)  # fmt: skip
    from geodata.layout import area_files

    boundaries = area_files(area.data_dir).boundaries
    if boundaries.is_file():
        data = json.loads(boundaries.read_text(encoding="utf-8"))
        folium.GeoJson(
            data,
            name=h(t("boundaries")),
            style_function=lambda f: (
                {"color": "#2e5d3a", "weight": 2, "fillColor": "#2e5d3a", "fillOpacity": 0.04}
                if f["properties"].get("service_area")
                else {"color": "#888", "weight": 1, "dashArray": "4 4", "fillOpacity": 0}
            ),
            tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False),
        ).add_to(fmap)


def _route_layer(
    route: RouteView, view: DayView, t: Callable[..., str], glue: _Glue
) -> folium.FeatureGroup:
    van = route.van
    swatch = f'<span class="swatch" style="background:{route.colour}"></span>'
    fallback = route.route.geometry_is_fallback or not route.route.geometry
    name = f"{swatch}{h(van.name)}" + (f" <em>({h(t('fallback_line'))})</em>" if fallback else "")
    layer = folium.FeatureGroup(name=name, show=True)
    line = [[round(lat, 5), round(lon, 5)] for lat, lon in route.route.geometry] or [
        [v.lat, v.lon] for v in route.visits
    ]
    if len(line) >= 2:
        folium.PolyLine(
            line,
            color=route.colour,
            weight=4,
            opacity=0.75,
            dash_array="8 8" if fallback else None,
            tooltip=h(van.name + (f" – {t('fallback_line')}" if fallback else "")),
            smooth_factor=1.2,
        ).add_to(layer)
    for visit in route.visits:
        marker = folium.Marker(
            [visit.lat, visit.lon],
            icon=folium.DivIcon(
                html=_pin_html(route, visit),
                icon_size=(28, 28),
                icon_anchor=(14, 14),
                popup_anchor=(0, -12),
                class_name="stop-marker",
            ),
            popup=folium.Popup(_popup_html(route, visit, view, t), max_width=340),
            tooltip=h(f"{visit.number}. {t('kind.' + visit.marker)} – {_visit_title(visit)}"),
        )
        marker.add_to(layer)
        if visit.slots:
            glue.slot_markers.append((marker.get_name(), layer.get_name(), visit.slots))
    return layer


def _pin_html(route: RouteView, visit: Visit) -> str:
    ids = " ".join(str(s.stop.id) for s in visit.steps)
    icon = MARKER_ICONS.get(visit.marker, "location-dot")
    return (
        f'<div class="stop-pin k-{visit.marker} p-{visit.progress}" style="--van:{route.colour}"'
        f' data-stops="{ids}" data-van="{h(route.van.id)}" data-number="{visit.number}">'
        f'<i class="fa-solid fa-{icon}"></i><b>{visit.number}</b></div>'
    )


def _visit_title(visit: Visit) -> str:
    first = visit.first
    if visit.marker == "pickup" and first.shop:
        return first.shop.name
    if visit.marker in ("drop", "load"):
        return first.stop.label.split(" – ")[0].removeprefix("Lossen in ").removeprefix("Laden in ")
    if first.order:
        return first.order.customer_name
    if first.job:
        return first.job.customer_name
    return first.stop.label


def _load(step: StepView) -> str:
    kg = step.stop.load_grams / 1000
    return f"{step.stop.load_litres} l · {kg:.0f} kg".replace(".", ",")


def _popup_html(route: RouteView, visit: Visit, view: DayView, t: Callable[..., str]) -> str:
    eta = t("eta", time=format_time(visit.first.stop.service_start_s))
    head = (
        f'<div class="popup"><div class="popup-title" style="border-color:{route.colour}">'
        f"<b>{visit.number}. {h(t('kind.' + visit.marker))}</b> – {h(_visit_title(visit))}"
        f"<br><small>{h(route.van.name)} · {h(eta)}</small></div><table>"
    )
    rows = []
    for step in visit.steps:
        stop = step.stop
        if step.order:
            order = step.order
            what = (
                f"{h(t('order'))} <b>{h(order.platform_order_id)}</b><br>"
                f"{h(t('customer'))}: {h(order.customer_name)}, "
                f"{h(order.street)} {h(order.house_number)}, {h(order.municipality)}<br>"
                f"{h(t('slot'))}: {h(step.slot)}"
            )
            if step.shop and visit.marker == "delivery":
                what += f"<br>{h(step.shop.name)}"
        elif step.job:
            job = step.job
            what = (
                f"<b>{h(job.reference)}</b> {h(job.description)}<br>"
                f"{h(t('customer'))}: {h(job.customer_name)}, {h(job.street)} "
                f"{h(job.house_number)}, {h(job.municipality)}<br>"
                f"{h(t('window'))}: {h(job.window_start)}–{h(job.window_end)}"
            )
        else:
            what = h(stop.label)
        status = (
            ""
            if step.progress == "pending"
            else f' <span class="st st-{step.progress}">{h(t(step.progress))}</span>'
        )
        rows.append(
            f"<tr><td>{h(t('eta', time=format_time(stop.service_start_s)))}{status}<br>"
            f"<small>{h(t('load'))}: {_load(step)}</small></td><td>{what}</td></tr>"
        )
    return head + "".join(rows) + "</table></div>"


def _depots_and_shops(fmap: folium.Map, view: DayView, t: Callable[..., str]) -> None:
    for depot in view.depots:
        folium.Marker(
            [depot.lat, depot.lon],
            icon=folium.Icon(color="darkgreen", icon="warehouse", prefix="fa"),
            tooltip=h(f"{t('depot')}: {depot.name}"),
            popup=folium.Popup(
                f"<b>{h(depot.name)}</b><br>{h(depot.address)}, {h(depot.postcode)} "
                f"{h(depot.municipality)}",
                max_width=260,
            ),
            z_index_offset=1000,
        ).add_to(fmap)
    visited: dict[str, int] = {}
    for route in view.routes:
        for step in route.steps:
            if step.marker == "pickup" and step.order:
                visited[step.order.shop_id] = visited.get(step.order.shop_id, 0) + 1
    shops = folium.FeatureGroup(name=h(t("shops")), show=True)
    for shop in view.shops.values():
        if shop.lat is None or shop.lon is None:
            continue
        count = visited.get(shop.id, 0)
        folium.Marker(
            [shop.lat, shop.lon],
            icon=folium.Icon(color="cadetblue" if count else "lightgray", icon="shop", prefix="fa"),
            tooltip=h(shop.name),
            popup=folium.Popup(
                f"<b>{h(shop.name)}</b><br>{h(shop.street)} {h(shop.house_number)}, "
                f"{h(shop.municipality)}<br>{h(t('phone'))} {h(shop.phone or '–')}<br>"
                f"{h(t('orders_count', n=count))}",
                max_width=260,
            ),
            z_index_offset=-1000,  # under the numbered stops picked up there
        ).add_to(shops)
    shops.add_to(fmap)


def _review_layer(fmap: folium.Map, view: DayView, t: Callable[..., str]) -> None:
    """The geocoder's candidates for addresses to review, each a click away from chosen."""
    if not view.review_orders:
        return
    layer = folium.FeatureGroup(name=h(t("review")), show=True)
    for order in view.review_orders:
        for index, candidate in enumerate(order.geocode_candidates or []):
            lat, lon = candidate.get("lat"), candidate.get("lon")
            if lat is None or lon is None:
                continue
            label = _candidate_label(candidate)
            folium.CircleMarker(
                [lat, lon],
                radius=7,
                color="#b00",
                fill=True,
                fill_opacity=0.6,
                tooltip=h(f"{order.platform_order_id}: {label}"),
                popup=folium.Popup(
                    f"<b>{h(order.platform_order_id)}</b> {h(order.customer_name)}<br>"
                    f"{h(order.street)} {h(order.house_number)}, {h(order.municipality)}<br>"
                    f"{h(t('candidate'))}: {h(label)}<br>"
                    f'<button type="button" class="btn btn-sm btn-primary mt-1" '
                    f'data-candidate="{index}" data-order="{h(order.platform_order_id)}">'
                    f"{h(t('candidate'))} {index + 1} ✓</button>",
                    max_width=280,
                ),
            ).add_to(layer)
    layer.add_to(fmap)


def _candidate_label(candidate: dict[str, Any]) -> str:
    street = candidate.get("street") or ""
    number = candidate.get("house_number") or ""
    precision = candidate.get("precision") or ""
    confidence = candidate.get("confidence")
    score = f", {confidence:.2f}".replace(".", ",") if isinstance(confidence, float) else ""
    return f"{street} {number} ({precision}{score})".strip()


def _bounds(view: DayView, area: AreaServices) -> list[list[float]]:
    lats: list[float] = []
    lons: list[float] = []
    for route in view.routes:
        for visit in route.visits:
            lats.append(visit.lat)
            lons.append(visit.lon)
    if area.imported:
        try:
            min_lat, min_lon, max_lat, max_lon = area.service_area.bounds()
            lats += [min_lat, max_lat]
            lons += [min_lon, max_lon]
        except Exception:
            log.exception("service area bounds unavailable")
    if not lats:
        lat, lon = DEFAULT_CENTRE
        return [[lat - 0.04, lon - 0.08], [lat + 0.04, lon + 0.08]]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]
