// Merge the figures into bench/results.json (one key per figure, numbers only) and print them
// against their targets (issue "Benchmarks").
import { readFileSync, writeFileSync, existsSync } from "node:fs";

const [nativeJsonl, browserJson, out] = process.argv.slice(2);
const figures = {};
for (const line of readFileSync(nativeJsonl, "utf8").split("\n")) {
  if (line.trim().startsWith("{")) Object.assign(figures, JSON.parse(line));
}
if (existsSync(browserJson)) Object.assign(figures, JSON.parse(readFileSync(browserJson, "utf8")));
if (figures.tally_100k_wasm_ms && figures.tally_100k_native_ms) {
  figures.tally_wasm_native_ratio = Math.round((figures.tally_100k_wasm_ms / figures.tally_100k_native_ms) * 100) / 100;
}
const numeric = Object.fromEntries(Object.entries(figures).filter(([, v]) => typeof v === "number"));
writeFileSync(out, JSON.stringify(numeric, null, 2) + "\n");

const targets = {
  wasm_gzip_kb: ["<=", 250], start_ratio: ["<=", 1.5], tally_100k_wasm_ms: ["<=", 100],
  tally_wasm_native_ratio: ["<=", 2], reload_50k_ms: ["<=", 1000], search_50k_ms: ["<=", 50],
  save_ratio_50k_1k: ["<=", 1.5], merge_20_bundles_ms: ["<=", 2000], aggregate_1000_ms: ["<=", 3000],
};
console.log("\nfigure                      value      target");
for (const [k, v] of Object.entries(numeric)) {
  const t = targets[k];
  const verdict = t ? (v <= t[1] ? "ok" : "MISSED") : "";
  console.log(`${k.padEnd(27)} ${String(v).padStart(9)}   ${t ? t.join(" ") : ""} ${verdict}`);
}
