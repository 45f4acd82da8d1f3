//! What each file carries and whom an import trusts (election::exchange), on the demo community.

use huanjie_core::demo;
use huanjie_core::election::exchange::*;
use huanjie_core::record::bundle::verify;
use huanjie_core::record::bundle::{Kind, Refusal};
use huanjie_core::record::events::EventBody;
use huanjie_core::record::identity::{DeviceKey, DeviceRecord, Role};
use huanjie_core::record::log::Log;
use huanjie_core::record::state::ElectionState;
use std::collections::BTreeSet;

fn demo_log(device: &str) -> Log {
    Log::from_events(device, demo::events(80, 7)).0
}

fn record(name: &str, role: Role) -> (DeviceKey, DeviceRecord) {
    let key = demo::device_key(name);
    let record = key.record(role, name);
    (key, record)
}

#[test]
fn a_grid_workers_field_bundle_verifies_at_the_committee() {
    let (grid_key, grid) = record("grid-1", Role::GridWorker);
    let log = demo_log(&grid.code);
    let state = ElectionState::fold(log.in_order());
    let bundle = export(Kind::Field, &state, &log, &grid_key, &grid, "test", 1).unwrap();
    assert!(bundle.events.iter().all(|e| e.device == grid.code));

    let (_, committee) = record("committee", Role::ElectionCommittee);
    let ctx = trust_context(&state, &committee, BTreeSet::new());
    let verified = verify(&bundle.to_json_bytes(), &ctx).expect("enrolled grid worker");
    let again = trust_context(&state, &committee, [verified.hash].into());
    assert!(matches!(verify(&bundle.to_json_bytes(), &again), Err(Refusal::AlreadyImported { .. })));
}

#[test]
fn a_new_phone_quarantines_the_committee_package_until_a_person_accepts_it() {
    let (committee_key, committee) = record("committee", Role::ElectionCommittee);
    let log = demo_log(&committee.code);
    let state = ElectionState::fold(log.in_order());
    let package = export(Kind::ElectionPackage, &state, &log, &committee_key, &committee, "t", 1).unwrap();

    let (_, phone) = record("new phone", Role::GridWorker);
    let empty = ElectionState::default();
    let refusal = verify(&package.to_json_bytes(), &trust_context(&empty, &phone, BTreeSet::new())).unwrap_err();
    let Refusal::Quarantine { unknown } = refusal else { panic!("{refusal:?}") };
    assert_eq!(unknown.iter().map(|d| d.code.as_str()).collect::<Vec<_>>(), [committee.code.as_str()]);

    // The person compares the code with the committee's screen and accepts it.
    let mut accepted = ElectionState::default();
    let mut phone_log = Log::new(&phone.code);
    accepted.apply(&phone_log.append_local(enroll(&unknown[0], None), 5));
    let verified = verify(&package.to_json_bytes(), &trust_context(&accepted, &phone, BTreeSet::new()));
    assert!(verified.is_ok(), "{verified:?}");
}

#[test]
fn the_archive_forwards_every_chain_under_its_own_devices_signature() {
    let events = demo::events(80, 7);
    let (key, me) = record("second committee phone", Role::ElectionCommittee);
    let mut log = Log::new(&me.code);
    log.merge_verified(events.clone());
    let heads = demo::signed_heads(&events);
    log.append_local(EventBody::Note { text: "交接".into() }, demo::START_MS + 10_000_000);
    let state = ElectionState::fold(log.in_order());
    let archive = export_archive(&state, &log, &heads, &key, &me, "t", demo::START_MS + 10_000_001).unwrap();
    assert_eq!(archive.events.len(), log.len(), "every event of the election");
    assert!(archive.heads.len() > 2, "one signed head per device");
    let verified =
        huanjie_core::record::bundle::verify_untrusted(&archive.to_json_bytes()).expect("forwarded chains verify");
    assert_eq!(verified.bundle.events.len(), log.len());
    // Without the heads nothing but this device's own chain could be sent.
    let mut bare = Log::new(&me.code);
    bare.merge_verified(events);
    bare.append_local(EventBody::Note { text: "交接".into() }, demo::START_MS + 10_000_000);
    let own = export(Kind::Archive, &state, &bare, &key, &me, "t", demo::START_MS + 10_000_001).unwrap();
    assert_eq!(own.events.len(), 1);
}

#[test]
fn roles_may_only_export_their_own_kinds() {
    let (key, grid) = record("grid-2", Role::GridWorker);
    let log = demo_log(&grid.code);
    let state = ElectionState::fold(log.in_order());
    let err = export(Kind::ElectionPackage, &state, &log, &key, &grid, "t", 1).unwrap_err();
    assert_eq!(err, ExportError::NotAllowed(Kind::ElectionPackage, Role::GridWorker));
    assert!(err.message_zh().contains("网格员不能导出"));
    let (_, office) = record("office", Role::Office);
    let nothing = export(Kind::Field, &state, &Log::new(&office.code), &key, &grid, "t", 1);
    assert_eq!(nothing.unwrap_err(), ExportError::NothingToSend);
}

#[test]
fn without_an_election_there_is_nothing_to_export() {
    let (key, grid) = record("grid-3", Role::GridWorker);
    let err = export(Kind::Field, &ElectionState::default(), &Log::new(&grid.code), &key, &grid, "t", 1);
    assert_eq!(err.unwrap_err(), ExportError::NoElection);
}

#[test]
fn a_join_request_names_its_grid_as_people_write_it() {
    let state = ElectionState::fold(&huanjie_core::demo::events(60, 1));
    let second = state.grids.values().find(|g| g.name == "第2网格").map(|g| g.grid.clone());
    assert!(second.is_some());
    for said in ["第2网格", " 第２网格 ", "2", "２号"] {
        assert_eq!(grid_named(&state, said), second, "{said}");
    }
    for said in ["", "第二网格", "9", "幸福里"] {
        assert_eq!(grid_named(&state, said), None, "{said}");
    }
}
