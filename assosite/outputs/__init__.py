"""Everything a build writes besides Pelican's own pages.

Lists, feeds, calendars, cards, brand stylesheet, SEO files, a member's export and a
portal's pages. Outputs never import Pelican: :mod:`assosite.plugin.generators` runs them.
"""
