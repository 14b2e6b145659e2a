"""Entity resolution on hand-made records (no model needed)."""
from pathlib import Path

from kg import lexicon as lx
from kg.extract.records import Fact, Mention
from kg.resolve import Aliases, resolve

ALIASES = Path(__file__).resolve().parent.parent / "ontology" / "aliases.tsv"


def M(start, text, cls="Person", canonical=""):
    return Mention(start, start + len(text), cls, text, canonical)


def E(start, text, cls="Attack", **kw):
    """An event mention: its trigger is the last word."""
    return Mention(start, start + len(text), cls, text, head=text.split()[-1], **kw)


def placed(kg):
    """The events that have a place."""
    return {s for s, r, _o in kg.facts if r == "occurredIn"}


def build(*articles):
    return resolve([(stem, {}, list(ms), list(fs)) for stem, ms, fs in articles], Aliases(ALIASES))


def node_of(kg, name):
    hits = [e for e in kg.entities.values() if e.label == name or name in e.aliases]
    assert len(hits) == 1, (name, hits)
    return hits[0]


def test_transliteration_variants_merge_across_articles():
    kg = build(("a", [M(0, "Muqtada al-Sadr"), M(20, "Diwaniya", "Place")], []),
               ("b", [M(0, "Moqtada al-Sadr"), M(20, "Diwaniyah", "Place")], []),
               ("c", [M(0, "Moktada al-Sadr")], []))
    sadr = node_of(kg, "Muqtada al-Sadr")
    assert {"Moqtada al-Sadr", "Moktada al-Sadr", "Muqtada al-Sadr"} == sadr.aliases | {sadr.label}
    assert sadr.docs == {"a", "b", "c"}
    assert node_of(kg, "Diwaniya") is node_of(kg, "Diwaniyah")


def test_short_forms_within_an_article_and_types_never_merge():
    kg = build(("a", [M(0, "Hamid Karzai"), M(30, "Karzai"), M(50, "Karzai City", "Place"), M(70, "Hamid")], []))
    karzai = node_of(kg, "Hamid Karzai")
    assert "Karzai" in karzai.aliases and "Hamid" in karzai.aliases
    assert node_of(kg, "Karzai City").cls == "Place"
    assert node_of(kg, "Karzai City") is not karzai


def test_acronyms_meet_their_expansions_across_articles():
    kg = build(("a", [M(0, "Supreme Council for the Islamic Revolution in Iraq", "Organization")], []),
               ("b", [M(0, "SCIRI", "Organization")], []))
    assert node_of(kg, "SCIRI") is node_of(kg, "Supreme Council for the Islamic Revolution in Iraq")


def test_alias_file_and_never_merge(tmp_path):
    kg = build(("a", [M(0, "Jaish al-Mahdi", "Organization")], []), ("b", [M(0, "Mahdi Army", "Organization")], []))
    assert node_of(kg, "Jaish al-Mahdi").label == "Mahdi Army"
    f = tmp_path / "aliases.tsv"
    f.write_text("never\tPerson:Ali Hassan\tPerson:Ali Hasan\n", encoding="utf-8")
    kg = resolve([("a", {}, [M(0, "Ali Hassan")], []), ("b", {}, [M(0, "Ali Hasan")], [])], Aliases(f))
    assert len([e for e in kg.entities.values() if e.cls == "Person"]) == 2


def test_bad_alias_line_is_reported_with_its_line_number(tmp_path):
    f = tmp_path / "aliases.tsv"
    f.write_text("# ok\nsame\tPlanet\tMars\tRed Planet\n", encoding="utf-8")
    try:
        Aliases(f)
    except ValueError as exc:
        assert "aliases.tsv:2" in str(exc) and "Person" in str(exc)
    else:
        raise AssertionError("no error for a bad alias line")


def test_same_fact_in_two_sentences_is_one_triple_with_two_evidences():
    a, b = M(0, "Ana Ruiz"), M(10, "Green Party", "Organization")
    a2, b2 = M(100, "Ana Ruiz"), M(110, "Green Party", "Organization")
    facts = [Fact(a, "leads", b, "", 0, 50, "t", 0.8), Fact(a2, "leads", b2, "", 100, 150, "t", 0.8)]
    kg = build(("a", [a, b, a2, b2], facts))
    (key, evidences), = kg.facts.items()
    assert key[1] == "leads" and len(evidences) == 2


def test_symmetric_relations_are_stated_once_and_bad_signatures_dropped():
    x, y, p = M(0, "Red Army", "Organization"), M(20, "Blue Front", "Organization"), M(40, "Paris", "Place")
    kg = build(("a", [x, y, p], [Fact(y, "foughtWith", x, "", 0, 9, "t", .5), Fact(x, "foughtWith", y, "", 0, 9, "u", .5),
                                 Fact(x, "locatedIn", p, "", 0, 9, "t", .5)]))
    assert [k[1] for k in kg.facts] == ["foughtWith"]


def test_skeleton_keys():
    assert lx.skeleton("Fallujah") == lx.skeleton("Falluja")
    assert lx.skeleton("Shi'ite") == lx.skeleton("Shiite")
    assert lx.skeleton("Sadr") != lx.skeleton("Sadr City")


def test_religious_site_names_and_misspelt_surnames():
    kg = build(("a", [M(0, "Imam Hussein shrine", "Place"), M(30, "shrine of Imam Hussein", "Place"),
                      M(60, "Hussein Mosque", "Place"), M(90, "Karbala mosque", "Place")], []),
               ("b", [M(0, "Nuri al-Maliki"), M(20, "Nuri al-Malki")], []))
    shrine = node_of(kg, "Imam Hussein shrine")
    assert node_of(kg, "shrine of Imam Hussein") is shrine and node_of(kg, "Hussein Mosque") is shrine
    assert node_of(kg, "Karbala mosque") is not shrine
    assert node_of(kg, "Nuri al-Maliki") is node_of(kg, "Nuri al-Malki")


def test_description_of_an_armed_group_joins_the_named_group():
    leader, named = M(0, "Ahmed Kaya"), M(20, "Northern Brigade", "Organization")
    desc = Mention(40, 60, "Organization", "Kaya's militia", head="desc")
    kg = build(("a", [leader, named, desc], [Fact(leader, "leads", named, "", 0, 30, "possessives.leads", .8),
                                             Fact(leader, "leads", desc, "", 40, 70, "possessives.description", .8)]))
    assert node_of(kg, "Kaya's militia") is node_of(kg, "Northern Brigade")
    assert any(r[2] == "Kaya's militia" and "description" in r[4] for r in kg.merges)


def test_description_resolves_across_articles():
    leader, named = M(0, "Ahmed Kaya"), M(20, "Northern Brigade", "Organization")
    a = ("a", [leader, named], [Fact(leader, "leads", named, "", 0, 30, "possessives.leads", .8)])
    owner, desc = M(0, "Kaya"), Mention(10, 30, "Organization", "Kaya's fighters", head="desc")
    b = ("b", [owner, desc], [Fact(owner, "leads", desc, "", 0, 30, "possessives.description", .8)])
    kg = build(a, b)
    assert node_of(kg, "Kaya's fighters") is node_of(kg, "Northern Brigade")


def test_a_movement_named_after_its_leader_takes_his_organisation():
    a = ("a", [M(0, "Peronist movement", "Organization")], [])
    owner, desc = M(0, "Juan Peron"), Mention(20, 45, "Organization", "Peron's organisation", head="desc")
    other = Mention(60, 80, "Organization", "Kaya's organisation", head="desc")
    kaya = M(50, "Ahmed Kaya")
    b = ("b", [owner, desc, kaya, other], [Fact(owner, "leads", desc, "", 0, 50, "possessives.description", .8),
                                          Fact(kaya, "leads", other, "", 50, 90, "possessives.description", .8)])
    kg = build(a, b)
    assert node_of(kg, "Peron's organisation") is node_of(kg, "Peronist movement")
    assert node_of(kg, "Kaya's organisation") is not node_of(kg, "Peronist movement")


def test_a_description_never_names_the_organisation_it_joins():
    leader, named = M(0, "Ahmed Kaya"), M(20, "Kaya Brigades", "Organization")
    descs = [Mention(40 + 30 * i, 60 + 30 * i, "Organization", text, head="desc")
             for i, text in enumerate(["Kaya's fighters", "Kaya's fighters", "Ahmed Kaya's militiamen"])]
    facts = [Fact(leader, "leads", named, "", 0, 30, "possessives.leads", .8)]
    facts += [Fact(leader, "leads", d, "", d.start, d.end, "possessives.description", .8) for d in descs]
    kg = build(("a", [leader, named, *descs], facts))
    brigades = node_of(kg, "Kaya's fighters")
    assert brigades.label == "Kaya Brigades" and "Ahmed Kaya's militiamen" in brigades.aliases


def test_an_unplaced_event_mention_joins_the_main_event_of_its_kind():
    tikrit, mosul = M(0, "Tikrit", "Place"), M(10, "Mosul", "Place")
    siege, raid1, raid2, bare = E(100, "siege"), E(200, "assault"), E(300, "attack"), E(400, "the assault")
    fight = E(500, "fighting", "Clash")
    facts = [Fact(siege, "occurredIn", tikrit, "", 100, 110, "events.place", .7),
             Fact(raid1, "occurredIn", mosul, "", 200, 210, "events.place", .7),
             Fact(raid2, "occurredIn", mosul, "", 300, 310, "events.place", .7),
             Fact(fight, "occurredIn", mosul, "", 500, 510, "events.place", .7),
             Fact(M(390, "Kenya", "Place"), "participatedIn", bare, "", 390, 420, "events.participant", .6)]
    kg = build(("a", [tikrit, mosul], facts))
    joined = next(o for s, r, o in kg.facts if s == "kenya" and r == "participatedIn")
    assert (joined, "occurredIn", "mosul") in kg.facts        # not the first-named siege of Tikrit
    assert not any(s == joined and o == "tikrit" for s, _r, o in kg.facts)


def test_a_short_form_spelt_exactly_as_one_of_two_similar_names():
    kg = build(("a", [M(0, "Ma Ying-jeou"), M(30, "Mao Zedong"), M(60, "Ma")], []))
    assert "Ma" in node_of(kg, "Ma Ying-jeou").aliases


def test_an_armed_groups_acronym_with_its_kind_is_the_group():
    kg = build(("a", [M(0, "YPG", "Organization")], []), ("b", [M(0, "YPG militia", "Organization")], []))
    assert node_of(kg, "YPG") is node_of(kg, "YPG militia")


def test_a_surname_shared_by_two_people_is_the_one_named_last_before_it():
    kg = build(("a", [M(0, "Imran Ali Shah"), M(40, "Farid Shah"), M(80, "Shah")], []))
    assert "Shah" in node_of(kg, "Farid Shah").aliases
    assert "Shah" not in node_of(kg, "Imran Ali Shah").aliases


def test_a_surname_in_another_article_is_linked_only_as_spelt():
    kg = build(("a", [M(0, "Farah Zamani")], []), ("b", [M(0, "Zaman")], []))
    assert "Zaman" not in node_of(kg, "Farah Zamani").aliases
    kg = build(("a", [M(0, "Farah Zamani")], []), ("c", [M(0, "Zamani")], []))
    assert "Zamani" in node_of(kg, "Farah Zamani").aliases


def test_the_alias_file_names_an_entity_known_by_its_canonical_hint():
    kg = build(("a", [M(0, "authorities", "Organization", "Obama administration"),
                      M(20, "authorities", "Organization", "Obama administration")], []))
    assert node_of(kg, "US government").label == "US government"


def test_a_rulers_government_is_his_countrys_government():
    from kg.extract.records import Fact
    ruler, nigeria = M(0, "Muhammadu Buhari"), M(30, "Nigeria", "Place")
    a = ("a", [ruler, nigeria], [Fact(ruler, "leads", nigeria, "", 0, 40, "titles.head_of_state", .8)])
    b = ("b", [M(0, "Nigerian government", "Organization", "Nigerian government"), M(40, "Buhari"),
               M(60, "Buhari's government", "Organization", "Buhari government")], [])
    kg = build(a, b)
    assert "Buhari's government" in node_of(kg, "Nigerian government").aliases


def test_a_first_names_short_form_and_one_owners_descriptions():
    kg = build(("a", [M(0, "Ash Carter")], []), ("b", [M(0, "Ashton B. Carter")], []))
    assert node_of(kg, "Ash Carter") is node_of(kg, "Ashton B. Carter")
    kg = build(("a", [M(0, "Jimmy Carter")], []), ("b", [M(0, "Ashton Carter")], []))
    assert node_of(kg, "Jimmy Carter") is not node_of(kg, "Ashton Carter")
    gulen = M(0, "Fethullah Gulen")
    d1 = Mention(20, 35, "Organization", "Gulen's movement", head="desc")
    d2 = Mention(50, 90, "Organization", "Gulen's conservative religious movement", head="desc")
    kg = build(("a", [gulen, d1, d2], []))
    assert node_of(kg, "Gulen's movement") is node_of(kg, "Gulen's conservative religious movement")


def test_an_event_dated_years_before_the_story_is_not_its_undated_event():
    peru = M(0, "Peru", "Place")
    current, old = E(10, "presidential elections", "Election"), E(100, "elections", "Election")
    facts = [Fact(current, "occurredIn", peru, "", 0, 40, "events.place", .7),
             Fact(old, "occurredOn", None, "2001", 90, 130, "events.date", .65)]
    kg = resolve([("a", {"date": "2016-02-15"}, [peru], facts)], Aliases(ALIASES))
    elections = {s for s, r, _o in kg.facts if r in ("occurredIn", "occurredOn")}
    assert len(elections) == 2          # joined, the story's election would be dated 2001
    kg = resolve([("a", {"date": "2001-05-02"}, [peru], facts)], Aliases(ALIASES))
    assert len({s for s, r, _o in kg.facts if r in ("occurredIn", "occurredOn")}) == 1   # this year's: the same


def test_a_civil_war_is_not_the_fighting_in_its_country():
    mali = M(0, "Mali", "Place")
    fighting, war = E(10, "renewed fighting", "Clash"), E(100, "civil war", "Clash")
    facts = [Fact(fighting, "occurredIn", mali, "", 0, 40, "events.place", .7),
             Fact(war, "occurredIn", mali, "", 90, 130, "events.place", .7)]
    kg = build(("a", [mali], facts))
    assert len(placed(kg)) == 2


def test_confidence_is_calibrated_by_kind_of_fact_and_aggregated_over_evidences(tmp_path):
    from kg.resolve import Calibration, aggregate
    from kg.settings import CALIBRATION

    table = tmp_path / "c.tsv"
    table.write_text("# a comment\nkind\traw\tcalibrated\tfacts\nrelation\t0.5\t0.8\t10\nrelation\t0.9\t0.96\t5\n"
                     "event\t0.6\t0.7\t3\n")
    cal = Calibration(table)
    assert cal("attacked", 0.3) == 0.8 and cal("attacked", 0.7) == 0.88 and cal("attacked", 1.0) == 0.96
    assert cal("occurredIn", 0.9) == 0.7          # events have their own points
    assert cal("title", 0.42) == 0.42             # a kind without points keeps the raw figure
    assert Calibration(None)("attacked", 0.42) == 0.42
    assert aggregate([0.8]) == 0.8 and aggregate([0.5, 0.5]) == 0.75
    shipped = Calibration(CALIBRATION)
    for kind, pts in shipped.points.items():      # the package's table: higher raw, no lower calibrated
        assert pts and all(a[1] <= b[1] for a, b in zip(pts, pts[1:])), kind


def test_an_event_named_by_two_days_is_named_the_same_way_whatever_the_hash_order():
    """Its id takes the earlier of two equally precise days (sorting the set by length alone left it to the
    string-hash seed: two builds of one archive differed)."""
    juba = M(0, "Juba", "Place")
    fighting = E(10, "renewed fighting", "Clash")
    facts = [Fact(fighting, "occurredIn", juba, "", 0, 40, "events.place", .7),
             Fact(fighting, "occurredOn", None, "2016-07-10", 0, 40, "events.date", .65),
             Fact(fighting, "occurredOn", None, "2016-07-07", 50, 90, "events.date", .65)]
    kg = build(("a", [juba], facts))
    assert placed(kg) == {"clash_juba_2016_07_07"}


def test_an_assault_to_retake_a_place_is_not_the_attack_that_took_it():
    hotel = M(0, "Hilton hotel", "Place")
    attack, counter = E(20, "attack"), E(60, "assault", names=("assault", "assault to reclaim the Hilton hotel"))
    facts = [Fact(attack, "occurredIn", hotel, "", 0, 40, "events.place", .7),
             Fact(counter, "occurredIn", hotel, "", 50, 90, "events.place", .7)]
    kg = build(("a", [hotel], facts))
    assert len(placed(kg)) == 2


def test_a_committee_in_a_parliament_is_not_the_parliament():
    committee = M(0, "foreign affairs committee in the Austrian parliament", "Organization")
    parliament = M(60, "Austrian parliament", "Organization")
    kg = build(("a", [committee, parliament], [Fact(committee, "memberOf", parliament, "", 0, 90, "x", .7)]))
    assert node_of(kg, "Austrian parliament") is not node_of(kg, "foreign affairs committee in the Austrian parliament")
