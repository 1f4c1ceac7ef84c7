"""One site build from start to finish.

Staging, the no-change shortcut, fingerprints, and the preview server.
"""
