"""Constructions of news in general (issue 14): each on sentences of our own, none copied from an article."""


def test_heads_of_state_lead_their_country_and_roles_are_titles(facts):
    got = facts("Brazilian President Lula da Silva met Kenya's President William Ruto. "
                "The lawsuit was filed by rancher Tom Baker.", "titles", canonical=True)
    assert ("Lula da Silva", "leads", "Brazil") in got and ("William Ruto", "leads", "Kenya") in got
    assert ("Tom Baker", "title", "rancher") in got
    got = facts("Prime Minister Ana Lopez spoke in Lima.", "titles", canonical=True)
    assert not any(rel == "leads" for _s, rel, _o in got)     # a prime minister is not said to lead the country


def test_a_commander_is_a_member_and_the_head_of_leads(facts):
    got = facts("Mustafa Badreddine, a senior Hezbollah commander, was killed. Maria Ortiz, head of the opposition "
                "Green Party, said the vote was rigged.", "titles")
    assert ("Mustafa Badreddine", "memberOf", "Hezbollah") in got
    assert ("Mustafa Badreddine", "leads", "Hezbollah") not in got
    assert ("Maria Ortiz", "leads", "Green Party") in got


def test_nouns_of_membership_hostility_support_and_control(facts):
    got = facts("Poland, a NATO member, is part of the European Union. The Islamic State's rule over Mosul ended "
                "in 2017. Ansar Dine pledged allegiance to al Qaeda.", "nouns", canonical=True)
    assert ("Poland", "memberOf", "NATO") in got and ("Poland", "memberOf", "European Union") in got
    assert ("Islamic State", "controls", "Mosul") in got
    assert ("Ansar Dine", "supports", "al Qaeda") in got
    got = facts("Egypt sees a threat from Hamas. Egypt does not see a threat from Jordan.", "nouns")
    assert ("Egypt", "opposes", "Hamas") in got and ("Egypt", "opposes", "Jordan") not in got


def test_a_coalition_led_by_a_country(facts):
    got = facts("The Saudi-led coalition against the Houthis has bombed Yemen since 2015.", "svo", "nouns",
                canonical=True)
    assert ("Saudi Arabia", "leads", "Saudi-led coalition") in got
    assert ("Saudi-led coalition", "opposes", "Houthis") in got


def test_containment_said_with_place_nouns(facts):
    got = facts("Rebels entered Syria's capital Damascus. Fighting spread to Baghdad's Adhamiya and Karrada districts. "
                "He flew to the Kenyan capital, Nairobi.", "located", "possessives")
    assert ("Damascus", "locatedIn", "Syria") in got
    assert ("Adhamiya", "locatedIn", "Baghdad") in got and ("Karrada", "locatedIn", "Baghdad") in got
    assert ("Nairobi", "locatedIn", "Kenya") in got
    got = facts("Herat, in the west of Afghanistan, was quiet on Friday.", "located")
    assert ("Herat", "locatedIn", "Afghanistan") in got


def test_containment_said_by_a_description_or_by_in_after_a_verb(facts):
    got = facts("The plane landed in Lome, the capital of Togo. Troops shelled Tobruk, a port on the eastern "
                "coast of Libya. Rebels seized Mopti in northern Mali. Tourists left Hammamet, a resort on "
                "Tunisia's coast.", "located")
    assert ("Lome", "locatedIn", "Togo") in got
    assert ("Tobruk", "locatedIn", "Libya") in got
    assert ("Mopti", "locatedIn", "Mali") in got
    assert ("Hammamet", "locatedIn", "Tunisia") in got
    got = facts("Troops left Tobruk, a port near the coast of Libya. Rebels seized Mopti in March.", "located")
    assert not any(rel == "locatedIn" for _s, rel, _o in got)


def test_institutions_of_a_country_and_strongholds(facts):
    got = facts("Peru's interior ministry said two men were held. Jets struck Raqqa in Syria on Monday. The city "
                "of Raqqa is the Islamic State's de facto capital.", "possessives", canonical=True)
    assert ("Peruvian interior ministry", "memberOf", "Peru") in got
    assert ("Islamic State", "controls", "Raqqa") in got


def test_taking_territory_in_a_place_controls_it(facts):
    got = facts("Boko Haram fighters, who have seized territory in northern Cameroon and Chad, fled.", "svo",
                canonical=True)
    assert ("Boko Haram", "controls", "Cameroon") in got


def test_country_standing_nouns_and_definite_descriptions(facts):
    got = facts("A Turkish air strike hit Afrin. The Splendid Hotel was stormed at night, and troops retook the "
                "hotel at dawn.", "svo", canonical=True)
    assert ("Turkey", "attacked", "Afrin") in got


def test_bare_institutions_belong_to_the_country_of_the_story(parse):
    doc = parse("KAMPALA, Uganda - Police fired tear gas at protesters in Kampala on Monday, and the army "
                "was deployed in Gulu and Jinja. Uganda votes on Thursday.")
    got = {(e.text, e.kb_id_) for e in doc.ents if e.label_ == "Organization"}
    assert ("Police", "Ugandan police") in got and ("army", "Ugandan military") in got
    assert ("KAMPALA", "") not in {(e.text, e.kb_id_) for e in doc.ents if e.label_ == "Organization"}


def test_the_lead_tells_the_main_event_with_a_verb(facts):
    got = facts("A car bomb killed 12 soldiers in Mogadishu on Sunday. The attack was claimed by "
                "al Shabaab.", "events", date="2017-03-14", canonical=True)
    assert ("attack", "occurredIn", "Mogadishu") in got and ("attack", "occurredOn", "2017-03-12") in got


def test_who_claims_an_attack_and_who_is_arrested_take_part(facts):
    got = facts("Al Shabaab claimed responsibility for the bombing in Mogadishu. Police said the arrest of "
                "Ahmed Diriye in Kismayo followed.", "events", canonical=True)
    assert ("Al Shabaab", "participatedIn", "bombing") in got
    assert ("Ahmed Diriye", "participatedIn", "arrest") in got


def test_accusations_in_reported_speech(facts):
    got = facts("Maduro says Lopez was plotting a coup against the state.", "quotes")
    assert ("Maduro", "accused", "Lopez") in got


def test_titles_in_relative_clauses_and_coordinated_appositions(facts):
    got = facts("Tom Reyes, a rancher who acted as a spokesman for the protesters, was shot. John Ode, a former "
                "minister and senior spy, was held.", "titles")
    assert {("Tom Reyes", "title", "rancher"), ("Tom Reyes", "title", "spokesman")} <= got
    assert {("John Ode", "title", "minister"), ("John Ode", "title", "spy")} <= got


def _ents(parse, text):
    return {(e.text, e.label_, e.kb_id_) for e in parse(text).ents}


def test_an_armed_groups_acronym_after_an_ethnic_adjective(parse):
    ents = _ents(parse, "The Kurdish PKK group ambushed a convoy. Later the pkk was blamed.")
    assert ("PKK", "Organization", "") in ents
    assert ("PYD party", "Organization", "") in _ents(parse, "The Syrian Kurdish PYD party rejected the plan.")
    assert not any(text in ("Kurdish", "pkk") for text, _l, _k in ents)


def test_a_nationality_adjective_before_a_thing_is_not_an_entity(parse):
    ents = _ents(parse, "He cannot stand again, as Ugandan law bars candidates over 75. Ugandan police closed the road.")
    assert not any(text == "Ugandan" for text, _l, _k in ents)
    assert ("Ugandan police", "Organization", "Ugandan police") in ents


def test_words_of_an_office_are_not_names(parse):
    ents = _ents(parse, "Defense Secretary Jane Doherty met Secretary of State Paul Reyes in Rome.")
    assert {text for text, _l, _k in ents} >= {"Jane Doherty", "Paul Reyes", "Rome"}
    assert not {"Defense", "State"} & {text for text, _l, _k in ents}


def test_a_possessor_is_cut_from_what_it_possesses(parse):
    ents = _ents(parse, "President Carter spoke. In Carter’s State of the Union speech he named Iran.")
    assert not any("State" in text for text, _l, _k in ents)


def test_a_capital_in_a_row_or_saying_something_is_its_government(parse):
    ents = _ents(parse, "Trade suffered from a diplomatic row with Moscow. Washington said it would respond.")
    assert ("Moscow", "Organization", "Russian government") in ents
    assert ("Washington", "Organization", "US government") in ents
    ents = _ents(parse, "Officials in Washington said the talks would resume.")
    assert not any(label == "Organization" and text == "Washington" for text, label, _k in ents)


def test_described_as_a_nationality_is_a_person(parse):
    ents = _ents(parse, "Police were hunting Karim Belkacem, a Moroccan wanted for the bombing. Belkacem fled.")
    assert ("Karim Belkacem", "Person", "") in ents and ("Belkacem", "Person", "") in ents


def test_a_warship_of_a_country_is_its_military(parse):
    ents = _ents(parse, "A Chinese frigate shadowed the convoy.")
    assert ("Chinese frigate", "Organization", "Chinese military") in ents


def test_a_quote_ending_in_a_question_a_paragraph_that_goes_on_and_a_refusal(facts):
    got = facts("“Why should families wait another month for the bridge?” says Elena Ruiz, a Red Cross official.\n\n"
                "“Every day without it costs lives in the valley and cuts the farms off from the town.”\n\n"
                "Police declined to say what caused the crash on the highway near the town.", "quotes")
    said = {(s, v) for s, rel, v in got if rel == "said"}
    assert ("Elena Ruiz", "Why should families wait another month for the bridge?") in said
    assert ("Elena Ruiz", "Every day without it costs lives in the valley and cuts the farms off from the town.") in said
    assert len(said) == 2      # once each, and nothing from 'declined to say'


def test_a_long_name_is_one_person_and_an_office_before_it_is_not_the_name(parse):
    ents = _ents(parse, "A spokesman for the medics, Jamal Ahmad Durrani, said the road was closed. "
                        "The crowd cheered President Pierre Marc Christian Zongo when he arrived. "
                        "They ousted ruler Zine El-Abidine Ben Youssef in 2011. "
                        "EU Commissioner Johannes Berger said talks would go on.")
    names = {text for text, label, _k in ents if label == "Person"}
    assert {"Jamal Ahmad Durrani", "Pierre Marc Christian Zongo", "Zine El-Abidine Ben Youssef",
            "Johannes Berger"} <= names


def test_institutions_of_a_named_place_or_outlet(parse):
    ents = _ents(parse, "The Anka news agency said two died. The Izmir governor's office said roads were shut. "
                        "The Herat police said a man was held. A Tabriz news agency called it sabotage.")
    orgs = {text for text, label, _k in ents if label == "Organization"}
    assert {"Anka news agency", "Izmir governor's office", "Herat police"} <= orgs
    assert "Tabriz news agency" not in orgs        # some agency of the city, not a name


def test_taking_a_base_at_a_place_and_capturing_a_town_are_control(facts):
    got = facts("The Houthi militia seized a military airport at Taiz. Kurdish fighters of the YPG captured the town of Manbij.",
                "svo", canonical=True)
    assert ("Houthi militia", "controls", "Taiz") in got
    assert ("People's Protection Units", "controls", "Manbij") in got or ("YPG", "controls", "Manbij") in got
    assert not any(rel == "arrested" for _s, rel, _o in got)


def test_rivals_and_taking_power(facts):
    got = facts("Mr. Odinga, who ran against President Uhuru Kenyatta in 2013, is challenging him for the "
                "presidency. Mr. Kagame took power in Rwanda in 2000.", "svo", canonical=True)
    assert ("Odinga", "rivalOf", "Uhuru Kenyatta") in got
    assert ("Kagame", "leads", "Rwanda") in got


def test_examples_after_such_as_act_and_another_verbs_pattern_does_not_recode(facts):
    got = facts("Militant groups such as al Shabaab are fighting the Somali government.", "svo", canonical=True)
    assert ("al Shabaab", "foughtWith", "Somali government") in got
    assert not any(rel == "accused" for _s, rel, _o in got)


def test_backing_named_by_a_nationality(facts):
    got = facts("Hezbollah fighters, with Iranian backing, took the town of Qusayr.", "svo", canonical=True)
    assert ("Iran", "supports", "Hezbollah") in got


def test_battery_of_news_constructions(facts):
    got = facts("JUBA, South Sudan - Government forces clashed with rebels of the Sudan People's Liberation Army "
                "near Juba. President Salva Kiir, who leads the SPLM, sacked his deputy.", "svo", canonical=True)
    assert ("South Sudanese military", "foughtWith", "Sudan People's Liberation Army") in got
    assert ("Salva Kiir", "leads", "SPLM") in got
    assert not any(s == "JUBA" for s, _r, _o in got)          # a dateline does nothing in the story
    got = facts("Hezbollah fought alongside Syrian government forces. The Free Syrian Army receives weapons from "
                "Turkey. Iran supports the Houthi rebels. Nigerian troops killed dozens of Boko Haram militants. "
                "The Syrian army, backed by Russian air power, pushed into Palmyra.", "svo", canonical=True)
    assert ("Hezbollah", "supports", "Syrian military") in got
    assert ("Turkey", "supports", "Free Syrian Army") in got
    assert ("Iran", "supports", "Houthi") in got
    assert ("Nigerian military", "killed", "Boko Haram") in got
    assert ("Russia", "supports", "Syrian military") in got


def test_causes_travels_words_and_relative_pronouns_are_not_taken_for_deeds(facts):
    got = facts("The scandal broke, leading sponsor Nike to drop the player. Maria Lopez left Madrid in May. "
                "Senator Ron Wyden attacked Governor Kate Brown over the plan. Jets bombed Islamic State and the "
                "Nusra Front, which fights government forces near Aleppo.", "svo", canonical=True)
    assert not any(rel == "leads" for _s, rel, _o in got)
    assert not any(rel == "withdrewFrom" for _s, rel, _o in got)
    assert ("Ron Wyden", "accused", "Kate Brown") in got and ("Ron Wyden", "attacked", "Kate Brown") not in got
    fought = {(s, o) for s, rel, o in got if rel == "foughtWith"}
    assert not any("Islamic State" in pair for pair in fought)


def test_the_backer_of_a_leader_backs_the_leader_not_his_country(facts):
    got = facts("The Kremlin-backed leader of Chechnya, Ramzan Kadyrov, denied the report.", "svo", canonical=True)
    assert not any(o == "Chechnya" and rel == "supports" for _s, rel, o in got)


def test_a_capital_whose_view_rule_or_danger_is_meant_is_its_government(parse):
    ents = _ents(parse, "Villagers will never accept rule from Moscow. The mood in Beijing is grim. "
                        "The danger for Washington is growing. Tourists flocked to Beijing in May.")
    govs = [(text, kb) for text, label, kb in ents if label == "Organization"]
    assert ("Moscow", "Russian government") in govs and ("Beijing", "Chinese government") in govs
    assert ("Washington", "US government") in govs
    assert ("Beijing", "Place", "") in ents          # where tourists go is a place


def test_names_before_a_described_relative_clause_and_strikes_named_by_nouns(facts):
    got = facts("Ankara fears the YPG and PKK, Kurdish groups in Iraq which are fighting Islamic State with U.S. "
                "backing, will grow. It was the third French air strike in two weeks against al Qaeda in Mali.",
                "svo", canonical=True)
    assert ("YPG", "foughtWith", "Islamic State") in got and ("PKK", "foughtWith", "Islamic State") in got
    assert not any(rel == "foughtWith" and "United States" in (s, o) for s, rel, o in got)
    assert ("France", "attacked", "al Qaeda") in got


def test_a_dateline_without_a_dash(parse):
    ents = {(e.text, e.label_) for e in parse("QUETTA, Pakistan Gunmen killed six people on Friday.").ents}
    assert ("QUETTA", "Place") in ents


def test_members_of_a_coalition_against_x_oppose_x_and_a_caliphate_is_held(facts):
    got = facts("Jordan is part of a Saudi-led coalition against the Houthis. Sara Ortiz, Amnesty International Director of Programs "
                "for East Africa, spoke.", "nouns", "svo", "titles", canonical=True)
    assert ("Jordan", "opposes", "Houthis") in got
    assert ("Sara Ortiz", "memberOf", "Amnesty International") in got
    assert ("Sara Ortiz", "leads", "Amnesty International") not in got
    got = facts("Islamic State runs a self-styled caliphate across swathes of Iraq and Syria.", "svo", canonical=True)
    assert ("Islamic State", "controls", "Iraq") in got and ("Islamic State", "controls", "Syria") in got


def test_a_capitals_dateline_run_into_the_first_word_and_the_surname_of_a_long_name(parse):
    ents = _ents(parse, "KAMPALA Renewed protests shook Kampala on Monday. President Pierre Marc Christian Zongo "
                        "spoke. Zongo said the army would stay in its barracks in Kampala.")
    assert ("KAMPALA", "Place", "") in ents and ("Kampala", "Place", "") in ents
    assert ("Zongo", "Person", "") in ents


def test_a_city_that_sounds_like_a_country_is_no_country(facts):
    from kg import lexicon as lx
    assert "country" not in lx.place_kind("Munich") and "country" in lx.place_kind("Iraq")
    got = facts("Leaders met at the security conference in Munich, U.S. Senator Ann Ortiz said. The Munich deal "
                "was signed.", "events", "located", canonical=True)
    assert not any(s == "Munich" and rel in ("participatedIn", "partyTo") for s, rel, _o in got)
    assert not any(s == "Munich" and rel == "locatedIn" for s, rel, _o in got)


def test_sea_names_descriptions_run_into_names_and_bodies_named_with_their_country(parse):
    ents = _ents(parse, "Chinese ships patrol the South China Sea. Since the revolt, the Islamist party Ennahda has "
                        "shared power. The United Nations Assistance Mission in Afghanistan said ten were hurt. A "
                        "strike hit an Islamic State training camp near Sabratha. The Baghdad convention center "
                        "was closed.")
    names = {text for text, _l, _k in ents}
    assert {"South China Sea", "Ennahda", "United Nations Assistance Mission in Afghanistan",
            "Baghdad convention center"} <= names
    assert not any("training camp" in n or n.startswith("Islamist party") for n in names)


def test_platforms_legislatures_parties_landmarks_and_kin_are_typed(parse):
    ents = _ents(parse, "He wrote on Twitter that the vote was rigged. Bundy's brother, Ryan, was wounded. Congress "
                        "passed the bill, and Republicans cheered. Tourists crowded the Basilica Cistern.")
    assert ("Twitter", "Organization", "") in ents and ("Congress", "Organization", "") in ents
    assert ("Ryan", "Person", "") in ents and ("Basilica Cistern", "Place", "") in ents
    assert any(text == "Republicans" and label == "Organization" for text, label, _k in ents)


def test_the_state_is_the_home_countrys_government_and_a_collapse_does_not_date_a_deal(facts):
    text = ("ANKARA, Turkey - Turkish police raided homes in Ankara. Islamic State claimed the bombing. Violence has "
            "risen since a two-year ceasefire collapsed in July between the state and the PKK.")
    got = facts(text, "events", canonical=True)
    parties = {s for s, rel, _o in got if rel == "partyTo"}
    assert "Turkish government" in parties and "Islamic State" not in parties
    assert not any(rel == "occurredOn" and v.endswith("-07") for _s, rel, v in got)


def test_who_signs_a_deal_is_not_where_it_was_signed(facts):
    got = facts("Iran and the United States signed a deal in Vienna on Tuesday.", "events", canonical=True)
    places = {v for _s, rel, v in got if rel == "occurredIn"}
    assert places == {"Vienna"}
    assert {s for s, rel, _o in got if rel == "partyTo"} == {"Iran", "United States"}


def test_an_arrest_told_by_a_verb_is_an_event_named_after_the_arrested(parse):
    from kg import extract
    doc = parse("Fighting eased in the north. Markets reopened. Later, police arrested opposition leader Tomas "
                "Herrera in Valencia on Monday.", "2016-02-10")
    _m, facts = extract.run(doc, ["events"])
    arrests = {f.obj for f in facts if f.rel == "participatedIn" and f.subj.text == "Tomas Herrera"}
    assert arrests and all("arrest of Tomas Herrera" in e.names for e in arrests)
    assert any(f.rel == "occurredOn" and f.value == "2016-02-08" for f in facts)


def test_aliases_honorifics_and_common_nouns_the_model_takes_for_names(parse):
    ents = _ents(parse, "The strike targeted Abu Nabil, also known as Wissam Najm Abd Zayd al Zubaydi, a commander. "
                        "\u201cMr Putin is not our partner,\u201d he said. Boats sailed in the gulf.")
    assert ("Wissam Najm Abd Zayd al Zubaydi", "Person", "Abu Nabil") in ents
    assert ("Putin", "Person", "") in ents and not any(text == "Mr Putin" for text, _l, _k in ents)
    assert not any(text == "gulf" for text, _l, _k in ents)


def test_an_event_that_follows_another_does_not_take_its_place_or_time(facts):
    got = facts("The bombing follows a similar raid in November on a hotel in Kenya's capital Nairobi.", "events",
                date="2016-01-20")
    where = {(s, v) for s, rel, v in got if rel in ("occurredIn", "occurredOn")}
    assert ("similar raid", "Nairobi") in where and ("similar raid", "2015-11") in where
    assert not any(s == "bombing" for s, _v in where)


def test_elections_rallies_in_this_city_and_the_subject_of_a_subordinate_clause(facts):
    got = facts("LAGOS, Nigeria \u2014 The ruling party's candidate, Amina Okafor, was detained on Friday, a week "
                "before Ghana's parliamentary elections. The party leader, Tunde Bello, who once advised Governor "
                "Musa Adamu, was detained as he was holding a rally in this city.", "events", date="2019-03-15",
                canonical=True)
    assert ("parliamentary elections", "occurredIn", "Ghana") in got       # the country's elections are held in it
    assert not any(s == "Ghana" and rel == "participatedIn" for s, rel, _o in got)
    assert not any(s == "parliamentary elections" and rel == "occurredOn" for s, rel, _o in got)  # "before" them
    assert ("Amina Okafor", "participatedIn", "detention") in got           # "the candidate, Amina Okafor"
    assert ("Tunde Bello", "participatedIn", "rally") in got                # "as he was": the main clause's subject
    assert not any(s == "Musa Adamu" and o == "rally" for s, _rel, o in got)
    assert ("rally", "occurredIn", "LAGOS") in got or ("rally", "occurredIn", "Lagos") in got   # the dateline's city


def test_civil_wars_revolts_a_countrys_capital_and_a_dateline_without_its_dash(facts):
    got = facts("BAMAKO Heavy fighting broke out in Mali's capital on Sunday. Royalists fled from the rebels to "
                "Portugal in the Spanish civil war in 1937. Peru's 1990 revolt ended in defeat.", "events",
                date="2019-03-12", canonical=True)
    assert ("Heavy fighting", "occurredIn", "Mali") in got             # not "BAMAKO Heavy fighting"
    assert not any("BAMAKO" in s for s, _rel, _o in got)
    assert ("Spanish civil war", "occurredIn", "Spain") in got         # where, not "to Portugal"
    assert not any(o == "Spanish civil war" and rel == "participatedIn" for _s, rel, o in got)
    assert ("revolt", "occurredIn", "Peru") in got


def test_a_war_is_an_event_only_as_a_civil_war(facts):
    got = facts("The war on drugs in Mexico goes on. The civil war in Yemen goes on.", "events", canonical=True)
    assert ("civil war", "occurredIn", "Yemen") in got
    assert not any(s == "war" for s, _rel, _o in got)


def test_who_wins_a_victory_in_an_election_ran_in_it_that_day(facts):
    got = facts("Opposition leader Ana Souza won a narrow victory in presidential elections on Sunday.", "events",
                date="2018-10-30", canonical=True)
    assert ("Ana Souza", "participatedIn", "presidential elections") in got
    assert ("presidential elections", "occurredOn", "2018-10-28") in got


def test_kidnappings_are_taken_like_arrests_and_named_as_news_names_them(parse):
    from kg import extract
    doc = parse("Gunmen kidnapped aid worker Lena Vogt in Gao on Monday. Al Mourabitoun claimed the kidnapping "
                "in a statement. The massacre in Beni was condemned.", "2016-02-10")
    _m, facts = extract.run(doc, ["events"])
    taken = {f.obj for f in facts if f.rel == "participatedIn" and f.subj.text == "Lena Vogt"}
    assert taken and all("kidnapping of Lena Vogt" in e.names and e.cls == "Arrest" for e in taken)
    assert any(f.rel == "occurredIn" and f.subj.cls == "Attack" and f.obj.text == "Beni" for f in facts)


def test_drone_strikes_their_named_victims_and_a_country_they_strike_in(facts):
    got = facts("A Shabaab suicide bomber attacked a bus outside Baidoa, killing 9 people. Officials confirmed Omar "
                "Said's death in a French drone strike in Niger. Colonel Ana Ruiz was killed in a rocket strike on "
                "her convoy.", "events", canonical=True)
    assert ("Omar Said", "participatedIn", "French drone strike") in got
    assert ("French drone strike", "occurredIn", "Niger") in got
    assert ("France", "participatedIn", "French drone strike") in got
    assert not any(rel == "attacked" and o == "Niger" for _s, rel, o in got)   # struck in Niger, not Niger
    assert ("Ana Ruiz", "participatedIn", "rocket strike") in got
    assert any(s.startswith("Shabaab") or s == "al Shabaab" for s, rel, o in got if rel == "participatedIn")


def test_a_soldier_killed_in_an_attack_does_not_make_his_army_a_side(facts):
    got = facts("Markets in the old city reopened on Monday morning. Schools across the region stayed shut all "
                "week. Another American soldier was killed Thursday in Baghdad in a guerilla attack.", "events",
                canonical=True)     # past the lead, where a verb's killing is not an event of its own
    assert ("guerilla attack", "occurredIn", "Baghdad") in got
    assert not any(rel == "participatedIn" for _s, rel, _o in got)


def test_a_lead_verbs_place_hung_on_its_object_but_not_on_a_passive_subject(facts):
    got = facts("Al Shabaab fighters abducted 40 pupils in Somalia two years ago, before the exams.", "events",
                date="2016-04-14", canonical=True)
    assert ("kidnapping", "occurredIn", "Somalia") in got or ("abduction", "occurredIn", "Somalia") in got
    assert any(rel == "occurredOn" and v == "2014" for _s, rel, v in got)
    got = facts("The rebels' leading supporter in Kismayo was detained by police on Monday after a raid.", "events",
                date="2016-04-14", canonical=True)
    assert not any(rel == "occurredIn" and o == "Kismayo" for _s, rel, o in got)


def test_who_was_elected_took_part_in_an_election_then_and_a_meeting_of_a_body(facts):
    got = facts("President Ana Lucia Prado, elected two years ago on a promise to end graft, spoke on Monday. "
                "The announcement followed a meeting of the Arab League in Cairo. Elected officials met.",
                "events", date="2016-04-14", canonical=True)
    assert ("Ana Lucia Prado", "participatedIn", "election") in got
    assert ("election", "occurredOn", "2014") in got
    assert ("Arab League", "participatedIn", "meeting") in got
    assert sum(1 for _s, rel, _o in got if rel == "participatedIn") == 2      # "elected officials" are no election


def test_their_kidnap_is_not_the_governments_named_before(facts):
    got = facts("Pressure grew on the Kenyan government to secure their release in the months since their "
                "kidnapping in Garissa.", "events", canonical=True)
    assert ("kidnapping", "occurredIn", "Garissa") in got
    assert not any(rel == "participatedIn" for _s, rel, _o in got)


def test_seizing_people_is_an_arrest_and_seizing_a_town_is_control(parse, facts):
    from kg.extract.svo import _lookup
    text = "Somali pirates seized two ships and their crews. Al Shabaab seized the town of Baidoa."
    seized = [t for t in parse(text) if t.lemma_ == "seize"]
    assert [_lookup(t)[0] for t in seized] == ["arrested", "controls"]
    assert ("Al Shabaab", "controls", "Baidoa") in facts(text, "svo", canonical=True)


def test_an_attack_claimed_by_or_blamed_on_a_group_and_its_name_place_is_not_its_target(facts):
    got = facts("Markets in the old city reopened on Monday morning. Schools across the region stayed shut all "
                "week. The Mopti assault, claimed by Ansar Dine, shocked the region. A bombing blamed on al "
                "Shabaab killed 12 people in Garissa last year.", "events", date="2016-03-01", canonical=True)
    assert ("Ansar Dine", "participatedIn", "Mopti assault") in got
    assert not any(rel == "attacked" and o == "Mopti" for _s, rel, o in got)   # "the Mopti assault": where
    assert ("al Shabaab", "participatedIn", "bombing") in got
    assert ("bombing", "occurredOn", "2015") in got


def test_a_cessation_of_hostilities_and_a_date_that_only_bounds_an_event(facts):
    got = facts("The parties agreed on Friday to a cessation of hostilities in Yemen, but the truce will not hold "
                "until the end of this month. The revolt has raged in the south since early April.", "events",
                date="2016-05-10", canonical=True)
    assert ("cessation", "occurredIn", "Yemen") in got and ("cessation", "occurredOn", "2016-05-06") in got
    assert not any(s == "truce" and rel == "occurredOn" for s, rel, _o in got)    # "until": a bound
    assert ("revolt", "occurredOn", "2016-04") in got                              # "since": when it began


def test_staged_protests_house_arrest_who_challenged_and_ruling_out_talks(facts):
    got = facts("Markets in the old city reopened on Monday morning. Schools across the region stayed shut all "
                "week. Mr. Otieno, 59, who challenged Mr. Kenyatta in elections in 2013, staged street "
                "demonstrations after the vote. In October, he was placed under house arrest. The Shabaab, which "
                "ruled out participating in peace talks with the government, fought on.", "events",
                date="2016-02-15", canonical=True)
    assert ("Otieno", "participatedIn", "street demonstrations") in got      # "staged": the model says "stag"
    assert ("Otieno", "participatedIn", "elections") in got                  # "who challenged"
    assert ("Otieno", "participatedIn", "house arrest") in got
    assert not any(o == "peace talks" for _s, rel, o in got if rel in ("participatedIn", "negotiatedWith"))


def test_strikes_carried_out_on_a_day_are_one_operation(facts):
    got = facts("French jets carried out air strikes against jihadists in northern Mali on Tuesday. Rebels launched "
                "attacks on army posts for years.", "events", date="2016-03-10", canonical=True)
    assert ("air strikes", "occurredIn", "Mali") in got and ("air strikes", "occurredOn", "2016-03-08") in got
    assert not any(s == "attacks" for s, _rel, _o in got)       # a series over years is no one event


def test_a_lead_told_by_officials_still_says_where_and_when_but_not_who(facts, parse):
    got = facts("Dozens of Shabaab fighters stormed through the Kenyan town of Lamu on Monday, attacking police "
                "posts in a raid that killed 12 people, the government said.", "events", date="2016-03-10",
                canonical=True)
    assert ("attack", "occurredIn", "Lamu") in got and ("attack", "occurredOn", "2016-03-07") in got
    assert not any(rel == "participatedIn" for _s, rel, _o in got)     # who did it is the government's word
    doc = parse("Gunmen stormed the town of Ben Tarek. A curfew was imposed on Ben Tarek. Troops patrolled "
                "Ben Tarek overnight.")
    assert {e.label_ for e in doc.ents if e.text == "Ben Tarek"} == {"Place"}   # "the town of X" outvotes


def test_what_an_attack_hits_and_an_event_dated_by_when(facts):
    got = facts("Markets in the old city reopened on Monday morning. Schools across the region stayed shut all "
                "week. Troops have been on alert since last month, when a French drone strike targeted Ansar "
                "Dine commanders near Gao. Another mortar strike killed two Malians.", "events",
                date="2016-03-10", canonical=True)
    assert ("Ansar Dine", "participatedIn", "French drone strike") in got            # struck, a side
    assert ("French drone strike", "occurredOn", "2016-02") in got                    # "last month, when"
    assert not any(o == "mortar strike" and rel == "participatedIn" for _s, rel, o in got)   # victims, no side


def test_a_possessive_in_an_opening_phrase_stands_for_the_subject_after_it(facts):
    got = facts("Since its 2011 uprising against ruler Omar Sayed, Yemen has struggled with militancy.", "events",
                canonical=True)
    assert ("uprising", "occurredIn", "Yemen") in got
    got = facts("After his arrest in Nairobi, opposition leader Peter Mwangi thanked supporters.", "events",
                canonical=True)
    assert ("Peter Mwangi", "participatedIn", "arrest") in got


def test_allied_under_and_sending_help(facts):
    got = facts("Al Shabaab, which is allied to al Qaeda, claimed the attack. The Houthis are loyal to Ali Abdullah "
                "Saleh. Hamas is not allied with Iran.", "svo")
    assert ("Al Shabaab", "supports", "al Qaeda") in got
    assert ("Houthis", "supports", "Ali Abdullah Saleh") in got
    assert ("Hamas", "supports", "Iran") not in got
    got = facts("Relations with Russia under President Vladimir Putin have soured.", "titles")
    assert ("Vladimir Putin", "leads", "Russia") in got
    got = facts("Cameroon sent troops to help Nigeria. Russia wants to send jets to help Assad. France helped Mali "
                "fight Ansar Dine.", "svo")
    assert ("Cameroon", "supports", "Nigeria") in got
    assert ("Russia", "supports", "Assad") not in got
    assert ("Mali", "foughtWith", "Ansar Dine") in got


def test_an_overthrow_takes_the_overthrown_and_a_condemnation_is_no_part(facts):
    got = facts("Iraq has been unstable since Saddam Hussein's 2003 overthrow. Egypt has struggled since the ouster "
                "of Hosni Mubarak in 2011.", "events")
    assert ("Saddam Hussein", "participatedIn", "overthrow") in got and ("overthrow", "occurredOn", "2003") in got
    assert ("Hosni Mubarak", "participatedIn", "ouster") in got
    got = facts("The attack on the hotel was condemned by Amnesty International. The attack on the base was carried "
                "out by Hezbollah.", "events")
    assert not any(s == "Amnesty International" for s, _r, _o in got)
    assert ("Hezbollah", "participatedIn", "attack") in got


def test_a_plural_attack_on_two_objects_is_two_attacks(facts):
    got = facts("He was blamed for attacks last year on a Lima museum and the Cusco train station.", "events",
                date="2016-02-10")
    assert ("attack on a Lima museum", "occurredIn", "Lima") in got
    assert ("attack on the Cusco train station", "occurredIn", "Cusco train station") in got
    assert ("attack on a Lima museum", "occurredOn", "2015") in got
    got = facts("Islamic State claimed two bombings last year, in the town of Kobani and in the capital Baghdad.",
                "events", date="2016-02-10")
    assert ("bombing in the town of Kobani", "occurredIn", "Kobani") in got
    assert ("bombing in the capital Baghdad", "occurredIn", "Baghdad") in got
    assert ("Islamic State", "participatedIn", "bombing in the capital Baghdad") in got
    got = facts("Protests in Cairo and Alexandria turned violent on Friday.", "events")
    assert ("Protests", "occurredIn", "Cairo") in got and ("Protests", "occurredIn", "Alexandria") in got


def test_an_attack_by_a_group_and_a_meeting_place_hung_on_the_object(facts):
    got = facts("An attack by al Shabaab in Mogadishu killed ten people.", "events")
    assert ("al Shabaab", "participatedIn", "attack") in got
    got = facts("Ministers will meet NATO leaders in Brussels at a summit on Monday.", "events")
    assert ("summit", "occurredIn", "Brussels") in got


def test_saying_someone_was_behind_or_carried_out_an_attack_accuses_them(facts):
    got = facts("Kenya said al Shabaab carried out the attack. Peru's army said the Shining Path was behind the "
                "bombing. Ali Bongo said his house was attacked by the Gabonese army.", "quotes")
    assert ("Kenya", "accused", "al Shabaab") in got
    assert any(s == "Peru's army" and r == "accused" and o.endswith("Shining Path") for s, r, o in got)
    assert ("Ali Bongo", "accused", "Gabonese army") in got
    got = facts("Pakistan said the Taliban were not behind the bombing.", "quotes")
    assert not any(r == "accused" for _s, r, _o in got)


def test_what_under_sending_and_reported_arrests_do_not_say(facts):
    got = facts("Gonzales led the Justice Department under President George W. Bush. She would be banned from "
                "the United States under Trump's plan.", "titles")
    assert not any(r == "leads" for _s, r, _o in got)
    got = facts("He gave a call to fellow Republicans to back Trump.", "svo")
    assert not any(r == "supports" for _s, r, _o in got)
    got = facts("The FBI arrested Kent in Houston, agency spokeswoman Kelly Lang said. Apple said the balance "
                "should be struck by Congress.", "quotes")
    assert not any(r == "accused" for _s, r, _o in got)
    got = facts("As the virus spreads from Brazil, other countries in the Americas will see cases.", "located")
    assert not any(r == "locatedIn" for _s, r, _o in got)


def test_speaking_at_a_conference_puts_the_speaker_there(facts):
    got = facts("Speaking at a security conference in Munich, Senator John McCain said the deal was weak.", "events")
    assert ("John McCain", "participatedIn", "security conference") in got
    got = facts("Speaking about the security conference in Munich, Senator John McCain said it was weak.", "events")
    assert ("John McCain", "participatedIn", "security conference") not in got


def test_who_helped_the_doers_took_part_and_an_assault_to_retake_is_named_with_its_aim_and_hits_it(facts):
    got = facts("Malian troops, assisted by French special forces, began an assault to retake the Radisson Blu "
                "hotel on Friday.", "events")
    assert ("French special forces", "participatedIn", "assault") in got
    assert ("Malian troops", "attacked", "Radisson Blu hotel") in got
    assert not any(s == "French special forces" and r == "attacked" for s, r, _o in got)  # helpers are in it only
    got = facts("Mali's forces began the assault to reclaim the Radisson Blu hotel.", "events")
    assert ("Mali's forces", "attacked", "Radisson Blu hotel") in got
    assert any(r == "occurredIn" and o == "Radisson Blu hotel" for _s, r, o in got)


def test_a_revolt_to_oust_a_ruler_has_the_ruler_in_it(facts):
    got = facts("Since the 1986 revolt to oust ruler Ferdinand Marcos, the Philippines has changed.", "events")
    assert ("Ferdinand Marcos", "participatedIn", "revolt") in got


def test_elections_in_three_years_are_three_elections_with_both_candidates(facts):
    got = facts("Ortega, who ran against Chamorro in elections in 1990, 1996 and 2001, won in 2006.", "events")
    for year in ("1990", "1996", "2001"):
        assert (f"{year} election", "occurredOn", year) in got
        assert ("Ortega", "participatedIn", f"{year} election") in got
        assert ("Chamorro", "participatedIn", f"{year} election") in got


def test_a_place_along_a_road_is_where(facts):
    got = facts("A week later, Jon Ritzheimer, who was taken into custody at a traffic stop along Highway 20, "
                "spoke to the court.", "events")
    assert any(r == "occurredIn" and o == "Highway 20" for _s, r, o in got)


def test_made_clear_says_what_follows(facts):
    got = facts("Peru made clear it would keep its troops in the valley. He made clear progress on the bridge.",
                "quotes")
    assert ("Peru", "said", "it would keep its troops in the valley") in got
    assert not any(s == "He" for s, _r, _o in got)


def test_the_ministry_of_the_story_country_speaks(facts):
    got = facts("LIMA, Peru — Gunmen attacked a bank in Peru on Friday. Peru's police are searching for them.\n\n"
                "Two men were kidnapped in the north, the interior ministry said.", "quotes", canonical=True)
    assert ("Peruvian interior ministry", "said", "Two men were kidnapped in the north") in got


def test_a_noun_does_what_its_participle_says(facts):
    got = facts("Kenyan troops fighting al Shabaab in Somalia were attacked. The cease-fire came, with the "
                "government agreeing to talks and Russia backing Hezbollah.", "svo")
    assert ("Kenyan troops", "foughtWith", "al Shabaab") in got
    assert ("government", "supports", "Hezbollah") not in got      # only the last noun does what follows it


def test_a_quote_opened_curly_and_closed_straight_is_one_and_ends_with_its_paragraph(facts):
    got = facts('“I welcome this vote that gave the city a bridge," Transport Minister Ana Lopez said.\n\n'
                '"I was satisfied that its opening makes us all safer and I signed it.”', "quotes")
    assert ("Ana Lopez", "said", "I welcome this vote that gave the city a bridge,") in got
    assert ("Ana Lopez", "said", "I was satisfied that its opening makes us all safer and I signed it.") in got


def test_a_branch_or_committee_named_after_its_body_and_who_is_in_charge(facts):
    got = facts("It was their choice, said Tom Ruiz, special agent in charge of the FBI's office in Denver.",
                "titles", "possessives")
    assert ("Tom Ruiz", "leads", "FBI's office in Denver") in got
    assert ("FBI's office in Denver", "memberOf", "FBI") in got
    got = facts("Norbert Klein, head of the foreign affairs committee in the Austrian parliament, said no.",
                "titles", "possessives")
    assert ("Norbert Klein", "leads", "foreign affairs committee in the Austrian parliament") in got
    assert ("foreign affairs committee in the Austrian parliament", "memberOf", "Austrian parliament") in got


def test_a_list_of_places_is_no_city_and_its_country(facts):
    got = facts("Terror happens everywhere: Lyon, Spain, Ohio, and people are used to it. The team visited Austin, "
                "Texas, and Denver, Colorado.", "located")
    assert ("Lyon", "locatedIn", "Spain") not in got
    assert ("Austin", "locatedIn", "Texas") in got and ("Denver", "locatedIn", "Colorado") in got
    got = facts("A fire broke out at the temple in Kollam district, Kerala state, India, on Monday.", "located")
    assert ("Kollam district", "locatedIn", "Kerala state") in got and ("Kerala state", "locatedIn", "India") in got


def test_a_government_of_national_accord_is_one_body_in_lower_case(parse):
    doc = parse("A U.N.-backed government of national accord is trying to win support. The national unity "
                "government rejected the offer.")
    names = {e.text: e.label_ for e in doc.ents}
    assert names.get("government of national accord") == "Organization"
    assert names.get("national unity government") == "Organization"


def test_who_brokered_a_truce_and_who_agreed_to_it(facts):
    got = facts("Egypt brokered a ceasefire between Israel and Hamas. Peru and Chile agreed to a truce mediated by "
                "Brazil. The deal was brokered by Qatar.", "events")
    assert ("Egypt", "brokered", "ceasefire") in got
    assert ("Israel", "partyTo", "ceasefire") in got and ("Hamas", "partyTo", "ceasefire") in got
    assert not any(r == "occurredIn" and o == "Israel" for _s, r, o in got)
    assert ("Peru", "partyTo", "truce") in got and ("Chile", "partyTo", "truce") in got
    assert ("Brazil", "brokered", "truce") in got and ("Brazil", "partyTo", "truce") not in got
    assert ("Qatar", "brokered", "deal") in got
