"""Build settings: configuration flows one way, CLI -> Settings -> stages."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import ONTOLOGY_DIR
from .nlp import DEFAULT_MODEL
from .rdf import DEFAULT_BASE
from .read import Fields

CALIBRATION = Path(__file__).resolve().parent / "data" / "calibration.tsv"



@dataclass(frozen=True)
class Settings:
    inputs: tuple[Path, ...] = (Path("seeds"),)
    out: Path | None = Path("out")     # None: build in memory, write nothing
    model: str = DEFAULT_MODEL
    base_iri: str = DEFAULT_BASE
    aliases: Path | None = ONTOLOGY_DIR / "aliases.tsv"
    extractors: tuple[str, ...] | None = None
    batch_size: int = 8
    strict: bool = False
    max_chars: int = 1_000_000
    time_budget: float = 60.0            # seconds one article may take to parse and extract (0: no limit)
    jobs: int = 1                        # worker processes for the per-article stage
    scheduler: str | None = None         # a Dask scheduler address ("tcp://host:8786"): run that stage there
    cache: bool = True                   # reuse what an unchanged article gave last time (out/.cache)
    sparql_endpoint: str | None = None   # a SPARQL 1.1 Graph Store endpoint to push the graph into
    progress: bool | None = None         # None: a progress bar only on a terminal
    fields: Fields = Fields()            # where JSON records keep their text, title, date, url, id
    rdf: str = "1.1"                     # "1.2": also write graph-rdf12.trig (claims as triple terms)
    calibration: Path | None = CALIBRATION   # confidence -> how often right (None: as the extractors give it)

    def __post_init__(self):
        if not self.base_iri.startswith(("http://", "https://")) or not self.base_iri.endswith(("/", "#")):
            raise ValueError(f"base IRI {self.base_iri!r} must be an http(s) IRI ending in '/' or '#'")
        if self.jobs < 1:
            raise ValueError(f"jobs must be at least 1, not {self.jobs}")
        if self.sparql_endpoint and not self.sparql_endpoint.startswith(("http://", "https://")):
            raise ValueError(f"SPARQL endpoint {self.sparql_endpoint!r} must be an http(s) URL")
        if self.time_budget < 0:
            raise ValueError(f"time budget must be 0 (no limit) or positive, not {self.time_budget}")
        if self.rdf not in ("1.1", "1.2"):
            raise ValueError(f"RDF version {self.rdf!r} is not one kg writes; valid: 1.1, 1.2")
        if self.max_chars < 1:
            raise ValueError(f"max_chars must be positive, not {self.max_chars}")
