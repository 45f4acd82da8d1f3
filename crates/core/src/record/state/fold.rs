//! The fold: applies one event after another to the state. It records what happened and raises
//! anomalies for what it cannot settle; it decides nothing (the checks are `election::checks`).

use super::*;
use crate::base::idnum;
use std::collections::{BTreeMap, BTreeSet, HashMap};

impl ElectionState {
    // ----- The fold -----------------------------------------------------------------------------

    /// Apply one event (after everything applied so far in log order).
    pub fn apply(&mut self, e: &Event) {
        self.last = Some((e.time, e.device.clone(), e.seq));
        self.events_applied += 1;
        match &e.body {
            EventBody::Note { text } => self.notes.push(text.clone()),
            EventBody::ElectionDefined(p) => self.definition = Some(p.clone()),
            EventBody::PreparationRecorded(p) => self.preparation = Some(p.clone()),
            EventBody::ElectionCommitteeFormed(p) => self.committee = Some(p.clone()),
            EventBody::GridDefined(p) => {
                self.grids.insert(p.grid.clone(), p.clone());
            }
            EventBody::ResidentsGroupDefined(p) => {
                self.groups.insert(p.group.clone(), p.clone());
            }
            EventBody::DeviceEnrolled(p) => {
                self.devices.insert(p.device.clone(), p.clone());
            }
            EventBody::HouseholdRegistered(p) => self.household_registered(e, p),
            EventBody::VoterRegistered(p) => self.voter_registered(e, p),
            EventBody::VoterCorrected(p) => self.voter_corrected(e, p),
            EventBody::VoterRemoved(p) => match self.voter_index.get(&p.voter).copied() {
                Some(i) => self.remove_voter(i, p.reason.clone()),
                None => self.ignore(e, "unknown voter"),
            },
            EventBody::AnomalyResolved(p) => self.anomaly_resolved(e, p),
            EventBody::HouseholdRepDesignated(p) => self.household_rep(e, p),
            EventBody::ResidentRepDesignated(p) => match self.voter_index.get(&p.voter) {
                Some(&i) => self.voters[i].resident_rep_of = Some(p.group.clone()),
                None => self.ignore(e, "unknown voter"),
            },
            EventBody::VoterListPublished(p) => self.voter_lists.push(p.clone()),
            EventBody::ObjectionFiled(p) => {
                self.objections.insert(p.objection.clone(), Objection { filed: p.clone(), decision: None });
            }
            EventBody::ObjectionDecided(p) => match self.objections.get_mut(&p.objection) {
                Some(o) => o.decision = Some(p.clone()),
                None => self.ignore(e, "unknown objection"),
            },
            EventBody::Nomination(p) => self.nominated(e, p),
            EventBody::CommitmentsRecorded(p) => match self.candidates.get_mut(&p.nominee) {
                Some(c) => c.commitments = Some(p.clone()),
                None => self.ignore(e, "not a nominee"),
            },
            EventBody::DisqualificationScreened(p) => match self.candidates.get_mut(&p.nominee) {
                Some(c) => c.screening = Some(p.clone()),
                None => self.ignore(e, "not a nominee"),
            },
            EventBody::ReviewRequested(p) => self.review_requests.push(p.clone()),
            EventBody::ReviewDecided(p) => match self.candidates.get_mut(&p.nominee) {
                Some(c) => c.reviews.push(p.clone()),
                None => self.ignore(e, "not a nominee"),
            },
            EventBody::CandidateWithdrawn(p) => match self.candidates.get_mut(&p.nominee) {
                Some(c) => {
                    c.withdrawn.insert(p.post);
                }
                None => self.ignore(e, "not a nominee"),
            },
            EventBody::FinalListPublished(p) => self.final_list = Some(p.clone()),
            EventBody::NoticePublished(p) => self.notices.push(p.clone()),
            EventBody::ProxyAssigned(p) => {
                self.proxies.insert(p.principal.clone(), p.clone());
            }
            EventBody::StationDefined(p) => {
                self.stations.insert(p.station.clone(), p.clone());
            }
            EventBody::MobileBoxDefined(p) => {
                self.mobile_boxes.insert(p.mobile_box.clone(), p.clone());
            }
            EventBody::StaffAssigned(p) => self.staff.push(p.clone()),
            EventBody::RoundOpened(p) => match self.rounds.get_mut(&p.round) {
                // Re-opening with the same id amends the posts; ballots stay.
                Some(r) => r.opened = p.clone(),
                None => {
                    self.rounds.insert(
                        p.round.clone(),
                        Round {
                            opened: p.clone(),
                            ballots: vec![],
                            ballot_index: HashMap::new(),
                            totals: BTreeMap::new(),
                            box_counts: BTreeMap::new(),
                            printed: None,
                            result: None,
                            signed_by: None,
                            co_signatures: Vec::new(),
                        },
                    );
                }
            },
            EventBody::CheckedIn(p) => self.checked_in(e, p),
            EventBody::BallotEntered(p) => match self.rounds.get_mut(&p.round) {
                Some(r) if !r.ballot_index.contains_key(&p.ballot) => {
                    r.ballot_index.insert(p.ballot.clone(), r.ballots.len());
                    r.ballots.push(BallotRecord {
                        event: e.id.clone(),
                        device: e.device.clone(),
                        ballot: p.clone(),
                        undone: None,
                    });
                }
                Some(_) => self.ignore(e, "ballot id already entered"),
                None => self.ignore(e, "unknown round"),
            },
            EventBody::BallotUndone(p) => {
                let r = self.rounds.get_mut(&p.round);
                match r.and_then(|r| r.ballot_index.get(&p.ballot).map(|&i| &mut r.ballots[i])) {
                    Some(b) => b.undone = Some(p.reason.clone()),
                    None => self.ignore(e, "unknown ballot"),
                }
            }
            EventBody::TotalsEntered(p) => match self.rounds.get_mut(&p.round) {
                Some(r) => {
                    r.totals.insert(p.from_box.clone(), p.clone());
                }
                None => self.ignore(e, "unknown round"),
            },
            EventBody::BoxCounted(p) => match self.rounds.get_mut(&p.round) {
                Some(r) => {
                    r.box_counts.insert(p.at.clone(), p.clone());
                }
                None => self.ignore(e, "unknown round"),
            },
            EventBody::BallotsPrinted(p) => match self.rounds.get_mut(&p.round) {
                Some(r) => r.printed = Some(p.copies),
                None => self.ignore(e, "unknown round"),
            },
            EventBody::ResultSigned(p) => match self.rounds.get_mut(&p.round) {
                Some(r) => {
                    r.result = Some(p.clone());
                    r.signed_by = Some(e.device.clone());
                }
                None => self.ignore(e, "unknown round"),
            },
            EventBody::ResultCoSigned(p) => match self.rounds.get_mut(&p.round) {
                Some(r) => r.co_signatures.push((e.device.clone(), p.clone())),
                None => self.ignore(e, "unknown round"),
            },
            EventBody::ComplaintLogged(p) => {
                self.complaints.insert(p.complaint.clone(), Complaint { logged: p.clone(), answer: None });
            }
            EventBody::ComplaintAnswered(p) => match self.complaints.get_mut(&p.complaint) {
                Some(c) => c.answer = Some(p.clone()),
                None => self.ignore(e, "unknown complaint"),
            },
        }
    }

    fn ignore(&mut self, e: &Event, why: &str) {
        self.ignored.push(Ignored { event: e.id.clone(), kind: e.body.kind(), why: why.into() });
    }

    fn household_registered(&mut self, e: &Event, p: &HouseholdRegistered) {
        if self.households.contains_key(&p.household) {
            return self.ignore(e, "household id already used");
        }
        self.households.insert(
            p.household.clone(),
            Household {
                id: p.household.clone(),
                grid: p.grid.clone(),
                group: p.group.clone(),
                address: p.address.clone(),
                registered_by: e.device.clone(),
                members: vec![],
                rep: None,
            },
        );
    }

    fn household_rep(&mut self, e: &Event, p: &HouseholdRepDesignated) {
        let (Some(&i), Some(h)) = (self.voter_index.get(&p.voter), self.households.get_mut(&p.household)) else {
            return self.ignore(e, "unknown voter or household");
        };
        if let Some(old) = h.rep.replace(p.voter.clone()) {
            if let Some(&j) = self.voter_index.get(&old) {
                self.voters[j].household_rep = false;
            }
        }
        self.voters[i].household_rep = true;
    }

    fn voter_registered(&mut self, e: &Event, p: &VoterRegistered) {
        if self.voter_index.contains_key(&p.voter) {
            return self.ignore(e, "voter id already used");
        }
        let i = self.voters.len();
        self.voters.push(Voter {
            id: p.voter.clone(),
            name: p.name.clone(),
            id_number: idnum::normalise(&p.id_number),
            sex: p.sex,
            birth: p.birth,
            phone: p.phone.clone(),
            household: p.household.clone(),
            category: p.category.clone(),
            registered_by: e.device.clone(),
            registered_event: e.id.clone(),
            version: e.id.clone(),
            removed: None,
            household_rep: false,
            resident_rep_of: None,
            history: vec![(e.id.clone(), None)],
        });
        self.voter_index.insert(p.voter.clone(), i);
        if let Some(h) = p.household.as_ref().and_then(|h| self.households.get_mut(h)) {
            h.members.push(p.voter.clone());
        }
        let hay = self.voters[i].haystack();
        self.search.set(i, &hay);
        self.link_id_number(i, &e.id);
    }

    /// Index voter `i` under its ID number; a second active holder raises (or joins) an anomaly.
    fn link_id_number(&mut self, i: usize, raised_by: &str) {
        let key = self.voters[i].id_number.clone();
        let holders = self.by_id_number.entry(key.clone()).or_default();
        holders.push(i);
        if holders.len() < 2 {
            return;
        }
        let holders = holders.clone();
        let ids: Vec<VoterId> = holders.iter().map(|&j| self.voters[j].id.clone()).collect();
        let fields = self.differing_fields(&holders);
        let kind = if fields.is_empty() {
            AnomalyKind::DuplicateRegistration { id_number: key.clone(), voters: ids }
        } else {
            AnomalyKind::ConflictingRegistration { id_number: key.clone(), voters: ids, fields }
        };
        self.raise(format!("id:{key}"), raised_by, kind);
    }

    /// Detail fields that differ among these voters (households compared by address,
    /// since each grid worker registers the household under an id of their own).
    fn differing_fields(&self, idx: &[usize]) -> Vec<&'static str> {
        let first = &self.voters[idx[0]];
        let addr =
            |v: &Voter| v.household.as_ref().and_then(|h| self.households.get(h)).map(|h| h.address.trim().to_string());
        let mut out = vec![];
        let rest = || idx[1..].iter().map(|&j| &self.voters[j]);
        if rest().any(|v| v.name.trim() != first.name.trim()) {
            out.push("name");
        }
        if rest().any(|v| v.phone.trim() != first.phone.trim()) {
            out.push("phone");
        }
        if rest().any(|v| addr(v) != addr(first)) {
            out.push("household");
        }
        if rest().any(|v| v.category != first.category) {
            out.push("category");
        }
        out
    }

    /// Open a new anomaly for `subject`, or update the open one (a third record joins it).
    fn raise(&mut self, subject: String, raised_by: &str, kind: AnomalyKind) {
        match self.open_by_subject.get(&subject) {
            Some(&a) => self.anomalies[a].kind = kind,
            None => {
                let a = self.anomalies.len();
                self.anomalies.push(Anomaly { id: raised_by.to_string(), kind, resolved: None });
                self.anomaly_index.insert(raised_by.to_string(), a);
                self.open_by_subject.insert(subject, a);
            }
        }
    }

    fn remove_voter(&mut self, i: usize, reason: RemovalReason) {
        if self.voters[i].removed.is_some() {
            return;
        }
        self.voters[i].removed = Some(reason);
        self.unlink_id_number(i);
    }

    fn unlink_id_number(&mut self, i: usize) {
        let key = self.voters[i].id_number.clone();
        if let Some(h) = self.by_id_number.get_mut(&key) {
            h.retain(|&j| j != i);
            if h.is_empty() {
                self.by_id_number.remove(&key);
            }
        }
    }

    fn voter_corrected(&mut self, e: &Event, p: &VoterCorrected) {
        let Some(&i) = self.voter_index.get(&p.voter) else {
            return self.ignore(e, "unknown voter");
        };
        // Corrections applied after the author's base were not seen by the author.
        let v = &self.voters[i];
        let base = v.history.iter().position(|(id, _)| *id == p.based_on).unwrap_or(0);
        let mut concurrent = vec![];
        let mut fields = BTreeSet::new();
        for (id, c) in &v.history[base + 1..] {
            if let Some(c) = c {
                let f = conflicting_fields(c, &p.changes);
                if !f.is_empty() {
                    concurrent.push(id.clone());
                    fields.extend(f);
                }
            }
        }
        let id_changes = p.changes.id_number.as_ref().map(|n| idnum::normalise(n));
        let id_changes = id_changes.filter(|n| *n != v.id_number);
        if id_changes.is_some() && v.is_active() {
            self.unlink_id_number(i);
        }
        let old_household = self.voters[i].household.clone();
        {
            let v = &mut self.voters[i];
            v.apply_changes(&p.changes);
            v.history.push((e.id.clone(), Some(p.changes.clone())));
            v.version = e.id.clone();
        }
        self.moved_household(i, old_household);
        let hay = self.voters[i].haystack();
        self.search.set(i, &hay);
        if id_changes.is_some() && self.voters[i].is_active() {
            self.link_id_number(i, &e.id);
        }
        if !concurrent.is_empty() {
            concurrent.push(e.id.clone());
            let subject = format!("corr:{}", p.voter);
            let kind = match self.open_by_subject.get(&subject).map(|&a| &self.anomalies[a].kind) {
                Some(AnomalyKind::ConflictingCorrections { corrections, fields: f, .. }) => {
                    let mut all = corrections.clone();
                    all.extend(concurrent.into_iter().filter(|c| !corrections.contains(c)));
                    fields.extend(f.iter().copied());
                    AnomalyKind::ConflictingCorrections {
                        voter: p.voter.clone(),
                        corrections: all,
                        fields: fields.into_iter().collect(),
                    }
                }
                _ => AnomalyKind::ConflictingCorrections {
                    voter: p.voter.clone(),
                    corrections: concurrent,
                    fields: fields.into_iter().collect(),
                },
            };
            self.raise(subject, &e.id, kind);
        }
    }

    fn moved_household(&mut self, i: usize, old: Option<HouseholdId>) {
        let new = self.voters[i].household.clone();
        if new == old {
            return;
        }
        let id = self.voters[i].id.clone();
        if let Some(h) = old.and_then(|h| self.households.get_mut(&h)) {
            h.members.retain(|m| *m != id);
        }
        if let Some(h) = new.and_then(|h| self.households.get_mut(&h)) {
            h.members.push(id);
        }
    }

    fn nominated(&mut self, e: &Event, p: &Nomination) {
        if !self.voter_index.contains_key(&p.nominee) {
            return self.ignore(e, "nominee is not a registered voter");
        }
        let n = self.nominations.len();
        self.nominations.push(NominationRecord {
            event: e.id.clone(),
            device: e.device.clone(),
            nomination: p.clone(),
        });
        let c = self.candidates.entry(p.nominee.clone()).or_insert_with(|| Candidate {
            voter: p.nominee.clone(),
            posts: BTreeSet::new(),
            withdrawn: BTreeSet::new(),
            nominations: vec![],
            profile: p.profile.clone(),
            commitments: None,
            screening: None,
            reviews: vec![],
        });
        c.nominations.push(n);
        c.posts.insert(p.post);
        c.withdrawn.remove(&p.post);
        c.profile = p.profile.clone();
        let posts: Vec<Post> = c.active_posts().collect();
        if posts.len() > 1 {
            let subject = format!("posts:{}", p.nominee);
            self.raise(subject, &e.id, AnomalyKind::NominatedForTwoPosts { voter: p.nominee.clone(), posts });
        }
    }

    fn checked_in(&mut self, e: &Event, p: &CheckedIn) {
        if !self.voter_index.contains_key(&p.voter) {
            return self.ignore(e, "unknown voter");
        }
        let list = self.check_ins.entry(p.round.clone()).or_default().entry(p.voter.clone()).or_default();
        list.push(CheckInRecord {
            event: e.id.clone(),
            device: e.device.clone(),
            at: p.at.clone(),
            proxy: p.proxy.clone(),
            set_aside: false,
        });
        let standing: Vec<EventId> = list.iter().filter(|c| !c.set_aside).map(|c| c.event.clone()).collect();
        if standing.len() > 1 {
            let kind =
                AnomalyKind::DoubleCheckIn { round: p.round.clone(), voter: p.voter.clone(), check_ins: standing };
            self.raise(format!("checkin:{}:{}", p.round, p.voter), &e.id, kind);
        }
    }

    fn anomaly_resolved(&mut self, e: &Event, p: &AnomalyResolved) {
        let Some(&a) = self.anomaly_index.get(&p.anomaly) else {
            return self.ignore(e, "unknown anomaly");
        };
        if self.anomalies[a].resolved.is_some() {
            return self.ignore(e, "anomaly already resolved");
        }
        if let Resolution::Keep { record } = &p.resolution {
            if let Err(why) = self.keep(a, record, &e.id) {
                return self.ignore(e, why);
            }
        }
        self.anomalies[a].resolved =
            Some(AnomalyResolution { event: e.id.clone(), resolution: p.resolution.clone(), note: p.note.clone() });
        self.open_by_subject.retain(|_, &mut x| x != a);
    }

    /// Carry out "keep this record" for anomaly `a`.
    fn keep(&mut self, a: usize, record: &str, by: &str) -> Result<(), &'static str> {
        match self.anomalies[a].kind.clone() {
            AnomalyKind::DuplicateRegistration { voters, .. } | AnomalyKind::ConflictingRegistration { voters, .. } => {
                if !voters.iter().any(|v| v == record) {
                    return Err("kept record is not one of the anomaly's voters");
                }
                for v in voters.iter().filter(|v| *v != record) {
                    if let Some(&i) = self.voter_index.get(v) {
                        self.remove_voter(i, RemovalReason::Duplicate);
                    }
                }
            }
            AnomalyKind::ConflictingCorrections { voter, corrections, .. } => {
                if !corrections.iter().any(|c| c == record) {
                    return Err("kept record is not one of the corrections");
                }
                let i = self.voter_index[&voter];
                let changes = self.voters[i]
                    .history
                    .iter()
                    .find(|(id, _)| id == record)
                    .and_then(|(_, c)| c.clone())
                    .unwrap_or_default();
                let old_id = self.voters[i].id_number.clone();
                let old_household = self.voters[i].household.clone();
                if self.voters[i].is_active() {
                    self.unlink_id_number(i);
                }
                let v = &mut self.voters[i];
                v.apply_changes(&changes);
                v.history.push((by.to_string(), Some(changes)));
                v.version = by.to_string();
                self.moved_household(i, old_household);
                let hay = self.voters[i].haystack();
                self.search.set(i, &hay);
                if self.voters[i].is_active() {
                    // Re-link; a new clash with another record is a new anomaly.
                    let same = self.voters[i].id_number == old_id;
                    let key = self.voters[i].id_number.clone();
                    if same {
                        self.by_id_number.entry(key).or_default().push(i);
                    } else {
                        self.link_id_number(i, by);
                    }
                }
            }
            AnomalyKind::DoubleCheckIn { round, voter, check_ins } => {
                if !check_ins.iter().any(|c| c == record) {
                    return Err("kept record is not one of the check-ins");
                }
                if let Some(list) = self.check_ins.get_mut(&round).and_then(|m| m.get_mut(&voter)) {
                    for c in list.iter_mut().filter(|c| c.event != record) {
                        c.set_aside = true;
                    }
                }
            }
            AnomalyKind::NominatedForTwoPosts { voter, posts } => {
                let Some(keep) = posts.iter().find(|p| post_code(**p) == record) else {
                    return Err("kept record is not one of the posts");
                };
                let keep = *keep;
                if let Some(c) = self.candidates.get_mut(&voter) {
                    for p in posts.iter().filter(|p| **p != keep) {
                        c.withdrawn.insert(*p);
                    }
                }
            }
        }
        Ok(())
    }
}

/// Fields both corrections set, to different values.
fn conflicting_fields(a: &VoterChanges, b: &VoterChanges) -> Vec<&'static str> {
    fn differs<T: PartialEq>(x: &Option<T>, y: &Option<T>) -> bool {
        matches!((x, y), (Some(x), Some(y)) if x != y)
    }
    let mut out = vec![];
    if differs(&a.name, &b.name) {
        out.push("name");
    }
    let norm = |c: &VoterChanges| c.id_number.as_deref().map(idnum::normalise);
    if differs(&norm(a), &norm(b)) {
        out.push("id_number");
    }
    if differs(&a.phone, &b.phone) {
        out.push("phone");
    }
    if differs(&a.household, &b.household) {
        out.push("household");
    }
    if differs(&a.category, &b.category) {
        out.push("category");
    }
    out
}
