"""Make kg/data/roles.tsv from the Phoenix agents dictionary (PETRARCH2, MIT): nouns for people by their role.

    python scripts/make_roles.py [../shared/lexicons/petrarch2/Phoenix.agents.txt]

The agents file lists ~2,000 common nouns that news uses for actors (police
~COP, lawyer ~JUD, farmer ~AGR ...). Institutions (ministry, board, party ...)
and weapons are left out: what remains are the words that say what a person
is ("a lecturer", "the rancher", "chemistry professor X"), which the titles
extractor reads as titles. Output columns: role, agent code.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "lexicons" / "petrarch2" / "Phoenix.agents.txt"
OUT = ROOT / "kg" / "data" / "roles.tsv"
NOT_PEOPLE = {"ministry", "ministries", "board", "party", "government", "council", "court", "committee",
              "association", "union", "movement", "wing", "plane", "office", "department", "agency", "bureau",
              "company", "industry", "sector", "force", "forces", "army", "navy", "group", "organization",
              "organisation", "institute", "school", "university", "college", "hospital", "bank", "church",
              "parliament", "assembly", "system", "service", "services", "administration", "authority",
              "commission", "federation", "network", "media", "press", "police", "military", "regime",
              "cabinet", "congress", "senate", "legislature", "chamber", "team", "club", "crew", "staff",
              "community", "population", "people", "public", "class", "elite", "establishment", "opposition",
              "unit", "units", "cell", "corps", "brigade", "battalion", "squad", "fleet", "camp", "station",
              "center", "centre", "house", "state", "nation", "country", "government's", "industry's", "firm",
              "corporation", "market", "exchange", "newspaper", "radio", "television", "tv", "channel",
              "agencies", "embassy", "consulate", "mission", "delegation", "program", "programme", "fund"}
PERSON = ("man", "woman", "person", "men", "women")
# role nouns news uses that the agents file lacks (general English)
EXTRA = {"inspector": "~COP", "agent": "~COP", "special agent": "~COP", "editor": "~MED", "operator": "~BUS",
         "researcher": "~EDU", "aid worker": "~NGO", "lawyer": "~JUD", "prosecutor": "~JUD", "chief executive":
         "~BUS", "engineer": "~BUS", "nurse": "~HLH", "pilot": "~MIL", "sailor": "~MIL", "activist": "~OPP",
         "scholar": "~EDU", "teacher": "~EDU", "witness": "~CVL", "resident": "~CVL", "farmer": "~AGR"}


def phrases(line: str) -> list[str]:
    head = line.split("[")[0].split("{")[0].strip()
    if not head or head.startswith("#"):
        return []
    forms = [head.replace("!PERSON!", w) for w in PERSON] if "!PERSON!" in head else [head]
    out = []
    for f in forms:
        if "!" in f:
            continue
        words = f.strip("_ ").replace("_", " ").lower().split()
        if words and not set(words) & NOT_PEOPLE and all(re.fullmatch(r"[a-z'.-]+", w) for w in words):
            out.append(" ".join(words))
    return out


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else SOURCE
    rows = {}
    for line in source.read_text(encoding="utf-8", errors="replace").splitlines():
        code = re.search(r"\[(~[A-Z]+)\]", line)
        if code is None:
            continue
        for p in phrases(line):
            rows.setdefault(p, code.group(1))
    lines = ["# role\tagent code; made by scripts/make_roles.py from PETRARCH2's Phoenix.agents.txt (MIT, see "
             "LICENSE.petrarch2)"]
    for role, code in EXTRA.items():
        rows.setdefault(role, code)
    lines += [f"{r}\t{c}" for r, c in sorted(rows.items())]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} roles -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
