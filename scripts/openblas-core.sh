# Sourced by the launch scripts with a classpath argument: when OpenBLAS would run a generic kernel
# on this processor (an unrecognised, e.g. masked, processor model), exports OPENBLAS_CORETYPE with
# the best kernel the processor's flags allow, and says so. A value already set is left alone.
openblas_core() {
  if [ -n "${OPENBLAS_CORETYPE:-}" ]; then
    return 0
  fi
  local best
  best="$(java -cp "$1" io.physcast.model.tensor.BlasKernel 2>/dev/null || true)"
  if [ -n "$best" ]; then
    echo "warning: OpenBLAS chose a generic kernel on this processor; using OPENBLAS_CORETYPE=$best" >&2
    export OPENBLAS_CORETYPE="$best"
  fi
}
