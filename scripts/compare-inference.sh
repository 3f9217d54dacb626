#!/usr/bin/env bash
# Inference speed of the reference CNN, ours against the peers, alternated on the same cores:
# `mnist bench --json` against each peer in ../shared/peers (which measures inference after a short
# training run). compare.sh does the same for training; this is its inference twin.
#
# Usage (from the project's root): scripts/compare-inference.sh [ROUNDS] [PEERS...]
#   ROUNDS default 3; PEERS default: keras torch2. env: THREADS (default 2), MNIST_DIR (default
#   ../shared/mnist), JAR (default: ./mnist, which builds the app when its sources changed)
# Prints each round's images/s and, at the end, the median and best of each and the ratios
# ours/peer (above 1: we are faster). Keras's batch-256 figure is its tf.function path
# (infer_b256_fn_ips), its fastest.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-3}"; shift || true
peers=("$@"); [ ${#peers[@]} -eq 0 ] && peers=(keras torch2)
export THREADS="${THREADS:-2}"
mnist_dir="${MNIST_DIR:-$root/../shared/mnist}"
peer_dir="$root/../shared/peers"
if [ -n "${JAR:-}" ]; then
  source "$root/scripts/jdk25.sh"
  ours=("$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -Xmx4g -jar "$JAR")
else
  ours=("$root/mnist")
fi
work="$(mktemp -d)"
declare -A b1 b256
for r in $(seq 1 "$rounds"); do
  if "${ours[@]}" bench --json --threads "$THREADS" --train-images 128 >"$work/ours-$r.json" 2>"$work/ours-$r.log"; then
    set -- $(python3 -c "import json; d=json.load(open('$work/ours-$r.json')); print(round(d['infer_b1_ips'], 1), round(d['infer_b256_ips'], 1))")
    b1[ours]="${b1[ours]:-} $1"; b256[ours]="${b256[ours]:-} $2"
    echo "round $r ours: batch 1 $1 img/s, batch 256 $2 img/s"
  else
    echo "round $r ours: FAILED, see $work/ours-$r.log"
  fi
  for p in "${peers[@]}"; do
    if MNIST_DIR="$mnist_dir" TRAIN_LIMIT=2000 "$peer_dir/$p/run.sh" 1 >"$work/$p-$r.json" 2>"$work/$p-$r.log"; then
      set -- $(python3 -c "
import json
d = json.loads(open('$work/$p-$r.json').read().strip().splitlines()[-1])
print(d['infer_b1_ips'], d.get('infer_b256_fn_ips') or d['infer_b256_ips'])")
      b1[$p]="${b1[$p]:-} $1"; b256[$p]="${b256[$p]:-} $2"
      echo "round $r $p: batch 1 $1 img/s, batch 256 $2 img/s"
    else
      echo "round $r $p: FAILED, see $work/$p-$r.log"
    fi
  done
done
stat() { python3 -c "import statistics,sys; v=[float(x) for x in sys.argv[2:]]; print(round(statistics.median(v) if sys.argv[1]=='median' else max(v), 1))" "$@"; }
echo
echo "images/s, $THREADS threads for batch 256, over $rounds rounds (median / best):"
[ -n "${b1[ours]:-}" ] || { echo "ours never finished"; exit 1; }
for size in 1 256; do
  declare -n runs="b$size"
  om=$(stat median ${runs[ours]}); ob=$(stat best ${runs[ours]})
  echo "  batch $size: ours $om / $ob"
  for p in "${peers[@]}"; do
    [ -n "${runs[$p]:-}" ] || { echo "    $p (failed)"; continue; }
    pm=$(stat median ${runs[$p]}); pb=$(stat best ${runs[$p]})
    echo "    $p $pm / $pb   ratio ours/$p: median $(python3 -c "print(round($om/$pm, 2))"), best $(python3 -c "print(round($ob/$pb, 2))")"
  done
done
echo "runs kept in $work"
