#!/usr/bin/env bash
# Runs every check movierec has: the Swift test suites (the store suite against SQLite and
# a throwaway PostgreSQL), the model file read from Python, the live server against
# openapi.yaml (by hand and with schemathesis), three replicas behind nginx on one
# PostgreSQL, the deploy/ manifests, the request parser under libFuzzer, the Dockerfile
# lint and the container's build-and-start steps.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

echo "== openapi.yaml"
python3 -m openapi_spec_validator openapi.yaml

echo "== Dockerfile"
hadolint Dockerfile

echo "== swift test"
swift build --build-tests
swift test --skip-build

echo "== fuzz request parser"
scripts/fuzz.sh 30

echo "== end to end"
scripts/fetch-ml100k.sh data/ml-100k
python3 -m pytest -q Tests/python

echo "== container steps"
scripts/container-smoke.sh
