"""`sundhedsgraf bench --json` on a small scale produces every field. Timings are not
asserted: they depend on the machine (docs/performance.md has the measured ones)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from sundhedsgraf.bench import check_targets, percentile, warm_up
from sundhedsgraf.questions.registry import QUESTIONS

PROJECT_FIELDS = (
    "scale",
    "nodes",
    "relationships",
    "batched_rels_per_s",
    "rowwise_rels_per_s",
    "batch_vs_row_ratio",
    "represented_p50_ms",
    "represented_p95_ms",
    "links_p50_ms",
    "cli_cold_s",
    "cli_warm_s",
    "peak_rss_mb",
)
GROWTH_FIELDS = (
    "scale",
    "nodes",
    "relationships",
    "validate_s",
    "load_s",
    "batched_rels_per_s",
    "represented_p50_ms",
    "represented_p95_ms",
    "links_p50_ms",
    "links_p95_ms",
)
# the CLI as a user runs it, with the commands registered whether or not cli.py does it yet
CLI = [
    sys.executable,
    "-c",
    "import sys; from sundhedsgraf.cli import main; from sundhedsgraf.cli import synth as cli_synth; "
    "'bench' in main.commands or cli_synth.register(main); sys.exit(main())",
]


def test_percentile():
    assert percentile([3, 1, 2], 50) == 2
    assert percentile([1, 2, 3, 4], 50) == 2.5
    assert percentile([5], 95) == 5
    assert percentile([], 50) is None


class FakeServer:
    """A call whose latency (on a fake clock) follows ``latencies`` per window, then stays at the last."""

    def __init__(self, latencies_ms: list[float], window: int):
        self.now, self.calls, self.latencies, self.window = 0.0, 0, latencies_ms, window

    def clock(self) -> float:
        return self.now

    def call(self) -> None:
        w = min(self.calls // self.window, len(self.latencies) - 1)
        self.now += self.latencies[w] / 1000
        self.calls += 1


def test_warm_up_stops_when_latency_stops_improving():
    # 6.6, 4.9, 3.9 ms ... then within 5% of the best for three windows: steady after window 7
    server = FakeServer([6.6, 4.9, 3.9, 3.0, 2.95, 3.1, 2.9], window=100)
    out = warm_up(server.call, window=100, gain=0.05, patience=3, min_s=0.1, max_s=60, clock=server.clock)
    assert out["steady"] is True
    assert out["calls"] == server.calls == 700
    assert out["window_p50_ms"] == [6.6, 4.9, 3.9, 3.0, 2.95, 3.1, 2.9]
    assert out["s"] == pytest.approx(sum([6.6, 4.9, 3.9, 3.0, 2.95, 3.1, 2.9]) / 10, abs=0.01)


def test_warm_up_keeps_going_while_latency_improves_and_stops_at_its_limits():
    # improving by more than 5% every window: only max_s stops it, not steady
    falling = [10 * 0.9**i for i in range(200)]
    server = FakeServer(falling, window=10)
    out = warm_up(server.call, window=10, gain=0.05, patience=3, min_s=0.0, max_s=0.5, clock=server.clock)
    assert out["steady"] is False and 0.5 <= out["s"] < 0.6
    # flat from the start: steady after 1 + patience windows, but not before min_s
    server = FakeServer([1.0], window=10)
    out = warm_up(server.call, window=10, gain=0.05, patience=3, min_s=0.2, max_s=60, clock=server.clock)
    assert out["steady"] is True and out["calls"] == 200 and out["s"] == pytest.approx(0.2)


def test_targets_are_reported_not_asserted():
    out = check_targets({"batched_rels_per_s": 30000, "batch_vs_row_ratio": 5, "represented_p50_ms": None})
    assert out["batched load ≥ 20,000 rels/s"]["met"] is True
    assert out["batched ≥ 20× row-by-row"]["met"] is False
    assert out["represented p50 ≤ 5 ms"]["met"] is None


@pytest.mark.db
@pytest.mark.slow
def test_bench_json_has_every_field(tmp_path):
    env_home = tmp_path / "unused-home"  # the bench makes its own; the user's home is never touched
    r = subprocess.run(
        CLI + ["bench", "--scale", "0.08", "--json", "--quiet", "--output", str(tmp_path / "b.json")],
        capture_output=True,
        text=True,
        timeout=400,
        env={**_env(), "SUNDHEDSGRAF_HOME": str(env_home)},
    )
    assert r.returncode == 0, r.stderr[-2000:]
    data = json.loads(r.stdout)
    assert data == json.loads((tmp_path / "b.json").read_text())
    for key in PROJECT_FIELDS:
        assert key in data and data[key] is not None, key
    assert data["scale"] == 0.08
    assert data["rowwise_rels_per_s"] > 0 and data["batched_rels_per_s"] > 0
    assert data["batch_vs_row_ratio"] == pytest.approx(
        data["batched_rels_per_s"] / data["rowwise_rels_per_s"], rel=0.05
    )
    assert data["batch_vs_row_one_tx_ratio"] == pytest.approx(
        data["batched_rels_per_s"] / data["rowwise_one_tx_rels_per_s"], rel=0.05
    )
    top = data["growth"][-1]  # both row-by-row variants wrote every relationship of their sample
    assert top["rowwise_written"] == top["rowwise_one_tx_written"] == top["rowwise_sample"] > 0
    assert (
        top["rowwise_warmup"] >= 0 and top["rowwise_warmup"] + top["rowwise_sample"] <= data["relationships"]
    )
    assert set(data["peak_rss_mb"]) >= {"python", "server"} and all(
        v > 0 for v in data["peak_rss_mb"].values()
    )
    assert [g["scale"] for g in data["growth"]] == [0.02, 0.04, 0.08]
    for g in data["growth"]:
        for key in GROWTH_FIELDS:
            assert key in g, key
    assert data["growth"][-1]["relationships"] == data["relationships"]
    warm = data["growth"][-1]["represented_warmup"]  # the queries were timed after a warm-up
    assert (
        warm["calls"] > 0
        and warm["calls"] == 40 * len(warm["window_p50_ms"])
        and isinstance(warm["steady"], bool)
    )
    real = data["real_model"]
    names = {q.name for q in QUESTIONS}  # every question of the registry, first answer and p50
    assert real["total_s"] > 0 and set(real["questions_ms"]) == set(real["questions_p50_ms"]) == names
    assert all(v > 0 for v in real["questions_p50_ms"].values())
    assert real["slowest_question_p50_ms"] == max(real["questions_p50_ms"].values())
    assert data["real_model_question_p50_ms"] == real["slowest_question_p50_ms"]
    assert (
        data["targets"]["real model: every question p50 ≤ 50 ms"]["value"] == real["slowest_question_p50_ms"]
    )
    assert set(data["targets"]) and all("met" in t for t in data["targets"].values())
    assert data["machine"]["cpus"] >= 1
    assert not env_home.exists()


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
