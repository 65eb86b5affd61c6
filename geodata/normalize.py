"""Turn street and place names into comparison keys, whatever way people typed them.

Both the register and the query go through the same function, so "Kerkstr.", "kerk straat"
and "KERKSTRAAT" meet at one key, and "St.-Jansstraat" meets the register's "St. Jansstraat".
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'", "′": "'"})

# (pattern, replacement) applied in order on lower-case, accent-free text.
_ABBREVIATIONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bo\.?\s*l\.?\s*v\.?(?=[\s\-]|$)|\bo\.l\.v\.?"), " onze lieve vrouw "),
    (re.compile(r"\bo\.?\s*l\.?\s*vrouw"), " onze lieve vrouw"),
    (re.compile(r"\bh\.\s*hart"), " heilig hart"),
    # St. / St.- / St -> sint; Ste- -> sinte (Waasmunster has both Sint-Annastraat and
    # Ste-Annastraat, two different streets, so they must keep different keys)
    (re.compile(r"\bst(?:\.\s*-?|\s*-|\s+)(?=[a-z])"), " sint "),
    (re.compile(r"\bste(?:\.\s*-?|\s*-|\s+)(?=[a-z])"), " sinte "),
    (re.compile(r"\bdr\.?\s+(?=[a-z])|\bdr\.(?=[a-z])"), " dokter "),  # Dr. Victor ...
    (re.compile(r"(?<=[a-z])dr\.(?=\s|,|$)"), "dreef"),  # Molenaarsdr.
    (re.compile(r"\bburg(?:\.\s*|\s+)(?=[a-z])"), " burgemeester "),
    (re.compile(r"\bmin\.\s*(?=[a-z])"), " minister "),
    (re.compile(r"\bkon\.\s*(?=[a-z])"), " koning "),
    (re.compile(r"\bpr\.\s*(?=[a-z])"), " prins "),
    (re.compile(r"st(?:ee)?nwe?g\.?(?=[\s,]|$)|stwg\.?(?=[\s,]|$)|stw\.(?=[\s,]|$)"), "steenweg"),
    (re.compile(r"str\.?(?=[\s,]|$)"), "straat"),  # Kerkstr. / Kerk str
    (re.compile(r"(?<=[a-z])ln\.?(?=[\s,]|$)"), "laan"),
    (re.compile(r"(?<=[a-z])pl\.(?=[\s,]|$)"), "plein"),
]

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")

# Words that people drop or add in front of names ("Dokter", "Burgemeester", initials).
_TITLE_WORDS = frozenset(
    [
        "dokter",
        "burgemeester",
        "minister",
        "koning",
        "koningin",
        "prins",
        "prinses",
        "pastoor",
        "pater",
        "zuster",
        "broeder",
        "kanunnik",
        "ridder",
        "graaf",
        "baron",
        "heilig",
    ]
)


def fold(text: str) -> str:
    """Lower case, accents removed, apostrophe variants unified, spaces collapsed."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACES.sub(" ", text.lower()).strip()


def expand(text: str) -> str:
    """fold() plus the common abbreviations written out; words separated by single spaces."""
    text = " " + fold(text) + " "
    text = re.sub(r"(^|\s)'t(?=\s)", r"\1t", text)  # 't Hoog
    text = re.sub(r"(^|\s)het\s", r"\1t ", text)  # Het Hoog -> t hoog
    for pattern, repl in _ABBREVIATIONS:
        text = pattern.sub(repl, text)
    text = _NON_ALNUM.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def key(text: str) -> str:
    """The comparison key: expanded and with every space and sign removed."""
    return expand(text).replace(" ", "")


_PARTICLES = frozenset(["van", "de", "der", "den", "ter", "ten", "t", "le", "la", "du"])


def core_key(name: str) -> str:
    """The surname part of a person's street: 'Dr. Victor Van Cauterenstraat' -> vancauterenstraat.

    People drop or abbreviate first names and titles; the last word with its particles stays.
    Only names whose last word follows a particle (van, de, der...) get one, so an adjective
    ("Kleine Gasmeterstraat") is never dropped.
    """
    words = expand(name).split()
    if len(words) < 2:
        return ""
    core = [words[-1]]
    for w in reversed(words[:-1]):
        if w not in _PARTICLES:
            break
        core.insert(0, w)
    if len(core) == len(words) or core[0] not in _PARTICLES:
        return ""  # only "Van Cauterenstraat"-like cores: "Kleine Gasmeterstraat" has none
    return "".join(core)


def alias_keys(name: str) -> set[str]:
    """Extra keys for a register street: without initials, without titles, surname core."""
    words = expand(name).split()
    out = set()
    no_initials = [w for w in words if len(w) > 1 or w.isdigit()]
    out.add("".join(no_initials))
    no_titles = [w for w in no_initials if w not in _TITLE_WORDS]
    out.add("".join(no_titles))
    if (core := core_key(name)) and len(core) >= 8:
        out.add(core)
    out.discard(key(name))
    out.discard("")
    return out
