"""Nothing acknowledged is lost: the real `movierec serve` binary takes ratings from
several threads and is killed with SIGKILL mid-stream; every rating it answered 201 for
is in the store when the database is reopened.

Why pytest rather than a Swift test: the point is a separate process dying by SIGKILL
with writes in flight, and conftest.py already builds and locates the binary; threads of
blocking urllib clients are the simplest honest load generator."""
import http.client
import json
import signal
import sqlite3
import subprocess
import threading
import time

import pytest


def start_server(movierec_bin, db, model_dir, *flags):
    process = subprocess.Popen(
        [movierec_bin, "serve", "--db", str(db), "--model-dir", str(model_dir), "--port", "0", *flags],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    if not line.startswith("movierec listening on "):
        process.kill()
        raise RuntimeError(f"server did not start: {line!r} {process.stderr.read()}")
    return process, int(line.rsplit(":", 1)[1])


@pytest.fixture
def live_store(movierec_bin, ml100k, tmp_path):
    """A fresh store imported from ML-100k and a model directory with one tiny model."""
    db = tmp_path / "live.sqlite"
    models = tmp_path / "models"
    subprocess.run([movierec_bin, "import", str(ml100k), "--db", str(db)], check=True, capture_output=True)
    subprocess.run([movierec_bin, "train", "--models", "mf", "--db", str(db), "--out", str(models / "movierec-00000000T000000000Z-100000.safetensors"),
                    "--factors", "4", "--epochs", "2", "--quiet"], check=True, capture_output=True)
    return db, models


def poster(port, user, acknowledged, stop):
    """Posts one rating per request on a keep-alive connection until the server dies."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    movie = 1
    while not stop.is_set() and movie <= 1682:
        body = json.dumps({"user": user, "movie": movie, "rating": 3.5, "timestamp": int(time.time()) + movie})
        try:
            connection.request("POST", "/ratings", body, {"Content-Type": "application/json"})
            response = connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            return
        if response.status == 201:
            acknowledged.append((user, movie))
        movie += 1


def test_every_acknowledged_rating_survives_kill_9(movierec_bin, live_store):
    db, models = live_store
    process, port = start_server(movierec_bin, db, models, "--threads", "4")
    acknowledged, stop = [], threading.Event()
    threads = [threading.Thread(target=poster, args=(port, 900_000 + index, acknowledged, stop)) for index in range(6)]
    for thread in threads:
        thread.start()
    time.sleep(1.5)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    stop.set()
    for thread in threads:
        thread.join(timeout=15)
    assert len(acknowledged) > 50, "the load did not get going before the kill"

    stored = set(sqlite3.connect(db).execute(
        "SELECT user, movie FROM ratings WHERE user >= 900000").fetchall())
    lost = [pair for pair in acknowledged if pair not in stored]
    assert not lost, f"{len(lost)} of {len(acknowledged)} acknowledged ratings are missing, e.g. {lost[:5]}"
    print(f"{len(acknowledged)} acknowledged before SIGKILL, {len(stored)} stored, none lost")


def test_retraining_under_load_then_sighup_and_restart(movierec_bin, live_store):
    """Background retraining swaps a new model in; SIGHUP reloads; a restart serves the
    newest file and ignores an unfinished temporary, which it removes."""
    db, models = live_store
    process, port = start_server(movierec_bin, db, models, "--retrain-after", "5", "--retrain-factors", "4")
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)

        def get(path):
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, json.loads(response.read())

        _, health = get("/health")
        first = health["model"]["version"]
        assert health["retraining"]["state"] == "never"
        for movie in range(1, 7):
            connection.request("POST", "/ratings", json.dumps({"user": 950_000, "movie": movie, "rating": 5}),
                               {"Content-Type": "application/json"})
            response = connection.getresponse()
            response.read()
            assert response.status == 201
        status, predicted = get("/predict?user=950000&movie=50")
        assert status == 200 and predicted.get("folded_in") is True and predicted["cold_start"] is None
        deadline = time.time() + 120
        while time.time() < deadline:
            status, health = get("/health")
            assert status == 200
            if health["retraining"]["state"] not in ("never", "running"):
                break
            time.sleep(0.2)
        assert health["retraining"]["state"] in ("succeeded", "rejected"), health
        process.send_signal(signal.SIGHUP)
        time.sleep(0.5)
        assert get("/health")[0] == 200
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0

    (models / ".movierec-29990101T000000000Z-1.safetensors.tmp-1-2").write_bytes(b"half a model")
    process, port = start_server(movierec_bin, db, models)
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/health")
        health = json.loads(connection.getresponse().read())
        newest = sorted(p.name for p in models.glob("movierec-*.safetensors"))[-1]
        assert health["model"]["file"] == newest
        assert not list(models.glob(".*tmp-*"))
        if newest != sorted(p.name for p in models.glob("movierec-*.safetensors"))[0]:
            assert health["model"]["version"] != first
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0


def test_kill_9_mid_retraining_loses_nothing_and_loads_no_half_model(movierec_bin, live_store):
    """SIGKILL while a background retraining runs: on restart the store holds every
    acknowledged rating, no temporary model file is left, and a valid model serves."""
    db, models = live_store
    before = sorted(p.name for p in models.glob("movierec-*.safetensors"))
    process, port = start_server(movierec_bin, db, models, "--retrain-after", "1", "--retrain-factors", "200")
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("POST", "/ratings", json.dumps({"user": 960_000, "movie": 1, "rating": 4}),
                       {"Content-Type": "application/json"})
    response = connection.getresponse()
    response.read()
    assert response.status == 201
    deadline, state = time.time() + 60, "never"
    while time.time() < deadline and state != "running":
        connection.request("GET", "/health")
        state = json.loads(connection.getresponse().read())["retraining"]["state"]
        time.sleep(0.02)
    assert state == "running", "retraining did not start"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)

    process, port = start_server(movierec_bin, db, models)
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/health")
        health = json.loads(connection.getresponse().read())
        assert health["status"] == "ok" and health["ratings_stored"] == 100_001
        assert health["model"]["file"] in sorted(p.name for p in models.glob("movierec-*.safetensors"))
        assert not list(models.glob(".*tmp-*"))
        assert sorted(p.name for p in models.glob("movierec-*.safetensors"))[:len(before)] == before
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    assert sqlite3.connect(db).execute("SELECT rating FROM ratings WHERE user = 960000").fetchall() == [(4.0,)]
