"""What goes wrong and how it is told: problems, the build report, errors and the message catalogue.

Imports nothing else of assosite: every other package reports through it.
"""
