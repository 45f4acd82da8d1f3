//! The office's work report: the "一、总体情况" paragraph with the aggregated figures filled in, and
//! every table as CSV for Excel. Only wording and layout here; every figure comes from `stats`.

use crate::base::zh;
use crate::office::stats::{
    aggregate_with, fmt_tenths, Aggregate, CommunityReport, ElectorateMode, Percent, Progress, Rounding, Structure,
};

use chrono::NaiveDate;
use std::fmt::Write;

/// "居委会", "村委会" or "居（村）委会", by what was elected.
fn autonomous_name(s: &Structure) -> &'static str {
    match (s.seats.residents_committee > 0, s.seats.village_committee > 0) {
        (false, true) => "村委会",
        (true, true) => "居（村）委会",
        _ => "居委会",
    }
}

/// "X人，占Y%" — the reports' way of giving a count with its share.
fn count_share(p: Percent, r: Rounding) -> String {
    format!("{}人，占{}", p.num, r.percent(p))
}

/// The "一、总体情况" paragraph (without its heading), in the wording of the district work reports.
pub fn overall_paragraph(a: &Aggregate) -> String {
    let p = &a.progress;
    let s = &a.structure;
    let pct = |x: Percent| a.rounding.percent(x);
    let scope = if a.districts.len() > 1 { "各区" } else { "全区" };
    let mut out = String::new();

    // Progress.
    let village = match p.village_committee_communities {
        0 => String::new(),
        v => format!("（含村改居社区{v}个）"),
    };
    let _ = write!(
        out,
        "截至{}，{scope}{}个社区{village}中已完成换届选举{}个，占{}。",
        zh::date(a.as_of),
        p.communities,
        p.elected.num,
        pct(p.elected)
    );
    let under_way: Vec<String> = p
        .by_stage
        .iter()
        .filter(|c| c.communities > 0 && !c.stage.is_elected())
        .map(|c| format!("{}阶段{}个", c.stage_name, c.communities))
        .collect();
    if !under_way.is_empty() {
        let _ = write!(out, "尚未完成的社区中，处于{}。", under_way.join("、"));
    }
    if p.overdue > 0 {
        let _ = write!(out, "有{}个社区存在超过期限尚未完成的事项。", p.overdue);
    }
    let head = p.election_committee_head_is_party_leader;
    if head.den > 0 {
        let of = if head.den as u32 == p.communities {
            format!("{scope}{}个社区", p.communities)
        } else {
            format!("已报告选委会情况的{}个社区中", head.den)
        };
        let _ = write!(out, "{of}有{}个由社区书记或副书记兼任选委会主任，比例为{}。", head.num, pct(head));
    }
    let modes: Vec<String> = p
        .by_electorate
        .iter()
        .filter(|m| m.communities > 0)
        .map(|m| format!("{}的{}个", m.name, m.communities))
        .collect();
    if !modes.is_empty() {
        let _ = write!(out, "{}选举采用{}。", autonomous_name(s), modes.join("、"));
    }
    let reps = p.by_electorate.iter().any(|m| m.electorate == ElectorateMode::ResidentReps && m.communities > 0);
    let _ = write!(
        out,
        "选民{}登记总数为{}人",
        if reps { "（居民代表选举的社区为居民代表）" } else { "" },
        p.registered_voters
    );
    if p.turnout.den > 0 {
        let _ = write!(
            out,
            "，已投票的社区登记{}人、参加投票{}人，参选率为{}",
            p.turnout.den,
            p.turnout.num,
            pct(p.turnout)
        );
    }
    if p.party_turnout.den > 0 {
        let _ = write!(out, "，党员参选率为{}", pct(p.party_turnout));
    }
    out.push('。');
    let c = p.candidates;
    let _ = write!(
        out,
        "共提名候选人{}人，经联合资格审查通过{}人，街道取消资格{}人，区级取消资格{}人。",
        c.nominated, c.passed, c.disqualified_street, c.disqualified_district
    );

    // Structure of the elected.
    if s.persons == 0 {
        out.push_str("目前尚无社区产生新一届“两委”成员。");
    } else {
        let auto = autonomous_name(s);
        let seats: Vec<String> = [
            ("党组织成员", s.seats.party_committee),
            ("居委会成员", s.seats.residents_committee),
            ("村委会成员", s.seats.village_committee),
        ]
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(name, n)| format!("{name}{n}名"))
        .collect();
        let _ =
            write!(out, "共选出新一届社区“两委”成员{}人（交叉任职的计为一人），其中{}。", s.persons, seats.join("、"));
        let t = s.posts;
        let mut posts = Vec::new();
        if s.seats.party_committee > 0 {
            posts.push(format!(
                "党组织书记{}名、副书记{}名、委员{}名",
                t.secretary, t.deputy_secretary, t.party_committee_member
            ));
        }
        if s.seats.residents_committee + s.seats.village_committee > 0 {
            posts.push(format!(
                "{auto}主任{}名、副主任{}名、委员{}名（含妇女委员{}名）",
                t.director,
                t.deputy_director,
                t.member + t.women_member,
                t.women_member
            ));
        }
        let _ = write!(out, "按职务分，{}。", posts.join("，"));
        let _ = write!(
            out,
            "新一届社区“两委”成员平均年龄{}岁，年龄最小的{}岁；29岁及以下{}人、30至49岁{}人、50岁及以上{}人，分别占{}、{}、{}；",
            s.average_age,
            s.youngest.map_or("—".to_string(), |y| y.to_string()),
            s.age_29_and_under.num,
            s.age_30_to_49.num,
            s.age_50_and_over.num,
            pct(s.age_29_and_under),
            pct(s.age_30_to_49),
            pct(s.age_50_and_over)
        );
        let _ = write!(
            out,
            "女性{}；中共党员{}；少数民族{}；大专以上学历{}；连选连任{}，新当选{}。",
            count_share(s.women, a.rounding),
            count_share(s.party_members, a.rounding),
            count_share(s.minorities, a.rounding),
            count_share(s.college, a.rounding),
            count_share(s.re_elected, a.rounding),
            count_share(s.newly_elected, a.rounding)
        );
        if s.one_shoulder.den > 0 {
            let _ = write!(
                out,
                "同时完成“两委”换届的{}个社区中，有{}个实现书记、主任“一肩挑”，占{}；“两委”交叉任职{}人（含“一肩挑”{}人），占这些社区“两委”成员的{}。",
                s.one_shoulder.den,
                s.one_shoulder.num,
                pct(s.one_shoulder),
                s.cross_holding.num,
                s.one_shoulder.num,
                pct(s.cross_holding)
            );
        }
    }

    // Comparison with the previous term.
    let cmp = &a.comparison;
    let mut changes = Vec::new();
    // "比上届X提高Y" or "与上届持平".
    let versus = |previous: String, diff: i64, text: &str| match diff {
        0 => "与上届持平".to_string(),
        _ => format!("比上届{previous}{text}"),
    };
    if let (Some(prev), Some(diff)) = (cmp.average_age_previous_tenths, cmp.average_age_tenths) {
        let than = versus(format!("{}岁", fmt_tenths(prev)), diff, &cmp.average_age_text);
        changes.push(format!("平均年龄{}岁，{than}", cmp.average_age_current));
    }
    for r in &cmp.rows {
        // Age bands stay in the tables; the paragraph keeps to the figures reports compare.
        if let (Some(diff), false) = (r.points, r.figure.starts_with("age_")) {
            let than = versus(pct(r.previous), diff, &r.text);
            changes.push(format!("{}比例{}，{than}", r.label, pct(r.current)));
        }
    }
    if !changes.is_empty() {
        let basis = if cmp.communities < a.communities.iter().filter(|c| c.structure.persons > 0).count() as u32 {
            format!("（按有上届数据的{}个社区比较）", cmp.communities)
        } else {
            String::new()
        };
        let _ = write!(out, "与上届相比{basis}：{}。", changes.join("；"));
    }
    let _ = write!(out, "（{}。）", a.rounding_note);
    out
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

/// One RFC 4180 field. Text from other devices that Excel would run as a formula gets a leading
/// apostrophe (names never start with these characters).
fn text(s: &str) -> String {
    let guarded = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() };
    quote(&guarded)
}

fn quote(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A whole file: UTF-8 BOM (so Excel reads Chinese), CRLF line ends.
fn csv(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{feff}");
    let head: Vec<String> = header.iter().map(|h| quote(h)).collect();
    out.push_str(&head.join(","));
    out.push_str("\r\n");
    for r in rows {
        out.push_str(&r.join(","));
        out.push_str("\r\n");
    }
    out
}

/// A count only where it can be known ("—" for 0 of 0).
fn known_count(p: Percent) -> String {
    if p.den == 0 {
        "—".to_string()
    } else {
        p.num.to_string()
    }
}

const STRUCTURE_HEADER: [&str; 33] = [
    "两委成员(人)",
    "党组织成员",
    "居委会成员",
    "村委会成员",
    "书记",
    "副书记",
    "党组织委员",
    "主任",
    "副主任",
    "委员",
    "妇女委员",
    "平均年龄",
    "最小年龄",
    "女性",
    "女性占比",
    "党员",
    "党员占比",
    "少数民族",
    "少数民族占比",
    "大专以上",
    "大专以上占比",
    "29岁及以下",
    "29岁及以下占比",
    "30至49岁",
    "30至49岁占比",
    "50岁及以上",
    "50岁及以上占比",
    "连选连任",
    "连选连任占比",
    "新当选",
    "新当选占比",
    "一肩挑",
    "交叉任职",
];

fn structure_cells(s: &Structure, rounding: Rounding) -> Vec<String> {
    let mut v: Vec<String> = [
        s.persons,
        s.seats.party_committee,
        s.seats.residents_committee,
        s.seats.village_committee,
        s.posts.secretary,
        s.posts.deputy_secretary,
        s.posts.party_committee_member,
        s.posts.director,
        s.posts.deputy_director,
        s.posts.member,
        s.posts.women_member,
    ]
    .iter()
    .map(|n| n.to_string())
    .collect();
    v.push(s.average_age.to_string());
    v.push(s.youngest.map_or("—".to_string(), |y| y.to_string()));
    for p in [
        s.women,
        s.party_members,
        s.minorities,
        s.college,
        s.age_29_and_under,
        s.age_30_to_49,
        s.age_50_and_over,
        s.re_elected,
        s.newly_elected,
    ] {
        v.push(p.num.to_string());
        v.push(rounding.percent(p));
    }
    v.push(known_count(s.one_shoulder));
    v.push(known_count(s.cross_holding));
    v
}

/// Every table as (file name, CSV text): progress per committee, structure per community,
/// per street, and the totals with the previous-term comparison.
pub fn csv_tables(a: &Aggregate) -> Vec<(String, String)> {
    vec![
        ("progress.csv".to_string(), progress_csv(a)),
        ("structure.csv".to_string(), structure_csv(a)),
        ("streets.csv".to_string(), streets_csv(a)),
        ("totals.csv".to_string(), totals_csv(a)),
    ]
}

fn progress_csv(a: &Aggregate) -> String {
    let header = [
        "区",
        "街道",
        "社区编号",
        "社区",
        "选举",
        "选举方式",
        "阶段序号",
        "当前阶段",
        "数据日期",
        "下一期限",
        "期限事项",
        "剩余天数",
        "登记选民",
        "参加投票",
        "参选率",
        "书记或副书记兼任选委会主任",
        "提名候选人",
        "审查通过",
        "街道取消资格",
        "区级取消资格",
    ];
    let mut rows = Vec::new();
    for c in &a.communities {
        for r in &c.committees {
            let (deadline, what, days) = match (&r.next_deadline, r.days_left) {
                (Some(d), Some(n)) => (d.date.to_string(), text(&d.what), n.to_string()),
                _ => Default::default(),
            };
            let electorate = if r.committee.is_party() { None } else { c.electorate };
            rows.push(vec![
                text(&c.district),
                text(&c.street),
                text(&c.id),
                text(&c.name),
                r.committee_name.to_string(),
                electorate.map_or(String::new(), |e| e.name_zh().to_string()),
                r.stage_number.to_string(),
                r.stage_name.to_string(),
                r.reported_on.to_string(),
                deadline,
                what,
                days,
                r.registered_voters.to_string(),
                r.voted.to_string(),
                a.rounding.percent(r.turnout),
                match r.election_committee_head_is_party_leader {
                    Some(true) => "是",
                    Some(false) => "否",
                    None => "",
                }
                .to_string(),
                r.candidates.nominated.to_string(),
                r.candidates.passed.to_string(),
                r.candidates.disqualified_street.to_string(),
                r.candidates.disqualified_district.to_string(),
            ]);
        }
    }
    csv(&header, &rows)
}

fn structure_csv(a: &Aggregate) -> String {
    let mut header = vec!["区", "街道", "社区编号", "社区"];
    header.extend(STRUCTURE_HEADER);
    let mut rows: Vec<Vec<String>> = a
        .communities
        .iter()
        .map(|c| {
            let mut r = vec![text(&c.district), text(&c.street), text(&c.id), text(&c.name)];
            r.extend(structure_cells(&c.structure, a.rounding));
            r
        })
        .collect();
    let mut total = vec!["合计".to_string(), String::new(), String::new(), String::new()];
    total.extend(structure_cells(&a.structure, a.rounding));
    rows.push(total);
    csv(&header, &rows)
}

fn streets_csv(a: &Aggregate) -> String {
    let mut header = vec![
        "区",
        "街道",
        "社区数",
        "已完成换届",
        "完成率",
        "登记选民",
        "已投票社区登记",
        "参加投票",
        "参选率",
        "书记或副书记兼任选委会主任",
        "比例",
        "提名候选人",
        "审查通过",
        "街道取消资格",
        "区级取消资格",
    ];
    header.extend(STRUCTURE_HEADER);
    let row = |district: String, street: String, p: &Progress, s: &Structure| {
        let head = p.election_committee_head_is_party_leader;
        let mut r = vec![
            district,
            street,
            p.communities.to_string(),
            p.elected.num.to_string(),
            a.rounding.percent(p.elected),
            p.registered_voters.to_string(),
            p.turnout.den.to_string(),
            p.turnout.num.to_string(),
            a.rounding.percent(p.turnout),
            head.num.to_string(),
            a.rounding.percent(head),
            p.candidates.nominated.to_string(),
            p.candidates.passed.to_string(),
            p.candidates.disqualified_street.to_string(),
            p.candidates.disqualified_district.to_string(),
        ];
        r.extend(structure_cells(s, a.rounding));
        r
    };
    let mut rows: Vec<Vec<String>> =
        a.streets.iter().map(|s| row(text(&s.district), text(&s.street), &s.progress, &s.structure)).collect();
    rows.push(row("合计".to_string(), String::new(), &a.progress, &a.structure));
    csv(&header, &rows)
}

fn totals_csv(a: &Aggregate) -> String {
    let header = ["指标", "数值", "比例", "本届(可比社区)", "上届", "与上届相比"];
    let p = &a.progress;
    let s = &a.structure;
    let cmp = &a.comparison;
    let plain = |name: &str, value: String| {
        let mut r = vec![String::new(); 6];
        r[0] = quote(name);
        r[1] = value;
        r
    };
    let share = |name: &str, v: Percent| {
        let mut r = plain(name, v.num.to_string());
        r[2] = a.rounding.percent(v);
        r
    };
    let compared = |name: &str, v: Percent, figure: &str| {
        let mut r = share(name, v);
        if let Some(c) = cmp.rows.iter().find(|r| r.figure == figure && r.points.is_some()) {
            r[3] = a.rounding.percent(c.current);
            r[4] = a.rounding.percent(c.previous);
            r[5] = c.text.clone();
        }
        r
    };
    let mut rows = vec![
        plain("统计日期", a.as_of.to_string()),
        plain("社区数", p.communities.to_string()),
        share("已完成换届选举社区", p.elected),
        plain("村改居社区", p.village_committee_communities.to_string()),
        share("书记或副书记兼任选委会主任", p.election_committee_head_is_party_leader),
        plain("选民登记总数", p.registered_voters.to_string()),
        plain("已投票社区登记选民", p.turnout.den.to_string()),
        share("参加投票（参选率）", p.turnout),
        share("党员参加投票（党员参选率）", p.party_turnout),
        plain("提名候选人", p.candidates.nominated.to_string()),
        plain("联合资格审查通过", p.candidates.passed.to_string()),
        plain("街道取消资格", p.candidates.disqualified_street.to_string()),
        plain("区级取消资格", p.candidates.disqualified_district.to_string()),
        plain("超期未完成事项的社区", p.overdue.to_string()),
    ];
    for c in &p.by_stage {
        rows.push(plain(&format!("处于{}阶段的社区", c.stage_name), c.communities.to_string()));
    }
    for m in &p.by_electorate {
        rows.push(plain(&format!("采用{}的社区", m.name), m.communities.to_string()));
    }
    rows.extend([
        plain("两委成员(人)", s.persons.to_string()),
        plain("党组织成员", s.seats.party_committee.to_string()),
        plain("居委会成员", s.seats.residents_committee.to_string()),
        plain("村委会成员", s.seats.village_committee.to_string()),
        plain("党组织书记", s.posts.secretary.to_string()),
        plain("党组织副书记", s.posts.deputy_secretary.to_string()),
        plain("党组织委员", s.posts.party_committee_member.to_string()),
        plain("居（村）委会主任", s.posts.director.to_string()),
        plain("居（村）委会副主任", s.posts.deputy_director.to_string()),
        plain("居（村）委会委员", s.posts.member.to_string()),
        plain("妇女委员", s.posts.women_member.to_string()),
    ]);
    let mut age = plain("平均年龄(岁)", s.average_age.to_string());
    if let Some(prev) = cmp.average_age_previous_tenths.filter(|_| cmp.average_age_tenths.is_some()) {
        age[3] = cmp.average_age_current.to_string();
        age[4] = fmt_tenths(prev);
        age[5] = cmp.average_age_text.clone();
    }
    rows.push(age);
    rows.push(plain("最小年龄(岁)", s.youngest.map_or("—".to_string(), |y| y.to_string())));
    rows.extend([
        compared("女性", s.women, "women"),
        compared("中共党员", s.party_members, "party_members"),
        compared("少数民族", s.minorities, "minorities"),
        compared("大专以上学历", s.college, "college"),
        compared("29岁及以下", s.age_29_and_under, "age_29_and_under"),
        compared("30至49岁", s.age_30_to_49, "age_30_to_49"),
        compared("50岁及以上", s.age_50_and_over, "age_50_and_over"),
        share("连选连任", s.re_elected),
        share("新当选", s.newly_elected),
        compared("书记主任一肩挑(社区)", s.one_shoulder, "one_shoulder"),
        compared("两委交叉任职(人)", s.cross_holding, "cross_holding"),
        plain("与上届比较的社区", cmp.communities.to_string()),
        plain("说明", quote(&a.rounding_note)),
    ]);
    csv(&header, &rows)
}

/// The aggregate as JSON, with the work report paragraph: what `huanjie aggregate` prints.
pub fn aggregate_json(inputs: &[CommunityReport], as_of: NaiveDate, rounding: Rounding) -> serde_json::Value {
    let agg = aggregate_with(inputs, as_of, rounding);
    let mut v = serde_json::to_value(&agg).expect("aggregate serializes");
    v["overall_paragraph"] = overall_paragraph(&agg).into();
    v
}
