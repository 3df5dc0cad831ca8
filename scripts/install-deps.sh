#!/usr/bin/env bash
# Installs what building and testing movierec needs on a fresh Debian machine with
# the Swift toolchain: the system libraries and the Python tools the checks use.
# Skips what is already there, so it is cheap to run before every command.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
# libpq-dev: the PostgreSQL store; postgresql and nginx: the replica tests (a throwaway
# server from scripts/pg-temp.sh, nginx from scripts/nginx-replicas.sh).
for package in libopenblas-dev libsqlite3-dev libpq-dev postgresql nginx; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "installing ${missing[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! python3 -c 'import safetensors, numpy, pytest, openapi_spec_validator, jsonschema, yaml, schemathesis' 2>/dev/null \
    || ! command -v hadolint >/dev/null; then
    python3 -m pip install --quiet --disable-pip-version-check -r scripts/requirements-ci.txt
fi

# PyTorch, for the test that loads the shipped model file into the next-movie transformer's
# reference module: the CPU-only wheel where the machine's wheel directory has it (192 MB),
# otherwise PyPI's.
if ! python3 -c 'import torch' 2>/dev/null; then
    python3 -m pip install --quiet --disable-pip-version-check "torch==2.13.0+cpu" 2>/dev/null \
        || python3 -m pip install --quiet --disable-pip-version-check torch
fi
