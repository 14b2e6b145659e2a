"""Dates: resolve "Sunday", "May 27", "late March", "2004" against the article's date."""
from __future__ import annotations

import datetime as dt
import re

from ..clean import MONTHS, parse_date

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def resolve(text: str, article_date: str | None, future: bool = False) -> str | None:
    """ISO date (YYYY-MM-DD, YYYY-MM or YYYY) for a date expression, or None."""
    low = text.lower()
    anchor = dt.date.fromisoformat(article_date) if article_date else None
    full = parse_date(text)
    if full:
        return full.isoformat()
    if anchor is not None:
        for i, day in enumerate(WEEKDAYS):
            if re.search(rf"\b{day}\b", low):
                delta = (anchor.weekday() - i) % 7
                if future:
                    return (anchor + dt.timedelta(days=(i - anchor.weekday()) % 7)).isoformat()
                return (anchor - dt.timedelta(days=delta)).isoformat()
        if re.search(r"\byesterday\b", low):
            return (anchor - dt.timedelta(days=1)).isoformat()
        if re.search(r"\b(today|tonight|this morning|this afternoon)\b", low):
            return anchor.isoformat()
        relative = _relative(low, anchor)
        if relative:
            return relative
    m = re.search(r"\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?", low) or \
        re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\b(?:,?\s+(\d{4}))?", low)
    if m:
        a, b, year = m.group(1), m.group(2), m.group(3)
        month_word, day = (a, b) if not a.isdigit() else (b, a)
        month = MONTHS.get(month_word[:3]) if month_word in _month_words() else None
        if month:
            y = int(year) if year else _year_for(month, anchor, future)
            if y:
                try:
                    return dt.date(y, month, int(day)).isoformat()
                except ValueError:
                    return None
    m = re.search(r"\b(january|february|march|april|may|june|july|august|september|october|november|december)\b(?:\s+(\d{4}))?", low)
    if m:
        month = MONTHS[m.group(1)[:3]]
        y = int(m.group(2)) if m.group(2) else _year_for(month, anchor, future)
        return f"{y:04d}-{month:02d}" if y else None
    m = re.search(r"\b(1[89]\d\d|20\d\d)\b", low)
    if m:
        return m.group(1)
    return None


NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}


def _relative(low: str, anchor: dt.date) -> str | None:
    """'last year', 'this month', 'two years ago', 'three days ago', 'two weeks ago': as precise as the words are."""
    m = re.search(r"\b(last|this) (year|month|week)\b", low)
    if m:
        return _back(anchor, m.group(2), 0 if m.group(1) == "this" else 1)
    m = re.search(r"\b(\d{1,2}|" + "|".join(NUMBER_WORDS) + r") (year|month|week|day)s? ago\b", low)
    if m:
        return _back(anchor, m.group(2), int(m.group(1)) if m.group(1).isdigit() else NUMBER_WORDS[m.group(1)])
    return None


def _back(anchor: dt.date, unit: str, n: int) -> str:
    """n years, months, weeks or days before the anchor, to the unit's precision (a week's is its month)."""
    if unit == "year":
        return f"{anchor.year - n:04d}"
    if unit == "month":
        y, mo = divmod(anchor.year * 12 + anchor.month - 1 - n, 12)
        return f"{y:04d}-{mo + 1:02d}"
    day = anchor - dt.timedelta(days=n * (7 if unit == "week" else 1))
    return day.isoformat() if unit == "day" else f"{day.year:04d}-{day.month:02d}"


def _month_words() -> set[str]:
    return {m for m in MONTHS if len(m) > 3} | {m[:3] for m in MONTHS} | {"sept"}


def _year_for(month: int, anchor: dt.date | None, future: bool) -> int | None:
    if anchor is None:
        return None
    if future:
        return anchor.year if month >= anchor.month else anchor.year + 1
    return anchor.year if month <= anchor.month + 1 else anchor.year - 1
