"""A deterministic news-like corpus with planted facts, for benchmarks at scale.

A small "world" is drawn first (organisations with leaders, spokespeople and
members; cities in real countries), then each article recombines part of it:
a headline, a dateline, 12-20 sentences of realistic length, quotes, weekdays,
and filler sentences that state no fact. Because the world is shared, the same
people and organisations recur across articles (as in a real archive), so
entity resolution is exercised too. Every fact an article states is written to
`planted.tsv` (article, subject, relation, object), so a benchmark can report
precision and recall at scale, not only speed.

    python benchmarks/corpus.py 1000 /tmp/corpus --seed 7
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

FIRST = ("Ahmed", "Omar", "Karim", "Yusuf", "Hassan", "Samir", "Tariq", "Nabil", "Walid", "Faisal", "Rashid",
         "Mahmoud", "Khalid", "Ibrahim", "Mustafa", "Jamal", "Adel", "Sami", "Bashir", "Hamid", "John", "Michael",
         "David", "Robert", "James", "Thomas", "Richard", "Peter", "Paul", "Daniel", "Maria", "Elena", "Sofia",
         "Anna", "Laura", "Sarah", "Fatima", "Leila", "Amina", "Nadia", "Pierre", "Jean", "Luis", "Carlos",
         "Miguel", "Javier", "Andrei", "Sergei", "Viktor", "Dmitri", "Hans", "Stefan", "Lars", "Erik", "Kenji",
         "Hiroshi", "Wei", "Chen", "Ravi", "Arjun")
LAST = ("Haddad", "Karimi", "Nasser", "Mansour", "Khalil", "Saleh", "Jaber", "Aziz", "Rahman", "Hashemi",
        "Barzani", "Talabani", "Qureshi", "Siddiqui", "Farouk", "Hakim", "Zubaidi", "Obeidi", "Dulaimi",
        "Jubouri", "Miller", "Johnson", "Walker", "Harris", "Mitchell", "Carter", "Turner", "Parker", "Collins",
        "Stewart", "Morales", "Herrera", "Castillo", "Vargas", "Romero", "Dubois", "Lefebvre", "Moreau",
        "Petrov", "Ivanov", "Volkov", "Novak", "Kowalski", "Schmidt", "Weber", "Lindqvist", "Tanaka", "Sato",
        "Nakamura", "Sharma", "Patel", "Mehta", "Okafor", "Mensah", "Abubakar", "Diallo", "Kamara", "Osei",
        "Nkosi", "Mbeki")
ORG_ADJ = ("National", "Popular", "Democratic", "Islamic", "Revolutionary", "United", "Free", "Patriotic",
           "Socialist", "Progressive", "Independent", "Republican", "Federal", "Workers'", "People's")
ORG_THEME = ("Liberation", "Unity", "Reform", "Salvation", "Resistance", "Renewal", "Justice", "Dignity",
             "Solidarity", "Freedom", "Defence", "Reconstruction")
ORG_NOUN = ("Front", "Party", "Movement", "Council", "Alliance", "League", "Union", "Brigades", "Army",
            "Congress")
ARMED = ("Brigades", "Army", "Front")
COUNTRIES = ("Iraq", "Syria", "Lebanon", "Yemen", "Libya", "Sudan", "Somalia", "Afghanistan", "Pakistan",
             "Nigeria", "Mali", "Colombia", "Ukraine", "Georgia", "Egypt", "Tunisia", "Kenya", "Ethiopia")
CITIES_PER_COUNTRY = 8
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
PUBLISHERS = ("The Daily Ledger", "Evening Courier", "World Dispatch", "Northern Herald", "The Observer Wire")

FILLER = (
    "Prices of bread and fuel have risen sharply since the spring, and many families say they can no longer "
    "afford meat more than once a week.",
    "Electricity returned to most districts late in the evening after a day of repeated cuts.",
    "Schools in the area remained closed for a third day, and teachers said they did not know when classes "
    "would resume.",
    "Long queues formed outside petrol stations as drivers waited for deliveries that arrived hours late.",
    "Hospitals reported a shortage of blood and basic medicines, and doctors appealed for donations.",
    "The weather was hot and dry, with temperatures above forty degrees in the afternoon.",
    "Shops in the old market opened briefly in the morning before closing again at noon.",
    "Residents described a tense calm in the streets, with few cars and almost no pedestrians.",
    "Analysts said the coming weeks would show whether the situation could be contained.",
    "Many people have left the city for villages in the countryside, where relatives offered them shelter.",
    "Aid workers said thousands of displaced families were living in schools and unfinished buildings.",
    "The price of a cylinder of cooking gas has doubled in a month.",
    "Television footage showed burned vehicles and damaged shopfronts along the main road.",
    "Officials said a curfew would remain in force from dusk until dawn.",
    "Farmers complained that the fighting had kept them from their fields during the harvest.",
    "Mobile phone networks were down for much of the day.",
)
QUOTES = (
    "We will not accept any agreement that ignores the demands of our people",
    "The situation is under control and life will soon return to normal",
    "Our fighters are ready to defend the city to the last man",
    "There can be no talks while the attacks continue",
    "We call on all sides to respect the ceasefire and protect civilians",
    "The government has failed to provide security or services",
    "We are open to dialogue, but we will not surrender our weapons",
    "This was a cowardly attack on innocent people",
    "The elections must go ahead on time",
    "Nobody has the right to speak in the name of the people except their elected representatives",
)


@dataclass
class Org:
    name: str
    leader: str
    spokesman: str
    members: list[str]
    country: str
    armed: bool


@dataclass
class World:
    orgs: list[Org]
    cities: dict[str, list[str]]          # country -> cities

    def city(self, rng: random.Random, country: str) -> str:
        return rng.choice(self.cities[country])


@dataclass
class Article:
    stem: str
    text: str
    facts: list[tuple[str, str, str]] = field(default_factory=list)


def _cities() -> dict[str, list[str]]:
    """Real cities of each country, from the gazetteer the builder ships (so the model sees real names)."""
    codes = {"Iraq": "IQ", "Syria": "SY", "Lebanon": "LB", "Yemen": "YE", "Libya": "LY", "Sudan": "SD",
             "Somalia": "SO", "Afghanistan": "AF", "Pakistan": "PK", "Nigeria": "NG", "Mali": "ML",
             "Colombia": "CO", "Ukraine": "UA", "Georgia": "GE", "Egypt": "EG", "Tunisia": "TN", "Kenya": "KE",
             "Ethiopia": "ET"}
    path = Path(__file__).resolve().parent.parent / "kg" / "data" / "places.tsv"
    by_code: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        name, kind, code = line.split("\t")
        if kind == "city" and name.isascii() and " " not in name and "-" not in name:
            by_code.setdefault(code, []).append(name)
    return {c: sorted(by_code.get(code, []))[:CITIES_PER_COUNTRY] for c, code in codes.items() if by_code.get(code)}


def make_world(rng: random.Random, n_orgs: int) -> World:
    cities = _cities()
    used_people: set[str] = set()
    used_orgs: set[str] = set()

    def person() -> str:
        while True:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            if name not in used_people:
                used_people.add(name)
                return name

    orgs = []
    while len(orgs) < n_orgs:
        noun = rng.choice(ORG_NOUN)
        name = f"{rng.choice(ORG_ADJ)} {rng.choice(ORG_THEME)} {noun}"
        if name in used_orgs:
            continue
        used_orgs.add(name)
        orgs.append(Org(name, person(), person(), [person() for _ in range(3)], rng.choice(sorted(cities)),
                        noun in ARMED))
    return World(orgs, cities)


def _article(rng: random.Random, world: World, stem: str, date: dt.date) -> Article:
    a, b = rng.sample(world.orgs, 2)
    country = a.country
    city = world.city(rng, country)
    other_city = world.city(rng, country)
    weekday = WEEKDAYS[(date - dt.timedelta(days=rng.randint(1, 3))).weekday()]
    facts: list[tuple[str, str, str]] = []
    lines: list[str] = []

    def fact(s: str, rel: str, o: str) -> None:
        facts.append((s, rel, o))

    headline = rng.choice((f"Fighting flares near {city}", f"Talks stall as tension rises in {country}",
                           f"{a.name} and {b.name} trade blame", f"Uneasy calm in {city}"))
    lines.append(f"{city}, {country} ({rng.choice(PUBLISHERS)}) - "
                 f"{rng.choice(FILLER)}")
    fact(city, "locatedIn", country)   # the dateline says so
    facts_pool = []
    facts_pool.append(lambda: (
        f"{a.leader}, the leader of the {a.name}, arrived in {city} on {weekday} for a meeting with local "
        f"officials and tribal elders.", [(a.leader, "leads", a.name)]))
    facts_pool.append(lambda: (
        f"{b.name} leader {b.leader} spent the week in {other_city} meeting supporters and foreign "
        f"diplomats.", [(b.leader, "leads", b.name)]))
    facts_pool.append(lambda: (
        f"{a.members[0]}, a senior member of the {a.name}, told reporters that the group had not been "
        f"consulted about the plan.", [(a.members[0], "memberOf", a.name),
                                           (a.members[0], "said", "the group had not been consulted about the plan")]))
    quote = rng.choice(QUOTES)
    facts_pool.append(lambda: (
        f"\u201c{quote},\u201d said {a.spokesman}, a spokesman for the {a.name}.",
        [(a.spokesman, "spokespersonFor", a.name), (a.spokesman, "said", quote)]))
    if a.armed:
        facts_pool.append(lambda: (
            f"Fighters of the {a.name} attacked {b.name} positions on the outskirts of {city} on {weekday}, "
            f"and the fighting lasted for several hours.", [(a.name, "attacked", b.name)]))
    else:
        facts_pool.append(lambda: (
            f"The {a.name} accused the {b.name} of blocking the talks and of arming its supporters.",
            [(a.name, "accused", b.name)]))
    facts_pool.append(lambda: (
        f"{a.leader} held talks with {b.leader} in {other_city} on {weekday}, but no agreement was announced.",
        [(a.leader, "negotiatedWith", b.leader)]))
    facts_pool.append(lambda: (
        f"Gunmen from the {a.name} captured {b.members[1]} in {city} on {weekday}. The interior ministry "
        f"confirmed the capture in a statement.", [(a.name, "arrested", b.members[1])]))
    facts_pool.append(lambda: (
        f"{other_city} is a city in {country} of several hundred thousand people, most of whom work in trade and "
        f"farming.", [(other_city, "locatedIn", country)]))
    quote2 = rng.choice(QUOTES)
    facts_pool.append(lambda: (
        f"\u201c{quote2},\u201d {b.spokesman} said.", [(b.spokesman, "said", quote2)]))
    facts_pool.append(lambda: (
        f"The {b.name} withdrew from {other_city} on {weekday} after two days of fighting.",
        [(b.name, "withdrewFrom", other_city)]))
    rng.shuffle(facts_pool)
    chosen = facts_pool[: rng.randint(6, len(facts_pool))]
    for make in chosen:
        sentence, planted = make()
        lines.append(sentence)
        for f in planted:
            fact(*f)
        for _ in range(rng.randint(0, 2)):
            lines.append(rng.choice(FILLER))
    paragraphs = []
    i = 1
    while i < len(lines):
        step = rng.randint(1, 3)
        paragraphs.append(" ".join(lines[i:i + step]))
        i += step
    header = (f"title: {headline}\ndate: {date.isoformat()}\npublisher: {rng.choice(PUBLISHERS)}\n---\n")
    text = header + headline + "\n\n" + lines[0] + "\n\n" + "\n\n".join(paragraphs) + "\n"
    return Article(stem, text, facts)


def generate(n: int, seed: int = 0) -> list[Article]:
    """`n` articles, the same for the same seed."""
    rng = random.Random(seed)
    world = make_world(rng, max(20, n // 25))
    start = dt.date(2005, 1, 1)
    width = len(str(n))
    return [_article(rng, world, f"a{i:0{width}d}", start + dt.timedelta(days=rng.randint(0, 3650)))
            for i in range(n)]


def write(articles: list[Article], folder: Path) -> Path:
    """Write the articles and planted.tsv into `folder` (created); returns the planted-facts file."""
    folder.mkdir(parents=True, exist_ok=True)
    for art in articles:
        (folder / f"{art.stem}.txt").write_text(art.text, encoding="utf-8")
    planted = folder / "planted.tsv"   # not an article: the builder reads only .txt and .md
    with planted.open("w", encoding="utf-8") as fh:
        fh.write("article\tsubject\trelation\tobject\n")
        for art in articles:
            for s, rel, o in art.facts:
                fh.write(f"{art.stem}\t{s}\t{rel}\t{o}\n")
    return planted


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("folder", type=Path)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    planted = write(generate(args.n, args.seed), args.folder)
    print(f"{args.n} articles in {args.folder}/, planted facts in {planted}")


if __name__ == "__main__":
    main()
