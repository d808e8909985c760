"""Documents as data: one vocabulary of blocks (Section, Paragraph, Math, Table, Figure, TikZ, Claim)."""
