"""Parity fixtures for movierec's next-movie transformer, and a check that a movierec model
file loads into the PyTorch reference module (scripts/next_movie_module.py).

  python3 scripts/next_movie_fixtures.py          # writes Tests/ModelsTests/Fixtures/sequence/*.safetensors
  python3 scripts/next_movie_fixtures.py --check-export model.safetensors [--scores scores.json]

Fixtures are computed in float64 at tiny sizes (V=9, S=5, d=8, 2 heads, feed-forward 16)
with dropout 0. Each file holds, besides metadata "config" (JSON of the configuration):
  batch.movies, batch.ratings, batch.targets   int32 [B, S], left-padded, target 0 = none
  param.<key>     every state_dict tensor before training
  out.hidden      [B, S, d] encoder output in eval mode
  out.scores      [B, V] last-slot scores of movies 1..V (the PAD column dropped)
  out.loss        [1] mean cross-entropy over slots with a target, at the initial parameters
  grad.<key>      every parameter's gradient of that loss
  step2.<key>     every parameter after two Adam steps (lr 0.01, default betas, no weight decay)

--check-export reads the tensors `sequence.<key>` of a movierec model file (other tensors
are ignored, as is `sequence.movie_ids`) and the configuration in its metadata under
`sequence.config`, and loads them with strict key matching. With --scores FILE.json
({"sequences": [{"movies": [...], "ratings": [...]}], "scores": [[V floats], ...]}) it
recomputes each sequence's last-slot scores and fails unless the largest absolute
difference is at most 1e-4.
"""
import argparse
import json
import os
import sys

import torch
from safetensors import safe_open
from safetensors.torch import save_file

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from next_movie_module import from_config  # noqa: E402

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "ModelsTests", "Fixtures",
                        "sequence")
PREFIX = "sequence."
TOLERANCE = 1e-4


def tiny_config(use_ratings, tied_output, layers):
    return {"movieCount": 9, "sequenceLength": 5, "embeddingSize": 8, "heads": 2, "feedForwardSize": 16,
            "layers": layers, "dropout": 0.0, "useRatings": use_ratings, "tiedOutput": tied_output}


def batch():
    """Four left-padded histories, their star ratings and next-movie targets (0 = no target;
    row 1 slot 2 has a movie but no target)."""
    movies = torch.tensor([[0, 0, 3, 1, 4], [2, 7, 5, 9, 6], [0, 8, 8, 2, 1], [0, 0, 0, 0, 5]])
    ratings = torch.tensor([[0, 0, 4, 5, 3], [1, 2, 3, 4, 5], [0, 5, 2, 4, 1], [0, 0, 0, 0, 3]])
    targets = torch.tensor([[0, 0, 1, 4, 2], [7, 5, 0, 6, 3], [0, 8, 2, 1, 7], [0, 0, 0, 0, 9]])
    return movies, ratings, targets


def perturb(model):
    """Moves the output bias and every LayerNorm off their trivial 0/1 initial values."""
    with torch.no_grad():
        model.output.bias.uniform_(-0.5, 0.5)
        for module in model.modules():
            if isinstance(module, torch.nn.LayerNorm):
                module.weight.add_(torch.empty_like(module.weight).uniform_(-0.2, 0.2))
                module.bias.uniform_(-0.2, 0.2)


def make_fixture(name, config, exclude_seen=False):
    torch.manual_seed(7)
    model = from_config(config).double()
    perturb(model)
    movies, ratings, targets = batch()
    tensors = {"batch.movies": movies.to(torch.int32), "batch.ratings": ratings.to(torch.int32),
               "batch.targets": targets.to(torch.int32)}
    tensors.update({"param." + k: v.clone() for k, v in model.state_dict().items()})
    model.eval()
    with torch.no_grad():
        hidden = model(movies, ratings)
        tensors["out.hidden"] = hidden
        tensors["out.scores"] = model.scores(hidden[:, -1])[:, 1:]
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    for step in range(2):
        optimizer.zero_grad()
        loss = model.loss(movies, ratings, targets, exclude_seen=exclude_seen)
        loss.backward()
        if step == 0:
            tensors["out.loss"] = loss.detach().reshape(1)
            tensors.update({"grad." + k: p.grad.clone() for k, p in model.named_parameters()})
        optimizer.step()
    tensors.update({"step2." + k: v.clone() for k, v in model.state_dict().items()})
    tensors = {k: v.contiguous() for k, v in tensors.items()}
    path = os.path.join(FIXTURES, name + ".safetensors")
    save_file(tensors, path, metadata={"config": json.dumps(config, sort_keys=True),
                                       "excludeSeen": json.dumps(exclude_seen)})
    print(f"{os.path.relpath(path)}: {len(tensors)} tensors, {os.path.getsize(path)} bytes, "
          f"loss {tensors['out.loss'].item():.6f}")


def load_export(path):
    """The module (float64, eval mode) holding a movierec model file's `sequence.` tensors,
    its configuration, and the raw movie ids of indices 1..V."""
    with safe_open(path, framework="pt") as f:
        metadata = f.metadata() or {}
        if PREFIX + "config" not in metadata:
            sys.exit(f"{path}: no '{PREFIX}config' metadata (not a next-movie model file?)")
        config = json.loads(metadata[PREFIX + "config"])
        names = [k for k in f.keys() if k.startswith(PREFIX)]
        tensors = {k[len(PREFIX):]: f.get_tensor(k) for k in names}
    movie_ids = tensors.pop("movie_ids", None)
    model = from_config(config).double()
    try:
        model.load_state_dict({k: v.double() for k, v in tensors.items()}, strict=True)
    except RuntimeError as error:
        sys.exit(f"{path}: the {PREFIX}* tensors do not match NextMovieTransformer: {error}")
    model.eval()
    if movie_ids is not None and movie_ids.shape != (config["movieCount"],):
        sys.exit(f"{PREFIX}movie_ids has shape {list(movie_ids.shape)}, expected [{config['movieCount']}]")
    return model, config, movie_ids


def last_slot_scores(model, movies, ratings):
    """Scores [B, V] of movies 1..V at the last slot."""
    with torch.no_grad():
        return model.scores(model(movies, ratings)[:, -1])[:, 1:]


def check_export(path, scores_path=None):
    model, config, movie_ids = load_export(path)
    if scores_path is None:
        S = config["sequenceLength"]
        movies = torch.arange(S).clamp(max=config["movieCount"]).unsqueeze(0)  # slot 0 is PAD
        ratings = (movies != 0).long() * 4
        top = last_slot_scores(model, movies, ratings)[0].argmax().item() + 1
        ids = "none" if movie_ids is None else str(movie_ids.shape[0])
        print(f"loaded {len(model.state_dict())} tensors into NextMovieTransformer "
              f"({sum(p.numel() for p in model.parameters())} parameters, config {json.dumps(config, sort_keys=True)}); "
              f"movie ids {ids}; sample top movie index {top}")
        return
    with open(scores_path) as f:
        expected = json.load(f)
    sequences = expected["sequences"]
    movies = torch.tensor([s["movies"] for s in sequences], dtype=torch.long)
    ratings = torch.tensor([s.get("ratings", [0] * movies.shape[1]) for s in sequences], dtype=torch.long)
    want = torch.tensor(expected["scores"], dtype=torch.float64)
    got = last_slot_scores(model, movies, ratings)
    if got.shape != want.shape:
        sys.exit(f"scores shape {list(want.shape)} in {scores_path}, module gives {list(got.shape)}")
    difference = (got - want).abs().max().item()
    print(f"{len(sequences)} sequences × {want.shape[1]} movies: max abs score difference {difference:.3g} "
          f"(tolerance {TOLERANCE:g})")
    if not difference <= TOLERANCE:
        sys.exit(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check-export", metavar="FILE", help="load a movierec model file into the PyTorch module")
    parser.add_argument("--scores", metavar="FILE.json", help="with --check-export: compare last-slot scores")
    args = parser.parse_args()
    torch.set_num_threads(2)
    if args.scores and not args.check_export:
        parser.error("--scores needs --check-export")
    if args.check_export:
        check_export(args.check_export, args.scores)
        return
    os.makedirs(FIXTURES, exist_ok=True)
    make_fixture("ratings_tied_2layers", tiny_config(True, True, 2))
    make_fixture("plain_untied_1layer", tiny_config(False, False, 1))
    make_fixture("ratings_untied_2layers", tiny_config(True, False, 2))
    make_fixture("plain_tied_1layer", tiny_config(False, True, 1))
    make_fixture("ratings_tied_2layers_exclude_seen", tiny_config(True, True, 2), exclude_seen=True)
    make_fixture("plain_untied_1layer_exclude_seen", tiny_config(False, False, 1), exclude_seen=True)


if __name__ == "__main__":
    main()
