"""HTML bytes to text: byte-order mark, then the declared charset, then detection.

The order is the one browsers follow (WHATWG *Encoding* and the HTML
"determining the character encoding" algorithm, simplified):

1. a byte-order mark (UTF-8, UTF-16, UTF-32) wins;
2. else the charset the server sent (``Content-Type: text/html; charset=...``,
   passed as ``http_charset``), else the page's own ``<meta charset>`` or
   ``<meta http-equiv="Content-Type" content="...; charset=...">`` (read with
   lxml), with WHATWG's label aliases: ``iso-8859-1``, ``latin1`` and
   ``ascii`` mean windows-1252;
   (a page declaring a legacy charset whose bytes are valid multi-byte UTF-8
   is read as UTF-8, with a warning: the declaration was copied from a template);
3. else, or when the bytes are not valid in the declared charset, UTF-8 if
   they are valid UTF-8, else Windows-1252 when that reads as plausible
   Western-European text (see :mod:`.decode`), else the best guess of
   ``charset-normalizer`` (its guesses on short Latin text are unreliable:
   "café" comes out as cp775, so it is the last resort).

The charset used is returned (``Decoded.encoding``, recorded as
``Article.encoding``); every fallback adds a sentence to
``Decoded.warnings`` (kept in ``Article.meta["warnings"]`` and logged), so a
mis-declared page is never silently read as mojibake.
"""

from __future__ import annotations

import codecs
import logging
import re

from comparator.errors import EncodingError
from comparator.load.decode import Decoded, decode_bytes

__all__ = ["WHATWG_ALIASES", "declared_charset", "decode_html"]

log = logging.getLogger(__name__)

#: Labels WHATWG's Encoding standard maps to another decoder than their name suggests.
WHATWG_ALIASES: dict[str, str] = {
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
    "l1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252", "iso-8859-9": "cp1254",
    "latin5": "cp1254", "tis-620": "cp874", "iso-8859-11": "cp874",
}

_CHARSET_IN_CONTENT = re.compile(r"charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
#: Bytes of the page searched for a declaration (browsers look at the first 1024; pages lie).
PRESCAN_BYTES = 16384


def _codec(label: str | None) -> str | None:
    """Python codec name for a charset label, or None when unknown."""
    if not label:
        return None
    label = label.strip().lower()
    label = WHATWG_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset label a page declares in ``<meta>`` (as written), or None."""
    head = data[:PRESCAN_BYTES]
    if b"charset" not in head.lower():
        return None
    import lxml.html

    try:
        root = lxml.html.fromstring(head)
    except (ValueError, TypeError, lxml.etree.ParserError):  # type: ignore[attr-defined]
        return None
    for meta in root.iter("meta"):
        if meta.get("charset"):
            return meta.get("charset").strip()
        if (meta.get("http-equiv") or "").strip().lower() == "content-type":
            m = _CHARSET_IN_CONTENT.search(meta.get("content") or "")
            if m:
                return m.group(1)
    return None


def _multibyte_utf8(data: bytes) -> bool:
    """Valid UTF-8 with at least one multi-byte character (legacy text almost never is)."""
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _detect(data: bytes) -> str | None:
    from comparator.load.decode import detect_charset

    return detect_charset(data)


def decode_html(data: bytes, path: str, *, http_charset: str | None = None) -> Decoded:
    """Decode an HTML page (see the module docstring for the order); ``path`` is for messages.

    Raises :class:`~comparator.errors.BinaryInputError` for binary files and
    :class:`~comparator.errors.EncodingError` when no charset reads the bytes.
    """
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_bytes(data, path)  # BOM first; also refuses binary files
    warnings: list[str] = []
    for source, label in (("the server", http_charset), ("the page", declared_charset(data))):
        if not label:
            continue
        name = _codec(label)
        if name is None:
            warnings.append(f"{source} declares an unknown charset {label!r}; it was ignored.")
            continue
        if name != "utf-8" and _multibyte_utf8(data):
            warnings.append(f"{source} declares charset {label!r} but the bytes are UTF-8; read as UTF-8.")
            return _done(decode_bytes(data, path), warnings, path)
        try:
            text = data.decode(name)
        except UnicodeDecodeError as exc:
            warnings.append(f"{source} declares charset {label!r} but byte {exc.start} is not valid in it.")
            continue
        decoded = decode_bytes(text.encode("utf-8"), path)  # binary/control-character checks
        return _done(Decoded(decoded.text, name), warnings, path)
    try:
        decoded = decode_bytes(data, path)
    except EncodingError:
        name = _detect(data)
        if name is None:
            raise
        warnings.append(f"no usable charset declaration; the bytes were read as {name} (detected).")
        return _done(Decoded(data.decode(name, errors="replace"), name), warnings, path)
    if decoded.encoding == "cp1252":
        warnings.append("no usable charset declaration and not UTF-8; read as Windows-1252 (Western "
                        "European text). Declare the charset in the page if this is wrong.")
    return _done(decoded, warnings, path)


def _done(decoded: Decoded, warnings: list[str], path: str) -> Decoded:
    for w in warnings:
        log.warning("%s: %s", path, w)
    return Decoded(decoded.text, decoded.encoding, tuple(warnings))
