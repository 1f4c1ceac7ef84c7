"""Social cards: text fitting, drawing, the card cache and the ``og:``/``twitter:`` tags."""
