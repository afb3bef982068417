#!/usr/bin/env bash
# scripts/replay.sh --bootstrap-servers HOST:PORT [options]: see `scripts/jobs-jar.sh` without arguments.
# Secured brokers: --client-config FILE with Kafka client properties (security.protocol, sasl.*, ssl.*).
exec "$(dirname "$0")/jobs-jar.sh" replay "$@"
