"""`sundhedsgraf bench`: how loading and answering scale, measured on the embedded server, against its speed targets (docs/performance.md).

One run, in a temporary ``SUNDHEDSGRAF_HOME`` of its own (the user's database is never touched):

1. **Growth.** For scales ``scale/4``, ``scale/2`` and ``scale`` (1, 2 and 4 by default): write the
   synthetic model (:mod:`sundhedsgraf.synth`), validate it (``load_model``), load it with the real
   loader (``load_graph(..., replace=True)`` into an emptied database) and time ``represented`` for
   many municipalities and ``links`` for many pairs of municipalities (p50 and p95, after a warm-up).
   A server's JIT needs a few loads to compile the hot paths: each scale is loaded once untimed before
   its timed load (into an emptied database, as the timed one), and every scale's queries are timed
   after untimed ones on random municipalities until their latency is steady (:func:`warm_up`; a
   server fresh from loading answers `represented` 2-3× slower for its first few hundred calls,
   which a fixed 1.5 s did not cover; ``represented_warmup`` records it), and the timed calls of the
   two are interleaved (a few represented between two links: the samples spread over a second).
   Before each timed part the bench waits until the server is idle (:func:`settle`: ArcadeDB compacts its indexes in the
   background for seconds after a large write or delete); the waits are in ``settle_*_s``.
2. **Row by row.** At the largest scale, before its batched load: relationships of a sample written
   one statement per relationship (the loader's own statement with a batch of one; timed after
   :data:`ROWWISE_WARMUP` untimed ones, as the first run in the JIT's slow tiers), each statement
   its own transaction (``rowwise_rels_per_s``, the ratio's base: no batching at all), and again all
   in one transaction that is rolled back (``rowwise_one_tx_rels_per_s``, with its own ratio).
3. **The CLI.** ``sundhedsgraf ask represented NAME --json`` as a user runs it: cold (no server
   running: the command starts one and it stops after) and warm (after ``sundhedsgraf server start``).
4. **Memory.** Peak resident memory of this Python process and of the server process.
5. **The real model.** ``model/``: validate, load, every question, and the whole map, in one process
   with the server running (the ≤ 10 s target).

``run()`` returns everything as one dict (``--json`` prints it); the speed targets (docs/performance.md) are checked in
``targets`` but never asserted: results depend on the machine (``machine`` records it, with its load
average, since a shared machine slows everything down).
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from .resources import data_dir

if TYPE_CHECKING:  # pragma: no cover
    from .db.connection import Graph

DEFAULT_SCALE = 4.0
REPRESENTED_N = 100  # municipalities timed per scale
LINKS_N = 20  # pairs timed per scale
# Untimed queries first, until the server's JIT has compiled the hot paths (see `warm_up`): windows
# of WARMUP_WINDOW calls, until the best window median has not improved by WARMUP_GAIN for
# WARMUP_PATIENCE windows in a row, no sooner than WARMUP_MIN_S and no later than WARMUP_MAX_S.
WARMUP_WINDOW = 40
WARMUP_GAIN = 0.05
WARMUP_PATIENCE = 3
WARMUP_MIN_S = 1.0
WARMUP_MAX_S = 6.0
LINKS_WARMUP_S = 1.0  # links (20-40 ms a call) are warmed this long, after represented
ROWWISE_N = 2000  # relationships written one statement each, timed ...
ROWWISE_WARMUP = 500  # ... after this many untimed (the first few hundred run in the JIT's slow tiers)
SETTLE_IDLE = 0.05  # the server counts as idle below 5% of a core ...
SETTLE_LIMIT_S = 30.0  # ... and is waited for at most this long before each timed part
REAL_MODEL_DATE = "2026-06-01"  # the real model's questions are asked on this date (stable results)
REAL_QUESTION_WARMUP = 10  # untimed calls of each question before ...
REAL_QUESTION_CALLS = 21  # ... the timed ones of its p50
CLI_COLD_RUNS = 2
CLI_WARM_RUNS = 5
TARGETS = {  # name: (field, operator, value)
    "batched load ≥ 20,000 rels/s": ("batched_rels_per_s", ">=", 20000),
    "batched ≥ 20× row-by-row": ("batch_vs_row_ratio", ">=", 20),
    "represented p50 ≤ 5 ms": ("represented_p50_ms", "<=", 5),
    "links p50 ≤ 50 ms": ("links_p50_ms", "<=", 50),
    "warm CLI ≤ 0.5 s": ("cli_warm_s", "<=", 0.5),
    "cold CLI ≤ 4 s (with server start)": ("cli_cold_s", "<=", 4),
    "real model: validate + load + every question + map ≤ 10 s": ("real_model_s", "<=", 10),
    "real model: every question p50 ≤ 50 ms": ("real_model_question_p50_ms", "<=", 50),
}


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile (0-100), linear between the closest ranks."""
    if not values:
        return None
    xs = sorted(values)
    k = (len(xs) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def _ms(seconds: list[float]) -> dict[str, float | None]:
    """p50, p95 and max in milliseconds (None without values: JSON has no NaN)."""
    ms = [s * 1000 for s in seconds]
    if not ms:
        return {"p50_ms": None, "p95_ms": None, "max_ms": None, "n": 0}
    return {
        "p50_ms": round(cast(float, percentile(ms, 50)), 2),
        "p95_ms": round(cast(float, percentile(ms, 95)), 2),
        "max_ms": round(max(ms), 2),
        "n": len(ms),
    }


def warm_up(
    call: Callable[[], Any],
    window: int = WARMUP_WINDOW,
    gain: float = WARMUP_GAIN,
    patience: int = WARMUP_PATIENCE,
    min_s: float = WARMUP_MIN_S,
    max_s: float = WARMUP_MAX_S,
    clock: Callable[[], float] = time.perf_counter,
) -> dict[str, Any]:
    """Call ``call`` (untimed for the results) in windows of ``window`` calls until its latency is
    steady: the best window median has not improved by more than ``gain`` (a fraction) for
    ``patience`` windows in a row, and at least ``min_s`` seconds have passed; or ``max_s`` seconds
    have passed. Returns the calls made, the seconds taken, each window's median in ms, and whether
    it ended steady (False: stopped at ``max_s``)."""
    t0 = clock()
    medians: list[float] = []
    best, since_best, calls = float("inf"), 0, 0
    while True:
        times = []
        for _ in range(window):
            t = clock()
            call()
            times.append(clock() - t)
        calls += window
        med = statistics.median(times) * 1000
        medians.append(round(med, 2))
        if med < best * (1 - gain):
            best, since_best = med, 0
        else:
            since_best += 1
            best = min(best, med)
        elapsed = clock() - t0
        steady = since_best >= patience
        if (steady and elapsed >= min_s) or elapsed >= max_s:
            return {"calls": calls, "s": round(elapsed, 2), "window_p50_ms": medians, "steady": steady}


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    info: dict[str, Any] = {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_start": list(os.getloadavg()),
    }
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory_gib"] = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    try:
        from importlib.metadata import version

        info["arcadedb_embedded"] = version("arcadedb-embedded")
        info["neo4j_driver"] = version("neo4j")
        try:
            info["neo4j_rust_ext"] = version("neo4j-rust-ext")
        except Exception:
            info["neo4j_rust_ext"] = None
    except Exception:
        pass
    from .db import embedded

    info["jvm_args"] = {
        "server_start": list(getattr(embedded, "PERSISTENT_JVM_ARGS", embedded.JVM_ARGS)),
        "on_demand": list(embedded.JVM_ARGS),
        "heap": embedded.HEAP,
    }
    return info


def _cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) a process has used so far, from /proc (None elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def settle(
    pid: int | None, idle: float = SETTLE_IDLE, window: float = 0.5, limit: float = SETTLE_LIMIT_S
) -> float:
    """Wait until the server is idle: it used less than ``idle`` of a core over ``window`` seconds
    (ArcadeDB compacts its indexes in the background for a few seconds after a large write, and
    that work would be timed as part of whatever comes next). At most ``limit`` seconds; returns
    how long it waited (0 where /proc cannot tell)."""
    if pid is None or _cpu_seconds(pid) is None:
        return 0.0
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < limit:
        before = _cpu_seconds(pid)
        time.sleep(window)
        after = _cpu_seconds(pid)
        if before is None or after is None or after - before < idle * window:
            break
    return round(time.perf_counter() - t0, 2)


def _peak_rss_mb(pid: int | None = None) -> float | None:
    """Peak resident memory (VmHWM) of a process, or of this one."""
    if pid is None:
        return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env["SUNDHEDSGRAF_HOME"] = str(home)
    return env


def _cli(args: list[str], home: Path, timeout: float = 300) -> tuple[float, subprocess.CompletedProcess]:
    cmd = [sys.executable, "-m", "sundhedsgraf", *args]
    t = time.perf_counter()
    proc = subprocess.run(cmd, env=_env(home), capture_output=True, text=True, timeout=timeout, cwd=home)
    dt = time.perf_counter() - t
    if proc.returncode != 0:
        from .errors import SundhedsgrafError

        raise SundhedsgrafError(
            f"bench: `sundhedsgraf {' '.join(args)}` failed ({proc.returncode}): "
            f"{(proc.stderr or proc.stdout).strip()[-400:]}"
        )
    return dt, proc


class Bench:
    def __init__(
        self,
        scale: float = DEFAULT_SCALE,
        seed: int = 1,
        work: Path | None = None,
        represented_n: int = REPRESENTED_N,
        links_n: int = LINKS_N,
        rowwise_n: int = ROWWISE_N,
        rowwise_warmup: int = ROWWISE_WARMUP,
        cli: bool = True,
        real_model: bool = True,
        log: Callable[[str], None] | None = None,
    ):
        self.scale = float(scale)
        self.seed = seed
        self.represented_n = represented_n
        self.links_n = links_n
        self.rowwise_n = rowwise_n
        self.rowwise_warmup = rowwise_warmup
        self.with_cli = cli
        self.with_real = real_model
        self.log = log or (lambda m: None)
        self.own_work = work is None
        self.work = Path(work) if work is not None else Path(tempfile.mkdtemp(prefix="sundhedsgraf-bench-"))
        self.home = self.work / "home"
        self.server = None
        self.graph: Graph | None = None

    # ---- the server
    def _open(self):
        from .db.connection import Graph
        from .db.embedded import EmbeddedServer
        from .settings import Settings

        self.server = EmbeddedServer(self.home)
        self.server.start(persistent=True)
        self.graph = Graph(Settings(uri=None, home=self.home)).open()
        return self.graph

    @property
    def _graph(self) -> Graph:
        """The open connection (between _open and _close)."""
        if self.graph is None or self.graph.driver is None:
            raise RuntimeError("the benchmark's connection is not open")
        return self.graph

    def _close(self) -> None:
        if self.graph is not None:
            self.graph.close()
            self.graph = None
        if self.server is not None:
            self.server.stop()

    def _server_pid(self) -> int | None:
        st = self.server.state() if self.server is not None else None
        return st.pid if st else None

    # ---- parts
    def _clear(self) -> float:
        from .queries import statement

        t = time.perf_counter()
        self._graph.run_write(statement("clear_database"))
        return time.perf_counter() - t

    def _queries(self, model, out: dict) -> None:
        """represented over many municipalities and links over many pairs, server warm."""
        from .questions import Asker
        from .synth import AS_OF

        rng = random.Random(self.seed)
        munis = sorted(n["id"] for n in model.nodes if n["labels"][0] == "Municipality")
        asker = Asker(self.graph, AS_OF)
        sample = rng.sample(munis, min(self.represented_n, len(munis)))
        warm = random.Random(self.seed + 2)  # random municipalities and pairs, untimed
        out["represented_warmup"] = warm_up(lambda: asker.represented(warm.choice(munis)))
        deadline = time.perf_counter() + LINKS_WARMUP_S
        while len(munis) > 1 and time.perf_counter() < deadline:
            asker.links(*warm.sample(munis, 2))
        # timed: a few represented between two links, so that the samples spread over a second, not
        # a third of one (a moment of the shared machine's other work moves p50 less)
        pairs = [tuple(rng.sample(munis, 2)) for _ in range(self.links_n)] if len(munis) > 1 else []
        chunks = [sample[i :: len(pairs)] for i in range(len(pairs))] if pairs else [sample]
        rep_times, link_times, paths = [], [], []
        for i, chunk in enumerate(chunks):
            for m in chunk:
                t = time.perf_counter()
                asker.represented(m)
                rep_times.append(time.perf_counter() - t)
            if pairs:
                t = time.perf_counter()
                ans = asker.links(*pairs[i])
                link_times.append(time.perf_counter() - t)
                paths.append(len(ans["paths"]))
        rep, lk = _ms(rep_times), _ms(link_times)
        out["represented_p50_ms"], out["represented_p95_ms"] = rep["p50_ms"], rep["p95_ms"]
        out["links_p50_ms"], out["links_p95_ms"] = lk["p50_ms"], lk["p95_ms"]
        out["links_paths_median"] = statistics.median(paths) if paths else 0
        regions = [n["id"] for n in model.nodes if n["labels"][0] == "Region"]
        if regions and any(n["id"] == "kl" for n in model.nodes):
            t = time.perf_counter()
            ans = asker.links(regions[0], "kl")
            out["links_region_kl_ms"] = round((time.perf_counter() - t) * 1000, 1)
            out["links_region_kl_paths"] = len(ans["paths"])

    def _rowwise(self, model) -> dict:
        """Row by row on a sample: the loader's own --replace statement with one relationship per
        statement, (1) each statement its own transaction, as a loop of ``session.run`` writes
        (``rowwise_rels_per_s``: no batching at all, neither of statements nor of commits), and
        (2) every statement in one transaction, rolled back (``rowwise_one_tx_rels_per_s``: what
        batching the statements alone buys). Both after the nodes are loaded; relationships only."""
        from .db.connection import cast_literal
        from .loaders.graph import (
            create_relationship_statement,
            item_keys,
            load_graph,
            positional_relationship_rows,
        )
        from .model import Model
        from .queries import run_query

        rng = random.Random(self.seed + 1)
        nodes_only = Model(
            schema=model.schema, documents=model.documents, nodes=model.nodes, relationships=[]
        )
        load_graph(nodes_only, self.graph, replace=True)
        timed_n = min(self.rowwise_n, len(model.relationships))
        warm_n = min(self.rowwise_warmup, len(model.relationships) - timed_n)
        sample = rng.sample(model.relationships, timed_n + warm_n)
        element_ids = {r["id"]: r["element_id"] for r in run_query("node_element_ids", graph=self.graph)}

        def statements(rels_sample: list[dict]) -> list[tuple]:
            """(statement, one row) per relationship, made before the clock starts."""
            by_type: dict[str, list[dict]] = {}
            for rel in rels_sample:
                by_type.setdefault(rel["type"], []).append(rel)
            work = []
            for rtype, rels in by_type.items():
                keys = item_keys(rels)
                stmt = cast_literal(create_relationship_statement(rtype, keys))
                work += [(stmt, [row]) for row in positional_relationship_rows(rels, keys, element_ids)]
            return work

        warm, work = statements(sample[:warm_n]), statements(sample[warm_n:])
        out: dict[str, Any] = {"rowwise_sample": len(work), "rowwise_warmup": len(warm)}
        g = self._graph
        assert g.driver is not None, "the bench's graph is open"
        with g.driver.session(database=g.database) as session:
            for stmt, rows in warm:  # untimed, each its own transaction (written; cleared after)
                session.run(stmt, rows=rows).consume()
            tx = session.begin_transaction()
            try:
                n, t = 0, time.perf_counter()
                for stmt, rows in work:
                    n += tx.run(stmt, rows=rows).single(strict=True)["written"]
                dt = time.perf_counter() - t
            finally:
                tx.rollback()
            out.update(
                {
                    "rowwise_one_tx_written": n,
                    "rowwise_one_tx_s": round(dt, 3),
                    "rowwise_one_tx_rels_per_s": round(n / dt) if dt else None,
                }
            )
            n, t = 0, time.perf_counter()
            for stmt, rows in work:
                n += session.run(stmt, rows=rows).single(strict=True)["written"]
            dt = time.perf_counter() - t
        out.update(
            {
                "rowwise_written": n,
                "rowwise_s": round(dt, 3),
                "rowwise_rels_per_s": round(n / dt) if dt else None,
            }
        )
        return out

    def _scale(self, scale: float, rowwise: bool) -> dict:
        from .loaders.graph import load_graph
        from .model import load_model
        from .synth import write_model

        out: dict[str, Any] = {"scale": scale}
        folder = self.work / f"model-{scale:g}"
        t = time.perf_counter()
        rep = write_model(folder, scale=scale, seed=self.seed, force=True)
        out["synth_s"] = round(time.perf_counter() - t, 3)
        t = time.perf_counter()
        model = load_model(folder)
        out["validate_s"] = round(time.perf_counter() - t, 3)
        out["municipalities"] = rep.municipalities
        out["nodes"], out["relationships"] = len(model.nodes), len(model.relationships)
        self.log(
            f"scale {scale:g}: {out['nodes']:,} nodes, {out['relationships']:,} relationships "
            f"(synth {out['synth_s']:.1f} s, validate {out['validate_s']:.1f} s)"
        )
        # a server's first loads run in the JIT's slow tiers: every scale is loaded once untimed
        load_graph(model, self.graph, replace=True)
        self.log("  (warm-up load, not timed)")
        out["clear_s"] = round(self._clear(), 3)
        if rowwise:
            out["settle_before_rowwise_s"] = settle(self._server_pid())
            out.update(self._rowwise(model))
            self.log(
                f"  row by row: {out['rowwise_rels_per_s']:,} rels/s, a transaction each "
                f"({out['rowwise_one_tx_rels_per_s']:,} rels/s in one transaction) on {out['rowwise_sample']:,} "
                f"relationships"
            )
            out["clear_s"] = round(out["clear_s"] + self._clear(), 3)
        out["settle_before_load_s"] = settle(self._server_pid())
        t = time.perf_counter()
        report = load_graph(model, self.graph, replace=True)
        out["load_s"] = round(time.perf_counter() - t, 3)
        out["batched_rels_per_s"] = round(len(model.relationships) / out["load_s"])
        out["load_phases_s"] = {k: round(v, 3) for k, v in report.phases.items()}
        held = sum(report.database_relationships.values())
        if held != len(model.relationships):
            raise RuntimeError(
                f"bench: the database holds {held} relationships, the model {len(model.relationships)}"
            )
        self.log(f"  batched load {out['load_s']:.1f} s = {out['batched_rels_per_s']:,} rels/s")
        out["settle_before_queries_s"] = settle(self._server_pid())
        self._queries(model, out)
        warm = out["represented_warmup"]
        self.log(
            f"  represented p50 {out['represented_p50_ms']} ms, p95 {out['represented_p95_ms']} ms (after "
            f"{warm['calls']} untimed, {warm['s']} s{'' if warm['steady'] else ', not yet steady'}); "
            f"links p50 {out['links_p50_ms']} ms, p95 {out['links_p95_ms']} ms"
        )
        self._last_model = model
        return out

    def _cli_times(self) -> dict:
        """`ask represented` as a user runs it: cold (no server), then warm (after `server start`).
        The package's bytecode is written first, as an install writes it (with PYTHONDONTWRITEBYTECODE
        set, an editable install would otherwise compile every module on every command)."""
        import compileall

        from .synth import AS_OF

        compileall.compile_dir(str(Path(__file__).parent), quiet=1)

        model = self._last_model
        munis = {n["id"]: n for n in model.nodes if n["labels"][0] == "Municipality"}
        m = munis.get("kommune-viborg") or munis[sorted(munis)[0]]
        args = ["ask", "represented", m["properties"]["short_name"], "--as-of", AS_OF, "--json"]
        self._close()
        cold = []
        for _ in range(CLI_COLD_RUNS):
            dt, _ = _cli(args, self.home)
            cold.append(dt)
            self.log(f"  cold CLI {dt:.2f} s")
        _cli(["server", "start"], self.home)
        try:
            _cli(args, self.home)  # the server's first answer compiles the query plans
            warm = [_cli(args, self.home)[0] for _ in range(CLI_WARM_RUNS)]
        finally:
            _cli(["server", "stop"], self.home)
        self.log(f"  warm CLI {statistics.median(warm):.2f} s")
        return {
            "cli_cold_s": round(statistics.median(cold), 3),
            "cli_warm_s": round(statistics.median(warm), 3),
            "cli_cold_runs": [round(x, 3) for x in cold],
            "cli_warm_runs": [round(x, 3) for x in warm],
            "cli_command": "sundhedsgraf " + " ".join(args),
        }

    def _real_model(self) -> dict:
        """model/: validate, load, every question, the whole map; the server already running."""
        from .loaders.graph import load_graph
        from .maps import build_map, write_map
        from .model import load_model
        from .questions import Asker
        from .questions.registry import QUESTIONS

        out: dict[str, Any] = {}
        self._clear()  # as a user's database holding only this model (not timed)
        t0 = time.perf_counter()
        model = load_model(data_dir("model"))
        out["validate_s"] = round(time.perf_counter() - t0, 3)
        t = time.perf_counter()
        load_graph(model, self.graph, replace=True)
        out["load_s"] = round(time.perf_counter() - t, 3)
        asker = Asker(self.graph, REAL_MODEL_DATE)
        calls = {q.name: functools.partial(q.database, asker, **q.example_args) for q in QUESTIONS}
        # the first answer of each question (what a user's first `ask` waits for on a warm server) ...
        out["questions_ms"] = {}
        t = time.perf_counter()
        for name, call in calls.items():
            tq = time.perf_counter()
            call()
            out["questions_ms"][name] = round((time.perf_counter() - tq) * 1000, 1)
        out["questions_s"] = round(time.perf_counter() - t, 3)
        t = time.perf_counter()
        write_map(build_map(model), self.work / "map.html")
        out["map_s"] = round(time.perf_counter() - t, 3)
        out["total_s"] = round(time.perf_counter() - t0, 3)
        # ... and, outside the total, each question's p50 once warm (JIT-compiled server, cached plans)
        out["questions_p50_ms"] = {}
        for name, call in calls.items():
            for _ in range(REAL_QUESTION_WARMUP):
                call()
            times = []
            for _ in range(REAL_QUESTION_CALLS):
                tq = time.perf_counter()
                call()
                times.append(time.perf_counter() - tq)
            out["questions_p50_ms"][name] = _ms(times)["p50_ms"]
        slowest = max(out["questions_p50_ms"], key=out["questions_p50_ms"].get)
        out["slowest_question"] = slowest
        out["slowest_question_p50_ms"] = out["questions_p50_ms"][slowest]
        out["nodes"], out["relationships"] = len(model.nodes), len(model.relationships)
        self.log(
            f"real model: {out['total_s']:.1f} s (validate {out['validate_s']:.2f}, load {out['load_s']:.2f}, "
            f"{len(calls)} questions {out['questions_s']:.2f}, map {out['map_s']:.2f}); every question "
            f"p50 ≤ {out['slowest_question_p50_ms']} ms (slowest: {slowest})"
        )
        return out

    # ---- all
    def run(self) -> dict:
        t0 = time.perf_counter()
        result: dict[str, Any] = {
            "scale": self.scale,
            "seed": self.seed,
            "machine": machine(),
            "date": _dt.datetime.now().isoformat(timespec="seconds"),
        }
        scales = [self.scale / 4, self.scale / 2, self.scale]
        try:
            self._open()
            growth = [self._scale(s, rowwise=(i == len(scales) - 1)) for i, s in enumerate(scales)]
            top = growth[-1]
            result.update(
                {
                    k: top[k]
                    for k in (
                        "nodes",
                        "relationships",
                        "batched_rels_per_s",
                        "represented_p50_ms",
                        "represented_p95_ms",
                        "links_p50_ms",
                        "links_p95_ms",
                    )
                }
            )
            for suffix in ("", "_one_tx"):
                row = top[f"rowwise{suffix}_rels_per_s"]
                result[f"rowwise{suffix}_rels_per_s"] = row
                result[f"batch_vs_row{suffix}_ratio"] = (
                    round(top["batched_rels_per_s"] / row, 1) if row else None
                )
            result["growth"] = growth
            result["growth_ratios"] = _ratios(growth)
            if self.with_real:
                result["real_model"] = self._real_model()
                result["real_model_s"] = result["real_model"]["total_s"]
                result["real_model_question_p50_ms"] = result["real_model"]["slowest_question_p50_ms"]
            result["peak_rss_mb"] = {"python": _peak_rss_mb(), "server": _peak_rss_mb(self._server_pid())}
            if self.with_cli:
                result.update(self._cli_times())
                result["peak_rss_mb"]["cli"] = round(
                    resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1
                )
        finally:
            self._close()
            if self.own_work:
                shutil.rmtree(self.work, ignore_errors=True)
        result["machine"]["load_average_end"] = list(os.getloadavg())
        result["targets"] = check_targets(result)
        result["seconds"] = round(time.perf_counter() - t0, 1)
        return result


def _ratios(growth: list[dict]) -> dict:
    """How each cost grows from the first scale to each next one, next to how the data grows."""
    base = growth[0]
    out = {}
    for g in growth[1:]:
        key = f"{base['scale']:g}->{g['scale']:g}"
        out[key] = {
            k: round(g[k] / base[k], 2) if base.get(k) else None
            for k in ("relationships", "validate_s", "load_s", "represented_p50_ms", "links_p50_ms")
        }
    return out


def check_targets(result: dict) -> dict:
    out = {}
    for name, (key, op, value) in TARGETS.items():
        got = result.get(key)
        met = None if got is None else (got >= value if op == ">=" else got <= value)
        out[name] = {"field": key, "value": got, "target": f"{op} {value}", "met": met}
    return out


def run(scale: float = DEFAULT_SCALE, seed: int = 1, **kw) -> dict:
    """Run the benchmark; see the module docstring."""
    return Bench(scale=scale, seed=seed, **kw).run()


def render(result: dict) -> None:
    """The result as tables (rich)."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    m = result["machine"]
    console.print(
        f"[b]sundhedsgraf bench[/b] scale {result['scale']:g}: {result['nodes']:,} nodes, "
        f"{result['relationships']:,} relationships; {m.get('cpus')} CPUs, {m.get('memory_gib')} GiB, "
        f"load average {m['load_average_start'][0]:.1f} → {m['load_average_end'][0]:.1f}; "
        f"{result['seconds']:.0f} s"
    )
    t = Table(
        "scale",
        "relationships",
        "validate s",
        "load s",
        "rels/s",
        "represented p50/p95 ms",
        "links p50/p95 ms",
        title="Growth",
    )
    for g in result["growth"]:
        t.add_row(
            f"{g['scale']:g}",
            f"{g['relationships']:,}",
            f"{g['validate_s']:.1f}",
            f"{g['load_s']:.1f}",
            f"{g['batched_rels_per_s']:,}",
            f"{g['represented_p50_ms']} / {g['represented_p95_ms']}",
            f"{g['links_p50_ms']} / {g['links_p95_ms']}",
        )
    console.print(t)
    t = Table("target", "value", "met", title="Speed targets")
    for name, v in result["targets"].items():
        t.add_row(name, str(v["value"]), {True: "yes", False: "[red]no[/red]", None: "-"}[v["met"]])
    console.print(t)
    if result.get("rowwise_rels_per_s"):
        console.print(
            f"row by row: {result['rowwise_rels_per_s']:,} rels/s a transaction each "
            f"(batched {result['batch_vs_row_ratio']}× faster), {result['rowwise_one_tx_rels_per_s']:,} "
            f"rels/s in one transaction (batched {result['batch_vs_row_one_tx_ratio']}× faster)"
        )
    rss = result.get("peak_rss_mb") or {}
    console.print("peak memory: " + ", ".join(f"{k} {v} MB" for k, v in rss.items()))


def write_json(result: dict, path: str | Path) -> None:
    Path(path).write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def plot(result: dict, path: str | Path, before: dict | None = None) -> Path:
    """A PNG of time against scale: validate and load in seconds, represented and links p50 in
    milliseconds, each against the number of relationships (matplotlib, a test/notebook extra).
    ``before``: {"label": ..., "points": [{"relationships", "validate_s", "load_s", ...}]} drawn dashed."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as e:
        from .errors import ConfigError

        raise ConfigError(
            "--plot needs matplotlib: pip install -e '.[test]' (or pip install matplotlib)."
        ) from e
    growth = result["growth"]
    x = [g["relationships"] / 1000 for g in growth]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
    for key, label in (("validate_s", "validate (load_model)"), ("load_s", "load (batched, --replace)")):
        ax1.plot(x, [g[key] for g in growth], marker="o", label=label)
    for key, label in (("represented_p50_ms", "represented p50"), ("links_p50_ms", "links p50")):
        ax2.plot(x, [g[key] for g in growth], marker="o", label=label)
    if before:
        for ax, keys in ((ax1, ("validate_s", "load_s")), (ax2, ("represented_p50_ms", "links_p50_ms"))):
            for key in keys:
                pts = [b for b in before["points"] if b.get(key) is not None]
                if pts:
                    ax.plot(
                        [b["relationships"] / 1000 for b in pts],
                        [b[key] for b in pts],
                        linestyle="--",
                        marker="x",
                        label=f"{key.replace('_', ' ')} ({before['label']})",
                    )
    ax1.set(xlabel="relationships (thousands)", ylabel="seconds", title="Validate and load")
    ax2.set(xlabel="relationships (thousands)", ylabel="milliseconds", title="Question latency (server warm)")
    for ax in (ax1, ax2):
        ax.set_ylim(bottom=0)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    m = result.get("machine") or {}
    fig.suptitle(
        f"sundhedsgraf bench, synthetic scale {growth[0]['scale']:g}-{growth[-1]['scale']:g} "
        f"({m.get('cpus')} CPUs, {m.get('memory_gib')} GiB)",
        fontsize=10,
    )
    fig.tight_layout()
    out = Path(path)
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out
