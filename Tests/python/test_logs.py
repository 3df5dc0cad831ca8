"""The server's log and the trainer's output as an operator reads them: one line per record with
a UTC timestamp, JSON on request, an access line per request carrying the id the answer's
X-Request-Id gave, and standard output line-buffered even when it is a pipe."""
import json
import os
import re
import select
import signal
import subprocess
import time
import urllib.request

TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")


def get(url, request_id=None):
    request = urllib.request.Request(url)
    if request_id:
        request.add_header("X-Request-Id", request_id)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.headers["X-Request-Id"]


def test_json_log_lines_carry_each_requests_id(own_server):
    process, url, _ = own_server("--log-format", "json")
    status, given = get(url + "/predict?user=1&movie=50", request_id="checkout-42")
    assert status == 200 and given == "checkout-42"
    status, made = get(url + "/health")
    assert status == 200 and made and made != "checkout-42"
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0
    lines = process.stderr.read().splitlines()
    records = [json.loads(line) for line in lines]  # every line is one JSON object
    assert all(TIMESTAMP.match(record["time"]) and record["level"] and record["logger"] for record in records)
    access = {record["request_id"]: record for record in records
              if record["logger"] == "movierec.access" and record["message"] == "request"}
    assert access["checkout-42"]["target"] == "/predict?user=1&movie=50"
    assert access["checkout-42"]["status"] == 200 and access["checkout-42"]["method"] == "GET"
    assert access["checkout-42"]["bytes"] > 0 and access["checkout-42"]["duration_ms"] >= 0
    assert access[made]["target"] == "/health"
    assert any(record["message"] == "serving model" for record in records)


def test_text_log_lines_start_with_a_utc_timestamp_and_a_level(own_server):
    process, url, _ = own_server()
    get(url + "/health")
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0
    lines = process.stderr.read().splitlines()
    assert lines
    for line in lines:
        stamp, level, rest = line.split(" ", 2)
        assert TIMESTAMP.match(stamp) and level in ("trace", "debug", "info", "notice", "warning", "error", "critical")
    assert any(" movierec.access: request " in line and "target=/health" in line for line in lines)


def test_train_writes_each_line_as_it_happens_into_a_pipe(movierec_bin, database, tmp_path):
    """Block-buffered output would reach the pipe in one chunk of many lines once 4 KiB had
    gathered; line-buffered, the first read holds the first line alone (the next comes an epoch
    later) while training goes on."""
    process = subprocess.Popen(
        [movierec_bin, "train", "--db", str(database), "--models", "mf", "--epochs", "200", "--patience", "200",
         "--out", str(tmp_path / "model.safetensors")],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        ready, _, _ = select.select([process.stdout], [], [], 120)
        assert ready, "no output within 120 s"
        time.sleep(0.02)
        first = os.read(process.stdout.fileno(), 65536).decode()
        assert process.poll() is None, "training ended before its first line arrived"
        assert first.count("\n") <= 2 and first.startswith("training "), first[:300]
    finally:
        process.kill()
        process.wait()
