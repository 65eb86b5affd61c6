"""Addresses as shoppers type them -> a point on the register, or a reasoned refusal.

The geocoder never guesses: when the street or the number is uncertain it returns
`needs_review` with candidates for the dispatcher. Precision tells how the point was found
("house_number", "interpolated" between neighbours, or only "street" for candidates).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from geodata.address_index import AddressIndex, Street
from geodata.area import NEIGHBOUR_POSTCODES, SERVICE_POSTCODES, ServiceArea
from geodata.housenumbers import HouseNumber, parse_house_number, split_street_and_number
from geodata.layout import area_files
from geodata.normalize import core_key, key
from geodata.online import OnlineLookup
from geodata.placement import Placement, place_on_street
from geodata.places import MunicipalityResolver, PlaceMatch

log = logging.getLogger(__name__)

Status = Literal["located", "needs_review", "outside_area"]
Precision = Literal["house_number", "interpolated", "street"]

STREET_MIN_SCORE = 75.0  # rapidfuzz ratio below which a street is only a candidate
STREET_MARGIN = 6.0  # the best street must beat any other by this much to be taken alone
EXACT_SCORE = 99.5  # exact key matches score 100 (minus 0.01 per municipality rank)
CANDIDATE_MIN_SCORE = 70.0  # streets shown to the dispatcher
LOCATE_MIN_CONFIDENCE = 0.55  # below this, even a unique match goes to review
CONTRADICTION_FACTOR = 0.85  # postcode and municipality disagree
MAX_CANDIDATES = 5
ONLINE_CONFIDENCE = 0.7  # an online service confirmed number and street, the register did not


@dataclass(frozen=True)
class AddressQuery:
    """The address fields as they arrive from the shop platform."""

    street: str
    house_number: str
    postcode: str
    municipality: str
    box: str | None = None


@dataclass(frozen=True)
class Candidate:
    """A register address (or a street, house_number "") the query may mean."""

    street: str
    house_number: str
    postcode: str
    municipality: str
    lat: float
    lon: float
    precision: Precision
    confidence: float


@dataclass(frozen=True)
class GeocodeResult:
    """lat/lon are set only when status is "located"; candidates help a person decide."""

    status: Status
    lat: float | None
    lon: float | None
    precision: Precision | None
    confidence: float
    reason: str
    candidates: tuple[Candidate, ...] = ()
    matched: Candidate | None = None
    municipality: str | None = None


@dataclass
class _StreetHit:
    street: Street
    score: float
    edits: int = 0  # OSA edit distance between the typed key and the street's key
    placement: Placement | None = None
    notes: list[str] = field(default_factory=list)


def max_edits(street_key: str) -> int:
    """Typos tolerated for a locate: none under 5 letters, then 1, one more per 12 letters."""
    return 0 if len(street_key) < 5 else 1 + len(street_key) // 12


def _served_list() -> str:
    return ", ".join(f"{pc} {name}" for pc, name in SERVICE_POSTCODES.items())


def _outside(municipality: str | None, why: str) -> GeocodeResult:
    return GeocodeResult(
        "outside_area",
        None,
        None,
        None,
        1.0,
        f"{why}; we deliver only in {_served_list()}.",
        (),
        None,
        municipality,
    )


class Geocoder:
    """Geocodes against the imported address register; build once with load(), then share."""

    def __init__(
        self,
        index: AddressIndex,
        resolver: MunicipalityResolver,
        area: ServiceArea | None = None,
        online: OnlineLookup | None = None,
    ) -> None:
        self.index = index
        self.resolver = resolver
        self.online = online  # optional, off by default: see geodata.online
        self.area = area
        self.served = [m for m in SERVICE_POSTCODES.values() if m in index.by_municipality]

    @classmethod
    def load(cls, data_dir: Path, online: OnlineLookup | None = None) -> Geocoder:
        """Read the import under data_dir (about 0.3 s for the three municipalities)."""
        files = area_files(data_dir)
        if not files.addresses.is_file():
            raise FileNotFoundError(f"No address index under {data_dir}; run the import first.")
        area = ServiceArea.from_geojson(files.boundaries) if files.boundaries.is_file() else None
        index = AddressIndex.from_csv(files.addresses)
        served = [m for m in SERVICE_POSTCODES.values() if m in index.by_municipality]
        others = [n for n in (area.municipality_names if area else []) if n not in served]
        others += [n for n in NEIGHBOUR_POSTCODES.values() if n not in others]
        resolver = MunicipalityResolver.from_files(served, others, files.places)
        return cls(index, resolver, area, online)

    # --- the decision --------------------------------------------------------------------
    def geocode(self, query: AddressQuery) -> GeocodeResult:
        """Locate one address, send it to review with candidates, or refuse it as outside."""
        result = self._geocode_register(query)
        if result.status == "needs_review" and self.online is not None:
            return self._try_online(query, result)
        return result

    def _try_online(self, query: AddressQuery, review: GeocodeResult) -> GeocodeResult:
        """Accept an online answer only if it confirms this number on this street, in the area."""
        assert self.online is not None
        street_text, number_text = (query.street or "").strip(), (query.house_number or "").strip()
        if not number_text:
            street_text, number_text = split_street_and_number(street_text)
        hn = parse_house_number(number_text, query.box)
        if hn is None or not key(street_text):
            return review
        hit = self.online.lookup(
            street_text,
            f"{hn.number}{hn.suffix.upper()}",
            re.sub(r"\D", "", query.postcode or ""),
            query.municipality or "",
        )
        if hit is None:
            return review
        found = parse_house_number(hit.house_number)
        same_number = found is not None and (found.number, found.suffix) == (hn.number, hn.suffix)
        same_street = fuzz.ratio(key(hit.street), key(street_text)) >= 90 or any(
            key(hit.street) == key(c.street) for c in review.candidates
        )
        muni = self.area.municipality_at(hit.lat, hit.lon) if self.area else None
        if not (same_number and same_street and muni and self.area and self.area.is_served(muni)):
            log.info("Online answer for %s %s not accepted: %s", street_text, number_text, hit)
            return review
        postcode = next((pc for pc, m in SERVICE_POSTCODES.items() if m == muni), hit.postcode)
        matched = Candidate(
            hit.street,
            hit.house_number,
            postcode,
            muni,
            hit.lat,
            hit.lon,
            "house_number",
            ONLINE_CONFIDENCE,
        )
        return GeocodeResult(
            "located",
            hit.lat,
            hit.lon,
            "house_number",
            ONLINE_CONFIDENCE,
            f"Not in the 2013 address register; {hit.street} {hit.house_number}, {postcode} "
            f"{muni} found by {hit.source}.",
            (matched, *review.candidates)[:MAX_CANDIDATES],
            matched,
            muni,
        )

    def _geocode_register(self, query: AddressQuery) -> GeocodeResult:
        """The register-only decision (no network)."""
        street_text = (query.street or "").strip()
        number_text = (query.house_number or "").strip()
        if not number_text:
            street_text, number_text = split_street_and_number(street_text)
        hn = parse_house_number(number_text, query.box)
        postcode = re.sub(r"\D", "", query.postcode or "")
        typed_muni = self.resolver.resolve(query.municipality)

        plan = self._municipalities(postcode, typed_muni, query.municipality)
        if isinstance(plan, GeocodeResult):
            return plan
        targets, notes, factor, review_only = plan

        if not key(street_text):
            return self._review("The street is missing.", [], targets)

        street_key = key(street_text)
        core = core_key(street_text) if len(core_key(street_text)) >= 8 else ""
        hits = self._match_streets(street_key, targets, core)
        top = max((h.score for h in hits), default=0.0)
        others = [m for m in self.served if m not in targets]
        elsewhere: list[_StreetHit] = []
        if top <= EXACT_SCORE and others:
            # The typed name may be an exact street of another served municipality: then a
            # wrong municipality is as likely as a typo, and a person must choose.
            extra = self._match_streets(street_key, others, core)
            elsewhere = [h for h in extra if h.score > EXACT_SCORE - 0.1]
            if not elsewhere and top < STREET_MIN_SCORE:
                elsewhere = [h for h in extra if h.score >= STREET_MIN_SCORE]
        if not hits and not elsewhere:
            return self._review(
                f"No street like '{street_text}' in {' or '.join(targets)}.", [], targets
            )
        for hit in [*elsewhere, *hits]:
            if hn is not None:
                hit.placement = place_on_street(hit.street, hn)
        if elsewhere:
            found = elsewhere[0].street
            return self._review(
                f"'{street_text}' is not a street of {' or '.join(targets)}, but "
                f"{found.name} exists in {found.municipality}.",
                self._candidates([*elsewhere, *hits], hn),
                targets,
            )
        candidates = self._candidates(hits, hn)
        best = hits[0]
        if best.score < STREET_MIN_SCORE:
            return self._review(
                f"No street in {' or '.join(targets)} is clearly '{street_text}'.",
                candidates,
                targets,
            )

        if best.score > EXACT_SCORE:  # the typed name is a register street: only another
            rivals = [h for h in hits[1:] if h.score > EXACT_SCORE]  # exact one competes
        else:
            if best.edits > max_edits(best.street.key):
                return self._review(
                    f"'{street_text}' is too far from any street name to be "
                    f"sure; closest: {best.street.name}.",
                    candidates,
                    targets,
                )
            # equally few edits away and about as similar: a typo could mean either
            rivals = [
                h
                for h in hits[1:]
                if h.edits <= best.edits and h.score >= best.score - STREET_MARGIN
            ]
        if rivals:
            # Similar names: accept the closest one only if it alone has the typed number.
            # Never switch to a less similar street because it has the number (that is how
            # "Van Ackerwijk C 1" would land on "Van Ackerwijk A 1").
            has_number = [
                h.placement is not None and h.placement.precision == "house_number"
                for h in [best, *rivals]
            ]
            if hn is None or not has_number[0] or any(has_number[1:]):
                names = "; ".join(
                    f"{h.street.name} ({h.street.municipality})"
                    for h in [best, *rivals][:MAX_CANDIDATES]
                )
                return self._review(
                    f"'{street_text}' could be several streets: {names}.", candidates, targets
                )
            factor *= 0.9
            notes.append("similar street names exist; only this one has the number")

        if hn is None:
            return self._review(
                f"No usable house number in '{number_text}'; street {best.street.name} found.",
                candidates,
                targets,
            )
        placement = best.placement
        if placement is None:
            return self._review(
                f"{best.street.name} {hn.label()} is not in the address register and cannot "
                f"be placed safely between known numbers.",
                candidates,
                targets,
            )

        street_conf = 1.0 if best.score > EXACT_SCORE else (best.score / 100) * 0.95
        confidence = round(street_conf * placement.factor * factor, 3)
        if best.score <= EXACT_SCORE:
            notes.insert(0, f"street read as {best.street.name}")
        if placement.note:
            notes.append(placement.note)
        matched = Candidate(
            best.street.name,
            placement.housenumber,
            best.street.postcode,
            best.street.municipality,
            placement.lat,
            placement.lon,
            placement.precision,  # type: ignore[arg-type]
            confidence,
        )
        label = (
            f"{best.street.name} {placement.housenumber}, {best.street.postcode} "
            f"{best.street.municipality}"
        )
        if review_only or confidence < LOCATE_MIN_CONFIDENCE:
            why = "; ".join(notes) or "low confidence"
            return GeocodeResult(
                "needs_review",
                None,
                None,
                None,
                confidence,
                f"Probably {label}, but not sure enough: {why}.",
                (matched, *[c for c in candidates if c != matched])[:MAX_CANDIDATES],
                None,
                best.street.municipality,
            )
        reason = f"Found {label}" + (f" ({'; '.join(notes)})" if notes else "") + "."
        return GeocodeResult(
            "located",
            placement.lat,
            placement.lon,
            placement.precision,  # type: ignore[arg-type]
            confidence,
            reason,
            (matched,),
            matched,
            best.street.municipality,
        )

    # --- steps ---------------------------------------------------------------------------
    def _municipalities(
        self, postcode: str, typed: PlaceMatch | None, typed_text: str
    ) -> GeocodeResult | tuple[list[str], list[str], float, bool]:
        """Served municipalities to search (preferred first), notes, a confidence factor,
        and whether a match may only be proposed (never located); or an outside refusal."""
        notes: list[str] = []
        factor = 1.0
        pc_muni = SERVICE_POSTCODES.get(postcode) if postcode else None
        pc_outside = bool(postcode) and pc_muni is None
        if typed and typed.via:
            notes.append(f"{typed.via} is part of {typed.municipality}")
        if typed and typed.fuzzy:
            notes.append(f"municipality read as {typed.municipality}")

        unknown_text = typed is None and bool((typed_text or "").strip())
        if unknown_text:
            # a place we do not know (e.g. "Gent"): the postcode may be a slip, so only propose
            notes.append(f"municipality '{typed_text.strip()}' not recognised")
        if pc_muni:
            if unknown_text:
                return [pc_muni], notes, CONTRADICTION_FACTOR, True
            if typed is None or typed.municipality == pc_muni:
                return [pc_muni], notes, factor, False
            if typed.served:
                notes.append(f"postcode {postcode} is {pc_muni}, not {typed.municipality}")
                return [typed.municipality, pc_muni], notes, CONTRADICTION_FACTOR, False
            notes.append(
                f"postcode {postcode} is {pc_muni} but the municipality says {typed.municipality}"
            )
            return [pc_muni], notes, CONTRADICTION_FACTOR, True
        if typed and typed.served:
            if pc_outside:
                where = NEIGHBOUR_POSTCODES.get(postcode)
                notes.append(
                    f"postcode {postcode}"
                    + (f" ({where})" if where else "")
                    + f" does not match {typed.municipality}"
                )
                factor = CONTRADICTION_FACTOR
            return [typed.municipality], notes, factor, False
        if pc_outside:
            where = NEIGHBOUR_POSTCODES.get(postcode) or (typed.municipality if typed else None)
            name = where or (typed_text.strip() or None)
            what = f"postcode {postcode}" + (f" is {where}" if where else "")
            return _outside(
                name,
                f"{what}, outside the delivery area".capitalize()
                if not where
                else f"Postcode {postcode} is {where}, outside the delivery area",
            )
        if typed is not None:  # a known municipality that is not served
            via = f"{typed.via} lies in {typed.municipality}" if typed.via else typed.municipality
            return _outside(
                typed.municipality,
                f"{via} is outside the delivery area"
                if typed.via
                else f"{typed.municipality} is outside the delivery area",
            )
        if unknown_text:
            return list(self.served), notes, CONTRADICTION_FACTOR, True
        if postcode:
            notes.append(f"postcode '{postcode}' not recognised")
            factor = CONTRADICTION_FACTOR
        return list(self.served), notes, factor, False

    def _match_streets(
        self, street_key: str, municipalities: list[str], core: str = ""
    ) -> list[_StreetHit]:
        """Streets of those municipalities scored against the typed name, best first.

        core is the typed name's surname part (normalize.core_key); it is matched too, a
        little lower, so "Dr. V. Van Cauterenstraat" finds "Dr. Victor Van Cauterenstraat".
        """
        best: dict[int, _StreetHit] = {}
        for rank, muni in enumerate(municipalities):
            for street in self.index.exact.get((muni, street_key), []):
                best[id(street)] = _StreetHit(street, 100.0 - rank * 0.01, 0)
            keys = self.index.choice_keys.get(muni, [])
            for typed, penalty in ((street_key, 0.0), (core, 3.0)):
                if not typed:
                    continue
                found = process.extract(
                    typed, keys, scorer=fuzz.ratio, score_cutoff=CANDIDATE_MIN_SCORE, limit=40
                )
                for matched_key, score, i in found:
                    street, is_alias = self.index.choice_streets[muni][i]
                    s = min(float(score), 99.0) - (2.0 if is_alias else 0.0) - penalty - rank * 0.01
                    known = best.get(id(street))
                    if known is None or s > known.score:
                        edits = OSA.distance(typed, matched_key) + (1 if penalty else 0)
                        best[id(street)] = _StreetHit(street, s, edits)
        return sorted(best.values(), key=lambda h: (h.edits, -h.score))

    def _candidates(self, hits: list[_StreetHit], hn: HouseNumber | None) -> list[Candidate]:
        out = []
        for h in hits[:MAX_CANDIDATES]:
            s = h.street
            conf = round(h.score / 100 * 0.9, 3)
            if h.placement is not None:
                p = h.placement
                out.append(
                    Candidate(
                        s.name,
                        p.housenumber,
                        s.postcode,
                        s.municipality,
                        p.lat,
                        p.lon,
                        p.precision,  # type: ignore[arg-type]
                        round(conf * p.factor, 3),
                    )
                )
            else:
                out.append(
                    Candidate(
                        s.name,
                        "",
                        s.postcode,
                        s.municipality,
                        s.center[0],
                        s.center[1],
                        "street",
                        round(conf * 0.5, 3),
                    )
                )
        return out

    def _review(
        self, reason: str, candidates: list[Candidate], targets: list[str]
    ) -> GeocodeResult:
        muni = (
            candidates[0].municipality
            if candidates
            else (targets[0] if len(targets) == 1 else None)
        )
        conf = candidates[0].confidence if candidates else 0.0
        return GeocodeResult(
            "needs_review",
            None,
            None,
            None,
            conf,
            reason,
            tuple(candidates[:MAX_CANDIDATES]),
            None,
            muni,
        )


def load_geocoder(data_dir: Path, online: OnlineLookup | None = None) -> Geocoder:
    """The geocoder for the import under data_dir (online look-up only if one is given)."""
    return Geocoder.load(data_dir, online)
