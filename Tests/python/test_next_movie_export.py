"""The shipped model file's next-movie transformer, loaded into its PyTorch reference
(scripts/next_movie_module.py), ranks every user's next movies as movierec serves them:
the same movies, in the same order, with the same scores, from the user's latest ratings
as the store holds them."""
import json
import sys
import urllib.request

import numpy as np
import pytest
import torch

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from next_movie_fixtures import last_slot_scores, load_export  # noqa: E402

USERS = [1, 13, 42, 276, 405, 655, 943]


def ratings_by_user(ml100k):
    table = np.loadtxt(ml100k / "ml-100k.inter", delimiter="\t", skiprows=1, dtype=np.float64)
    rows = {}
    for user, movie, value, timestamp in table:
        rows.setdefault(int(user), []).append((int(timestamp), int(movie), float(value)))
    return rows


def module_input(history, index, size):
    """Newest `size` known movies, oldest first (ties in time by movie id), left-padded."""
    known = [(t, m, v) for t, m, v in sorted(history) if m in index][-size:]
    pad = size - len(known)
    movies = [0] * pad + [index[m] for _, m, _ in known]
    stars = [0] * pad + [min(5, max(1, int(np.floor(v + 0.5)))) for _, _, v in known]
    return torch.tensor([movies]), torch.tensor([stars])


@pytest.fixture(scope="module")
def reference(model_file):
    model, config, movie_ids = load_export(str(model_file))
    return model, config, [int(i) for i in movie_ids.tolist()]


def test_movierec_file_loads_into_the_pytorch_module(reference):
    model, config, movie_ids = reference
    assert len(movie_ids) == config["movieCount"] == model.movie_count
    assert sum(p.numel() for p in model.parameters()) > 100_000


@pytest.mark.parametrize("user", USERS)
def test_served_lists_match_the_pytorch_module(server, ml100k, reference, user):
    model, config, movie_ids = reference
    index = {movie: i + 1 for i, movie in enumerate(movie_ids)}
    history = ratings_by_user(ml100k)[user]
    movies, stars = module_input(history, index, config["sequenceLength"])
    scores = last_slot_scores(model, movies, stars)[0].numpy()
    for _, movie, _ in history:
        if movie in index:
            scores[index[movie] - 1] = -np.inf
    order = np.argsort(-scores, kind="stable")[:20]

    with urllib.request.urlopen(f"{server}/recommendations/{user}?model=sequence&k=20", timeout=10) as response:
        status, answer = response.status, json.loads(response.read())
    assert status == 200 and answer["model"] == "sequence", answer
    served = [item["movie"] for item in answer["items"]]
    assert served == [movie_ids[i] for i in order]
    np.testing.assert_allclose([item["score"] for item in answer["items"]], scores[order], rtol=0, atol=1e-3)
