import { test, expect, chooseRole } from "./fixtures";

// @registration (first part): a grid worker registers voters on the phone.
test("@registration a wrong ID number is explained and changes nothing; a valid one is saved and found after reload", async ({ page, errors }) => {
  await page.goto("/");
  await chooseRole(page, "网格员");
  await page.getByRole("button", { name: /试用示范社区/ }).click();
  await expect(page.getByTestId("voter-count")).toHaveText("302");
  await page.goto("/stage/registration");
  const summary = page.getByTestId("search-summary");
  await expect(summary).toHaveText("共登记选民 302 人");

  const form = page.locator("form.form");
  await form.getByLabel("姓名").fill("钱多多");
  await form.getByLabel("身份证号").fill("110105194912310021"); // check digit should be X
  await form.getByLabel(/住址/).fill("幸福里小区12栋3单元402室");
  await form.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("alert")).toContainText("校验位");
  await expect(summary).toHaveText("共登记选民 302 人");

  await form.getByLabel("身份证号").fill("110105201005180025"); // 16 on the election day
  await form.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("alert")).toContainText("未满18周岁");

  await form.getByLabel("身份证号").fill("11010519491231002x"); // lowercase x is accepted
  await form.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存" })).toContainText("钱多多（女，110105********002X）");
  await expect(summary).toHaveText("共登记选民 303 人");

  await page.reload();
  await expect(summary).toHaveText("共登记选民 303 人");
  await page.getByRole("searchbox", { name: "查找选民" }).fill("钱多多");
  await expect(page.getByTestId("search-results")).toContainText("110105********002X");

  // The same person again is refused by the core's duplicate check.
  await form.getByLabel("姓名").fill("钱多多");
  await form.getByLabel("身份证号").fill("11010519491231002X");
  await form.getByLabel(/住址/).fill("幸福里小区12栋3单元402室");
  await form.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("alert")).toContainText("已登记");
});

test("@registration a person resolves a duplicate registration by keeping one record", async ({ page, errors }) => {
  await page.goto("/");
  await chooseRole(page, "选委会");
  await page.getByRole("button", { name: /试用示范社区/ }).click();
  await expect(page.getByTestId("voter-count")).toHaveText("302");
  await page.goto("/stage/registration");
  const anomalies = page.getByTestId("anomalies").locator("li.anomaly");
  await expect(anomalies).toHaveCount(2);
  const first = anomalies.first();
  await expect(first.locator(".keep")).toHaveCount(2); // the same person, registered by two grid workers
  await first.getByRole("button", { name: "保留这一条" }).first().click();
  await expect(anomalies).toHaveCount(1);
  await expect(page.getByTestId("search-summary")).toHaveText("共登记选民 301 人");
  await page.reload();
  await expect(anomalies).toHaveCount(1);
  await expect(page.getByTestId("search-summary")).toHaveText("共登记选民 301 人");
});

test("@registration an ID number pasted with spaces, dashes and full-width digits is cleaned, then checked", async ({ page, errors }) => {
  await page.goto("/");
  await chooseRole(page, "网格员");
  await page.getByRole("button", { name: /试用示范社区/ }).click();
  await page.goto("/stage/registration");
  const form = page.locator("form.form");
  await form.getByLabel("姓名").fill("孙建华");
  // As a chat message or a Chinese keyboard gives it: longer than the 18 characters it stands for.
  await form.getByLabel("身份证号").fill("１１０１０５ - 1962 0315 - 0018");
  await form.getByLabel(/住址/).fill("幸福里小区3栋1单元101室");
  await form.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存" })).toContainText("孙建华（男，110105********0018）");
  await expect(page.getByTestId("search-summary")).toHaveText("共登记选民 303 人");
});
