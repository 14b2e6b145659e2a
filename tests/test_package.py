"""kg as a package: the Python API, and a wheel that works when installed (not only from the source tree)."""
from __future__ import annotations

import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from conftest import ROOT


@pytest.mark.integration
def test_the_python_api_builds_in_memory_and_converts(seeds_build):
    import kg

    out, _ = seeds_build
    result = kg.build([ROOT / "seeds"], log=lambda m: None)
    assert result.written == {} and not result.problems
    assert result.turtle() == (out / "graph.ttl").read_text(encoding="utf-8")
    g = result.to_networkx()
    sadr = next(n for n, d in g.nodes(data=True) if d["label"] == "Moqtada al-Sadr")
    assert g.nodes[sadr]["type"] == "Person" and "Sadr" in g.nodes[sadr]["aliases"]
    assert any(d["relation"] == "leads" and g.nodes[o]["label"] == "Mahdi Army" for _s, o, d in g.out_edges(sadr, data=True))
    ds = result.to_rdflib()
    assert len(list(ds.graphs())) >= 6         # the default graph and one per article
    from kg import query
    rows = query.rows(query.run(result.to_oxigraph(), query.query_text("leaders")))
    assert any(r["leader"] == "Moqtada al-Sadr" and r["organisation"] == "Mahdi Army" for r in rows)
    with pytest.raises(TypeError, match="unknown option"):
        kg.build([ROOT / "seeds"], jobz=2)


@pytest.mark.integration
def test_a_wheel_installed_into_a_fresh_venv_builds_queries_and_validates(tmp_path, seeds_build):
    """`pip install .` (what a wheel gives) must carry the ontology: aliases, saved questions, shapes."""
    out, _ = seeds_build
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist),
                    str(ROOT)], check=True, capture_output=True, cwd=tmp_path)
    wheel, = dist.glob("kg-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)], check=True,
                   capture_output=True)
    # the dependencies come from this environment (no download); kg itself only from the wheel
    site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    where = subprocess.run([str(py), "-c", "import kg; print(kg.__file__, kg.ONTOLOGY_DIR)"], capture_output=True,
                           text=True, check=True, cwd=tmp_path).stdout
    assert str(venv) in where and str(ROOT) not in where
    kg_bin = venv / "bin" / "kg"
    res = subprocess.run([str(kg_bin), "build", str(ROOT / "seeds"), "-o", str(tmp_path / "out")], capture_output=True,
                         text=True, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    for name in ("graph.ttl", "graph.trig", "graph.html"):
        assert (tmp_path / "out" / name).read_bytes() == (out / name).read_bytes(), name
    leaders = subprocess.run([str(kg_bin), "query", "leaders", "-g", str(tmp_path / "out" / "graph.trig")],
                             capture_output=True, text=True, cwd=tmp_path)
    assert leaders.returncode == 0 and "Moqtada al-Sadr" in leaders.stdout, leaders.stderr
    valid = subprocess.run([str(kg_bin), "validate", str(tmp_path / "out" / "graph.ttl")], capture_output=True,
                           text=True, cwd=tmp_path)
    assert valid.returncode == 0, valid.stdout + valid.stderr
