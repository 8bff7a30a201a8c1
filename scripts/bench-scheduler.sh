#!/usr/bin/env bash
# Scheduler query benchmark (not a test): how long the scheduler's one query per tick takes
# (UserStore.usersDueBetween: users whose next_send_at_millis lies in [now - window, now], by the
# index ix_users_next_send_at) with many users.
#
# Method: a fresh database per engine (SQLite file in a temp folder; embedded PostgreSQL, zonky),
# migrated by the real persistence verticle; N users (default 100,000) inserted over JDBC, each with
# a selfie, one of 40 IANA zones (UTC-11 to UTC+14), a send time between 05:00 and 09:45 on quarter
# hours, random workout days (each day 4 in 7), and their next send computed by SendSchedule from
# 2025-03-27T00:00Z; then ANALYZE. After 50 warm-up ticks, T ticks (default 200) one minute apart
# from 2025-03-27T05:00Z each run one query through the event-bus proxy of the real store (rows
# decoded, mapped to users, sent over the bus) and are timed end to end with System.nanoTime();
# printed: median, p99 and max per tick, and the mean users returned. Two windows: 1 min (a tick
# in steady state: served users have moved on) and 6 h (batch.catchUpMinutes: the first tick after
# a long downtime, nobody served yet, capped at 10,000 users).
#
#   scripts/bench-scheduler.sh [users=100000] [ticks=200] [databases=sqlite,postgres]
#
# Extra Maven options (e.g. -o for offline) go in MAVEN_OPTS_EXTRA.
# Caveat: on a shared machine other load slows it down.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -q -B ${MAVEN_OPTS_EXTRA:-} process-test-classes
mvn -q -B ${MAVEN_OPTS_EXTRA:-} dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath >/dev/null

mkdir -p target/bench-tmp
exec java -Djava.io.tmpdir=target/bench-tmp \
  -Dlogback.configurationFile=scripts/bench-logback.xml \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  ai.motiv8.batch.bench.SchedulerQueryBenchmark "$@"
