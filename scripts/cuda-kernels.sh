#!/usr/bin/env bash
# Compiles the GPU backend's kernels (model/core/src/main/cuda/kernels.cu) to the PTX the jar ships
# (model/core/src/main/resources/io/physcast/model/cuda/kernels.ptx). Needs CUDA 13's nvcc; run it
# after changing kernels.cu (KernelsPtxTest fails until you do, where nvcc is installed).
# compute_75: PTX for any GPU from Turing on, compiled for the GPU at hand by its driver.
# --fmad=false: no fused multiply-adds, so the kernels round as the Java loops they mirror.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
core="$root/model/core"
out="${1:-$core/src/main/resources/io/physcast/model/cuda/kernels.ptx}"
nvcc --gpu-architecture=compute_75 --ptx -O3 --fmad=false \
  -o "$out" "$core/src/main/cuda/kernels.cu"
