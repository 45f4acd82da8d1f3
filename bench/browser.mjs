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
  const benchPage = async (page, query) => {
    await page.goto(app.url + "/bench?" + query);
    const handle = await page.waitForSelector("#bench-results[data-done='1']", { timeout: 600_000 });
    const out = JSON.parse(await handle.textContent());
    if (out.error) throw new Error(`/bench?${query}: ${out.error}`);
    return out;
  };
  {
    const { context, page } = await newPage(0);
    Object.assign(results, await benchPage(page, "run=all"));
    await context.close();
  }

  // A community of N voters in a fresh profile: reload time, search, and the cost of one save.
  const community = async (voters) => {
    const { context, page } = await newPage(0);
    await benchPage(page, `run=seed&voters=${voters}`);
    await page.evaluate(() => localStorage.setItem("huanjie.role", JSON.stringify("election_committee")));
    const reloads = [];
    for (let i = 0; i < RUNS; i++) {
      await page.goto(app.url + "/");
      await page.waitForFunction(() => Number(document.querySelector("[data-testid=voter-count]")?.textContent) > 0, null, { timeout: 120_000 });
      reloads.push(await page.evaluate(() => performance.now()));
    }
    const save = (await benchPage(page, "run=save")).save_ms;
    const load = await benchPage(page, "run=load");
    return { context, page, reload: median(reloads), save, load };
  };
  const small = await community(1000);
  await small.context.close();
  const big = await community(50000);
  results.reload_50k_ms = round(big.reload);
  results.reload_1k_ms = round(small.reload);
  results.save_50k_ms = big.save;
  results.save_1k_ms = small.save;
  results.save_ratio_50k_1k = round(big.save / small.save, 2);
  for (const [k, v] of Object.entries(big.load)) results[`reload_50k_${k}`] = v;

  // Search: from the keystroke to the next paint of the changed results.
  const page = big.page;
  await page.goto(app.url + "/stage/registration");
  const box = page.getByRole("searchbox", { name: "查找选民" });
  await box.waitFor();
  await page.waitForFunction(() => /共登记选民 [1-9]/.test(document.querySelector("[data-testid=search-summary]")?.textContent || ""));
  const searches = [];
  for (const key of ["张", "李", "王", "刘", "陈", "1", "杨", "赵", "黄"]) {
    await box.fill("");
    const measured = page.evaluate(() => new Promise((resolve) => {
      let t0 = 0;
      const target = document.querySelector("[data-testid=search-summary]").parentElement;
      // beforeinput fires for a key press and for IME text alike: the moment the keystroke lands.
      document.addEventListener("beforeinput", () => (t0 = performance.now()), { once: true, capture: true });
      const obs = new MutationObserver(() => {
        obs.disconnect();
        requestAnimationFrame(() => resolve(performance.now() - t0));
      });
      obs.observe(target, { childList: true, subtree: true, characterData: true });
    }));
    await box.pressSequentially(key);
    searches.push(await measured);
  }
  results.search_50k_ms = round(median(searches));
  await big.context.close();
} finally {
  app.stop();
  counter.stop();
  await browser.close();
}
writeFileSync(out, JSON.stringify(results, null, 2));
console.log(JSON.stringify(results));
