#!/usr/bin/env bash
# Runs the flink-jobs command line (flink-jobs/tools/target/physcast-flink-tools.jar, built on first use):
#   scripts/jobs-jar.sh local|job|replay|tail|broker|bench|engine-replay [options]
# EXTRA_JAVA_OPTS adds JVM flags (run-local quietens the embedded broker's logs with it).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/flink-jobs/tools/target/physcast-flink-tools.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q -DskipTests -pl flink-jobs/tools -am install)
fi
. "$root/scripts/openblas-core.sh"
openblas_core "$jar" # the local cluster's TaskManagers inherit it
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
# head adaptation (and training) runs its batch in parts on every core; results do not depend on it
exec java ${JAVA_OPTS:--Xmx6g} -Dphyscast.train.threads="${TRAIN_THREADS:-$(nproc)}" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dorg.slf4j.simpleLogger.log.org.apache.flink.metrics=error \
  -Dorg.slf4j.simpleLogger.log.io.physcast=info ${EXTRA_JAVA_OPTS:-} \
  -jar "$jar" "$@"
