"""Geocoder benchmark: register addresses typed messily, and addresses that do not exist.

    .venv/bin/python benchmarks/geocode_bench.py [--n 1000] [--seed 7] [--data-dir DIR]

Reports, per kind of mess and overall: share placed within 25 m of the register's own point,
share sent to review, share placed wrongly (> 25 m); for nonexistent addresses the number
placed (must be 0); and the time to geocode the batch after the index is loaded.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo_common import data_dir

from geodata.geocoder import AddressQuery, Geocoder
from geodata.geometry import haversine_m
from geodata.layout import area_files

BOROUGHS = {
    "Hamme": ["Moerzeke", "Kastel", "Zogge", "Sint-Anna"],
    "Zele": ["Durmen", "Heikant"],
    "Waasmunster": ["Sombeke", "Ruiter"],
}
POSTCODE = {"Hamme": "9220", "Zele": "9240", "Waasmunster": "9250"}
ABBREV = [
    (r"straat$", "str."),
    (r"straat$", "str"),
    (r"steenweg$", "stwg"),
    (r"^Sint-", "St.-"),
    (r"^Sint-", "St "),
    (r"^Dokter ", "Dr. "),
    (r"laan$", "ln"),
    (r"^Burgemeester ", "Burg. "),
    (r"Steenweg$", "Stwg."),
    (r"dreef$", "dr."),
]


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def typo(rng: random.Random, s: str) -> str:
    letters = [i for i, c in enumerate(s) if c.isalpha() and i > 0]
    if len(letters) < 4:
        return s
    i = rng.choice(letters)
    kind = rng.choice(["sub", "del", "swap", "ins"])
    alphabet = "abcdefghijklmnoprstuvwz"
    if kind == "sub":
        return s[:i] + rng.choice([c for c in alphabet if c != s[i].lower()]) + s[i + 1 :]
    if kind == "del":
        return s[:i] + s[i + 1 :]
    if kind == "swap" and i + 1 < len(s):
        return s[:i] + s[i + 1] + s[i] + s[i + 2 :]
    return s[:i] + rng.choice(alphabet) + s[i:]


def mess(rng: random.Random, kind: str, r: dict[str, str]) -> AddressQuery:
    """One register row typed with the given kind of mess."""
    street, number, pc, muni = r["street"], r["housenumber"], r["postcode"], r["municipality"]
    box = None
    if kind == "case":
        street = rng.choice([street.upper(), street.lower(), street.swapcase()])
        muni = rng.choice([muni.upper(), muni.lower()])
    elif kind == "accents":
        street = (
            strip_accents(street).lower()
            if street != strip_accents(street)
            else street.replace("e", "é", 1)
        )
    elif kind == "spacing":
        street = re.sub(r"(straat|laan|weg|dreef|plein)$", r" \1", street)
        street = "  " + street.replace(" ", "  ") + " "
        if " " in r["street"].strip() and rng.random() < 0.5:
            street = r["street"].replace(" ", "")
    elif kind == "apostrophe":
        street = street.replace("'t ", rng.choice(["t ", "’t ", "`t ", "Het "]))
        street = street.replace("-", " ")
    elif kind == "abbreviation":
        for pat, rep in rng.sample(ABBREV, len(ABBREV)):
            new = re.sub(pat, rep, street)
            if new != street:
                street = new
                break
    elif kind == "typo":
        street = typo(rng, street)
    elif kind == "number_format":
        m = re.match(r"^(\d+)([A-Z]*)(?:_(\w+))?$", number)
        assert m
        n, letter, reg_box = m.groups()
        if reg_box:
            number = rng.choice([f"{n} bus {reg_box}", f"{n}/{reg_box}", f"{n} b{reg_box}"])
        elif letter:
            number = rng.choice([f"{n} {letter.lower()}", f"{n}{letter.lower()}", f"{n} {letter}"])
        else:
            choice = rng.random()
            if choice < 0.4:
                number = f"{n} bus {rng.randint(1, 12)}"
            elif choice < 0.7:
                number = f"{n}/{rng.randint(1, 5)}"
            else:
                box = str(rng.randint(1, 3))
    elif kind == "range":  # only plain numbers: "15-17" does not mean 15B
        number = f"{number}-{int(number) + 2}" if number.isdigit() else number.lower()
    elif kind == "borough":
        muni = rng.choice(BOROUGHS[muni])
        pc = rng.choice([pc, ""])
    elif kind == "postcode_contradiction":
        others = [p for m, p in POSTCODE.items() if m != muni]
        pc = rng.choice([*others, "9200", "9160"])
    elif kind == "municipality_missing":
        muni = ""
    elif kind == "number_in_street":
        street, number = f"{street} {number}", ""
    elif kind == "combined":
        street = typo(rng, street.lower())
        muni = rng.choice(BOROUGHS[muni]).upper()
        pc = ""
    return AddressQuery(street, number, pc, muni, box)


KINDS = [
    "case",
    "accents",
    "spacing",
    "apostrophe",
    "abbreviation",
    "typo",
    "number_format",
    "range",
    "borough",
    "postcode_contradiction",
    "municipality_missing",
    "number_in_street",
    "combined",
]


def nonexistent(
    rng: random.Random, rows: list[dict[str, str]], n: int
) -> list[tuple[str, AddressQuery]]:
    """Addresses that are not in the register (and not plausible gaps in it)."""
    by_street: dict[tuple[str, str], list[int]] = defaultdict(list)
    for r in rows:
        m = re.match(r"^(\d+)", r["housenumber"])
        if m:
            by_street[(r["municipality"], r["street"])].append(int(m.group(1)))
    streets = sorted(by_street)
    streets_by_muni: dict[str, set[str]] = defaultdict(set)
    for muni, s in streets:
        streets_by_muni[muni].add(s)
    invented = [
        "Zonnebloemweg",
        "Astronautenlaan",
        "Vlinderhof",
        "Pinguinstraat",
        "Regenboogdreef",
        "Kometenplein",
        "Walvisweg",
        "Satellietstraat",
        "Toekomstlaan",
        "Vuurtorenstraat",
        "Nieuwe Havenkaai",
        "Olifantenpad",
    ]
    out: list[tuple[str, AddressQuery]] = []
    for i in range(n):
        kind = ["beyond_end", "invented_street", "other_municipality", "past_same_side"][i % 4]
        muni, street = rng.choice(streets)
        nums = by_street[(muni, street)]
        if kind == "beyond_end":
            q = AddressQuery(street, str(max(nums) + rng.randint(20, 300)), POSTCODE[muni], muni)
        elif kind == "invented_street":
            q = AddressQuery(rng.choice(invented), str(rng.randint(1, 60)), POSTCODE[muni], muni)
        elif kind == "other_municipality":
            other = rng.choice([m for m in POSTCODE if m != muni])
            while street in streets_by_muni[other]:
                muni, street = rng.choice(streets)
                other = rng.choice([m for m in POSTCODE if m != muni])
            q = AddressQuery(
                street, str(rng.choice(by_street[(muni, street)])), POSTCODE[other], other
            )
        else:  # beyond the last number on one side of the street
            parity = rng.randint(0, 1)
            side = [k for k in nums if k % 2 == parity] or nums
            k = max(side) + 2 * rng.randint(2, 6)
            q = AddressQuery(street, str(k), POSTCODE[muni], muni)
        out.append((kind, q))
    return out


def policy_cases(
    rows: list[dict[str, str]], rng: random.Random, n: int
) -> list[tuple[str, AddressQuery]]:
    """Numbers missing between same-side neighbours, and letters the register lacks."""
    by_street: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    for r in rows:
        if r["housenumber"].isdigit():
            by_street[(r["municipality"], r["postcode"], r["street"])].add(int(r["housenumber"]))
    gaps = [
        (k, x)
        for k, nums in by_street.items()
        for x in range(2, max(nums))
        if x not in nums and x - 2 in nums and x + 2 in nums
    ]
    out = [
        ("inside_gap", AddressQuery(k[2], str(x), k[1], k[0]))
        for k, x in rng.sample(gaps, min(n, len(gaps)))
    ]
    plain = [r for r in rng.sample(rows, n * 3) if r["housenumber"].isdigit()][:n]
    out += [
        (
            "unknown_letter",
            AddressQuery(r["street"], r["housenumber"] + "Z", r["postcode"], r["municipality"]),
        )
        for r in plain
    ]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--nonexistent", type=int, default=400)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--data-dir", default=None, help="an imported data dir (default: import now)")
    ap.add_argument("--out", default=None, help="write every query and result to this CSV")
    args = ap.parse_args()

    ddir = data_dir(args.data_dir)
    t0 = time.perf_counter()
    geocoder = Geocoder.load(ddir)
    load_s = time.perf_counter() - t0
    with open(area_files(ddir).addresses, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    rng = random.Random(args.seed)
    sample = rng.sample(rows, args.n)
    queries = [
        (KINDS[i % len(KINDS)], r, mess(rng, KINDS[i % len(KINDS)], r))
        for i, r in enumerate(sample)
    ]

    t0 = time.perf_counter()
    results = [geocoder.geocode(q) for _, _, q in queries]
    batch_s = time.perf_counter() - t0

    per_kind: dict[str, Counter[str]] = defaultdict(Counter)
    precision = Counter()
    out_rows = []
    for (kind, r, q), res in zip(queries, results, strict=True):
        if res.status == "located":
            assert res.lat is not None and res.lon is not None
            d = haversine_m((res.lat, res.lon), (float(r["lat"]), float(r["lon"])))
            verdict = "within_25m" if d <= 25 else "wrong"
            precision[res.precision] += 1
        else:
            d = None
            verdict = "review" if res.status == "needs_review" else "refused_outside"
        per_kind[kind][verdict] += 1
        per_kind["ALL"][verdict] += 1
        out_rows.append(
            [
                kind,
                q.street,
                q.house_number,
                q.box or "",
                q.postcode,
                q.municipality,
                r["street"],
                r["housenumber"],
                r["municipality"],
                res.status,
                res.precision or "",
                res.confidence,
                "" if d is None else round(d, 1),
                verdict,
                res.reason,
            ]
        )

    fake = nonexistent(rng, rows, args.nonexistent)
    fake_results = [(kind, q, geocoder.geocode(q)) for kind, q in fake]
    fake_counts: dict[str, Counter[str]] = defaultdict(Counter)
    for kind, q, res in fake_results:
        fake_counts[kind][res.status] += 1
        fake_counts["ALL"][res.status] += 1
        out_rows.append(
            [
                f"nonexistent:{kind}",
                q.street,
                q.house_number,
                "",
                q.postcode,
                q.municipality,
                "",
                "",
                "",
                res.status,
                res.precision or "",
                res.confidence,
                "",
                "placed!" if res.status == "located" else "ok",
                res.reason,
            ]
        )

    def pct(c: Counter[str], k: str) -> str:
        total = sum(c.values())
        return f"{100 * c[k] / total:.1f} %" if total else "-"

    print(f"## Geocoding benchmark (n={args.n}, seed={args.seed})\n")
    print("| mess | n | within 25 m | review | wrong (>25 m) | refused as outside |")
    print("|---|---|---|---|---|---|")
    for kind in [*KINDS, "ALL"]:
        c = per_kind[kind]
        print(
            f"| {kind} | {sum(c.values())} | {pct(c, 'within_25m')} | {pct(c, 'review')} | "
            f"{pct(c, 'wrong')} | {pct(c, 'refused_outside')} |"
        )
    print(f"\nPrecision of the placed ones: {dict(precision)}")
    print(f"\nNonexistent addresses (n={args.nonexistent}):\n")
    print("| kind | n | located (must be 0) | needs_review | outside_area |")
    print("|---|---|---|---|---|")
    for kind in ["beyond_end", "invented_street", "other_municipality", "past_same_side", "ALL"]:
        c = fake_counts[kind]
        print(
            f"| {kind} | {sum(c.values())} | {c['located']} | {c['needs_review']} | "
            f"{c['outside_area']} |"
        )
    policy = policy_cases(rows, rng, 200)
    print("\nNot in the register but placed by policy (geodata/placement.py), for the record:\n")
    print("| kind | n | located | of which interpolated | needs_review |")
    print("|---|---|---|---|---|")
    for kind in ("inside_gap", "unknown_letter"):
        res = [geocoder.geocode(q) for k, q in policy if k == kind]
        located = [r for r in res if r.status == "located"]
        print(
            f"| {kind} | {len(res)} | {len(located)} | "
            f"{sum(1 for r in located if r.precision == 'interpolated')} | "
            f"{sum(1 for r in res if r.status == 'needs_review')} |"
        )
    print(
        f"\nIndex load: {load_s:.2f} s; {args.n} messy addresses geocoded in {batch_s:.3f} s "
        f"({1e3 * batch_s / args.n:.2f} ms each)."
    )
    wrong = [row for row in out_rows if row[13] in ("wrong", "placed!")]
    for row in wrong[:20]:
        print("  WRONG:", row)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        with open(args.out, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(
                [
                    "kind",
                    "street",
                    "house_number",
                    "box",
                    "postcode",
                    "municipality",
                    "true_street",
                    "true_number",
                    "true_municipality",
                    "status",
                    "precision",
                    "confidence",
                    "error_m",
                    "verdict",
                    "reason",
                ]
            )
            w.writerows(out_rows)


if __name__ == "__main__":
    main()
