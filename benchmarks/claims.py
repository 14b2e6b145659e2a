"""Benchmark: how often a claim's content is right, on the dev set's quotes.

    .venv/bin/python benchmarks/claims.py                        # build ../shared/dev/docs in memory
    .venv/bin/python benchmarks/claims.py --docs DIR --gold DIR  # another annotated set

The gold (../shared/dev/gold) annotates who said what (`said` with the quoted words), not what the words
claim. So this check takes the gold quotes whose words name two gold entities or more (the quotes that
can hold a claim between entities), finds the claims the build made on them (same article, the words
matching as the scorer matches quotes), and judges each claim's content:

- ends: subject and object are two gold entities of the article (a label or alias of the node is a gold
  alias, as the scorer matches entities);
- relation: a word that says that relation (attack, strike, shell … for `attacked`; back, help, arm …
  for `supports`) is in the quoted words;
- polarity: negative exactly when the words deny or negate ("denied", "did not", "never").

It prints every claim with its quote (so a reader can check the automatic verdicts), then the count,
precision of ends, of ends + relation, and of all three; and how many of the candidate quotes got a
claim at all. Claims on other quotes are counted and listed too, unjudged.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "dev"

CUES = {
    "attacked": r"attack|strik|struck|shell|bomb|raid|target|hit|assault|storm|fire[ds]? (on|at)|ambush|pound",
    "killed": r"kill|murder|assassinat|execut|dead|death",
    "arrested": r"arrest|detain|captur|seiz|abduct|kidnap|held|custody",
    "supports": r"support|back|help|aid|arm|fund|assist|ally|allied|loyal|alongside",
    "opposes": r"oppos|against|reject|resist|hostil|enemy|fight",
    "foughtWith": r"fight|fought|clash|battl|combat",
    "controls": r"control|hold|held|seiz|captur|occup|took|take|run[s ]",
    "withdrewFrom": r"withdr|pull|retreat|leav|left",
    "leads": r"lead|led|head|chief|command|run",
    "memberOf": r"member|part of|join|belong",
    "negotiatedWith": r"talk|negotiat|meet|met",
    "accused": r"accus|blam|charg|condemn|denounc|terror",
    "rivalOf": r"rival|against|challeng",
}
NEGATION = r"\b(den(y|ied|ies)|not|never|no longer|n't|reject(ed)? (claims|reports))\b"


def norm(text: str) -> str:
    s = unicodedata.normalize("NFKD", str(text))
    s = "".join(c for c in s if not unicodedata.combining(c)).replace("\u2019", "'").casefold()
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^\w\s]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return re.sub(r"^the ", "", s)


def quote_ok(gold: str, text: str) -> bool:
    gw, tw = norm(gold).split(), set(norm(text).split())
    return bool(gw) and sum(w in tw for w in gw) / len(gw) >= 0.6


def named_in(alias: str, text: str) -> bool:
    a = norm(alias)
    return bool(a) and re.search(rf"\b{re.escape(a)}\b", norm(text)) is not None


def build(docs: Path):
    sys.path.insert(0, str(ROOT))
    from kg.pipeline import build as run
    from kg.settings import Settings
    return run(Settings(inputs=(docs,), out=None), log=lambda m: None)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=Path, default=SHARED / "docs")
    ap.add_argument("--gold", type=Path, default=SHARED / "gold")
    args = ap.parse_args(argv)
    result = build(args.docs)
    g = result.graph
    golds = {json.loads(p.read_text())["doc"]: json.loads(p.read_text()) for p in sorted(args.gold.glob("*.json"))}

    def names(eid: str) -> set[str]:
        e = g.entities[eid]
        return {e.label, *e.aliases}

    candidates = []        # (doc, gold quote, {entity id: aliases} of the gold entities it names)
    for doc, gold in golds.items():
        aliases = {e["id"]: [e["name"], *e.get("aliases", [])] for e in gold["entities"]}
        for f in gold["facts"]:
            if f["p"] != "said":
                continue
            text = f.get("evidence", "") + " " + f["quote"]
            named = {i: a for i, a in aliases.items() if any(named_in(x, f["quote"]) for x in a)}
            candidates.append((doc, f["quote"], named, text))
    # a gold quote is a distinctive span of the words said: the whole quote is the build's, where they match
    for k, (doc, quote, named, text) in enumerate(candidates):
        whole = next((q.text for q in g.quotes.values() if q.doc == doc and quote_ok(quote, q.text)), None)
        if whole is not None:
            aliases = {e["id"]: [e["name"], *e.get("aliases", [])] for e in golds[doc]["entities"]}
            named = {i: a for i, a in aliases.items() if any(named_in(x, whole) for x in a)}
            candidates[k] = (doc, quote, named, whole)
    landed, elsewhere = [], []
    for c in sorted(g.claims.values(), key=lambda c: c.id):
        q = g.quotes[c.quote]
        hit = next((cand for cand in candidates if cand[0] == q.doc and quote_ok(cand[1], q.text)), None)
        (landed if hit else elsewhere).append((c, q, hit))

    def ends_ok(c, hit) -> bool:
        """Both ends are gold entities of the article (by the scorer's rule: a label or alias is a gold alias),
        and not the same one."""
        doc = hit[0]
        aliases = {e["id"]: [e["name"], *e.get("aliases", [])] for e in golds[doc]["entities"]
                   if e["type"] in ("Person", "Organization", "Place", "Group")}
        gold_of = lambda eid: {i for i, al in aliases.items() if {norm(a) for a in al} & {norm(n) for n in names(eid)}}  # noqa: E731
        return bool(gold_of(c.subj)) and bool(gold_of(c.obj)) and not gold_of(c.subj) & gold_of(c.obj)

    n = ends = ends_rel = full = 0
    print("claims on gold quotes that name two gold entities or more:")
    for c, q, hit in landed:
        n += 1
        e_ok = ends_ok(c, hit)
        if len(hit[2]) < 2:
            elsewhere.append((c, q, None))
            n -= 1
            continue
        cue = re.search(CUES.get(c.rel, r"$^"), q.text.lower())
        r_ok = cue is not None
        near = q.text.lower()[max(0, cue.start() - 40):cue.end()] if cue else ""
        p_ok = (re.search(NEGATION, near) is not None) == (c.polarity == "negative")
        ends += e_ok
        ends_rel += e_ok and r_ok
        full += e_ok and r_ok and p_ok
        print(f"  [{'ends ok' if e_ok else 'ENDS  '}|{'rel ok' if r_ok else 'REL   '}|{'pol ok' if p_ok else 'POL   '}] "
              f"{g.entities[c.speaker].label}: {g.entities[c.subj].label} {c.rel} {g.entities[c.obj].label} "
              f"({c.polarity})\n      \u201c{q.text[:220]}\u201d  [{q.doc}]")
    print("claims on other quotes (unjudged):")
    for c, q, _hit in elsewhere:
        print(f"  {g.entities[c.speaker].label}: {g.entities[c.subj].label} {c.rel} {g.entities[c.obj].label} "
              f"({c.polarity})\n      \u201c{q.text[:220]}\u201d  [{q.doc}]")
    candidates = [cand for cand in candidates if len(cand[2]) >= 2]
    covered = sum(1 for cand in candidates if any(hit is cand for _c, _q, hit in landed))
    pct = lambda a, b: f"{a / b:.2f}" if b else "n/a"   # noqa: E731
    print(f"\n{len(g.claims)} claims in {len(golds)} articles; {len(candidates)} gold quotes name two gold entities "
          f"or more, {covered} of them carry a claim")
    print(f"claims judged: {n}; ends right {ends} ({pct(ends, n)}); ends and relation right {ends_rel} "
          f"({pct(ends_rel, n)}); ends, relation and polarity right {full} ({pct(full, n)}); "
          f"claims on other quotes {len(elsewhere)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
