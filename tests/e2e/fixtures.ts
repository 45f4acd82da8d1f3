import { test as base, expect, Browser, BrowserContext, BrowserContextOptions, Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PHONE } from "./phone";

export { PHONE };

/**
 * The one moment every test starts at, on every phone: 07:30 in China on the demo's election day,
 * which is still 23:30 the evening before in UTC. A date taken from UTC or from the machine's zone
 * instead of China's is a day off here, so such a mistake fails every run, not only evening ones.
 * Time flows on from this moment (Playwright's clock), so the app's clocks still advance.
 */
export const NOW = new Date("2026-05-18T07:30:00+08:00");

/** The date `days` days from NOW on China's calendar (UTC+8), as the app reckons "today". */
export function chinaDay(days = 0): string {
  return new Date(NOW.getTime() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** The demo's election day as the app makes it on NOW's day: 30 days on (demo::DAYS_TO_ELECTION). */
export const DEMO_DAY = chinaDay(30);

/** The date `days` days from the demo's election day (negative: before it). */
export function demoDay(days = 0): string {
  return chinaDay(30 + days);
}

/** An ISO date as the app writes it: 2026年6月17日. */
export function zhDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

/** Start a context's clock at NOW (before any page of it loads). */
export async function atNow(context: BrowserContext): Promise<BrowserContext> {
  await context.clock.install({ time: NOW });
  return context;
}

/** Another person's phone: its own storage, the same viewport, zone and clock; its page errors fail the test. */
export async function newPhone(
  browser: Browser,
  errors?: string[],
  label = "phone",
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await atNow(await browser.newContext({ ...PHONE, ...options }));
  const page = await context.newPage();
  if (errors) {
    page.on("pageerror", (e) => errors.push(`${label} pageerror: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`${label} console: ${m.text()}`);
    });
  }
  return page;
}

/** A TCP port nobody on this machine listens on now (never a fixed one: it may be taken). */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once("error", fail);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => ok(port));
    });
  });
}

// Every test fails on an uncaught page error or a console error: a person would see a broken app.
export const test = base.extend<{ errors: string[] }>({
  context: async ({ context }, use) => {
    await use(await atNow(context));
  },
  errors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`console: ${m.text()}`);
    });
    await use(errors);
    // A page wider than the phone makes mobile Chromium zoom everything out: small text, missed taps.
    const width = page.viewportSize()?.width;
    if (!page.isClosed() && width) {
      const layout = await page.evaluate(() => window.innerWidth).catch(() => width);
      if (layout > width) errors.push(`page is ${layout}px wide on a ${width}px phone (${page.url()})`);
    }
    expect(errors, "page errors").toEqual([]);
  },
});
export { expect };

/** Wait until the service worker controls the page (the offline shell is ready). */
export async function waitForOfflineReady(page: Page) {
  await page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.ready;
    return !!reg.active && !!navigator.serviceWorker.controller;
  });
}

/** Choose a role on the first-start screen. */
export async function chooseRole(page: Page, name: "选委会" | "网格员" | "街道·区换届办") {
  await page.getByRole("button", { name: new RegExp(`^${name}`) }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${name}工作台`);
}

/** Signed sample files of the demo the app makes on NOW's day, written before the run by
 * `huanjie demo --out target/e2e-fixtures --today <NOW's day>` (tests/e2e/global-setup.ts). */
export const FIXTURES = "target/e2e-fixtures";

/** Every record the app stored in IndexedDB, as one string: "byte-for-byte unchanged" is equality. */
export async function dumpStorage(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((ok, fail) => {
      const r = indexedDB.open("huanjie");
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const out: Record<string, [unknown, unknown][]> = {};
    for (const name of Array.from(db.objectStoreNames)) {
      out[name] = await new Promise((ok) => {
        const rows: [unknown, unknown][] = [];
        const req = db.transaction(name).objectStore(name).openCursor();
        req.onsuccess = () => {
          const c = req.result;
          if (!c) return ok(rows);
          rows.push([c.key, c.value]);
          c.continue();
        };
      });
    }
    db.close();
    return JSON.stringify(out);
  });
}

/** Load the built-in demo community as the election committee. */
export async function committeeWithDemo(page: Page) {
  await page.goto("/");
  await chooseRole(page, "选委会");
  await page.getByRole("button", { name: /试用示范社区/ }).click();
  await expect(page.getByTestId("voter-count")).toHaveText("302");
}

/** Import files on the exchange screen and return the newest verdict's text. */
export async function importFiles(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[] | string[]) {
  const before = await page.locator(".verdict").count();
  await page.getByTestId("import-input").setInputFiles(files as any);
  await expect(page.locator(".verdict")).toHaveCount(before + files.length);
  return (await page.locator(".verdict").first().innerText()).trim();
}

/** Search the voter list in a picker (by its testid) and choose the first person found. */
export async function pick(page: Page, testid: string, query: string) {
  await page.getByTestId(testid).fill(query);
  await page.locator("ul.picks button").first().click();
}

/** Record a nominee's three commitments and a clean disqualification screen. */
export async function signAndScreen(page: Page, name: string) {
  const item = page.locator(`li.nominee[data-name="${name}"]`);
  await item.locator("summary").click();
  await item.getByRole("button", { name: "已签订三项承诺" }).click();
  await expect(page.getByRole("status").filter({ hasText: `已记录${name}签订三项承诺` })).toBeVisible();
  await expect(item).toContainText("三项承诺：已签订");
  await item.getByRole("button", { name: "保存审查结果" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${name}未发现不得提名的情形` })).toBeVisible();
}

/** Paper is checked as paper: print the page as the browser would (A4, the print stylesheet) and return each page's text. */
export async function printedPages(page: Page): Promise<string[]> {
  const file = join(mkdtempSync(join(tmpdir(), "huanjie-print-")), "printed.pdf");
  writeFileSync(file, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  return text.split("\f").slice(0, -1); // pdftotext ends every page with a form feed
}

/** The paper size the printed page is laid out on, as pdfinfo names it ("A4", "A3"). */
export async function pageSize(page: Page): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), "huanjie-print-")), "printed.pdf");
  writeFileSync(file, await page.pdf({ preferCSSPageSize: true }));
  const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  return info.match(/Page size:.*\((\w+)\)/)?.[1] ?? info;
}

/** With SCREENS=1, the first printed page of a paper is kept as a picture (tests/e2e/artifacts/). */
export async function keepFirstPage(page: Page, name: string) {
  if (!process.env.SCREENS) return;
  const file = join(mkdtempSync(join(tmpdir(), "huanjie-paper-")), "paper.pdf");
  writeFileSync(file, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", file, join("tests/e2e/artifacts", `paper-${name}`)]);
}

/** Tap a sheet's 打印 without opening the print dialog; the sheet stays marked until `afterprint`. */
export async function tapPrint(page: Page, sheet: ReturnType<Page["locator"]>) {
  await page.evaluate(() => (window.print = () => {}));
  await sheet.getByRole("button", { name: "打印" }).click();
}
