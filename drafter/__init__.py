"""drafter: draft answers to UK Parliamentary Written Questions from a fact base of cited facts."""

__version__ = "0.1.0"
