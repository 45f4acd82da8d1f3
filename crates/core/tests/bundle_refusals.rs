//! Every way a received file can be wrong is refused with the check that failed, before the
//! caller changes anything; unknown devices are quarantined; a file imported twice changes nothing.

use huanjie_core::base::hlc::Hlc;
use huanjie_core::record::bundle::{
    self, verify, verify_file_report, Bundle, ChainFault, Draft, ElectionRef, HeadFault, Kind, Refusal, SignedHead,
    TrustContext,
};
use huanjie_core::record::events::EventBody;
use huanjie_core::record::identity::{DeviceKey, DeviceRecord, JoinRequest, Role};
use huanjie_core::record::log::Log;
use serde_json::{json, Value};

fn body(i: usize) -> EventBody {
    EventBody::Note { text: format!("登记第 {i} 户：张三") }
}

fn committee() -> DeviceKey {
    DeviceKey::from_seed([1; 32])
}

fn worker() -> DeviceKey {
    DeviceKey::from_seed([2; 32])
}

fn definition() -> Value {
    json!({"community": "幸福社区", "kind": "residents_committee", "preset": "national-2018"})
}

fn election() -> ElectionRef {
    ElectionRef { id: "xingfu-2026".into(), definition_hash: bundle::definition_hash(&definition()) }
}

fn draft(kind: Kind, events: Vec<huanjie_core::record::events::Event>) -> Draft {
    Draft {
        kind,
        election: election(),
        app_build: "test".into(),
        created: Hlc { ms: 1_773_000_000_000, n: 0 },
        events,
        content: None,
        roster: None,
        forwarded_heads: Vec::new(),
    }
}

/// A grid worker's field bundle with `n` events, and its log.
fn field_bundle(n: usize) -> (Bundle, Log) {
    let key = worker();
    let mut log = Log::new(&key.code());
    for i in 0..n {
        log.append_local(body(i), 1_773_000_000_000 + i as u64);
    }
    let events = log.in_order().cloned().collect();
    let b = Bundle::build(draft(Kind::Field, events), &key, key.record(Role::GridWorker, "网格员李四")).unwrap();
    (b, log)
}

/// The committee's device, which has enrolled the grid worker.
fn committee_ctx() -> TrustContext {
    TrustContext {
        election: Some(election()),
        enrolled: vec![worker().record(Role::GridWorker, "网格员李四")],
        known_bundles: Default::default(),
    }
}

fn refusal(bytes: &[u8], ctx: &TrustContext) -> Refusal {
    verify(bytes, ctx).expect_err("should be refused")
}

#[test]
fn a_good_field_bundle_verifies_and_merges() {
    let (b, _) = field_bundle(20);
    let verified = verify(&b.to_json_bytes(), &committee_ctx()).unwrap();
    assert_eq!(verified.hash, b.hash());
    let mut log = Log::new(&committee().code());
    let report = log.merge(verified.bundle.events);
    assert_eq!((report.added.len(), report.anomalies.len()), (20, 0));
}

#[test]
fn reformatting_and_renaming_do_not_matter() {
    let (b, _) = field_bundle(3);
    let pretty = serde_json::to_vec_pretty(&serde_json::from_slice::<Value>(&b.to_json_bytes()).unwrap()).unwrap();
    assert!(verify(&pretty, &committee_ctx()).is_ok());
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend(b.to_json_bytes());
    assert!(verify(&with_bom, &committee_ctx()).is_ok());
    let name = b.suggested_file_name("幸福社区");
    assert!(name.starts_with("huanjie-field-幸福社区-") && name.ends_with(".json"), "{name}");
}

#[test]
fn truncated_anywhere_is_refused_as_truncated() {
    let (b, _) = field_bundle(5);
    let bytes = b.to_json_bytes();
    let mut cuts: Vec<usize> = (1..8).map(|k| bytes.len() * k / 8).collect();
    cuts.push(bytes.len() - 1);
    // Inside a Chinese character (3 bytes in UTF-8).
    let chinese = bytes.windows(3).position(|w| w == "张".as_bytes()).unwrap();
    cuts.push(chinese + 1);
    for cut in cuts {
        let r = refusal(&bytes[..cut], &committee_ctx());
        assert_eq!(r, Refusal::Truncated, "cut at {cut} of {}", bytes.len());
        assert!(r.message_zh().contains("截断"));
    }
    assert_eq!(refusal(b"", &committee_ctx()), Refusal::Empty);
}

#[test]
fn other_files_are_not_bundles() {
    let ctx = committee_ctx();
    assert_eq!(refusal("你好，这是一张照片".as_bytes(), &ctx), Refusal::NotJson);
    assert_eq!(refusal(b"[1,2]", &ctx), Refusal::NotABundle { found: None });
    assert_eq!(refusal(br#"{"format":"x"}"#, &ctx), Refusal::NotABundle { found: Some("x".into()) });
    let join = JoinRequest::new(&worker(), Role::GridWorker, "李四", None).to_json();
    let r = refusal(join.as_bytes(), &ctx);
    assert!(r.message_zh().contains("设备登记"), "{}", r.message_zh());
}

fn edit(b: &Bundle, change: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut value: Value = serde_json::from_slice(&b.to_json_bytes()).unwrap();
    change(&mut value);
    serde_json::to_vec(&value).unwrap()
}

#[test]
fn newer_format_is_refused_before_anything_else() {
    let (b, _) = field_bundle(2);
    let bytes = edit(&b, |v| v["format_version"] = json!(2));
    let r = refusal(&bytes, &committee_ctx());
    assert_eq!(r, Refusal::NewerFormat { found: 2 });
    assert!(r.message_zh().contains("更新"));
}

#[test]
fn unsigned_is_refused() {
    let (b, _) = field_bundle(2);
    let removed = edit(&b, |v| {
        v.as_object_mut().unwrap().remove("signature");
    });
    assert_eq!(refusal(&removed, &committee_ctx()), Refusal::Unsigned);
    let blank = edit(&b, |v| v["signature"] = json!(""));
    assert_eq!(refusal(&blank, &committee_ctx()), Refusal::Unsigned);
}

#[test]
fn one_byte_edited_anywhere_breaks_the_signature() {
    let (b, _) = field_bundle(3);
    let bytes = b.to_json_bytes();
    // One byte of an event payload: "第 1 户" -> "第 7 户".
    let needle = "第 1 ".as_bytes();
    let at = bytes.windows(needle.len()).position(|w| w == needle).unwrap() + needle.len() - 2;
    let mut edited = bytes.clone();
    edited[at] = b'7';
    assert_eq!(refusal(&edited, &committee_ctx()), Refusal::BadSignature);
    // The election id, the sender's name, the creation time: all covered.
    for change in [
        (|v: &mut Value| v["election"]["id"] = json!("other")) as fn(&mut Value),
        |v| v["sender"]["name"] = json!("王五"),
        |v| v["created"]["ms"] = json!(1),
        |v| v["extra"] = json!(true),
    ] {
        assert_eq!(refusal(&edit(&b, change), &committee_ctx()), Refusal::BadSignature);
    }
}

#[test]
fn an_edited_event_is_caught_even_if_the_file_is_signed_again() {
    let (mut b, _) = field_bundle(3);
    b.events[1].body = EventBody::Note { text: "改过".into() };
    b.seal(&worker());
    let r = refusal(&b.to_json_bytes(), &committee_ctx());
    assert_eq!(r, Refusal::EventIdMismatch { device: worker().code(), seq: 2 });
    assert_eq!(r.check(), "event_id");
}

#[test]
fn a_broken_chain_is_refused() {
    let (mut b, _) = field_bundle(5);
    b.events.remove(2);
    b.seal(&worker());
    let r = refusal(&b.to_json_bytes(), &committee_ctx());
    assert_eq!(r, Refusal::BrokenChain { device: worker().code(), seq: 4, fault: ChainFault::Gap });
    // The builder refuses to make such a file in the first place.
    let (_, log) = field_bundle(5);
    let mut events: Vec<_> = log.in_order().cloned().collect();
    events.remove(2);
    let built = Bundle::build(draft(Kind::Field, events), &worker(), worker().record(Role::GridWorker, ""));
    assert!(matches!(built, Err(Refusal::BrokenChain { fault: ChainFault::Gap, .. })));
}

#[test]
fn an_incremental_bundle_may_start_mid_chain() {
    let (_, log) = field_bundle(6);
    let events: Vec<_> = log.chain_from(&worker().code(), 4).into_iter().cloned().collect();
    let b = Bundle::build(draft(Kind::Field, events), &worker(), worker().record(Role::GridWorker, "")).unwrap();
    assert_eq!(verify(&b.to_json_bytes(), &committee_ctx()).unwrap().bundle.events.len(), 3);
}

#[test]
fn wrong_election_is_refused() {
    let (b, _) = field_bundle(2);
    for other in [
        ElectionRef { id: "another-2026".into(), ..election() },
        ElectionRef { definition_hash: "00".repeat(32), ..election() },
    ] {
        let ctx = TrustContext { election: Some(other), ..committee_ctx() };
        let r = refusal(&b.to_json_bytes(), &ctx);
        assert_eq!(r.check(), "wrong_election");
        assert!(r.message_zh().contains("另一场选举"));
    }
}

#[test]
fn unknown_device_is_quarantined_until_accepted() {
    let (b, _) = field_bundle(2);
    let mut ctx = TrustContext { enrolled: vec![], ..committee_ctx() };
    let r = refusal(&b.to_json_bytes(), &ctx);
    assert!(r.is_quarantine());
    assert_eq!(r, Refusal::Quarantine { unknown: vec![b.sender.clone()] });
    assert!(r.message_zh().contains(&worker().code()));
    // A person checks the code and accepts the device: the same file now imports.
    ctx.enrolled.push(b.sender.clone());
    assert!(verify(&b.to_json_bytes(), &ctx).is_ok());
}

#[test]
fn the_same_file_twice_is_already_imported_and_changes_nothing() {
    let (b, _) = field_bundle(4);
    let mut ctx = committee_ctx();
    let mut log = Log::new(&committee().code());
    let first = verify(&b.to_json_bytes(), &ctx).unwrap();
    ctx.known_bundles.insert(first.hash.clone());
    log.merge(first.bundle.events);
    let r = refusal(&b.to_json_bytes(), &ctx);
    assert_eq!(r, Refusal::AlreadyImported { hash: b.hash() });
    // Without the record of imported files, merging the same events again still adds nothing.
    let again = verify(&b.to_json_bytes(), &committee_ctx()).unwrap();
    let report = log.merge(again.bundle.events);
    assert_eq!((report.added.len(), report.already_known), (0, 4));
}

fn package(sender: &DeviceKey, role: Role, content: Value) -> Result<Bundle, Refusal> {
    let roster = vec![committee().record(Role::ElectionCommittee, "选委会"), worker().record(Role::GridWorker, "李四")];
    let d = Draft { content: Some(content), roster: Some(roster), ..draft(Kind::ElectionPackage, vec![]) };
    Bundle::build(d, sender, sender.record(role, "x"))
}

#[test]
fn election_package_joins_a_new_device() {
    let p = package(&committee(), Role::ElectionCommittee, definition()).unwrap();
    // The grid worker has joined nothing yet: the committee device is unknown until accepted.
    let mut ctx = TrustContext::default();
    assert!(refusal(&p.to_json_bytes(), &ctx).is_quarantine());
    ctx.enrolled.push(p.sender.clone());
    let verified = verify(&p.to_json_bytes(), &ctx).unwrap();
    assert_eq!(verified.bundle.roster.unwrap().len(), 2);
}

#[test]
fn election_package_must_match_its_definition_and_come_from_the_committee() {
    let mut changed = definition();
    changed["preset"] = json!("national-2025");
    assert_eq!(package(&committee(), Role::ElectionCommittee, changed).unwrap_err(), Refusal::DefinitionMismatch);
    let forged = package(&worker(), Role::GridWorker, definition()).unwrap();
    let r = refusal(&forged.to_json_bytes(), &committee_ctx());
    assert_eq!(r, Refusal::WrongSender { kind: Kind::ElectionPackage, role: Role::GridWorker });
}

/// The committee forwards a grid worker's events to the office: the office, which only knows the
/// committee, accepts them, and they stay attributable to the grid worker.
#[test]
fn forwarded_events_stay_attributable() {
    let (field, _) = field_bundle(5);
    let mut committee_log = Log::new(&committee().code());
    let received = verify(&field.to_json_bytes(), &committee_ctx()).unwrap();
    let worker_head: SignedHead = received.bundle.heads[0].clone();
    committee_log.merge(received.bundle.events);
    committee_log.append_local(body(99), 1_773_100_000_000);

    let mut events = bundle::forwardable(&committee_log, &worker_head);
    events.extend(committee_log.chain_from(&committee().code(), 1).into_iter().cloned());
    let roster = vec![worker().record(Role::GridWorker, "网格员李四")];
    let d = Draft {
        roster: Some(roster.clone()),
        forwarded_heads: vec![worker_head],
        content: Some(json!({"elected": 7})),
        ..draft(Kind::Result, events.clone())
    };
    let sender = committee().record(Role::ElectionCommittee, "选委会");
    let result = Bundle::build(d.clone(), &committee(), sender.clone()).unwrap();
    assert_eq!(result.heads.len(), 2);

    let office = TrustContext { election: None, enrolled: vec![sender.clone()], known_bundles: Default::default() };
    assert_eq!(verify(&result.to_json_bytes(), &office).unwrap().bundle.events.len(), 6);

    // A device that is no committee does not vouch for others: the author is quarantined.
    let mut by_worker = office.clone();
    by_worker.enrolled[0].role = Role::GridWorker;
    let r = refusal(&result.to_json_bytes(), &by_worker);
    assert_eq!(r, Refusal::Quarantine { unknown: roster.clone() });

    // The committee cannot change a grid worker's event, even recomputing ids and signing again.
    let mut forged = result.clone();
    let mut prev = String::new();
    for e in forged.events.iter_mut().filter(|e| e.device == worker().code()) {
        if e.seq == 2 {
            e.body = EventBody::Note { text: "改过".into() };
        }
        e.prev = prev.clone();
        e.id = huanjie_core::record::log::event_id(&e.device, e.seq, e.time, &e.prev, &e.body);
        prev = e.id.clone();
    }
    let h = forged.heads.iter_mut().find(|h| h.device == worker().code()).unwrap();
    h.id = prev;
    forged.seal(&committee());
    let r = refusal(&forged.to_json_bytes(), &office);
    assert_eq!(r, Refusal::BadHead { device: worker().code(), fault: HeadFault::BadSignature });

    // Without the author's record the head cannot be checked.
    let no_roster = Draft { roster: None, ..d };
    assert_eq!(
        Bundle::build(no_roster, &committee(), sender).unwrap_err(),
        Refusal::MissingDeviceRecord { device: worker().code() }
    );
}

#[test]
fn another_key_cannot_sign_as_the_sender() {
    let (mut b, _) = field_bundle(2);
    b.seal(&committee()); // signature by the wrong key; sender still says "worker"
    assert_eq!(refusal(&b.to_json_bytes(), &committee_ctx()), Refusal::BadSignature);
}

#[test]
fn the_cli_report_names_what_it_checked() {
    let (b, _) = field_bundle(3);
    let report = verify_file_report(&b.to_json_bytes()).unwrap();
    assert!(report.contains("kind: field") && report.contains("events: 3"), "{report}");
    assert!(report.contains(&worker().code()));
    let bytes = b.to_json_bytes();
    let err = verify_file_report(&bytes[..bytes.len() / 2]).unwrap_err();
    assert!(err.starts_with("truncated"), "{err}");
}

#[test]
fn every_refusal_has_both_messages() {
    let r = Refusal::BrokenChain { device: "K7QF-3MXA".into(), seq: 3, fault: ChainFault::Fork };
    assert!(r.message_zh().contains("K7QF-3MXA") && r.message_zh().contains("第 3 条"));
    assert!(r.message_en().contains("seq 3"));
    let _: &DeviceRecord = &worker().record(Role::Office, "");
}
