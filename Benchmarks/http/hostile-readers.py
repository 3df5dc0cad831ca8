"""Clients that pipeline and never read, against release `movierec serve` builds.

Each round starts one server per binary (alternating, so a busier moment of a shared machine
falls on both), measures its resident memory and the latency of `/health` from fresh
connections while idle, then opens CLIENTS sockets that each send REQUESTS pipelined
`GET /similar/50?k=1000` (about 70 KB of answer each) and never read. For WINDOW seconds it
samples the server's VmRSS and asks `/health` every 20 ms, each time on a new connection, timing
each probe from its scheduled start: a probe held up behind a slow one counts the wait, as a
client arriving at that moment would see it (no coordinated omission).
Printed per round and binary: idle RSS, peak RSS under attack, and /health p50 / p99 / max.

Usage (from the repository root, after Benchmarks/http/hostile-readers.sh built the binaries):
    python3 Benchmarks/http/hostile-readers.py --db DB --bin before=PATH --bin after=PATH [--rounds 3]
"""
import argparse
import os
import pathlib
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.parse

ROOT = pathlib.Path(__file__).resolve().parents[2]
ATTACK = b"GET /similar/50?k=1000 HTTP/1.1\r\nHost: x\r\n\r\n"
HEALTH = b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def health_seconds(host, port):
    """One /health on a new connection, read to the server's close; seconds taken."""
    started = time.monotonic()
    with socket.create_connection((host, port), timeout=60) as sock:
        sock.sendall(HEALTH)
        data = b""
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    assert data.startswith(b"HTTP/1.1 200"), data[:100]
    return time.monotonic() - started


def paced_latencies(host, port, seconds, interval=0.02):
    """/health probes scheduled every `interval` for `seconds`, each timed from its schedule."""
    start = time.monotonic()
    latencies = []
    for index in range(int(seconds / interval)):
        scheduled = start + index * interval
        delay = scheduled - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        health_seconds(host, port)
        latencies.append(time.monotonic() - scheduled)
    return latencies


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def start_server(binary, db, work):
    process = subprocess.Popen(
        [binary, "serve", "--db", db, "--model", str(ROOT / "models" / "movierec.safetensors"), "--port", "0"],
        stdout=subprocess.PIPE, stderr=open(work / "server.err", "w"), text=True)
    line = process.stdout.readline()
    if not line.startswith("movierec listening on "):
        process.kill()
        raise RuntimeError(f"{binary} did not start: {line!r}")
    url = urllib.parse.urlparse(line.split()[-1])
    return process, url.hostname, url.port


def measure(binary, base_db, clients, requests, window, work):
    db = work / "db.sqlite"
    for suffix in ("", "-wal", "-shm"):
        pathlib.Path(str(db) + suffix).unlink(missing_ok=True)
    shutil.copy(base_db, db)
    process, host, port = start_server(binary, str(db), work)
    try:
        for _ in range(20):  # first answers: pages of the model and the store are touched once
            health_seconds(host, port)
        time.sleep(1)
        idle_rss = rss_kib(process.pid)
        idle_latency = paced_latencies(host, port, 2)

        peak = [idle_rss]
        stop = threading.Event()

        def sample():
            while not stop.is_set():
                peak[0] = max(peak[0], rss_kib(process.pid))
                time.sleep(0.05)

        sampler = threading.Thread(target=sample)
        sampler.start()
        attackers = []
        for _ in range(clients):
            sock = socket.create_connection((host, port))
            sock.sendall(ATTACK * requests)
            attackers.append(sock)
        latency = paced_latencies(host, port, window)
        stop.set()
        sampler.join()
        for sock in attackers:
            sock.close()
        return {
            "idle_rss": idle_rss, "peak_rss": peak[0],
            "idle_p50": percentile(idle_latency, 0.5), "idle_p99": percentile(idle_latency, 0.99),
            "p50": percentile(latency, 0.5), "p99": percentile(latency, 0.99), "max": max(latency),
            "probes": len(latency),
        }
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="a store imported from MovieLens 100k (copied per run)")
    parser.add_argument("--bin", action="append", required=True, help="LABEL=PATH of a movierec binary")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=1400, help="pipelined requests per client")
    parser.add_argument("--window", type=float, default=10, help="seconds of attack measured")
    args = parser.parse_args()
    binaries = [entry.split("=", 1) for entry in args.bin]
    results = {label: [] for label, _ in binaries}
    with tempfile.TemporaryDirectory(prefix="movierec-hostile-") as directory:
        work = pathlib.Path(directory)
        print("| round | build | idle RSS MiB | peak RSS MiB under attack | /health idle p50 / p99 ms "
              "| /health under attack p50 / p99 / max ms | probes |")
        print("|---|---|---|---|---|---|---|")
        for round_number in range(1, args.rounds + 1):
            for label, binary in binaries:
                result = measure(binary, args.db, args.clients, args.requests, args.window, work)
                results[label].append(result)
                print(f"| {round_number} | {label} | {result['idle_rss'] / 1024:.1f} | {result['peak_rss'] / 1024:.1f} "
                      f"| {result['idle_p50'] * 1e3:.2f} / {result['idle_p99'] * 1e3:.2f} "
                      f"| {result['p50'] * 1e3:.2f} / {result['p99'] * 1e3:.2f} / {result['max'] * 1e3:.0f} "
                      f"| {result['probes']} |", flush=True)
        print()
        print("Medians over the rounds:")
        print()
        print("| build | idle RSS MiB | peak RSS MiB | growth MiB | /health p50 / p99 / max ms under attack |")
        print("|---|---|---|---|---|")
        for label, runs in results.items():
            def median(key):
                return statistics.median(run[key] for run in runs)
            growth = statistics.median(run["peak_rss"] - run["idle_rss"] for run in runs)
            print(f"| {label} | {median('idle_rss') / 1024:.1f} | {median('peak_rss') / 1024:.1f} | {growth / 1024:.1f} "
                  f"| {median('p50') * 1e3:.2f} / {median('p99') * 1e3:.2f} / {median('max') * 1e3:.0f} |")


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
