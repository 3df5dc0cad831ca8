#!/usr/bin/env python3
"""Top-k lists scored from movierec's HTTP answers, on the splits and metric code of
anchors.py (which mirror `movierec eval`).

For the chosen protocol it writes the training part as a RecBole .inter file (with
ml-100k's .item and .user beside it), imports it into a fresh SQLite store, trains a
model file from that store (`movierec train --holdout H`, so validation is an inner split
of the training part), serves it, and asks `GET /recommendations/{user}?k=20` of every
user with a relevant held-out movie, by default and for each `--models` entry. It prints
HR@10, NDCG@10, MAP@10, NDCG@20, the distinct movies of all users' top-10 lists and the
largest share of lists holding one movie with fewer than 10 training ratings.

    python3 Benchmarks/ranking/http_eval.py --data data/ml-100k --protocol random --seed 42

Needs a release build (`swift build -c release --product movierec`).
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import anchors  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_training(data, split, path, source):
    rows = split.train_rows
    with open(os.path.join(path, "ml-100k.inter"), "w") as out:
        out.write("user_id:token\titem_id:token\trating:float\ttimestamp:float\n")
        for i in rows.tolist():
            out.write(f"{data.users[i]}\t{data.movies[i]}\t{data.values[i]:g}\t{data.timestamps[i]}\n")
    for extra in ("ml-100k.item", "ml-100k.user"):
        if os.path.exists(os.path.join(source, extra)):
            shutil.copy(os.path.join(source, extra), path)


def get(connection, target):
    connection.request("GET", target)
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        raise RuntimeError(f"GET {target}: {response.status} {body[:200]!r}")
    return json.loads(body)


def lists_from_server(port, users, model, k):
    """Raw movie ids per user, and which model answered (counted)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    lists, answered = {}, {}
    suffix = f"&model={model}" if model else ""
    for user in users:
        answer = get(connection, f"/recommendations/{user}?k={k}{suffix}")
        lists[user] = [item["movie"] for item in answer["items"]]
        answered[answer["model"]] = answered.get(answer["model"], 0) + 1
    connection.close()
    return lists, answered


def score(split, data, lists):
    index = {int(raw): i for i, raw in enumerate(data.movie_ids.tolist())}
    sums = np.zeros(4)
    users = split.eval_users
    for user in users:
        ranked = [index[m] for m in lists[int(data.user_ids[user])]]
        relevant = split.relevant[int(user)]
        hr, ndcg10, ap = anchors.ranking_metrics(ranked, relevant, 10)
        sums += (hr, ndcg10, ap, anchors.ranking_metrics(ranked, relevant, 20)[1])
    return dict(zip(("HR@10", "NDCG@10", "MAP@10", "NDCG@20"), (sums / len(users)).tolist()))


def diversity(split, data, lists):
    index = {int(raw): i for i, raw in enumerate(data.movie_ids.tolist())}
    tops = [[index[m] for m in movies[:10]] for movies in lists.values()]
    distinct = len({m for top in tops for m in top})
    per_movie = np.bincount([m for top in tops for m in top], minlength=data.n_items) / len(tops)
    rare = split.item_counts < 10
    return distinct, float(per_movie[rare].max()) if rare.any() else 0.0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=os.path.join(ROOT, "data", "ml-100k"))
    parser.add_argument("--protocol", choices=["random", "next-item"], default="random")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--models", default="mf,ials,ease,sequence,blend,most_rated",
                        help="model= values asked for besides the default (those the file lacks are skipped)")
    parser.add_argument("--train-models", default="mf,ials,ease,sequence", help="`movierec train --models`")
    parser.add_argument("--train-flags", default="", help="extra `movierec train` flags")
    parser.add_argument("--train-log", help="keep `movierec train`'s output (every epoch) in this file")
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build", "release", "movierec"))
    args = parser.parse_args(argv)

    data = anchors.Data(args.data, args.seed)
    split = data.split(args.protocol)
    holdout = "random" if args.protocol == "random" else "last-1"
    work = tempfile.mkdtemp(prefix="movierec-http-eval-")
    server = None
    try:
        write_training(data, split, work, args.data)
        db, model = os.path.join(work, "store.sqlite"), os.path.join(work, "models", "movierec.safetensors")
        subprocess.run([args.bin, "import", work, "--db", db], check=True, stdout=subprocess.DEVNULL)
        started = time.time()
        command = [args.bin, "train", "--db", db, "--out", model, "--holdout", holdout, "--split-seed", str(args.seed),
                   "--models", args.train_models, *args.train_flags.split()]
        if args.train_log:
            with open(args.train_log, "w") as log:
                subprocess.run(command, check=True, stdout=log, stderr=subprocess.STDOUT)
        else:
            subprocess.run(command + ["--quiet"], check=True)
        train_seconds = time.time() - started
        port = free_port()
        server_log = os.path.join(work, "serve.log")
        with open(server_log, "w") as log:
            server = subprocess.Popen([args.bin, "serve", "--db", db, "--model", model, "--port", str(port)],
                                      stdout=subprocess.DEVNULL, stderr=log)
        for _ in range(300):
            if server.poll() is not None:
                with open(server_log) as log:
                    sys.exit(f"movierec serve exited: {log.read().strip()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        eval_raw = [int(data.user_ids[u]) for u in split.eval_users]
        all_raw = [int(data.user_ids[u]) for u in np.flatnonzero(split.user_counts > 0)]
        print(f"protocol {args.protocol}, seed {args.seed}: {len(eval_raw)} users scored; "
              f"movierec train {train_seconds:.1f} s (holdout {holdout})")
        print("| asked | answered by | HR@10 | NDCG@10 | MAP@10 | NDCG@20 | distinct in top-10 | max share of a rare movie |")
        print("|---|---|---|---|---|---|---|---|")
        for model_name in [None] + [m for m in args.models.split(",") if m]:
            try:
                lists, answered = lists_from_server(port, eval_raw, model_name, 20)
            except RuntimeError as error:
                if model_name is None:
                    raise
                print(f"| {model_name} | not served: {str(error)[:120]} | | | | | | |")
                continue
            metrics = score(split, data, lists)
            all_lists, _ = lists_from_server(port, all_raw, model_name, 10)
            distinct, rare = diversity(split, data, all_lists)
            who = ", ".join(f"{k} {v}" for k, v in sorted(answered.items()))
            print(f"| {model_name or 'default'} | {who} | {metrics['HR@10']:.3f} | {metrics['NDCG@10']:.3f} | "
                  f"{metrics['MAP@10']:.3f} | {metrics['NDCG@20']:.3f} | {distinct} | {rare:.1%} |")
    finally:
        if server:
            server.terminate()
            server.wait(timeout=20)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
