"""Editing in the browser: Decap CMS's configuration made from assosite's own schemas.

``form.py`` holds the form of each content type (French labels and hints, widgets,
required fields, the site's editorial limits as patterns); ``config.py`` makes the
``config.yml`` of the admin page from it and from ``[cms]``; ``admin.py`` the admin
page itself (its HTML, its Content-Security-Policy, the pinned Decap CMS files shipped
in ``decap/``); ``local.py`` the local backend that ``assosite serve --cms`` answers on
127.0.0.1, the protocol of Decap CMS's proxy server, saving into the site's folder.
"""
