import { readFileSync } from "node:fs";
import { Page } from "@playwright/test";
import { test, expect, chooseRole, chinaDay, importFiles, newPhone, pick, printedPages, signAndScreen, tapPrint, pageSize, keepFirstPage } from "./fixtures";

// @registration end to end: a committee sets up a new election on its own phone, two grid workers
// join, register households offline (one person twice), send their files; the committee merges,
// resolves the duplicate, publishes the voter list and handles an objection; takes nominations,
// sends them to the office for review (联审), imports the office's decisions and publishes the
// final candidate list in surname stroke order.

/** A valid GB 11643 number for a birth date and sequence (odd = male). */
function idNumber(birth: string, seq: number): string {
  const body = `110105${birth.replace(/-/g, "")}${String(seq).padStart(3, "0")}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * weights[i], 0);
  return body + "10X98765432"[sum % 11];
}

const ELECTION_DAY = chinaDay(45);

/** Click a button that saves a file and return the file's bytes. */
async function downloadOf(page: Page, button: RegExp | string): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button }).click()]);
  return readFileSync((await download.path())!);
}

const asFile = (name: string, buffer: Buffer) => ({ name, mimeType: "application/json", buffer });

async function register(page: Page, name: string, id: string, address: string) {
  const form = page.locator("form.form").first();
  await form.getByLabel("姓名").fill(name);
  await form.getByLabel("身份证号").fill(id);
  await form.getByLabel(/住址/).fill(address);
  await form.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存" })).toContainText(name);
}

async function setUpElection(page: Page) {
  await page.goto("/");
  await chooseRole(page, "选委会");
  await page.getByRole("link", { name: "新建选举" }).click();
  const setup = page.getByTestId("election-setup");
  await setup.getByLabel("社区名称").fill("和平里社区");
  await setup.getByLabel("街道（乡镇）").fill("东城街道");
  await setup.getByLabel("区（县）").fill("城关区");
  await expect(setup.locator(".rule-points")).toContainText("第十九条");
  await setup.getByLabel("委员", { exact: true }).fill("2");
  await setup.getByLabel("选举日").fill(ELECTION_DAY);
  await setup.getByRole("button", { name: "保存选举设置" }).click();
  // 1 + 1 + 2 = 4 members: below the law's five.
  await expect(setup.getByRole("alert")).toContainText("不符合规定");
  await expect(page.getByTestId("setup-breaches")).toContainText("委员会成员应为5至9人，现设4人");
  await setup.getByLabel("委员", { exact: true }).fill("3");
  await setup.getByRole("button", { name: "保存选举设置" }).click();
  await expect(setup.getByRole("status")).toHaveText("已保存选举设置。");

  const gates = page.getByTestId("gates");
  await expect(gates).toContainText("任期和离任经济责任审计完成并公布 · 未完成（必须完成后才能换届）");
  await gates.getByLabel("审计结果公布日期").fill(chinaDay(-10));
  await gates.getByRole("button", { name: "保存准备工作" }).click();
  await expect(gates.getByRole("status")).toContainText("已保存");
  await expect(gates.locator("li.done")).toHaveCount(1);

  const grids = page.getByTestId("grids");
  for (const [name, worker] of [["第一网格", "张丽"], ["第二网格", "王强"]]) {
    await grids.getByLabel("网格名称").fill(name);
    await grids.getByLabel("网格员").fill(worker);
    await grids.getByRole("button", { name: "添加网格" }).click();
    await expect(grids.getByRole("status")).toHaveText(`已添加网格：${name}`);
  }

  await page.goto("/stage/committee");
  const committee = page.getByTestId("election-committee");
  await committee.getByLabel("推选日期").fill(chinaDay(-5));
  for (const name of ["刘国庆", "赵雪梅", "孙志刚"]) {
    await committee.getByLabel("姓名").fill(name);
    await committee.getByRole("button", { name: "加入选举委员会" }).click();
    await expect(committee.getByRole("status")).toHaveText(`已加入选举委员会：${name}`);
  }
  await expect(committee.locator(".members li")).toHaveCount(3);
}

test("@registration a new election from setup to the final candidate list: two grid workers, a duplicate, the voter list, an objection, nominations, the office review", async ({ browser, page, errors }) => {
  test.setTimeout(240_000);
  await setUpElection(page);

  // Two grid workers ask to join; the committee accepts both and sends its election package.
  const workers = [await newPhone(browser, errors, "grid worker 1"), await newPhone(browser, errors, "grid worker 2")];
  const requests: Buffer[] = [];
  const joining = [["张丽", "第一网格"], ["王强", "第二网格"]];
  for (const [i, w] of workers.entries()) {
    await w.goto("/");
    await chooseRole(w, "网格员");
    await w.goto("/stage/join");
    await w.getByLabel("您的姓名").fill(joining[i][0]);
    await w.getByLabel("负责的网格").fill(joining[i][1]);
    requests.push(await downloadOf(w, "发送加入申请"));
  }
  await page.goto("/stage/exchange");
  for (const [i, request] of requests.entries()) {
    const [name, grid] = joining[i];
    // The committee sees who asks, and for which of its grids, not a bare device code.
    await expect(importFiles(page, [asFile(`join-${i}.json`, request)])).resolves.toContain(`${name}（${grid}）申请加入本次选举`);
    await expect(page.locator(".verdict").first()).toContainText("接受后该设备负责这个网格");
    await page.getByRole("button", { name: "核对无误，接受" }).click();
    await expect(page.locator(".verdict").first()).toContainText(`已接受${name}的设备`);
    await expect(page.getByTestId("devices")).toContainText(`${name}（网格员 · ${grid}）`);
  }
  const pkg = await downloadOf(page, "导出选举数据包");

  // Each worker accepts the committee's device, then registers at the doors.
  const same = idNumber("1961-03-05", 12);
  const people = [
    [["李建国", same, "和平里1栋101"], ["李王氏", idNumber("1963-07-21", 24), "和平里1栋101"], ["陈明", idNumber("1990-11-02", 31), "和平里2栋202"]],
    [["李建国", same, "和平里1栋101"], ["周小红", idNumber("1985-02-14", 42), "和平里5栋501"]],
  ];
  const files: Buffer[] = [];
  for (const [i, w] of workers.entries()) {
    await w.goto("/stage/exchange");
    const verdict = await importFiles(w, [asFile("选举数据包.json", pkg)]);
    expect(verdict).toContain("尚未确认的设备");
    await w.getByRole("button", { name: "核对无误，接受" }).click();
    await expect(w.locator(".verdict").first()).toContainText("已导入选举数据包");
    await w.goto("/stage/registration");
    const form = w.locator("form.form").first();
    await form.getByLabel("身份证号").fill("110105196103051234");
    await form.getByLabel("姓名").fill("错号");
    await form.getByLabel(/住址/).fill("和平里9栋");
    await form.getByRole("button", { name: "保存" }).click();
    await expect(w.getByRole("alert")).toContainText("校验位");
    for (const [name, id, address] of people[i]) await register(w, name, id, address);
    await w.goto("/stage/exchange");
    files.push(await downloadOf(w, "导出采集数据"));
  }

  // The committee imports both files: five records, the same person twice.
  await page.goto("/stage/exchange");
  expect(await importFiles(page, [asFile("grid-1.json", files[0])])).toContain("已导入采集数据");
  expect(await importFiles(page, [asFile("grid-2.json", files[1])])).toContain("已导入采集数据");
  await page.reload();
  await page.goto("/stage/registration");
  await expect(page.getByTestId("search-summary")).toHaveText("共登记选民 5 人");

  // Publishing is refused while the duplicate is open.
  const publish = page.getByTestId("publish-voter-list");
  await publish.getByRole("button", { name: "公布选民名单" }).click();
  await expect(publish.getByRole("alert")).toContainText("还有1条重复登记未处理");
  const anomalies = page.getByTestId("anomalies").locator("li.anomaly");
  await expect(anomalies).toHaveCount(1);
  await anomalies.first().getByRole("button", { name: "保留这一条" }).first().click();
  await expect(page.getByTestId("search-summary")).toHaveText("共登记选民 4 人");

  // Nineteen days before the election is too late; today is in time.
  await publish.getByLabel("公布日期").fill(chinaDay(45 - 19));
  await publish.getByRole("button", { name: "公布选民名单" }).click();
  await expect(publish.getByRole("alert")).toContainText("日前");
  await publish.getByLabel("公布日期").fill(chinaDay(0));
  await publish.getByRole("button", { name: "公布选民名单" }).click();
  await expect(publish.getByRole("status")).toContainText("已公布选民名单：4人");

  // The printed list shows ID numbers masked: first six and last four digits.
  await page.getByRole("button", { name: "显示名单（可打印）" }).click();
  const sheet = page.getByTestId("voter-list-sheet");
  await expect(sheet.locator("tbody tr")).toHaveCount(4);
  await expect(sheet).toContainText("李建国");
  await expect(sheet).toContainText(`${same.slice(0, 6)}********${same.slice(14)}`);
  await expect(sheet).not.toContainText(same);

  // An objection within five days, decided the same day.
  const objections = page.getByTestId("objections");
  await objections.getByLabel("申诉人").fill("周小红");
  await objections.getByLabel("申诉内容").fill("陈明已迁出本社区");
  await objections.getByRole("searchbox", { name: "查找涉及的选民" }).fill("陈明");
  await objections.getByRole("button", { name: /陈明/ }).click();
  await objections.getByRole("button", { name: "受理申诉" }).click();
  await expect(objections.getByRole("status").first()).toHaveText("已受理申诉。");
  await expect(objections.locator(".case")).toContainText("待处理，应在");
  await objections.locator(".case").getByLabel("处理意见").fill("经核实已迁出，予以删除");
  await objections.locator(".case").getByLabel(/移除/).check();
  await objections.locator(".case").getByRole("button", { name: "申诉成立" }).click();
  await expect(objections.locator(".case")).toContainText("申诉成立");
  await expect(page.getByTestId("search-summary")).toHaveText("共登记选民 3 人");

  // Everything survives a reload; the 八个公开 shows the list's date.
  await page.reload();
  await expect(page.getByTestId("search-summary")).toHaveText("共登记选民 3 人");
  await page.goto("/stage/notices");
  await expect(page.getByTestId("eight-publications").locator("tr", { hasText: "选民名单公开" })).not.toContainText("未公开");
  await expect(page.getByTestId("eight-publications").locator("tr", { hasText: "选举委员会成员推选公开" })).toContainText("未公开");
  await page.getByRole("button", { name: "记录已公布" }).nth(1).click();
  await expect(page.getByTestId("eight-publications").locator("tr", { hasText: "选举委员会成员推选公开" })).not.toContainText("未公开");
  for (const w of workers) await w.context().close();

  // More residents sign up at the office; the Party organisation nominates eight of them.
  await page.goto("/stage/registration");
  const more: [string, string][] = [["丁一", "1970-01-05"], ["王二", "1972-02-06"], ["刘三", "1974-03-07"], ["张四", "1976-04-08"], ["赵五", "1978-05-09"], ["钱六", "1980-06-10"], ["黄七", "1982-07-11"]];
  for (const [k, [name, birth]] of more.entries()) await register(page, name, idNumber(birth, 51 + 2 * k), `和平里${k + 6}栋`);
  await expect(page.getByTestId("search-summary")).toHaveText("共登记选民 10 人");
  await page.goto("/stage/nomination");
  const slate: [string, string][] = [["director", "赵五"], ["director", "王二"], ["deputy_director", "刘三"], ["deputy_director", "钱六"], ["member", "丁一"], ["member", "张四"], ["member", "黄七"], ["member", "周小红"]];
  await page.getByLabel("社区党组织推荐").check();
  for (const [post, name] of slate) {
    await page.getByTestId("nomination-post").selectOption(post);
    await pick(page, "nominee-search", name);
    await page.getByRole("button", { name: "保存提名" }).click();
    await expect(page.getByRole("status").filter({ hasText: `已登记提名：${name}` })).toBeVisible();
  }
  await page.reload();
  for (const [, name] of slate) await signAndScreen(page, name);

  // 联审: the request goes to the street office, which passes all eight and sends its file back.
  await page.goto("/stage/review");
  const request = await downloadOf(page, "发起联审并导出申请文件");
  const office = await newPhone(browser, errors, "office");
  await office.goto("/");
  await chooseRole(office, "街道·区换届办");
  await office.goto("/stage/review");
  await office.getByTestId("review-request-import").setInputFiles(asFile("申请.json", request));
  await expect(office.getByRole("status").filter({ hasText: "已接收和平里社区的审查申请：8 人" })).toBeVisible();
  await office.getByTestId("review-case").getByLabel("审查部门").fill("东城街道联审小组");
  for (const [, name] of slate) {
    await office.locator(`li[data-name="${name}"]`).getByRole("button", { name: "通过" }).click();
    await expect(office.getByRole("status").filter({ hasText: `已记录：${name}通过` })).toBeVisible();
  }
  const review = await downloadOf(office, "导出审查意见文件");
  await office.context().close();
  await page.getByTestId("review-import").setInputFiles(asFile("审查意见.json", review));
  await page.getByRole("button", { name: "核对无误，接受" }).click();
  await expect(page.getByTestId("review-counts")).toContainText("通过 8 人");

  // The final list, in surname stroke order within each post, survives a reload.
  await page.goto("/stage/preselection");
  await expect(page.getByTestId("margin-warning")).toHaveCount(0);
  await page.getByTestId("final-list-date").fill(chinaDay(0));
  await page.getByRole("button", { name: "公布正式候选人名单" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已公布正式候选人名单" })).toBeVisible();
  await page.reload();
  const names = await page.getByTestId("final-sheet").locator("tbody tr td:nth-child(2)").allInnerTexts();
  // 王4 赵9 | 刘6 钱10 | 丁2 张7 周8 黄11
  expect(names).toEqual(["王二", "赵五", "刘三", "钱六", "丁一", "张四", "周小红", "黄七"]);
  await page.goto("/stage/notices");
  await expect(page.getByTestId("eight-publications").locator("tr", { hasText: "正式候选人公开" })).not.toContainText("未公开");

  // Voting day's papers, from the same records: no ballot before the round is open; then the
  // final list in its order, a write-in line per seat, as many copies as the roll plus the spare.
  await page.goto("/stage/voting");
  const papers = page.getByTestId("papers");
  await papers.getByRole("button", { name: "印制选票" }).click();
  await expect(papers.getByRole("alert")).toContainText("尚未开启");
  await papers.getByRole("button", { name: "印制选民证" }).click();
  const cards = page.getByTestId("voter-cards-sheet").locator("li.voter-card");
  const roll = await cards.count();
  expect(roll).toBeGreaterThan(0);
  await expect(page.getByTestId("voter-cards-sheet")).not.toContainText("陈明"); // removed by the objection
  await page.getByRole("button", { name: "开始第一轮投票" }).click();
  await expect(page.getByTestId("turnout")).toBeVisible();
  await expect(page.getByTestId("registered")).toHaveText(String(roll));
  await papers.getByRole("button", { name: "印制选票" }).click();
  const ballot = page.getByTestId("ballot-sheet");
  await expect(ballot.locator("tr.candidate td:nth-child(2)")).toHaveText(names);
  const parts = ballot.locator("table.ballot-part");
  for (let i = 0; i < (await parts.count()); i++) {
    const seats = Number((await parts.nth(i).locator("caption").innerText()).match(/应选(\d+)名/)![1]);
    await expect(parts.nth(i).locator("tr.write-in")).toHaveCount(seats);
  }
  await expect(ballot.locator(".sheet-title")).toContainText(`印制${roll + 10}份`);
  await tapPrint(page, ballot);
  const printed = (await printedPages(page)).join("").replace(/\s+/g, ""); // lines wrap anywhere on paper
  for (const name of names) expect(printed).toContain(name);
  expect(printed).toContain("另选人");
  expect(printed).toContain("该职位的选票无效");
  expect(printed).not.toContain("印制选民证");
  await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));

  // On A3, and the copies recorded as the round's ballots printed, kept across a reload.
  await expect(page.getByTestId("ballots-printed")).toHaveText("尚未登记印制份数。");
  await papers.getByRole("button", { name: `登记印制${roll + 10}张` }).click();
  await expect(papers.getByRole("status")).toHaveText(`已登记本轮选票印制${roll + 10}张`);
  await page.reload();
  await papers.getByLabel("选票纸张").selectOption("A3");
  await papers.getByRole("button", { name: "印制选票" }).click();
  await expect(page.getByTestId("ballots-printed")).toHaveText(`已登记印制${roll + 10}张；计票时发出的选票不得多于此数。`);
  await tapPrint(page, page.getByTestId("ballot-sheet"));
  expect(await pageSize(page)).toBe("A3");
  await keepFirstPage(page, "ballot");
  await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));

  // A written proxy, then the voter cards, the sign-in book and the proxy certificate on paper.
  await page.locator("summary", { hasText: "委托投票" }).click();
  const proxy = page.locator("form", { has: page.getByRole("button", { name: "登记委托" }) });
  await proxy.getByLabel("委托人").fill("李王氏");
  await proxy.getByLabel("受托人").fill("李建国");
  await proxy.getByLabel("委托书日期").fill(chinaDay(-2));
  await proxy.getByRole("button", { name: "登记委托" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已登记委托投票" })).toBeVisible();

  await papers.getByRole("button", { name: "印制选民证" }).click();
  await expect(cards).toHaveCount(roll);
  await tapPrint(page, page.getByTestId("voter-cards-sheet"));
  let paper = (await printedPages(page)).join("").replace(/\s+/g, "");
  for (const name of ["李建国", "李王氏", "周小红"]) expect(paper).toContain(name);
  expect(paper).toContain(`选民证第${roll}号`);
  expect(paper).not.toContain("陈明");
  expect(paper).not.toMatch(/\d{17}[\dX]/);
  await keepFirstPage(page, "voter-cards");
  await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));

  await papers.getByRole("button", { name: "印制签到簿" }).click();
  await tapPrint(page, page.getByTestId("sign-in-sheet"));
  paper = (await printedPages(page)).join("").replace(/\s+/g, "");
  expect(paper).toContain("签名");
  for (const name of ["李建国", "李王氏", "周小红"]) expect(paper).toContain(name);
  expect(paper).not.toMatch(/\d{17}[\dX]/);
  await keepFirstPage(page, "sign-in");
  await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));

  await papers.getByRole("button", { name: "印制委托投票证" }).click();
  const certificates = page.getByTestId("proxy-sheet").locator(".certificate");
  await expect(certificates).toHaveCount(1);
  await tapPrint(page, page.getByTestId("proxy-sheet"));
  paper = (await printedPages(page)).join("").replace(/\s+/g, "");
  expect(paper).toContain("委托投票证第1号");
  expect(paper).toMatch(/委托人：李王氏/);
  expect(paper).toMatch(/受托人：李建国/);
  expect(paper).toMatch(/不得超过\S*人/);
  await keepFirstPage(page, "proxies");
});
