"""The formats a draft is exported to, kept apart from the exporters (drafter.export).

The command line offers them in `--format` without importing the draft model and the writers.
"""

FORMATS = ("md", "html", "docx", "txt")
"""Every format a draft can be exported to, by file suffix (without the dot), in the order
they are written."""
