#!/usr/bin/env bash
# The main local run (README's first command): a real Kafka broker (KRaft, in-process from Maven
# artifacts), the forecasting job on a local Flink MiniCluster with the Web UI on localhost:8081,
# a replay of a data set into `readings`, a running summary and report.json in --out.
#   scripts/run-local.sh [--dataset synthetic|irish-wind|de-pm10] [--speedup X] [--out DIR]
#                        [--model FILE | --model-source default|trained] [--train-seconds N]
#                        [--adapt-every R] [--adapt-window W] [--adapt-async-windows D]
# Without --model it uses runs/default-model.zip (generated on first use, ~3 min).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
EXTRA_JAVA_OPTS="-Dorg.slf4j.simpleLogger.log.org.apache.kafka=error ${EXTRA_JAVA_OPTS:-}" \
  exec "$root/scripts/jobs-jar.sh" local --datasets "$root/../shared/datasets" "$@"
