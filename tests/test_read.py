from pathlib import Path

from kg.read import read_articles


def test_bad_files_are_reported_by_name_and_others_still_read(tmp_path: Path):
    (tmp_path / "good.txt").write_text("Troops entered Kabul on Monday.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "latin.md").write_bytes("Le ministre a parl\xe9 \xe0 Paris.".encode("cp1252"))
    (tmp_path / "copy.txt").write_text("Troops entered Kabul on Monday.", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("a,b", encoding="utf-8")
    articles, problems, notes = read_articles([tmp_path, tmp_path / "missing.txt"])
    assert sorted(a.stem for a in articles) == ["copy", "latin"]   # sorted: copy.txt is read before good.txt
    reasons = {Path(p.path).name: p.reason for p in problems}
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["image.txt"]
    assert "no such file" in reasons["missing.txt"]
    assert reasons["good.txt"].startswith("duplicate of")
    latin = next(a for a in articles if a.stem == "latin")
    assert "parlé à Paris" in latin.text and latin.meta["encoding"] == "cp1252"


def test_sidecar_metadata(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Police in Lagos arrested two men.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text('{"publisher": "Daily Wire Service", "date": "2012-05-06"}', encoding="utf-8")
    (art,), problems, _notes = read_articles([tmp_path])
    assert not problems
    assert art.meta["publisher"] == "Daily Wire Service" and art.meta["date"] == "2012-05-06"
