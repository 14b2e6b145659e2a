"""kg: a knowledge-graph builder for news.

    import kg
    result = kg.build(["seeds"], out="out")   # see kg.api
"""
from importlib import resources
from pathlib import Path

__version__ = "0.1.0"

#: the ontology shipped inside the package (kg/ontology; `ontology/` at the top of the source tree links to it):
#: kg.ttl, shapes.ttl, aliases.tsv and the saved questions in queries/
ONTOLOGY_DIR = Path(str(resources.files(__name__) / "ontology"))


def build(paths, out=None, log=None, **options):
    """Build the graph of articles (files or folders); see kg.api.build. Imported on first use, so that
    `import kg` stays light."""
    from .api import build as _build
    return _build(paths, out, log, **options)


__all__ = ["build", "ONTOLOGY_DIR", "__version__"]
