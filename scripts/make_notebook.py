import nbformat as nbf
nb = nbf.v4.new_notebook()
md = nbf.v4.new_markdown_cell
code = nbf.v4.new_code_cell
nb.cells = [
md("""# Exploring the news graph

This notebook builds the knowledge graph from the five seed articles, asks it
the saved questions in `ontology/queries/`, then turns the actors into a
networkx graph to find who is central and which camps form, and ends with two
pictures: a timeline of events and the actor network coloured by community.

Run it from the `notebooks/` folder after `pip install -e '.[test]'` (the test
extras bring Jupyter's kernel and matplotlib). The tests execute it top to
bottom, so it never rots."""),
code("""import os
from pathlib import Path

ROOT = Path.cwd().parent if Path.cwd().name == "notebooks" else Path.cwd()
OUT = Path(os.environ.get("KG_NOTEBOOK_OUT", ROOT / "out"))
print("repository:", ROOT)
print("outputs:   ", OUT)"""),
md("""## 1. Build the graph

`kg build seeds -o out` does the same from the shell. `build` returns the
resolved graph as well as writing Turtle, TriG, HTML and the resolution report."""),
code("""from kg.pipeline import build
from kg.settings import Settings

result = build(Settings(inputs=(ROOT / "seeds",), out=OUT), log=lambda message: None)
graph = result.graph
print(f"{len(graph.documents)} articles, {len(graph.entities)} nodes, {len(graph.facts)} facts, "
      f"{sum(len(e) for e in graph.facts.values())} evidence sentences")
for name, path in result.written.items():
    print(f"  {name:12} {path}")"""),
md("""## 2. Ask the saved questions

Each `.rq` file in `ontology/queries/` answers one question; `kg query NAME`
runs it from the shell. Here we run them with pyoxigraph over the TriG export
and look at the answers as pandas-free tables (lists of dicts)."""),
code("""from kg import query as Q

store = Q.open_store(OUT / "graph.trig")
for q in Q.saved_queries().values():
    print(f"{q.name:15} {q.description[:90]}")"""),
code("""def ask(question, **params):
    bound = {k: Q.parse_param(f"{k}={v}")[1] for k, v in params.items()}
    return Q.rows(Q.run(store, Q.query_text(question), bound))

print(Q.render(Q.run(store, Q.query_text("leaders"))))"""),
md("""Who said what: the `said` question takes a name, and any spelling the
articles used finds the same person (Muqtada, Moqtada, Moktada)."""),
code("""for row in ask("said", name="Muqtada al-Sadr"):
    print(f"{row['date']}  {row['article']}  “{row['text'][:100]}”")"""),
md("""Every fact keeps its evidence. The `about` question lists everything the
graph says about an entity, with the sentence it came from and the extractor's
confidence."""),
code("""for row in ask("about", name="Sistani")[:8]:
    print(f"{row['subject']} —{row['relation']}→ {row['object']}   [{row['extractor']}, {row['confidence']}]")
    print(f"    {row['sentence'][:140]!r}")"""),
md("""## 3. The actors as a network

Agents (people, organisations, groups, and places that act) are nodes; every
agent-to-agent relation is an edge weighted by its number of evidence
sentences. Degree and betweenness centrality say who sits in the middle of the
story; greedy modularity communities show the camps."""),
code("""import networkx as nx

AGENT_RELATIONS = ("leads memberOf spokespersonFor aideTo supports opposes rivalOf attacked foughtWith "
                   "killed arrested accused negotiatedWith").split()
rows = Q.rows(Q.run(store, '''
SELECT ?a ?b ?rel (COUNT(DISTINCT ?st) AS ?n) WHERE {
  ?s ?p ?o . ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  ?s rdfs:label ?a . ?o rdfs:label ?b .
  FILTER(STRSTARTS(STR(?p), STR(kg:)))
  BIND(STRAFTER(STR(?p), "#") AS ?rel)
} GROUP BY ?a ?b ?rel'''))
G = nx.Graph()
for r in rows:
    if r["rel"] in AGENT_RELATIONS and r["a"] != r["b"]:
        w = G.get_edge_data(r["a"], r["b"], {"weight": 0})["weight"]
        G.add_edge(r["a"], r["b"], weight=w + int(r["n"]))
print(G.number_of_nodes(), "actors,", G.number_of_edges(), "links")

degree = nx.degree_centrality(G)
between = nx.betweenness_centrality(G)
for name in sorted(G, key=lambda n: (-between[n], n))[:8]:
    print(f"{name:35} degree {degree[name]:.2f}  betweenness {between[name]:.2f}")"""),
code("""communities = sorted(nx.community.greedy_modularity_communities(G, weight="weight"), key=len, reverse=True)
for i, members in enumerate(communities[:5]):
    print(f"community {i}: {', '.join(sorted(members)[:10])}{' …' if len(members) > 10 else ''}")"""),
md("""## 4. Pictures

A timeline of the dated events, one row per kind, and the actor network with
each community in its own colour."""),
code("""%matplotlib inline
import matplotlib.pyplot as plt
from datetime import date

events = [r for r in ask("timeline") if len(r["date"]) == 10]   # day-precise dates only
kinds = sorted({r["kind"] for r in events})
fig, ax = plt.subplots(figsize=(10, 3.5))
for i, r in enumerate(events):
    d = date.fromisoformat(r["date"])
    y = kinds.index(r["kind"])
    ax.scatter(d, y, s=60)
    ax.annotate(f"{r['event']}" + (f" ({r['place']})" if r["place"] else ""), (d, y), fontsize=7,
                xytext=(4, 10 if i % 2 else -14), textcoords="offset points")
ax.set_yticks(range(len(kinds)), kinds)
ax.set_ylim(-0.7, len(kinds) - 0.3)
ax.set_title("Events in the seed articles")
fig.autofmt_xdate()
fig.tight_layout()
fig.savefig(OUT / "timeline.png", dpi=120)
plt.show()"""),
code("""core = G.subgraph(max(nx.connected_components(G), key=len))
pos = nx.spring_layout(core, seed=7, k=0.9, iterations=200)
colour = {n: i for i, members in enumerate(communities) for n in members}
fig, ax = plt.subplots(figsize=(10, 8))
nx.draw_networkx_edges(core, pos, ax=ax, alpha=0.3)
nx.draw_networkx_nodes(core, pos, ax=ax, node_size=[150 + 1500 * between[n] for n in core],
                       node_color=[colour[n] for n in core], cmap="tab10", vmin=0, vmax=9)
nx.draw_networkx_labels(core, pos, ax=ax, font_size=7)
ax.set_title("The largest connected group of actors, sized by betweenness, coloured by community")
ax.axis("off")
fig.tight_layout()
fig.savefig(OUT / "actors.png", dpi=120)
plt.show()"""),
]
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
nbf.write(nb, "/work/main/notebooks/explore.ipynb")
