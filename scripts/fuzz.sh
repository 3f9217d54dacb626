#!/usr/bin/env bash
# Fuzzes every target: each Jazzer @FuzzTest class (a *FuzzTest.java under mnist-app's tests) for
# the given time, one after the other, and fails on the first crash. Usage:
#   scripts/fuzz.sh            30 s per target, as CI runs it
#   scripts/fuzz.sh 30m        a long run (docs/fuzzing.md); nice -n 19 on a shared machine
# A crash fails the run and leaves its input in the target's seed folder
# (mnist-app/src/test/resources/<package>/<Class>Inputs/<method>/crash-*), where the normal test
# run replays it from then on. The corpus the fuzzer grows is kept in mnist-app/.cifuzz-corpus/.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-30s}"

targets=$(find mnist-app/src/test/java -name '*FuzzTest.java' -print | sort)
if [[ -z "$targets" ]]; then
  echo "fuzz: no *FuzzTest.java found" >&2
  exit 1
fi
for file in $targets; do
  class=$(basename "$file" .java)
  echo "fuzz: $class for $duration"
  log="mnist-app/target/fuzz-$class.log"
  mkdir -p mnist-app/target
  # core is built, not tested (-Dtest matches nothing there); in mnist-app only the fuzz-targets
  # execution runs (fuzz.only skips the others), on the one target named.
  if ! JAZZER_FUZZ=1 ./mvnw -B -q test -pl core,mnist-app -Dfuzz.only=true -Dfuzz.target="$class" \
      -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dspotless.check.skip=true \
      -Djazzer.max_duration="$duration" > "$log" 2>&1; then
    grep -E "^== Java Exception|^(java|dev)\.[^ ]*(Exception|Error)|^\s+at dev\.handwritten" "$log" | head -20 >&2 || true
    echo "fuzz: $class found a crash or failed; the whole output is in $log" >&2
    exit 1
  fi
  grep -E "^Done [0-9]+ runs" "$log" | sed "s/^/fuzz: $class: /" || true
done
