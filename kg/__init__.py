"""kg: a knowledge-graph builder for news."""
from pathlib import Path

__version__ = "0.1.0"

#: ontology/ in the source tree: kg.ttl, shapes.ttl, aliases.tsv and the saved questions in queries/
ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
