"""The `dispatch` command as an operator runs it: seed a day, plan it, read the summary."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def _dispatch(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dispatch.cli", *args],
        env=env, capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip


def test_seed_and_plan_a_day_from_the_command_line(
    tmp_path: Path, imported_area_dir: Path, geodata_source_dir: Path
) -> None:
    (tmp_path / "geodata").symlink_to(imported_area_dir, target_is_directory=True)
    env = {
        **os.environ,
        "DISPATCH_DATA_DIR": str(tmp_path),
        "DISPATCH_GEODATA_DIR": str(geodata_source_dir),
        "DISPATCH_ENVIRONMENT": "test",
    }
    seeded = _dispatch(
        ["seed-demo", "--date", "2026-12-04", "--orders", "15", "--furniture", "3"], env
    )
    assert seeded.returncode == 0, seeded.stderr
    assert "15 orders" in seeded.stdout and "3 furniture jobs" in seeded.stdout
    planned = _dispatch(["plan", "2026-12-04", "--time-limit", "2"], env)
    assert planned.returncode == 0, planned.stderr
    out = planned.stdout
    assert "Planning voor vr 4 dec. 2026 — versie 1 (ready)" in out
    assert "reistijden: osrm" in out
    assert "Bestelwagen" in out
    assert "CONTROLE" not in out  # the independent checker found no violation


def test_import_refuses_a_folder_without_the_source_files(tmp_path: Path) -> None:
    env = {**os.environ, "DISPATCH_DATA_DIR": str(tmp_path / "data")}
    result = _dispatch(["import", str(tmp_path / "empty")], env)
    assert result.returncode != 0
    assert "file is missing" in result.stderr and "empty" in result.stderr
    assert "Traceback" not in result.stderr
