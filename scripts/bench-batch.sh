#!/usr/bin/env bash
# Daily batch benchmark (not a test): starts the app in-process (SQLite, local files under a temp
# folder, default face pack, poster engine, mail to the outbox), gives N users who work out every
# day the astronaut selfie, then runs one batch day per concurrency and prints users/min,
# images/min and process CPU seconds per image.
#
#   scripts/bench-batch.sh [users=40] [concurrencies=1,2,4]
#
# Extra Maven options (e.g. -o for offline) go in MAVEN_OPTS_EXTRA.
# Caveat: on a shared machine other load slows it down; the load average is printed next to each row.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -q -B ${MAVEN_OPTS_EXTRA:-} process-test-classes
mvn -q -B ${MAVEN_OPTS_EXTRA:-} dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath >/dev/null

mkdir -p target/bench-tmp
exec java -Djava.awt.headless=true -Djava.io.tmpdir=target/bench-tmp \
  -Dlogback.configurationFile=scripts/bench-logback.xml -Dmodels.dir=models \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  ai.motiv8.batch.bench.BatchBenchmark "$@"
