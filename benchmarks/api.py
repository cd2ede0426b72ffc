"""API speed: POST /v1/flags on the real server against a bare Starlette app doing the same lookup.

Both servers run in the same run as separate processes (uvicorn, one worker each): the real
`meetscout serve`, and a bare Starlette route that parses the JSON, canonicalises each URL with
meetscout.identify and reads the event by primary key from the same SQLite file. A separate load
process (a lean asyncio HTTP/1.1 client) measures:

- capacity: closed loop, a few keep-alive connections sending back to back -> requests/s;
- latency at an offered rate: open loop, requests scheduled at a fixed rate whatever the server
  does, latency counted from the scheduled time (no coordinated omission) -> p50/p99.

Targets: one known URL >= 60% of the bare throughput and p99 < 5 ms at 500 req/s; a batch of 50
< 25 ms p99 at 50 req/s.

    .venv/bin/python benchmarks/api.py [--events 20000] [--seconds 3] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


# --- the bare baseline -----------------------------------------------------------------------


def bare_app(db: str):
    import sqlite3

    import orjson
    from starlette.applications import Starlette
    from starlette.responses import Response
    from starlette.routing import Route

    from meetscout.identify import identify

    conn = sqlite3.connect(db, check_same_thread=False)
    sql = (
        "SELECT id, url, title, crowd, kind, confidence, access, reasons, targets "
        "FROM events WHERE id = ?"
    )

    async def flags(request):
        items = orjson.loads(await request.body())["items"]
        out = []
        for item in items:
            ident = identify(item["url"])
            row = conn.execute(sql, (ident.id,)).fetchone() if ident and ident.id else None
            if row:
                out.append(
                    {
                        "url": row[1],
                        "known": True,
                        "id": row[0],
                        "title": row[2],
                        "crowd": row[3],
                        "kind": row[4],
                        "confidence": row[5],
                        "access": orjson.loads(row[6]),
                        "reasons": orjson.loads(row[7]),
                        "targets": orjson.loads(row[8]),
                    }
                )
        return Response(orjson.dumps({"flags": out}), media_type="application/json")

    async def healthz(request):
        return Response(b'{"status":"ok"}', media_type="application/json")

    return Starlette(
        routes=[Route("/v1/flags", flags, methods=["POST"]), Route("/healthz", healthz)]
    )


def run_bare(port: int, db: str) -> None:
    import uvicorn

    uvicorn.run(bare_app(db), host="127.0.0.1", port=port, log_level="warning", access_log=False)


# --- the load generator (its own process) -----------------------------------------------------


class Conn(asyncio.Protocol):
    """One keep-alive HTTP/1.1 connection; one request in flight at a time."""

    def __init__(self) -> None:
        self.buf = bytearray()
        self.done: asyncio.Future | None = None

    def connection_made(self, transport) -> None:
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buf += data
        end = self.buf.find(b"\r\n\r\n")
        if end < 0:
            return
        head = bytes(self.buf[:end]).lower()
        i = head.find(b"content-length:")
        length = int(head[i + 15 : head.find(b"\r\n", i) if head.find(b"\r\n", i) > 0 else None])
        if len(self.buf) < end + 4 + length:
            return
        status = int(head[9:12])
        del self.buf[: end + 4 + length]
        if self.done and not self.done.done():
            self.done.set_result(status)

    async def request(self, raw: bytes) -> int:
        self.done = asyncio.get_running_loop().create_future()
        self.transport.write(raw)
        return await self.done


async def _connect(port: int, n: int) -> list[Conn]:
    loop = asyncio.get_running_loop()
    conns = []
    for _ in range(n):
        _, proto = await loop.create_connection(Conn, "127.0.0.1", port)
        conns.append(proto)
    return conns


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


async def closed_loop(port: int, raws: list[bytes], seconds: float, conns: int) -> dict:
    pool = await _connect(port, conns)
    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds + 0.5
    warm_until = time.perf_counter() + 0.5

    async def worker(conn: Conn, k: int) -> None:
        nonlocal errors
        i = k
        while (now := time.perf_counter()) < stop:
            status = await conn.request(raws[i % len(raws)])
            i += conns
            if now >= warm_until:
                latencies.append(time.perf_counter() - now)
                errors += status != 200

    await asyncio.gather(*(worker(c, k) for k, c in enumerate(pool)))
    return {
        "rps": len(latencies) / seconds,
        "p50_ms": _pct(latencies, 0.5) * 1000,
        "p99_ms": _pct(latencies, 0.99) * 1000,
        "errors": errors,
    }


async def paced(
    port: int, raws: list[bytes], seconds: float, rate: float
) -> tuple[list[float], list[int], float]:
    """Requests sent at fixed times whatever the server does, latency counted from when each was
    due (no coordinated omission): latencies, statuses and the rate achieved."""
    free = await _connect(port, 32)
    idle: asyncio.Queue[Conn] = asyncio.Queue()
    for c in free:
        idle.put_nowait(c)
    latencies: list[float] = []
    statuses: list[int] = []
    tasks = []

    async def one(at: float, raw: bytes) -> None:
        conn = await idle.get()  # waiting for a free connection counts as latency
        status = await conn.request(raw)
        latencies.append(time.perf_counter() - at)
        statuses.append(status)
        idle.put_nowait(conn)

    total = int(seconds * rate)
    start = time.perf_counter() + 0.05
    for i in range(total):
        at = start + i / rate
        delay = at - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(at, raws[i % len(raws)])))
    await asyncio.gather(*tasks)
    return latencies, statuses, total / (time.perf_counter() - start)


async def open_loop(port: int, raws: list[bytes], seconds: float, rate: float) -> dict:
    latencies, statuses, achieved = await paced(port, raws, seconds, rate)
    return {
        "offered": rate,
        "achieved": achieved,
        "p50_ms": _pct(latencies, 0.5) * 1000,
        "p99_ms": _pct(latencies, 0.99) * 1000,
        "errors": sum(s != 200 for s in statuses),
    }


def run_load(spec: dict) -> None:
    pin(0, 1)
    try:
        import uvloop

        uvloop.install()
    except ImportError:
        pass
    raws = [r.encode("latin-1") for r in spec["raws"]]
    if spec["mode"] == "closed":
        result = asyncio.run(closed_loop(spec["port"], raws, spec["seconds"], spec["conns"]))
    else:
        result = asyncio.run(open_loop(spec["port"], raws, spec["seconds"], spec["rate"]))
    print(json.dumps(result))


# --- the orchestrator ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seed(db: Path, n: int) -> list[str]:
    from meetscout.model import Assessment, Event
    from meetscout.store import Store

    a = Assessment(
        crowd="employed",
        kind="professional_association",
        confidence=0.9,
        access=["guest_pass", "drinks_only"],
        reasons=["Hosted by a professional association chapter: ISACA New Jersey"],
        targets=["Prudential"],
        classifier_version="bench",
    )
    start = datetime.now(UTC) + timedelta(days=1)
    urls = []
    events = []
    for i in range(n):
        eid = 20_000_000 + i
        url = f"https://www.meetup.com/group-{i % 2000}/events/{eid}/"
        urls.append(url)
        events.append(
            Event(
                id=f"meetup:{eid}",
                source="meetup",
                url=url,
                title=f"Chapter meeting {i}",
                description="Monthly chapter meeting with a speaker and dinner.",
                starts_at=start + timedelta(minutes=30 * i),
                group_id=f"meetup-group:group-{i % 2000}",
                group_name=f"Group {i % 2000}",
                assessment=a,
            )
        )
    with Store(db) as store:
        store.upsert_events(events)
    return urls


def serve_meetscout(db: Path, tmp: Path) -> tuple[subprocess.Popen, int, dict[str, str]]:
    """`meetscout serve` on `db` and a free port, with its config (and token) under `tmp`."""
    env = {
        **os.environ,
        "MEETSCOUT_CONFIG_DIR": str(tmp / "config"),
        "MEETSCOUT_EXTENSION_ID": "a" * 32,
    }
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "meetscout.cli", "serve", "--port", str(port), "--db", str(db)],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    return proc, port, env


def wait_up(port: int, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server on port {port} did not start")


def requests_for(port: int, token: str | None, bodies: list[bytes]) -> list[str]:
    auth = f"Authorization: Bearer {token}\r\n" if token else ""
    return [
        (
            f"POST /v1/flags HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{auth}"
            f"Content-Type: application/json\r\nContent-Length: {len(b)}\r\n\r\n"
        )
        + b.decode("latin-1")
        for b in bodies
    ]


def load(spec: dict) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--load"],
        input=json.dumps(spec),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def pin(pid: int, cpu: int) -> None:
    """Server on one core, load on the other: less noise from the scheduler moving them."""
    if hasattr(os, "sched_setaffinity") and (os.cpu_count() or 1) > 1:
        os.sched_setaffinity(pid, {cpu % os.cpu_count()})


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20000, help="events in the database")
    parser.add_argument("--seconds", type=float, default=3, help="length of each measurement")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per server")
    parser.add_argument("--conns", type=int, default=4, help="connections for the capacity run")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="meetscout-bench-api-"))
    db = tmp / "bench.db"
    urls = seed(db, args.events)
    rnd = random.Random(7)
    single = [json.dumps({"items": [{"url": rnd.choice(urls)}]}).encode() for _ in range(200)]
    batch = [
        json.dumps({"items": [{"url": u} for u in rnd.sample(urls, 50)]}).encode()
        for _ in range(50)
    ]

    meetscout, port, env = serve_meetscout(db, tmp)
    ports = {"meetscout": port, "bare": free_port()}
    procs = {
        "meetscout": meetscout,
        "bare": subprocess.Popen(
            [sys.executable, __file__, "--bare", str(ports["bare"]), str(db)], env=env
        ),
    }
    try:
        for name, proc in procs.items():
            wait_up(ports[name], proc)
            pin(proc.pid, 0)
        token = (tmp / "config" / "token").read_text().strip()
        scenarios = (("1 known URL", single, 500), ("batch of 50", batch, 50))
        runs: dict[tuple[str, str], list[dict]] = {}
        for _ in range(args.rounds):
            for scenario, bodies, rate in scenarios:
                for name in ("bare", "meetscout"):
                    auth = token if name == "meetscout" else None
                    raws = requests_for(ports[name], auth, bodies)
                    common = {"port": ports[name], "raws": raws, "seconds": args.seconds}
                    cap = load({**common, "mode": "closed", "conns": args.conns})
                    lat = load({**common, "mode": "open", "rate": rate})
                    runs.setdefault((scenario, name), []).append({"cap": cap, "lat": lat})
        report(args, runs)
    finally:
        for proc in procs.values():
            proc.terminate()
        for proc in procs.values():
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


def report(args: argparse.Namespace, runs: dict[tuple[str, str], list[dict]]) -> None:
    print(
        f"POST /v1/flags, {args.events} events stored, {args.rounds} alternating rounds of "
        f"{args.seconds:g} s, {os.cpu_count()} CPUs, load from a separate process"
    )
    print("median of rounds (best round in brackets)")
    print(
        f"{'scenario':<13} {'server':<10} {'capacity req/s':>18} {'p50 ms':>7} {'p99 ms':>7}"
        f"   {'offered':>8} {'p50 ms':>7} {'p99 ms':>16} {'errors':>6}"
    )
    summary: dict[tuple[str, str], dict[str, float]] = {}
    for (scenario, name), rounds in runs.items():
        rps = [r["cap"]["rps"] for r in rounds]
        p99 = [r["lat"]["p99_ms"] for r in rounds]
        errors = sum(r["cap"]["errors"] + r["lat"]["errors"] for r in rounds)
        summary[(scenario, name)] = {"rps": median(rps), "best_rps": max(rps), "p99": median(p99)}
        print(
            f"{scenario:<13} {name:<10} {median(rps):>8.0f} ({max(rps):>6.0f}) "
            f"{median([r['cap']['p50_ms'] for r in rounds]):>7.2f} "
            f"{median([r['cap']['p99_ms'] for r in rounds]):>7.2f}   "
            f"{rounds[0]['lat']['offered']:>6.0f}/s "
            f"{median([r['lat']['p50_ms'] for r in rounds]):>7.2f} "
            f"{median(p99):>7.2f} ({min(p99):>6.2f}) {errors:>6}"
        )
    for scenario in ("1 known URL", "batch of 50"):
        ours, bare = summary[(scenario, "meetscout")], summary[(scenario, "bare")]
        print(
            f"ratio meetscout/bare throughput, {scenario}: {ours['rps'] / bare['rps']:.2f} "
            f"(best rounds: {ours['best_rps'] / bare['best_rps']:.2f})"
        )
    one, fifty = summary[("1 known URL", "meetscout")], summary[("batch of 50", "meetscout")]
    ratio = one["rps"] / summary[("1 known URL", "bare")]["rps"]
    verdict = {True: "met", False: "MISSED"}
    print(
        f"targets (medians): 1 URL >= 0.60 of bare: {verdict[ratio >= 0.6]}; "
        f"1 URL p99 < 5 ms at 500/s: {verdict[one['p99'] < 5]}; "
        f"batch of 50 p99 < 25 ms at 50/s: {verdict[fifty['p99'] < 25]}"
    )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--bare":
        run_bare(int(sys.argv[2]), sys.argv[3])
    elif len(sys.argv) > 1 and sys.argv[1] == "--load":
        run_load(json.load(sys.stdin))
    else:
        main()
