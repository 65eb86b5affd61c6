"""The import reports progress in a form a command line can draw."""

from __future__ import annotations

from pathlib import Path

from geodata.progress import tqdm_progress


def test_progress_reaches_one_in_order(geodata_source: Path, tmp_path: Path) -> None:
    from geodata.importer import import_area

    seen: list[tuple[str, float]] = []
    import_area(geodata_source, tmp_path / "d", progress=lambda s, f: seen.append((s, f)))
    fractions = [f for _, f in seen]
    assert fractions == sorted(fractions)
    assert seen[-1] == ("done", 1.0)
    assert any("osrm" in s for s, _ in seen)


def test_tqdm_progress_is_a_callback() -> None:
    with tqdm_progress("import") as progress:
        progress("clipping roads", 0.2)
        progress("done", 1.0)
