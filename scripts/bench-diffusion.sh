#!/usr/bin/env bash
# Times the diffusion pipeline's Java work per step around the UNet (tiny random pack at 512x768,
# or a real pack folder) and prints the FLOP-based estimate for the real pack.
# Usage: scripts/bench-diffusion.sh [runs] [warm-up runs] [steps] [pack dir]   (MVN_ARGS=-o for an offline build)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B ${MVN_ARGS:-} -Dmodels.skip=true test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
exec java -Djava.awt.headless=true -Djava.io.tmpdir=target -Dlogback.configurationFile=scripts/bench-logback.xml \
  -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
  ai.motiv8.generation.bench.DiffusionBenchmark "$@"
