"""Cell values of HRIS exports → Koers values: dates, employment status, FTE, names, safe display.

Every parser takes a trimmed, non-empty string and returns the value or raises ``ValueError`` with a
reason fit to show to HR (never containing the value itself).

Employment status (case-insensitive; ``_`` and runs of spaces count as one space; empty = active):

| Koers     | file values                                                                                   |
|-----------|-----------------------------------------------------------------------------------------------|
| active    | active, actief, in dienst, employed, current, leave of absence, on leave, verlof, met verlof, |
|           | ziek, sick leave, future start  (on leave or about to start: still employed)                  |
| leaving   | leaving, vertrekkend, vertrekt, opgezegd, in opzegtermijn, opzegtermijn, notice,              |
|           | notice period, resigned, uitdienst aangevraagd  (notice given, still employed)                |
| left      | left, uit dienst, uitdienst, vertrokken, inactive, inactief, terminated,                      |
|           | voluntarily terminated, terminated for cause, former, ex-employee, retired, gepensioneerd     |

Anything else is a row error naming the accepted values. Yes/no values are refused on purpose: in an
export "Attrition: Yes" means the person left, elsewhere "Active: Yes" means the opposite.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from koers.employees.models import EmploymentStatus
from koers.employees.names import PARTICLES
from koers.employees.names import split_particle as _split_particle

DATE_ORDERS = ("dmy", "mdy", "ymd")
_DATE = re.compile(r"^(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
MIN_DATE, MAX_DATE = date(1900, 1, 1), date(2100, 12, 31)


def date_parts(value: str) -> tuple[str, str, str] | None:
    """The three numeric groups of a date-like value (``"03-04-1985"`` → ``("03", "04", "1985")``)."""
    m = _DATE.match(value)
    return (m.group(1), m.group(2), m.group(3)) if m else None


def date_evidence(value: str) -> str | None:
    """What one value says about the file's date order: ``"iso"`` (year first, unambiguous), ``"dmy"`` or
    ``"mdy"`` (one reading is impossible), ``"ambiguous"`` (both readings possible), or ``None`` (not a date)."""
    parts = date_parts(value)
    if parts is None:
        return None
    a, b, _ = parts
    if len(a) >= 3:
        return "iso"
    first, second = int(a), int(b)
    if first > 12 >= second:
        return "dmy"
    if second > 12 >= first:
        return "mdy"
    return "ambiguous"


def _full_year(year: str, month: int, day: int, today: date) -> int:
    """A four-digit year; two-digit years take the century that puts the date on or before ``today``."""
    if len(year) > 2:
        return int(year)
    y = 2000 + int(year)
    try:
        return y if date(y, month, day) <= today else y - 100
    except ValueError:
        return y if y <= today.year else y - 100


def parse_date(value: str, order: str | None, today: date) -> date:
    """Parse ``value`` (``03-04-1985``, ``03/04/85``, ``1985-04-03``, ``1985-04-03 00:00:00``) in ``order``.

    Year-first values (four digits first) are read as ISO whatever ``order`` says. Two-digit years never
    land after ``today``. Raises ``ValueError`` for a non-date, an impossible date (31-02-1990) or one
    outside 1900..2100."""
    parts = date_parts(value)
    if parts is None:
        raise ValueError("not a date (expected e.g. 03-04-1985 or 1985-04-03)")
    a, b, c = parts
    if len(a) >= 3 or order == "ymd":
        y, m, d = a, int(b), int(c)
    elif order == "mdy":
        y, m, d = c, int(a), int(b)
    elif order == "dmy":
        y, m, d = c, int(b), int(a)
    else:
        raise ValueError("the date order (day-month or month-day) is unknown")
    if len(y) not in (2, 4):
        raise ValueError("the year must have two or four digits")
    try:
        result = date(_full_year(y, m, d, today), m, d)
    except ValueError:
        raise ValueError("impossible date (no such day in that month)") from None
    if not MIN_DATE <= result <= MAX_DATE:
        raise ValueError("date out of range 1900..2100")
    return result


# Employment status: (normalised file value) → Koers status; the table in the module docstring.
STATUS_TABLE: dict[str, EmploymentStatus] = {
    **dict.fromkeys(
        [
            "active",
            "actief",
            "in dienst",
            "employed",
            "current",
            "leave of absence",
            "on leave",
            "verlof",
            "met verlof",
            "ziek",
            "sick leave",
            "future start",
        ],
        EmploymentStatus.active,
    ),
    **dict.fromkeys(
        [
            "leaving",
            "vertrekkend",
            "vertrekt",
            "opgezegd",
            "in opzegtermijn",
            "opzegtermijn",
            "notice",
            "notice period",
            "resigned",
            "uitdienst aangevraagd",
        ],
        EmploymentStatus.leaving,
    ),
    **dict.fromkeys(
        [
            "left",
            "uit dienst",
            "uitdienst",
            "vertrokken",
            "inactive",
            "inactief",
            "terminated",
            "voluntarily terminated",
            "terminated for cause",
            "former",
            "ex-employee",
            "retired",
            "gepensioneerd",
        ],
        EmploymentStatus.left,
    ),
}


def parse_status(value: str) -> EmploymentStatus:
    """Map a Dutch or English status (case-insensitive, inner spaces collapsed) to ``EmploymentStatus``;
    ``ValueError`` for a value not in ``STATUS_TABLE``."""
    key = " ".join(value.casefold().replace("_", " ").split())
    try:
        return STATUS_TABLE[key]
    except KeyError:
        raise ValueError(
            "unknown employment status (use active/actief, leaving/vertrekkend or left/uit dienst)"
        ) from None


_FTE_MAX = Decimal("1.5")
_CENT = Decimal("0.01")


def parse_fte(value: str) -> Decimal:
    """``"0,8"``, ``"0.8"``, ``"80%"`` → ``Decimal("0.80")``; between 0 and 1.5, rounded to 2 decimals."""
    text = value.replace(" ", "")
    percent = text.endswith("%")
    if percent:
        text = text[:-1]
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError("not a number (expected e.g. 0,8 or 0.8)") from None
    if not number.is_finite():
        raise ValueError("not a number (expected e.g. 0,8 or 0.8)")
    if percent:
        number /= 100
    if not 0 <= number <= _FTE_MAX:
        raise ValueError("FTE must be between 0 and 1.5")
    return number.quantize(_CENT, rounding=ROUND_HALF_UP)


def parse_scale(value: str) -> int:
    """A 1..5 score (mobility willingness or capacity); ``"3"`` or ``"3.0"``."""
    text = value[:-2] if value.endswith((".0", ",0")) else value
    if not text.isdigit() or not 1 <= int(text) <= 5:
        raise ValueError("must be a whole number from 1 to 5")
    return int(text)


_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,255}\.[^@\s.]{2,63}$")


def parse_email(value: str) -> str:
    """An e-mail address, checked for shape only (``local@domain.tld``, RFC 5321 length limits)."""
    if len(value) > 320 or not _EMAIL.match(value) or ".." in value:
        raise ValueError("not an e-mail address")
    return value


def collapse(value: str) -> str:
    """Trim and collapse inner runs of whitespace (names exported with double spaces)."""
    return " ".join(value.split())


_TRAILING_PARTICLES = sorted(PARTICLES, key=lambda p: -len(p))
_PARTICLE_STARTS = frozenset(p.split(" ")[0] for p in PARTICLES)


@lru_cache(maxsize=65536)
def split_particle(family_name: str) -> tuple[str | None, str]:
    """``koers.employees.names.split_particle``, skipped when the first word cannot start a particle and
    cached (exports repeat family names): the import calls it once per row."""
    first = family_name.split(None, 1)[0].lower() if family_name else ""
    if first not in _PARTICLE_STARTS:
        return None, " ".join(family_name.split())
    return _split_particle(family_name)


def split_full_name(value: str, order: str) -> tuple[str, str | None, str]:
    """Split one name cell into ``(given, prefix, family)``.

    ``family_first``: ``"Jansen, Pieter"``, ``"Berg, Jan van der"`` (Dutch listing order: the particle after
    the given names) or ``"van der Berg, Jan"``. ``given_first``: ``"Pieter van der Berg"`` (the particle
    starts the family name), else the last word is the family name. Raises ``ValueError`` when a part is
    missing."""
    text = collapse(value)
    if order == "family_first":
        family, sep, given = (part.strip() for part in text.partition(","))
        if not sep or not family or not given:
            raise ValueError("expected 'family name, given names'")
        prefix: str | None = None
        lowered = given.lower()
        for particle in _TRAILING_PARTICLES:
            if lowered.endswith(" " + particle) and len(given) > len(particle) + 1:
                prefix, given = given[-len(particle) :], given[: -len(particle) - 1].strip()
                break
        if prefix is None:
            prefix, family = split_particle(family)
        return given, prefix, family
    words = text.split(" ")
    if len(words) < 2:
        raise ValueError("expected 'given names family name'")
    for i in range(1, len(words) - 1):
        prefix, rest = split_particle(" ".join(words[i:]))
        if prefix:
            return " ".join(words[:i]), prefix, rest
    return " ".join(words[:-1]), None, words[-1]


def safe_value(value: str, limit: int = 60) -> str:
    """A cell value fit to show back: control and format characters escaped (``\\x00``, ``\\u202e``),
    at most ``limit`` characters (then ``…``)."""
    out: list[str] = []
    for ch in value[: limit + 1]:
        if unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co", "Zl", "Zp"}:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    text = "".join(out)
    return text[:limit] + "…" if len(value) > limit else text
