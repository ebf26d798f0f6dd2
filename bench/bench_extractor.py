"""Extractor accuracy and speed over the golden fixtures and the held-out set.

    .venv/bin/python bench/bench_extractor.py [--verbose]

Prints per-field accuracy (region, settlement, date, type, killed, injured,
bodies), incident-level precision and recall (drafts matched to expected
incidents by region + type + date), each beside its target (0.9), and
reports per second on one core (target 300/s; the gazetteer index is loaded
before timing).

Two sets, printed side by side: ``tests/fixtures/reports`` (the golden set the
extractor was developed against) and ``tests/fixtures/heldout`` (written
independently in the styles of real outlets, never used for tuning).  The
held-out column is the honest estimate of accuracy on reports not in the
repository; the exit status follows it and the speed.
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


HELDOUT = ROOT / "tests" / "fixtures" / "heldout"


def evaluate(directory: Path, verbose: bool) -> tuple[Score, int]:
    fixtures = load_fixtures(directory)
    gz, rules = default_gazetteer(), get_rules()
    total = Score()
    for fx in fixtures:
        sc, diffs = score(fx, extract(fx.report, rules=rules, gazetteer=gz))
        total.add(sc)
        if verbose and diffs:
            print(f"{directory.name}/{fx.name}: " + "; ".join(diffs))
    return total, len(fixtures)


def figures(total: Score) -> list[tuple[str, float]]:
    rows = [(f"accuracy {f}", total.accuracy(f)) for f in FIELDS]
    rows += [
        ("kind", total.kind_hits / total.reports),
        ("precision", total.precision),
        ("recall", total.recall),
    ]
    return rows


def main(verbose: bool) -> int:
    golden, n_golden = evaluate(FIXTURES, verbose)
    heldout, n_heldout = evaluate(HELDOUT, verbose)
    if not n_golden:
        print(f"no fixtures in {FIXTURES}")
        return 1
    print(f"golden: {n_golden} reports, {golden.expected} incidents; "
          f"held-out: {n_heldout} reports, {heldout.expected} incidents")
    print(f"{'':<22} {'golden':>7} {'held-out':>9}   target")
    failed = 0
    for (label, value), (_, held) in zip(figures(golden), figures(heldout), strict=True):
        ok = held >= TARGET_ACCURACY if n_heldout else value >= TARGET_ACCURACY
        failed += not ok
        print(f"{label:<22} {value:7.3f} {held:9.3f}   >= {TARGET_ACCURACY}  "
              f"{'ok' if ok else 'BELOW'}")
    fixtures = load_fixtures(FIXTURES)
    gz, rules = default_gazetteer(), get_rules()
    rounds = max(1, 2000 // len(fixtures))
    start = time.process_time()
    for _ in range(rounds):
        for fx in fixtures:
            extract(fx.report, rules=rules, gazetteer=gz)
    rate = rounds * len(fixtures) / (time.process_time() - start)
    ok = rate >= TARGET_RATE
    failed += not ok
    verdict = "ok" if ok else "BELOW"
    print(f"{'reports/second':<22} {rate:7.0f}   target >= {TARGET_RATE:.0f}  {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main("--verbose" in sys.argv or "-v" in sys.argv))
