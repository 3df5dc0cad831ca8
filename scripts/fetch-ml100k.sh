#!/usr/bin/env bash
# Fetches the real MovieLens 100k, which reaches this workplace only inside the
# recbole==1.2.1 wheel on PyPI (RecBole atomic files: ml-100k.inter/.item/.user).
# Only that folder is unpacked; nothing of the dataset is committed.
# Usage: scripts/fetch-ml100k.sh [DEST]   (default: data/ml-100k)
set -euo pipefail
dest="${1:-data/ml-100k}"
if [ -f "$dest/ml-100k.inter" ]; then
    echo "MovieLens 100k already at $dest"
    exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 -m pip download --quiet --no-deps --dest "$work" "recbole==1.2.1"
wheel="$(ls "$work"/recbole-1.2.1-*.whl)"
python3 - "$wheel" "$dest" <<'PY'
import os, sys, zipfile
wheel, dest = sys.argv[1], sys.argv[2]
prefix = "recbole/dataset_example/ml-100k/"
os.makedirs(dest, exist_ok=True)
with zipfile.ZipFile(wheel) as archive:
    names = [n for n in archive.namelist() if n.startswith(prefix) and not n.endswith("/")]
    if not names:
        sys.exit(f"{wheel} holds no {prefix}")
    for name in names:
        with archive.open(name) as source, open(os.path.join(dest, os.path.basename(name)), "wb") as target:
            target.write(source.read())
print(f"MovieLens 100k unpacked to {dest}: " + ", ".join(sorted(os.path.basename(n) for n in names)))
PY
