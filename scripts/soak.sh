#!/usr/bin/env bash
# Long reliability runs (not in CI):
#   scripts/soak.sh fuzz [MESSAGES]   the hostile-input test with MESSAGES (default 2,000,000)
#                                     messages; counts must reconcile exactly
#   scripts/soak.sh run [HOURS]       run-local on a synthetic network for HOURS simulated hours
#                                     (default 8,760: a year) at 8,760x: about an hour; the
#                                     summary line shows the heap in use
#   scripts/soak.sh engine [HOURS]    the forecaster's logic alone (no Kafka, no Flink) on the
#                                     same synthetic network for HOURS (default 2,190: a quarter
#                                     year), online MAE per 200 windows against persistence;
#                                     extra options go to engine-replay (e.g. --adapt-every 0)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
case "${1:-fuzz}" in
  fuzz)
    mvn -B -q -pl flink-jobs/tools -am install -DskipTests
    mvn -B -pl flink-jobs/tools test -Dtest=FuzzKafkaTest -Dsurefire.failIfNoSpecifiedTests=false \
      -Dsurefire.argLine="-Xmx12g -Dphyscast.fuzz.messages=${2:-2000000}"
    ;;
  run)
    hours="${2:-8760}"
    # a window every 0.4 s: 24 windows of slack let each head adaptation (~7 s) train in the
    # background without holding the stream
    exec scripts/run-local.sh --dataset synthetic --hours "$hours" --speedup 8760 \
      --adapt-async-windows 24 --out runs/soak
    ;;
  engine)
    hours="${2:-2190}"
    model="runs/default-model.zip"
    [ -f "$model" ] || scripts/model.sh default-model --out "$model"
    exec scripts/jobs-jar.sh engine-replay --model "$model" --hours "$hours" "${@:3}"
    ;;
  *)
    echo "usage: scripts/soak.sh fuzz [MESSAGES] | run [HOURS] | engine [HOURS]" >&2
    exit 2
    ;;
esac
