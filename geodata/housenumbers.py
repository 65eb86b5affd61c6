"""Parse house numbers as typed (12, 12A, 12 bus 3, 12/3, 12-14) and as the register writes them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from geodata.normalize import fold


@dataclass(frozen=True)
class HouseNumber:
    """number with an optional letter suffix, box and range end (12-14 -> 12, range_end 14)."""

    number: int
    suffix: str = ""
    box: str = ""
    range_end: int | None = None

    def label(self) -> str:
        text = f"{self.number}{self.suffix.upper()}"
        if self.range_end is not None:
            text += f"-{self.range_end}"
        if self.box:
            text += f" bus {self.box.upper()}"
        return text


_PREFIX = re.compile(r"^(?:nr|no|n°|num|nummer|huisnummer)\.?\s*")
_BOX_WORDS = r"(?:bus|bte|boite|box|app|apt|appartement|b)"
_PATTERNS = [
    # 12-14, 12 - 14, 12A-14 (a range: the first is the one we try first)
    re.compile(r"^(?P<n>\d+)(?P<s>[a-z]?)\s*(?:-|–|tot|t/m)\s*(?P<r>\d+)[a-z]?$"),
    # 12, 12A, 12 a, 12bis, then an optional box: "bus 3", "b3", "/3", "_3", ", bus 3"
    re.compile(
        rf"^(?P<n>\d+)\s*(?P<s>[a-z]{{1,2}}|bis|ter)?\s*"
        rf"(?:(?:,\s*)?{_BOX_WORDS}\.?\s*(?P<b1>[0-9a-z.]+)|\s*[/_]\s*(?P<b2>[0-9a-z.]+))?$"
    ),
]


def parse_house_number(text: str | None, box: str | None = None) -> HouseNumber | None:
    """The HouseNumber in what a person typed, or None when there is no number in it."""
    raw = _PREFIX.sub("", fold(text or "")).strip().rstrip(".,")
    extra_box = fold(box or "").strip()
    stripped = re.sub(rf"^{_BOX_WORDS}\.?\s*", "", extra_box)
    extra_box = stripped or extra_box  # "bus 3" -> "3", but a lone "B" stays "b"
    for pattern in _PATTERNS:
        m = pattern.match(raw)
        if not m:
            continue
        groups = m.groupdict()
        suffix = groups.get("s") or ""
        range_end = int(groups["r"]) if groups.get("r") else None
        number = int(groups["n"])
        if range_end is not None and range_end <= number:
            range_end = None
        the_box = (groups.get("b1") or groups.get("b2") or extra_box or "").strip(".")
        return HouseNumber(
            number=number, suffix=suffix, box=the_box.lstrip("0") or the_box, range_end=range_end
        )
    return None


def parse_register_number(text: str) -> HouseNumber | None:
    """The register's own notation: 12, 12A, 46_2 (46 box 2)."""
    m = re.match(r"^(\d+)([A-Za-z]*)(?:_(\w+))?$", text.strip())
    if not m:
        return None
    box = (m.group(3) or "").lower()
    return HouseNumber(int(m.group(1)), m.group(2).lower(), box.lstrip("0") or box)


_TRAILING_NUMBER = re.compile(
    r"^(?P<street>.*?\D)\s*,?\s+(?:(?:nr|no|n°|nummer)\.?\s*)?"
    r"(?P<num>\d+\s*[A-Za-z]?(?:\s*(?:[/_-]|bus|b)\s*\w+)?)$",
    re.IGNORECASE,
)


def split_street_and_number(street: str) -> tuple[str, str]:
    """'Kerkstraat 12 bus 3' typed in the street field -> ('Kerkstraat', '12 bus 3')."""
    m = _TRAILING_NUMBER.match(street.strip())
    if m:
        return m.group("street").strip().rstrip(","), m.group("num").strip()
    return street, ""
