#!/usr/bin/env bash
# Times the production poster engine on ONE core: the person segmentation model and the identity
# check alone, the 600x900 render, the mailed image (render + identity check + PNG) and all stored
# forms (+ 1200x1800, JPEG, preview); median and p99 of thread CPU time, and the size of each form.
# The JVM and ONNX Runtime (1 intra-op thread) are pinned to core 0 with taskset.
# Usage: scripts/bench-poster.sh [runs] [warm-up runs] [sample dir]
# (MVN_ARGS=-o for an offline build; SKIP_BUILD=1 reuses target/ and target/bench-classpath.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${SKIP_BUILD:-}" != 1 || ! -f target/bench-classpath.txt ]]; then
  mvn -q -B ${MVN_ARGS:-} test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
fi
echo "uptime: $(uptime)"
exec taskset -c 0 java -XX:ActiveProcessorCount=1 -Djava.awt.headless=true \
  -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
  ai.motiv8.generation.bench.PosterBenchmark "$@"
