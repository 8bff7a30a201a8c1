#!/usr/bin/env bash
# Upload benchmark: POST /api/upload of a ~100 KB JPEG selfie (one real face) with wrk at
# concurrency 1, 4 and 16 against a freshly started motiv8 (SQLite + local files) on 127.0.0.1.
# Each request streams the multipart body to a temp file, sniffs it, stores it, runs the face
# pipeline (detect, landmarks, align, embed), writes the .npy, updates the user and deletes the
# previous selfie: the whole path a person's upload takes.
#
#   scripts/bench-upload.sh [duration-seconds=15]
#
# Needs: the jar (mvn -DskipTests package), the face models (java -jar target/motiv8.jar models fetch), wrk.
# Caveat: wrk and the service share this machine's cores; ONNX Runtime uses face.ortThreads=1.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-15}
port=${BENCH_PORT:-18001}
image=src/test/resources/photos/astronaut-q95.jpg
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }
[ -f target/motiv8.jar ] || mvn -B -q -DskipTests package

work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
HTTP_PORT=$port HTTP_HOST=127.0.0.1 SQLITE_PATH=$work/motiv8.db DATA_DIR=$work/data TEMP_DIR=$work/tmp \
  OUTBOX_DIR=$work/outbox MODELS_DIR=$PWD/models \
  java -Xmx1g -jar target/motiv8.jar serve -s face.maxConcurrency=2 >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$port/" >/dev/null || { cat "$work/server.log"; exit 1; }
base="http://127.0.0.1:$port"

cat >"$work/upload.lua" <<LUA
local f = assert(io.open("$image", "rb"))
local jpeg = f:read("*all")
f:close()
local boundary = "motiv8benchboundary"
wrk.method = "POST"
wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. boundary
wrk.body = "--" .. boundary .. "\r\n"
  .. 'Content-Disposition: form-data; name="file"; filename="selfie.jpg"\r\n'
  .. "Content-Type: image/jpeg\r\n\r\n" .. jpeg .. "\r\n--" .. boundary .. "--\r\n"
LUA

echo "motiv8 upload benchmark: $(stat -c %s $image)-byte JPEG, ${duration}s per level, $(nproc) cores shared by wrk and the service"
for connections in 1 4 16; do
  # One user per connection level, so the levels do not share a row.
  token=$(curl -fs -X POST "$base/auth/dev-login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"bench-$connections@example.org\"}" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
  curl -fs -X POST "$base/api/upload" -H "Authorization: Bearer $token" -F "file=@$image" >/dev/null
  echo "== concurrency $connections"
  wrk -t1 -c"$connections" -d"${duration}s" --timeout 30s --latency -H "Authorization: Bearer $token" \
    -s "$work/upload.lua" "$base/api/upload" | grep -E 'Requests/sec|Latency  |  50%|  99%|Non-2xx|Socket errors'
done
# Requests that wrk abandoned at the end of a level are still finishing: let them settle.
for _ in $(seq 1 20); do
  [ "$(ls "$work/data/uploads" | wc -l)" -le 3 ] && break
  sleep 0.5
done
echo "stored selfies after the run: $(ls "$work/data/uploads" | wc -l) for 3 users (previous selfies are deleted)"
