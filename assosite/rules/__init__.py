"""Editorial rules over all published items (infobésité budgets, readability, rhythm)."""
