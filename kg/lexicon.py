"""Lexicons: general knowledge about news language, never about one article.

Everything here is keyed on word classes (demonyms, ranks, verbs of attack),
so that a rule built on it holds for any war, any outlet and any year.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources

def _read_countries() -> dict[str, tuple[str, tuple[str, ...], str]]:
    rows = {}
    for line in resources.files("kg.data").joinpath("countries.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            country, adjective, forms, people = line.split("\t")
            rows[country] = (adjective, tuple(forms.split(",")), people)
    return rows


# country -> (institutional adjective used in canonical names, demonym and name forms, plural people noun)
COUNTRIES: dict[str, tuple[str, tuple[str, ...], str]] = _read_countries()

# demonym form -> country
DEMONYM: dict[str, str] = {f: c for c, (_, forms, _) in COUNTRIES.items() for f in forms}
# plural people noun -> country ("Iraqis" -> Iraq)
PEOPLE_NOUN: dict[str, str] = {p.lower(): c for c, (_, _, p) in COUNTRIES.items()}
ADJECTIVE: dict[str, str] = {c: a for c, (a, _, _) in COUNTRIES.items()}

# religious and ethnic group adjectives/nouns -> canonical plural
RELIGIOUS_ETHNIC: dict[str, str] = {
    "shiite": "Shiites", "shiites": "Shiites", "shia": "Shiites", "shi'ite": "Shiites", "shiah": "Shiites",
    "sunni": "Sunnis", "sunnis": "Sunnis", "kurd": "Kurds", "kurds": "Kurds", "kurdish": "Kurds",
    "muslim": "Muslims", "muslims": "Muslims", "christian": "Christians", "christians": "Christians",
    "jewish": "Jews", "jews": "Jews", "jew": "Jews", "arab": "Arabs", "arabs": "Arabs",
    "turkmen": "Turkmen", "alawite": "Alawites", "alawites": "Alawites", "druze": "Druze",
    "hindu": "Hindus", "hindus": "Hindus", "sikh": "Sikhs", "sikhs": "Sikhs", "buddhist": "Buddhists",
    "catholic": "Catholics", "catholics": "Catholics", "protestant": "Protestants",
    "pashtun": "Pashtuns", "pashtuns": "Pashtuns", "tamil": "Tamils", "tamils": "Tamils",
    "hutu": "Hutus", "tutsi": "Tutsis", "yazidi": "Yazidis", "yazidis": "Yazidis",
    "assyrian": "Assyrians", "copt": "Copts", "coptic": "Copts", "maronite": "Maronites",
    "baluch": "Baluch", "uighur": "Uighurs", "uyghur": "Uyghurs", "rohingya": "Rohingya",
}

# nouns naming an armed or state force; "<demonym> <noun>" is that country's military
FORCE_NOUNS = {"military", "militaries", "army", "forces", "force", "troops", "soldiers", "soldier",
               "marines", "warplanes", "jets", "aircraft", "paratroopers", "servicemen", "navy", "personnel",
               "commandos", "drones", "warplane", "warship", "warships", "frigate", "frigates", "destroyer",
               "destroyers", "gunboats", "bombers"}
POLICE_NOUNS = {"police", "policemen", "police force"}
GUARD_NOUNS = {"guard", "guardsmen"}
GOVERNMENT_NOUNS = {"government", "administration", "regime", "cabinet"}
INTERIM_WORDS = {"interim", "transitional", "provisional", "caretaker"}
MINISTRY_WORDS = {"defense", "defence", "health", "interior", "foreign", "finance", "oil", "justice",
                  "education", "information", "trade", "agriculture", "transport", "electricity", "security",
                  "economy", "culture", "energy", "labor", "labour", "environment", "communications", "religious",
                  "petroleum", "water", "housing", "tourism", "industry", "planning", "youth", "welfare"}
# what stands before a force noun and still names the country's military: "security forces", "armed forces"
FORCE_MODIFIERS = {"security", "armed", "government", "special", "ground", "air", "regular", "national",
                   "military", "state"}
# institutions of a country named with a common noun: "<demonym> <noun>" -> "<Adjective> <kind>"
GOVERNMENT_WORDS = {"government", "authorities", "official", "officials", "presidency", "leadership"}
PARLIAMENT_WORDS = {"parliament", "legislature", "congress"}
INTELLIGENCE_WORDS = {"intelligence", "spy"}

# nouns for an armed group's men: "X's militia", "forces loyal to X" describe the armed group X leads
ARMED_NOUNS = {"militia", "army", "forces", "fighters", "militiamen", "men", "troops", "rebels", "gunmen", "militants",
               "guerrillas", "insurgents"}
# nouns for members of an armed group: "<Org> fighters" acting = the organisation
MEMBER_NOUNS = {"fighters", "fighter", "militiamen", "militiaman", "militants", "gunmen", "members", "member",
                "militia", "militias", "party", "group", "movement", "faction", "network", "wing",
                "forces", "troops", "soldiers", "men", "guerrillas", "guerillas", "insurgents",
                "rebels", "loyalists", "supporters", "followers", "units", "unit", "battalion",
                "battalions", "brigade", "officials", "official", "spokesmen", "representatives",
                "office", "offices", "headquarters", "positions", "bomber", "bombers", "gunman", "attacker",
                "attackers", "assailant", "assailants", "commanders", "operatives"}

# nouns that stand for their author or sender: "a Washington Post article accused ..."
PROXY_NOUNS = {"article", "report", "statement", "editorial", "memo", "newspaper", "broadcast", "aides", "aide",
               "envoys", "envoy", "negotiators", "spokesmen", "representatives", "officials", "official", "command"}
# hyphenated participles: "US-installed", "Iranian-backed", "British-controlled"
HYPHEN_PARTICIPLES = {"lead": "leads", "install": "supports", "instal": "supports", "appoint": "supports", "impose": "supports",
                      "back": "supports", "support": "supports", "sponsor": "supports",
                      "arm": "supports", "fund": "supports", "finance": "supports", "control": "controls",
                      "occupy": "controls", "hold": "controls", "dominate": "controls"}
# nouns of holding a place: "the US occupation of Iraq", "in control of X"
CONTROL_NOUNS = {"occupation": "controls", "control": "controls", "invasion": "attacked", "siege": "attacked",
                 "bombardment": "attacked", "blockade": "attacked"}
MILITARY_UNIT_WORDS = {"division", "brigade", "regiment", "battalion", "corps", "fleet", "squadron", "company",
                       "infantry", "cavalry", "airborne"}
# organisation nouns for possessive descriptions: "Sadr's movement" is an Organization Sadr leads
ORG_DESCRIPTION_NOUNS = {"movement", "militia", "party", "bloc", "organisation", "organization", "office",
                         "government", "administration", "army", "newspaper", "network", "group",
                         "faction", "coalition", "alliance", "regime", "cabinet", "forces", "campaign"}

# place-type nouns: "the city of X", "the Iraqi city of X"
PLACE_NOUNS = {"city", "town", "village", "province", "district", "region", "suburb", "neighbourhood",
               "neighborhood", "area", "capital", "country", "state", "port", "island", "county",
               "governorate", "slum", "enclave", "quarter", "municipality", "valley", "zone", "street", "road",
               "avenue", "boulevard", "highway", "countryside"}
PLACE_NOUNS |= {n + "s" for n in PLACE_NOUNS} | {"cities", "countries", "suburbs"}
# common nouns that turn a preceding name into an organisation's name: "the Houthi movement"
NAMED_ORG_NOUNS = {"movement", "party", "militia", "bloc", "faction", "front", "alliance", "coalition"}
# site nouns: "<Name> shrine", "the Kufa mosque" are places
SITE_NOUNS = {"shrine", "mosque", "cemetery", "church", "temple", "synagogue", "cathedral", "airport",
              "palace", "hospital", "university", "prison", "jail", "center", "centre", "bridge", "square",
              "stadium", "embassy", "mausoleum", "compound", "market", "bazaar", "camp", "base",
              "station", "hotel", "museum", "monastery", "fortress", "citadel", "dam", "refinery", "refuge", "park",
              "reserve", "sanctuary", "plaza", "basilica", "cistern", "hippodrome", "hill", "forum", "gate"}
# US states and their newspaper abbreviations ("BURNS, Ore."): general knowledge, for datelines and "City, State"
US_STATES = dict(line.split("=") for line in """Ala.=Alabama Alaska=Alaska Ariz.=Arizona Ark.=Arkansas
Calif.=California Colo.=Colorado Conn.=Connecticut Del.=Delaware Fla.=Florida Ga.=Georgia Hawaii=Hawaii Idaho=Idaho
Ill.=Illinois Ind.=Indiana Iowa=Iowa Kan.=Kansas Ky.=Kentucky La.=Louisiana Maine=Maine Md.=Maryland
Mass.=Massachusetts Mich.=Michigan Minn.=Minnesota Miss.=Mississippi Mo.=Missouri Mont.=Montana Neb.=Nebraska
Nev.=Nevada N.H.=New_Hampshire N.J.=New_Jersey N.M.=New_Mexico N.Y.=New_York N.C.=North_Carolina
N.D.=North_Dakota Ohio=Ohio Okla.=Oklahoma Ore.=Oregon Pa.=Pennsylvania R.I.=Rhode_Island S.C.=South_Carolina
S.D.=South_Dakota Tenn.=Tennessee Texas=Texas Utah=Utah Vt.=Vermont Va.=Virginia Wash.=Washington
W.Va.=West_Virginia Wis.=Wisconsin Wyo.=Wyoming""".replace("_", "\0").split())
US_STATES = {k: v.replace("\0", " ") for k, v in US_STATES.items()}
US_STATES.update({v: v for v in list(US_STATES.values())})

# titles and roles: phrase -> role kind (None = title only)
_TITLES = """
grand ayatollah|religious
ayatollah|religious
hojatoleslam|religious
imam|religious
cleric|religious
sheik|religious
sheikh|religious
mullah|religious
pope|religious
cardinal|religious
archbishop|religious
bishop|religious
rabbi|religious
reverend|religious
prime minister|leader
deputy prime minister|member
president|leader
vice president|member
king|leader
queen|leader
prince|none
emir|leader
chancellor|leader
premier|leader
governor|leader
mayor|leader
chairman|leader
chairwoman|leader
leader|leader
head|leader
chief|leader
founder|leader
commander|leader
director|leader
secretary-general|leader
secretary general|leader
minister|member
foreign minister|member
defense minister|member
defence minister|member
interior minister|member
secretary of state|member
defense secretary|member
secretary|member
senator|member
sen.|member
lawmaker|member
legislator|member
parliamentarian|member
speaker|member
ambassador|member
envoy|member
diplomat|member
official|member
officer|member
judge|member
spokesman|spokesperson
spokeswoman|spokesperson
spokesperson|spokesperson
aide|aide
adviser|aide
advisor|aide
assistant|aide
representative|aide
deputy|aide
general|member
gen.|member
lieutenant general|member
lt. gen.|member
major general|member
maj. gen.|member
brigadier general|member
brig. gen.|member
colonel|member
col.|member
lieutenant colonel|member
lt. col.|member
major|member
maj.|member
captain|member
capt.|member
lieutenant|member
lt.|member
1st lt.|member
2nd lt.|member
first lieutenant|member
second lieutenant|member
sergeant|member
sgt.|member
1st sgt.|member
staff sgt.|member
sgt. maj.|member
master sgt.|member
corporal|member
cpl.|member
private|member
pvt.|member
admiral|member
adm.|member
vice admiral|member
politician|none
analyst|none
journalist|none
correspondent|none
reporter|none
editor|none
activist|none
lawyer|none
negotiator|none
"""
TITLES: dict[str, str] = {}
for _line in _TITLES.strip().splitlines():
    _p, _k = _line.split("|")
    TITLES[_p] = _k
TITLE_MAX_WORDS = max(len(t.split()) for t in TITLES)
TITLE_WORDS = {w for t in TITLES for w in t.split()}     # every word of an office: "Chief", "Executive", "of"
MILITARY_RANKS = {t for t, k in TITLES.items() if k == "member" and any(
    w in t for w in ("general", "gen.", "colonel", "col.", "major", "maj.", "captain", "capt.", "lieutenant",
                     "lt.", "sergeant", "sgt.", "corporal", "cpl.", "private", "pvt.", "admiral", "adm."))}
ROLE_RELATION = {"leader": "leads", "member": "memberOf", "spokesperson": "spokespersonFor", "aide": "aideTo"}


def _read_roles() -> dict[str, str]:
    """Nouns for people by their role (kg/data/roles.tsv, from the Phoenix agents) -> role kind: the titles'
    kind where the title table has one, 'aide' for a lawyer (who acts for a client), else 'none'."""
    out = {}
    for line in resources.files("kg.data").joinpath("roles.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            role = line.split("\t")[0]
            out[role] = TITLES.get(role, "aide" if role in ("attorney", "lawyer", "defense lawyer") else "none")
    return out


ROLES: dict[str, str] = {**_read_roles(), **TITLES}
ROLE_MAX_WORDS = max(len(r.split()) for r in ROLES)
# titles of heads of state and government: "Russian President X" leads Russia
HEAD_OF_STATE = {"president", "king", "queen", "chancellor", "emir", "sultan", "supreme leader", "monarch",
                 "head of state"}

# verbs -> relation; value: (relation, prepositions that introduce the object, or () for a direct object)
VERBS: dict[str, tuple[str, tuple[str, ...]]] = {
    "attack": ("attacked", ()), "assault": ("attacked", ()), "raid": ("attacked", ()),
    "bomb": ("attacked", ()), "shell": ("attacked", ()), "strike": ("attacked", ()),
    "storm": ("attacked", ()), "ambush": ("attacked", ()), "invade": ("attacked", ()),
    "bombard": ("attacked", ()), "target": ("attacked", ()), "pound": ("attacked", ()),
    "fire": ("attacked", ("on", "at")), "shoot": ("attacked", ("at", "on")), "mortar": ("attacked", ()),
    "fight": ("foughtWith", ("with", "against", "")), "clash": ("foughtWith", ("with",)),
    "battle": ("foughtWith", ("with", "against", "")), "confront": ("opposes", ()),
    "kill": ("killed", ()), "murder": ("killed", ()), "assassinate": ("killed", ()), "execute": ("killed", ()),
    "arrest": ("arrested", ()), "detain": ("arrested", ()), "capture": ("arrested", ()),
    "apprehend": ("arrested", ()), "kidnap": ("arrested", ()),
    "accuse": ("accused", ()), "blame": ("accused", ()), "denounce": ("accused", ()),
    "condemn": ("accused", ()), "criticize": ("accused", ()), "criticise": ("accused", ()),
    "vilify": ("accused", ()),
    "negotiate": ("negotiatedWith", ("with",)), "broker": ("brokered", ()), "mediate": ("brokered", ()),
    "control": ("controls", ()), "hold": ("controls", ()), "occupy": ("controls", ()),
    "seize": ("controls", ()), "dominate": ("controls", ()),
    "withdraw": ("withdrewFrom", ("from",)), "retreat": ("withdrewFrom", ("from",)),
    "leave": ("withdrewFrom", ()), "evacuate": ("withdrewFrom", ()), "abandon": ("withdrewFrom", ()),
    "support": ("supports", ()), "back": ("supports", ()), "endorse": ("supports", ()),
    "help": ("supports", ()), "assist": ("supports", ()), "aid": ("supports", ()),
    "combat": ("foughtWith", ()),
    "arm": ("supports", ()), "fund": ("supports", ()), "finance": ("supports", ()), "install": ("supports", ()),
    "oppose": ("opposes", ()), "resist": ("opposes", ()), "reject": ("opposes", ()), "defy": ("opposes", ()),
    "lead": ("leads", ()), "head": ("leads", ()), "command": ("leads", ()), "found": ("leads", ()),
    "run": ("leads", ()), "chair": ("leads", ()),
    "join": ("memberOf", ()),
    "retake": ("controls", ()), "recapture": ("controls", ()), "reclaim": ("controls", ()), "regain": ("controls", ()),
    "retook": ("controls", ()),     # the small model's lemma of "retook"
}
# verbs whose preposition makes the relation: (lemma, preposition) -> relation, and the nouns the preposition's
# object must be ("" = any; the relation's object is then the verb's direct object)
PREP_VERBS: dict[tuple[str, str], tuple[str, frozenset[str]]] = {
    ("run", "against"): ("rivalOf", frozenset()), ("stand", "against"): ("rivalOf", frozenset()),
    ("compete", "against"): ("rivalOf", frozenset()), ("campaign", "against"): ("opposes", frozenset()),
    ("rebel", "against"): ("opposes", frozenset()), ("protest", "against"): ("opposes", frozenset()),
    ("fight", "alongside"): ("supports", frozenset()), ("battle", "alongside"): ("supports", frozenset()),
    ("challenge", "for"): ("rivalOf", frozenset({"presidency", "leadership", "seat", "post", "nomination",
                                                  "election", "premiership", "chairmanship", "throne", "office"})),
}
# "X took power (in Y)": X leads the country
POWER_VERBS = {"take", "seize", "assume", "grab", "win"}
# phrasal verbs: (lemma, particle) -> relation and object prepositions
PHRASAL: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {
    ("pull", "back"): ("withdrewFrom", ("from",)), ("pull", "out"): ("withdrewFrom", ("of", "from")),
    ("move", "out"): ("withdrewFrom", ("of", "from")), ("take", "over"): ("controls", ()),
    ("fall", "back"): ("withdrewFrom", ("from",)), ("open", "fire"): ("attacked", ("on", "at")),
}
# adjectives/participles: "X-backed", "pro-X", "loyal to X"
SUPPORT_ADJECTIVES = {"loyal": "supports", "allied": "supports", "sympathetic": "supports", "affiliated": "supports",
                      "linked": "supports", "aligned": "supports", "supportive": "supports", "close": "supports",
                      "hostile": "opposes", "opposed": "opposes"}

SPEECH_VERBS = {"say", "tell", "declare", "state", "announce", "claim", "report", "add", "insist",
                "comment", "note", "warn", "deny", "describe", "explain", "shout", "write", "argue",
                "reply", "respond", "admit", "confirm", "allege", "assert", "stress", "vow", "predict",
                "acknowledge", "suggest", "testify", "complain", "charge", "accuse", "blame", "call",
                # a demand, an appeal or a pledge is something said (the annotation counts them as `said`)
                "demand", "urge", "appeal", "pledge", "promise", "propose", "recommend", "reiterate",
                "emphasize", "emphasise", "indicate", "tweet", "signal"}
# verbs whose complement is not a fact: "refused to fight", "tried to capture"
# verbs that charge someone with a deed: "accused X of …", "blamed X for …"
CHARGE_VERBS = {"accuse", "blame", "charge", "suspect", "condemn", "criticize", "criticise", "denounce"}
# verbs of saying that deny what follows: the claim they report has negative polarity
# verbs of reacting to an event: who does them takes no part in it ("the attack was condemned by the UN")
REACTION_VERBS = {"welcome", "praise", "hail", "applaud", "deplore", "decry", "slam", "investigate", "witness",
                  "describe", "see", "watch", "film", "cover", "mourn", "criticize", "criticise", "condemn",
                  "denounce", "report", "confirm", "announce", "question", "probe"}
DENIALS = {"deny", "reject", "dismiss", "refute", "rebut", "disown", "disclaim", "contest", "dispute"}
NONFACTIVE = {"refuse", "fail", "try", "attempt", "threaten", "plan", "want", "expect", "demand",
              "urge", "vow", "intend", "seek", "hope", "order", "ask", "prepare", "aim", "wish",
              "need", "pledge", "promise", "propose", "agree", "decide", "consider", "call",
              "allow", "prevent", "stop", "avoid", "deny", "claim", "allege", "push", "drive",
              "compel", "force", "pressure", "persuade", "warn", "be", "decline", "rule", "resist"}
MODALS = {"would", "could", "may", "might", "should", "must", "will", "shall", "ca", "can", "'d", "'ll"}

# event trigger nouns -> class
EVENT_NOUNS: dict[str, str] = {
    "assault": "Attack", "attack": "Attack", "offensive": "Attack", "raid": "Attack",
    "bombardment": "Attack", "bombing": "Attack", "shelling": "Attack", "airstrike": "Attack",
    "siege": "Attack", "crackdown": "Attack", "invasion": "Attack", "ambush": "Attack",
    "campaign": "Attack", "strike": "Attack", "showdown": "Attack", "incursion": "Attack", "attempt": "Attack",
    "clash": "Clash", "clashes": "Clash", "fighting": "Clash", "battle": "Clash", "skirmish": "Clash",
    "uprising": "Clash", "rebellion": "Clash", "insurrection": "Clash", "insurgency": "Clash",
    "combat": "Clash", "firefight": "Clash", "gunbattle": "Clash", "war": "Clash", "revolt": "Clash",
    "truce": "Agreement", "ceasefire": "Agreement", "cease-fire": "Agreement", "deal": "Agreement",
    "agreement": "Agreement", "accord": "Agreement", "treaty": "Agreement", "armistice": "Agreement",
    "plan": "Agreement", "cessation": "Agreement",
    "march": "Demonstration", "demonstration": "Demonstration", "protest": "Demonstration",
    "rally": "Demonstration", "sit-in": "Demonstration",
    "arrest": "Arrest", "detention": "Arrest", "kidnapping": "Arrest", "kidnap": "Arrest", "abduction": "Arrest",
    "massacre": "Attack", "overthrow": "Clash", "ouster": "Clash", "coup": "Clash", "takeover": "Attack",
    "negotiation": "Negotiation", "negotiations": "Negotiation", "talks": "Negotiation",
    "conference": "Meeting", "meeting": "Meeting", "summit": "Meeting",
    "election": "Election", "elections": "Election", "referendum": "Election",
}
# a "plan" is an Agreement only as a peace plan
EVENT_NEEDS_MODIFIER = {"plan": {"peace"}, "strike": {"air", "mortar", "missile", "rocket", "drone"},
                        "campaign": set(), "war": {"civil"}, "cessation": {"hostilities"}, "attempt": {"assassination", "murder", "coup", "bombing"}}
# ... or a verb of killing that says what was attempted: "an attempt was made to assassinate X"
EVENT_NEEDS_VERB = {"attempt": {"assassinate", "kill", "murder", "bomb", "overthrow"}}
# verbs of taking back: "an assault to reclaim the hotel" answers the attack that took it
RECLAIMING = {"retake", "reclaim", "recapture", "regain", "liberate", "free"}
# verbs that make their subject a participant of the event they take as object
EVENT_VERBS = {"launch", "begin", "stage", "mount", "wage", "carry", "hold", "sign", "conduct", "claim",
               "negotiate", "declare", "call", "lead", "join", "continue", "resume", "fight",
               "organize", "organise", "start", "step", "escalate", "end", "win", "reach", "strike",
               "agree", "accept", "break", "violate", "attend"}


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("\u2019", "'").replace("\u2018", "'").casefold()
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"['`\u02bf\u02be]", "", s)
    s = re.sub(r"[^\w\s]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return re.sub(r"^the ", "", s)


@functools.lru_cache(maxsize=1 << 16)
def skeleton(text: str) -> str:
    """A transliteration-tolerant key: Muqtada/Moqtada/Moktada, Diwaniya/Diwaniyah agree."""
    out = []
    for w in fold(text).split():
        if w in ("al", "el"):
            continue
        w = w.replace("q", "k").replace("ph", "f").replace("ou", "u").replace("dh", "d").replace("kh", "k")
        w = re.sub(r"h$", "", w)
        w = re.sub(r"(.)\1+", r"\1", w)
        w = w[0] + re.sub(r"[aeiouy]", "", w[1:]) if w else w
        out.append(w)
    return " ".join(out)


@functools.lru_cache(maxsize=1)
def gazetteer() -> dict[str, dict[str, set[str]]]:
    """skeleton -> kind ('country', 'capital', 'city') -> the folded names of that kind, from the place list."""
    table: dict[str, dict[str, set[str]]] = {}
    text = resources.files("kg.data").joinpath("places.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        name, kind, _country = line.split("\t")
        table.setdefault(skeleton(name), {}).setdefault(kind, set()).add(fold(name))
    return table


def _one_edit(a: str, b: str) -> bool:
    """At most one letter inserted, deleted or changed."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


@functools.lru_cache(maxsize=1 << 15)
def place_kind(name: str) -> set[str]:
    """The kinds of place a name is: a city by its sound (transliterations vary: 'Fallujah', 'Falluja'), a
    country or a capital only when spelt so, give or take a letter ('Munich' is no country, though it sounds
    like one)."""
    entry = gazetteer().get(skeleton(name), {})
    key = fold(name)
    return {kind for kind, names in entry.items()
            if kind == "city" or key in names or any(_one_edit(key, n) for n in names)}


@functools.lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    text = resources.files("kg.data").joinpath("places.tsv").read_text(encoding="utf-8")
    return frozenset(fold(line.split("\t")[0]) for line in text.splitlines() if line and not line.startswith("#"))


def is_place_name(name: str) -> bool:
    """The gazetteer has a place spelt exactly so (place_kind also answers for names that only sound alike)."""
    return fold(name) in _place_names()


@functools.lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """capital name -> country name, for the countries the lexicon knows."""
    text = resources.files("kg.data").joinpath("places.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    country_of_iso = {iso: name for name, kind, iso in rows if kind == "country"}
    return {name: country_of_iso[iso] for name, kind, iso in rows
            if kind == "capital" and country_of_iso.get(iso) in COUNTRIES}


@functools.lru_cache(maxsize=1)
def _place_countries() -> dict[str, set[str]]:
    """folded place name -> the countries (of the lexicon) that have a city or capital of that name."""
    text = resources.files("kg.data").joinpath("places.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    country_of_iso = {iso: name for name, kind, iso in rows if kind == "country"}
    table: dict[str, set[str]] = {}
    for name, kind, iso in rows:
        if kind in ("city", "capital") and country_of_iso.get(iso) in COUNTRIES:
            table.setdefault(fold(name), set()).add(country_of_iso[iso])
    return table


def countries_of(name: str) -> set[str]:
    """Every country of the lexicon with a city or capital of that name."""
    return set(_place_countries().get(fold(name), set()))


def country_of(name: str) -> str | None:
    """'Kampala' -> 'Uganda': the country of a city the gazetteer knows in exactly one country."""
    found = _place_countries().get(fold(name), set())
    return next(iter(found)) if len(found) == 1 else None


def capital_of(name: str) -> str | None:
    """'Tehran' -> 'Iran': a capital names its government when it acts."""
    return _capitals().get(name)


# verbs and nouns that make a capital city an actor: "Washington believed", "Tehran's support"
AGENT_VERBS = {"believe", "want", "say", "claim", "decide", "support", "back", "oppose", "demand", "warn",
               "threaten", "accuse", "insist", "escalate", "pressure", "push", "seek", "refuse", "agree",
               "announce", "deny", "reject", "condemn", "urge", "hope", "fear", "plan", "intend", "send",
               "order", "impose", "sanction", "recognize", "recognise", "veto", "approve", "fund", "arm"}
# names that are always organisations, whatever the model makes of them: platforms and outlets everyone names,
# legislatures and forces by their one-word names, parties by their members' plural
KNOWN_ORGANIZATIONS = {"Twitter", "Facebook", "YouTube", "Instagram", "WhatsApp", "Telegram", "Weibo", "WeChat",
                       "Google", "Reddit", "TikTok", "Congress", "Parliament", "Senate", "Knesset", "Duma", "Majlis",
                       "Bundestag", "Navy", "Pentagon", "Kremlin", "Republicans", "Democrats", "Conservatives",
                       "Tories", "Labour", "Liberal Democrats", "Socialists"}
# nouns of people a nationality or faith describes: "German tourists" are Germans
PEOPLE_NOUNS = {"people", "tourist", "citizen", "national", "resident", "worker", "student", "civilian", "migrant",
                "refugee", "journalist", "man", "woman", "child", "family", "population", "community", "voter",
                "pilgrim", "villager", "hostage", "victim", "passenger", "visitor", "businessman", "doctor", "teacher",
                "volunteer", "expatriate", "immigrant", "worshipper", "protester", "demonstrator", "youth", "majority",
                "minority", "descent", "origin"}
# people one seizes or captures: then it is an arrest, not taking control ("seized two boats and their crews")
CAPTIVES = PEOPLE_NOUNS | {"crew", "sailor", "soldier", "marine", "member", "girl", "boy", "schoolgirl", "pupil",
                           "officer", "personnel", "serviceman", "aid worker", "activist", "fisherman", "diplomat"}
# what two governments have with each other: "a diplomatic row with Moscow", "relations between A and B"
DIPLOMACY_NOUNS = {"row", "dispute", "relations", "ties", "tensions", "tension", "rift", "spat", "standoff", "feud",
                   "rapprochement", "detente", "talks", "negotiations", "agreement", "deal", "treaty"}
# what a capital holds or sends that is its government's: "the gamble in Washington", "rule from Moscow"
CAPITAL_VIEWS = {"gamble", "view", "thinking", "mood", "calculation", "consensus", "debate", "hope", "hopes", "fear",
                 "fears", "concern", "concerns", "worry", "rule", "orders", "order", "control", "pressure",
                 "interference", "dictate", "dictates", "instructions", "signal", "signals", "message"}
AGENT_NOUNS = {"support", "backing", "policy", "decision", "demands", "position", "stance", "approval",
               "ally", "allies", "plan", "strategy", "confrontation", "pressure", "sanctions", "envoy",
               "government", "officials", "blessing", "opposition", "involvement", "influence"}


# words that charge their doer with wrongdoing, in a quote: the speaker accuses the doer
ACCUSATORY = {
    "terrorist", "terrorists", "terrorism", "terrorise", "terrorize", "saboteur", "saboteurs", "sabotage",
    "murder", "murderer", "murderers", "execute", "threat", "threats", "threaten", "criminal", "criminals", "crime",
    "crimes", "thug", "thugs", "massacre", "massacres", "atrocity", "atrocities", "aggression", "brutality",
    "torture", "kidnap", "kidnapping", "violate", "violation", "loot", "looting", "exterminate", "genocide",
    "war crime", "death squad", "death squads", "mercenary", "mercenaries", "bastards", "traitor", "traitors",
}


@functools.lru_cache(maxsize=1)
def _actors() -> tuple[dict[str, str], dict[str, str]]:
    """Named actors of the Phoenix dictionaries (kg/data/actors.tsv): folded name -> kind, and folded name of an
    organisation or a variant of it -> its dictionary name."""
    kinds: dict[str, str] = {}
    groups: dict[str, str] = {}
    text = resources.files("kg.data").joinpath("actors.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        name, kind, _code, variants = line.split("\t")
        for n in [name, *filter(None, variants.split("|"))]:
            key = fold(n)
            kinds.setdefault(key, kind)
            if kind == "Organization":
                groups.setdefault(key, name)
    return kinds, groups


def _plural_group(name: str) -> str:
    """'Houthi' (as in 'Houthi rebels') -> 'houthis' when the dictionaries name the group in the plural."""
    key = fold(name)
    if " " not in key and name[:1].isupper() and key not in _actors()[0] and key + "s" in _actors()[1]:
        return key + "s"
    return key


def actor_kind(name: str) -> str | None:
    """'Boko Haram' -> Organization, 'Barack Obama' -> Person: what the dictionaries know a name to be."""
    return _actors()[0].get(_plural_group(name))


def actor_group(name: str) -> str | None:
    """The dictionary name of an organisation for any of its spellings ('ISIL', 'Daesh' -> 'The Islamic State')."""
    return _actors()[1].get(_plural_group(name))


@functools.lru_cache(maxsize=1)
def actor_names() -> dict[str, list[tuple[str, ...]]]:
    """Organisation names of two or more words from the actor dictionaries, as lower-case token tuples by
    their first token, longest first: names the parser may miss ("Islamic State's capital")."""
    table: dict[str, list[tuple[str, ...]]] = {}
    text = resources.files("kg.data").joinpath("actors.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        name, kind, code, variants = line.split("\t")
        if kind != "Organization":
            continue
        # one-word names only for armed groups and international organisations ("Hezbollah", "ECOWAS"): a
        # company's or a person's one-word name is too often an ordinary word
        armed = "REB" in code or code.startswith(("IMG", "IGO"))
        for n in [name, *filter(None, variants.split("|"))]:
            # tokens as the parser cuts them: "People's" is "People" + "'s"
            words = tuple(re.findall(r"[\w']+|[^\w\s]", re.sub(r"(\w)'s\b", r"\1 's", n.lower())))
            if words and words[0] == "the":
                words = words[1:]
            # an armed group's acronym of three letters ("PKK", "YPG") is matched only as written, in capitals
            acronym = len(words) == 1 and n.isupper() and n.isalpha() and len(n) == 3
            if len(words) >= 2 or len(words) == 1 and armed and (len(words[0]) >= 4 or acronym):
                table.setdefault(words[0], []).append(words)
    for forms in table.values():
        forms.sort(key=lambda w: -len(w))
    return table


@functools.lru_cache(maxsize=1)
def verb_frames() -> tuple[dict[tuple[str, str], list[tuple[str, str]]], dict[str, list[tuple]]]:
    """The CAMEO verb dictionary as converted by scripts/make_verbs.py: (verb, particle) -> [(block, relation)]
    and block -> patterns (weight, verb, subject, object, modifiers, preps, relation), most specific first."""
    verbs: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for line in resources.files("kg.data").joinpath("verbs.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith(("#", "verb\t")):
            verb, particle, block, _code, rel = line.split("\t")
            verbs.setdefault((verb, particle), []).append((block, rel))
    patterns: dict[str, list[tuple]] = {}
    for line in resources.files("kg.data").joinpath("verb_patterns.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith(("#", "block\t")):
            block, verb, subj, obj, mods, preps, _code, rel = line.split("\t")
            prep_list = tuple((p.split("=")[0], frozenset(filter(None, p.split("=")[1].split(","))))
                              for p in preps.split("|") if p)
            weight = bool(subj) + bool(obj) + len(mods.split()) + sum(1 + bool(h) for _p, h in prep_list)
            patterns.setdefault(block, []).append((weight, verb, subj, obj, frozenset(mods.split()), prep_list, rel))
    for rows in patterns.values():
        rows.sort(key=lambda r: (-r[0], r[1:4], r[6]))
    return verbs, patterns
