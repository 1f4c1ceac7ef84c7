"""The typed content items (news, events, testimonies, pages) and what they are made of.

Addresses, dates in words, colours, validity: plain data and pure functions that
import nothing else of assosite.
"""
