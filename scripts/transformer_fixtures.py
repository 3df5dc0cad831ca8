"""Parity fixtures for movierec's transformer, and a check that its exported weights load
into the reference notebook's PyTorch module.

  python3 scripts/transformer_fixtures.py                 # writes Tests/ModelsTests/Fixtures/transformer/*.safetensors
  python3 scripts/transformer_fixtures.py --check-export model.safetensors

Fixtures are computed in float64 at tiny sizes with dropout p=0 (identity) so that the
comparison is exact up to rounding; batch norm runs in training mode (batch statistics) for
the loss and gradients, and in eval mode (running statistics) for the eval predictions.
Each file holds: config (metadata "config", JSON of TransformerConfig), the batch
(batch.*), initial parameters (param.<state_dict key>), eval predictions, train predictions,
loss, every gradient (grad.<key>), and parameters after two AdamW steps under OneCycleLR
(step2.<key>, including the moved BatchNorm running statistics).
"""
import argparse
import json
import os
import sys

import torch
from safetensors.torch import load_file, save_file
from safetensors import safe_open

sys.path.insert(0, os.path.dirname(__file__))
from bst_module import from_config  # noqa: E402

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "Tests", "ModelsTests", "Fixtures", "transformer")


def tiny_config(use_ratings, use_user_features, layers):
    return {
        "movieCount": 7, "userCount": 4, "sequenceLength": 4, "embeddingSize": 8, "heads": 2,
        "feedForwardSize": 16, "layers": layers, "hiddenSizes": [16, 8, 4], "hiddenDropoutAfter": 1,
        "useRatings": use_ratings, "useUserFeatures": use_user_features,
        "genderCount": 3, "genderSize": 2, "ageGroupCount": 8, "ageGroupSize": 4,
        "occupationCount": 22, "occupationSize": 11, "encoderDropout": 0.0, "hiddenDropout": 0.0,
        "ratingLow": 0.5, "ratingHigh": 5.5,
    }


def batch():
    movies = torch.tensor([[0, 0, 1, 2], [3, 4, 5, 6], [0, 7, 1, 3], [2, 2, 4, 5], [0, 0, 0, 7], [6, 1, 3, 2]])
    ratings = torch.tensor([[0, 0, 4], [1, 5, 2], [0, 3, 3], [5, 4, 1], [0, 0, 0], [2, 2, 5]])
    users = torch.tensor([1, 2, 3, 4, 1, 2])
    features = torch.tensor([[0, 1, 2], [1, 3, 20], [2, 0, 0], [0, 6, 11], [1, 2, 21], [0, 7, 5]])
    targets = torch.tensor([4.0, 1.0, 5.0, 3.0, 2.0, 4.5], dtype=torch.float64)
    return movies, ratings, users, features, targets


def make_fixture(name, config):
    torch.manual_seed(7)
    model = from_config(config).double()
    with torch.no_grad():  # non-trivial running statistics so eval mode is tested
        for module in model.linear:
            if isinstance(module, torch.nn.BatchNorm1d):
                module.running_mean.uniform_(-0.5, 0.5)
                module.running_var.uniform_(0.5, 1.5)
    movies, ratings, users, features, targets = batch()
    feats = features if config["useUserFeatures"] else None
    tensors = {"batch.movies": movies.to(torch.int32), "batch.ratings": ratings.to(torch.int32),
               "batch.users": users.to(torch.int32), "batch.features": features.to(torch.int32),
               "batch.targets": targets}
    state = {k: v.clone() for k, v in model.state_dict().items() if not k.endswith("num_batches_tracked")}
    tensors.update({"param." + k: v for k, v in state.items()})
    model.eval()
    with torch.no_grad():
        tensors["out.eval_predictions"] = model(movies, ratings, users, feats)
    model.train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=0.05, weight_decay=0.01)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.05, total_steps=10)
    for step in range(2):
        optimizer.zero_grad()
        predictions = model(movies, ratings, users, feats)
        loss = torch.nn.functional.mse_loss(predictions, targets)
        loss.backward()
        if step == 0:
            tensors["out.train_predictions"] = predictions.detach()
            tensors["out.loss"] = loss.detach().reshape(1)
            for k, p in model.named_parameters():
                tensors["grad." + k] = p.grad.clone()
        optimizer.step()
        scheduler.step()
    for k, v in model.state_dict().items():
        if not k.endswith("num_batches_tracked"):
            tensors["step2." + k] = v.clone()
    tensors = {k: v.contiguous() for k, v in tensors.items()}
    path = os.path.join(FIXTURES, name + ".safetensors")
    save_file(tensors, path, metadata={"config": json.dumps(config, sort_keys=True)})
    print(f"{path}: {len(tensors)} tensors, {os.path.getsize(path)} bytes, loss {tensors['out.loss'].item():.6f}")


def check_export(path):
    """Loads a movierec model file into the notebook's module by state_dict name."""
    with safe_open(path, framework="pt") as f:
        metadata = f.metadata() or {}
    config = json.loads(metadata["transformer.config"])
    model = from_config(config)
    tensors = load_file(path)
    expected = model.state_dict().keys()
    state = {k: tensors[k] for k in expected if k in tensors}
    missing = model.load_state_dict(state, strict=False)
    real_missing = [k for k in missing.missing_keys if not k.endswith("num_batches_tracked")]
    if real_missing or missing.unexpected_keys:
        sys.exit(f"state_dict mismatch: missing {real_missing}, unexpected {missing.unexpected_keys}")
    model.eval()
    S = config["sequenceLength"]
    movies = torch.arange(1, S + 1).clamp(max=config["movieCount"]).unsqueeze(0)
    movies[0, 0] = 0
    ratings = torch.tensor([[0] + [4] * (S - 2)])
    users = torch.tensor([1])
    features = torch.tensor([[0, 0, 0]]) if config["useUserFeatures"] else None
    with torch.no_grad():
        prediction = model(movies, ratings, users, features)
    print(f"loaded {len(state)} tensors into BstTransformer ({sum(p.numel() for p in model.parameters())} parameters); "
          f"movie ids {tensors['transformer.movie_ids'].shape[0]}, user ids {tensors['transformer.user_ids'].shape[0]}; "
          f"sample prediction {prediction.item():.6f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check-export", metavar="FILE", help="load a movierec model file into the PyTorch module")
    args = parser.parse_args()
    if args.check_export:
        check_export(args.check_export)
        return
    os.makedirs(FIXTURES, exist_ok=True)
    make_fixture("ratings_features_2layers", tiny_config(True, True, 2))
    make_fixture("plain_1layer", tiny_config(False, False, 1))


if __name__ == "__main__":
    main()
