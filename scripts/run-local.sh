#!/usr/bin/env bash
# The main local run (README's first command): a real Kafka broker (KRaft, in-process from Maven
# artifacts), the forecasting job on a local Flink MiniCluster with the Web UI on localhost:8081,
# a replay of a data set into `readings`, a running summary and report.json in --out.
#   scripts/run-local.sh [--dataset synthetic|irish-wind|de-pm10] [--speedup X] [--out DIR]
#                        [--model FILE] [--train-seconds N] [--adapt-every R] [--adapt-window W]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/flink-jobs/target/physcast-flink-jobs.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q -DskipTests -pl flink-jobs -am install)
fi
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
cd "$root"
exec java ${JAVA_OPTS:--Xmx6g} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dorg.slf4j.simpleLogger.log.org.apache.kafka=error \
  -Dorg.slf4j.simpleLogger.log.org.apache.flink.metrics=error \
  -jar "$jar" local --datasets "$root/../shared/datasets" "$@"
