#!/usr/bin/env bash
# scripts/replay.sh --bootstrap-servers HOST:PORT [options]: see `java -jar flink-jobs/target/physcast-flink-jobs.jar`.
# Secured brokers: --client-config FILE with Kafka client properties (security.protocol, sasl.*, ssl.*).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/flink-jobs/target/physcast-flink-jobs.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q -DskipTests -pl flink-jobs -am install)
fi
exec java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -jar "$jar" replay "$@"
