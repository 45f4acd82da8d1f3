import { test, expect, chooseRole, committeeWithDemo } from "./fixtures";

// Phone-size pictures of a grid worker's and a committee member's first ten minutes, for the
// README and the issue notes. Not part of `make test`: run with SCREENS=1 (they are committed).
test.skip(!process.env.SCREENS, "pictures only on request (SCREENS=1)");
test.use({ deviceScaleFactor: 1 });

const DIR = "tests/e2e/artifacts";
const shot = (page: import("@playwright/test").Page, name: string) =>
  page.screenshot({ path: `${DIR}/${name}.png` });

test("a grid worker's first minutes", async ({ page }) => {
  await page.goto("/");
  await shot(page, "01-first-start");
  await chooseRole(page, "网格员");
  await page.goto("/stage/join");
  await shot(page, "02-grid-worker-join");
  await page.goto("/");
  await page.getByRole("button", { name: /试用示范社区/ }).click();
  await expect(page.getByTestId("voter-count")).toHaveText("302");
  await shot(page, "03-grid-worker-home");
  await page.goto("/stage/registration");
  const form = page.locator("form.form").first();
  await form.getByLabel("姓名").fill("钱多多");
  await form.getByLabel("身份证号").fill("110105194912310021");
  await form.getByLabel(/住址/).fill("幸福里小区12栋3单元402室");
  await form.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("alert")).toContainText("校验位");
  await page.getByRole("alert").scrollIntoViewIfNeeded();
  await shot(page, "04-grid-worker-wrong-id");
});

test("a committee member's first minutes", async ({ page }) => {
  await page.goto("/");
  await chooseRole(page, "选委会");
  await page.getByRole("link", { name: "新建选举" }).click();
  await shot(page, "05-committee-setup");
  await page.getByTestId("election-setup").locator(".rule-points").scrollIntoViewIfNeeded();
  await shot(page, "06-committee-rule-points");
});

test("a committee member with the demo community", async ({ page }) => {
  await committeeWithDemo(page);
  await shot(page, "07-committee-home");
  await page.goto("/stage/registration");
  await page.getByTestId("anomalies").scrollIntoViewIfNeeded();
  await shot(page, "08-committee-anomalies");
  await page.getByRole("button", { name: "显示名单（可打印）" }).click();
  await page.getByTestId("voter-list-sheet").scrollIntoViewIfNeeded();
  await shot(page, "09-committee-voter-list");
  await page.goto("/stage/nomination");
  await shot(page, "10-committee-nomination");
  await page.goto("/stage/notices");
  await shot(page, "11-committee-eight-publications");
});

test("a committee member on voting day", async ({ page }) => {
  await committeeWithDemo(page);
  await page.goto("/stage/voting");
  await page.getByRole("button", { name: "开始第一轮投票" }).click();
  await expect(page.getByTestId("turnout")).toContainText("还差");
  for (let i = 0; i < 3; i++) await page.getByTestId("checkin-list").getByRole("button", { name: "签到" }).first().click();
  await shot(page, "12-voting-check-in");
  await page.goto("/stage/count");
  const first = page.locator("button.cand");
  await first.nth(0).click();
  await first.nth(3).click();
  await shot(page, "13-count-call-out");
  await page.getByRole("button", { name: "下一张（保存）" }).click();
  await page.goto("/stage/announcement");
  await shot(page, "14-results");
});
