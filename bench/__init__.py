"""Benchmarks: one ``bench_*.py`` script per capability; ``python -m bench`` runs them all."""
