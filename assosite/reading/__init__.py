"""Read one content file into a typed item, or into problems.

Split and decode its header, read its fields as volunteers write them, and keep a
federation member inside its folder.
"""
