"""Progress bars for long builds (on a terminal only) and the time each stage took."""
from __future__ import annotations

import sys
import time
from contextlib import contextmanager


def bar(total: int, what: str, enabled: bool | None = None):
    """A per-article bar with rate and ETA on stderr; `enabled=None` shows it only on a terminal."""
    from tqdm import tqdm
    return tqdm(total=total, desc=what, unit="article", file=sys.stderr, disable=(None if enabled is None else not enabled),
                dynamic_ncols=True, smoothing=0.1)


class Timer:
    """Wall-clock seconds per named stage."""

    def __init__(self):
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, stage: str):
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - start
