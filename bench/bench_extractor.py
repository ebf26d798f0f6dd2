"""Extractor accuracy and speed over the golden fixtures.

    .venv/bin/python bench/bench_extractor.py [--verbose]

Prints per-field accuracy (region, settlement, date, type, killed, injured,
bodies), incident-level precision and recall (drafts matched to expected
incidents by region + type + date), each beside its target (0.9), and
reports per second on one core (target 300/s; the gazetteer index is loaded
before timing).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from incidents.extract import extract
from incidents.extract.evaluate import FIELDS, Score, load_fixtures, score
from incidents.extract.lexicon import get_rules
from incidents.extract.places import default_gazetteer

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "reports"
TARGET_ACCURACY = 0.9
TARGET_RATE = 300.0


def main(verbose: bool) -> int:
    fixtures = load_fixtures(FIXTURES)
    if not fixtures:
        print(f"no fixtures in {FIXTURES}")
        return 1
    gz = default_gazetteer()
    rules = get_rules()
    total = Score()
    for fx in fixtures:
        sc, diffs = score(fx, extract(fx.report, rules=rules, gazetteer=gz))
        total.add(sc)
        if verbose and diffs:
            print(f"{fx.name}: " + "; ".join(diffs))
    failed = 0
    print(f"{len(fixtures)} fixtures, {total.expected} expected incidents")
    rows = [(f"accuracy {f}", total.accuracy(f)) for f in FIELDS]
    rows += [
        ("kind", total.kind_hits / total.reports),
        ("precision", total.precision),
        ("recall", total.recall),
    ]
    for label, value in rows:
        ok = value >= TARGET_ACCURACY
        failed += not ok
        print(f"{label:<22} {value:6.3f}   target >= {TARGET_ACCURACY}  {'ok' if ok else 'BELOW'}")
    rounds = max(1, 2000 // len(fixtures))
    start = time.process_time()
    for _ in range(rounds):
        for fx in fixtures:
            extract(fx.report, rules=rules, gazetteer=gz)
    rate = rounds * len(fixtures) / (time.process_time() - start)
    ok = rate >= TARGET_RATE
    failed += not ok
    verdict = "ok" if ok else "BELOW"
    print(f"{'reports/second':<22} {rate:6.0f}   target >= {TARGET_RATE:.0f}  {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main("--verbose" in sys.argv or "-v" in sys.argv))
