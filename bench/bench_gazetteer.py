"""Gazetteer speed: index load, resolve() throughput, scan() of a 3 KB report.

    .venv/bin/python bench/bench_gazetteer.py

Targets (issue 3): index load < 200 ms; > 100,000 names/s, for names resolved the
first time (different names, every per-process cache emptied) as well as for
repeated ones (answered by the per-process cache); scan of a 3 KB report < 1 ms
(the extractor needs 300 reports/s overall, and scan is part of it).
"""

from __future__ import annotations

import random
import statistics
import time

from incidents.config import get_settings
from incidents.geo import Gazetteer, get_gazetteer
from incidents.geo import scan as scan_module
from incidents.geo.index import load_index
from incidents.geo.lexicon import load_lexicon
from incidents.geo.text import clear_fold_cache

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


def _distinct_names(gz: Gazetteer, count: int) -> list[str]:
    """``count`` different names as a reader would type them: every display name, the
    same after "near", and the index's own spellings (alternate names, Cyrillic case
    forms, region phrases) capitalised."""
    ix = gz.index
    display = sorted({p[1] for p in ix.places})
    keys = sorted({*ix.names, *ix.phrases})
    pool = list(dict.fromkeys(
        display + [f"near {n}" for n in display] + [k.title() for k in keys]
    ))
    rng = random.Random(11)
    rng.shuffle(pool)
    if len(pool) < count:
        raise SystemExit(f"only {len(pool):,} distinct names in the index; need {count:,}")
    return pool[:count]


def bench_resolve_repeated() -> float:
    """Names drawn at random from ~5,800: most are answered by the per-process cache."""
    gz = get_gazetteer()
    rng = random.Random(7)
    pool = [p[1] for p in gz.index.places] + ["Kharkiv Oblast", "Донеччина", "на Харківщині",
                                             "у Бучі", "near Bakhmut", "Nowhere Known"]
    names = [rng.choice(pool) for _ in range(N_NAMES)]
    started = time.perf_counter()
    for name in names:
        gz.resolve(name)
    return N_NAMES / (time.perf_counter() - started)


def bench_resolve_first_time() -> float:
    """100,000 different names, each resolved once by a fresh Gazetteer with every
    per-process cache emptied (answers, folded words, candidate objects)."""
    shared = get_gazetteer()
    names = _distinct_names(shared, N_NAMES)
    gz = Gazetteer(shared.index, shared.lexicon)
    clear_fold_cache()
    scan_module._CANDIDATES.clear()
    started = time.perf_counter()
    for name in names:
        gz.resolve(name)
    return N_NAMES / (time.perf_counter() - started)


def bench_scan(rounds: int = 200, repeats: int = 10) -> float:
    """Median over ``repeats`` batches of ``rounds`` scans (the machine is shared)."""
    gz = get_gazetteer()
    text = _report()
    gz.scan(text)
    per_batch = []
    for _ in range(repeats):
        started = time.perf_counter()
        for _ in range(rounds):
            gz.scan(text)
        per_batch.append((time.perf_counter() - started) / rounds * 1000)
    return statistics.median(per_batch)


def main() -> None:
    load_ms = bench_load()
    print(f"index load:               {load_ms:9.1f} ms       (target < 200 ms)")
    first = bench_resolve_first_time()
    print(f"resolve() first-time:     {first:9,.0f} names/s  (target > 100,000/s; "
          f"{N_NAMES:,} different names, caches emptied)")
    repeated = bench_resolve_repeated()
    print(f"resolve() repeated names: {repeated:9,.0f} names/s  (target > 100,000/s; "
          f"{N_NAMES:,} draws from ~5,800 names, answer cache)")
    scan_ms = bench_scan()
    print(f"scan() 3 KB report:       {scan_ms:9.3f} ms       (target < 1 ms; median of 10 "
          "batches)")


if __name__ == "__main__":
    main()
