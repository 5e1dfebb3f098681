"""Run a snippet in fresh Python processes under several hash seeds: what it prints must not depend on one."""

from __future__ import annotations

import os
import subprocess
import sys


def outputs_under_hash_seeds(code: str, seeds: int = 4) -> set[str]:
    """What `code` prints, once per PYTHONHASHSEED 0..seeds-1 (one element when it is deterministic)."""
    return {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout
            for seed in range(seeds)}
