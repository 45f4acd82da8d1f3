import { test, expect, committeeWithDemo, FIXTURES } from "./fixtures";
import { Page, Locator } from "@playwright/test";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { tmpdir } from "node:os";

// The demo community's people, from the signed archive `huanjie demo` writes (same generator).
type Voter = { voter: string; name: string; id_number: string; sex: "male" | "female"; birth: string };
const archive = JSON.parse(readFileSync(join(FIXTURES, "archive.json"), "utf8"));
const events: any[] = [...archive.events].sort((a, b) => a.time.ms - b.time.ms || a.time.n - b.time.n);
const voters = new Map<string, Voter>(events.filter((e) => e.kind === "voter_registered").map((e) => [e.payload.voter, e.payload]));
const nominated = (post: string) => events.filter((e) => e.kind === "nomination" && e.payload.post === post).map((e) => e.payload.nominee as string);
const [D1, D2] = nominated("director");
const [E1, E2] = nominated("deputy_director");
const [M1, M2, M3, M4, M5] = nominated("member");
const name = (id: string) => voters.get(id)!.name;
const nameCount = (n: string) => [...voters.values()].filter((v) => v.name === n).length;
// Someone written in (另选他人): an adult voter who is no candidate and has a name of their own.
const W = [...voters.values()].find(
  (v) => ![D1, D2, E1, E2, M1, M2, M3, M4, M5].includes(v.voter) && v.birth < "1990-01-01" && nameCount(v.name) === 1,
)!;

/** `huanjie tally` on a FORMAT.md scenario: the command the conformance suite runs. */
function tally(scenario: object): any {
  const dir = mkdtempSync(join(tmpdir(), "huanjie-"));
  const file = join(dir, "scenario.json");
  writeFileSync(file, JSON.stringify(scenario));
  return JSON.parse(execFileSync("cargo", ["run", "-q", "-p", "huanjie-core", "--bin", "huanjie", "--", "tally", file], { encoding: "utf8" }));
}

const people = (ids: string[]) => ids.map((id) => ({ id, name: name(id), sex: voters.get(id)!.sex === "female" ? "F" : "M" }));

/** What the results screen shows for a post: name → votes, and who is marked elected. */
async function shown(page: Page, round: Locator, post: string) {
  const rows = round.getByTestId(`result-${post}`).locator("tbody tr");
  await expect(rows.first()).toBeVisible(); // the round's result renders after its ballots load
  const votes: Record<string, number> = {};
  const elected: string[] = [];
  for (const row of await rows.all()) {
    const n = (await row.locator("td.name").innerText()).trim();
    votes[n] = Number(await row.locator("td.n").innerText());
    if ((await row.innerText()).includes("当选")) elected.push(n);
  }
  return { votes, elected: elected.sort() };
}

/** The engine's answer with ids turned into names, as the screen shows them. */
function expected(result: any, post: string) {
  const p = result.posts[post];
  const votes: Record<string, number> = {};
  for (const [id, v] of Object.entries(p.votes)) votes[name(id)] = v as number;
  return { votes, elected: (p.elected as string[]).map(name).sort() };
}

test("@voting check-in, 唱票 of every ballot, results equal to huanjie tally, a tie re-vote and the signed result file", async ({ page, errors }) => {
  test.setTimeout(15 * 60_000);
  await committeeWithDemo(page);

  // ----- Voting day: open the round from the candidate list, check voters in. -----
  await page.goto("/stage/voting");
  await page.getByRole("button", { name: "开始第一轮投票" }).click();
  // The round is open: the check-in screen with the live turnout replaces the button.
  await expect(page.getByTestId("turnout")).toContainText("还差");
  const registered = Number(await page.getByTestId("registered").innerText());
  // Exactly as many as make the vote valid (more than half), so the edge is exercised too.
  const V = Math.floor(registered / 2) + 1;
  const voted = page.getByTestId("voted");
  const list = page.getByTestId("checkin-list");
  const grids = page.getByLabel("网格");
  let n = 0;
  for (let g = 0; n < V; g++) {
    await grids.selectOption({ index: g });
    const buttons = list.getByRole("button", { name: "签到" });
    while (n < V && (await buttons.count()) > 0) {
      await buttons.first().click();
      n++;
      await expect(voted).toHaveText(String(n));
    }
  }
  await expect(page.getByTestId("turnout")).toContainText("已达到");
  // Staff: a candidate may not count.
  await page.locator("details.card summary").filter({ hasText: "工作人员" }).click();
  const staff = page.locator("form").filter({ has: page.getByRole("button", { name: "安排" }) });
  await staff.getByLabel("姓名").fill(name(M1));
  await staff.getByLabel("职责").selectOption({ label: "计票人" });
  await staff.getByRole("button", { name: "安排" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "是候选人，不能担任" })).toBeVisible();

  // ----- The count: every ballot called out and entered on the phone. -----
  const T = Math.floor(V / 2) + 1; // more than half of those who voted
  const a = Math.ceil(T / 2);
  const c = V - 4 - 2 * a;
  expect(c).toBeGreaterThan(a);
  type B = { director?: string[]; deputy_director?: string[]; member?: string[]; writeIn?: boolean; spoilt?: boolean };
  const plan: B[] = [];
  for (let i = 0; i < a; i++) plan.push({ director: [D1], deputy_director: [E1], member: [M1, M3, M4] });
  for (let i = 0; i < a; i++) plan.push({ director: [D1], deputy_director: [E2], member: [M2, M3, M4] });
  for (let i = 0; i < c; i++) plan.push({ director: [D2], deputy_director: [E1], member: [M1, M2] });
  plan.push({ director: [D1], deputy_director: [E1], member: [W.voter], writeIn: true });
  plan.push({ director: [D1], deputy_director: [E1], member: [M1, M2, M3, M4] }); // over-voted: members void
  plan.push({ spoilt: true });
  plan.push({ member: [M5] });
  expect(plan.length).toBe(V);

  await page.goto("/stage/count");
  const count = page.getByTestId("ballot-count");
  const next = page.getByRole("button", { name: "下一张（保存）" });
  const cand = (post: string, id: string) =>
    page.getByTestId(`post-${post}`).locator("button.cand").filter({ has: page.locator(".name", { hasText: new RegExp(`^${name(id)}$`) }) });
  let taps = 0;
  let entered = 0;
  let spoilt = 0;
  const enter = async (b: B) => {
    if (b.spoilt) {
      await page.getByRole("button", { name: "废票" }).click();
      spoilt++;
    } else {
      for (const post of ["director", "deputy_director", "member"] as const) {
        for (const id of b[post] ?? []) {
          if (b.writeIn && id === W.voter) {
            await page.getByLabel("委员另选他人").fill(W.id_number);
            await page.getByRole("button", { name: new RegExp(`^${W.name}`) }).click();
          } else {
            await cand(post, id).click();
            taps++;
          }
        }
      }
      if (b.member && b.member.length > 3) {
        await expect(page.getByRole("status").filter({ hasText: "委员选了4人，多于应选3名，此职务部分无效" })).toBeVisible();
      }
      await next.click();
      taps++;
    }
    entered++;
    await expect(count).toHaveText(`已录入 ${entered} 张，其中废票 ${spoilt} 张`);
  };
  const half = Math.floor(plan.length / 2);
  for (const b of plan.slice(0, half)) await enter(b);
  // Reload mid-count: nothing entered is lost.
  await page.reload();
  await expect(count).toHaveText(`已录入 ${entered} 张，其中废票 ${spoilt} 张`);
  // A ballot entered wrongly is taken back with 撤销上一张.
  await cand("director", D2).click();
  await next.click();
  await expect(count).toHaveText(`已录入 ${entered + 1} 张，其中废票 ${spoilt} 张`);
  // Asked first, naming the ballot: a slip of the finger must not take back a ballot.
  await page.getByRole("button", { name: "撤销上一张" }).click();
  await expect(page.getByRole("group", { name: "请确认" })).toContainText(`撤销本机录入的第${entered + 1}张选票？`);
  await expect(count).toHaveText(`已录入 ${entered + 1} 张，其中废票 ${spoilt} 张`);
  await page.getByRole("group", { name: "请确认" }).getByRole("button", { name: "确认" }).click();
  await expect(count).toHaveText(`已录入 ${entered} 张，其中废票 ${spoilt} 张`);
  taps = 0;
  const plain = plan.slice(0, half).filter((b) => !b.spoilt && !b.writeIn);
  for (const b of plan.slice(half)) await enter(b);
  // Taps per saved ballot: one per marked candidate plus one 下一张 (counted on the second half).
  const marks = plan.slice(half).filter((b) => !b.spoilt).reduce((s, b) => s + [b.director, b.deputy_director, b.member].flat().filter((x) => x && x !== W.voter).length, 0);
  expect(taps).toBe(marks + plan.slice(half).filter((b) => !b.spoilt).length);
  expect(plain.length).toBeGreaterThan(0);

  // ----- Results: what the screen shows is what `huanjie tally` decides on the same ballots. -----
  const scenario = {
    name: "demo round 1 as entered in the e2e",
    rules: "national-2025-residents",
    electorate: "all_voters",
    round: "first",
    posts: [
      { post: "director", seats: 1 },
      { post: "deputy_director", seats: 1 },
      { post: "member", seats: 3 },
    ],
    people: people([D1, D2, E1, E2, M1, M2, M3, M4, M5, W.voter]),
    candidates: { director: [D1, D2], deputy_director: [E1, E2], member: [M1, M2, M3, M4, M5] },
    turnout: { registered, voted: V, ballots_issued: V, ballots_returned: V },
    ballots: plan.map((b) => (b.spoilt ? { spoilt: true } : { director: b.director, deputy_director: b.deputy_director, member: b.member })).map((b: any) => {
      for (const k of Object.keys(b)) if (b[k] === undefined) delete b[k];
      return b;
    }),
  };
  const first = tally(scenario);
  expect(first.valid).toBe(true);
  expect(first.posts.member.tie_revote.sort()).toEqual([M3, M4].sort());

  await page.goto("/stage/announcement");
  const round1 = page.locator("section.result").first();
  await expect(round1.getByTestId("validity")).toHaveText("选举有效");
  for (const post of ["director", "deputy_director", "member"]) {
    expect(await shown(page, round1, post)).toEqual(expected(first, post));
  }
  await expect(round1).toContainText("票数相等，重新投票");
  await expect(round1).toContainText(`得票不少于${T}票当选`);

  // Signing: every signing role must sign.
  await round1.getByLabel("总监票人").fill("赵雪梅");
  await round1.getByRole("button", { name: "签字确认结果" }).click();
  await expect(round1.getByRole("alert")).toContainText("计票人");
  await round1.getByLabel("计票人").fill("孙志刚、周桂英");
  await round1.getByLabel("主持人").fill("刘国庆");
  await round1.getByRole("button", { name: "签字确认结果" }).click();
  await expect(round1.getByRole("status").filter({ hasText: "计票结果报告单已于" })).toBeVisible();
  await expect(round1.getByTestId("result-sheet")).toContainText("总监票人：赵雪梅");
  await expect(round1.getByTestId("certificate")).toHaveCount(first.posts.director.elected.length + first.posts.deputy_director.elected.length + first.posts.member.elected.length);

  // ----- The tie re-vote: a new round among the tied, held on the spot. -----
  await round1.getByRole("button", { name: "开始票数相等重新投票" }).click();
  await expect(page.getByRole("status").filter({ hasText: "重新投票已开始" })).toBeVisible();
  await page.goto("/stage/count");
  await expect(page.getByRole("heading", { name: /票数相等重新投票/ })).toBeVisible();
  entered = 0;
  spoilt = 0;
  const revote: B[] = [{ member: [M4] }, { member: [M4] }, { member: [M3] }, { member: [M4] }, { spoilt: true }];
  for (const b of revote) await enter(b);
  const second = tally({
    ...scenario,
    name: "demo tie re-vote",
    round: "tie_revote",
    posts: [{ post: "member", seats: 1 }],
    people: people([M3, M4]),
    candidates: { member: [M3, M4] },
    turnout: { registered, voted: V, ballots_issued: V, ballots_returned: revote.length },
    ballots: revote.map((b) => (b.spoilt ? { spoilt: true } : { member: b.member })),
  });
  await page.goto("/stage/announcement");
  const round2 = page.locator("section.result").nth(1);
  expect(await shown(page, round2, "member")).toEqual(expected(second, "member"));
  expect(second.posts.member.elected).toEqual([M4]);
  await round2.getByLabel("总监票人").fill("赵雪梅");
  await round2.getByLabel("计票人").fill("孙志刚");
  await round2.getByLabel("主持人").fill("刘国庆");
  await round2.getByRole("button", { name: "签字确认结果" }).click();
  await expect(round2.getByRole("status").filter({ hasText: "计票结果报告单已于" })).toBeVisible();

  // ----- The result file: the new committee, downloaded and verified by `huanjie verify`. -----
  await page.goto("/stage/report");
  const elected = page.getByTestId("elected");
  const winners = [...first.posts.director.elected, ...first.posts.deputy_director.elected, ...first.posts.member.elected, M4].map(name);
  for (const w of winners) await expect(elected).toContainText(w);
  await expect(page.getByTestId("structure")).toContainText("平均年龄");
  await expect(page.getByTestId("result-qr").locator("svg")).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "发送选举结果文件" }).click()]);
  const file = join(mkdtempSync(join(tmpdir(), "huanjie-")), "result.json");
  await download.saveAs(file);
  const verified = execFileSync("cargo", ["run", "-q", "-p", "huanjie-core", "--bin", "huanjie", "--", "verify", file], { encoding: "utf8" });
  expect(verified).toContain("kind: result");
  const bundle = JSON.parse(readFileSync(file, "utf8"));
  expect(bundle.content.elected.map((m: any) => m.name).sort()).toEqual([...winners].sort());
  expect(bundle.content.voted).toBe(V);

  await page.goto("/stage/handover");
  await expect(page.getByText(/前完成移交/)).toBeVisible();
  expect(errors).toEqual([]);
});
