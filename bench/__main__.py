"""``python -m bench``: run every bench/bench_*.py with its default arguments.

``python -m bench --list`` lists them; ``python -m bench store ingest`` runs some.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def scripts() -> dict[str, Path]:
    return {p.stem.removeprefix("bench_"): p for p in sorted(HERE.glob("bench_*.py"))}


def main(argv: list[str]) -> int:
    found = scripts()
    if "--list" in argv or "-l" in argv:
        print("\n".join(found))
        return 0
    chosen = argv or list(found)
    unknown = [name for name in chosen if name not in found]
    if unknown:
        print(f"unknown bench: {', '.join(unknown)}; have: {', '.join(found)}", file=sys.stderr)
        return 2
    status = 0
    for name in chosen:
        print(f"== bench {name} ==", flush=True)
        done = subprocess.run([sys.executable, "-m", f"bench.bench_{name}"], cwd=HERE.parent)
        status = status or done.returncode
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
