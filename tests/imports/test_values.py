"""Cell parsing: dates (orders, two-digit years, impossible dates), FTE, status, names, safe display."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from koers.employees.models import EmploymentStatus
from koers.imports.values import (
    date_evidence,
    parse_date,
    parse_fte,
    parse_scale,
    parse_status,
    safe_value,
    split_full_name,
)

TODAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("value", "order", "expected"),
    [
        ("03-04-1985", "dmy", date(1985, 4, 3)),
        ("03/04/1985", "dmy", date(1985, 4, 3)),
        ("03.04.1985", "dmy", date(1985, 4, 3)),
        ("3-4-1985", "dmy", date(1985, 4, 3)),
        ("03/04/1985", "mdy", date(1985, 3, 4)),
        ("1985-04-03", "dmy", date(1985, 4, 3)),  # ISO wins whatever the order
        ("1985-04-03", None, date(1985, 4, 3)),
        ("1985-04-03 00:00:00", None, date(1985, 4, 3)),
        ("1985-04-03T08:30", None, date(1985, 4, 3)),
        ("07/10/83", "mdy", date(1983, 7, 10)),
        ("12/27/58", "mdy", date(1958, 12, 27)),
        ("01-02-03", "dmy", date(2003, 2, 1)),
        ("30-11-26", "dmy", date(2026, 11, 30)),  # today itself is not in the future
        ("01-12-26", "dmy", date(1926, 12, 1)),  # tomorrow would be: last century
    ],
)
def test_dates(value, order, expected):
    assert parse_date(value, order, TODAY) == expected


@pytest.mark.parametrize(
    ("value", "order", "reason"),
    [
        ("31-02-1990", "dmy", "impossible"),
        ("29-02-1991", "dmy", "impossible"),
        ("13/13/1990", "mdy", "impossible"),
        ("1990-02-30", None, "impossible"),
        ("gisteren", "dmy", "not a date"),
        ("03-04-1985", None, "unknown"),
        ("03-04-185", "dmy", "two or four digits"),
        ("01-01-1850", "dmy", "out of range"),
    ],
)
def test_bad_dates(value, order, reason):
    with pytest.raises(ValueError, match=reason):
        parse_date(value, order, TODAY)


def test_date_evidence():
    assert date_evidence("25-03-1980") == "dmy"
    assert date_evidence("03/25/1980") == "mdy"
    assert date_evidence("03/04/1980") == "ambiguous"
    assert date_evidence("1980-03-25") == "iso"
    assert date_evidence("n.v.t.") is None


def test_fte():
    assert parse_fte("0,8") == Decimal("0.80")
    assert parse_fte("0.8") == Decimal("0.80")
    assert parse_fte("1") == Decimal("1.00")
    assert parse_fte("80%") == Decimal("0.80")
    assert parse_fte("0,889") == Decimal("0.89")
    for bad in ("1,6", "-0,1", "acht", "NaN", "1,0,0"):
        with pytest.raises(ValueError):
            parse_fte(bad)


def test_scale():
    assert parse_scale("3") == 3 and parse_scale("5.0") == 5
    for bad in ("0", "6", "drie", "2.5"):
        with pytest.raises(ValueError):
            parse_scale(bad)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("actief", "active"),
        ("Active", "active"),
        ("ACTIVE", "active"),
        ("In dienst", "active"),
        ("Leave of Absence", "active"),
        ("vertrekkend", "leaving"),
        ("Leaving", "leaving"),
        ("in opzegtermijn", "leaving"),
        ("uit dienst", "left"),
        ("Uit  dienst", "left"),
        ("Voluntarily Terminated", "left"),
        ("Terminated for Cause", "left"),
        ("left", "left"),
        ("inactief", "left"),
    ],
)
def test_status(value, expected):
    assert parse_status(value) == EmploymentStatus(expected)


def test_unknown_status():
    with pytest.raises(ValueError, match="unknown employment status"):
        parse_status("misschien")


@pytest.mark.parametrize(
    ("value", "order", "expected"),
    [
        ("Jansen, Pieter", "family_first", ("Pieter", None, "Jansen")),
        ("Adinolfi, Wilson  K", "family_first", ("Wilson K", None, "Adinolfi")),
        ("Alagbe,Trina", "family_first", ("Trina", None, "Alagbe")),
        ("van der Berg, Jan", "family_first", ("Jan", "van der", "Berg")),
        ("Berg, Jan van der", "family_first", ("Jan", "van der", "Berg")),
        ("Pieter van der Berg", "given_first", ("Pieter", "van der", "Berg")),
        ("Anna Maria de Vries", "given_first", ("Anna Maria", "de", "Vries")),
        ("Jan Peter Jansen", "given_first", ("Jan Peter", None, "Jansen")),
        ("Émilie  Çelik", "given_first", ("Émilie", None, "Çelik")),
    ],
)
def test_full_names(value, order, expected):
    assert split_full_name(value, order) == expected


def test_full_name_errors():
    with pytest.raises(ValueError):
        split_full_name("Jansen", "family_first")
    with pytest.raises(ValueError):
        split_full_name("Jansen", "given_first")


def test_safe_value():
    assert safe_value("a\x00b\nc\u202e") == "a\\x00b\\x0ac\\u202e"
    assert safe_value("x" * 100) == "x" * 60 + "…"
    assert safe_value("Zoë") == "Zoë"
