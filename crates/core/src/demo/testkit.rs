//! The test kit: one small election built event by event, for every test that needs a counted
//! round (the core's own tests, the integration tests in `crates/core/tests/`, and benchmarks).
//!
//! `Election::new(voters)` is a 居委会 election under the national 2025 preset with its gates passed,
//! `voters` registered voters and five nominees; `open_first`, `check_in`, `ballots` and `sign`
//! then record a round as the committee's device ("c") would. Everything goes through the same
//! `check_*` calls a screen makes, so a test that builds an election unlawfully fails here.

use super::{stamp, DemoEvent, START_MS};
use crate::base::idnum;
use crate::election::count::{check_ballot, check_signers, decide, signed_result, Decision};
use crate::record::events::*;
use crate::record::state::ElectionState;
use chrono::NaiveDate;

/// A day of 2026 (the test elections' year).
pub fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

/// A small election built event by event (device "c" = the committee, "k" = a second counter).
pub struct Election {
    /// The events so far, each with the device that records it.
    pub items: Vec<DemoEvent>,
}

impl Election {
    /// 居委会 national 2025: 主任 1 (p0, p1), 委员 2 (p2, p3, p4); `voters` voters v0.. (p0..p4 are
    /// v0..v4; odd ids are women); everyone in a household of two.
    pub fn new(voters: u32) -> Election {
        let mut e = Election { items: Vec::new() };
        e.add(
            "c",
            EventBody::ElectionDefined(ElectionDefined {
                election_id: "t".into(),
                community: "测试社区".into(),
                street: "测试街道".into(),
                district: "测试区".into(),
                kind: ElectionKind::ResidentsCommittee,
                electorate: ElectorateMode::AllVoters,
                rule_preset: "national-2025-residents".into(),
                posts: vec![PostSeats { post: Post::Director, seats: 1 }, PostSeats { post: Post::Member, seats: 2 }],
                election_day: d(5, 18),
            }),
        );
        // The preparation gates (no audit, no election) are passed.
        e.add(
            "c",
            EventBody::PreparationRecorded(PreparationRecorded {
                audit_published: Some(d(3, 1)),
                democratic_review: None,
                plan_adopted: None,
                note: String::new(),
            }),
        );
        e.add(
            "c",
            EventBody::ElectionCommitteeFormed(ElectionCommitteeFormed {
                formed_on: d(3, 5),
                chosen_by: "居民会议".into(),
                members: vec![],
                chair_party_role: ChairPartyRole::Secretary,
            }),
        );
        for k in 0..voters {
            if k % 2 == 0 {
                e.add(
                    "c",
                    EventBody::HouseholdRegistered(HouseholdRegistered {
                        household: format!("h{k}"),
                        grid: "g".into(),
                        group: None,
                        address: format!("{k}号"),
                    }),
                );
            }
            let birth = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + chrono::Days::new(k as u64);
            let id =
                idnum::with_check_char(&format!("510104{}{:03}", birth.format("%Y%m%d"), 100 + (k % 2 == 0) as u32));
            let parsed = idnum::IdNumber::parse_undated(&id).unwrap();
            e.add(
                "c",
                EventBody::VoterRegistered(VoterRegistered {
                    voter: format!("v{k}"),
                    name: format!("选民{k}"),
                    id_number: id,
                    sex: parsed.sex(),
                    birth,
                    phone: String::new(),
                    household: Some(format!("h{}", k - k % 2)),
                    category: RegistrationCategory::HukouResident,
                }),
            );
        }
        for (k, post) in
            [Post::Director, Post::Director, Post::Member, Post::Member, Post::Member].into_iter().enumerate()
        {
            e.add(
                "c",
                EventBody::Nomination(Nomination {
                    nominee: format!("v{k}"),
                    post,
                    by: NominatedBy::PartyOrg,
                    nominated_on: d(4, 8),
                    profile: CandidateProfile {
                        party_member: k < 2,
                        ethnicity: "汉族".into(),
                        education: Some(Education::Bachelor),
                        incumbent: k == 0,
                    },
                }),
            );
        }
        e
    }

    pub fn add(&mut self, device: &str, body: EventBody) {
        self.items.push(DemoEvent { device: device.into(), body });
    }

    pub fn events(&self) -> Vec<Event> {
        stamp(&self.items, START_MS)
    }

    pub fn state(&self) -> ElectionState {
        ElectionState::fold(&self.events())
    }

    pub fn open(
        &mut self,
        round: &str,
        kind: RoundKind,
        after: Option<&str>,
        posts: Vec<RoundPost>,
        held_on: NaiveDate,
    ) {
        let opened = RoundOpened { round: round.into(), kind, held_on, posts, after: after.map(Into::into) };
        self.state().check_round_opening(&opened).unwrap();
        self.add("c", EventBody::RoundOpened(opened));
    }

    pub fn open_first(&mut self) {
        let posts = vec![
            RoundPost { post: Post::Director, seats: 1, candidates: vec!["v0".into(), "v1".into()] },
            RoundPost { post: Post::Member, seats: 2, candidates: vec!["v2".into(), "v3".into(), "v4".into()] },
        ];
        self.open("r1", RoundKind::First, None, posts, d(5, 18));
    }

    pub fn check_in(&mut self, round: &str, voters: std::ops::Range<u32>) {
        for k in voters {
            self.add(
                "c",
                EventBody::CheckedIn(CheckedIn {
                    round: round.into(),
                    voter: format!("v{k}"),
                    at: "central".into(),
                    proxy: None,
                }),
            );
        }
    }

    /// `n` identical ballots entered by `device`: director and members (ids as numbers).
    pub fn ballots(&mut self, device: &str, round: &str, n: usize, director: &[u32], members: &[u32]) {
        for _ in 0..n {
            let k = self.items.len();
            let mut marks = Vec::new();
            for (post, ids) in [(Post::Director, director), (Post::Member, members)] {
                if !ids.is_empty() {
                    marks.push(PostMarks {
                        post,
                        yes: ids.iter().map(|i| format!("v{i}")).collect(),
                        no: vec![],
                        write_ins: vec![],
                    });
                }
            }
            self.enter(
                device,
                BallotEntered {
                    round: round.into(),
                    ballot: format!("{device}-b{k}"),
                    from_box: None,
                    marks,
                    spoilt: false,
                    illegible: vec![],
                },
            );
        }
    }

    pub fn enter(&mut self, device: &str, b: BallotEntered) {
        check_ballot(&self.state(), &b).unwrap();
        self.add(device, EventBody::BallotEntered(b));
    }

    pub fn spoilt(&mut self, device: &str, round: &str, n: usize) {
        for _ in 0..n {
            let k = self.items.len();
            self.add(
                device,
                EventBody::BallotEntered(BallotEntered {
                    round: round.into(),
                    ballot: format!("{device}-s{k}"),
                    from_box: None,
                    marks: vec![],
                    spoilt: true,
                    illegible: vec![],
                }),
            );
        }
    }

    pub fn sign(&mut self, round: &str) -> Decision {
        let state = self.state();
        let decision = decide(&state, round, Some("c")).unwrap();
        let signers = vec![
            Signer { role: StaffRole::ChiefScrutineer, name: "甲".into(), device: None },
            Signer { role: StaffRole::Counter, name: "乙".into(), device: None },
            Signer { role: StaffRole::Host, name: "丙".into(), device: None },
        ];
        check_signers(&signers).unwrap();
        self.add("c", EventBody::ResultSigned(signed_result(round, &decision, signers, d(5, 18))));
        decision
    }
}
