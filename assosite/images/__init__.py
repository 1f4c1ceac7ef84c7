"""Content images, light and safe.

Upright, without metadata, resized, cached by content hash, and their responsive markup.
"""
