#!/usr/bin/env bash
# Runs the model module's command line (builds the runnable jar on first use).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/model/research/target/physcast-model.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q -DskipTests -pl model/research -am package)
fi
. "$root/scripts/openblas-core.sh"
openblas_core "$jar"
# one OpenMP/BLAS thread per op was 2-3x faster on 2-core machines (DESIGN.md section 4)
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
# training allocates a fresh tape per iteration while the last one is still live: the parallel
# collector spent far less time copying it than G1 (README, Speed). A training batch runs in
# parts on every core (the results do not depend on the count; docs/decisions.md).
exec java ${JAVA_OPTS:--Xmx8g -XX:+UseParallelGC} \
  -Dphyscast.train.threads="${TRAIN_THREADS:-$(nproc)}" -jar "$jar" "$@"
