"""Triple stores at the edge: a SPARQL endpoint over a built graph (Oxigraph's server).

`kg serve` loads the graph into an on-disk Oxigraph store in a temporary
folder, then runs the `oxigraph` server from PyPI on loopback: read-only
unless asked, with a query time limit, the default graph being the union of
all graphs (as in `kg query`).
"""
from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from .query import QueryError, open_store

LOOPBACK = "127.0.0.1"


def oxigraph_binary() -> str:
    """The `oxigraph` command installed beside this Python (the `oxigraph` PyPI package)."""
    here = Path(sysconfig.get_path("scripts")) / "oxigraph"
    found = str(here) if here.exists() else shutil.which("oxigraph")
    if not found:
        raise QueryError("the `oxigraph` server is not installed: pip install oxigraph")
    return found


def load_folder(graph: Path, folder: Path) -> int:
    """Write the graph into an on-disk Oxigraph store; returns the number of quads."""
    mem = open_store(graph)
    disk = ox.Store(str(folder))
    disk.bulk_extend(mem)
    disk.flush()
    n = len(disk)
    del disk
    return n


def server_command(folder: Path, host: str, port: int, writable: bool, timeout_s: int) -> list[str]:
    cmd = [oxigraph_binary(), "serve" if writable else "serve-read-only", "--location", str(folder),
           "--bind", f"{host}:{port}", "--union-default-graph"]
    if timeout_s > 0:
        cmd += ["--timeout-s", str(timeout_s)]
    return cmd


def wait_for(host: str, port: int, proc: subprocess.Popen | None = None, seconds: float = 30.0) -> None:
    """Block until a server accepts connections, or fail with its own message."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
            raise QueryError(f"the SPARQL server exited with status {proc.returncode}: {err.strip()}")
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise QueryError(f"the SPARQL server did not start listening on {host}:{port} within {seconds:.0f} s")


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def serve(graph: Path, host: str = LOOPBACK, port: int = 7878, writable: bool = False, timeout_s: int = 30,
          echo=print) -> int:
    """Run an endpoint until Ctrl-C (or SIGTERM); the temporary store is removed on the way out."""
    with tempfile.TemporaryDirectory(prefix="kg-serve-") as tmp:
        n = load_folder(graph, Path(tmp))
        proc = subprocess.Popen(server_command(Path(tmp), host, port, writable, timeout_s),
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            wait_for(host, port, proc)
            echo(f"serving {graph} ({n} quads) at http://{host}:{port}/query "
                 f"({'read-write' if writable else 'read-only'}, queries time out after {timeout_s} s); Ctrl-C stops")
            sys.stdout.flush()
            previous = signal.signal(signal.SIGTERM, _interrupt)
            try:
                return proc.wait()
            finally:
                signal.signal(signal.SIGTERM, previous)
        except KeyboardInterrupt:
            echo("stopping")
            return 0
        finally:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


class PushError(RuntimeError):
    """A Graph Store endpoint refused a graph; names the endpoint, the graph and the answer."""


def push(quads, endpoint: str, log=print) -> int:
    """Put the graph into a SPARQL 1.1 Graph Store endpoint: each article's facts replace that article's named
    graph (HTTP PUT ?graph=<document IRI>), descriptions replace the default graph (PUT ?default).
    Returns the number of graphs sent. Graphs of articles no longer built are left as they are."""
    import http.client
    from urllib.parse import quote, urlsplit

    from .export import graph_turtle

    url = urlsplit(endpoint)
    if url.scheme not in ("http", "https") or not url.hostname:
        raise PushError(f"{endpoint!r} is not an http(s) URL of a Graph Store endpoint")
    conn_class = http.client.HTTPSConnection if url.scheme == "https" else http.client.HTTPConnection
    conn = conn_class(url.hostname, url.port, timeout=60)
    path = url.path or "/"
    sep = "&" if url.query else "?"
    base = f"{path}?{url.query}" if url.query else path
    sent = 0
    try:
        for name in [None] + sorted(g for g in quads.graphs if g is not None):
            target = f"{base}{sep}default" if name is None else f"{base}{sep}graph={quote(name[1:-1], safe='')}"
            body = graph_turtle(quads, name).encode("utf-8")
            try:
                conn.request("PUT", target, body=body, headers={"Content-Type": "text/turtle; charset=utf-8"})
                resp = conn.getresponse()
                answer = resp.read()
            except OSError as exc:
                raise PushError(f"cannot push to {endpoint}: {exc.strerror or exc}") from None
            if resp.status >= 300:
                what = "the default graph" if name is None else f"graph {name}"
                raise PushError(f"{endpoint} refused {what}: HTTP {resp.status} "
                                f"{answer[:300].decode('utf-8', 'replace').strip()}")
            sent += 1
    finally:
        conn.close()
    log(f"pushed {sent} graph(s) to {endpoint}")
    return sent
