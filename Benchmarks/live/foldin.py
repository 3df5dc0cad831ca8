#!/usr/bin/env python3
"""Fold-in on real data: how fast a new user's predictions beat the cold-start answer.

Holds out 100 MovieLens-100k users (those with at least 40 ratings, seed 42), trains MF
on everyone else with `movierec train`, serves it, then posts each held-out user's
ratings one by one in time order. After n ratings it asks /predict for the user's
ratings from the 21st on (the same test set for every n) and compares with the
cold-start answer μ + b_i (what /predict gives a user nobody has seen).

Usage: Benchmarks/live/foldin.py BINARY [--fold-in-regularization X]
"""
import argparse
import http.client
import json
import math
import random
import sqlite3
import subprocess
import tempfile
from pathlib import Path

STEPS = [0, 1, 2, 3, 5, 8, 10, 15, 20]
TEST_FROM = 20


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--data", default="/work/data/ml-100k")
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--fold-in-regularization", default=None)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="movierec-foldin-") as work:
        work = Path(work)
        db = work / "db.sqlite"
        subprocess.run([args.binary, "import", args.data, "--db", str(db)], check=True, capture_output=True)
        connection = sqlite3.connect(db)
        counts = connection.execute("SELECT user, COUNT(*) FROM ratings GROUP BY user HAVING COUNT(*) >= 40 ORDER BY user").fetchall()
        held = sorted(random.Random(args.seed).sample([user for user, _ in counts], args.users))
        histories = {}
        for user in held:
            histories[user] = connection.execute(
                "SELECT movie, rating, timestamp FROM ratings WHERE user = ? ORDER BY timestamp, movie", (user,)).fetchall()
        connection.executemany("DELETE FROM ratings WHERE user = ?", [(user,) for user in held])
        connection.commit()
        connection.close()
        model = work / "models" / "movierec.safetensors"
        train = subprocess.run([args.binary, "train", "--models", "mf", "--db", str(db), "--out", str(model), "--quiet"],
                               check=True, capture_output=True, text=True)
        serve = [args.binary, "serve", "--db", str(db), "--model", str(model), "--port", "0"]
        if args.fold_in_regularization:
            serve += ["--fold-in-regularization", args.fold_in_regularization]
        server = subprocess.Popen(serve, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            port = int(server.stdout.readline().rsplit(":", 1)[1])
            client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

            def call(method, path, body=None):
                headers = {"Content-Type": "application/json"} if body else {}
                client.request(method, path, body, headers)
                response = client.getresponse()
                payload = json.loads(response.read())
                assert response.status in (200, 201), (path, response.status, payload)
                return payload

            squared = {n: [0.0, 0.0] for n in STEPS}
            count = 0
            posted = {user: 0 for user in held}
            for n in STEPS:
                for user in held:
                    history = histories[user]
                    while posted[user] < n:
                        movie, rating, timestamp = history[posted[user]]
                        call("POST", "/ratings", json.dumps({"user": user, "movie": movie, "rating": rating,
                                                             "timestamp": timestamp}))
                        posted[user] += 1
                    for movie, rating, _ in history[TEST_FROM:]:
                        folded = call("GET", f"/predict?user={user}&movie={movie}")["rating"]
                        cold = call("GET", f"/predict?user=-1&movie={movie}")["rating"]
                        squared[n][0] += (folded - rating) ** 2
                        squared[n][1] += (cold - rating) ** 2
                        if n == STEPS[0]:
                            count += 1
        finally:
            server.terminate()
            server.wait()

    print(f"{args.users} held-out users (≥ 40 ratings, seed {args.seed}), {count} test ratings "
          f"(each user's ratings after the first {TEST_FROM}); {train.stdout.strip().splitlines()[-2]}")
    print()
    print("| ratings posted | RMSE fold-in | RMSE cold start (μ + b_i) |")
    print("|---:|---:|---:|")
    for n in STEPS:
        fold, cold = (math.sqrt(value / count) for value in squared[n])
        print(f"| {n} | {fold:.4f} | {cold:.4f} |")


if __name__ == "__main__":
    main()
