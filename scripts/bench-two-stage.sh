#!/usr/bin/env bash
# Times the diffusion engine's two-stage path (background once per run, person per user, feathered
# composite) against the single-stage path at 512x768, on the tiny random pack or a real pack folder.
# Usage: scripts/bench-two-stage.sh [runs=5] [users=10] [steps=30] [pack dir]   (MVN_ARGS=-o for an offline build)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B ${MVN_ARGS:-} -Dmodels.skip=true test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
exec java -Djava.awt.headless=true -Djava.io.tmpdir=target -Dlogback.configurationFile=scripts/bench-logback.xml \
  -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
  ai.motiv8.generation.bench.TwoStageBenchmark "$@"
