import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import { test, expect, atNow, chooseRole, FIXTURES, dumpStorage, committeeWithDemo, importFiles, newPhone } from "./fixtures";

const field = () => readFileSync(`${FIXTURES}/field-grid-1.json`);
const asFile = (name: string, text: string | Buffer) => ({ name, mimeType: "application/json", buffer: Buffer.from(text) });

test("a grid worker's file adds its records once; a second import and a reload change nothing", async ({ page, errors }) => {
  await committeeWithDemo(page);
  await page.goto("/stage/exchange");
  // Chat apps rename files: the name must not matter.
  const first = await importFiles(page, [asFile("微信文件(1).json", field())]);
  expect(first).toContain("已导入采集数据");
  expect(first).toContain("新增 3 条记录");
  const again = await importFiles(page, [asFile("field.json", field())]);
  expect(again).toContain("已经导入过，没有变化");

  await page.reload();
  await page.goto("/");
  await expect(page.getByTestId("voter-count")).toHaveText("304");
});

test("every damaged file is refused with its reason and stored data stays byte-for-byte the same", async ({ page, errors }) => {
  await committeeWithDemo(page);
  await page.goto("/stage/exchange");
  const before = await dumpStorage(page);

  const text = field().toString("utf8");
  const bundle = JSON.parse(text);
  const edited = text.replace("钱晓燕", "钱小燕");
  const unsigned = JSON.stringify({ ...bundle, signature: undefined });
  const newer = JSON.stringify({ ...bundle, format_version: 99 });
  const otherElection = JSON.stringify({ ...bundle, election: { ...bundle.election, id: "another-2026" } });
  const cases: [string, string, RegExp][] = [
    ["cut.json", text.slice(0, Math.floor(text.length / 2)), /不完整|截断/],
    ["edited.json", edited, /改动|签名|不一致|校验/],
    ["unsigned.json", unsigned, /签名/],
    ["newer.json", newer, /新版本|版本/],
    ["photo.json", "这不是数据包", /不是|无法识别/],
    ["other.json", otherElection, /签名|选举/],
  ];
  for (const [name, content, reason] of cases) {
    const verdict = await importFiles(page, [asFile(name, content)]);
    expect(verdict, name).toContain("已拒绝");
    expect(verdict, name).toMatch(reason);
  }
  expect(await dumpStorage(page)).toEqual(before);
});

test("a grid worker joins: the committee checks the device code and accepts the request", async ({ browser, page, errors }) => {
  const worker = await newPhone(browser, errors, "grid worker");
  await worker.goto("/");
  await chooseRole(worker, "网格员");
  await worker.goto("/stage/join");
  await expect(worker.getByTestId("device-code")).toHaveText(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  const code = (await worker.getByTestId("device-code").innerText()).trim();
  // Without a name the request is not made: the committee must know whose phone it is.
  await worker.getByRole("button", { name: "发送加入申请" }).click();
  await expect(worker.getByRole("alert")).toHaveText("请填写您的姓名：选委会据此确认是谁的手机。");
  await worker.getByLabel("您的姓名").fill("刘芳");
  await worker.getByLabel("负责的网格").fill("第３网格");
  const [download] = await Promise.all([worker.waitForEvent("download"), worker.getByRole("button", { name: "发送加入申请" }).click()]);
  const request = readFileSync(await download.path());
  await worker.context().close();

  await committeeWithDemo(page);
  await page.goto("/stage/exchange");
  const verdict = await importFiles(page, [asFile("join.json", request)]);
  expect(verdict).toContain(`刘芳（第３网格）申请加入本次选举，设备码 ${code}`);
  await page.getByRole("button", { name: "核对无误，接受" }).click();
  await expect(page.locator(".verdict").first()).toContainText(`已接受刘芳的设备 ${code}`);
  await page.reload();
  // Full-width digits as typed on a Chinese keyboard still find the demo's 第3网格.
  await expect(page.getByTestId("devices")).toContainText(`${code} 刘芳（网格员 · 第3网格）`);
});

test("two tabs saving at the same moment both keep their records", async ({ context, page, errors }) => {
  await committeeWithDemo(page);
  const other = await context.newPage();
  await other.goto("/");
  await expect(other.getByTestId("voter-count")).toHaveText("302");
  await page.goto("/stage/exchange");
  await other.goto("/stage/exchange");
  // Each tab imports at once; the field bundle in one, the archive (already known) in the other.
  await Promise.all([
    importFiles(page, [asFile("a.json", field())]),
    importFiles(other, [asFile("b.json", readFileSync(`${FIXTURES}/archive.json`))]),
  ]);
  // The other tab learns about the new records without a reload.
  await other.goto("/");
  await expect(other.getByTestId("voter-count")).toHaveText("304");
  await page.reload();
  await page.goto("/");
  await expect(page.getByTestId("voter-count")).toHaveText("304");
});

// Chromium enforces a quota override only on the default storage partition, hence a
// persistent context (a real profile directory) for this one test.
test("a full storage quota gets a plain message and leaves the data as it was", async ({ baseURL }) => {
  const dir = mkdtempSync(join(tmpdir(), "huanjie-profile-"));
  const context = await chromium.launchPersistentContext(dir, {
    ...test.info().project.use,
    executablePath: "/usr/bin/chromium",
    args: test.info().project.use.launchOptions?.args,
    baseURL,
  } as any);
  await atNow(context);
  try {
    const page = await context.newPage();
    await page.goto("/");
    await chooseRole(page, "选委会");
    await expect(page.getByText("本机还没有选举数据")).toBeVisible();
    const before = await dumpStorage(page);
    const cdp = await context.newCDPSession(page);
    const origin = new URL(page.url()).origin;
    await cdp.send("Storage.overrideQuotaForOrigin" as any, { origin, quotaSize: 1000 });
    await page.reload(); // the override applies to connections opened after it
    await page.getByRole("button", { name: /试用示范社区/ }).click();
    await expect(page.getByRole("alert")).toContainText("存储空间已满");
    await expect(page.getByRole("alert")).toContainText("已有数据不受影响");
    await cdp.send("Storage.overrideQuotaForOrigin" as any, { origin });
    expect(await dumpStorage(page)).toEqual(before);
    await page.reload();
    await expect(page.getByText("本机还没有选举数据")).toBeVisible();
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
