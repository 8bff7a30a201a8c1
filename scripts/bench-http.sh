#!/usr/bin/env bash
# HTTP benchmark: starts motiv8 on a fresh temp data dir (SQLite + local files) on 127.0.0.1,
# signs in, uploads a selfie, then runs wrk against three authenticated endpoints.
#
#   scripts/bench-http.sh [duration-seconds=10] [connections=16] [threads=2]
#
# Needs: the jar (mvn -DskipTests package), the face models (java -jar target/motiv8.jar models fetch), wrk.
# Caveat: client and server share the same cores here, so numbers are a floor, not a capacity.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
connections=${2:-16}
threads=${3:-2}
port=${BENCH_PORT:-18000}
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }
[ -f target/motiv8.jar ] || mvn -B -q -DskipTests package

work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
HTTP_PORT=$port HTTP_HOST=127.0.0.1 SQLITE_PATH=$work/motiv8.db DATA_DIR=$work/data TEMP_DIR=$work/tmp \
  OUTBOX_DIR=$work/outbox MODELS_DIR=$PWD/models HTTP_INSTANCES=${HTTP_INSTANCES:-2} \
  java -Xmx1g -jar target/motiv8.jar serve >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$port/" >/dev/null || { cat "$work/server.log"; exit 1; }

base="http://127.0.0.1:$port"
token=$(curl -fs -X POST "$base/auth/dev-login" -H 'Content-Type: application/json' \
  -d '{"email":"bench@example.org"}' | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
selfie=$(curl -fs -X POST "$base/api/upload" -H "Authorization: Bearer $token" \
  -F "file=@src/test/resources/photos/astronaut.png" | sed 's/.*"filename":"\([^"]*\)".*/\1/')

cat >"$work/put.lua" <<LUA
wrk.method = "PUT"
wrk.body = '{"workout_days":{"monday":true,"tuesday":false,"wednesday":true,"thursday":false,"friday":true,"saturday":false,"sunday":false}}'
wrk.headers["Content-Type"] = "application/json"
LUA

run() {
  echo "== $1"
  shift
  wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -H "Authorization: Bearer $token" "$@" \
    | grep -E 'Requests/sec|Latency  |  50%|  99%|Non-2xx|Socket errors'
}
echo "motiv8 HTTP benchmark: ${duration}s per endpoint, $connections connections, $threads wrk threads, $(nproc) cores shared by client and server"
run "GET /auth/me (warm-up)" -d5s "$base/auth/me" >/dev/null
run "GET /auth/me" "$base/auth/me"
run "GET /api/selfie/{f} ($(stat -c %s src/test/resources/photos/astronaut.png) bytes)" "$base/api/selfie/$selfie"
run "PUT /api/workout-days" -s "$work/put.lua" "$base/api/workout-days"
