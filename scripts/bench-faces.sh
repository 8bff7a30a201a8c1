#!/usr/bin/env bash
# Face-analysis benchmarks (not tests). Builds the test classes, fetches the default face pack
# if needed, then runs:
#   scripts/bench-faces.sh [runs] [warmup]   per-stage latency, 1 and 2 ORT threads, overhead ratio
#   scripts/bench-faces.sh similarity        the cosine measurements behind FaceSimilarity
#   scripts/bench-faces.sh quality           selfie quality metrics of degraded photos (docs/selfie-quality.md)
#   scripts/bench-faces.sh gender            the default pack's gender guess on the test photos and variants
# Extra Maven options (e.g. -o for offline) go in MAVEN_OPTS_EXTRA.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -q -B ${MAVEN_OPTS_EXTRA:-} process-test-classes
mvn -q -B ${MAVEN_OPTS_EXTRA:-} dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath >/dev/null

main=ai.motiv8.faces.bench.FacePipelineBenchmark
if [[ "${1:-}" == "similarity" ]]; then
  main=ai.motiv8.faces.bench.SimilarityMeasurements
  shift
elif [[ "${1:-}" == "quality" ]]; then
  main=ai.motiv8.faces.bench.QualityMeasurements
  shift
elif [[ "${1:-}" == "gender" ]]; then
  main=ai.motiv8.faces.bench.GenderMeasurements
  shift
fi

mkdir -p target/bench-tmp
exec java -Djava.awt.headless=true -Djava.io.tmpdir=target/bench-tmp \
  -Dlogback.configurationFile=scripts/bench-logback.xml -Dmodels.dir=models \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" "$main" "$@"
