"""Turn a raw article into clean body text plus metadata.

Offsets in the evidence refer to the text returned here, which the build also
writes to out/docs/, so every sentence a fact cites can be found again.
"""
from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
import re
from dataclasses import dataclass, field

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
DATE_PATTERNS = [
    re.compile(rf"\b{_WEEKDAY}(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH})\s+(?P<y>\d{{4}})\b", re.I),
    re.compile(rf"\b{_WEEKDAY}(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})\b", re.I),
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
]
# site boilerplate: whole paragraphs that are about the website, not the news
BOILERPLATE = [re.compile(p, re.I) for p in (
    r"^only subscribers are eligible", r"please subscribe", r"reset your password",
    r"^to contact the \w+", r"^(https?://)?(www\.)?[\w.-]+\.(org|com|net)(/\S*)?$",
    r"\bdonate (today|now)\b", r"^(sign up|subscribe) (for|to) ", r"newsletter",
    r"^(share|follow us|click here|read more|related:?)\b", r"all rights reserved", r"^copyright\b",
    r"^©", r"^advertisement$", r"comments? (are|is) closed", r"^(photo|image) credit",
)]
ITALIC = r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])"
HEADER_KEYS = {"title", "date", "author", "publisher", "url", "source", "language"}


class _HTMLText(HTMLParser):
    """Text of an HTML page: block elements become paragraph breaks; scripts, styles and page chrome are dropped."""
    SKIP = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "svg", "head",
            "button", "select", "iframe"}
    BLOCK = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
             "blockquote", "pre", "table", "tr", "br", "hr", "figure", "figcaption", "dd", "dt"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.skip = 0
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.in_title = True
        elif tag in self.SKIP:
            self.skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n\n")
        elif tag in ("em", "i", "cite") and not self.skip:
            self.parts.append("*")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        elif tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n\n")
        elif tag in ("em", "i", "cite") and not self.skip:
            self.parts.append("*")

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif not self.skip:
            self.parts.append(re.sub(r"\s+", " ", data))


def looks_like_html(raw: str) -> bool:
    head = raw[:4000].lower()
    return bool(re.search(r"<!doctype html|<html[\s>]|<body[\s>]|<head[\s>]", head)) or \
        len(re.findall(r"</?(p|div|span|a|br)\b[^>]*>", head)) >= 5


def html_text(raw: str) -> tuple[str, str]:
    """(text with blank lines between blocks, the page's <title>) of an HTML page saved as text."""
    parser = _HTMLText()
    parser.feed(raw)
    parser.close()
    text = "".join(parser.parts)
    text = "\n\n".join(p.strip() for p in re.split(r"\n\s*\n", text) if p.strip())
    return text, re.sub(r"\s+", " ", "".join(parser.title)).strip()


class ArticleError(ValueError):
    """An article that cannot be built; the message names the problem."""


@dataclass
class Article:
    stem: str
    text: str                      # cleaned body; evidence offsets refer to it
    meta: dict[str, str] = field(default_factory=dict)
    emphasis: list[tuple[int, int]] = field(default_factory=list)  # italic spans in `text`
    path: str = ""


def parse_date(text: str) -> dt.date | None:
    for pat in DATE_PATTERNS:
        m = pat.search(text)
        if m:
            try:
                mm = m.group("m")
                month = int(mm) if mm.isdigit() else MONTHS[mm.lower().rstrip(".")[:3]]
                return dt.date(int(m.group("y")), month, int(m.group("d")))
            except (ValueError, KeyError):
                continue
    return None


def split_header(raw: str) -> tuple[dict[str, str], str]:
    """An optional block of `key: value` lines closed by a `---` line."""
    lines = raw.split("\n")
    start = 1 if lines and lines[0].strip() == "---" else 0
    meta: dict[str, str] = {}
    for i in range(start, min(len(lines), start + 30)):
        line = lines[i].strip()
        if line == "---":
            if meta:
                return meta, "\n".join(lines[i + 1:])
            break
        m = re.match(r"^([A-Za-z_]+)\s*:\s*(.*)$", line)
        if not m or m.group(1).lower() not in HEADER_KEYS:
            break
        meta[m.group(1).lower()] = m.group(2).strip()
    return {}, raw


def strip_markdown(text: str) -> str:
    """Remove emphasis, headings, links and escapes, keeping the words."""
    text = re.sub(r"\[([^\]]+)\]\((?:[^)]+)\)", r"\1", text)          # [text](url)
    text = re.sub(r"^\s{0,3}#{1,6}\s+", "", text, flags=re.M)         # headings
    text = re.sub(r"^\s*>\s?", "", text, flags=re.M)                  # block quotes
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!$])", r"\1", text)        # escapes such as \$
    text = re.sub(r"\*\*(.+?)\*\*|__(.+?)__", lambda m: m.group(1) or m.group(2), text)
    return re.sub(ITALIC, "\ue000\\1\ue001", text)


def _is_boilerplate(par: str) -> bool:
    return any(p.search(par) for p in BOILERPLATE)


def _join_broken(paragraphs: list[str]) -> list[str]:
    """Rejoin paragraphs that a page break split mid-sentence."""
    out: list[str] = []
    for par in paragraphs:
        if out:
            prev = out[-1]
            ends_open = not re.search(r"[.!?:;\"”’')\]…]$", prev) and len(prev) > 60
            if (ends_open or prev.endswith(",")) and (par[:1].islower() or ends_open):
                out[-1] = prev + " " + par
                continue
        out.append(par)
    return out


def _byline(lines: list[str]) -> tuple[int, dict[str, str]]:
    """Find the byline/dateline near the top: returns (index of its last line, metadata)."""
    for i, line in enumerate(lines[:12]):
        date = parse_date(line)
        if not date:
            continue
        m = next(p.search(line) for p in DATE_PATTERNS if p.search(line))
        rest = (line[:m.start()] + line[m.end():]).strip(" ,|–—-")
        if len(line) > 80:
            continue
        meta = {"date": date.isoformat()}
        j = i
        if not rest and i > 0 and re.fullmatch(r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}", lines[i - 1]):
            rest, j = lines[i - 1], i - 1
        if rest and re.fullmatch(r"(?:By\s+)?[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}", rest):
            meta["author"] = re.sub(r"^By\s+", "", rest)
        title_idx = j - 1
        if title_idx >= 0 and lines[title_idx] and len(lines[title_idx]) < 200:
            meta["title"] = lines[title_idx]
        return i, meta
    return -1, {}


def clean(raw: str, stem: str, sidecar: dict[str, str] | None = None, path: str = "") -> Article:
    """Clean one article's raw text; raise ArticleError if nothing usable remains."""
    if "\x00" in raw:
        raw = raw.replace("\x00", "")
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    raw = re.sub(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]", " ", raw)
    page_title = ""
    is_html = looks_like_html(raw)
    if is_html:
        raw, page_title = html_text(raw)
    header, body = split_header(raw)
    text = strip_markdown(body)
    lines = [ln.strip() for ln in text.split("\n")]
    nonempty = [ln for ln in lines if ln]
    idx, guessed = _byline(nonempty)
    if idx >= 0:
        nonempty = nonempty[idx + 1:]
    paragraphs = [p for p in _join_broken(nonempty) if not _is_boilerplate(p)]
    body_md = "\n\n".join(paragraphs)
    body_text, emphasis = _take_emphasis(body_md)
    if not re.search(r"[A-Za-z\u0600-\u06FF]{2,}", body_text):
        raise ArticleError("no text left after cleaning (empty or not an article)")
    meta = {**guessed, **(sidecar or {}), **header}
    if is_html:
        meta["format"] = "text/html"
        if page_title and "title" not in meta:
            meta["title"] = page_title
    if "date" in meta:
        d = parse_date(meta["date"])
        if d is None:
            raise ArticleError(f"malformed date {meta['date']!r} (use YYYY-MM-DD or '28 August 2004')")
        meta["date"] = d.isoformat()
    for k in ("title",):
        if k in meta:
            meta[k] = _take_emphasis(strip_markdown(meta[k]))[0].strip()
    return Article(stem=stem, text=body_text, meta=meta, emphasis=emphasis, path=path)


def _take_emphasis(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """Remove the italic markers left by strip_markdown, returning exact spans."""
    out, spans, start = [], [], None
    for ch in marked:
        if ch == "\ue000":
            start = len(out)
        elif ch == "\ue001":
            if start is not None:
                spans.append((start, len(out)))
            start = None
        else:
            out.append(ch)
    return "".join(out), spans
