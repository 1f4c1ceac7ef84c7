"""Federations: build many member sites from one repository, and the portal that joins them.

:mod:`~assosite.federation.config` reads ``federation.toml``;
:mod:`~assosite.federation.runner` builds each member in its own child process;
:mod:`~assosite.federation.portal` builds the portal from what the members exported
(:mod:`assosite.outputs.exports`); :mod:`~assosite.federation.report` tells the result.
"""
