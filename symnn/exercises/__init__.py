"""Exercises: seeded variants, degenerate-variant rejection, sheets, keys, quiz files and answers."""
