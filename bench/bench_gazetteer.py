"""Gazetteer speed: index load, resolve() throughput, scan() of a 3 KB report.

    .venv/bin/python bench/bench_gazetteer.py

Targets (issue 3): index load < 200 ms; > 100,000 names/s; scan of a 3 KB report
well under 2 ms (the extractor needs 300 reports/s overall).
"""

from __future__ import annotations

import random
import time

from incidents.config import get_settings
from incidents.geo import get_gazetteer
from incidents.geo.index import load_index
from incidents.geo.lexicon import load_lexicon

N_NAMES = 100_000
REPORT = (
    "Russian forces shelled Kherson and the Kherson region overnight, the regional military "
    "administration said. In Kryvyi Rih, Dnipropetrovsk Oblast, a drone hit a five-storey "
    "building; near Kupiansk, Kharkiv Oblast, two civilians were wounded. Ombudsman Dmytro "
    "Lubinets said the prisoners had been executed near Robotyne in the Zaporizhzhia region. "
    "У Харкові та на Херсонщині пролунали вибухи; в Запорізькій області загинула жінка. "
    "Обстріл Покровська, Донецька область, тривав дві години. "
)


def _report(size: int = 3000) -> str:
    text = ""
    while len(text) < size:
        text += REPORT
    return text[:size]


def bench_load() -> float:
    load_index(get_settings().cache_path)  # make sure the index exists on disk
    load_lexicon.cache_clear()
    started = time.perf_counter()
    load_index(get_settings().cache_path)
    return (time.perf_counter() - started) * 1000


def bench_resolve() -> float:
    gz = get_gazetteer()
    rng = random.Random(7)
    pool = [p[1] for p in gz.index.places] + ["Kharkiv Oblast", "Донеччина", "на Харківщині",
                                             "у Бучі", "near Bakhmut", "Nowhere Known"]
    names = [rng.choice(pool) for _ in range(N_NAMES)]
    started = time.perf_counter()
    for name in names:
        gz.resolve(name)
    return N_NAMES / (time.perf_counter() - started)


def bench_resolve_cold() -> float:
    """Every name the first time (the per-process answer cache bypassed)."""
    gz = get_gazetteer()
    names = [p[1] for p in gz.index.places]
    names = (names * (N_NAMES // len(names) + 1))[:N_NAMES]
    started = time.perf_counter()
    for name in names:
        gz.resolve(name, context="")  # a context bypasses the cache; empty adds no work
    return N_NAMES / (time.perf_counter() - started)


def bench_scan(rounds: int = 2000) -> float:
    gz = get_gazetteer()
    text = _report()
    gz.scan(text)
    started = time.perf_counter()
    for _ in range(rounds):
        gz.scan(text)
    return (time.perf_counter() - started) / rounds * 1000


def main() -> None:
    load_ms = bench_load()
    print(f"index load:          {load_ms:8.1f} ms        (target < 200 ms)")
    rate = bench_resolve()
    print(f"resolve() repeated:  {rate:8,.0f} names/s  (target > 100,000/s; {N_NAMES:,} names)")
    cold = bench_resolve_cold()
    print(f"resolve() uncached:  {cold:8,.0f} names/s  (target > 100,000/s; {N_NAMES:,} names)")
    scan_ms = bench_scan()
    print(f"scan() 3 KB report:  {scan_ms:8.3f} ms        (target well under 2 ms)")


if __name__ == "__main__":
    main()
