#!/usr/bin/env bash
# Benchmarks.
#   scripts/bench.sh model [JMH options, e.g. -p nodes=1000 StepBenchmark]   (JMH)
#   scripts/bench.sh pipeline [--stations 1000 --readings 1000000 --backfill-windows 60]
#   scripts/bench.sh pipeline --cluster true [--regions 8 --parallelism 2]   (the job on the local
#     multi-process cluster with flink run, beside a MiniCluster on the same brokers)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
what="${1:-model}"
shift || true
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
case "$what" in
  model)
    cd "$root"
    mvn -B -q -pl model/core -am test-compile -DskipTests
    mvn -B -q -pl model/core dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile=target/bench.classpath
    core="$root/model/core/target"
    cp="$core/classes:$core/test-classes:$(cat "$core/bench.classpath")"
    . "$root/scripts/openblas-core.sh"
    openblas_core "$cp"
    if [ "$#" -eq 0 ]; then set -- StepBenchmark TrainIterationBenchmark; fi
    exec java -cp "$cp" org.openjdk.jmh.Main -rf json -rff "$core/jmh-model.json" "$@"
    ;;
  pipeline)
    cd "$root"
    mvn -B -q -DskipTests install # measure the current code (the job jar and the cluster libraries too)
    JAVA_OPTS="${JAVA_OPTS:--Xmx8g}" \
      EXTRA_JAVA_OPTS="-Dorg.slf4j.simpleLogger.log.org.apache.kafka=error ${EXTRA_JAVA_OPTS:-}" \
      exec scripts/jobs-jar.sh bench "$@"
    ;;
  *)
    echo "usage: scripts/bench.sh model|pipeline [options]" >&2
    exit 2
    ;;
esac
