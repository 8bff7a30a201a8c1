#!/usr/bin/env bash
# Generation benchmark (not a test): starts the real app in-process on 127.0.0.1 (SQLite, local
# files under a temp folder, default face pack, poster engine, mail to the outbox), gives a test
# user the astronaut selfie, then measures
#   1. poster generation per job through the generation worker (median/p99), and
#   2. POST /api/generate req/s and latency at each concurrency (closed loop, bounded duration).
#
#   scripts/bench-generate.sh [runs=50] [warm-up=15] [seconds=15] [concurrencies=1,4]
#
# Extra Maven options (e.g. -o for offline) go in MAVEN_OPTS_EXTRA.
# Caveat: client and server share the same cores, so numbers are a floor, not a capacity.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -q -B ${MAVEN_OPTS_EXTRA:-} process-test-classes
mvn -q -B ${MAVEN_OPTS_EXTRA:-} dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath >/dev/null

mkdir -p target/bench-tmp
exec java -Djava.awt.headless=true -Djava.io.tmpdir=target/bench-tmp \
  -Dlogback.configurationFile=scripts/bench-logback.xml -Dmodels.dir=models \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  ai.motiv8.generation.bench.GenerateBenchmark "$@"
