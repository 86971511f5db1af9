"""Text that XML 1.0 can hold, escaped for element content and for attribute values.

XML 1.0 cannot hold most control characters (U+0000-U+001F other than tab, line feed and
carriage return, and U+FFFE/U+FFFF), not even as character references. They are replaced by
U+FFFD, the replacement character, so that the file stays well-formed and the reader can see
that something was there.
"""

from __future__ import annotations

import re

from .view import number

_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# The name characters every XML version and schema validator agrees on. XML 1.0 (5th edition)
# allows many more, but XML Schema 1.0 validators go by older, narrower tables (xmlschema
# rejects U+10000 in an NMTOKEN, for one), so ids keep to these and escape the rest.
_NAME_CHAR = re.compile(r"[A-Za-z0-9._:-]")

_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                            "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"})

DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def clean(value: str) -> str:
    """`value` with every character XML 1.0 cannot hold replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", value)


def text(value: str) -> str:
    """Element content: markup characters escaped, a carriage return kept as &#13;."""
    return clean(value).translate(_TEXT)


def attribute(value: str) -> str:
    """An attribute value for double quotes: tabs and line breaks survive as references."""
    return clean(value).translate(_ATTRIBUTE)


def typed(kind: str, value: object) -> str | None:
    """An attribute's value as text of its declared type (unescaped); None when absent."""
    if value is None or value == "":
        return None
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "double":
        return number(value)
    return str(value)


def is_nmtoken(value: str) -> bool:
    """Whether `value` is an NMTOKEN (what GraphML allows as an id) made of safe characters."""
    return bool(value) and all(_NAME_CHAR.fullmatch(char) for char in value)


def nmtoken(value: str) -> str:
    """`value` as an NMTOKEN: each character other than ASCII letters, digits and . _ : -
    written as _xHHHH_ (its code point in hex), the way XML tools encode names; a value made of
    those characters only comes back unchanged."""
    if is_nmtoken(value):
        return value
    return "".join(char if _NAME_CHAR.fullmatch(char) else f"_x{ord(char):04X}_"
                   for char in value) or "_x_"
