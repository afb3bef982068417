#!/usr/bin/env bash
# Flink's own command-line client (what a Flink distribution's bin/flink runs) against the cluster
# of scripts/cluster-local.sh, or any cluster whose config.yaml is in FLINK_CONF_DIR:
#   scripts/flink.sh run -d -p 2 flink-jobs/job/target/physcast-flink-job.jar --bootstrap-servers ...
#   scripts/flink.sh list | stop --savepointPath DIR JOB_ID | cancel JOB_ID
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
lib="$root/flink-jobs/flink-runtime-lib/target/lib"
[ -d "$lib" ] || (cd "$root" && mvn -B -q -DskipTests install -pl flink-jobs/flink-runtime-lib -am)
export FLINK_CONF_DIR="${FLINK_CONF_DIR:-$root/runs/cluster/conf}"
opens="--add-exports=java.base/sun.net.util=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED"
exec java -Xmx512m $opens -cp "$lib/*" org.apache.flink.client.cli.CliFrontend "$@"
