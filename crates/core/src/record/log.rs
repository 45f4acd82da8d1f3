//! The event log: every event this device knows, hash-chained per author device.
//!
//! Merging is set union by event id, so it is commutative and idempotent; the fold order is a
//! function of the set alone. Nothing is ever overwritten or dropped: a fork (two events at one
//! place in a chain) or a gap is reported as an anomaly for a person to look at.
//! Every operation is O(log n) per event, so the app persists each new event on its own.

use crate::base::hlc::Hlc;
use crate::record::events::{Event, EventBody};
use crate::record::identity::sha256_hex;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Domain prefix of the hashed bytes, so a later canonical form can change the version.
const EVENT_HASH_PREFIX: &[u8] = b"huanjie-event-v1\n";

/// What an event id covers, in a fixed field order (serde_json writes struct fields in order).
#[derive(Serialize)]
struct EventContent<'a> {
    device: &'a str,
    seq: u64,
    time: Hlc,
    prev: &'a str,
    #[serde(flatten)]
    body: &'a EventBody,
}

/// Hex sha256 of the event's content (everything but `id`).
pub fn event_id(device: &str, seq: u64, time: Hlc, prev: &str, body: &EventBody) -> String {
    let mut bytes = EVENT_HASH_PREFIX.to_vec();
    serde_json::to_writer(&mut bytes, &EventContent { device, seq, time, prev, body }).expect("event bodies serialize");
    sha256_hex(&bytes)
}

/// Whether `event.id` is the hash of its content (it was not edited after it was made).
pub fn id_matches(event: &Event) -> bool {
    event.id == event_id(&event.device, event.seq, event.time, &event.prev, &event.body)
}

/// The last event of a device's chain.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Head {
    pub seq: u64,
    pub id: String,
}

/// Something in the log a person must look at; never resolved silently.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Anomaly {
    /// The id is not the hash of the content: the event was edited. It was not added.
    BadId { device: String, seq: u64, id: String },
    /// Two or more different events at one place of a device's chain (e.g. a restored backup
    /// used on two phones). All of them are kept.
    Fork { device: String, seq: u64, ids: Vec<String> },
    /// Events `from..=to` of a device are not known here yet (a file not yet received).
    Missing { device: String, from: u64, to: u64 },
    /// The event's `prev` is not the id of the known event before it.
    BrokenLink { device: String, seq: u64, id: String },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct MergeReport {
    /// Events new to this log, in fold order: persist exactly these.
    pub added: Vec<Event>,
    /// Events that were already known (a file imported twice adds nothing).
    pub already_known: usize,
    /// Rejected events, and the chain anomalies of every device this merge touched.
    pub anomalies: Vec<Anomaly>,
    /// Every added event sorts after all events known before: a fold can apply `added`
    /// incrementally instead of starting over.
    pub appended_at_end: bool,
}

/// Fold order: time, then device, then seq; the id settles forks deterministically.
type OrderKey = (Hlc, String, u64, String);

#[derive(Debug, Clone, Default)]
pub struct Log {
    /// This device's code: `append_local` extends its chain.
    device: String,
    events: Vec<Event>,
    by_id: BTreeMap<String, usize>,
    /// device -> seq -> indexes into `events` (more than one = fork).
    chains: BTreeMap<String, BTreeMap<u64, Vec<usize>>>,
    order: BTreeMap<OrderKey, usize>,
    /// The latest time seen anywhere, so local events come after everything known.
    clock: Hlc,
}

impl Log {
    pub fn new(device: &str) -> Log {
        Log { device: device.to_string(), ..Log::default() }
    }

    /// Reloads a log from storage (events in any order).
    pub fn from_events(device: &str, events: impl IntoIterator<Item = Event>) -> (Log, MergeReport) {
        let mut log = Log::new(device);
        let report = log.merge(events);
        (log, report)
    }

    pub fn device(&self) -> &str {
        &self.device
    }

    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    pub fn clock(&self) -> Hlc {
        self.clock
    }

    pub fn contains(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }

    pub fn get(&self, id: &str) -> Option<&Event> {
        self.by_id.get(id).map(|&i| &self.events[i])
    }

    /// The event(s) at one place of a device's chain (more than one only for a fork).
    pub fn at(&self, device: &str, seq: u64) -> Vec<&Event> {
        let slot = self.chains.get(device).and_then(|c| c.get(&seq));
        slot.into_iter().flatten().map(|&i| &self.events[i]).collect()
    }

    /// Records a new event by this device, chained after its last one. O(log n).
    pub fn append_local(&mut self, body: EventBody, wall_ms: u64) -> Event {
        let (seq, prev) = match self.head(&self.device) {
            Some(head) => (head.seq + 1, head.id),
            None => (1, String::new()),
        };
        let time = self.clock.tick(wall_ms);
        let id = event_id(&self.device, seq, time, &prev, &body);
        let event = Event { id, device: self.device.clone(), seq, time, prev, body };
        self.insert(event.clone());
        event
    }

    /// Adds the events not yet known (by id). Events whose id does not match their content are
    /// rejected; forks, gaps and broken links are kept and reported.
    pub fn merge(&mut self, events: impl IntoIterator<Item = Event>) -> MergeReport {
        self.merge_checked(events, true)
    }

    /// `merge` for events whose ids were already checked: by `bundle::verify`, or when they were
    /// stored on this device after such a check. Skips hashing every event a second time.
    pub fn merge_verified(&mut self, events: impl IntoIterator<Item = Event>) -> MergeReport {
        self.merge_checked(events, false)
    }

    fn merge_checked(&mut self, events: impl IntoIterator<Item = Event>, check_ids: bool) -> MergeReport {
        let mut report = MergeReport::default();
        let last_before = self.order.keys().next_back().cloned();
        let mut added = Vec::new();
        let mut touched = BTreeSet::new();
        for event in events {
            if self.by_id.contains_key(&event.id) {
                report.already_known += 1;
            } else if check_ids && !id_matches(&event) {
                report.anomalies.push(Anomaly::BadId { device: event.device, seq: event.seq, id: event.id });
            } else {
                touched.insert(event.device.clone());
                added.push(self.insert(event));
            }
        }
        report.anomalies.sort();
        report.anomalies.dedup();
        for device in &touched {
            report.anomalies.extend(self.chain_anomalies(device));
        }
        added.sort_by_key(|&i| order_key(&self.events[i]));
        report.appended_at_end = match (&last_before, added.first()) {
            (Some(last), Some(&first)) => order_key(&self.events[first]) > *last,
            _ => true,
        };
        report.added = added.into_iter().map(|i| self.events[i].clone()).collect();
        report
    }

    fn insert(&mut self, event: Event) -> usize {
        let index = self.events.len();
        self.clock = self.clock.observe(event.time);
        self.by_id.insert(event.id.clone(), index);
        self.chains.entry(event.device.clone()).or_default().entry(event.seq).or_default().push(index);
        self.order.insert(order_key(&event), index);
        self.events.push(event);
        index
    }

    /// All events in fold order: the same for every device that knows the same events.
    pub fn in_order(&self) -> impl Iterator<Item = &Event> + '_ {
        self.order.values().map(|&i| &self.events[i])
    }

    /// Devices with at least one event here.
    pub fn devices(&self) -> impl Iterator<Item = &str> + '_ {
        self.chains.keys().map(String::as_str)
    }

    /// The highest-seq event of a device (smallest id if that place is forked).
    pub fn head(&self, device: &str) -> Option<Head> {
        let (&seq, slot) = self.chains.get(device)?.iter().next_back()?;
        let id = slot.iter().map(|&i| &self.events[i].id).min()?.clone();
        Some(Head { seq, id })
    }

    pub fn heads(&self) -> BTreeMap<String, Head> {
        self.devices().filter_map(|d| Some((d.to_string(), self.head(d)?))).collect()
    }

    /// A device's events with seq >= `from`, in seq order (to build an incremental bundle).
    pub fn chain_from(&self, device: &str, from: u64) -> Vec<&Event> {
        let Some(chain) = self.chains.get(device) else {
            return Vec::new();
        };
        chain.range(from..).flat_map(|(_, slot)| slot.iter().map(|&i| &self.events[i])).collect()
    }

    /// The chain that ends at event `id`, seq 1 (or the first known one) first, following `prev`
    /// links: exactly what a signed head for `id` vouches for, even if the device forked.
    pub fn chain_ending_at(&self, id: &str) -> Vec<&Event> {
        let mut chain = Vec::new();
        let mut next = self.get(id);
        while let Some(event) = next {
            chain.push(event);
            next = if event.prev.is_empty() { None } else { self.get(&event.prev) };
        }
        chain.reverse();
        chain
    }

    /// Forks, gaps and broken links of one device's chain, in seq order.
    pub fn chain_anomalies(&self, device: &str) -> Vec<Anomaly> {
        let mut found = Vec::new();
        let Some(chain) = self.chains.get(device) else {
            return found;
        };
        let mut previous: Option<(u64, Vec<&str>)> = None;
        for (&seq, slot) in chain {
            let ids: Vec<&str> = slot.iter().map(|&i| self.events[i].id.as_str()).collect();
            let expected_from = previous.as_ref().map_or(1, |(s, _)| s + 1);
            if seq > expected_from {
                found.push(Anomaly::Missing { device: device.to_string(), from: expected_from, to: seq - 1 });
            }
            if ids.len() > 1 {
                let mut ids: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
                ids.sort();
                found.push(Anomaly::Fork { device: device.to_string(), seq, ids });
            }
            for &i in slot {
                let event = &self.events[i];
                let linked = match &previous {
                    _ if seq == 1 => event.prev.is_empty(),
                    Some((s, before)) if *s == seq - 1 => before.contains(&event.prev.as_str()),
                    _ => true, // the event before is missing: reported as a gap
                };
                if !linked {
                    found.push(Anomaly::BrokenLink { device: device.to_string(), seq, id: event.id.clone() });
                }
            }
            previous = Some((seq, ids));
        }
        found
    }

    /// Every anomaly in the log, device by device.
    pub fn anomalies(&self) -> Vec<Anomaly> {
        self.chains.keys().flat_map(|d| self.chain_anomalies(d)).collect()
    }
}

fn order_key(event: &Event) -> OrderKey {
    (event.time, event.device.clone(), event.seq, event.id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(text: &str) -> EventBody {
        EventBody::Note { text: text.to_string() }
    }

    #[test]
    fn append_chains_and_ticks() {
        let mut log = Log::new("AAAA-AAAA");
        let a = log.append_local(note("a"), 1_000);
        let b = log.append_local(note("b"), 900); // wall clock went back
        assert_eq!((a.seq, a.prev.as_str()), (1, ""));
        assert_eq!((b.seq, b.prev.as_str()), (2, a.id.as_str()));
        assert!(b.time > a.time);
        assert!(id_matches(&a) && id_matches(&b));
        assert_eq!(log.head("AAAA-AAAA"), Some(Head { seq: 2, id: b.id.clone() }));
        assert!(log.anomalies().is_empty());
    }

    #[test]
    fn local_events_come_after_merged_ones() {
        let mut other = Log::new("BBBB-BBBB");
        let far = other.append_local(note("x"), 5_000);
        let mut log = Log::new("AAAA-AAAA");
        log.merge([far.clone()]);
        let mine = log.append_local(note("y"), 1_000);
        assert!(mine.time > far.time);
    }

    #[test]
    fn id_covers_every_field() {
        let mut log = Log::new("AAAA-AAAA");
        let e = log.append_local(note("a"), 1);
        let edits: [fn(&mut Event); 5] = [
            |e| e.seq += 1,
            |e| e.time.n += 1,
            |e| e.prev = "x".into(),
            |e| e.device = "CCCC-CCCC".into(),
            |e| e.body = EventBody::Note { text: "b".into() },
        ];
        for edit in edits {
            let mut changed = e.clone();
            edit(&mut changed);
            assert!(!id_matches(&changed));
        }
    }

    #[test]
    fn bad_ids_are_rejected_and_reported() {
        let mut source = Log::new("AAAA-AAAA");
        let mut e = source.append_local(note("a"), 1);
        e.body = note("edited");
        let mut log = Log::new("ZZZZ-ZZZZ");
        let report = log.merge([e.clone()]);
        assert!(report.added.is_empty());
        assert_eq!(report.anomalies, vec![Anomaly::BadId { device: e.device, seq: 1, id: e.id }]);
        assert!(log.is_empty());
    }
}
