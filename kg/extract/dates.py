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


def _month_words() -> set[str]:
    return {m for m in MONTHS if len(m) > 3} | {m[:3] for m in MONTHS} | {"sept"}


def _year_for(month: int, anchor: dt.date | None, future: bool) -> int | None:
    if anchor is None:
        return None
    if future:
        return anchor.year if month >= anchor.month else anchor.year + 1
    return anchor.year if month <= anchor.month + 1 else anchor.year - 1
