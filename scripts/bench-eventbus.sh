#!/usr/bin/env bash
# Event-bus hop benchmark (not a test): request/reply latency (mean, p50, p90, p99, p99.9, max over
# many sequential round trips after a warm-up) to a consumer in the same Vert.x instance, and to
# the same consumer on another clustered node in a second JVM (Hazelcast and the event bus on
# loopback), with a tiny payload, with the storage-key request the api sends for a face analysis,
# and through the FaceService proxy (remotely via the WorkerRouter and the worker's relay, the
# path of POST /api/upload). See ai.motiv8.cluster.bench.EventBusHopBenchmark.
#
#   scripts/bench-eventbus.sh [iterations=20000] [warmup=5000]
#
# Extra Maven options (e.g. -o for offline) go in MAVEN_OPTS_EXTRA.
# Caveat: both JVMs share this machine's cores with whatever else runs; the load average is printed.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -q -B ${MAVEN_OPTS_EXTRA:-} test-compile
mvn -q -B ${MAVEN_OPTS_EXTRA:-} dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath >/dev/null

# The module flags of the Docker image (Hazelcast's internal API access), passed on to the second JVM.
opens="--add-modules=java.se --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.management/sun.management=ALL-UNNAMED
  --add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED"

mkdir -p target/bench-tmp
# shellcheck disable=SC2086
exec java $opens -Xmx512m -Djava.io.tmpdir=target/bench-tmp -Dhazelcast.phone.home.enabled=false \
  -Dlogback.configurationFile=scripts/bench-logback.xml \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  ai.motiv8.cluster.bench.EventBusHopBenchmark "$@"
