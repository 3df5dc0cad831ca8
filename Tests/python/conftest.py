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


@pytest.fixture(scope="session")
def server(movierec_bin, database, model_file):
    """A live `movierec serve` on 127.0.0.1 and a free port; stopped with SIGTERM,
    which must end it cleanly."""
    process = subprocess.Popen(
        [movierec_bin, "serve", "--db", str(database), "--model", str(model_file), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    if not line.startswith("movierec listening on "):
        process.kill()
        raise RuntimeError(f"server did not start: {line!r} {process.stderr.read()}")
    yield line.split()[-1]
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0
