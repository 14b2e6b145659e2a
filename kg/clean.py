"""Turn a raw article into clean body text plus metadata.

Offsets in the evidence refer to the text returned here, which the build also
writes to out/docs/, so every sentence a fact cites can be found again.

Cleaning may drop what is about the page rather than the news (front matter,
mastheads, bylines, wire trailers, photo captions and credits, shortcodes,
"Source link"), but never the body: a byline is only looked for in the first
lines, and a cut that would remove most of the text is not made.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
DATE_PATTERNS = [
    re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)"),
    re.compile(rf"\b{_WEEKDAY}(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH})\s+(?P<y>\d{{4}})\b", re.I),
    re.compile(rf"\b{_WEEKDAY}(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})\b", re.I),
]
# site boilerplate: whole paragraphs that are about the website, not the news
BOILERPLATE = [re.compile(p, re.I) for p in (
    r"^only subscribers are eligible", r"please subscribe", r"reset your password",
    r"^to contact the \w+", r"^(https?://)?(www\.)?[\w.-]+\.(org|com|net)(/\S*)?$",
    r"\bdonate (today|now)\b", r"^(sign up|subscribe) (for|to) ", r"newsletter",
    r"^(share|follow us|click here|read more|related:?)\b", r"all rights reserved", r"^copyright\b",
    r"^©", r"^advertisement$", r"comments? (are|is) closed", r"^(photo|image) credit",
    # wire trailers and editors' notes: "(Reporting by …; Editing by …)", "(Adds Buhari's comments)"
    r"^\((?:additional |further )?(?:reporting|writing|editing|compiled|produced|research|translated|"
    r"graphics?|fact[- ]?box|story|video|photos?)\b[^()]{0,800}\)\.?$",
    r"^\((?:adds|updates|recasts|corrects|changes|rewrites|refiles|repeats|removes|fixes|clarifies|"
    r"replaces|inserts|moves|deletes|new|writes through|releads|tops|edits|expands)\b[^()]{0,300}\)$",
    # photo and video captions' furniture, credits, and the aggregator's own lines
    r"^(?:photo|image|video|graphic|slideshow|gallery|credit|credits)\s*:?$",
    r"^(?:photo|image|picture)s?\s*(?:credit|courtesy|by)?\s*:\s", r"^credit\s*:?\s+\S",
    r"^source(?:\s*link)?\s*:?$", r"\bcontributed (?:reporting |writing )?to this (?:report|story|article)\.?$", r"^continue reading the main story$", r"^(?:related|more):\s",
    r"^(?:reuters|ap|afp)\s*[-–—]?\s*$", r"^(?:read|see|watch)\s+(?:more|also|the full)\b.{0,120}$",
)]
ITALIC = r"(?<![\w*])\*(?!\s)([^*\n]{1,300}?)(?<!\s)\*(?![\w*])"
# the keys of a header block, front matter or JSON record that say what the document is, and their aliases
META_KEYS = {
    "title": ("title", "post_title", "headline", "original_title", "heading"),
    "date": ("date", "post_date", "published", "published_at", "publish_date", "pubdate", "pub_date",
             "date_published", "datepublished", "datetime", "created", "created_at", "timestamp", "time"),
    "author": ("author", "authors", "byline", "creator", "post_author", "by", "writer"),
    "publisher": ("publisher", "source", "site", "site_name", "publication", "outlet", "source_name", "agency"),
    "url": ("url", "link", "original_link", "canonical_url", "source_url", "permalink", "href"),
    "language": ("language", "lang", "locale"),
}
RESERVED = {"format", "encoding"}     # keys the reader itself sets
ALIAS_OF = {alias: key for key, aliases in META_KEYS.items() for alias in aliases}
# what an article's title often ends with: the outlet that published it ("… - Reuters", "… | CNN")
_TITLE_OUTLET = re.compile(r"^(?P<title>.{8,}?)\s+(?:[-–—|]|&#8211;)\s+(?P<outlet>(?:the )?[A-Z][\w.&']*"
                           r"(?:\s+(?:[A-Z][\w.&']*|of|the|and|&)){0,4})$")


class ArticleError(ValueError):
    """An article that cannot be built; the message names the problem."""


@dataclass
class Article:
    stem: str
    text: str                      # cleaned body; evidence offsets refer to it
    meta: dict[str, str] = field(default_factory=dict)
    emphasis: list[tuple[int, int]] = field(default_factory=list)  # italic spans in `text`
    path: str = ""


# ------------------------------------------------------------------ dates
def parse_date(text: str) -> dt.date | None:
    for pat in DATE_PATTERNS:
        for m in pat.finditer(text):
            try:
                mm = m.group("m")
                month = int(mm) if mm.isdigit() else MONTHS[mm.lower().rstrip(".")[:3]]
                return dt.date(int(m.group("y")), month, int(m.group("d")))
            except (ValueError, KeyError):
                continue
    return None


def _date_value(value) -> str:
    """A metadata date (YAML date or datetime, epoch seconds, or text) as text parse_date reads."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value < 10 ** 13:
        secs = value / 1000 if value > 10 ** 11 else value    # milliseconds, as JavaScript writes them
        return dt.datetime.fromtimestamp(secs, dt.timezone.utc).date().isoformat()
    return str(value)


# ------------------------------------------------------------------ metadata
def _plain(value) -> str:
    """A metadata value as one line of text: the first of a list, a name out of an object, entities decoded."""
    if isinstance(value, (list, tuple)):
        value = next((v for v in value if v not in (None, "")), "")
    if isinstance(value, dict):
        value = next((value[k] for k in ("name", "title", "value", "url", "href") if k in value), "")
        return _plain(value)
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    text = html.unescape(str(value))
    return re.sub(r"\s+", " ", text).strip()


def normalise_meta(raw: dict) -> dict[str, str]:
    """Known keys under their canonical names (the first alias present wins), the rest kept as they are, all
    values as text; a title's trailing outlet ("… - Reuters") becomes the publisher when none is given."""
    meta: dict[str, str] = {}
    rank: dict[str, int] = {}     # canonical key -> position of the alias that gave its value
    for key in sorted(raw, key=str):
        name = str(key).strip().lower()
        value = raw[key]
        canon = ALIAS_OF.get(name)
        if canon == "date":
            text = _date_value(value[0] if isinstance(value, (list, tuple)) and value else value)
        elif canon is None and isinstance(value, (dict, list)):
            text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
        else:
            text = _plain(value)
        if not text:
            continue
        if canon is not None:
            if META_KEYS[canon].index(name) < rank.get(canon, len(META_KEYS[canon])):
                meta[canon] = text
                rank[canon] = META_KEYS[canon].index(name)
        else:
            meta.setdefault(f"x-{name}" if name in RESERVED else name, text)
    if "title" in meta:
        m = _TITLE_OUTLET.match(meta["title"])
        if m and (not meta.get("publisher") or _same_outlet(m.group("outlet"), meta["publisher"])):
            meta["title"] = m.group("title").strip()
            meta.setdefault("publisher", m.group("outlet"))
    return meta


def _same_outlet(a: str, b: str) -> bool:
    fold = lambda s: re.sub(r"^the\s+|\W", "", s.lower())  # noqa: E731
    return fold(a) == fold(b)


_KEY_LINE = re.compile(r"^([A-Za-z_][\w-]{0,40})\s*:(?:\s+(.*)|\s*)$")


def _lines_meta(block: str) -> dict[str, str] | None:
    """`key: value` lines (what a hand-written header is when it is not valid YAML)."""
    meta: dict[str, str] = {}
    for line in block.split("\n"):
        if not line.strip() or line[:1] in (" ", "\t", "-") and meta:
            continue
        m = _KEY_LINE.match(line.strip())
        if not m:
            return None
        meta[m.group(1)] = (m.group(2) or "").strip().strip("'\"")
    return meta


def _yaml(block: str) -> dict | None:
    import yaml

    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError:
        return _lines_meta(block)
    return data if isinstance(data, dict) else _lines_meta(block)


def split_header(raw: str) -> tuple[dict[str, str], str]:
    """Front matter: YAML between `---` lines (Jekyll, Hugo, Pandoc), TOML between `+++` lines (Hugo), or a
    block of `key: value` lines closed by a `---` line whose keys name at least one known field."""
    text = raw.lstrip("\n")
    first = text.split("\n", 1)[0].strip()
    if first in ("---", "+++"):
        m = re.match(rf"{re.escape(first)}[ \t]*\n(.*?)\n(?:{re.escape(first)}|\.\.\.)[ \t]*(?:\n|$)", text, re.S)
        if m:
            if first == "+++":
                import tomllib
                try:
                    data = tomllib.loads(m.group(1))
                except tomllib.TOMLDecodeError:
                    data = None
            else:
                data = _yaml(m.group(1))
            if data is not None:
                return normalise_meta(data), text[m.end():]
        return {}, raw
    m = re.match(r"((?:[A-Za-z_][\w-]{0,40}[ \t]*:[^\n]*\n(?:[ \t]+[^\n]*\n|[ \t]*-[^\n]*\n)*){1,60})---[ \t]*(?:\n|$)",
                 text)
    if m:
        data = _yaml(m.group(1))
        if data and any(str(k).lower() in ALIAS_OF for k in data):
            return normalise_meta(data), text[m.end():]
    return {}, raw


# ------------------------------------------------------------------ HTML
_CHROME_CLASS = re.compile(r"(?:^|[\s_-])(?:ad|ads|advert\w*|sponsor\w*|promo\w*|caption|credit|visually-hidden|"
                           r"sr-only|related|share|sharing|social|newsletter|subscribe|signup|byline|dateline|"
                           r"breadcrumbs?|comments?|nocontent|hidden|paid-post|marginalia|outbrain|taboola)"
                           r"(?:$|[\s_-])", re.I)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}


class _HTMLText(HTMLParser):
    """Text of an HTML page or fragment: block elements become paragraph breaks; scripts, styles, page chrome,
    figures and their captions, ads and hidden text are dropped. When the page marks its article
    (<article>, itemprop="articleBody"), only that is kept."""
    SKIP = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "svg", "head",
            "button", "select", "iframe", "figure", "figcaption", "object", "video", "audio", "canvas", "picture"}
    BLOCK = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
             "blockquote", "pre", "table", "tr", "br", "hr", "dd", "dt", "dl", "address", "center"}

    def __init__(self, keep_paragraphs: bool = False):
        super().__init__(convert_charrefs=True)
        self.keep_paragraphs = keep_paragraphs   # Markdown with inline HTML: blank lines are paragraph breaks
        self.parts: list[str] = []
        self.body: list[str] = []                 # text inside the marked article
        self.title: list[str] = []
        self.skipping: tuple[str, int] | None = None   # the element being skipped and its nesting depth
        self.in_title = False
        self.article_depth = 0
        self.marked: list[str] = []               # tags of open article elements

    def _out(self, text: str) -> None:
        self.parts.append(text)
        if self.marked:
            self.body.append(text)

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.in_title = True
            return
        if self.skipping is not None:
            if tag == self.skipping[0]:
                self.skipping = (tag, self.skipping[1] + 1)
            return
        attr = dict(attrs)
        classes = " ".join(filter(None, (attr.get("class"), attr.get("id"))))
        hidden = "hidden" in attr or (attr.get("aria-hidden") == "true") or \
            "display:none" in (attr.get("style") or "").replace(" ", "")
        if tag in self.SKIP or tag not in VOID and (hidden or classes and _CHROME_CLASS.search(classes)):
            if tag not in VOID:
                self.skipping = (tag, 1)
            return
        if tag in ("article",) or (attr.get("itemprop") or "").lower() == "articlebody":
            self.marked.append(tag)
        if tag in self.BLOCK:
            self._out("\n\n")
        elif tag in ("em", "i", "cite"):
            self._out("*")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
            return
        if self.skipping is not None:
            if tag == self.skipping[0]:
                depth = self.skipping[1] - 1
                self.skipping = (tag, depth) if depth else None
            return
        if tag in self.BLOCK:
            self._out("\n\n")
        elif tag in ("em", "i", "cite"):
            self._out("*")
        if self.marked and tag == self.marked[-1]:
            self.marked.pop()

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif self.skipping is None:
            if self.keep_paragraphs:
                data = re.sub(r"[ \t\r\f\v]*\n[ \t\r\f\v]*\n\s*", "\n\n", data)
                data = re.sub(r"[ \t\r\f\v]+", " ", data)
            else:
                data = re.sub(r"\s+", " ", data)
            self._out(data)


def looks_like_html(raw: str) -> bool:
    head = raw[:4000].lower()
    return bool(re.search(r"<!doctype html|<html[\s>]|<body[\s>]|<head[\s>]", head)) or \
        len(re.findall(r"</?(p|div|span|a|br)\b[^>]*>", head)) >= 5


def has_html(raw: str) -> bool:
    """Markdown that carries HTML elements (a blog export's body)."""
    return bool(re.search(r"</?(?:p|div|span|a|br|img|figure|em|strong|b|i|h[1-6]|ul|ol|li|table|blockquote|"
                          r"iframe|script|style)\b[^>\n]{0,2000}>", raw, re.I))


def html_text(raw: str, keep_paragraphs: bool = False) -> tuple[str, str]:
    """(text with blank lines between blocks, the page's <title>) of an HTML page or fragment."""
    parser = _HTMLText(keep_paragraphs)
    parser.feed(raw)
    parser.close()
    body = "".join(parser.body)
    text = body if len(body.split()) >= 30 else "".join(parser.parts)
    text = "\n\n".join(p.strip() for p in re.split(r"\n\s*\n", text) if p.strip())
    return text, re.sub(r"\s+", " ", "".join(parser.title)).strip()


# ------------------------------------------------------------------ Markdown and shortcodes
def strip_markdown(text: str) -> str:
    """Remove emphasis, headings, links, images, shortcodes and escapes, keeping the words."""
    text = re.sub(r"\[caption\b[^\]\n]{0,2000}\].{0,5000}?\[/caption\]", "", text, flags=re.S | re.I)
    text = re.sub(r"\[/?[a-z][\w-]{0,40}(?:\s[^\]\n]{0,500})?\](?!\()", "", text)          # [ad_1] shortcodes
    text = re.sub(r"!\[[^\]\n]{0,500}\]\([^)\s]{0,2000}(?:\s+\"[^\"\n]{0,300}\")?\)", "", text)   # images
    text = re.sub(r"\[([^\]\n]{1,500})\]\([^)\s]{0,2000}(?:\s+\"[^\"\n]{0,300}\")?\)", r"\1", text)  # [text](url)
    text = re.sub(r"^\s{0,3}#{1,6}\s+", "", text, flags=re.M)         # headings
    text = re.sub(r"^\s*>\s?", "", text, flags=re.M)                  # block quotes
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!$])", r"\1", text)        # escapes such as \$
    text = re.sub(r"\*\*([^\n]{1,300}?)\*\*|__([^\n]{1,300}?)__", lambda m: m.group(1) or m.group(2), text)
    return re.sub(ITALIC, "\ue000\\1\ue001", text)


def _is_boilerplate(par: str) -> bool:
    return len(par) < 2000 and any(p.search(par) for p in BOILERPLATE)


def _captions(paragraphs: list[str]) -> list[str]:
    """A photo's furniture as news sites print it: 'Photo' / the caption / 'Credit' / the photographer."""
    out: list[str] = []
    i = 0
    while i < len(paragraphs):
        par = paragraphs[i]
        if re.fullmatch(r"(?:photo|image|video|graphic)s?", par, re.I):
            j = i + 1   # the caption runs to a 'Credit' line within the next three
            k = next((k for k in range(j, min(j + 4, len(paragraphs))) if re.fullmatch(r"credits?:?", paragraphs[k], re.I)), None)
            i = k + 2 if k is not None else i + 1
            continue
        out.append(par)
        i += 1
    return out


_FINAL = re.compile(r"(?:[.!?:]|[.!?,]?[\"”’')\]])$")


def _unwrap(lines: list[str]) -> list[str]:
    """Lines of one block, with a hard-wrapped sentence (a wire story's 60-column lines) made one line again: a
    line continues on the next when it does not end a sentence and is long, or the next goes on in lower case."""
    out: list[str] = []
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        if out and not _FINAL.search(out[-1]) and (len(out[-1]) >= 40 or line[:1].islower() or line[:1].isdigit()) \
                and not line.startswith(("* ", "- ", "• ")) and not (line[0] == "(" and line[-1] == ")"):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _join_broken(paragraphs: list[str]) -> list[str]:
    """Rejoin paragraphs that a page break or a hard-wrapped wire story split mid-sentence."""
    out: list[str] = []
    for par in paragraphs:
        if out:
            prev = out[-1]
            ends_open = not re.search(r"[.!?:;\"”’')\]…]$", prev) and len(prev) > 60
            if (ends_open or prev.endswith(",")) and (par[:1].islower() or ends_open) and not par.startswith("* "):
                out[-1] = prev + " " + par
                continue
        out.append(par)
    return out


# ------------------------------------------------------------------ bylines and datelines
_NAME = r"[A-Z][\w.'’-]*"
_BYLINE_REST = re.compile(rf"(?:By\s+)?{_NAME}(?:\s+{_NAME}){{1,3}}(?:\s*(?:,|and|&)\s*{_NAME}(?:\s+{_NAME}){{1,3}})*")
_PLACE_REST = re.compile(rf"[A-Z][A-Z.'’ -]{{1,40}}(?:/[A-Z][A-Z.'’ -]{{1,40}})*(?:,\s*{_NAME}(?:\s+{_NAME}){{0,3}})?")
_SENTENCE_END = re.compile(r"[a-z\d,)][.!?]['\"”’)]?$")


def _headerish(line: str) -> bool:
    """A line that can sit above a byline: a masthead, motto, kicker or title, not a sentence of the story."""
    if len(line) > 160:
        return False
    quoted = line[:1] in "\"“" or line.startswith(("— ", "– ", "- "))
    return quoted or not _SENTENCE_END.search(line)


def _byline(lines: list[str]) -> tuple[int, dict[str, str]]:
    """A byline or dateline in the first lines: (index of its line, metadata), or (-1, {}).

    The line must be a date, or a date with only a name, a place or an outlet beside it; every line above it
    must look like a masthead or a title, never like a sentence of the story."""
    for i, line in enumerate(lines[:8]):
        date = parse_date(line)
        if not date or len(line) > 80:
            if not _headerish(line):
                break
            continue
        m = next(mt for p in DATE_PATTERNS if (mt := p.search(line)))
        rest = (line[:m.start()] + line[m.end():]).strip(" ,|–—-·•")
        if rest and not (_BYLINE_REST.fullmatch(rest) or _PLACE_REST.fullmatch(rest)):
            break
        meta = {"date": date.isoformat()}
        j = i
        if not rest and i > 0 and re.fullmatch(rf"(?:By\s+)?{_NAME}(?: {_NAME}){{1,3}}", lines[i - 1]):
            rest, j = lines[i - 1], i - 1
        if rest and _BYLINE_REST.fullmatch(rest):
            meta["author"] = re.sub(r"^By\s+", "", rest)
        if j - 1 >= 0 and lines[j - 1] and len(lines[j - 1]) < 200:
            meta["title"] = lines[j - 1]
        return i, meta
    return -1, {}


def _by_line(lines: list[str]) -> tuple[int, str]:
    """'By Ulf Laessing and Alexis Akwagyiram' alone on one of the first lines: (its index, the names)."""
    for i, line in enumerate(lines[:12]):
        m = re.fullmatch(rf"By\s+({_NAME}(?:\s+{_NAME}){{0,3}}(?:\s*(?:,|and|&)\s*{_NAME}(?:\s+{_NAME}){{0,3}})*)", line)
        if m:
            return i, m.group(1)
    return -1, ""


# ------------------------------------------------------------------ the whole
def clean(raw: str, stem: str, sidecar: dict[str, str] | None = None, path: str = "", kind: str = "text",
          meta: dict | None = None) -> Article:
    """Clean one article's raw text; raise ArticleError if nothing usable remains.

    `kind`: "text" (plain text or Markdown, read as HTML when it is a page), "html", or "markdown" (whose
    inline HTML is read as HTML); `meta`: metadata that came with the text (a JSON record's fields)."""
    raw = raw.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    raw = re.sub(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]", " ", raw)
    header, body = split_header(raw)
    page_title = ""
    is_html = kind == "html" or (kind != "markdown" and looks_like_html(body))
    if is_html:
        body, page_title = html_text(body)
    elif has_html(body):
        body, _ = html_text(body, keep_paragraphs=True)
    text = strip_markdown(body)
    nonempty = [ln for block in re.split(r"\n[ \t]*\n", text) for ln in _unwrap(block.split("\n")) if ln]
    total = sum(len(ln) for ln in nonempty)
    guessed: dict[str, str] = {}
    idx, found = _byline(nonempty)
    if idx >= 0 and sum(len(ln) for ln in nonempty[:idx + 1]) <= max(400, total // 3):
        guessed = found
        nonempty = nonempty[idx + 1:]
    by, names = _by_line(nonempty)
    if by >= 0 and sum(len(ln) for ln in nonempty[:by]) <= max(400, total // 3):
        guessed.setdefault("author", names)
        nonempty = nonempty[:by] + nonempty[by + 1:]
    kept = _join_broken(_captions(nonempty))
    paragraphs = [p for p in kept if not _is_boilerplate(p)]
    if any(re.match(r"\((?:additional |further )?(?:reporting|writing|editing) by\b", p, re.I) for p in kept) \
            and re.search(r"\bReuters\b", "\n".join(paragraphs)):
        guessed.setdefault("publisher", "Reuters")   # a Reuters story: its trailer, and the agency's name in it
    body_md = "\n\n".join(paragraphs)
    body_text, emphasis = _take_emphasis(body_md)
    if not re.search(r"[^\W\d_]{2,}", body_text):
        raise ArticleError("no text left after cleaning (empty or not an article)")
    given = normalise_meta(meta or {})
    merged = {**guessed, **(sidecar or {}), **given, **header}
    if is_html:
        merged["format"] = "text/html"
        if page_title and "title" not in merged:
            merged.update({k: v for k, v in normalise_meta({"title": page_title}).items()
                           if k == "title" or k not in merged})
    if "date" in merged:
        d = parse_date(merged["date"])
        if d is None:
            raise ArticleError(f"malformed date {merged['date']!r} (use YYYY-MM-DD or '28 August 2004')")
        merged["date"] = d.isoformat()
    if "title" in merged:
        merged["title"] = _take_emphasis(strip_markdown(merged["title"]))[0].strip()
    return Article(stem=stem, text=body_text, meta=merged, emphasis=emphasis, path=path)


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
