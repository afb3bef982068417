#!/usr/bin/env bash
# The GPU backend's checks and benchmarks on a machine with an NVIDIA GPU and CUDA 13 but no Java,
# Maven or network (e.g. a rented H200):
#   scripts/gpu-check.sh pack [TORCH_PY] here, with Java 17 and Maven: builds the jars and a jlink
#                                        Java runtime into gpu-pack/ (about 50 MB; copy it over with
#                                        the repository); TORCH_PY, the PyTorch reference
#                                        torch_padgn.py, goes along when given
#   scripts/gpu-check.sh run [OUTDIR] [tests]
#                                        there, from the repository root: the GPU-against-CPU tests
#                                        (GpuParityTest), the JMH-style figures (GpuBenchmark), the
#                                        PyTorch reference of the same step and iteration when it
#                                        was packed and torch is there, and evaluate
#                                        --device cuda on the Irish wind stations at equal iterations
#                                        ("tests": the tests alone)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
pack="$root/gpu-pack"
case "${1:-}" in
  pack)
    cd "$root"
    mvn -B -q -DskipTests -pl model/research -am install
    rm -rf "$pack" && mkdir -p "$pack/lib"
    research="$root/model/research/target"
    cp "$research/physcast-model.jar" "$pack/"
    # the jars the runnable jar's manifest names (OpenBLAS too: the CPU side of the comparisons is
    # the product's CPU path)
    for j in $(unzip -p "$research/physcast-model.jar" META-INF/MANIFEST.MF | tr -d '\r' \
        | sed -e ':a' -e 'N' -e '$!ba' -e 's/\n //g' | sed -n 's/^Class-Path: //p'); do
      cp "$research/$j" "$pack/lib/"
    done
    cp "$root/model/core/target/physcast-model-core-0.1.0-SNAPSHOT-tests.jar" "$pack/"
    mvn -B -q dependency:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:1.11.4 \
      -DoutputDirectory="$pack"
    # no java.desktop (evaluate then writes its tables without forecasts.png): the pack must stay
    # under 64 MiB with the repository
    jlink --add-modules java.base,java.logging,java.management,jdk.unsupported,java.xml \
      --compress=2 --strip-debug --no-header-files --no-man-pages --output "$pack/java"
    strip --strip-unneeded "$pack/java/lib/server/libjvm.so" 2>/dev/null || true
    tar czf "$pack/java.tgz" -C "$pack" java && rm -rf "$pack/java"
    if [ -n "${2:-}" ]; then
      cp "$2" "$pack/torch_padgn.py" # the yardstick, run beside ours
    fi
    du -sh "$pack"
    ;;
  run)
    out="${2:-$pack/out}"
    mkdir -p "$out"
    rt="$(mktemp -d)"
    tar xzf "$pack/java.tgz" -C "$rt"
    java="$rt/java/bin/java"
    cp="$pack/physcast-model-core-0.1.0-SNAPSHOT-tests.jar:$pack/physcast-model.jar"
    for j in "$pack"/lib/*.jar; do cp="$cp:$j"; done
    echo "== machine"
    nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || true
    echo "CPU: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"
    echo "== GPU against CPU (GpuParityTest)"
    "$java" -Xmx16g -jar "$pack"/junit-platform-console-standalone-*.jar \
      execute --disable-banner --details=tree -cp "$cp" \
      --select-class io.physcast.model.cuda.GpuParityTest \
      --select-class io.physcast.model.cuda.ComputeDeviceTest || echo "PARITY TESTS FAILED"
    echo "== the same with TF32 products (physcast.cuda.tf32)"
    "$java" -Dphyscast.cuda.tf32=true -Xmx16g \
      -jar "$pack"/junit-platform-console-standalone-*.jar execute --disable-banner \
      --details=summary -cp "$cp" --select-class io.physcast.model.cuda.GpuParityTest \
      || echo "TF32 PARITY TESTS FAILED"
    echo "== meta-train --quick --device cuda (PiMetaL's first-order MAML on the GPU)"
    (cd "$root" && "$java" -Xmx8g -jar "$pack/physcast-model.jar" meta-train --quick \
      --device cuda --out "$out/meta-quick.zip") || echo "META-TRAIN FAILED"
    if [ "${3:-all}" = tests ]; then exit 0; fi
    echo "== java-cuda figures (GpuBenchmark)"
    "$java" -Xmx16g -cp "$cp" io.physcast.model.bench.GpuBenchmark || echo "BENCHMARK FAILED"
    "$java" -Xmx16g -Dphyscast.cuda.tf32=true -cp "$cp" io.physcast.model.bench.GpuBenchmark \
      step:10000:64x2 step:100000:64x2 train:64x2 || echo "BENCHMARK FAILED"
    if [ -f "$pack/torch_padgn.py" ] && python3 -c 'import torch' 2>/dev/null; then
      echo "== PyTorch reference, same run (eager, float32)"
      t="python3 $pack/torch_padgn.py --device cuda"
      $t --mode step --nodes 1000,10000,100000 --size 64x2 --warmup 5 --iters 50 || true
      $t --mode step --nodes 10000,100000 --size 64x2 --warmup 5 --iters 50 --tf32 || true
      $t --mode train --size 64x2 --warmup 3 --iters 10 || true
      $t --mode train --size 32x1 --warmup 3 --iters 20 || true
      $t --mode train --size 64x2 --warmup 3 --iters 10 --optimizer adam || true
    fi
    echo "== evaluate --device cuda (Irish wind, daily; 100 iterations per model)"
    cd "$root"
    "$java" -Xmx16g -XX:+UseParallelGC -jar "$pack/physcast-model.jar" \
      evaluate --stations data/irish-wind-stations.csv --readings data/irish-wind-daily.csv \
      --window 1d --device cuda --max-iterations 100 --train-seconds 100000 \
      --out "$out/evaluate-cuda" || echo "EVALUATE FAILED"
    ;;
  *)
    echo "usage: scripts/gpu-check.sh pack | run [OUTDIR]" >&2
    exit 2
    ;;
esac
