import { test, expect, committeeWithDemo, demoDay, zhDate } from "./fixtures";

test("the 行事历 lists every legal deadline from the election day, and the demo is dated from today", async ({ page, errors }) => {
  await committeeWithDemo(page);
  await page.goto("/stage/preparation");
  const calendar = page.getByTestId("calendar");
  // The demo tried today holds its election 30 days on, so every step is still ahead of it.
  await expect(page.getByRole("heading", { name: `幸福里社区 · 选举日 ${zhDate(demoDay(0))}` })).toBeVisible();
  // 居委会组织法 2025 art 17: the voter list 20 days before the election day.
  await expect(calendar.locator("tr", { hasText: "公布选民名单" })).toContainText(zhDate(demoDay(-20)));
  await expect(calendar.locator("tr", { hasText: "公布正式候选人名单" })).toContainText(zhDate(demoDay(-5)));
  await expect(calendar.locator("tr", { hasText: "完成工作移交" })).toContainText(zhDate(demoDay(10)));
  await expect(page.getByTestId("calendar-warnings")).not.toContainText("已超过法定期限");
});
