"""Shared fixtures: the built movierec binary, a store imported from MovieLens 100k,
and a live server on a free port."""
import os
import pathlib
import signal
import subprocess
import tempfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def movierec_bin():
    """The movierec executable: $MOVIEREC_BIN, or the debug build's."""
    explicit = os.environ.get("MOVIEREC_BIN")
    if explicit:
        return explicit
    bin_dir = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.strip()
    path = pathlib.Path(bin_dir) / "movierec"
    assert path.exists(), f"{path} is missing: run `swift build` first"
    return str(path)


@pytest.fixture(scope="session")
def ml100k():
    path = ROOT / "data" / "ml-100k"
    assert (path / "ml-100k.inter").exists(), "run scripts/fetch-ml100k.sh first"
    return path


@pytest.fixture(scope="session")
def workdir():
    with tempfile.TemporaryDirectory(prefix="movierec-e2e-") as directory:
        yield pathlib.Path(directory)


@pytest.fixture(scope="session")
def database(movierec_bin, ml100k, workdir):
    db = workdir / "ml100k.sqlite"
    subprocess.run([movierec_bin, "import", str(ml100k), "--db", str(db)], check=True,
                   capture_output=True, text=True)
    return db


@pytest.fixture(scope="session")
def model_file():
    path = ROOT / "models" / "movierec.safetensors"
    assert path.exists(), "models/movierec.safetensors is missing"
    return path


def start_server(movierec_bin, db, model_file, *flags, env=None):
    """`movierec serve` on 127.0.0.1 and a free port; returns (process, url) once it listens."""
    process = subprocess.Popen(
        [movierec_bin, "serve", "--db", str(db), "--model", str(model_file), "--port", "0", *flags],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    line = process.stdout.readline()
    if not line.startswith("movierec listening on "):
        process.kill()
        raise RuntimeError(f"server did not start: {line!r} {process.stderr.read()}")
    return process, line.split()[-1]


def stop_server(process, timeout=30):
    """SIGTERM, which must end the server cleanly."""
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=timeout) == 0


@pytest.fixture(scope="session")
def server(movierec_bin, database, model_file):
    """A live server on the shared MovieLens store, for tests that leave it as they found it
    (or only add ratings)."""
    process, url = start_server(movierec_bin, database, model_file)
    yield url
    stop_server(process)


@pytest.fixture
def own_server(movierec_bin, database, model_file, tmp_path):
    """Starts servers of their own on copies of the store, with extra flags; each call yields
    (process, url, db path)."""
    started = []

    def start(*flags, env=None):
        db = tmp_path / f"store-{len(started)}.sqlite"
        subprocess.run(["cp", str(database), str(db)], check=True)
        process, url = start_server(movierec_bin, db, model_file, *flags, env=env)
        started.append(process)
        return process, url, db

    yield start
    for process in started:
        stop_server(process, timeout=60)


def missing(message):
    """What this machine lacks for a test: a failure when CI=true, which must run everything, a
    skip with the reason elsewhere."""
    if os.environ.get("CI", "").lower() in ("true", "1"):
        pytest.fail(message + " (CI=true requires it)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def postgres(tmp_path_factory):
    """A throwaway PostgreSQL server (scripts/pg-temp.sh); yields (url, psql path). Without
    server binaries: a failure when CI=true, a skip with the reason elsewhere."""
    directory = tmp_path_factory.mktemp("pg") / "cluster"
    script = ROOT / "scripts" / "pg-temp.sh"
    started = subprocess.run([str(script), "start", str(directory), "--watch", str(os.getpid())],
                             capture_output=True, text=True)
    if started.returncode != 0:
        missing(f"PostgreSQL cannot start: {started.stderr.strip()}")
    url = started.stdout.strip().splitlines()[-1]
    psql = (directory / "bin").read_text().strip() + "/psql"
    yield url, psql
    subprocess.run([str(script), "stop", str(directory)], check=False)


@pytest.fixture
def tmpfs(tmp_path):
    """Mounts small tmpfs file systems for fault tests: `mount(directory, bytes)`, then
    `remount(directory, bytes)` to give room back. Mounting needs root; without it the test
    fails when CI=true and is skipped, with the reason, elsewhere."""
    mounted = []

    def mount(directory, size):
        directory.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(directory)],
                                capture_output=True, text=True)
        if result.returncode != 0:
            missing(f"cannot mount a tmpfs: {result.stderr.strip()}")
        mounted.append(directory)

    def remount(directory, size):
        subprocess.run(["mount", "-o", f"remount,size={size}", str(directory)], check=True)

    yield mount, remount
    for directory in mounted:
        subprocess.run(["umount", "-l", str(directory)], check=False)
