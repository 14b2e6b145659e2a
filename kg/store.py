"""Triple stores at the edge: a SPARQL endpoint over a built graph, and pushing a graph into one.

`kg serve` loads the graph into an on-disk Oxigraph store in a temporary
folder and runs the `oxigraph` server from PyPI behind a front of its own on
the address users reach (loopback unless asked). The front reads every query
before it runs: updates only when --writable, no SERVICE (no request leaves
this machine) unless --allow-service, the union of all graphs as the default
graph unless the query names its own dataset (FROM, FROM NAMED), and answers
whole or with an error status, never a cut-off result. The store behind
listens on a loopback port of its own and is killed by the kernel when kg
dies, however it dies.
"""
from __future__ import annotations

import errno
import http.client
import http.server
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pyoxigraph as ox

from .query import QueryError, open_store, shape

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
           "--bind", f"{host}:{port}"]
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


def _die_with_parent() -> None:
    """In the child before exec: the kernel kills it when kg dies, however kg dies (Linux)."""
    try:
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)   # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _sweep_orphans(tmp_root: str) -> None:
    """Temporary stores of `kg serve` processes that were killed (SIGKILL leaves no chance to clean up)."""
    for folder in Path(tmp_root).glob("kg-serve-*"):
        try:
            pid = int((folder / "owner").read_text())
            os.kill(pid, 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except (OSError, ValueError):
            continue


MAX_RESULT = 256 * 1024 * 1024   # bytes of one query's answer kg serve holds before it is sent


class _Front(http.server.BaseHTTPRequestHandler):
    """The endpoint users talk to: every query is read before it runs (read-only, no SERVICE, FROM honoured),
    answered whole or with an error status (never a partial result), then sent."""
    server_version = "kg-serve"
    backend: tuple[str, int]
    writable = False
    allow_service = False
    timeout_s = 30.0

    def log_message(self, fmt, *args):   # quiet: one line per request is noise on a terminal
        pass

    def _reply(self, status: int, body: bytes, content_type: str = "text/plain; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._reply(status, (message + "\n").encode("utf-8"))

    def _body(self) -> bytes:
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n > 0 else b""

    def do_GET(self):
        url = urlsplit(self.path)
        if url.path == "/query":
            return self._query(parse_qs(url.query, keep_blank_values=True))
        if url.path == "/store":
            return self._forward("GET", self.path, b"")
        return self._error(404, f"no such endpoint {url.path}; queries go to /query")

    do_HEAD = do_GET

    def do_POST(self):
        url = urlsplit(self.path)
        body = self._body()
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if url.path == "/query":
            form = parse_qs(url.query, keep_blank_values=True)
            if kind == "application/sparql-query":
                form["query"] = [body.decode("utf-8", "replace")]
            else:
                form.update(parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True))
            return self._query(form)
        if url.path == "/update":
            if not self.writable:
                return self._error(403, "this endpoint is read-only (start kg serve with --writable to accept updates)")
            text = body.decode("utf-8", "replace") if kind == "application/sparql-update" else \
                (parse_qs(body.decode("utf-8", "replace")).get("update") or [""])[0]
            if shape(text).service and not self.allow_service:
                return self._error(403, "SERVICE is refused: kg serve sends no request to other endpoints")
            return self._forward("POST", self.path, body)
        if url.path == "/store":
            return self._store(body)
        return self._error(404, f"no such endpoint {url.path}")

    def do_PUT(self):
        return self._store(self._body())

    def do_DELETE(self):
        return self._store(b"")

    def _store(self, body: bytes) -> None:
        if urlsplit(self.path).path != "/store":
            return self._error(404, "no such endpoint")
        if not self.writable:
            return self._error(403, "this endpoint is read-only (start kg serve with --writable to accept writes)")
        self._forward(self.command, self.path, body)

    def _query(self, form: dict[str, list[str]]) -> None:
        texts = form.get("query") or []
        if len(texts) != 1:
            return self._error(400, "give exactly one query (the 'query' parameter)")
        found = shape(texts[0])
        if found.update:
            return self._error(400, "this is a SPARQL update; queries go to /query, updates to /update")
        if found.service and not self.allow_service:
            return self._error(403, "SERVICE is refused: kg serve sends no request to other endpoints "
                                    "(start it with --allow-service to permit federated queries)")
        if not found.dataset and "default-graph-uri" not in form and "named-graph-uri" not in form:
            form["union-default-graph"] = [""]     # the union of all graphs, unless the query names a dataset
        self._forward("POST", "/query", urlencode(form, doseq=True).encode("utf-8"),
                      "application/x-www-form-urlencoded", deadline=self.timeout_s)

    def _forward(self, method: str, path: str, body: bytes, content_type: str | None = None,
                 deadline: float = 0) -> None:
        """Ask the store behind, and answer only once the whole answer is in (or with an error status)."""
        started = time.monotonic()
        conn = http.client.HTTPConnection(*self.backend, timeout=max(deadline, 0) + 10 if deadline else 600)
        headers = {k: v for k, v in self.headers.items() if k.lower() in ("accept", "content-type")}
        if content_type:
            headers["Content-Type"] = content_type
        try:
            conn.request(method, path, body=body or None, headers=headers)
            resp = conn.getresponse()
            chunks, size = [], 0
            while True:
                if deadline and time.monotonic() - started > deadline:
                    return self._error(503, f"the query ran longer than {deadline:g} s and was stopped")
                chunk = resp.read1(1 << 16)
                if not chunk:
                    break
                size += len(chunk)
                if size > MAX_RESULT:
                    return self._error(503, f"the answer is larger than {MAX_RESULT >> 20} MB; ask for less "
                                            "(LIMIT, fewer variables)")
                chunks.append(chunk)
        except (OSError, http.client.HTTPException) as exc:
            if deadline and time.monotonic() - started > deadline:
                return self._error(503, f"the query ran longer than {deadline:g} s and was stopped")
            return self._error(502, f"the store behind kg serve failed: {exc}")
        finally:
            conn.close()
        data = b"".join(chunks)
        if deadline and time.monotonic() - started > deadline:
            return self._error(503, f"the query ran longer than {deadline:g} s and was stopped")
        self._reply(resp.status, data, resp.getheader("Content-Type") or "application/octet-stream")


def _bind(host: str, port: int, handler) -> http.server.ThreadingHTTPServer:
    if not 0 < port < 65536:
        raise QueryError(f"port {port} is not a TCP port (1-65535)")
    try:
        server = http.server.ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise QueryError(f"port {port} is in use on {host} (another server, or an earlier kg serve): "
                             "stop it or choose another --port") from None
        raise QueryError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    server.daemon_threads = True
    return server


def serve(graph: Path, host: str = LOOPBACK, port: int = 7878, writable: bool = False, timeout_s: int = 30,
          echo=print, allow_service: bool = False) -> int:
    """Run an endpoint until Ctrl-C, SIGTERM or SIGHUP; the store behind it dies with kg whatever stops kg, and
    its temporary folder is removed (or, after a SIGKILL, by the next kg serve)."""
    handler = type("Front", (_Front,), {"writable": writable, "allow_service": allow_service,
                                        "timeout_s": float(timeout_s)})
    server = _bind(host, port, handler)     # first: a taken port is an error before anything starts
    tmp_root = tempfile.gettempdir()
    _sweep_orphans(tmp_root)
    try:
        with tempfile.TemporaryDirectory(prefix="kg-serve-") as tmp:
            (Path(tmp) / "owner").write_text(str(os.getpid()))
            store_dir = Path(tmp) / "store"
            n = load_folder(graph, store_dir)
            with socket.socket() as probe:
                probe.bind((LOOPBACK, 0))
                back_port = probe.getsockname()[1]
            proc = subprocess.Popen(server_command(store_dir, LOOPBACK, back_port, writable,
                                                   timeout_s + 5 if timeout_s > 0 else 0),
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=_die_with_parent)
            handler.backend = (LOOPBACK, back_port)
            thread = None
            previous = {sig: signal.signal(sig, _interrupt) for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)}
            try:
                wait_for(LOOPBACK, back_port, proc)
                echo(f"serving {graph} ({n} quads) at http://{host}:{port}/query "
                     f"({'read-write' if writable else 'read-only'}, queries time out after {timeout_s} s"
                     f"{', SERVICE allowed' if allow_service else ''}); Ctrl-C stops")
                sys.stdout.flush()
                thread = threading.Thread(target=server.serve_forever, daemon=True)
                thread.start()
                while proc.poll() is None:
                    time.sleep(0.2)
                err = proc.stderr.read().decode("utf-8", "replace").strip() if proc.stderr else ""
                raise QueryError(f"the store behind kg serve stopped (status {proc.returncode}): {err[-300:]}")
            except KeyboardInterrupt:
                echo("stopping")
                return 0
            finally:
                for sig, old in previous.items():
                    signal.signal(sig, old)
                if thread is not None:
                    server.shutdown()
                if proc.poll() is None:
                    proc.terminate()
                    try:
                        proc.wait(10)
                    except subprocess.TimeoutExpired:
                        proc.kill()
                        proc.wait()
    finally:
        server.server_close()


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
