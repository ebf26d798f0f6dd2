"""Ingest: every kind of source in, preserved, merged with what is known.

- ``sources``: readers for plain text, HTML, JSON Lines batches, URLs and feeds.
- ``match``: the merge score between a draft and a stored incident.
"""
