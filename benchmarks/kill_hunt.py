"""Kill hunt: SIGKILL graphbuild's writing commands at random moments, then check what a user would find.

For each scenario (``build``, ``curate``, ``review``, ``pages``, ``fetch``, ``expand``, ``export`` in each format,
``related``, ``train --out``) a clean run on a copy of a base workspace gives the expected result and its
duration; then, for each seed, the same command on a fresh copy is killed with SIGKILL after a random share of
that duration, and:

* the workspace still opens (``stats``), and ``query`` answers the previous or the new generation, never a mix
  (the papers, the entity counts and the stats are those of one of them);
* no file under a final name is half-written (every JSON / JSON Lines file of the workspace parses, an output
  page ends its HTML, an export parses);
* the next run of the same command completes, equals the clean run, and leaves no temporary copy behind.

Then SIGTERM and SIGINT once each on a build (one line, exit status 143 / 130, nothing half-written), and two
commands at once on one workspace (build + build, curate + build, pages + build): the second waits or refuses
with one coded line. ``fetch`` and ``expand`` run against a local fake Semantic Scholar server.

    PYTHONPATH=. python benchmarks/kill_hunt.py --seeds 20 --records 300
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "graphbuild" / "data" / "demo" / "papers.jsonl"
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}

#: the wrapper that points fetch/expand at the local fake Semantic Scholar (argv: port, then the command)
_LOCAL_S2 = """
import sys
import graphbuild.expand as e, graphbuild.fetch as f
f.S2_API = e.S2_API = f"http://127.0.0.1:{sys.argv[1]}/graph/v1"
from graphbuild.cli import main
sys.exit(main(sys.argv[2:]))
"""

#: a curation refused because the killed run had already made it
_DONE_ALREADY = re.compile(r"\[E800\] (merge .* both name the entity|no open suggestion)")
#: a graphbuild error line: "graphbuild: error: [E123] ..."
_CODED = re.compile(r"^graphbuild: (error: \[E\d+\]|interrupted)")

_WORDS = ["sparse", "latent", "graph", "contrastive", "recurrent", "adaptive", "hierarchical", "causal",
          "spectral", "federated", "robust", "neural", "kernel", "diffusion", "token", "memory"]
_TASKS = ["node classification", "machine translation", "image segmentation", "question answering",
          "speech recognition", "link prediction", "anomaly detection", "text summarization"]
_SETS = ["CIFAR-10", "ImageNet", "SQuAD", "Cora", "WMT14", "LibriSpeech", "GLUE", "COCO"]
_METRICS = ["accuracy", "F1", "BLEU", "mIoU", "word error rate"]


def invented_records(n: int, seed: int = 7) -> list[dict]:
    """``n`` invented paper records: a new method (an acronym) for a task on a dataset, citing earlier ones."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        w1, w2 = rng.sample(_WORDS, 2)
        name = f"{w1[:2].upper()}{w2[:3].capitalize()}{i % 97}"
        task, data, metric = rng.choice(_TASKS), rng.choice(_SETS), rng.choice(_METRICS)
        out.append({"id": f"inv-{i:04d}", "year": 2015 + i % 10,
                    "title": f"{name}: {w1.capitalize()} {w2} networks for {task}",
                    "abstract": (f"We propose {name}, a {w1} {w2} network for {task}. {name} outperforms "
                                 f"prior work on {data} in {metric}, and we release the code. We also evaluate "
                                 f"on {rng.choice(_SETS)} and compare with {rng.choice(['LoRA', 'BERT', 'ResNet'])}."),
                    "references": [f"inv-{j:04d}" for j in rng.sample(range(i), min(i, 3))]})
    return out


# -- the fake Semantic Scholar ----------------------------------------------------------------------------

def _s2_paper(key: str) -> dict:
    n = int(hashlib.sha1(key.encode()).hexdigest()[:6], 16)
    return {"paperId": hashlib.sha1(key.encode()).hexdigest(), "title": f"Linked study {n} of {_TASKS[n % 8]}",
            "abstract": f"We study {_TASKS[n % 8]} on {_SETS[n % 8]} with {_WORDS[n % 16]} models.",
            "year": 2010 + n % 14, "externalIds": {"CorpusId": n}, "authors": [{"name": f"A. Author{n % 50}"}],
            "venue": "", "citationCount": n % 100}


class _S2(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        parts = urlsplit(self.path)
        path = parts.path.removeprefix("/graph/v1/paper/")
        if path == "search/match":
            body: dict = {"data": [_s2_paper(parse_qs(parts.query).get("query", [""])[0])]}
        elif path.endswith(("/references", "/citations")):
            sid, kind = path.rsplit("/", 1)
            inner = "citedPaper" if kind == "references" else "citingPaper"
            body = {"offset": 0, "data": [{inner: _s2_paper(f"{sid}/{kind}/{i}")} for i in range(30)]}
        else:
            body = {**_s2_paper(path), "references": [_s2_paper(f"{path}/r{i}") for i in range(20)]}
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


def start_s2() -> int:
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _S2)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv.server_address[1]


# -- running and looking --------------------------------------------------------------------------------

def gb(*argv: str, port: int | None = None) -> list[str]:
    if port is not None:
        return [sys.executable, "-c", _LOCAL_S2, str(port), *argv]
    return [sys.executable, "-m", "graphbuild", *argv]


def run(cmd: list[str], cwd: Path, timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=timeout)


#: one process answering what a reader sees (argv: the workspace): stats, the corpus papers, the entities
_LOOK = """
import contextlib, hashlib, io, json, sys
from graphbuild.cli import main
def ask(*argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    if code:
        print(json.dumps({"error": err.getvalue().strip()}))
        sys.exit(0)
    return out.getvalue()
ws = sys.argv[1]
stats = json.loads(ask("stats", "-w", ws, "--json").replace(ws, "WS"))  # (each copy has its own path)
stats.pop("workspace", None)
papers = json.loads(ask("query", "-w", ws, "--format", "json",
                        "MATCH (p:Paper) WHERE p.external = false RETURN p.id AS id ORDER BY id"))
ents = ask("query", "-w", ws, "--format", "json", "MATCH (e:Entity) RETURN e.type AS t, e.name AS n ORDER BY t, n")
print(json.dumps({"stats": stats, "papers": papers, "entities": hashlib.sha1(ents.encode()).hexdigest()}))
"""


def fingerprint(ws: Path) -> dict:
    """What a reader of the workspace sees: the stats, the corpus papers, the entities by type and name."""
    looked = run([sys.executable, "-c", _LOOK, str(ws)], ws.parent)
    if looked.returncode:
        return {"error": looked.stderr.strip()[-300:]}
    return json.loads(looked.stdout)


def half_written(folder: Path) -> list[str]:
    """Files under a final name (not a dot-name temporary) that do not parse whole."""
    bad = []
    for path in folder.rglob("*"):
        if not path.is_file() or any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        try:
            if path.suffix == ".json":
                json.loads(path.read_text(encoding="utf-8"))
            elif path.suffix == ".jsonl":
                for line in path.read_text(encoding="utf-8").splitlines():
                    if line.strip():
                        json.loads(line)
            elif path.suffix == ".html":
                if not path.read_text(encoding="utf-8").rstrip().endswith("</html>"):
                    bad.append(f"{path.relative_to(folder)}: no </html> at its end")
            elif path.suffix in (".graphml", ".gexf"):
                if not path.read_text(encoding="utf-8").rstrip().endswith(">"):
                    bad.append(f"{path.relative_to(folder)}: cut short")
        except (ValueError, UnicodeDecodeError) as exc:
            bad.append(f"{path.relative_to(folder)}: {str(exc)[:80]}")
    return bad


def leftovers(folder: Path) -> list[str]:
    """Temporary or old copies (``.NAME.tmp-PID``, ``.NAME.old-PID``, ``.NAME.XXXX.tmp``) left in ``folder``."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob(".*")
                  if re.search(r"\.(tmp|old)(-\d+)?$|\.tmp-\d+|\.old-\d+", p.name))


@dataclass
class Scenario:
    name: str
    argv: Callable[[Path], list[str]]  # the command for a workspace copy (outputs go beside it)
    outputs: Callable[[Path], list[Path]]  # files or folders it writes outside the workspace
    changes: bool = False  # whether it makes a new generation (else what readers see is not looked at again)


def scenarios(extra: Path, port: int, demo_paper: str) -> list[Scenario]:
    return [
        Scenario("build", lambda ws: gb("build", str(extra), "-w", str(ws), "--no-overview"), lambda ws: [], True),
        Scenario("curate", lambda ws: gb("curate", "merge", "ILSVRC", "ImageNet", "-w", str(ws)),
                 lambda ws: [], True),
        Scenario("pages", lambda ws: gb("report", "-w", str(ws), "-o", str(ws.parent / "report.html")),
                 lambda ws: [ws.parent / "report.html"]),
        Scenario("viz", lambda ws: gb("viz", "-w", str(ws), "-o", str(ws.parent / "graph.html")),
                 lambda ws: [ws.parent / "graph.html"]),
        Scenario("fetch", lambda ws: gb("fetch", "s2", "arXiv:1512.03385", "--references", "-o",
                                        str(ws.parent / "s2.jsonl"), "--cache", str(ws.parent / "cache"),
                                        port=port), lambda ws: [ws.parent / "s2.jsonl"]),
        Scenario("expand", lambda ws: gb("expand", "-w", str(ws), "--seed", demo_paper, "--max", "30",
                                         "--json", port=port), lambda ws: [], True),
        Scenario("export", lambda ws: gb("export", "-w", str(ws), "--format", "neo4j-csv", str(ws.parent / "csv")),
                 lambda ws: [ws.parent / "csv"]),
        Scenario("export-json", lambda ws: gb("export", "-w", str(ws), "--format", "json",
                                              str(ws.parent / "graph.json")), lambda ws: [ws.parent / "graph.json"]),
        Scenario("related", lambda ws: gb("related", "-w", str(ws), "--json", demo_paper), lambda ws: []),
        Scenario("review", lambda ws: gb("review", "-w", str(ws), "--apply", *_review_ids(ws)), lambda ws: [], True),
        Scenario("export-graphml", lambda ws: gb("export", "-w", str(ws), str(ws.parent / "graph.graphml")),
                 lambda ws: [ws.parent / "graph.graphml"]),
        Scenario("export-gexf", lambda ws: gb("export", "-w", str(ws), str(ws.parent / "graph.gexf")),
                 lambda ws: [ws.parent / "graph.gexf"]),
        Scenario("train", lambda ws: gb("train", "--papers", str(_TRAIN_PAPERS), "--out", str(ws.parent / "pipe")),
                 lambda ws: [ws.parent / "pipe"]),
    ]


#: the papers the shipped annotations were made on (``train`` needs their texts)
_TRAIN_PAPERS = Path(os.environ.get("GRAPHBUILD_SHARED", ROOT.parent / "shared")) / "eval/related/papers_dev.jsonl"


_REVIEW_IDS: list[str] = []


def _review_ids(ws: Path, n: int = 3) -> list[str]:
    """The first ``n`` suggestions ``review`` makes on the first (fresh) copy asked, the same for every run."""
    if not _REVIEW_IDS:
        shown = run(gb("review", "-w", str(ws), "--json", "--limit", str(n)), ws.parent)
        _REVIEW_IDS.extend([s["id"] for s in json.loads(shown.stdout)] if not shown.returncode else ["none"])
    return _REVIEW_IDS


def digest(paths: list[Path]) -> str:
    h = hashlib.sha1()
    for p in paths:
        files = sorted(q for q in p.rglob("*") if q.is_file()) if p.is_dir() else [p] if p.exists() else []
        for q in files:
            h.update(q.name.encode() + q.read_bytes())
    return h.hexdigest()


def fresh(base: Path, where: Path) -> Path:
    shutil.rmtree(where, ignore_errors=True)
    where.mkdir(parents=True)
    shutil.copytree(base, where / "ws")
    return where / "ws"


def kill_after(cmd: list[str], cwd: Path, delay: float, sig: int = signal.SIGKILL) -> tuple[int, str, float]:
    """Start ``cmd``, send ``sig`` after ``delay`` s (unless done); (exit status, stderr, seconds run)."""
    start = time.monotonic()
    with subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True) as proc:
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            proc.send_signal(sig)
        _, err = proc.communicate(timeout=300)
    return proc.returncode, err, time.monotonic() - start


def hunt(sc: Scenario, base: Path, scratch: Path, seeds: int, say: Callable[[str], None]) -> list[str]:
    """Kill ``sc`` at ``seeds`` random moments; the problems found."""
    ws = fresh(base, scratch / f"{sc.name}-clean")
    before = fingerprint(ws)
    start = time.monotonic()
    clean = run(sc.argv(ws), ws.parent)
    took = time.monotonic() - start
    if clean.returncode:
        return [f"{sc.name}: the clean run failed: {clean.stderr.strip()[-300:]}"]
    after, out = fingerprint(ws), digest(sc.outputs(ws))
    say(f"{sc.name}: clean run {took:.1f} s")
    problems = []
    for seed in range(seeds):
        rng = random.Random(f"{sc.name}-{seed}")
        ws = fresh(base, scratch / f"{sc.name}-{seed}")
        delay = rng.uniform(0.2, took * 1.05)
        code, err, _ = kill_after(sc.argv(ws), ws.parent, delay)
        where = f"{sc.name} seed {seed} (killed at {delay:.2f} s, status {code})"
        seen = fingerprint(ws) if sc.changes or seed % 5 == 0 else before
        if seen not in (before, after):
            problems.append(f"{where}: the workspace shows neither generation: {str(seen)[:300]}")
        for bad in half_written(ws.parent):
            problems.append(f"{where}: half-written {bad}")
        again = run(sc.argv(ws), ws.parent)
        if again.returncode and _DONE_ALREADY.search(again.stderr) and fingerprint(ws) == after:
            continue  # killed after its change was made: asking again is refused, truly
        if again.returncode:
            problems.append(f"{where}: the next run failed: {again.stderr.strip()[-300:]}")
            continue
        if (sc.changes or seed % 5 == 0) and fingerprint(ws) != after:
            problems.append(f"{where}: the next run differs from a clean run")
        if digest(sc.outputs(ws)) != out:
            problems.append(f"{where}: the next run's output differs from a clean run's")
        left = leftovers(ws.parent)
        if left:
            problems.append(f"{where}: left behind after the next run: {left[:5]}")
        shutil.rmtree(ws.parent, ignore_errors=True)
    for line in problems:
        say(f"  {line}")
    say(f"{sc.name}: {seeds} kills, {len(problems)} problem(s)")
    return problems


def signals(sc: Scenario, base: Path, scratch: Path, say: Callable[[str], None]) -> list[str]:
    """SIGTERM and SIGINT once each, half-way through: one line, status 143 / 130, nothing half-written."""
    problems = []
    for sig, status in ((signal.SIGTERM, 143), (signal.SIGINT, 130)):
        ws = fresh(base, scratch / f"{sc.name}-{sig.name}")
        before = fingerprint(ws)
        code, err, _ = kill_after(sc.argv(ws), ws.parent, 6.0, sig)
        lines = [line for line in err.strip().splitlines() if line.startswith("graphbuild:")]  # (not progress)
        shown = -code + 128 if code < 0 else code
        say(f"{sc.name} {sig.name}: status {code} ({shown}); stderr {lines[-2:]}")
        if shown != status or len(lines) != 1 or not _CODED.match(lines[0]):
            problems.append(f"{sc.name} {sig.name}: status {code} (shell {shown}, wanted {status}), "
                            f"stderr {len(lines)} line(s): {lines[-1:] if lines else 'nothing'}")
        if fingerprint(ws) != before and code != 0:
            problems.append(f"{sc.name} {sig.name}: the workspace changed though the command stopped")
        problems += [f"{sc.name} {sig.name}: half-written {bad}" for bad in half_written(ws.parent)]
        left = leftovers(ws.parent)
        if left:
            problems.append(f"{sc.name} {sig.name}: left behind: {left[:5]}")
    return problems


def pairs(by: dict[str, Scenario], base: Path, scratch: Path, say: Callable[[str], None]) -> list[str]:
    """Two commands at once on one workspace: both succeed (the second waited, or is a reader), or the second
    refuses with one coded line; the workspace is then one generation that the next build completes."""
    problems = []
    for first, second in (("build", "build"), ("curate", "build"), ("build", "curate"), ("pages", "build"),
                          ("build", "pages"), ("export", "build"), ("build", "expand")):
        ws = fresh(base, scratch / f"pair-{first}-{second}")
        a = subprocess.Popen(by[first].argv(ws), cwd=ws.parent, env=ENV, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
        time.sleep(2.0)
        b = run(by[second].argv(ws), ws.parent)
        _, a_err = a.communicate(timeout=900)
        lines = b.stderr.strip().splitlines()
        say(f"{first} + {second}: first {a.returncode}, second {b.returncode} {lines[-1:] if lines else ''}")
        if a.returncode:
            problems.append(f"{first} + {second}: the first failed: {a_err.strip()[-200:]}")
        if b.returncode and (len([x for x in lines if x.startswith("graphbuild:")]) != 1
                             or not _CODED.match(lines[-1])):
            problems.append(f"{first} + {second}: the second failed without one coded line: {lines[-3:]}")
        problems += [f"{first} + {second}: half-written {bad}" for bad in half_written(ws.parent)]
        if "error" in (fingerprint(ws) or {}):
            problems.append(f"{first} + {second}: the workspace does not open")
    return problems


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seeds", type=int, default=20)
    p.add_argument("--records", type=int, default=200)
    p.add_argument("--only", help="comma-separated scenarios (default: all), or 'signals', 'pairs'")
    p.add_argument("--scratch", help="folder for the copies (default: a temporary folder)")
    args = p.parse_args()
    scratch = Path(args.scratch or tempfile.mkdtemp(prefix="kill-hunt-"))
    scratch.mkdir(parents=True, exist_ok=True)

    def say(line: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {line}", flush=True)

    extra = scratch / "invented.jsonl"
    extra.write_text("".join(json.dumps(r) + "\n" for r in invented_records(args.records)), encoding="utf-8")
    base = scratch / "base"
    if not (base / "CURRENT").exists():
        shutil.rmtree(base, ignore_errors=True)
        built = run(gb("build", str(DEMO), "-w", str(base), "--no-overview"), scratch)
        if built.returncode:
            say(f"the base build failed: {built.stderr}")
            return 2
    port = start_s2()
    title = json.loads(DEMO.read_text(encoding="utf-8").splitlines()[2])["title"]
    every = scenarios(extra, port, title)
    by = {sc.name: sc for sc in every}
    only = args.only.split(",") if args.only else [*by, "signals", "pairs"]
    problems: list[str] = []
    for name in only:
        if name == "signals":
            problems += signals(by["build"], base, scratch, say)
        elif name == "pairs":
            problems += pairs(by, base, scratch, say)
        else:
            problems += hunt(by[name], base, scratch, args.seeds, say)
    for line in problems:
        print(line)
    say(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
