"""kg: a knowledge-graph builder for news."""
from importlib import resources
from pathlib import Path

__version__ = "0.1.0"

#: the ontology shipped inside the package (kg/ontology; `ontology/` at the top of the source tree links to it):
#: kg.ttl, shapes.ttl, aliases.tsv and the saved questions in queries/
ONTOLOGY_DIR = Path(str(resources.files(__name__) / "ontology"))
