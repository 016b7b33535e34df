"""The local web workbench (`drafter serve`): pages and a JSON API over the drafter library.

Flask is imported only here and below, never by the CLI's import of its commands, so that
`drafter --help` stays fast. No drafting happens in this package: each page calls the same
library functions as the command that does the same job.
"""
