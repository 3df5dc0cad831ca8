"""The model directory fills up during a background retraining (a tmpfs too small for a model
file): the retraining fails visibly — /health degraded with the reason, /metrics, the log — the
serving model stays, no temporary file is left behind, and the next retraining after room
returns succeeds on the same process.

Mounting needs root; without it the test fails when CI=true and is skipped elsewhere."""
import json
import os
import subprocess
import time

from conftest import start_server, stop_server
from contract import call


def health_when(url, predicate, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        health = json.loads(call(url + "/health")[1])
        if predicate(health):
            return health
        time.sleep(0.5)
    raise AssertionError(f"/health never got there: {health}")


def test_a_full_model_directory_fails_the_retraining_visibly_and_keeps_serving(movierec_bin, database, model_file, tmp_path,
                                                                               tmpfs):
    mount, remount = tmpfs
    models = tmp_path / "models"
    mount(models, 64 * 1024)
    db = tmp_path / "store.sqlite"
    subprocess.run(["cp", str(database), str(db)], check=True)
    process, url = start_server(movierec_bin, db, model_file, "--model-dir", str(models), "--retrain-after", "1",
                                "--retrain-factors", "4", "--retrain-tolerance", "1")
    try:
        serving = json.loads(call(url + "/health")[1])["model"]["version"]
        assert call(url + "/ratings", "POST", {"user": 1, "movie": 2, "rating": 5})[0] == 201
        health = health_when(url, lambda h: h.get("retraining", {}).get("state") == "failed")
        assert health["status"] == "degraded" and health["model"]["version"] == serving
        fault = next(f for f in health["faults"] if f["kind"] == "retraining_failed")
        assert "No space left on device" in fault["detail"]
        assert os.listdir(models) == [], f"left behind: {os.listdir(models)}"
        assert 'movierec_retraining_state{state="failed"} 1' in call(url + "/metrics")[1].decode()
        assert call(url + "/recommendations/1?k=3")[0] == 200

        remount(models, 256 * 1024 * 1024)
        assert call(url + "/ratings", "POST", {"user": 1, "movie": 3, "rating": 4})[0] == 201
        health = health_when(url, lambda h: h.get("retraining", {}).get("state") == "succeeded")
        assert health["status"] == "ok" and "faults" not in health and health["model"]["version"] != serving
        assert [name for name in os.listdir(models) if name.startswith(".")] == []
    finally:
        stop_server(process, timeout=120)
    stderr = process.stderr.read()
    assert "retraining failed; the serving model stays" in stderr
