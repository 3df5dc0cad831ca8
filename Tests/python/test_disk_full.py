"""The ratings store's disk fills up under a live server (a small tmpfs): writes answer 507
naming the cause, nothing acknowledged is lost, reads keep working, /health says degraded and
/metrics shows the fault, and writes resume without a restart once there is room again.

Mounting needs root; without it the test fails when CI=true and is skipped elsewhere."""
import json
import os
import shutil
import sqlite3

import pytest

from conftest import start_server, stop_server
from contract import call


@pytest.fixture
def small_disk(tmp_path, database, tmpfs):
    """A tmpfs 1 MiB larger than a copy of the store, holding it; yields (directory, remount(size))."""
    mount, remount = tmpfs
    copy = tmp_path / "store.sqlite"
    shutil.copy(database, copy)
    with sqlite3.connect(copy) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    directory = tmp_path / "disk"
    mount(directory, os.path.getsize(copy) + 1024 * 1024)
    shutil.copy(copy, directory / "store.sqlite")
    yield directory, lambda size: remount(directory, size)


def test_a_full_disk_answers_507_loses_nothing_and_recovers_without_a_restart(movierec_bin, model_file, small_disk):
    directory, remount = small_disk
    db = directory / "store.sqlite"
    process, url = start_server(movierec_bin, db, model_file)
    try:
        acknowledged, user, refused = [], 500000, None
        for _ in range(400):
            batch = [{"user": user, "movie": movie, "rating": 4, "timestamp": 1_700_000_000 + movie}
                     for movie in range(1, 301)]
            status, body = call(url + "/ratings", "POST", batch)
            if status == 201:
                acknowledged += [(user, item["movie"]) for item in batch]
                user += 1
                continue
            refused = (status, json.loads(body))
            break
        assert refused is not None, "the disk never filled"
        assert refused[0] == 507 and refused[1]["error"]["code"] == "insufficient_storage"
        assert "disk is full" in refused[1]["error"]["message"]
        assert acknowledged, "nothing was stored before the disk filled"

        # Reads go on, and the fault is visible.
        assert call(url + "/recommendations/1?k=3")[0] == 200
        assert call(url + f"/users/{acknowledged[0][0]}/ratings?limit=1")[0] == 200
        status, body = call(url + "/health")
        health = json.loads(body)
        assert status == 200 and health["status"] == "degraded"
        assert [fault["kind"] for fault in health["faults"]] == ["disk_full"]
        _, metrics = call(url + "/metrics")
        assert 'movierec_store_fault{kind="disk_full"} 1' in metrics.decode()
        assert 'movierec_store_failed_writes_total{kind="disk_full"} 0' not in metrics.decode()

        # Room again: writes resume on the same process.
        remount(64 * 1024 * 1024)
        status, body = call(url + "/ratings", "POST", {"user": user, "movie": 1, "rating": 5})
        assert status == 201, body
        acknowledged.append((user, 1))
        health = json.loads(call(url + "/health")[1])
        assert health["status"] == "ok" and "faults" not in health
        assert 'movierec_store_fault{kind="disk_full"} 0' in call(url + "/metrics")[1].decode()
    finally:
        stop_server(process)
    with sqlite3.connect(db) as connection:
        stored = set(connection.execute("SELECT user, movie FROM ratings WHERE user >= 500000"))
    assert set(acknowledged) <= stored, f"{len(set(acknowledged) - stored)} acknowledged ratings are missing"
