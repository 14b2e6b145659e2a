"""Real archives in: front matter, HTML, JSON dumps, gzip, identity, and cleaning that never deletes the body."""
from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from kg.clean import clean
from kg.rdf import doc_local
from kg.read import Fields, read_articles

BODY = "Rebels attacked the port of Aden on Tuesday, officials said. The governor fled to Riyadh."


def _read(*paths, fields=Fields()):
    arts, problems, notes = read_articles(list(paths), fields=fields)
    return {a.stem: a for a in arts}, problems, notes


# ------------------------------------------------------------------ cleaning never deletes the body
def test_a_date_in_the_story_is_not_a_dateline():
    paras = ["Rebels held the old city for a week.", "The army surrounded them on Monday.",
             "Talks between the two sides failed twice.", "The fighting began on August 5, 2004, in the old city.",
             "Hundreds of families fled to the south."]
    art = clean("\n\n".join(paras), "x")
    assert art.text == "\n\n".join(paras) and "date" not in art.meta


def test_a_one_sentence_article_with_a_date_is_kept_and_not_dated():
    one = "Bette Davis was born Ruth Elizabeth Davis on April 5, 1908, in Lowell, Mass."
    assert clean(one, "x").text == one and "date" not in clean(one, "x").meta
    two = clean(one + "\n\nShe made her first film in 1931.", "x")
    assert two.text.startswith("Bette Davis was born") and "date" not in two.meta


def test_control_characters_are_replaced_not_rejected(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"Sadr\x00 met\x07 Sistani in Najaf.")
    arts, problems, _ = _read(tmp_path)
    assert not problems and arts["a"].text == "Sadr met  Sistani in Najaf."


def test_utf16_without_a_byte_order_mark(tmp_path):
    (tmp_path / "le.txt").write_bytes(BODY.encode("utf-16-le"))
    (tmp_path / "be.txt").write_bytes(("Police in Lagos arrested two men. " + BODY).encode("utf-16-be"))
    arts, problems, _ = _read(tmp_path)
    assert not problems and arts["le"].text == BODY and arts["le"].meta["encoding"] == "utf-16-le"
    assert arts["be"].text.startswith("Police in Lagos") and arts["be"].meta["encoding"] == "utf-16-be"


def test_wire_trailers_captions_credits_and_shortcodes_are_not_body():
    raw = ("[ad_1]\nPhoto\n\nBodyguards surrounded Kizza Besigye in Kampala on Monday.\nCredit\nBen Curtis/Associated Press"
           "\n\nKAMPALA, Uganda — " + BODY + "\n\nCredit: Jane Roe for Reuters\n\n"
           "(Additional reporting by Felix Onuoha, Writing by Ulf Laessing;\nEditing by James Macharia)\n\n"
           "(Reporting by Tarek Amara; Editing by Janet Lawrence)\n\nCNN's Steven Jiang in Beijing contributed to this report."
           "\n\n[ad_2]\n\nSource link")
    art = clean(raw, "x")
    assert art.text == "KAMPALA, Uganda — " + BODY


def test_hard_wrapped_wire_copy_is_unwrapped_and_its_byline_read():
    raw = ("* Boko Haram kidnapped 219 girls in Nigeria two years\nago\n\n(Adds minister's comments)\n\n"
           "By Ulf Laessing and Alexis Akwagyiram\n\nLAGOS, April 14 A video showing 15 of the\n219 schoolgirls held by "
           "the jihadist group Boko Haram has added\npressure on the government.")
    art = clean(raw, "x")
    assert art.meta["author"] == "Ulf Laessing and Alexis Akwagyiram"
    assert art.text == ("* Boko Haram kidnapped 219 girls in Nigeria two years ago\n\nLAGOS, April 14 A video showing 15 "
                        "of the 219 schoolgirls held by the jihadist group Boko Haram has added pressure on the government.")


# ------------------------------------------------------------------ front matter
def test_yaml_front_matter_keeps_every_key_out_of_the_text():
    raw = ("---\npost_title: 'Rebels take Aden &#8211; Reuters'\nauthor: Jane Roe\npost_date: 2016-01-10 16:33:00\n"
           "tags:\n  - iraq\n  - war\noriginal_link:\n  - 'http://example.com/a?b=1&#038;c=2'\nlayout: post\n---\n" + BODY)
    art = clean(raw, "x")
    assert art.text == BODY
    assert art.meta["title"] == "Rebels take Aden" and art.meta["publisher"] == "Reuters"
    assert art.meta["date"] == "2016-01-10" and art.meta["author"] == "Jane Roe"
    assert art.meta["url"] == "http://example.com/a?b=1&c=2" and json.loads(art.meta["tags"]) == ["iraq", "war"]


def test_hugo_datetimes_quoted_titles_and_toml():
    yaml_art = clean('---\ntitle: "Aden falls"\ndate: 2004-08-27T10:00:00+03:00\ndraft: false\n---\n' + BODY, "x")
    assert yaml_art.meta["title"] == "Aden falls" and yaml_art.meta["date"] == "2004-08-27" and yaml_art.text == BODY
    toml_art = clean('+++\ntitle = "Aden falls"\ndate = 2004-08-27T10:00:00+03:00\ntags = ["yemen"]\n+++\n' + BODY, "x")
    assert toml_art.meta["title"] == "Aden falls" and toml_art.meta["date"] == "2004-08-27" and toml_art.text == BODY


def test_a_header_block_with_unknown_keys_still_is_a_header():
    art = clean("title: Aden falls\nsource: Reuters\nslug: aden-falls\n---\n" + BODY, "x")
    assert art.text == BODY and art.meta["publisher"] == "Reuters" and art.meta["slug"] == "aden-falls"


# ------------------------------------------------------------------ formats
def test_html_files_keep_the_article_not_the_page(tmp_path):
    (tmp_path / "page.html").write_text(
        "<html><head><title>Aden falls | Example News</title></head><body><nav>Home World</nav>"
        "<div class='ad-slot'>Buy now</div><article><h1>Aden falls</h1><figure><img src=x><figcaption>"
        "Smoke over Aden. Credit Jane Roe</figcaption></figure>"
        f"<p itemprop='articleBody'>{BODY}</p><p>The fighting went on for a third day near the airport and the port.</p>"
        "<span class='visually-hidden'>Continue reading</span></article><footer>(c) Example</footer></body></html>")
    arts, problems, _ = _read(tmp_path)
    art = arts["page"]
    assert not problems and BODY in art.text and "Smoke" not in art.text and "Buy" not in art.text
    assert "Home" not in art.text and art.meta["title"] == "Aden falls" and art.meta["format"] == "text/html"


def test_json_lines_and_json_dumps_are_one_document_per_record(tmp_path):
    lines = [json.dumps({"id": "a1", "headline": "Aden falls", "body": BODY, "published": "2016-02-01T08:00:00Z"}),
             "{not json", json.dumps({"id": "a2", "title": "No text"}),
             json.dumps({"text": "Police in Lagos arrested two men on Sunday, officials said."})]
    (tmp_path / "dump.jsonl").write_text("\n".join(lines) + "\n")
    with gzip.open(tmp_path / "more.json.gz", "wt") as fh:
        json.dump({"articles": [{"id": "a1", "text": "Troops entered Kabul on Monday after a week of talks."}]}, fh)
    arts, problems, _ = _read(tmp_path)
    assert set(arts) == {"a1", "dump-4", "more/a1"}
    assert arts["a1"].meta["title"] == "Aden falls" and arts["a1"].meta["date"] == "2016-02-01"
    reasons = {p.path.rsplit("/", 1)[-1]: p.reason for p in problems}
    assert "not valid JSON" in reasons["dump.jsonl:2"] and "no article text" in reasons["dump.jsonl:3"]
    given, _, _ = _read(tmp_path / "dump.jsonl", fields=Fields(text=("headline",)))
    assert [a.text for a in given.values()] == ["Aden falls"]


def test_gzip_text_files_and_ignored_types_are_said_once(tmp_path):
    with gzip.open(tmp_path / "story.txt.gz", "wb") as fh:
        fh.write(BODY.encode())
    for name in ("a.pdf", "b.pdf", "c.docx"):
        (tmp_path / name).write_bytes(b"x")
    arts, problems, notes = _read(tmp_path)
    assert arts["story"].text == BODY and not problems
    assert notes == ["ignored 3 file(s) of types the build does not read: .pdf (2), .docx (1)"]


def test_symlinked_folders_are_followed_once_and_unreadable_folders_reported(tmp_path, monkeypatch):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text(BODY)
    (tmp_path / "top").mkdir()
    os.symlink(tmp_path / "real", tmp_path / "top" / "linked")
    os.symlink(tmp_path / "top", tmp_path / "top" / "loop")
    arts, problems, _ = _read(tmp_path / "top")
    assert set(arts) == {"linked/a"} and not problems

    real_walk = os.walk

    def walk(top, onerror=None, followlinks=False):
        onerror(PermissionError(13, "Permission denied", str(Path(top) / "secret")))
        yield from real_walk(top, onerror=onerror, followlinks=followlinks)
    monkeypatch.setattr("kg.read.os.walk", walk)
    _arts, problems, _ = _read(tmp_path / "top")
    assert [p.reason for p in problems] == ["unreadable folder: Permission denied"] and "secret" in problems[0].path


# ------------------------------------------------------------------ identity
def test_same_file_names_in_different_folders_are_different_documents(tmp_path):
    for day in ("2004-08-27", "2004-08-28"):
        (tmp_path / day).mkdir()
        (tmp_path / day / "story.txt").write_text(f"{BODY} It was {day}.")
    (tmp_path / "x.txt").write_text("Troops entered Kabul on Monday.")
    (tmp_path / "x.md").write_text("Police in Lagos arrested two men.")
    arts, problems, _ = _read(tmp_path)
    assert set(arts) == {"2004-08-27/story", "2004-08-28/story", "x.md", "x.txt"} and not problems
    again, _, _ = _read(tmp_path / "2004-08-27" / "story.txt", tmp_path / "2004-08-28" / "story.txt")
    assert set(again) == {"2004-08-27/story", "2004-08-28/story"}


def test_distinct_identifiers_never_share_an_iri():
    assert doc_local("a b") != doc_local("a%20b")
    assert doc_local("a b") == "a%20b" and doc_local("a%20b") == "a%2520b"
    assert doc_local("2004-08-27/story") == "2004-08-27/story" and doc_local("Ünal") == "Ünal"


@pytest.mark.integration
def test_front_matter_archive_builds_with_titles_and_no_markup_in_the_text(tmp_path):
    from kg.pipeline import build
    from kg.settings import Settings

    src = tmp_path / "posts"
    src.mkdir()
    for n in range(3):
        (src / f"2016-01-1{n}-post.md").write_text(
            f"---\nID: {n}\npost_title: 'Rebels take Aden, story {n} &#8211; Reuters'\nauthor: Staff Writer\npost_date: 2016-01-1{n} 10:00:00\n"
            f"original_link:\n  - 'http://example.com/{n}'\n---\n [ad_1]\n<br><p>{BODY} Story {n}.</p>&nbsp;\n\n"
            f"<p>(Reporting by Joseph Ax; Editing by <a href='x'>Mark Trevelyan</a>)</p>\n[ad_2]\n"
            f"<a href='http://example.com/{n}'>Source link </a>")
    res = build(Settings(inputs=(src,), out=tmp_path / "out", progress=False), log=lambda m: None)
    assert not res.problems and len(res.graph.documents) == 3
    for meta in res.graph.documents.values():
        assert meta["title"].startswith("Rebels take Aden, story") and meta["date"].startswith("2016-01-1") and meta["publisher"] == "Reuters"
    for path in (tmp_path / "out" / "docs").glob("*.txt"):
        text = path.read_text()
        assert "<" not in text and "&nbsp;" not in text and "post_title" not in text and "Reporting" not in text
        assert "Source" not in text and "ad_" not in text
    labels = {e.label for e in res.graph.entities.values()}
    assert "Mark Trevelyan" not in labels and "Joseph Ax" not in labels and "Aden" in labels
