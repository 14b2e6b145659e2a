"""Positions for the viewer, computed when the graph is written: the page draws at once and never runs physics.

Each connected part of the fact graph is laid out on its own with a
force-directed layout (Fruchterman–Reingold: edges pull, nodes push; the push
is estimated from a fixed random sample of other nodes, so a part of 10,000
nodes costs what one of a few hundred does), then the parts are packed in rows,
largest first, so that small parts neither form a ring around the big one nor
crowd it. Entities without facts get a compact grid of their own below. The
random generator is seeded: the same graph gives the same positions.
"""
from __future__ import annotations

import math

import numpy as np

SAMPLE = 160          # nodes each node is pushed by, per iteration
ITERATIONS = 80


def _components(n: int, edges: list[tuple[int, int]]) -> list[list[int]]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def _force(n: int, edges: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Fruchterman–Reingold positions of one connected part, in a box of side about sqrt(n)."""
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:
        return np.array([[-0.5, 0.0], [0.5, 0.0]])
    side = math.sqrt(n)
    pos = rng.uniform(-side / 2, side / 2, size=(n, 2))
    k = 1.0                                     # ideal edge length
    sample = min(SAMPLE if n <= 3000 else SAMPLE // 2, n - 1)
    iterations = ITERATIONS if n <= 3000 else ITERATIONS * 2 // 3
    scale = (n - 1) / sample                    # the sample stands for every other node
    temp = side / 4
    for _ in range(iterations):
        disp = np.zeros((n, 2))
        # repulsion k^2/d from a sample of the other nodes
        others = rng.integers(0, n, size=(n, sample))
        delta = pos[:, None, :] - pos[others]
        dist2 = np.maximum((delta ** 2).sum(-1), 1e-4)
        disp += (delta * (k * k / dist2)[..., None]).sum(1) * scale
        # attraction d^2/k along edges
        if len(edges):
            d = pos[edges[:, 0]] - pos[edges[:, 1]]
            dist = np.sqrt(np.maximum((d ** 2).sum(-1), 1e-8))
            f = (d * (dist / k)[:, None])
            np.add.at(disp, edges[:, 0], -f)
            np.add.at(disp, edges[:, 1], f)
        # a little gravity keeps loose ends near the middle
        disp -= pos * 0.05
        length = np.sqrt(np.maximum((disp ** 2).sum(-1), 1e-8))
        pos += disp / length[:, None] * np.minimum(length, temp)[:, None]
        temp = max(temp * 0.95, 0.05)
    pos -= pos.mean(0)
    return pos


def _grid(n: int) -> np.ndarray:
    cols = max(1, math.ceil(math.sqrt(n)))
    return np.array([[i % cols, i // cols] for i in range(n)], dtype=float)


def layout(n: int, edges: list[tuple[int, int]], isolated: set[int] | None = None, spacing: float = 60.0
           ) -> list[tuple[float, float]]:
    """Positions (screen units) for nodes 0..n-1 given the edges between them; `isolated` nodes (no facts) go
    in a grid of their own below the parts."""
    isolated = isolated or set()
    rng = np.random.default_rng(7)
    linked = [i for i in range(n) if i not in isolated]
    index = {v: j for j, v in enumerate(linked)}
    local_edges = [(index[a], index[b]) for a, b in edges if a in index and b in index and a != b]
    out = np.zeros((n, 2))
    parts = _components(len(linked), local_edges)
    member = {}
    for c, part in enumerate(parts):
        for j, v in enumerate(part):
            member[v] = (c, j)
    by_part: dict[int, list[tuple[int, int]]] = {}
    for a, b in local_edges:
        ca, ja = member[a]
        _cb, jb = member[b]
        by_part.setdefault(ca, []).append((ja, jb))
    boxes = []
    for c, part in enumerate(parts):
        e = np.array(sorted(set(by_part.get(c, []))), dtype=int).reshape(-1, 2)
        p = _force(len(part), e, rng) * spacing
        lo, hi = p.min(0), p.max(0)
        boxes.append((p - lo, hi - lo + spacing))
    # shelf packing: rows about as wide as the largest part, or as the square root of the total area
    width = max([boxes[0][1][0]] + [math.sqrt(sum(b[1][0] * b[1][1] for b in boxes)) * 1.3]) if boxes else 0
    x = y = row_h = 0.0
    for c, (p, size) in enumerate(boxes):
        if x > 0 and x + size[0] > width:
            x, y, row_h = 0.0, y + row_h, 0.0
        for j, v in enumerate(parts[c]):
            out[linked[v]] = p[j] + (x, y)
        x += size[0]
        row_h = max(row_h, size[1])
    # entities without facts: a compact grid below everything else
    lonely = sorted(isolated)
    if lonely:
        g = _grid(len(lonely)) * spacing * 0.6 + (0, y + row_h + spacing * 2)
        for j, v in enumerate(lonely):
            out[v] = g[j]
    return [(round(float(a), 1), round(float(b), 1)) for a, b in out]
