"""Keep patient identity and passwords out of every log line, by construction.

The privacy check hands over the identifying values it found in the exam being processed (patient
names, IDs, birth dates); from then on every log record, file and folder names included, shows
``[redacted]`` in their place, whatever spelling they appear in: DICOM ``DOE^JANE`` is also caught
as ``Jane Doe``, ``doe_jane``, ``JaneDoe`` or ``Doe, Jane``; ``19800101`` as ``1980-01-01`` or
``01.01.1980``; ``PID-12345`` as ``PID12345``. Passwords handed to :func:`add_secret` are masked as
``****``, and any ``PASS …`` protocol line is masked whatever its source.

Values match whole tokens only: a patient ID ``4711`` is not cut out of ``47110``, a name part
``Demo`` not out of ``Demonstration``. Names the program itself shows, site and user names, are
registered with :func:`keep_readable`: a patient value that is only *part* of such a name (the
fake patient ``DEMO^FAKE PATIENT`` in the site "Demo core lab") leaves it readable, so a log reads
the same before and after an exam has been checked.

Redaction errs on the side of hiding too much: a redacted byte count is an inconvenience, a patient
name in a support bundle is a breach. Values shorter than three characters are not redacted on
their own (they would blank out every number); they still are as part of a full name.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import unicodedata
from collections.abc import Iterable
from typing import Any

REDACTED = "[redacted]"
MASK = "****"
MIN_LENGTH = 3
MIN_SECRET_LENGTH = 4

#: Extra fields that are never written, whatever their value.
SECRET_FIELDS = frozenset(
    {"password", "passwd", "pass", "pwd", "secret", "key_code", "keycode", "token", "passphrase"}
)

# Between the parts of a name or an ID: nothing, or any run of separators.
_SEP = r"[\W_]*"
_LETTER_BEFORE = r"(?<![^\W\d_])"  # not preceded by a letter
_LETTER_AFTER = r"(?![^\W\d_])"  # not followed by a letter
_PART = "(?#part)"  # marks a single name part (a regex comment): tried after whole spellings
_TOKEN_BEFORE = r"(?<![^\W_])"  # not preceded by a letter or digit
_TOKEN_AFTER = r"(?![^\W_])"  # not followed by a letter or digit
_DIGIT_BEFORE = r"(?<!\d)"
_DIGIT_AFTER = r"(?!\d)"

_PASS_LINE = re.compile(r"\bPASS [^\s'\"]+")
_PASSWORD_ASSIGN = re.compile(r"(?i)\b(password|passwd|pwd)(\s*[=:]\s*)([^\s,;'\"]+)")


def _fold(text: str) -> str:
    """``Müller`` → ``Muller``: the spelling a file system or an old tool may have used."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _as_date(value: str) -> dt.date | None:
    digits = value.replace("-", "").replace(".", "").replace("/", "")
    if len(digits) != 8 or not digits.isdigit():
        return None
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None


def _date_patterns(day: dt.date) -> list[str]:
    y, m, d = f"{day.year:04d}", f"{day.month:02d}", f"{day.day:02d}"
    spellings = {
        y + m + d,
        f"{y}-{m}-{d}",
        f"{y}.{m}.{d}",
        f"{y}/{m}/{d}",
        f"{y}_{m}_{d}",
        f"{d}.{m}.{y}",
        f"{d}/{m}/{y}",
        f"{d}-{m}-{y}",
        f"{m}/{d}/{y}",
        f"{m}-{d}-{y}",
        d + m + y,
        y[2:] + m + d,  # YYMMDD, as in Nordic personal numbers
    }
    return [_DIGIT_BEFORE + re.escape(s) + _DIGIT_AFTER for s in spellings]


def _name_parts(value: str) -> list[str]:
    """DICOM ``FAMILY^GIVEN^MIDDLE^PREFIX^SUFFIX``, or words: ``Jane Doe``, ``Doe, Jane``."""
    return [p for p in re.split(r"[\s,^]+", value) if p]


def _looks_like_name(value: str) -> bool:
    return "^" in value or (
        bool(re.search(r"[^\W\d_]", value)) and bool(re.search(r"[\s,]", value.strip()))
    )


def _name_patterns(value: str) -> list[str]:
    parts = _name_parts(value)
    out: list[str] = []
    for spelling in {tuple(parts), tuple(_fold(p) for p in parts)}:
        if not spelling:
            continue
        family, rest = spelling[0], spelling[1:]
        orders = [spelling, (*rest, family)] if rest else [spelling]
        if len(spelling) > 2:  # without the middle name, prefix or suffix
            orders += [(family, spelling[1]), (spelling[1], family)]
        for order in orders:
            if len("".join(order)) >= MIN_LENGTH or len(order) > 1:
                whole = _SEP.join(re.escape(p) for p in order)
                out.append(_LETTER_BEFORE + whole + _LETTER_AFTER)
        # Each part on its own, when it is long enough to mean something and stands as a word.
        for part in spelling:
            if len(part) >= MIN_LENGTH:
                out.append(_PART + _LETTER_BEFORE + re.escape(part) + _LETTER_AFTER)
    return out


def _identifier_patterns(value: str) -> list[str]:
    chars = [c for c in value if c.isalnum()]
    out = [_token(re.escape(value), value)]
    if len(chars) >= MIN_LENGTH:
        # "PID-123.45" also as "PID12345", "pid 123 45".
        out.append(_token(_SEP.join(re.escape(c) for c in chars), value))
    return out


def _token(pattern: str, value: str) -> str:
    """``pattern`` as a whole token: no letter or digit right before or after it."""
    before = _TOKEN_BEFORE if value[:1].isalnum() else ""
    after = _TOKEN_AFTER if value[-1:].isalnum() else ""
    return before + pattern + after


def patterns_for(value: str) -> list[str]:
    """The regular expressions (case-insensitive) that catch ``value`` in its usual spellings."""
    value = value.strip()
    if not value:
        return []
    day = _as_date(value)
    if day is not None:
        return _date_patterns(day)
    if _looks_like_name(value):
        return _name_patterns(value)
    if len(value) < MIN_LENGTH:
        return []
    return _identifier_patterns(value)


class Redactor:
    """A process-wide, thread-safe set of values to hide; :meth:`redact` applies it to text."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._values: set[str] = set()
        self._secrets: set[str] = set()
        self._pattern: re.Pattern[str] | None = None
        self._secret_pattern: re.Pattern[str] | None = None
        self._kept: set[str] = set()
        self._kept_pattern: re.Pattern[str] | None = None

    def keep_readable(self, phrases: Iterable[str]) -> None:
        """Site and user names: a patient value found only *inside* one leaves it readable."""
        with self._lock:
            new = {str(p).strip() for p in phrases if p and len(str(p).strip()) >= MIN_LENGTH}
            if new <= self._kept:
                return
            self._kept |= new
            alternatives = sorted(self._kept, key=len, reverse=True)
            self._kept_pattern = re.compile(
                "|".join(_token(re.escape(p), p) for p in alternatives), re.IGNORECASE
            )

    def add(self, values: Iterable[str]) -> None:
        with self._lock:
            new = {str(v).strip() for v in values if v is not None and str(v).strip()}
            if new <= self._values:
                return
            self._values |= new
            self._pattern = self._compile(self._values)

    def add_secret(self, secret: str) -> None:
        if not secret or len(secret) < MIN_SECRET_LENGTH:
            return
        with self._lock:
            if secret in self._secrets:
                return
            self._secrets.add(secret)
            alternatives = sorted(self._secrets, key=len, reverse=True)
            self._secret_pattern = re.compile("|".join(re.escape(s) for s in alternatives))

    def clear(self) -> None:
        """Forget the patient values (at the end of an exam); passwords stay masked."""
        with self._lock:
            self._values.clear()
            self._pattern = None

    def values(self) -> frozenset[str]:
        with self._lock:
            return frozenset(self._values)

    @staticmethod
    def _compile(values: Iterable[str]) -> re.Pattern[str] | None:
        pats = {p for v in values for p in patterns_for(v)}
        if not pats:
            return None
        # Whole spellings before single name parts, longest first, so "Jane Doe" becomes one
        # "[redacted]" rather than two.
        ordered = sorted(pats, key=lambda p: (p.startswith(_PART), -len(p)))
        return re.compile("|".join(f"(?:{p})" for p in ordered), re.IGNORECASE)

    def redact(self, text: str) -> str:
        pattern, secrets = self._pattern, self._secret_pattern  # read once: no lock needed
        if secrets is not None:
            text = secrets.sub(MASK, text)
        if "PASS " in text:
            text = _PASS_LINE.sub("PASS " + MASK, text)
        if "pass" in text.lower() or "pwd" in text.lower():
            text = _PASSWORD_ASSIGN.sub(lambda m: m.group(1) + m.group(2) + MASK, text)
        if pattern is not None:
            text = self._redact_values(pattern, text)
        return text

    def _redact_values(self, pattern: re.Pattern[str], text: str) -> str:
        kept_pattern = self._kept_pattern
        if kept_pattern is None:
            return pattern.sub(REDACTED, text)
        kept = [m.span() for m in kept_pattern.finditer(text)]

        def replace(m: re.Match[str]) -> str:
            start, end = m.span()
            inside = any(a <= start and end <= b and end - start < b - a for a, b in kept)
            return m.group(0) if inside else REDACTED

        return pattern.sub(replace, text)

    def redact_value(self, value: Any) -> Any:
        """Strings anywhere inside ``value`` (lists, tuples, dicts) redacted; numbers kept."""
        if isinstance(value, str):
            return self.redact(value)
        if isinstance(value, (bool, int, float)) or value is None:
            return value
        if isinstance(value, dict):
            return {
                self.redact(str(k)): self.redact_value(v)
                for k, v in value.items()
                if str(k).lower() not in SECRET_FIELDS
            }
        if isinstance(value, (list, tuple, set, frozenset)):
            return [self.redact_value(v) for v in value]
        return self.redact(str(value))


#: The one the program uses; the privacy check feeds it, the log handlers apply it.
redactor = Redactor()


def add_redactions(values: Iterable[str]) -> None:
    """Hide these identifying values (names, IDs, birth dates) in every log line from now on."""
    redactor.add(values)


def clear_redactions() -> None:
    redactor.clear()


def keep_readable(phrases: Iterable[str]) -> None:
    """Site and user names the program shows: never cut apart by a patient value inside them."""
    redactor.keep_readable(phrases)


def add_secret(secret: str) -> None:
    """Mask this password wherever it would appear (defence in depth: it is never logged)."""
    redactor.add_secret(secret)


def redact(text: str) -> str:
    return redactor.redact(text)
