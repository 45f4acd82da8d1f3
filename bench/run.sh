#!/usr/bin/env bash
# `make bench`: every figure of bench/README.md in one run, written to bench/results.json.
# Benchmarks, not tests: a slow figure is reported, never a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
: > "$out/native.jsonl"

echo "== native benches (release)"
for b in tally merge aggregate; do
  if grep -q "name = \"$b\"" crates/core/Cargo.toml; then
    cargo bench --locked -q -p huanjie-core --profile native-release --bench "$b" 2>/dev/null | tee "$out/$b.txt" | grep '^{' >> "$out/native.jsonl" || true
  fi
done

echo "== release wasm"
make --no-print-directory dist > "$out/dist.txt"
wasm=$(ls dist/*_bg.wasm)
gz=$(gzip -9 -c "$wasm" | wc -c)
echo "{\"wasm_gzip_kb\": $(( (gz + 512) / 1024 )), \"wasm_raw_kb\": $(( ($(stat -c %s "$wasm") + 512) / 1024 ))}" >> "$out/native.jsonl"

echo "== counter page (the start-up floor), built the same way"
(cd bench/counter && trunk build --release --offline > ../out/counter.txt 2>&1)

echo "== browser benches (Chromium, phone viewport)"
node bench/browser.mjs dist bench/counter/dist "$out/browser.json"

node bench/summarize.mjs "$out/native.jsonl" "$out/browser.json" bench/results.json
