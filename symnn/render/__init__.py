"""Printers: LaTeX, Markdown, plain text and figures of symnn's math objects."""
