"""A real `movierec serve` probed as an attacker or an unlucky client would: clients that
pipeline and never read, one that reads slowly but steadily, the RFC corners of the request
line and head, a far-future timestamp that would lock a rating, and pipelined posts before a
half-close. Each probe once got a wrong answer; the assertions are on answers, counts and
memory, never on how fast this machine is."""
import json
import os
import socket
import sqlite3
import subprocess
import time
import urllib.parse

import pytest

SIMILAR = b"GET /similar/50?k=1000 HTTP/1.1\r\nHost: x\r\n\r\n"


def address(url):
    parsed = urllib.parse.urlparse(url)
    return parsed.hostname, parsed.port


def read_response(sock, buffered=b""):
    """Reads one response with a Content-Length body; returns (status, headers, body, rest)."""
    data = buffered
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, f"connection closed before a response head, after {data[:200]!r}"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {name.strip().lower(): value.strip() for name, value in (line.split(":", 1) for line in lines[1:])}
    length = int(headers.get("content-length", "0"))
    while len(body) < length:
        chunk = sock.recv(65536)
        assert chunk, "connection closed inside a body"
        body += chunk
    return int(lines[0].split()[1]), headers, body[:length], body[length:]


def exchange(url, raw):
    """Sends raw bytes on a new connection and reads one answer."""
    with socket.create_connection(address(url), timeout=30) as sock:
        sock.sendall(raw)
        status, headers, body, _ = read_response(sock)
        return status, headers, body


def error_code(body):
    return json.loads(body)["error"]["code"]


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


def kernel_buffer_maximum(name):
    with open(f"/proc/sys/net/ipv4/{name}") as limits:
        return int(limits.read().split()[-1])


def similar_answers(url):
    """How many /similar answers the server has computed, from its own metrics."""
    status, _, body = exchange(url, b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
    assert status == 200
    for line in body.decode().splitlines():
        if line.startswith('movierec_http_requests_total{route="/similar/:movie",method="GET",status="200"}'):
            return int(line.split()[-1])
    return 0


def test_clients_that_pipeline_and_never_read_cost_only_the_output_bound(own_server):
    clients, requests = 8, 1400
    process, url, _ = own_server()
    status, _, answer = exchange(url, SIMILAR)
    assert status == 200
    status, _, body = exchange(url, b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
    bound = json.loads(body).get("configuration", {}).get("max_output_bytes", 1 << 20)
    idle = rss_kib(process.pid)
    attackers = []
    for _ in range(clients):
        sock = socket.create_connection(address(url))
        sock.sendall(SIMILAR * requests)
        attackers.append(sock)
    # Until the server stops computing: the answer count holds still for two seconds.
    peak, previous, still = idle, -1, 0
    for _ in range(600):
        peak = max(peak, rss_kib(process.pid))
        computed = similar_answers(url)
        still = still + 1 if computed == previous else 0
        previous = computed
        if still >= 10:
            break
        time.sleep(0.2)
    status, _, _ = exchange(url, b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
    assert status == 200, "a fresh client is answered beside them"
    # What may be computed ahead for one connection: the bound, one answer past it, and what the
    # kernel holds in the server's send buffer and the client's receive buffer at their largest.
    in_kernel = kernel_buffer_maximum("tcp_wmem") + kernel_buffer_maximum("tcp_rmem")
    allowed = 1 + clients * ((bound + in_kernel) // len(answer) + 2)
    assert computed <= allowed, f"{computed} answers computed for clients that read none"
    growth_mib = (peak - idle) / 1024
    print(f"RSS idle {idle / 1024:.1f} MiB, peak {peak / 1024:.1f} MiB; {computed} answers computed of {clients * requests}")
    assert growth_mib < clients * 2 * bound / (1 << 20) + 32, f"RSS grew by {growth_mib:.0f} MiB"
    for sock in attackers:
        sock.close()


def test_a_slow_reader_that_keeps_reading_gets_every_answer(own_server):
    process, url, _ = own_server("--write-timeout", "1")
    requests = 200
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 * 1024)
    sock.settimeout(30)
    sock.connect(address(url))
    sock.sendall(SIMILAR * requests)

    def read_slowly(buffered, enough):
        """64 KiB every 15 ms, about 4 MB/s: the answers (about 14 MB) take several write
        timeouts to leave the server, but every read moves them on."""
        while not enough(buffered):
            chunk = sock.recv(64 * 1024)
            assert chunk, f"cut off after {received} answers"
            buffered += chunk
            time.sleep(0.015)
        return buffered

    received, buffered = 0, b""
    for _ in range(requests):
        buffered = read_slowly(buffered, lambda data: b"\r\n\r\n" in data)
        head, _, rest = buffered.partition(b"\r\n\r\n")
        length = int(next(line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")))
        rest = read_slowly(rest, lambda data: len(data) >= length)
        assert head.startswith(b"HTTP/1.1 200")
        buffered = rest[length:]
        received += 1
    sock.close()


@pytest.mark.parametrize("raw,status,code", [
    (b"GET /health HTTP/1.2\r\nHost: x\r\n\r\n", 200, None),
    (b"GET /health HTTP/2.0\r\nHost: x\r\n\r\n", 505, "http_version_not_supported"),
    (b"GET /health HTTP/1.1\r\nHost: a b/c\r\n\r\n", 400, "invalid_host"),
    (b"GET /health HTTP/1.1\r\nHost: [::1\r\n\r\n", 400, "invalid_host"),
    (b"GET /health HTTP/1.1\r\nHost: x:abc\r\n\r\n", 400, "invalid_host"),
    (b"GET /health HTTP/1.1\r\nHost: x@y\r\n\r\n", 400, "invalid_host"),
    (b"GET /health HTTP/1.1\r\nHost: a,b\r\n\r\n", 400, "invalid_host"),
    (b"GET /health HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n", 200, None),
    (b"GET http://a@x/health HTTP/1.1\r\nHost: x\r\n\r\n", 400, "invalid_request_target"),
    (b"POST /ratings HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n", 400, "invalid_transfer_encoding"),
    (b"get /health HTTP/1.1\r\nHost: x\r\n\r\n", 501, "not_implemented"),
    (b"BREW /health HTTP/1.1\r\nHost: x\r\n\r\n", 501, "not_implemented"),
    (b"DELETE /health HTTP/1.1\r\nHost: x\r\n\r\n", 405, "method_not_allowed"),
])
def test_rfc_corners(server, raw, status, code):
    got, _, body = exchange(server, raw)
    assert got == status, body
    if code:
        assert error_code(body) == code


def test_one_byte_chunks_cannot_bring_a_body_limit_of_extensions(server):
    """64 one-byte chunks with 1 KB of extensions each: the 413 comes for them, not after the
    body limit's worth (a GB of extensions) or at the body timeout."""
    head = b"POST /ratings HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    status, _, body = exchange(server, head + (b"1;" + b"e" * 1000 + b"\r\nx\r\n") * 64)
    assert status == 413 and error_code(body) == "chunk_extensions_too_large"


def post_ratings(url, body):
    raw = json.dumps(body).encode()
    status, _, answer = exchange(url, b"POST /ratings HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                 + f"Content-Length: {len(raw)}\r\n\r\n".encode() + raw)
    return status, json.loads(answer)


def test_a_far_future_timestamp_cannot_lock_a_rating(server):
    status, answer = post_ratings(server, {"user": 500001, "movie": 50, "rating": 4, "timestamp": 9223372036854775807})
    assert status == 422 and answer["error"]["code"] == "invalid_rating"
    assert "86400 s past the server's clock" in answer["error"]["message"]
    ahead = int(time.time()) + 3600
    assert post_ratings(server, {"user": 500001, "movie": 50, "rating": 4, "timestamp": ahead}) == (201, {"stored": 1, "unchanged": 0})
    assert post_ratings(server, {"user": 500001, "movie": 50, "rating": 1}) == (201, {"stored": 0, "unchanged": 1})
    assert post_ratings(server, {"user": 500001, "movie": 50, "rating": 1, "timestamp": ahead + 1}) == (201, {"stored": 1, "unchanged": 0})


def test_pipelined_posts_before_a_half_close_are_all_answered_and_stored(server, database):
    bodies = [json.dumps({"user": 500002, "movie": movie, "rating": 3}).encode() for movie in range(1, 6)]
    raw = b"".join(b"POST /ratings HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                   + f"Content-Length: {len(body)}\r\n\r\n".encode() + body for body in bodies)
    with socket.create_connection(address(server), timeout=30) as sock:
        sock.sendall(raw)
        sock.shutdown(socket.SHUT_WR)
        rest = b""
        for _ in bodies:
            status, _, body, rest = read_response(sock, rest)
            assert status == 201 and json.loads(body)["stored"] == 1
        assert rest == b"" and sock.recv(1) == b"", "the server closes after the last answer"
    stored = sqlite3.connect(database).execute("SELECT count(*) FROM ratings WHERE user = 500002").fetchone()[0]
    assert stored == 5


def test_limits_are_flags_listed_in_help_and_health(movierec_bin, own_server):
    help_text = subprocess.run([movierec_bin, "serve", "--help"], check=True, capture_output=True, text=True).stdout
    for flag in ["--max-request-line-bytes", "--max-header-bytes", "--max-header-fields", "--max-query-parameters",
                 "--max-body-bytes", "--max-chunk-extension-bytes", "--max-output-bytes", "--header-timeout",
                 "--body-timeout", "--idle-timeout", "--write-timeout", "--linger-timeout",
                 "--future-timestamp-tolerance"]:
        assert flag in help_text
    env = dict(os.environ, MOVIEREC_ADMIN_TOKEN="s3cret")
    _, url, _ = own_server("--max-body-bytes", "300", "--max-header-fields", "20", "--idle-timeout", "2.5",
                           "--future-timestamp-tolerance", "60", env=env)
    status, _, body = exchange(url, b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
    configuration = json.loads(body)["configuration"]
    assert configuration["max_body_bytes"] == 300 and configuration["max_header_fields"] == 20
    assert configuration["idle_timeout_seconds"] == 2.5 and configuration["future_timestamp_tolerance_seconds"] == 60
    assert configuration["max_output_bytes"] == 1 << 20 and configuration["write_timeout_seconds"] == 30
    big = json.dumps([{"user": 500003, "movie": movie, "rating": 3} for movie in range(1, 20)]).encode()
    status, _, body = exchange(url, b"POST /ratings HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                               + f"Content-Length: {len(big)}\r\n\r\n".encode() + big)
    assert status == 413
    status, answer = post_ratings(url, {"user": 500003, "movie": 50, "rating": 4, "timestamp": int(time.time()) + 3600})
    assert status == 422 and "60 s past" in answer["error"]["message"]
    status, _, _ = exchange(url, b"POST /admin/reload HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer   s3cret\r\n"
                            b"Content-Length: 0\r\n\r\n")
    assert status == 200, "several spaces after Bearer are allowed"
