"""Federations: build many member sites from one repository, and the portal that joins them.

:mod:`~assosite.federation.config` reads ``federation.toml``;
:mod:`~assosite.federation.runner` builds each member in its own child process;
:mod:`~assosite.federation.isolation` keeps a member's content inside its folder;
:mod:`~assosite.federation.items` exports a member's published items;
:mod:`~assosite.federation.portal` builds the portal from them;
:mod:`~assosite.federation.scaffold` creates a federation (``federation init``).
"""
