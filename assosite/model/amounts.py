"""Sums of money and file sizes in the site's language (Babel): « 10 € », « 45 ko ».

The templates' ``format_amount`` and ``file_size`` filters, and what a gift costs after
the French income-tax reduction (``after_tax_reduction``).
"""

from __future__ import annotations

from babel import Locale
from babel.numbers import format_currency
from babel.units import format_unit

# Article 200 of the French tax code: 66 % of a gift to an association of general
# interest comes off the giver's income tax.
TAX_REDUCTION = 0.66


def format_amount(value: float, language: str) -> str:
    """Return ``value`` euros in words: « 10 € », « 6,80 € » (fr), "€10" (en)."""
    if float(value).is_integer():
        pattern = Locale.parse(language).currency_formats["standard"].pattern
        whole = pattern.replace(".00", "")
        return format_currency(value, "EUR", locale=language, format=whole, currency_digits=False)
    return format_currency(value, "EUR", locale=language)


def after_tax_reduction(value: float) -> float:
    """Return what a gift of ``value`` euros costs once the tax reduction is taken off."""
    return round(value * (1 - TAX_REDUCTION), 2)


def file_size(size: int, language: str) -> str:
    """Return a file's size in words: « 45 ko », « 1,2 Mo » (fr), "45 kB" (en)."""
    if size >= 1_000_000:
        return format_unit(round(size / 1_000_000, 1), "digital-megabyte", "short", locale=language)
    return format_unit(max(1, round(size / 1000)), "digital-kilobyte", "short", locale=language)
