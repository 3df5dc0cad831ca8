#!/usr/bin/env python3
"""How alike /similar's neighbours are: for every movie of ML-100k, the share of its k
nearest movies (from a running movierec's `GET /similar/{movie}?k=K&model=M`) that share
at least one genre with it, averaged over movies; and Star Wars's (50) first three.

    python3 Benchmarks/ranking/similar_genres.py --port 8080 --models mf,ials,ease

Genres come from ml-100k.item (RecBole: item_id, movie_title, release_year, class).
"""
from __future__ import annotations

import argparse
import http.client
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def genres(path):
    table = {}
    with open(path, encoding="latin-1") as lines:
        header = next(lines).rstrip("\n").split("\t")
        column = next(i for i, name in enumerate(header) if name.startswith("class"))
        for line in lines:
            fields = line.rstrip("\n").split("\t")
            table[int(fields[0])] = set(fields[column].split()) if len(fields) > column else set()
    return table


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--models", default="mf,ials,ease")
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--items", default=os.path.join(ROOT, "data", "ml-100k", "ml-100k.item"))
    args = parser.parse_args(argv)
    table = genres(args.items)
    connection = http.client.HTTPConnection("127.0.0.1", args.port, timeout=30)
    print(f"| model | movies | share of {args.k} neighbours sharing a genre | Star Wars (50): first three |")
    print("|---|---|---|---|")
    for model in [None] + [m for m in args.models.split(",") if m]:
        shares, star_wars = [], ""
        for movie in sorted(table):
            suffix = f"&model={model}" if model else ""
            connection.request("GET", f"/similar/{movie}?k={args.k}{suffix}")
            response = connection.getresponse()
            body = json.loads(response.read())
            if response.status != 200:
                continue
            neighbours = [item["movie"] for item in body["items"]]
            if neighbours and table[movie]:
                shares.append(sum(bool(table.get(n, set()) & table[movie]) for n in neighbours) / len(neighbours))
            if movie == 50:
                star_wars = ", ".join(item["title"] for item in body["items"][:3])
                answered = body["model"]
        label = model or f"default ({answered})"
        print(f"| {label} | {len(shares)} | {sum(shares) / len(shares):.3f} | {star_wars} |")


if __name__ == "__main__":
    main()
