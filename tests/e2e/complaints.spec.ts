import { test, expect, chinaDay, chooseRole } from "./fixtures";

const daysAgo = (n: number) => chinaDay(-n);

test("@office the complaints ledger puts overdue cases first and keeps every answer", async ({ page, errors }) => {
  await page.goto("/");
  await chooseRole(page, "选委会");
  await page.goto("/stage/complaints");
  const form = page.locator("form.form");
  const log = async (from: string, summary: string, received: string, due: string) => {
    await form.getByLabel("来信来访人").fill(from);
    await form.getByLabel("事由").fill(summary);
    await form.getByLabel("收到日期").fill(received);
    await form.getByLabel("办理期限").fill(due);
    await form.getByLabel("承办人").fill("赵雪梅");
    await form.getByRole("button", { name: "登记" }).click();
    await expect(page.getByRole("status").filter({ hasText: "已登记" })).toBeVisible();
  };
  await log("王大爷", "选民名单漏登了孙子", daysAgo(3), daysAgo(-10));
  await log("李阿姨", "投票站设置太远", daysAgo(20), daysAgo(5));

  const cases = page.getByTestId("complaints").locator("li");
  await expect(cases).toHaveCount(2);
  await expect(cases.first()).toContainText("李阿姨");
  await expect(cases.first()).toContainText("已超期5天");
  await expect(cases.first()).toHaveClass(/overdue/);
  await expect(cases.nth(1)).toContainText("还剩10天");

  await cases.first().getByLabel("答复内容").fill("已在3号楼增设投票站");
  await cases.first().getByRole("button", { name: "答复" }).click();
  await expect(page.getByTestId("complaints")).toContainText("已答复（超期）");
  await page.reload();
  await expect(page.getByTestId("complaints")).toContainText("已在3号楼增设投票站");
  await expect(page.getByTestId("complaints").locator("li.overdue")).toHaveCount(0);
});

test.describe("on a phone set to Honolulu's time zone", () => {
  test.use({ timezoneId: "Pacific/Honolulu" });

  test("@office today is China's day even on a phone set to another time zone", async ({ page, errors }) => {
    // At NOW it is already the 18th in China but still the 17th in Honolulu (and in UTC).
    await page.goto("/");
    await chooseRole(page, "选委会");
    await page.goto("/stage/complaints");
    const form = page.locator("form.form");
    await expect(form.getByLabel("收到日期")).toHaveValue(chinaDay(0));
    await form.getByLabel("来信来访人").fill("张大姐");
    await form.getByLabel("事由").fill("户口迁入后未登记");
    await form.getByLabel("收到日期").fill(chinaDay(-4));
    await form.getByLabel("办理期限").fill(chinaDay(-1));
    await form.getByRole("button", { name: "登记" }).click();
    await expect(page.getByTestId("complaints").locator("li").first()).toContainText("已超期1天");
  });
});
