"""Quotations and reported speech with their speaker.

Direct quotes: '"…," said X', 'X said: "…"', 'X told Y: "…"', 'According to X, "…"',
and a further quote in the same paragraph by the same speaker. Reported speech:
'X said/told Y that CLAUSE', 'X accused Y of DOING', 'X blamed Z on Y'.
An unnamed spokesman or official of a named entity speaks for it.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from .. import lexicon as lx
from .common import (AGENTS, antecedent, arg, description, ent_of, in_quote, lemma, mention, passive_agents, quote_spans,
                     quotes_at, relative_head, sentence, text_of)
from .records import Fact, Mention

SPEAKER_ROLES = {"spokesman", "spokeswoman", "spokesperson", "spokesmen", "official", "officials",
                 "representative", "representatives", "source", "sources", "statement", "aide", "aides",
                 "minister", "officer", "officers", "commander", "report", "memo", "article", "command",
                 "headquarters", "ministry", "newspaper", "editorial", "broadcast"}
MIN_WORDS = 4
REFUSALS = {"decline", "refuse", "fail", "hesitate", "decide"}
HOSTILE = {"attacked", "killed"}     # (an arrest reported is no charge: "the FBI arrested X, its spokeswoman said")


def speaker(tok: Token, last: tuple[Mention, float] | None = None) -> tuple[Mention | None, float]:
    """The entity a speech verb's subject stands for; `last` is the paragraph's previous speaker."""
    span = ent_of(tok)
    if span is not None:
        return (mention(span), 1.0) if span.label_ in AGENTS or span.label_ == "Place" else (None, 0.0)
    desc = description(tok)
    if desc is not None:
        return desc, 0.9
    if tok.pos_ == "PRON":
        if last is not None:
            return last[0], last[1] * 0.9
        ante = antecedent(tok)
        return (ante, 0.7) if ante is not None else (None, 0.0)
    # "one demonstrator, Kazem Hamid" / "a supporter of X, Sheik Y": a name in apposition to the subject
    for c in tok.subtree:
        if c.dep_ == "appos" and ent_of(c) is not None and ent_of(c).label_ == "Person" and ent_of(c).root == c:
            return mention(ent_of(c)), 0.95
    if tok.lower_ in SPEAKER_ROLES:
        # "a spokesman for Sadr", "officials from the defense ministry"
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("for", "of", "from", "to", "with", "in", "at", "close"):
                for p in c.children:
                    if p.dep_ == "pobj" and ent_of(p) is not None and ent_of(p).label_ in AGENTS:
                        return mention(ent_of(p)), 0.8
                    if p.dep_ == "pobj":     # "sources in Prime Minister X's office": the office speaks
                        desc = description(p)
                        if desc is not None:
                            return desc, 0.75
        # "defense ministry official", "Sadr's representative", "interim government official"
        for c in tok.subtree:
            if c.i < tok.i and ent_of(c) is not None and ent_of(c).label_ in ("Organization", "Person"):
                return mention(ent_of(c)), 0.75
    return None, 0.0


def _speech_verb(tok: Token, quote: tuple[int, int] | None = None) -> bool:
    """A verb of saying outside quotation marks (or inside only those that contain `quote`)."""
    made_clear = tok.lemma_ == "make" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "clear"
    if tok.lemma_ not in lx.SPEECH_VERBS and not made_clear or tok.pos_ not in ("VERB", "AUX"):
        return False       # ("X made clear it would …" says it)
    for s, e in quotes_at(tok.doc, tok.idx):
        if quote is None or not (s <= quote[0] and quote[1] <= e and (s, e) != quote):
            return False
    return True


def _subject(verb: Token) -> Token | None:
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None:
        subj = relative_head(subj)
    if subj is None and verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
        subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subj is None and verb.dep_ == "acl" and verb.head.dep_ in ("dobj", "nsubj"):
        # "the command issued a statement declaring that ...": the statement's author speaks
        owner = verb.head.head
        subj = next((c for c in owner.children if c.dep_ == "nsubj"), None) if verb.head.dep_ == "dobj" else verb.head
    return subj


def _according_to(sent: Span) -> Token | None:
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            for p in t.doc[t.i + 1].children:
                if p.dep_ == "pobj":
                    return p
    return None


# wrongdoing a reported clause can charge its subject with, besides the verbs of attack, killing and arrest
WRONGDOING = {"plot", "conspire", "infiltrate", "sabotage", "terrorize", "terrorise", "persecute", "oppress",
              "violate", "massacre", "torture", "smuggle", "finance", "fund", "arm", "harbor", "harbour", "incite",
              "provoke", "spy", "lie", "cheat", "steal", "rig", "trespass", "intrude", "invade", "bomb", "shell"}


def _hostile(comp: Token) -> bool:
    """A reported clause that charges its subject: a verb of attack, killing, arrest or wrongdoing, or an attack
    noun as its subject ('Turkish shelling amounted to …')."""
    if comp.lemma_ in lx.VERBS and lx.VERBS[comp.lemma_][0] in HOSTILE or lemma(comp) in WRONGDOING:
        return True
    for c in comp.children:
        if c.dep_ == "xcomp" and lemma(c) in WRONGDOING:      # "was plotting a coup"
            return True
        if c.dep_ == "nsubj" and c.lemma_.lower() in ATTACK_WORDS:
            return True
        if c.dep_ == "dobj" and c.lemma_.lower() in ATTACK_WORDS and lemma(comp) in lx.EVENT_VERBS:
            return True       # "X carried out the attack", "X staged the raid"
    return comp.lemma_ == "be" and any(c.dep_ == "acomp" and c.lower_ in ("responsible", "guilty", "behind")
                                       or c.dep_ == "prep" and c.lower_ == "behind" for c in comp.children)


ATTACK_WORDS = {"shelling", "bombing", "strike", "airstrike", "attack", "raid", "bombardment", "incursion"}


def _paragraph(doc: Doc, char: int) -> tuple[int, int]:
    start = text_of(doc).rfind("\n\n", 0, char)
    end = text_of(doc).find("\n\n", char)
    return (0 if start < 0 else start + 2), (len(text_of(doc)) if end < 0 else end)


def _previous_paragraph(doc: Doc, p_start: int) -> int:
    """Start of the paragraph before the one starting at p_start (-1 for the first)."""
    if p_start < 2:
        return -1
    return _paragraph(doc, max(0, p_start - 3))[0]


def said(doc: Doc) -> list[Fact]:
    """The article's quotes and reported speech with their speakers, and the accusations their words make;
    computed once per article (the claims extractor reads them too)."""
    found = doc.user_data.get("_said")
    if found is None:
        found = doc.user_data["_said"] = []
        for fact in _quotes(doc):
            found.append(fact)
            if fact.rel == "said" and fact.quote is not None:
                found.extend(_accusations(doc, fact))
    return found


def extract(doc: Doc) -> Iterator[Fact]:
    """Quotes and reported speech, and the accusations their words make."""
    yield from said(doc)


def _accusations(doc: Doc, said: Fact) -> Iterator[Fact]:
    """A speaker whose words charge an agent with wrongdoing accuses it: "the militia are saboteurs", "death
    threats from the militia", "groups within the militia that are terrorist organisations". The agent must be
    the doer, not the victim ("they could exterminate the militia" accuses the subject, not the militia)."""
    span = doc.char_span(*said.quote, alignment_mode="contract")
    if span is None:
        return
    seen = set()
    for tok in span:
        if tok.lemma_.lower() not in lx.ACCUSATORY and tok.lower_ not in lx.ACCUSATORY:
            continue
        doers: list[Token] = []
        pred = tok.head if tok.dep_ in ("amod", "compound") else tok     # "terrorist organisations"
        if pred.dep_ in ("attr", "acomp"):
            # "X are terrorist organisations", "X is criminal": the copula's subject
            doers += [c for c in pred.head.children if c.dep_ == "nsubj"]
        elif pred.pos_ == "VERB":
            doers += [c for c in pred.children if c.dep_ == "nsubj"]      # "X massacred", not its object
        # "death threats from X", "atrocities by X", "the threats they received from X"
        holders = [pred] + [c for c in pred.children if c.dep_ == "relcl"]
        doers += [p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in ("from", "by")
                  for p in c.children if p.dep_ == "pobj"]
        doers = [relative_head(d) if d.tag_ in ("WDT", "WP") else d for d in doers]
        for d in doers:
            # the named doer, or one named inside it: "groups within the Mahdi Army"
            for t in [d] + [x for x in d.subtree if x.dep_ == "pobj" and x.head.lower_ in ("within", "of", "in")]:
                if not span.start <= t.i < span.end:
                    continue
                m, f = arg(t)
                if m is not None and t.pos_ == "PRON" and not span.start_char <= m.start < span.end_char:
                    continue     # a pronoun counts only when what it stands for is in the same quote
                if m is None or m.cls not in AGENTS or m.text == said.subj.text or (m.start, m.end) in seen:
                    continue
                seen.add((m.start, m.end))
                sent = sentence(tok)
                yield Fact(said.subj, "accused", m, "", sent.start_char, sent.end_char, "quotes.charge",
                           round(0.55 * said.confidence * f, 3))
                break


def _quotes(doc: Doc) -> Iterator[Fact]:
    used_verbs: set[int] = set()
    last_by_para: dict[int, tuple[Mention, float]] = {}
    previous: tuple[Mention, float, int] | None = None     # the last quote's speaker, confidence, paragraph
    for qs, qe in quote_spans(doc):
        words = text_of(doc)[qs:qe].split()
        if len(words) < MIN_WORDS:
            continue
        first = doc.char_span(qs, qe, alignment_mode="expand")
        if first is None:
            continue
        p_start, p_end = _paragraph(doc, qs)
        # candidate verbs: sentences touching the quote, and the one right before it
        sents = {sentence(first[0]).start: sentence(first[0]), sentence(first[-1]).start: sentence(first[-1])}
        prev_tok = doc[first.start - 1] if first.start > 0 else None
        if prev_tok is not None:
            sents.setdefault(sentence(prev_tok).start, sentence(prev_tok))
        after = doc.char_span(qe, min(len(text_of(doc)), qe + 3), alignment_mode="expand")
        if after is not None and len(after):
            sents.setdefault(sentence(after[-1]).start, sentence(after[-1]))
        best: tuple[int, Token] | None = None
        for sent in sents.values():
            open_end = text_of(doc)[qs:qe].rstrip()[-1:] in (",", "\u2014", "-", "\u2013", "?", "!")
            for t in sent:
                if t.idx >= qe and not open_end:
                    continue    # '"… people." He described …': a closed quote is introduced before, not after
                if _speech_verb(t, (qs, qe)) and not (qs <= t.idx < qe) and p_start <= t.idx < p_end:
                    dist = min(abs(t.idx - qs), abs(t.idx - qe))
                    if best is None or dist < best[0]:
                        best = (dist, t)
        who: Mention | None = None
        conf = 0.0
        how = "direct"
        anonymous = False
        if best is not None:
            verb = best[1]
            subj = _subject(verb)
            if subj is not None:
                who, conf = speaker(subj, last_by_para.get(p_start))
                used_verbs.add(verb.i)
                anonymous = who is None
        if who is None and not anonymous:
            acc = _according_to(sentence(first[0]))
            if acc is not None:
                who, conf = speaker(acc)
        if anonymous:
            last_by_para.pop(p_start, None)
            continue
        if who is None and not anonymous and prev_tok is not None:
            # a quote after reported speech: "X told NPR that … . “If you don't …”"
            prev_sent = sentence(prev_tok)
            for t in reversed(list(prev_sent)):
                if _speech_verb(t) and p_start <= t.idx < p_end and _subject(t) is not None:
                    who, conf = speaker(_subject(t), last_by_para.get(p_start))
                    conf *= 0.8
                    how = "continued"
                    break
        if who is None and p_start in last_by_para:
            who, conf = last_by_para[p_start]
            conf *= 0.9
            how = "continued"
        if who is None and qs - p_start <= 1 and previous is not None and previous[2] == _previous_paragraph(doc, p_start):
            # a paragraph that is all quotation, right after one whose quote has a speaker: the same speaker
            # goes on ("… says X." / "“Each delay …”")
            who, conf = previous[0], previous[1] * 0.8
            how = "continued"
        if who is None:
            continue
        last_by_para[p_start] = (who, conf)
        previous = (who, conf, p_start)
        sent = sentence(first[0])
        yield Fact(who, "said", None, text_of(doc)[qs:qe], sent.start_char, max(sent.end_char, qe),
                   f"quotes.{how}", round(0.9 * conf, 3), (qs, qe))
    # reported speech
    quoted_sents = {sentence(doc.char_span(s, e, alignment_mode="expand")[0]).start for s, e in quote_spans(doc)
                    if doc.char_span(s, e, alignment_mode="expand") is not None}
    for sent in doc.sents:
        acc = _according_to(sent)
        if acc is None or sent.start in quoted_sents:
            continue
        who, conf = speaker(acc)
        if who is None:
            continue
        toks = [t for t in sent if not (t.i >= acc.head.i - 1 and t.i <= max(x.i for x in acc.subtree))
                and not t.is_punct and not t.is_space or t.text in ("'", "\u2019")]
        if len(toks) >= MIN_WORDS:
            qs, qe = toks[0].idx, toks[-1].idx + len(toks[-1])
            yield Fact(who, "said", None, text_of(doc)[qs:qe].strip(" ,"), sent.start_char, sent.end_char,
                       "quotes.according", round(0.75 * conf, 3), (qs, qe))
    for verb in doc:
        if verb.i in used_verbs or not _speech_verb(verb):
            continue
        if any(c.dep_ == "neg" or c.dep_ == "aux" and c.lower_ in lx.MODALS for c in verb.children):
            continue
        if verb.dep_ == "xcomp" and verb.head.lemma_ in REFUSALS:
            continue      # "declined to say what led to …": nothing was said
        subj = _subject(verb)
        if subj is None:
            continue
        comp = None
        for c in verb.children:
            if c.dep_ == "ccomp":
                comp = c
                if c.lower_ == "clear":      # "made clear that …" read with "clear" as the clause
                    comp = next((x for x in c.children if x.dep_ in ("ccomp", "advcl", "csubj")), None)
            elif c.dep_ == "prep" and c.lower_ in ("of", "on") and verb.lemma_ in ("accuse", "blame"):
                comp = next((p for p in c.children if p.dep_ in ("pcomp", "pobj")), None)
            elif c.dep_ == "dobj" and verb.lemma_ == "describe":
                comp = c
            elif c.dep_ == "dobj" and verb.lemma_ in ("accuse", "blame"):
                # "accused the militants of publicly executing soldiers", "blamed the fighting on X"
                of = next((x for x in c.children if x.dep_ == "prep" and x.lower_ in ("of", "on")), None)
                if of is not None:
                    comp = next((p for p in of.children if p.dep_ in ("pcomp", "pobj")), comp)
            elif c.dep_ in ("xcomp", "dobj") and c.tag_ == "VBG" and verb.lemma_ in lx.DENIALS | {"admit"}:
                comp = c       # "Russia denied bombing the hospital", "admitted carrying out the attack"
        if comp is None:
            continue
        toks = sorted(comp.subtree, key=lambda t: t.i)
        charged = next((c for c in verb.children if c.dep_ == "dobj" and c.i < comp.i), None) \
            if comp.dep_ == "pcomp" and verb.lemma_ in lx.CHARGE_VERBS else None
        if charged is not None:
            toks = sorted(set(toks) | set(doc[charged.left_edge.i:comp.i]), key=lambda t: t.i)   # "X of doing Y"
        toks = [t for t in toks if not (verb.lemma_ == "make" and t.i == verb.i + 1)]   # not "made clear"'s "clear"
        toks = [t for t in toks if t.dep_ != "mark" or t.i != toks[0].i]
        if len(toks) < MIN_WORDS or any(in_quote(t) for t in toks[:1]):
            continue      # words in quotation marks are the direct quote's
        qs, qe = toks[0].idx, toks[-1].idx + len(toks[-1])
        who, conf = speaker(subj)
        if who is None:
            continue
        sent = sentence(verb)
        yield Fact(who, "said", None, text_of(doc)[qs:qe].strip(" ,"), sent.start_char, sent.end_char,
                   "quotes.reported", round(0.8 * conf, 3), (qs, qe))
        # "X told reporters that the army had attacked homes", "X says Y was plotting a coup", "X said Turkish
        # shelling amounted to support for terrorists": the speaker accuses the doer (CAMEO: A says B attacked)
        if _hostile(comp) and verb.lemma_ not in lx.DENIALS and not any(
                c.dep_ == "neg" or c.dep_ in ("aux", "auxpass") and c.lower_ in lx.MODALS for c in comp.children):
            doers = [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass" if comp.lemma_ == "be" else "")]
            # "his house was attacked by government troops": the one charged is the passive's agent
            doers += passive_agents(comp)
            for s_tok in doers:
                accused, f = arg(s_tok)
                if accused is not None and accused.cls in AGENTS | {"Place"} and accused != who \
                        and (accused.canonical or accused.text) != (who.canonical or who.text):
                    yield Fact(who, "accused", accused, "", sent.start_char, sent.end_char, "quotes.accusation",
                               round(0.6 * conf * f, 3))
