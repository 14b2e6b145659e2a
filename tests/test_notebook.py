"""The notebook runs top to bottom on the seeds and draws its pictures."""
from __future__ import annotations

import pytest

from conftest import ROOT


@pytest.mark.integration
def test_notebook_executes(tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.setenv("KG_NOTEBOOK_OUT", str(tmp_path))
    nb = nbformat.read(ROOT / "notebooks" / "explore.ipynb", as_version=4)
    nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "5 articles" in text and "Mahdi Army" in text and "community 0" in text
    pictures = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(pictures) == 2
    assert (tmp_path / "timeline.png").stat().st_size > 10_000
    assert (tmp_path / "actors.png").stat().st_size > 10_000
