"""Import progress reporting in a form a command line can show with tqdm."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

Progress = Callable[[str, float], None]  # (stage description, overall fraction done 0..1)


def no_progress(stage: str, fraction: float) -> None:
    """Default callback: report nothing."""


@contextmanager
def tqdm_progress(desc: str = "import") -> Iterator[Progress]:
    """A progress callback drawing one tqdm bar (0-100 %); use as `with tqdm_progress() as cb`."""
    from tqdm import tqdm

    bar = tqdm(total=100, desc=desc, unit="%", bar_format="{desc}: {percentage:3.0f}%|{bar}|")
    try:

        def callback(stage: str, fraction: float) -> None:
            bar.set_description(f"{desc}: {stage}")
            bar.n = round(max(0.0, min(1.0, fraction)) * 100)
            bar.refresh()

        yield callback
    finally:
        bar.close()
