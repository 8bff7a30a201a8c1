#!/usr/bin/env bash
# Cluster upload benchmark (not a test): POST /api/upload throughput and latency of
#   all   one process, every role, no cluster (the baseline);
#   1w    1 api + 1 worker, separate JVMs joined by Hazelcast on loopback;
#   2w    1 api + 2 workers, the same with one more worker JVM;
# on this one machine.
#
# Method. For each shape the script makes a fresh temp folder (SQLite file, data, outbox; a temp
# folder per process), starts the processes with the documented commands
# (`serve` / `serve --role api|worker --cluster --conf conf/cluster-{api,worker}.json`) and a
# cluster name and base port of its own, waits until /readiness is 200 on every process and the api
# sees every worker, signs in through the dev login, warms up (one upload, then wrk for a few
# seconds), and then runs wrk for a fixed time at each concurrency with one user of its own per
# level. Each request is the whole upload path: a ~100 KB JPEG with one real face streamed to the
# api, stored, sent as storage keys over the event bus to a worker (round robin), decoded,
# detected, aligned and embedded there (ONNX Runtime, face.ortThreads=1, face.maxConcurrency=2 per
# worker), the .npy written, the user row updated, the previous selfie deleted. Reported per level:
# req/s, p50, p99, non-2xx, the load average before the level, and the CPU seconds each process
# (api, workers, wrk) used during it, divided by the requests served: where the CPU goes.
# Every process is stopped with SIGTERM (graceful shutdown) and the temp folder removed.
#
#   scripts/bench-cluster.sh [duration-seconds=15] [concurrencies=1,2,4,8] [shapes=all,1w,2w]
#
# Needs: the jar (mvn -DskipTests package), the face models (java -jar target/motiv8.jar models fetch), wrk.
# Caveat: wrk, the api and the workers share this machine's cores (nproc is printed), and other
# programs may be running: the load average is printed next to each row. On 2 cores a second worker
# JVM brings no new CPU, only more admission slots and one more JVM to schedule.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-15}
IFS=, read -r -a levels <<<"${2:-1,2,4,8}"
IFS=, read -r -a shapes <<<"${3:-all,1w,2w}"
warmup=${BENCH_WARMUP:-15}
http_base=${BENCH_PORT:-18100}
cluster_port=${BENCH_CLUSTER_PORT:-}
image=src/test/resources/photos/astronaut-q95.jpg
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }
[ -f target/motiv8.jar ] || mvn -B -q -DskipTests package
[ -f models/face/default/manifest.json ] || java -jar target/motiv8.jar models fetch >/dev/null
ticks=$(getconf CLK_TCK)

pids=()
names=()
work=""
stop_all() {
  # The api first (it stops taking requests and answers those in flight), then the workers. A JVM
  # that ran its shutdown hooks after SIGTERM exits with 143 (128 + 15); other statuses are reported.
  local i status
  for i in "${!pids[@]}"; do
    kill -TERM "${pids[$i]}" 2>/dev/null || true
    status=0
    wait "${pids[$i]}" 2>/dev/null || status=$?
    [ "$status" -eq 0 ] || [ "$status" -eq 143 ] || echo "      ${names[$i]} exited with status $status" >&2
  done
  pids=()
  names=()
}
cleanup() {
  stop_all
  if [ -n "$work" ] && [ -z "${KEEP:-}" ]; then rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start NAME ROLE HTTP_PORT [serve options...]: one JVM with its own temp folder and log.
start() {
  local name=$1 role=$2 port=$3
  shift 3
  HTTP_PORT=$port HTTP_HOST=127.0.0.1 SQLITE_PATH=$work/motiv8.db DATA_DIR=$work/data \
    TEMP_DIR=$work/tmp/$name OUTBOX_DIR=$work/outbox MODELS_DIR=$PWD/models METRICS_ENABLED=true \
    CLUSTER_NAME=motiv8-bench-$$ CLUSTER_HOST=127.0.0.1 CLUSTER_PORT=$cluster_port \
    CLUSTER_MEMBERS=127.0.0.1:$cluster_port CLUSTER_JOIN_WAIT_SECONDS=0 SHUTDOWN_GRACE_SECONDS=10 \
    java -Xmx768m -Djava.io.tmpdir="$work/jvm-tmp" -jar target/motiv8.jar serve "$@" \
    -s face.maxConcurrency=2 >"$work/$name.log" 2>&1 &
  pids+=("$!")
  names+=("$name")
}

# ready PORT [TEXT]: /readiness answers 200 (and its body contains TEXT) within 90 s.
ready() {
  local body
  for _ in $(seq 1 180); do
    if body=$(curl -fs "http://127.0.0.1:$1/readiness" 2>/dev/null) && [[ "$body" == *"${2:-}"* ]]; then
      return 0
    fi
    sleep 0.5
  done
  echo "port $1 not ready${2:+ with $2}: $(curl -s "http://127.0.0.1:$1/readiness")" >&2
  tail -n 30 "$work"/*.log >&2
  return 1
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# free_base_port: a port with the next 4 free too. Every member is told of that one port only, so
# it must not be held by another cluster (other builds run cluster tests on this machine): a member
# that finds a cluster of another name there forms a cluster of its own.
free_base_port() {
  local port offset
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    for offset in 0 1 2 3 4; do
      (exec 3<>"/dev/tcp/127.0.0.1/$((port + offset))") 2>/dev/null && continue 2
    done
    echo "$port"
    return 0
  done
  echo "no free port found" >&2
  return 1
}

# start_shape SHAPE: the processes of one shape, ready; prints nothing.
start_shape() {
  work=$(mktemp -d "${TMPDIR:-/tmp}/motiv8-bench-cluster.XXXXXX")
  [ -n "${BENCH_CLUSTER_PORT:-}" ] || cluster_port=$(free_base_port)
  mkdir -p "$work/jvm-tmp"
  case $1 in
    all)
      start all all "$http_base"
      ready "$http_base" ;;
    *w)
      local n=${1%w} i
      start api api "$http_base" --role api --cluster --conf conf/cluster-api.json
      for i in $(seq 1 "$n"); do
        start "worker$i" worker $((http_base + i)) --role worker --cluster --conf conf/cluster-worker.json
      done
      for i in $(seq 1 "$n"); do ready $((http_base + i)); done
      ready "$http_base" "\"faceAnalysis\":$n" ;;
    *) echo "unknown shape $1 (all, 1w, 2w, ...)" >&2; exit 2 ;;
  esac
}

upload_lua() {
  cat >"$work/upload.lua" <<LUA
local f = assert(io.open("$PWD/$image", "rb"))
local jpeg = f:read("*all")
f:close()
local boundary = "motiv8benchboundary"
wrk.method = "POST"
wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. boundary
wrk.body = "--" .. boundary .. "\r\n"
  .. 'Content-Disposition: form-data; name="file"; filename="selfie.jpg"\r\n'
  .. "Content-Type: image/jpeg\r\n\r\n" .. jpeg .. "\r\n--" .. boundary .. "--\r\n"
LUA
}

token_for() {
  curl -fs -X POST "http://127.0.0.1:$http_base/auth/dev-login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1@example.org\"}" | sed 's/.*"access_token":"\([^"]*\)".*/\1/'
}

# level SHAPE CONNECTIONS SECONDS: one wrk run; prints one row.
level() {
  local shape=$1 connections=$2 seconds=$3 token out load i before=() after=() wrk_pid
  token=$(token_for "bench-$shape-$connections")
  curl -fs -X POST "http://127.0.0.1:$http_base/api/upload" -H "Authorization: Bearer $token" \
    -F "file=@$image" >/dev/null
  load=$(loadavg)
  for i in "${!pids[@]}"; do before[$i]=$(cpu_ticks "${pids[$i]}"); done
  out=$(wrk -t1 -c"$connections" -d"${seconds}s" --timeout 30s --latency -H "Authorization: Bearer $token" \
    -s "$work/upload.lua" "http://127.0.0.1:$http_base/api/upload" & wrk_pid=$!
    # wrk's own CPU, read just before it exits
    while kill -0 "$wrk_pid" 2>/dev/null; do cpu_ticks "$wrk_pid" >"$work/wrk.cpu" 2>/dev/null || true; sleep 0.2; done
    wait "$wrk_pid")
  for i in "${!pids[@]}"; do after[$i]=$(cpu_ticks "${pids[$i]}"); done
  local rps p50 p99 errors requests cpu=""
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $NF} /Socket errors/ {print "socket:" $0}' <<<"$out" | tr '\n' ' ')
  for i in "${!pids[@]}"; do
    cpu+=$(awk -v d=$((after[$i] - before[$i])) -v t="$ticks" -v n="$requests" -v name="${names[$i]}" \
      'BEGIN {printf "%s %.3f  ", name, (n > 0 ? d / t / n : 0)}')
  done
  cpu+=$(awk -v d="$(cat "$work/wrk.cpu" 2>/dev/null || echo 0)" -v t="$ticks" -v n="$requests" \
    'BEGIN {printf "wrk %.3f", (n > 0 ? d / t / n : 0)}')
  printf '%-5s %5s %8s %9s %9s %7s  %-15s  %s\n' "$shape" "$connections" "$rps" "$p50" "$p99" "${errors:-0}" \
    "$load" "$cpu"
}

echo "motiv8 cluster upload benchmark: $(date -u '+%Y-%m-%d %H:%M UTC'), $(stat -c %s $image)-byte JPEG," \
  "${duration}s per level after a ${warmup}s warm-up, $(nproc) cores shared by wrk, the api and the workers," \
  "Java $(java -version 2>&1 | awk -F'"' '/version/ {print $2}')"
echo "shape conns    req/s       p50       p99 non-2xx  load avg before  CPU s per request (process)"
for shape in "${shapes[@]}"; do
  start_shape "$shape"
  upload_lua
  # Warm-up: JIT, ONNX sessions, connection pools; not reported.
  level "$shape" 2 "$warmup" >/dev/null
  for connections in "${levels[@]}"; do
    level "$shape" "$connections" "$duration"
  done
  if [[ $shape == *w ]]; then
    # How the api spread the uploads over the workers: face detections run on each worker.
    for i in $(seq 1 "${shape%w}"); do
      echo "      worker$i: $(curl -fs "http://127.0.0.1:$((http_base + i))/metrics" \
        | awk '/^motiv8_onnx_run_seconds_count/ && /detect/ {print $2}') face detections"
    done
  fi
  stop_all
  if [ -z "${KEEP:-}" ]; then rm -rf "$work"; else echo "      kept $work"; fi
  work=""
done
