#!/usr/bin/env bash
# Account deletion benchmark (not a test): the time DELETE /api/account's work takes for a user
# with a year of images (365 images with their stored variants, selfie, embedding, rows), on
# SQLite + local files and on PostgreSQL (embedded) + S3 (S3Proxy in-process). Method in
# DeletionBenchmark's header.
#
#   scripts/bench-deletion.sh [images=365] [runs=3]
#
# Extra Maven options (e.g. -o for offline) go in MAVEN_OPTS_EXTRA.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -q -B ${MAVEN_OPTS_EXTRA:-} process-test-classes
mvn -q -B ${MAVEN_OPTS_EXTRA:-} dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath >/dev/null

mkdir -p target/bench-tmp
exec java -Djava.awt.headless=true -Djava.io.tmpdir=target/bench-tmp \
  -Dlogback.configurationFile=scripts/bench-logback.xml -Dmodels.dir=models \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  ai.motiv8.account.bench.DeletionBenchmark "$@"
