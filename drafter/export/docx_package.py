"""The default PQ form's package, written as text from a prepared form, without python-docx.

Importing python-docx (and lxml with it) took about 61 ms of every `drafter draft` to Word,
and opening the cached form with it and writing through its package 13-19 ms of every draft
in a batch: the largest parts of both commands. A draft changes only seven parts of the
form, always in the same way, so python-docx writes them once, when the form is prepared
(drafter.export.docx_prepared), with a marker where each draft's text goes, and a draft
fills them in here. Measured on the seed (CPU, medians, on a busy 2-core machine): the
first Word render in a process went from 130 ms to 35 ms, each further one from 19 ms to
5 ms. The bytes are those python-docx writes for the same draft, which the tests check draft
by draft; a department's reference document still goes through python-docx
(drafter.export.docx_document), since its parts can be anything.
"""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from itertools import count

from drafter.export.docx_body import escape_attribute, escape_text, w3c_datetime
from drafter.output import Zipped, zipped_files

__all__ = [
    "CORE_TEXTS",
    "CUSTOM_FMTID",
    "SENTINEL",
    "WRITTEN",
    "FormPackage",
    "PreparedForm",
    "core_marker",
]

WRITTEN = frozenset(
    (
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/core.xml",
        "docProps/custom.xml",
        "word/_rels/document.xml.rels",
        "word/comments.xml",
        "word/document.xml",
    )
)
"""The parts writing a draft changes; the form's others go into the draft as they are."""
CORE_TEXTS = (
    "title",
    "subject",
    "keywords",
    "comments",
    "content_status",
    "author",
    "last_modified_by",
)
"""The core properties a draft sets as text, by python-docx's names, in the order it sets them."""
SENTINEL = datetime(1999, 12, 31, 23, 59, 59, tzinfo=UTC)
"""The date the prepared core properties hold where a draft's date goes."""
_PARTS = {
    "types",
    "types+comments",
    "package_rels",
    "core",
    "custom",
    "rels",
    "document",
    "comments",
}
"""The parts a prepared form holds, by the names drafter.export.docx_form.prepare_form gives."""
_MARKER = re.compile("\ue000([a-z_]+)\ue000")
_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the only fmtid Word uses for these


def core_marker(name: str) -> str:
    """What the prepared core properties hold where property `name` goes (a private-use mark)."""
    return f"\ue000{name}\ue000"


@dataclass(frozen=True)
class PreparedForm:
    """The default form, ready for drafts: its zip, its styles' ids, its parts to fill in."""

    form: bytes
    """The empty form's zip, as drafter.output.zip_entries wrote it."""
    style_ids: dict[str, str]
    usable_width: int
    """The page's width between the margins, in EMU."""
    parts: dict[str, str]
    """Each written part as python-docx wrote it with empty content and markers (see to_bytes)."""

    def to_bytes(self) -> bytes:
        """One line of JSON (ids, width, parts), then the zip: one cache entry, read at once."""
        facts = {"style_ids": self.style_ids, "width": self.usable_width, "parts": self.parts}
        return json.dumps(facts).encode() + b"\n" + self.form

    @classmethod
    def from_bytes(cls, data: bytes) -> PreparedForm:
        """The form `to_bytes` wrote.

        Raises:
            ValueError: the bytes are not such a form.
        """
        line, form = data.split(b"\n", 1)
        facts = json.loads(line)
        ids, parts = facts["style_ids"], facts["parts"]
        texts = (*ids, *ids.values(), *parts.values())
        if parts.keys() != _PARTS or not all(isinstance(text, str) for text in texts):
            raise ValueError("not a prepared form")
        return cls(form, ids, int(facts["width"]), parts)

    def kept(self) -> dict[str, Zipped]:
        """The form's parts a draft leaves as they are (its styles are most of its bytes)."""
        with zipfile.ZipFile(BytesIO(self.form)) as source:
            names = set(source.namelist())
        return zipped_files(self.form, names - WRITTEN)


class FormPackage:
    """One draft's package: the relationships and parts it adds to the prepared form."""

    def __init__(self, form: PreparedForm, kept: dict[str, Zipped]) -> None:
        self.style_ids = form.style_ids
        self.usable_width = form.usable_width
        self._parts = form.parts
        self._kept = kept
        self._taken = {int(number) for number in re.findall(r' Id="rId(\d+)"', form.parts["rels"])}
        self._links: dict[str, str] = {}  # the form has no links of its own to share
        self._added: list[str] = []
        self._commented = False

    def relate(self, url: str) -> str:
        """The id of the relationship to an external link, added at its first use."""
        r_id = self._links.get(url)
        if r_id is None:
            r_id = self._links[url] = self._new_id()
            self._added.append(
                f'<Relationship Id="{r_id}" Type="{_HYPERLINK}" Target="{escape_attribute(url)}"'
                ' TargetMode="External"/>'
            )
        return r_id

    def open_comments(self) -> int:
        """Add the comments part (at the first comment, as python-docx does); the first id."""
        self._commented = True
        self._added.append(
            f'<Relationship Id="{self._new_id()}" Type="{_COMMENTS}" Target="comments.xml"/>'
        )
        return 0

    def _new_id(self) -> str:
        number = next(number for number in count(1) if number not in self._taken)
        self._taken.add(number)  # python-docx takes the first number free, gaps first
        return f"rId{number}"

    def entries(
        self, body: str, comments: str, core: dict[str, str], when: datetime, custom: dict[str, str]
    ) -> dict[str, bytes | Zipped]:
        """Every file of the draft's .docx: the written parts filled in, the others kept."""
        parts = self._parts
        document = parts["document"]
        end = document.rfind("<w:sectPr")  # the body goes before the section's settings
        end = end if end >= 0 else document.rfind("</w:body>")
        written = {
            "[Content_Types].xml": parts["types+comments" if self._commented else "types"],
            "_rels/.rels": parts["package_rels"],
            "docProps/core.xml": _fill(parts["core"], core, when),
            "docProps/custom.xml": _with_children(
                parts["custom"], _custom(custom), "</Properties>"
            ),
            "word/_rels/document.xml.rels": _with_children(
                parts["rels"], "".join(self._added), "</Relationships>"
            ),
            "word/document.xml": document[:end] + body + document[end:],
        }
        if self._commented:
            written["word/comments.xml"] = _with_children(
                parts["comments"], comments, "</w:comments>"
            )
        return {**self._kept, **{name: text.encode() for name, text in written.items()}}


def _fill(core: str, values: dict[str, str], when: datetime) -> str:
    """The prepared core properties with the draft's texts and date in place of the markers."""
    core = core.replace(w3c_datetime(SENTINEL), w3c_datetime(when))
    return _MARKER.sub(lambda found: escape_text(values[found.group(1)]), core)


def _custom(properties: dict[str, str]) -> str:
    """Custom properties as drafter.export.docx_xml.set_custom_properties adds them to none."""
    return "".join(
        f'<property fmtid="{CUSTOM_FMTID}" pid="{pid}" name="{escape_attribute(name)}">'
        f"<vt:lpwstr>{escape_text(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(properties.items(), start=2)
    )


def _with_children(part: str, children: str, end_tag: str) -> str:
    """A part whose root element (an empty `<x/>`, or closed by `end_tag`) gains `children`."""
    if not children:
        return part
    if part.endswith("/>"):
        return part[:-2] + ">" + children + end_tag
    return part[: -len(end_tag)] + children + end_tag
