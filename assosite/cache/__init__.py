"""Persistent caches in ``.cache/assosite``.

Keys from content digests, results, texts, and files linked into the output.
"""
