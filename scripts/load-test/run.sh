#!/usr/bin/env bash
# The load test of mnist serve (docs/serve.md): POST /api/predict on loopback, with wrk, at 1, 16
# and 64 connections for a fixed time each, first with a 28 x 28 JSON image, then with a
# phone-sized photo (4032 x 3024 JPEG). Prints, per run, requests per second, the median and 99th
# percentile latency, the errors (non-2xx answers and socket errors), and the server's memory:
# heap in use after a full GC and resident size, before and after (measured once the server has
# worked off every request, /healthz's in_flight back to 0), and the resident size's peak.
#
#   scripts/load-test/run.sh [MNIST_DIR]     (default ../shared/mnist; wrk from Debian's packages)
#
# LOAD_SECONDS (default 30) and PHOTO_SECONDS (default 60) set each run's length, CONNECTIONS
# ("1 16 64") the concurrency levels, BODIES ("digit photo") which bodies, HEAP (4g, as ./mnist
# gives) the server's -Xmx, PORT (18080) its port. The server and wrk run under nice 19: the machine may be shared. The photo runs
# use --time-limit 300: at 64 connections a 2-core machine queues each photo for half a minute,
# longer than the default limit of 30 s (which would answer the tail 503).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
source scripts/jdk25.sh
DATA=${1:-../shared/mnist}
LOAD_SECONDS=${LOAD_SECONDS:-30}
PHOTO_SECONDS=${PHOTO_SECONDS:-60}
PORT=${PORT:-18080}
CONNECTIONS=${CONNECTIONS:-1 16 64}
BODIES=${BODIES:-digit photo}
HEAP=${HEAP:-4g}
URL="http://127.0.0.1:$PORT/api/predict"
command -v wrk >/dev/null || { echo "load-test: needs wrk (apt-get install wrk)" >&2; exit 1; }

./mnist --version >/dev/null # builds the jar when the sources changed
WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

"$JAVA_HOME/bin/java" -cp mnist-app/target/mnist-app.jar scripts/load-test/Bodies.java \
  "$DATA" "$WORK" 2>/dev/null

start_server() { # time limit in seconds
  [[ -n "$SERVER_PID" ]] && { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; }
  nice -n 19 "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector "-Xmx$HEAP" \
    -jar mnist-app/target/mnist-app.jar serve --port "$PORT" --time-limit "$1" \
    >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "load-test: the server did not start:" >&2
  cat "$WORK/server.log" >&2
  exit 1
}

drained() { # waits until the server holds no request: the last run's queue is worked off
  for _ in $(seq 600); do
    curl -sf "http://127.0.0.1:$PORT/healthz" | grep -q '"in_flight":0' && return 0
    sleep 1
  done
  echo "load-test: the server still holds requests after 10 minutes" >&2
  exit 1
}

heap_mb() { # heap in use after a full GC
  "$JAVA_HOME/bin/jcmd" "$SERVER_PID" GC.run >/dev/null
  "$JAVA_HOME/bin/jcmd" "$SERVER_PID" GC.heap_info | grep -o 'used [0-9]*K' | head -1 \
    | awk '{printf "%.0f", $2 / 1024}'
}
rss_mb() { ps -o rss= -p "$SERVER_PID" | awk '{printf "%.0f", $1 / 1024}'; }

load() { # body type connections seconds
  BODY=$1 TYPE=$2 nice -n 19 wrk -t "$(( $3 < 2 ? 1 : 2 ))" -c "$3" -d "${4}s" --timeout 300s \
    --latency -s scripts/load-test/post.lua "$URL"
}

run() { # label body type connections seconds
  local heap0 rss0 out peak
  drained
  heap0=$(heap_mb); rss0=$(rss_mb)
  # The resident size, sampled every second while the load runs: its peak.
  (while kill -0 "$SERVER_PID" 2>/dev/null; do rss_mb; echo; sleep 1; done) >"$WORK/rss" &
  local sampler=$!
  out=$(load "$2" "$3" "$4" "$5")
  kill "$sampler"
  peak=$(sort -n "$WORK/rss" | tail -1)
  echo "$out" >>"$WORK/wrk.log"
  drained
  local rps p50 p99 non2xx socket
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  socket=$(echo "$out" | awk '/Socket errors/ {s = 0; for (i = 3; i <= NF; i++) s += $i; print s}')
  printf '| %s | %d | %ss | %s | %s | %s | %s | %d | %s -> %s MB | %s -> %s (peak %s) |\n' \
    "$1" "$4" "$5" "$(echo "$out" | awk '/requests in/ {print $1}')" "$rps" "$p50" "$p99" \
    "$(( ${non2xx:-0} + ${socket:-0} ))" "$heap0" "$(heap_mb)" "$rss0" "$(rss_mb)" "$peak"
}

echo "load-test: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before starting;" \
  "server -Xmx$HEAP"
echo
echo '| body | connections | time | requests | requests/s | p50 | p99 | errors | heap after GC | resident (MB) |'
echo '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |'

if [[ " $BODIES " == *" digit "* ]]; then
  start_server 30
  load "$WORK/digit.json" application/json 16 10 >/dev/null # warm-up: the JIT
  for c in $CONNECTIONS; do
    run "28 x 28 JSON" "$WORK/digit.json" application/json "$c" "$LOAD_SECONDS"
  done
fi

if [[ " $BODIES " == *" photo "* ]]; then
  start_server 300
  load "$WORK/photo.jpg" image/jpeg 2 20 >/dev/null # warm-up
  for c in $CONNECTIONS; do
    run "4032 x 3024 JPEG" "$WORK/photo.jpg" image/jpeg "$c" "$PHOTO_SECONDS"
  done
fi
echo
echo "load-test: load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
