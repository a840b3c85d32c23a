"""Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, cp1252 as a fallback.

Binary files (documents, images, archives, or text with many control
characters) are refused with :class:`BinaryInputError`; bytes that are neither
UTF-8 nor plausible cp1252 raise :class:`EncodingError`.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from comparator.errors import BinaryInputError, EncodingError

SUPPORTED_HINT = "comparator reads text, Markdown, HTML, JSON, JSONL or CSV."

#: Leading bytes of binary formats -> a name the user recognises. ``weak`` ones
#: are refused only when the file does not also read as clean UTF-8 text (no
#: control characters): prose may start with "%PDF files..." or "GIF89a was...",
#: while a real PNG, JPEG, GIF or ZIP holds bytes that are not UTF-8 or NULs.
#: A PDF header with its version (``%PDF-1.7``) is refused even when the rest is
#: ASCII (PDFs may be all ASCII).
_MAGIC: tuple[tuple[bytes, str, bool], ...] = (
    (b"%PDF-1.", "PDF", False),
    (b"%PDF-2.", "PDF", False),
    (b"%PDF", "PDF", True),
    (b"PK\x03\x04", "ZIP/DOCX/XLSX/EPUB", True),
    (b"PK\x05\x06", "ZIP", True),
    (b"\x89PNG\r\n\x1a\n", "PNG image", False),
    (b"\xff\xd8\xff", "JPEG image", False),
    (b"GIF87a", "GIF image", True),
    (b"GIF89a", "GIF image", True),
    (b"\x1f\x8b", "gzip", False),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip", False),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Microsoft Office (DOC/XLS)", False),
    (b"{\\rtf", "RTF document", False),
    (b"\x7fELF", "executable", False),
    (b"SQLite format 3\x00", "SQLite database", False),
    (b"PAR1", "Parquet", True),
    (b"RIFF", "RIFF media (WebP/WAV/AVI)", True),
    (b"BZh", "bzip2", True),
    (b"Rar!", "RAR", True),
    (b"MZ", "Windows executable", True),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Above this share of control characters (other than tab, LF, CR, FF) text is binary.
MAX_CONTROL_SHARE = 0.05

#: A cp1252 reading is implausible when more than this share of its letters are
#: non-ASCII (French or German prose stays under ~10%)...
MAX_ACCENTED_SHARE = 0.35
#: ...or more than this share of all characters (and more than two) are non-ASCII symbols.
MAX_SYMBOL_SHARE = 0.05


#: Curly quotes, dashes, ellipsis, bullet, euro...: what cp1252 puts in 0x80-0x9F,
#: plus the no-break space. Common in Windows-saved prose, so never "odd".
_TYPOGRAPHIC = frozenset(bytes(range(0x80, 0xA1)).decode("cp1252", errors="ignore"))


@dataclass(frozen=True)
class Decoded:
    """Text of a file and the encoding it was read with (``utf-8``, ``utf-8-sig``, ``utf-16``, ``cp1252``)."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()  # fallbacks taken (see comparator.load.charset)


def _binary(path: str, kind: str) -> BinaryInputError:
    return BinaryInputError(
        f"looks like a binary file ({kind}); {SUPPORTED_HINT}",
        path=path,
        hint="Export the article as plain text, Markdown or HTML and try again.",
    )


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    odd = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\r\f") or ord(ch) == 127)
    return odd / len(text)


def decode_bytes(data: bytes, path: str) -> Decoded:
    """Decode a whole file; ``path`` is only used in error messages."""
    for magic, kind, weak in _MAGIC:
        if data.startswith(magic) and not (weak and _clean_utf8(data)):
            raise _binary(path, kind)
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return _check_controls(Decoded(data.decode(name), name), path)
            except UnicodeDecodeError as exc:
                raise EncodingError(
                    f"starts with a {name.upper()} byte-order mark but is not valid {name.upper()} "
                    f"(byte {exc.start}: {exc.reason}).",
                    path=path,
                    hint="Re-save the file as UTF-8.",
                ) from None
    if b"\x00" in data:
        raise _binary(path, "contains NUL bytes; UTF-16 text needs a byte-order mark")
    try:
        return _check_controls(Decoded(data.decode("utf-8"), "utf-8"), path)
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise _undecodable(data, path, utf8_error) from None
    decoded = _check_controls(Decoded(text, "cp1252"), path)
    if not _plausible_cp1252(text):
        raise _undecodable(data, path, utf8_error)
    return _unless_mojibake(data, decoded)


#: Symbols of Latin-1's upper half inside a word ("W±sik", "£ucja", "S³ubice"): the signature of
#: Central-European (ISO-8859-2, cp1250...) text read as cp1252. « » ¡ ¿ are left out (French, Spanish).
_MOJIBAKE = re.compile(r"[A-Za-z][\xa1-\xa9\xac-\xba\xbc-\xbe][a-z]|(?<![\w\xa1-\xbf])"
                       r"[\xa3\xa5\xa6\xa8\xaa\xac\xaf\xb1-\xb3\xb5\xb6\xb9\xba\xbc-\xbe][a-z]")
#: Mid-word symbols from which a cp1252 reading is re-checked by detection.
MIN_MOJIBAKE_HITS = 2


#: When charset-normalizer finds several equally good single-byte readings (ISO-8859-2, -4 and -10
#: read Polish alike), the one most used on the web wins (W3Techs' charset usage ranking).
WEB_CHARSETS: tuple[str, ...] = (
    "utf-8", "cp1252", "cp1251", "cp1250", "iso8859-2", "iso8859-15", "shift_jis", "gb18030", "euc_kr",
    "euc_jp", "big5", "cp1256", "cp1254", "cp1253", "cp1255", "cp1257", "koi8-r", "iso8859-5", "iso8859-7",
    "iso8859-9", "cp874", "iso8859-4", "iso8859-10", "iso8859-13", "iso8859-16",
)


def detect_charset(data: bytes) -> str | None:
    """charset-normalizer's reading of ``data`` (a Python codec name), ties broken by :data:`WEB_CHARSETS`."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    tied = [m for m in matches if m.chaos <= best.chaos + 0.005 and m.coherence >= best.coherence - 0.01]
    names = []
    for m in tied:
        try:
            names.append(codecs.lookup(m.encoding).name)
        except LookupError:
            continue
    if not names:
        return None
    rank = {n: i for i, n in enumerate(WEB_CHARSETS)}
    return min(names, key=lambda n: (rank.get(n, len(rank)), names.index(n)))


def _unless_mojibake(data: bytes, decoded: Decoded) -> Decoded:
    """A cp1252 reading, or charset-normalizer's guess (with a warning) when cp1252 gives mojibake."""
    hits = len(_MOJIBAKE.findall(decoded.text))
    if hits < MIN_MOJIBAKE_HITS:
        return decoded
    name = detect_charset(data)
    if name is None:
        return decoded
    try:
        text = data.decode(name)
    except UnicodeDecodeError:
        return decoded
    if len(_MOJIBAKE.findall(text)) >= hits:
        return decoded
    return Decoded(text, name, (f"not UTF-8 and read as {name} (detected): as Windows-1252 it showed "
                                f"{hits} symbols inside words. Re-save the file as UTF-8 to be sure.",))


def _clean_utf8(data: bytes) -> bool:
    try:
        return _control_share(data.decode("utf-8")) == 0.0
    except UnicodeDecodeError:
        return False


def _plausible_cp1252(text: str) -> bool:
    """Western-European text: few symbols outside ASCII, and mostly ASCII letters.

    Text in another single-byte code page (Cyrillic, Greek...) read as cp1252
    turns into runs of accented Latin letters; multi-byte encodings (GBK,
    Shift-JIS) into symbol soup. Both fail one of the two shares below.
    """
    letters = [ch for ch in text if ch.isalpha()]
    accented = sum(1 for ch in letters if ord(ch) > 127)
    if letters and accented / len(letters) > MAX_ACCENTED_SHARE:
        return False
    symbols = sum(1 for ch in text if ord(ch) > 127 and not ch.isalpha() and ch not in _TYPOGRAPHIC)
    return symbols <= 2 or symbols / len(text) <= MAX_SYMBOL_SHARE


def _check_controls(decoded: Decoded, path: str) -> Decoded:
    if _control_share(decoded.text) > MAX_CONTROL_SHARE:
        raise _binary(path, "many control characters")
    return decoded


def _undecodable(data: bytes, path: str, utf8_error: UnicodeDecodeError) -> EncodingError:
    pos = utf8_error.start
    line = data.count(b"\n", 0, pos) + 1
    return EncodingError(
        f"is neither UTF-8 nor Windows-1252 text (first bad byte 0x{data[pos]:02x} at offset {pos}).",
        path=path,
        line=line,
        hint="Re-save the file as UTF-8 (in most editors: Save As, encoding UTF-8).",
    )
