"""Turn the bytes of a dump into text: byte-order mark, then strict UTF-8, then a detector.

Valid UTF-8 (by far the common case) never reaches the detector. Binary input (NUL bytes, many control
bytes) is recognised from the first 64 KiB and reported, not decoded. The detector only ever sees a
bounded window (:data:`DETECT_BYTES`), so a 50 MB page costs no more to detect than a 256 KiB one.
"""

from __future__ import annotations

import codecs
import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)

SNIFF_BYTES = 64 * 1024  # binary detection and the "mostly UTF-8" check look at this much
DETECT_BYTES = 256 * 1024  # the detector sees at most this much

# Longest BOM first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls that do not occur in text. Tab, line feed, vertical tab, form feed, carriage return,
# escape and the file/group/record separators do, so they are not counted.
_CONTROL_BYTES = bytes([*range(0x01, 0x09), *range(0x0E, 0x1B), 0x1F, 0x7F])
_MAX_NUL_SHARE = 0.001  # more NUL bytes than this in the sample: binary
_MAX_CONTROL_SHARE = 0.02  # more control bytes than this in the sample: binary
_MIN_UTF8_PER_BAD = 2  # valid non-ASCII characters per invalid sequence for damaged UTF-8
# The detector chooses among the legacy encodings browsers decode (the WHATWG Encoding Standard, less
# the Mac code pages): news pages come from the web, and DOS or Mac code pages only add wrong guesses.
WEB_ENCODINGS = (
    "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258", "cp874",
    "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_5", "iso8859_6", "iso8859_7", "iso8859_8",
    "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16", "koi8_r", "koi8_u", "cp866",
    "gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp950", "shift_jis", "cp932", "euc_jp",
    "euc_kr", "cp949",
)  # fmt: skip
# When the detector cannot tell candidates apart (same mess, same language evidence, as with short
# text), take the encoding most used on the web.
_PREFERRED_LEGACY = "cp1252"
_CUT_SEARCH = 256  # how far to look for a safe place to cut a window


@dataclass(frozen=True, slots=True)
class DecodedText:
    """Decoded text, or ``None`` when the bytes are not text; ``note`` says how or why not."""

    text: str | None
    encoding: str | None = None
    note: str | None = None


def decode_bytes(data: bytes, *, encoding: str | None = None) -> DecodedText:
    """Decode the bytes of a plain-text dump.

    Order: byte-order mark; binary check on the first 64 KiB; the declared ``encoding`` if it decodes
    the bytes strictly; strict UTF-8; UTF-8 with a few damaged sequences replaced; otherwise the
    encoding charset-normalizer finds in a bounded window, applied to the whole input. ``note`` is
    ``None`` only for clean UTF-8 (or the declared encoding); every guess or repair is noted.
    """
    if not data:
        return DecodedText("", "utf-8")
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom):
            return _decode_with_bom(data[len(bom) :], bom_encoding)

    sample = data[:SNIFF_BYTES]
    binary = _binary_reason(sample)
    if binary is not None:
        return DecodedText(None, None, binary)

    notes: list[str] = []
    if encoding is not None:
        declared = _decode_declared(data, encoding)
        if isinstance(declared, DecodedText):
            return declared
        notes.append(declared)

    try:
        return DecodedText(data.decode("utf-8"), "utf-8", _join(notes))
    except UnicodeDecodeError as exc:
        first_error = exc.start

    if _mostly_utf8(data, sample, first_error):
        notes.append(f"invalid UTF-8 bytes replaced (first at byte {first_error})")
        return DecodedText(data.decode("utf-8", errors="replace"), "utf-8", _join(notes))

    detected = _detect(data, first_error)
    if detected is None:
        notes.append("cannot decode: not UTF-8 and no other encoding fits")
        return DecodedText(None, None, _join(notes))
    notes.append(f"decoded as {detected} (detected)")
    return DecodedText(data.decode(detected, errors="replace"), detected, _join(notes))


def _decode_with_bom(body: bytes, encoding: str) -> DecodedText:
    try:
        return DecodedText(body.decode(encoding), encoding)
    except UnicodeDecodeError as exc:
        text = body.decode(encoding, errors="replace")
        note = f"{encoding} byte-order mark, invalid bytes replaced (first at byte {exc.start})"
        return DecodedText(text, encoding, note)


def _binary_reason(sample: bytes) -> str | None:
    nul = sample.count(0)
    if nul > len(sample) * _MAX_NUL_SHARE:
        return "binary input (NUL bytes)"
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > len(sample) * _MAX_CONTROL_SHARE:
        return "binary input (control characters)"
    return None


def _decode_declared(data: bytes, encoding: str) -> DecodedText | str:
    """The text if the declared encoding decodes ``data`` strictly, else a note saying why not."""
    try:
        return DecodedText(data.decode(encoding), codecs.lookup(encoding).name)
    except LookupError:
        return f"unknown declared encoding {encoding!r}"
    except UnicodeDecodeError as exc:
        return f"declared encoding {encoding!r} does not fit (byte {exc.start})"


def _mostly_utf8(data: bytes, sample: bytes, first_error: int) -> bool:
    """Whether ``data`` is UTF-8 with a few invalid sequences (a cut file, a stray byte).

    Legacy encodings rarely form valid multi-byte UTF-8 sequences by chance, so text whose non-ASCII
    characters mostly decode as UTF-8 is taken as damaged UTF-8.
    """
    if first_error < len(sample):
        window = sample
    else:  # the sample is clean UTF-8: judge the bytes around the first error instead
        start = max(first_error - SNIFF_BYTES // 2, 0)
        window = data[start : start + SNIFF_BYTES]
    decoded = window.decode("utf-8", errors="replace")
    bad = decoded.count("\ufffd")
    non_ascii = len(decoded) - len(decoded.encode("ascii", errors="ignore")) - bad
    return non_ascii >= bad * _MIN_UTF8_PER_BAD


def _detect(data: bytes, first_error: int) -> str | None:
    """The Python codec charset-normalizer finds for a bounded window of ``data``, or ``None``."""
    import charset_normalizer

    window = _detection_window(data, first_error)
    matches = charset_normalizer.from_bytes(window, cp_isolation=list(WEB_ENCODINGS))
    best = matches.best()
    if best is None:
        log.debug("no encoding fits %d bytes", len(window))
        return None
    for match in matches:
        tied = (match.percent_chaos, match.percent_coherence) == (best.percent_chaos, best.percent_coherence)
        if tied and _PREFERRED_LEGACY in match.could_be_from_charset:
            return _PREFERRED_LEGACY
    return codecs.lookup(best.encoding).name


def _detection_window(data: bytes, first_error: int) -> bytes:
    """At most :data:`DETECT_BYTES` around the first non-UTF-8 byte, cut between characters.

    The window starts at the beginning of ``data`` unless the first non-UTF-8 byte lies beyond it
    (a long ASCII start tells the detector nothing). In the legacy multi-byte encodings (Shift_JIS,
    GBK, Big5, EUC) a byte below 0x40 is never the second byte of a character, so cutting right after
    one keeps every character whole.
    """
    if len(data) <= DETECT_BYTES:
        return data
    start = 0 if first_error < DETECT_BYTES else first_error - DETECT_BYTES // 2
    window = data[start : start + DETECT_BYTES]
    if start:
        head = window[:_CUT_SEARCH]
        cut = next((i + 1 for i, byte in enumerate(head) if byte < 0x40), 0)
        window = window[cut:]
    tail = window[-_CUT_SEARCH:]
    back = next((i for i, byte in enumerate(reversed(tail)) if byte < 0x40), 0)
    return window[: len(window) - back]


def _join(notes: list[str]) -> str | None:
    return "; ".join(notes) if notes else None
