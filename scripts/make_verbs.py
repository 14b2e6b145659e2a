"""Make kg/data/verbs.tsv and kg/data/verb_patterns.tsv from the CAMEO verb dictionary (PETRARCH2, MIT).

    python scripts/make_verbs.py [../shared/lexicons/petrarch2/CAMEO.2.0.txt]

CAMEO codes what political actors do to each other; this keeps the verbs and
patterns whose code maps onto the relation inventory (and the null patterns
[---] that rule a reading out), with synonym sets expanded:

- verbs.tsv:         verb, particle, block, code, relation (the verb's own code, or its block's);
- verb_patterns.tsv: block, verb, subject, object, modifiers, preps, code, relation: a pattern applies to every
  verb of its block (CAMEO's synonym blocks), first to the verb its comment names; subject/object are head words
  ("" = any), modifiers the words of a braced phrase before the head, preps "on=policy|in=" (a preposition and
  its object's head). Patterns on the subject alone are left out unless they rule a reading out.

The licence of the source is written beside the files (kg/data/LICENSE.petrarch2).
"""
from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "lexicons" / "petrarch2" / "CAMEO.2.0.txt"
OUT = ROOT / "kg" / "data"

# blocks whose verbs are never arrests, whatever CAMEO 17x says of them (courts, fines, bans)
NOT_ARRESTS = {"PROSECUTE", "SUE", "SENTENCE", "FINE", "PROHIBIT", "EXCLUDE", "IMPEL", "IMPOSE",
               "PUNISH", "SUPPRESS", "DEPORT", "EXTRACT", "NATIONALIZE", "STEAL", "TAKE_PROPERTY", "VANDALISE"}
KILLING_BLOCKS = {"KILL", "ASSASSINATE", "MASSACRE"}
# light verbs: their block's default code says nothing by itself ("take", "make"); only their patterns count
LIGHT = {"take", "get", "make", "have", "give", "go", "come", "put", "set", "do", "keep", "bring", "turn", "see"}


def relation(code: str, block: str) -> str | None:
    """CAMEO code -> our relation (None: nothing we state); '-' for a null code that rules a reading out."""
    code = code.split(":")[0].strip()
    if code in ("---", ""):
        return "-"
    if block in KILLING_BLOCKS and (code.startswith(("18", "19", "20")) or code in ("175",)):
        return "killed"
    if code.startswith("173") or code == "171" and block == "APPREHEND":
        return None if block in NOT_ARRESTS else "arrested"
    if code.startswith("181"):
        return "arrested"         # abduction, hostage taking: the victim is held
    if code == "186":
        return "killed"
    if code == "202":
        return "killed"
    if code.startswith("192"):
        return "controls"
    if code.startswith(("18", "19")):
        return "attacked"
    if code.startswith("111") or code.startswith("112"):
        return "accused"
    if code.startswith("046"):
        return "negotiatedWith"
    if code.startswith("045"):
        return "brokered"
    if code.startswith("057"):
        return "partyTo"
    if code.startswith(("051", "052", "053", "07")) or code == "050" and block == "SUPPORT":
        return "supports"
    if code.startswith(("12", "138", "14", "161")):
        return "opposes"
    if code.startswith("0874"):
        return "withdrewFrom"
    return None


def _words(phrase: str) -> str:
    return phrase.strip("_").replace("_", " ").lower()


def parse(text: str):
    synsets: dict[str, list[str]] = {}
    verbs, patterns = [], []
    block = code = None
    current = None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line.startswith("&"):
            current = line.strip().rstrip("_")
            synsets[current] = []
            continue
        if line.startswith("+") and current is not None and block is None:
            synsets[current].append(_words(line[1:]))
            continue
        m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]", line)
        if m:
            block, code, current = m.group(1), m.group(2), None
            continue
        if block is None or line.startswith("~"):
            continue
        if line.startswith("-"):
            pm = re.match(r"^-\s*(.*?)\s*\[([^\]]*)\]", line)
            if pm:
                # the comment names the verb the pattern was written for ("# SEIZE"): it applies to that verb
                note = raw.split("#", 1)[1].strip().split(",")[0].split() if "#" in raw else []
                verb = _words(note[0].lstrip("+")).split()[0] if note and re.fullmatch(r"\+?[A-Z_'-]+", note[0]) \
                    else ""
                patterns.append((block, pm.group(1), pm.group(2), verb))
            continue
        # a verb line: VERB {forms} [code], +PHRASAL_VERB {forms} [code]
        vm = re.match(r"^(\+?[A-Z][A-Z'_+-]*)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?", line.strip())
        if not vm:
            continue
        verbs.append((block, vm.group(1), (vm.group(3) or f"[{code}]")[1:-1]))
    return synsets, verbs, patterns


def expand(word: str, synsets: dict[str, list[str]]) -> list[str]:
    if word.startswith("&"):
        return synsets.get(word.rstrip("_"), [])
    return [_words(word)]


def pattern_rows(block: str, body: str, code: str, verb: str, synsets):
    """One CAMEO pattern as rows of (subject, modifiers, object, preps), synonym sets expanded."""
    preps = re.findall(r"\(([^()]*)\)", body)
    rest = re.sub(r"\([^()]*\)", " ", body)
    if "*" not in rest:
        return []
    before, after = rest.split("*", 1)

    def head_of(part: str) -> tuple[list[str], list[str]]:
        part = part.strip()
        brace = re.search(r"\{([^}]*)\}", part)
        toks = brace.group(1).split() if brace else [t for t in part.split() if t not in ("+", "$", "^", "%")]
        toks = [t for t in toks if t not in ("+", "$", "^", "%")]
        if not toks:
            return [""], []
        return expand(toks[-1], synsets) or [""], [w for t in toks[:-1] for w in expand(t, synsets)[:1]]

    subjects, _ = head_of(before)
    objects, mods = head_of(after)
    prep_parts = []
    for p in preps:
        bits = p.replace("{", " ").replace("}", " ").split()
        if not bits:
            continue
        prep = _words(bits[0])
        heads = expand(bits[-1], synsets) if len(bits) > 1 else [""]
        prep_parts.append(f"{prep}={','.join(sorted(set(heads)))}")
    rel = relation(code, block)
    if rel is None:
        return []
    if not any(objects) and not prep_parts and rel != "-":
        return []        # a pattern on the subject alone says who acts, not what the verb means here
    return [(block, verb, s, o, " ".join(mods), "|".join(prep_parts), code.split(":")[0] or "---", rel)
            for s in subjects for o in objects]


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else SOURCE
    synsets, verbs, patterns = parse(source.read_text(encoding="utf-8", errors="replace"))
    verb_rows = set()
    for block, spec, code in verbs:
        if "+" in spec[1:]:
            continue    # a compound written before its verb ("WIRE_+TAP"): not a verb the parse can find
        words = _words(spec.lstrip("+")).split()
        verb, particle = words[0], " ".join(words[1:])
        if particle in ("and", "or"):
            continue
        rel = relation(code, block)
        if rel is None or rel == "-" or verb in LIGHT and not particle:
            continue
        verb_rows.add((verb, particle, block, code, rel))
    blocks = {b for _v, _p, b, _c, _r in verb_rows} | {b for b, _s, _c in verbs if _words(_s.lstrip("+")).split()[0] in LIGHT}
    pat_rows = set()
    for block, body, code, verb in patterns:
        if block in blocks:
            pat_rows.update(pattern_rows(block, body, code, verb, synsets))
    # verbs of blocks that only have patterns (light verbs) still need a row, with no default relation
    for block, spec, code in verbs:
        words = _words(spec.lstrip("+")).split()
        if words and words[0] in LIGHT and len(words) == 1 and any(r[0] == block for r in pat_rows):
            verb_rows.add((words[0], "", block, code, "-"))
    OUT.mkdir(parents=True, exist_ok=True)
    head = "# made by scripts/make_verbs.py from PETRARCH2's CAMEO.2.0.txt (MIT, see LICENSE.petrarch2)\n"
    (OUT / "verbs.tsv").write_text(head + "verb\tparticle\tblock\tcode\trelation\n" + "".join(
        "\t".join(r) + "\n" for r in sorted(verb_rows)), encoding="utf-8")
    (OUT / "verb_patterns.tsv").write_text(head + "block\tverb\tsubject\tobject\tmodifiers\tpreps\tcode\trelation\n" + "".join(
        "\t".join(r) + "\n" for r in sorted(pat_rows)), encoding="utf-8")
    shutil.copyfile(source.parent / "LICENSE", OUT / "LICENSE.petrarch2")
    print(f"{len(verb_rows)} verbs, {len(pat_rows)} patterns -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
