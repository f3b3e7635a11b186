"""Decoding and cleaning of untrusted review text.

Everything a review says passes through `clean_text` before anything else sees it, so no
control character (and so no terminal escape sequence) survives loading.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from reviewtui.core.lazy_re import lazy

# C0 controls except tab and newline, DEL, C1 controls, and the bidirectional overrides that
# can make text display differently from what it says.
_CONTROL = lazy("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Whole terminal escape sequences, so their payload ("]52;c;..." or "[2J") goes with the ESC:
# CSI, OSC/DCS/PM/APC strings up to their terminator, and two-character ESC sequences.
# The character classes stop at the next ESC, so a run of unterminated sequences stays linear.
_ESCAPE_SEQUENCE = lazy(
    "(?:\x1b\\[|\x9b)[0-?]*[ -/]*[@-~]"
    "|(?:\x1b[\\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x90-\x9f\n]*(?:\x07|\x1b\\\\|\x9c)"
    "|\x1b[ -/]*[0-~]"
)
_TOML_FORBIDDEN = lazy("[\x00-\x08\x0b-\x1f\x7f]")
_SURROGATE = lazy("[\ud800-\udfff]")
_UNPRINTABLE = lazy("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# The only links a review may make openable: a relative, file:, data: or javascript: link could
# open or load something local.
WEB_SCHEMES = ("http://", "https://", "mailto:")
_UTF8_MULTIBYTE = lazy(rb"[\xc2-\xf4][\x80-\xbf]+")
_SNIFF = 8192


class NotText(ValueError):
    """The bytes are not a text document (binary, or unreadable as any encoding we try)."""


class Decoded(NamedTuple):
    text: str
    encoding: str
    note: str | None = None
    """Said to the user when decoding needed help (another encoding, replaced bytes)."""


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF; a leading byte-order mark goes."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text[1:] if text.startswith("\ufeff") else text


def clean_text(text: str) -> str:
    """Normalise newlines, drop terminal escape sequences whole and every other control
    character but tab and newline; lone surrogates (from undecodable file names) become U+FFFD."""
    text = normalise_newlines(text)
    if _nothing_to_strip(text):
        return text
    text = _ESCAPE_SEQUENCE().sub("", text)
    # A BOM that only reaches the start once controls before it are gone goes too.
    return _SURROGATE().sub("\ufffd", _CONTROL().sub("", text)).lstrip("\ufeff")


def _nothing_to_strip(text: str) -> bool:
    """True for text with no control, format or surrogate character besides tab and newline.

    Every character `clean_text` removes is unprintable, so a printable text (less its tabs
    and newlines) has none: one quick pass instead of three regular expressions.
    """
    return text.replace("\n", "").replace("\t", "").isprintable()


def clean_front_matter(source: str) -> str:
    """Front matter before TOML parsing: only what TOML forbids raw goes (ESC sequences, C0
    controls, DEL), so valid TOML is never altered (two keys differing by a C1 or bidi
    character stay two keys). The parsed values are cleaned with `clean_line`."""
    source = _ESCAPE_SEQUENCE().sub(lambda m: "" if m.group()[0] == "\x1b" else m.group(), source)
    return _TOML_FORBIDDEN().sub("", source)


def printable(text: str) -> str:
    """A file name or message made safe to print, its oddities shown rather than hidden:
    control characters become visible escapes (`\\x1b`), undecodable bytes `\\xff`."""

    def visible(match: re.Match[str]) -> str:
        char = match.group()
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not decode
            return f"\\x{code - 0xDC00:02x}"
        return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"

    return _UNPRINTABLE().sub(visible, text)


def clean_line(text: str) -> str:
    """`clean_text` for a one-line value such as a title: newlines and tabs become spaces."""
    if text.isprintable():  # no control, format or surrogate character: nothing to strip
        return " ".join(text.split())
    return " ".join(clean_text(text).split())


def is_web_link(url: str) -> bool:
    """Whether a review's link may be opened (on an explicit request): web and mail links only."""
    return url.lower().startswith(WEB_SCHEMES) and not _UNPRINTABLE().search(url)


def decode_bytes(data: bytes) -> Decoded:
    """Decode a review file: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252.

    Raises NotText for binary data.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            decoded = Decoded(data.decode("utf-16"), "utf-16", "decoded as UTF-16")
        except UnicodeDecodeError as error:
            raise NotText("not valid UTF-16 despite its byte-order mark") from error
        if "\x00" in decoded.text[:_SNIFF]:
            raise NotText("binary file (contains NUL characters)")
    elif b"\x00" in data[:_SNIFF]:
        raise NotText("binary file (contains NUL bytes)")
    else:
        try:
            decoded = Decoded(data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            decoded = _decode_damaged(data)
    sample = decoded.text[:_SNIFF]
    if _nothing_to_strip(sample):
        return decoded
    controls = len(_CONTROL().findall(sample)) - sample.count("\r") - sample.count("\f")
    if sample and controls > max(8, len(sample) // 20):
        raise NotText("binary file (mostly control characters)")
    return decoded


def _decode_damaged(data: bytes) -> Decoded:
    """Bytes that are not valid UTF-8: a legacy 8-bit file, or UTF-8 with a few bad bytes."""
    if _UTF8_MULTIBYTE().search(data):
        # Real UTF-8 sequences are present: the file is UTF-8 with some damage.
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        if bad > max(16, len(text) // 10):
            raise NotText("invalid UTF-8 beyond repair")
        return Decoded(text, "utf-8", f"{bad} invalid UTF-8 byte(s) replaced")
    # No UTF-8 at all: the classic Windows-1252 (a superset of Latin-1's printable range).
    text = data.decode("cp1252", errors="replace")
    if text.count("\ufffd") > max(16, len(text) // 10):
        raise NotText("not UTF-8 nor Windows-1252 text")
    return Decoded(text, "cp1252", "not UTF-8: decoded as Windows-1252 (Latin-1)")
