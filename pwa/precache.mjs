// Trunk post_build hook: write sw.js with the list of this build's (hashed) files and a
// version derived from their contents, so every deploy with a change makes a new worker.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error("TRUNK_STAGING_DIR is not set: run through trunk build");

const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name !== "sw.js") files.push(path);
  }
};
walk(staging);

const hash = createHash("sha256");
for (const f of files) hash.update(relative(staging, f)).update(readFileSync(f));
const version = hash.digest("hex").slice(0, 16);
const urls = files.map((f) => "/" + relative(staging, f).split("\\").join("/"));

const template = readFileSync(new URL("./sw.template.js", import.meta.url), "utf8");
const sw = template.replace("__VERSION__", version).replace("__PRECACHE__", JSON.stringify(urls, null, 2));
writeFileSync(join(staging, "sw.js"), sw);
console.log(`sw.js: ${urls.length} files precached, version ${version}`);
