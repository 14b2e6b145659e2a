"""Make kg/data/actors.tsv from the Phoenix actor dictionaries (PETRARCH2, MIT).

    python scripts/make_actors.py [../shared/lexicons/petrarch2]

The dictionaries map names to actor codes, not to identities: a code gathers
an organisation, its leaders and its offshoots under one heading ("Assad" is
coded as Syria's government). So this keeps what is safe to know of a name:

- its kind: Organization (armed groups, international organisations, parties, ministries ...) or Person
  (a name with dated roles), used to correct the parser's type for that exact name;
- the variants of an organisation's name that are spellings of it (same skeleton) or its acronym
  ("Kurdistan Workers Party" / "PKK", "ISIS" / "ISIL" / "Daesh"), used to resolve them to one entity.

Output columns: name, kind, code, variants (separated by '|').
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "lexicons" / "petrarch2"
OUT = ROOT / "kg" / "data" / "actors.tsv"
FILES = ("Phoenix.MilNonState.actors.txt", "Phoenix.International.actors.txt", "Phoenix.Countries.actors.txt")
ORG_WORDS = {"army", "party", "front", "organization", "organisation", "movement", "brigade", "brigades", "group",
             "council", "union", "league", "association", "committee", "ministry", "agency", "bank", "fund",
             "forces", "force", "guard", "guards", "corps", "militia", "network", "alliance", "coalition",
             "federation", "commission", "court", "parliament", "assembly", "office", "service", "institute",
             "foundation", "company", "corporation", "unit", "cells", "cell", "battalion", "faction", "jihad",
             "mujahideen", "taliban", "hezbollah", "hamas", "state", "nations", "republic", "program",
             "programme", "mission", "police", "navy", "department", "bureau", "authority", "tribunal", "center",
             "centre", "society", "watch", "international", "red", "crescent", "cross", "caucus", "legion"}
STOP = {"of", "the", "for", "and", "in", "on", "al", "de", "la", "le", "el", "to"}
# what CAMEO's dictionaries write as a name but is a description, not a name users see ("UN_SECRETARY_GENERAL")
DESCRIPTIVE = {"secretary", "general", "president", "chief", "head", "spokesman", "official", "officials",
               "minister", "leader", "leaders", "member", "members", "envoy", "delegation", "forces",
               "troops", "soldiers", "government", "administration", "people", "citizens"}


# names the 2014 dictionaries lack or list only under another heading (general knowledge of the field)
EXTRA = {
    "Kurdistan Workers' Party": ("Organization", "TURREB", ["PKK", "Kurdistan Workers Party"]),
    "The Islamic State": ("Organization", "IMGMUSISI", ["Islamic State", "ISIS", "ISIL", "IS", "Daesh", "Da'esh"]),
    "People's Protection Units": ("Organization", "SYRREB", ["YPG"]),
    "Democratic Union Party": ("Organization", "SYRREB", ["PYD"]),
    "Syrian Democratic Forces": ("Organization", "SYRREB", ["SDF"]),
    "Free Syrian Army": ("Organization", "SYRREB", ["FSA"]),
    "Al Qaeda in the Islamic Maghreb": ("Organization", "IMGMUSALQ", ["AQIM", "al-Qaeda in the Islamic Maghreb"]),
    "Al Qaeda in the Arabian Peninsula": ("Organization", "IMGMUSALQ", ["AQAP"]),
    "Al Shabaab": ("Organization", "SOMREB", ["al-Shabaab", "Shabaab", "al-Shabab"]),
    "Houthis": ("Organization", "YEMREB", ["Houthi movement", "Ansar Allah"]),
    "Nusra Front": ("Organization", "SYRREB", ["al-Nusra Front", "Jabhat al-Nusra"]),
    "Hamas": ("Organization", "PSEREB", []),
    "Boko Haram": ("Organization", "NGAREB", []),
    "Taliban": ("Organization", "AFGREB", ["Taleban"]),
    "Pakistani Taliban": ("Organization", "PAKREB", ["Tehrik-i-Taliban Pakistan", "TTP"]),
    "Haqqani network": ("Organization", "AFGREB", []),
    "European Union": ("Organization", "IGOEUREEC", ["EU", "E.U."]),
    "United Nations": ("Organization", "IGOUNO", ["UN", "U.N."]),
    "African Union": ("Organization", "IGOAFRAU", ["AU"]),
    "NATO": ("Organization", "IGOWSTNAT", ["North Atlantic Treaty Organization"]),
    "Arab League": ("Organization", "IGOARBAL", []),
}


def words(phrase: str) -> str:
    phrase = re.sub(r"\([^)]*\)", " ", phrase)
    return re.sub(r"\s+", " ", phrase.replace("_", " ")).strip()


def skeleton(name: str) -> str:
    s = re.sub(r"[^a-z ]", "", name.lower().replace("-", " "))
    out = []
    for w in s.split():
        if w in STOP:
            continue
        w = w.replace("q", "k").replace("ph", "f").replace("ou", "u")
        w = re.sub(r"(.)\1+", r"\1", w)
        out.append(w[0] + re.sub(r"[aeiouy']", "", w[1:]))
    return " ".join(out)


def initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s-]+", name.lower()) if w and w not in STOP)


def entries(text: str):
    """(primary, synonyms, codes) of each record of a Phoenix actor file."""
    primary, syns, codes = None, [], []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line.startswith(("\t", " ")) and line.strip().startswith("["):
            codes += re.findall(r"\[([^\]]*)\]", line)
            continue
        if line.startswith("+"):
            if primary is not None:
                syns.append(words(line[1:].split("[")[0]))
            continue
        if primary is not None:
            yield primary, syns, codes
        head = line.split("[")[0]
        primary, syns, codes = words(head), [], re.findall(r"\[([^\]]*)\]", line)
    if primary is not None:
        yield primary, syns, codes


def kind(primary: str, codes: list[str], source: str) -> str | None:
    low = primary.lower().split()
    if not low or set(low) & DESCRIPTIVE and not set(low) & ORG_WORDS - DESCRIPTIVE:
        return None
    dated = bool(codes) and all(re.search(r"\d{4}", c) for c in codes)
    orgish = bool(set(low) & ORG_WORDS) or (len(low) == 1 and primary.isupper() and len(primary) <= 6)
    if orgish:
        return "Organization"
    if dated and not orgish and 2 <= len(low) <= 4 and all(w.isalpha() or "." in w or "-" in w for w in low):
        return "Person"
    if source == "Phoenix.MilNonState.actors.txt" and not dated and len(low) >= 2 and not orgish:
        return "Organization"   # armed groups are named like "Abu Sayyaf", "Shining Path"
    return None


def title(name: str) -> str:
    small = {"of", "the", "for", "and", "in", "on", "al", "de", "la", "to", "el", "du", "des", "da", "di"}
    parts = name.split()
    if len(parts) == 1 and len(name) <= 6:
        return name                   # an acronym or a short name as the dictionary writes it: NATO, PKK
    out = []
    for i, w in enumerate(parts):
        if w.lower() not in small and (len(w) <= 3 or not any(c in "AEIOU" for c in w[1:])) and w.isalpha() \
                or "." in w:
            out.append(w)             # acronyms inside a name: UN, U.N.
        elif w.lower() in small and i > 0:
            out.append(w.lower())
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    return " ".join(out)


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else SOURCE
    rows: dict[str, tuple[str, str, set[str]]] = {}
    records = [(name, rec) for name in FILES
               for rec in entries((folder / name).read_text(encoding="utf-8", errors="replace"))]
    surnames = {primary.split()[-1].lower() for name, (primary, _s, codes) in records
                if primary and kind(primary, codes, name) == "Person"}
    for name, (primary, syns, codes) in records:
        if not primary or any(re.fullmatch(r"[A-Z]{3}", c.split()[0]) for c in codes if c.split()):
            continue    # a country and its places: "Kabul" is not Afghanistan
        k = kind(primary, codes, name)
        if k is None:
            continue
        canon = title(primary)
        variants = set()
        if k == "Organization":
            key, acro = skeleton(primary), initials(primary)
            for s in syns:
                one = s.replace(".", "").replace("'", "").lower()
                if skeleton(s) == key or (len(s.split()) == 1 and one == acro and len(acro) >= 2):
                    variants.add(title(s))
                elif len(s.split()) == 1 and len(primary.split()) >= 2 and len(s) <= 5 \
                        and s.lower().strip("'") not in surnames:
                    variants.add(s)      # an armed group's or an organisation's own short name: ISIS, Daesh
        code = (codes[0].split() or ["-"])[0] if codes else "-"
        rows.setdefault(canon.lower(), (canon, k, code, variants))
    for canon, (k, code, variants) in EXTRA.items():
        old = rows.get(canon.lower())
        rows[canon.lower()] = (canon, k, code, set(variants) | (old[3] if old else set()))
    # the acronym news uses for an armed group or an international organisation of four words or more
    # ("Sudan People's Liberation Movement" -> SPLM), when no other name of the dictionaries has it
    acronyms: dict[str, list[str]] = {}
    for key, (canon, k, code, variants) in rows.items():
        if k == "Organization" and ("REB" in code or code.startswith(("IMG", "IGO"))):
            acro = initials(canon).upper()
            content = [w.lower() for w in canon.split() if w.lower() not in STOP]
            has_acronym = any(v.isupper() and " " not in v for v in variants)
            if len(acro) >= 4 and acro.isalpha() and len(content) >= 3 and content[-1] in ORG_WORDS \
                    and not has_acronym:
                acronyms.setdefault(acro, []).append(key)
    taken = {n.lower() for canon, _k, _c, variants in rows.values() for n in [canon, *variants]}
    for acro, keys in acronyms.items():
        if len(keys) == 1 and acro.lower() not in taken:
            rows[keys[0]][3].add(acro)
    lines = ["# name\tkind\tcode\tvariants; made by scripts/make_actors.py from PETRARCH2's Phoenix actor "
             "dictionaries (MIT, see LICENSE.petrarch2)"]
    for _key, (canon, k, code, variants) in sorted(rows.items()):
        lines.append(f"{canon}\t{k}\t{code}\t{'|'.join(sorted(v for v in variants if v.lower() != canon.lower()))}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} actors -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
