"""10,000 idle keep-alive connections to a real `movierec serve`, held by this separate
process (the Swift suite holds client and server in one process, so its descriptor limit
allows only 9,800 there): every one is answered once and left open, a fresh client is still
answered, the next one past --max-connections gets 503, and once they close the whole
allowance is free again."""
import resource
import signal
import socket
import subprocess
import time
import urllib.parse

IDLE = 10_000
REQUEST = b"GET /health HTTP/1.1\r\nHost: test\r\n\r\n"


def read_response(sock):
    """Reads one response with a Content-Length body; returns (status, body)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, "connection closed before a response head"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    length = next(int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length:"))
    while len(body) < length:
        chunk = sock.recv(65536)
        assert chunk, "connection closed inside a body"
        body += chunk
    return int(lines[0].split()[1]), body


def open_answered(host, port):
    sock = socket.create_connection((host, port), timeout=30)
    sock.sendall(REQUEST)
    status, _ = read_response(sock)
    assert status == 200
    return sock


def test_ten_thousand_idle_connections(movierec_bin, database, model_file):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    assert hard >= IDLE + 100, f"the descriptor limit {hard} cannot hold {IDLE} connections"
    process = subprocess.Popen(
        [movierec_bin, "serve", "--db", str(database), "--model", str(model_file), "--port", "0",
         "--max-connections", str(IDLE + 1)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    idle = []
    try:
        line = process.stdout.readline()
        assert line.startswith("movierec listening on "), line
        url = urllib.parse.urlparse(line.split()[-1])
        host, port = url.hostname, url.port
        for _ in range(IDLE):
            idle.append(open_answered(host, port))

        started = time.monotonic()
        fresh = open_answered(host, port)
        print(f"a fresh client behind {IDLE} idle connections was answered in {time.monotonic() - started:.4f} s")
        probe = socket.create_connection((host, port), timeout=30)
        probe.sendall(REQUEST)
        status, body = read_response(probe)
        assert status == 503 and b"service_unavailable" in body
        probe.close()
        fresh.close()

        for sock in idle:
            sock.close()
        idle.clear()
        deadline = time.monotonic() + 30
        while True:
            try:
                again = [open_answered(host, port) for _ in range(IDLE + 1)]
                break
            except AssertionError:
                assert time.monotonic() < deadline, "closed connections were not all released"
                time.sleep(0.5)
        for sock in again:
            sock.close()
    finally:
        for sock in idle:
            sock.close()
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
