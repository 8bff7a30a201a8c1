#!/usr/bin/env bash
# Side-by-side HTTP benchmark (method in the README, "Benchmarks: HTTP", and in scripts/bench_http.py):
# seeds 200 users through the API, runs wrk against six endpoints and nginx (sendfile) on the same
# image files, with the CPU of server, wrk and everything else read from /proc.
#
#   scripts/bench-http.sh [--duration 10] [--connections 64] [--many 1000] [--only hello,auth-me,...]
#                         [--profile target/bench-http/server.jfr] [--storage local|s3] [--keep]
#
# With --storage s3 the images are streamed from S3Proxy (the tests' in-memory S3 server, run from
# the test classpath in a process of its own, its CPU counted with the server's).
# It installs nothing: it says which Debian packages are missing. Builds the jar when it is absent;
# the service's first start fills models/ from the build's download cache.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
for tool in wrk:wrk nginx:nginx python3:python3 jcmd:openjdk-17-jdk-headless curl:curl; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench-http: missing Debian packages: ${missing[*]} (apt-get install ${missing[*]})" >&2
  exit 2
fi
[ -f target/motiv8.jar ] || mvn -B -q -DskipTests package
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
exec python3 scripts/bench_http.py "$@"
