// Browser benchmarks in Debian's Chromium (headless, phone viewport), driven by playwright-core.
// Usage: node bench/browser.mjs APP_DIST COUNTER_DIST OUT.json
// Each figure is a median over several runs in this one process, so ratios hold on a noisy machine.
import { chromium } from "playwright-core";
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";

const [appDist, counterDist, out] = process.argv.slice(2);
const args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const RUNS = Number(process.env.BENCH_RUNS || 5);

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

function serve(dir, port) {
  const child = spawn("node", ["tools/serve.mjs", dir, String(port)], { stdio: "ignore" });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}
async function waitUp(url) {
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(url)).ok) return; } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server ${url} did not start`);
}

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args });
async function newPage(throttle) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "zh-CN" });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (throttle) await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
  return { context, page, cdp };
}

/** Cold start (new context: no cache, no service worker) to the first interactive control. */
async function coldStart(url, selector) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const { context, page } = await newPage(4);
    await page.goto(url);
    await page.waitForSelector(selector, { state: "visible" });
    times.push(await page.evaluate(() => performance.now()));
    await context.close();
  }
  return median(times);
}

const results = {};
const app = serve(appDist, 8941);
const counter = serve(counterDist, 8942);
try {
  await Promise.all([waitUp(app.url), waitUp(counter.url)]);
  const counterMs = await coldStart(counter.url + "/", "button");
  const appMs = await coldStart(app.url + "/", "button.choice");
  results.start_ms = round(appMs);
  results.start_counter_ms = round(counterMs);
  results.start_ratio = round(appMs / counterMs, 2);

  // App-side benchmarks run inside the app's own /bench page, which reports JSON when done.
  const { context, page } = await newPage(0);
  await page.goto(app.url + "/bench?run=all");
  const handle = await page.waitForSelector("#bench-results[data-done='1']", { timeout: 600_000 }).catch(() => null);
  if (handle) Object.assign(results, JSON.parse(await handle.textContent()));
  await context.close();
} finally {
  app.stop();
  counter.stop();
  await browser.close();
}
writeFileSync(out, JSON.stringify(results, null, 2));
console.log(JSON.stringify(results));
