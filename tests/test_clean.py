from kg.clean import ArticleError, clean, parse_date
import datetime as dt
import pytest


def test_header_block_gives_metadata_and_is_removed():
    art = clean("title: Floods in Dhaka\ndate: 2019-07-03\nauthor: A. Writer\n---\nRain fell for a week in Dhaka.", "x")
    assert art.meta["title"] == "Floods in Dhaka"
    assert art.meta["date"] == "2019-07-03"
    assert art.meta["author"] == "A. Writer"
    assert art.text == "Rain fell for a week in Dhaka."


def test_byline_with_date_and_title_line():
    raw = "Rebels take the port **Government flees**\n\nMaria Lopez 4 March 2011\n\nRebels took the port of Misrata on Friday."
    art = clean(raw, "x")
    assert art.meta["date"] == "2011-03-04"
    assert art.meta["author"] == "Maria Lopez"
    assert art.meta["title"] == "Rebels take the port Government flees"
    assert art.text.startswith("Rebels took the port")


def test_month_first_dateline_and_masthead_dropped():
    raw = "The Weekly Voice\n\nthe paper of the people\n\n\"Workers of the world.\"\n\nAfter the Vote\n\nNov 9, 2016\n\nVoters in Ohio went to the polls."
    art = clean(raw, "x")
    assert art.meta["date"] == "2016-11-09"
    assert art.meta["title"] == "After the Vote"
    assert art.text == "Voters in Ohio went to the polls."


def test_boilerplate_markdown_escapes_and_broken_paragraphs():
    raw = ("Oil rose to \\$80 a barrel as the *Financial Times* reported on the\n\nsupply cuts.\n\n"
           "Donate today to support our journalism and donate today.\n\nTo contact the Editors visit:\n\nexample.org/contact")
    art = clean(raw, "x")
    assert art.text == "Oil rose to $80 a barrel as the Financial Times reported on the supply cuts."
    (s, e), = art.emphasis
    assert art.text[s:e] == "Financial Times"


def test_sidecar_fills_metadata_and_header_wins():
    art = clean("date: 2001-02-03\n---\nSome text about Paris.", "x", sidecar={"publisher": "Wire", "date": "1999-01-01"})
    assert art.meta == {"date": "2001-02-03", "publisher": "Wire"}


def test_empty_and_malformed_date_are_errors():
    with pytest.raises(ArticleError, match="no text"):
        clean("  \n\n **** \n", "x")
    with pytest.raises(ArticleError, match="malformed date"):
        clean("date: someday\n---\nText here.", "x")


@pytest.mark.parametrize("text,expected", [("28 August 2004", dt.date(2004, 8, 28)), ("Aug 30, 2004", dt.date(2004, 8, 30)),
                                           ("Sunday, 15 August 2004", dt.date(2004, 8, 15)), ("2004-06-01", dt.date(2004, 6, 1)),
                                           ("no date", None)])
def test_parse_date(text, expected):
    assert parse_date(text) == expected
