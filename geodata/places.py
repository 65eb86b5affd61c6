"""Recognise what people type as a municipality: the name, a borough of it, or a neighbour."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from geodata.normalize import expand, key

FUZZY_MIN = 85  # rapidfuzz ratio for a misspelt municipality or borough name


@dataclass(frozen=True)
class PlaceMatch:
    """municipality is the one the text points to; via names the borough when one was typed."""

    municipality: str
    served: bool
    via: str | None = None
    fuzzy: bool = False


class MunicipalityResolver:
    """Name -> municipality, for the served ones, their boroughs and the neighbours."""

    def __init__(self, served: list[str], others: list[str], places: list[tuple[str, str]]) -> None:
        self._served = set(served)
        self._names: dict[str, tuple[str, str | None]] = {}  # key -> (municipality, via)
        for name, muni in places:
            if not muni:
                continue
            k = key(name)
            known = self._names.get(k)
            # a served municipality wins over a neighbour with a hamlet of the same name
            if known is None or (muni in self._served and known[0] not in self._served):
                self._names[k] = (muni, name)
            elif known[0] != muni and known[0] not in self._served and muni not in self._served:
                self._names[k] = (f"{known[0]} or {muni}", name)
        for name in [*others, *served]:
            self._names[key(name)] = (name, None)
        self._keys = list(self._names)

    @classmethod
    def from_files(
        cls, served: list[str], others: list[str], places_csv: Path | None
    ) -> MunicipalityResolver:
        places: list[tuple[str, str]] = []
        if places_csv is not None and places_csv.is_file():
            with open(places_csv, newline="", encoding="utf-8") as fh:
                places = [(r["name"], r.get("municipality") or "") for r in csv.DictReader(fh)]
        return cls(served, others, places)

    def _match(self, k: str, fuzzy: bool) -> PlaceMatch | None:
        hit = self._names.get(k)
        if hit:
            muni, via = hit
            return PlaceMatch(muni, muni in self._served, via if via != muni else None, fuzzy)
        return None

    def resolve(self, text: str | None) -> PlaceMatch | None:
        """The municipality meant by text, or None when it is empty or unknown."""
        if not text or not text.strip():
            return None
        whole = self._match(key(text), False)
        if whole:
            return whole
        words = [w for w in expand(text).split() if not w.isdigit()]
        parts = [m for m in (self._match(w, False) for w in words) if m]
        if not parts and len(words) > 1:  # "Sint Anna Hamme": try adjacent pairs
            pairs = (words[i] + words[i + 1] for i in range(len(words) - 1))
            parts = [m for m in (self._match(p, False) for p in pairs) if m]
        if parts:
            served = [p for p in parts if p.served and p.via is None]
            return served[0] if served else parts[0]
        best = process.extractOne(key(text), self._keys, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN)
        if best:
            return self._match(best[0], True)
        return None
