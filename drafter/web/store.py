"""What the workbench has made this session (drafts, reviews), kept in memory under a content key.

Downloads and result pages are GET addresses of a key, never of a file: nothing the browser
sends names a path. The key is a digest of the content, so the same draft has the same
address, and the oldest entries are forgotten past `CAPACITY`.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from typing import Generic, TypeVar

T = TypeVar("T")
CAPACITY = 256
KEY = re.compile(r"[0-9a-f]{16}")
"""What a key looks like; anything else in an address is not looked up."""


def content_key(*texts: str) -> str:
    """A short digest of the texts: the address of what they make."""
    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode("utf-8") + b"\0")
    return digest.hexdigest()[:16]


class Store(Generic[T]):
    """A bounded, thread-safe map from content keys to results, oldest forgotten first."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self._items: OrderedDict[str, T] = OrderedDict()
        self._capacity = capacity
        self._lock = threading.Lock()

    def put(self, key: str, item: T) -> str:
        """Keep the item under its key; return the key."""
        with self._lock:
            self._items[key] = item
            self._items.move_to_end(key)
            while len(self._items) > self._capacity:
                self._items.popitem(last=False)
        return key

    def get(self, key: str) -> T | None:
        """The item under the key, or None (also for a malformed key)."""
        if not KEY.fullmatch(key):
            return None
        with self._lock:
            return self._items.get(key)
