"""Words on the dispatcher's screens: Flemish Dutch (nl-BE) first, English on request.

The language comes from `?lang=en|nl` (remembered in a cookie) and defaults to nl-BE. Keys are
the English words of the code; the Dutch follows the team's glossary (/shared/glossary-nl.md).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from fastapi import Request, Response

from dispatch.formatting import format_date_long

LANGUAGES = ("nl", "en")
LANG_COOKIE = "dispatch_lang"

_NL: dict[str, str] = {
    "app": "Spoor2 levering",
    "plan_for": "Planning voor {day}",
    "version": "versie",
    "versions": "Versies",
    "status.solving": "wordt gepland",
    "status.ready": "klaar",
    "status.failed": "mislukt",
    "status.published": "gepubliceerd",
    "status.superseded": "vervangen",
    "no_plan": "Nog geen planning voor deze dag.",
    "plan": "Plannen",
    "replan": "Opnieuw plannen",
    "replan_needed": "Er zijn wijzigingen: opnieuw plannen",
    "publish": "Planning publiceren",
    "published_at": "Gepubliceerd om {time}",
    "solving": "Bezig met plannen…",
    "solving_seconds": "{elapsed} van ongeveer {limit} s",
    "plan_failed": "Het plannen is mislukt: {error}",
    "not_latest": "Je bekijkt een oudere versie.",
    "fallback_times": "Reistijden geschat zonder wegennet (rechte lijnen).",
    "fallback_line": "rechte lijnen: geen route over de weg",
    "summary": "Overzicht",
    "van": "Bestelwagen",
    "van_short": "Wagen",
    "distance": "Afstand",
    "driving": "Rijden",
    "working": "Werktijd",
    "stops": "Stops",
    "peak_load": "Max. lading",
    "first_last": "Eerste – laatste stop",
    "day_total": "Dag",
    "in_slot": "Bestellingen in hun tijdslot: {share} ({n} van {total})",
    "progress": "Verloop",
    "done": "gedaan",
    "failed": "niet gelukt",
    "late": "te laat",
    "under_way": "onderweg",
    "pending": "gepland",
    "unassigned": "Niet ingepland",
    "unassigned_none": "Alles is ingepland.",
    "review": "Na te kijken",
    "review_none": "Geen adressen na te kijken.",
    "review_pick": "Kies een voorstel of plaats de speld op de kaart, en plan daarna opnieuw.",
    "candidate": "Voorstel",
    "place_on_map": "Plaats op de kaart",
    "click_map": "Klik op de kaart waar {what} ligt (Esc om te stoppen).",
    "placed": "Adres geplaatst. Plan opnieuw om het mee te nemen.",
    "routes": "Rondes",
    "route_of": "Ronde van {van}",
    "move_to": "Naar wagen…",
    "lock": "Vastzetten",
    "unlock": "Losmaken",
    "pinned_on": "vast op {van}",
    "pin_saved": "Opgeslagen. Plan opnieuw om het toe te passen.",
    "print": "Afdrukken",
    "print_vans": "Blad per wagen",
    "print_shops": "Ophaallijsten",
    "order": "Bestelling",
    "customer": "Klant",
    "slot": "Tijdslot",
    "eta": "verwacht om {time}",
    "load": "Lading",
    "window": "Venster",
    "phone": "Tel.",
    "address": "Adres",
    "time": "Tijd",
    "what": "Wat",
    "kind.pickup": "Ophaling",
    "kind.delivery": "Levering",
    "kind.collection": "Meubelophaling",
    "kind.drop": "Lossen in de Kringwinkel",
    "kind.load": "Laden in de Kringwinkel",
    "kind.sale_delivery": "Meubellevering",
    "kind.break": "Middagpauze",
    "kind.start": "Vertrek",
    "kind.end": "Aankomst",
    "depot": "Depot",
    "shops": "Winkels",
    "boundaries": "Gemeentegrenzen",
    "roads": "Hoofdwegen",
    "layer_slot": "Tijdslot {slot}",
    "furniture": "Meubels",
    "orders_count": "{n} bestellingen",
    "loading_list": "Laadlijst (omgekeerde leveringsvolgorde)",
    "pick_list": "Ophaallijst",
    "pick_list_for": "Ophaallijst {shop}",
    "collected_by": "Opgehaald door {van} om ongeveer {time}",
    "items": "Artikelen",
    "instructions": "Opmerking",
    "signature": "Handtekening",
    "back": "Terug naar de planning",
    "nothing_to_print": "Niets af te drukken: er is geen planning.",
    "logout": "Afmelden",
    "language": "English",
    "error": "Dat lukte niet: {message}",
    "prev_day": "Vorige dag",
    "next_day": "Volgende dag",
    "unknown": "onbekend",
    "reason.capacity": "Geen enkele bestelwagen heeft er plaats voor (volume of gewicht).",
    "reason.pickup_window": "Het tijdslot is niet haalbaar vanuit de openingsuren van de winkel.",
    "reason.shift": "Past in geen enkele dienst of werktijd van een bestelwagen.",
    "reason.fleet": "Alle bestelwagens zitten vol voor deze dag; er is een extra wagen nodig.",
    "reason.no_time": "Geen plaats gevonden binnen de rekentijd; opnieuw plannen kan helpen.",
    "reason.lock": "De vastgezette stops kunnen niet zo behouden blijven.",
    "reason.address": "Het adres is na te kijken.",
    "reason.shop_address": "De winkel staat niet op de kaart.",
    "reason.shop_closed": "De winkel is gesloten op deze dag.",
}

_EN: dict[str, str] = {
    "app": "Spoor2 delivery",
    "plan_for": "Plan for {day}",
    "version": "version",
    "versions": "Versions",
    "status.solving": "solving",
    "status.ready": "ready",
    "status.failed": "failed",
    "status.published": "published",
    "status.superseded": "superseded",
    "no_plan": "No plan for this day yet.",
    "plan": "Plan",
    "replan": "Re-plan",
    "replan_needed": "There are changes: re-plan",
    "publish": "Publish plan",
    "published_at": "Published at {time}",
    "solving": "Planning…",
    "solving_seconds": "{elapsed} of about {limit} s",
    "plan_failed": "Planning failed: {error}",
    "not_latest": "You are looking at an older version.",
    "fallback_times": "Travel times estimated without the road network (straight lines).",
    "fallback_line": "straight lines: no road route",
    "summary": "Summary",
    "van": "Van",
    "van_short": "Van",
    "distance": "Distance",
    "driving": "Driving",
    "working": "Working",
    "stops": "Stops",
    "peak_load": "Peak load",
    "first_last": "First – last stop",
    "day_total": "Day",
    "in_slot": "Orders in their slot: {share} ({n} of {total})",
    "progress": "Progress",
    "done": "done",
    "failed": "failed",
    "late": "late",
    "under_way": "under way",
    "pending": "planned",
    "unassigned": "Not planned",
    "unassigned_none": "Everything is planned.",
    "review": "To review",
    "review_none": "No addresses to review.",
    "review_pick": "Pick a candidate or place the pin on the map, then re-plan.",
    "candidate": "Candidate",
    "place_on_map": "Place on the map",
    "click_map": "Click the map where {what} is (Esc to stop).",
    "placed": "Address placed. Re-plan to include it.",
    "routes": "Routes",
    "route_of": "Route of {van}",
    "move_to": "Move to van…",
    "lock": "Lock",
    "unlock": "Unlock",
    "pinned_on": "locked on {van}",
    "pin_saved": "Saved. Re-plan to apply it.",
    "print": "Print",
    "print_vans": "Sheet per van",
    "print_shops": "Pick lists",
    "order": "Order",
    "customer": "Customer",
    "slot": "Slot",
    "eta": "expected at {time}",
    "load": "Load",
    "window": "Window",
    "phone": "Phone",
    "address": "Address",
    "time": "Time",
    "what": "What",
    "kind.pickup": "Pickup",
    "kind.delivery": "Delivery",
    "kind.collection": "Furniture collection",
    "kind.drop": "Unload at the Kringwinkel",
    "kind.load": "Load at the Kringwinkel",
    "kind.sale_delivery": "Furniture delivery",
    "kind.break": "Lunch break",
    "kind.start": "Departure",
    "kind.end": "Arrival",
    "depot": "Depot",
    "shops": "Shops",
    "boundaries": "Municipal boundaries",
    "roads": "Main roads",
    "layer_slot": "Slot {slot}",
    "furniture": "Furniture",
    "orders_count": "{n} orders",
    "loading_list": "Loading list (reverse delivery order)",
    "pick_list": "Pick list",
    "pick_list_for": "Pick list {shop}",
    "collected_by": "Collected by {van} at about {time}",
    "items": "Items",
    "instructions": "Note",
    "signature": "Signature",
    "back": "Back to the plan",
    "nothing_to_print": "Nothing to print: there is no plan.",
    "logout": "Log out",
    "language": "Nederlands",
    "error": "That did not work: {message}",
    "prev_day": "Previous day",
    "next_day": "Next day",
    "unknown": "unknown",
    "reason.capacity": "No van has the room for it (volume or weight).",
    "reason.pickup_window": "Its slot cannot be reached from the shop's opening hours.",
    "reason.shift": "It fits in no van's shift or working time.",
    "reason.fleet": "Every van is full for the day; it would need another van.",
    "reason.no_time": "No room found within the solving time; re-planning may help.",
    "reason.lock": "The locked stops cannot be kept as given.",
    "reason.address": "The address needs review.",
    "reason.shop_address": "The shop is not on the map.",
    "reason.shop_closed": "The shop is closed on that day.",
}

_TEXTS = {"nl": _NL, "en": _EN}
_EN_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_EN_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


def language_of(request: Request) -> str:
    """?lang= first, then the remembered choice, else Dutch."""
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return asked
    remembered = request.cookies.get(LANG_COOKIE)
    return remembered if remembered in LANGUAGES else "nl"


def remember_language(request: Request, response: Response, lang: str) -> None:
    if request.query_params.get("lang") in LANGUAGES:
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, samesite="lax", httponly=True)


def translator(lang: str) -> Callable[..., str]:
    """t("plan_for", day=...) in the chosen language; an unknown key shows itself."""
    texts = _TEXTS.get(lang, _NL)

    def t(key: str, **values: object) -> str:
        text = texts.get(key) or _NL.get(key) or key
        return text.format(**values) if values else text

    return t


def long_date(lang: str, day: date) -> str:
    """ "vrijdag 4 december" in Dutch, "Friday 4 December" in English."""
    if lang == "en":
        return f"{_EN_DAYS[day.weekday()]} {day.day} {_EN_MONTHS[day.month - 1]}"
    return format_date_long(day)


def reason_text(t: Callable[..., str], code: str, english: str) -> str:
    """The screen's words for an unassigned reason code, the planner's sentence when unknown."""
    key = f"reason.{code}"
    text = t(key)
    return english if text == key else text
