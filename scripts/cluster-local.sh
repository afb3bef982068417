#!/usr/bin/env bash
# A real cluster on this machine from Maven artifacts, no Docker; every part its own process:
# a Flink standalone session cluster (JobManager with Web UI and REST on localhost:8081, two
# TaskManagers with 2 slots each) and a three-node KRaft Kafka cluster (localhost:9192-9194; the
# topics readings, forecasts, readings-dlq with replication 3, min.insync.replicas 2).
#   scripts/cluster-local.sh up       start it (state, logs and Flink's conf/ in runs/cluster)
#   scripts/cluster-local.sh status   which processes run
#   scripts/cluster-local.sh down     stop it
#   scripts/cluster-local.sh smoke    up, submit the job jar with `flink run`, replay 8 synthetic
#                                     regions, check committed forecasts of every region, down;
#                                     exits non-zero on any failure
# Flink's own client against it: scripts/flink.sh run|list|stop|cancel ... (see docs/deploy.md).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
for f in flink-jobs/job/target/physcast-flink-job.jar flink-jobs/flink-runtime-lib/target/lib \
  flink-jobs/kafka-runtime-lib/target/lib flink-jobs/tools/target/physcast-flink-tools.jar; do
  if [ ! -e "$f" ]; then
    mvn -B -q -DskipTests install
    break
  fi
done
if [ "${1:-}" = smoke ] && [ ! -f runs/default-model.zip ]; then
  echo "generating the default model for unseen networks (once): runs/default-model.zip"
  scripts/model.sh default-model --out runs/default-model.zip
fi
JAVA_OPTS="${JAVA_OPTS:--Xmx1g}" EXTRA_JAVA_OPTS="-Dorg.slf4j.simpleLogger.log.org.apache.kafka=error" \
  exec scripts/jobs-jar.sh cluster "$@"
