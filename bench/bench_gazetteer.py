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
    "President Volodymyr Zelensky said the village of Hroza in Kharkiv Oblast, the "
    "Synelnykivskyi raion and the Chernihiv, Sumy and Odesa oblasts were hit; Serhii Lysak "
    "confirmed. У Синельниківському районі та в с. Гроза на Харківщині є поранені. "
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


class _Clock:
    """Wall-clock and this process's CPU time (the machine may be shared)."""

    def __enter__(self) -> _Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_: object) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu


def bench_resolve_repeated() -> tuple[float, float]:
    """Names drawn at random from ~5,800: most are answered by the per-process cache."""
    gz = get_gazetteer()
    rng = random.Random(7)
    pool = [p[1] for p in gz.index.places] + ["Kharkiv Oblast", "Донеччина", "на Харківщині",
                                             "у Бучі", "near Bakhmut", "Nowhere Known"]
    names = [rng.choice(pool) for _ in range(N_NAMES)]
    with _Clock() as clock:
        for name in names:
            gz.resolve(name)
    return N_NAMES / clock.wall, N_NAMES / clock.cpu


def bench_resolve_first_time() -> tuple[float, float]:
    """100,000 different names, each resolved once by a fresh Gazetteer with every
    per-process cache emptied (answers, folded words, candidate objects)."""
    shared = get_gazetteer()
    names = _distinct_names(shared, N_NAMES)
    gz = Gazetteer(shared.index, shared.lexicon)
    clear_fold_cache()
    scan_module._CANDIDATES.clear()
    with _Clock() as clock:
        for name in names:
            gz.resolve(name)
    return N_NAMES / clock.wall, N_NAMES / clock.cpu


def bench_scan(rounds: int = 200, repeats: int = 10) -> tuple[float, float]:
    """Median over ``repeats`` batches of ``rounds`` scans (the machine is shared)."""
    gz = get_gazetteer()
    text = _report()
    gz.scan(text)
    wall, cpu = [], []
    for _ in range(repeats):
        with _Clock() as clock:
            for _ in range(rounds):
                gz.scan(text)
        wall.append(clock.wall / rounds * 1000)
        cpu.append(clock.cpu / rounds * 1000)
    return statistics.median(wall), statistics.median(cpu)


def _verdict(met: bool) -> str:
    """Judged on the wall-clock figure."""
    return "met" if met else "MISSED"


def main() -> None:
    print("figure                    wall clock   (CPU time of this process)  target")
    load_ms = bench_load()
    print(f"index load:               {load_ms:9.1f} ms                              "
          f"< 200 ms  {_verdict(load_ms < 200)}")
    first = bench_resolve_first_time()
    print(f"resolve() first-time:     {first[0]:9,.0f} names/s ({first[1]:9,.0f} names/s)  "
          f"> 100,000/s  {_verdict(first[0] > 100_000)} [{N_NAMES:,} different names, "
          "caches emptied]")
    repeated = bench_resolve_repeated()
    print(f"resolve() repeated names: {repeated[0]:9,.0f} names/s ({repeated[1]:9,.0f} names/s)  "
          f"> 100,000/s  {_verdict(repeated[0] > 100_000)} [{N_NAMES:,} draws from ~5,800 "
          "names, answer cache]")
    scan_ms = bench_scan()
    print(f"scan() 3 KB report:       {scan_ms[0]:9.3f} ms      ({scan_ms[1]:9.3f} ms)       "
          f"< 1 ms  {_verdict(scan_ms[0] < 1)} [median of 10 batches]")


if __name__ == "__main__":
    main()
