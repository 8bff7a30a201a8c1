#!/usr/bin/env bash
# Times the poster engine (render + PNG encode, one thread) on the test photo and writes sample
# posters to target/posters. Usage: scripts/bench-poster.sh [runs] [warm-up runs] [sample dir]
# (MVN_ARGS=-o for an offline build)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B ${MVN_ARGS:-} test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
exec java -Djava.awt.headless=true -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
  ai.motiv8.generation.bench.PosterBenchmark "$@"
