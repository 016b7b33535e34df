"""The default form, prepared once and kept in the user's cache, found without python-docx.

The entry is named by python-docx's and lxml's own sources (their `__init__.py`, which holds
the version) and the source of the modules that build the form, all read as files, so that a
warm cache is found without importing python-docx; only a cold cache builds the form with it
(drafter.export.docx_form.prepare_form).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import sys
import zipfile
import zlib
from pathlib import Path

from drafter.cache import cache_folder, code_digest, content_key, read_checked, write_checked
from drafter.export.docx_package import FormPackage, PreparedForm
from drafter.output import Zipped

__all__ = ["form_package", "prepared_form"]

_BUILDERS = ("docx_document.py", "docx_form.py", "docx_package.py", "docx_xml.py")
"""The modules (beside this one) whose code decides what the prepared form holds."""
_forms: dict[bytes, tuple[PreparedForm, dict[str, Zipped]]] = {}


def form_package() -> FormPackage | None:
    """A package for one draft on the default form; None when the cache is off."""
    found = _prepared()
    return None if found is None else FormPackage(*found)


def prepared_form() -> PreparedForm | None:
    """The default form from the cache, prepared there first if need be; None when it is off."""
    found = _prepared()
    return None if found is None else found[0]


def _prepared() -> tuple[PreparedForm, dict[str, Zipped]] | None:
    """The prepared form and its kept parts, split once per process.

    The entry is read for every draft, so that one damaged meanwhile is noticed and rebuilt.
    """
    folder, key = cache_folder("docx"), _key()
    if folder is None or key is None:
        return None
    data = read_checked(folder, key)
    digest = hashlib.sha256(data).digest() if data is not None else b""
    if (kept := _forms.get(digest)) is not None:  # one look-up: threads may clear it meanwhile
        return kept
    found = _load(data) if data is not None else None
    if found is None:
        from drafter.export.docx_form import prepare_form

        form = prepare_form()
        data = form.to_bytes()
        write_checked(folder, key, data)
        digest, found = hashlib.sha256(data).digest(), (form, form.kept())
    _forms.clear()  # only the current form is ever used again
    _forms[digest] = found
    return found


def _load(data: bytes) -> tuple[PreparedForm, dict[str, Zipped]] | None:
    """The entry's form, or None for one that does not read as one (then it is rebuilt)."""
    try:
        form = PreparedForm.from_bytes(data)
        return form, form.kept()
    except (ValueError, KeyError, TypeError, AttributeError, zipfile.BadZipFile):
        return None


@functools.cache
def _key() -> str | None:
    """The entry's name; None where the libraries cannot be read (then the form is not kept).

    The form's parts are serialised by lxml and some are kept compressed by zlib, so their
    versions name the entry too: a cached draft is the same bytes as one drafted afresh.
    """
    try:
        libraries = [_source_of("docx"), _source_of("lxml")]
    except OSError:
        return None
    builders = code_digest(*(f"export/{name}" for name in (*_BUILDERS, Path(__file__).name)))
    return content_key(*libraries, builders, sys.version, zlib.ZLIB_RUNTIME_VERSION)


def _source_of(package: str) -> bytes:
    """The package's `__init__.py`, which holds its version: read, not imported."""
    spec = importlib.util.find_spec(package)
    return Path(spec.origin).read_bytes() if spec and spec.origin else b""
