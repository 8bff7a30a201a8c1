#!/usr/bin/env bash
# Builds motiv8 (once, or when sources changed), fetches the default face pack, and runs the service
# on its embedded defaults. Extra arguments go to `motiv8 serve`, e.g. ./run.sh --port 9000
set -euo pipefail
cd "$(dirname "$0")"
jar=target/motiv8.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml src conf -newer "$jar" -print -quit)" ]; then
  mvn -B -q -DskipTests package
fi
java -jar "$jar" models fetch
exec java -jar "$jar" serve "$@"
