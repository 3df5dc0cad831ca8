"""Checks that a movierec model file opens with Python's `safetensors` + NumPy and that
predictions computed from its tensors in NumPy match movierec's own.

The model comes from $MOVIEREC_MODEL when set; otherwise a tiny one is trained with the
built binary ($MOVIEREC_BIN, default .build/debug/movierec then .build/release/movierec)
on a synthetic RecBole dataset. Run: pip install pytest safetensors numpy; pytest Tests/python
"""
import json
import os
import subprocess
from pathlib import Path

import numpy as np
import pytest
from safetensors import safe_open
from safetensors.numpy import load_file

ROOT = Path(__file__).resolve().parents[2]


def binary() -> Path:
    candidates = [os.environ.get("MOVIEREC_BIN"), ROOT / ".build/debug/movierec", ROOT / ".build/release/movierec"]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    pytest.skip("no movierec binary: build first or set MOVIEREC_BIN")


def write_synthetic_dataset(directory: Path) -> None:
    """A few hundred ratings in RecBole atomic format, with planted structure."""
    generator = np.random.default_rng(7)
    users, movies = 40, 30
    p, q = generator.normal(0, 0.7, (users, 3)), generator.normal(0, 0.7, (movies, 3))
    lines = ["user_id:token\titem_id:token\trating:float\ttimestamp:float"]
    for u in range(users):
        for m in range(movies):
            if generator.random() < 0.5:
                value = int(np.clip(np.rint(3.5 + p[u] @ q[m]), 1, 5))
                lines.append(f"{u + 1}\t{m + 101}\t{value}\t{880000000 + u * 1000 + m}")
    (directory / "tiny.inter").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def model_path(tmp_path_factory) -> Path:
    if os.environ.get("MOVIEREC_MODEL"):
        return Path(os.environ["MOVIEREC_MODEL"])
    directory = tmp_path_factory.mktemp("movierec")
    write_synthetic_dataset(directory)
    out = directory / "model.safetensors"
    subprocess.run([str(binary()), "train", "--models", "mf", "--data", str(directory), "--out", str(out),
                    "--holdout", "last-1", "--factors", "4", "--epochs", "20", "--quiet"],
                   check=True, capture_output=True, text=True)
    return out


def numpy_prediction(tensors, user: int, movie: int) -> float:
    """μ + b_u + b_i + p_u·q_i clipped, with movierec's cold-start fallbacks; row r + 1 holds id r."""
    user_ids, item_ids = list(tensors["mf.user_ids"]), list(tensors["mf.item_ids"])
    value = float(tensors["mf.global_mean"][0])
    u = user_ids.index(user) + 1 if user in user_ids else None
    m = item_ids.index(movie) + 1 if movie in item_ids else None
    if u is not None:
        value += float(tensors["user_bias.weight"][u, 0])
    if m is not None:
        value += float(tensors["item_bias.weight"][m, 0])
    if u is not None and m is not None:
        value += float(tensors["user_embedding.weight"][u] @ tensors["item_embedding.weight"][m])
    low, high = tensors["mf.rating_range"]
    return float(np.clip(value, low, high))


def test_file_opens_with_safetensors_and_has_movierec_metadata(model_path):
    with safe_open(str(model_path), framework="np") as handle:
        metadata = handle.metadata()
        names = set(handle.keys())
    assert metadata["format"] == "movierec"
    assert metadata["format_version"] == "1"
    assert "mf" in metadata["models"].split(",")
    assert {"user_embedding.weight", "item_embedding.weight", "user_bias.weight", "item_bias.weight",
            "mf.user_ids", "mf.item_ids", "mf.global_mean", "mf.rating_range"} <= names


def test_shapes_agree_and_padding_rows_are_zero(model_path):
    tensors = load_file(str(model_path))
    users, movies = len(tensors["mf.user_ids"]), len(tensors["mf.item_ids"])
    factors = tensors["user_embedding.weight"].shape[1]
    assert tensors["user_embedding.weight"].shape == (users + 1, factors)
    assert tensors["item_embedding.weight"].shape == (movies + 1, factors)
    assert tensors["user_bias.weight"].shape == (users + 1, 1)
    assert tensors["item_bias.weight"].shape == (movies + 1, 1)
    assert tensors["mf.user_ids"].dtype == np.int64 and tensors["user_embedding.weight"].dtype == np.float32
    assert not tensors["user_embedding.weight"][0].any() and not tensors["item_bias.weight"][0].any()
    assert len(set(tensors["mf.user_ids"])) == users


def test_numpy_predictions_match_movierec(model_path):
    tensors = load_file(str(model_path))
    user_ids, item_ids = tensors["mf.user_ids"], tensors["mf.item_ids"]
    pairs = [(int(u), int(m)) for u in user_ids[:5] for m in item_ids[:5]]
    pairs += [(-1, int(item_ids[0])), (int(user_ids[0]), -1), (-1, -1)]  # cold starts
    command = [str(binary()), "inspect", str(model_path), "--json"]
    for user, movie in pairs:
        command.append(f"--predict={user},{movie}")  # "=" keeps a negative id from reading as a flag
    report = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    assert len(report["predictions"]) == len(pairs)
    worst = 0.0
    for entry in report["predictions"]:
        expected = numpy_prediction(tensors, entry["user"], entry["movie"])
        worst = max(worst, abs(expected - entry["prediction"]))
    assert worst < 1e-4, f"max |numpy − movierec| = {worst}"
