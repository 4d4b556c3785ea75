#!/bin/sh
# Container entry point: the same JVM and flags as the ./segstream launcher, without its build step.
#   SEGSTREAM_JAVA_OPTS  extra JVM options, as for ./segstream (e.g. -XX:MaxRAMPercentage=40 -Xlog:gc)
#   SEGSTREAM_LOG_LEVEL  log level of segstream's own loggers (segstream-log4j2.xml), default INFO
set -eu
# The jars sit next to this script (/app in the image).
app_dir=$(cd "$(dirname "$0")" && pwd)
# exec: java becomes PID 1 and receives SIGTERM itself, so a stop runs segstream's orderly shutdown (the streams app
# closes its tasks and commits) instead of being killed at the end of the grace period.
# -XX:MaxRAMPercentage sizes the heap from the container's memory limit and leaves the rest to RocksDB, ONNX Runtime
# and metaspace (all off-heap); it comes before SEGSTREAM_JAVA_OPTS so an explicit -Xmx or percentage there wins.
# -XX:+UseZGC: sub-millisecond pauses, so a GC does not set the p99 of REST answers (see ./segstream).
# -XX:+ExitOnOutOfMemoryError: a JVM that ran out of heap is in an unknown state; exit and let the orchestrator restart.
# shellcheck disable=SC2086 # SEGSTREAM_JAVA_OPTS is a list of options and must be split.
exec java \
  --enable-native-access=ALL-UNNAMED \
  -XX:+UseZGC -XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError ${SEGSTREAM_JAVA_OPTS:-} \
  -Dlog4j2.configurationFile=classpath:segstream-log4j2.xml -Dlog4j2.shutdownHookEnabled=false \
  --sun-misc-unsafe-memory-access=allow \
  -cp "$app_dir/segstream-cli.jar:$app_dir/lib/*" io.segstream.cli.SegstreamCommand "$@"
