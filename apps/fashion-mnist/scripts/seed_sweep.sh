#!/bin/sh
# Runs the main job for several seeds on the full data and collects the per-epoch test accuracy
# into mlstack_seeds.json (compare with pytorch_reference.py's pytorch_seeds.json).
# Usage (from apps/fashion-mnist): sh scripts/seed_sweep.sh [seeds...]   (default 0 1 2 3 4)
# Each run takes about a minute on one core; the runs are sequential.
set -e
cd "$(dirname "$0")/.."
SEEDS=${*:-0 1 2 3 4}
TMP=${TMPDIR:-/tmp}/fashion-mnist-seeds
for s in $SEEDS; do
  pnpm start --quiet --seed "$s" --out "$TMP/seed-$s" > "$TMP-seed-$s.log" 2>&1 || { cat "$TMP-seed-$s.log"; exit 1; }
  grep '^test accuracy' "$TMP-seed-$s.log" | sed "s/^/seed $s: /"
done
node -e '
const fs = require("node:fs")
const [tmp, ...seeds] = process.argv.slice(1)
const runs = seeds.map((s) => {
  const m = JSON.parse(fs.readFileSync(`${tmp}/seed-${s}/metrics.json`, "utf8"))
  if (m.data.train !== 60000) throw new Error(`seed ${s} did not run on the full data`)
  return { seed: Number(s), test_accuracy: m.history.testAccuracy, final: m.testAccuracy }
})
fs.writeFileSync("scripts/mlstack_seeds.json", JSON.stringify({ epochs: runs[0].test_accuracy.length, runs }, null, 1) + "\n")
' "$TMP" $SEEDS
echo "wrote scripts/mlstack_seeds.json"
