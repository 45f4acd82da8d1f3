//! Synthetic data for benchmarks, the same natively and in the browser: deterministic, with
//! realistic names and valid ID numbers (from the demo generator).

use crate::demo;
use crate::election::exchange;
use crate::record::bundle::{Bundle, Draft, Kind};
use crate::record::events::{DeviceEnrolled, Event, EventBody};
use crate::record::identity::{DeviceKey, DeviceRecord, Role};
use crate::record::log::Log;
use crate::record::state::ElectionState;

/// A committee that enrolled `devices` grid workers, and one signed field bundle from each,
/// together carrying the households and voters of a `voters`-voter community.
pub struct FieldBundles {
    /// The committee's events: election, grids, enrolments.
    pub base: Vec<Event>,
    pub committee: DeviceRecord,
    pub files: Vec<Vec<u8>>,
}

pub fn field_bundles(devices: usize, voters: usize) -> FieldBundles {
    let items = demo::community(voters, 11);
    let committee_code = demo::committee_device();
    let (setup, registrations): (Vec<_>, Vec<_>) = items.into_iter().partition(|it| it.device == committee_code);
    let registrations: Vec<EventBody> = registrations
        .into_iter()
        .map(|it| it.body)
        .filter(|b| matches!(b, EventBody::HouseholdRegistered(_) | EventBody::VoterRegistered(_)))
        .collect();

    let keys: Vec<DeviceKey> = (0..devices).map(|d| demo::device_key(&format!("bench-grid-{d}"))).collect();
    let committee_key = demo::device_key("committee");
    let committee = committee_key.record(Role::ElectionCommittee, "选委会");
    let mut base_log = Log::new(&committee.code);
    let mut wall = demo::START_MS;
    for it in setup {
        wall += 1;
        base_log.append_local(it.body, wall);
    }
    for (d, key) in keys.iter().enumerate() {
        wall += 1;
        base_log.append_local(
            EventBody::DeviceEnrolled(DeviceEnrolled {
                device: key.code(),
                public_key: key.public_key_hex(),
                role: Role::GridWorker,
                holder: format!("网格员{}", d + 1),
                grid: None,
            }),
            wall,
        );
    }
    let base: Vec<Event> = base_log.in_order().cloned().collect();
    let state = ElectionState::fold(&base);
    let election = exchange::election_ref(&state).expect("the demo defines an election");

    // Contiguous slices keep most households with their voters on one device.
    let per = registrations.len().div_ceil(devices.max(1));
    let files = keys
        .iter()
        .zip(registrations.chunks(per.max(1)))
        .enumerate()
        .map(|(d, (key, chunk))| {
            let record = key.record(Role::GridWorker, &format!("网格员{}", d + 1));
            let mut log = Log::new(&key.code());
            for body in chunk {
                wall += 1;
                log.append_local(body.clone(), wall);
            }
            let draft = Draft {
                kind: Kind::Field,
                election: election.clone(),
                app_build: "bench".into(),
                created: log.clock(),
                events: log.in_order().cloned().collect(),
                content: None,
                roster: None,
                forwarded_heads: Vec::new(),
            };
            Bundle::build(draft, key, record).expect("bench bundles are complete").to_json_bytes()
        })
        .collect();
    FieldBundles { base, committee, files }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::bundle::verify;

    #[test]
    fn the_field_bundles_verify_against_the_committee_and_carry_every_voter() {
        let data = field_bundles(5, 400);
        let mut log = Log::from_events(&data.committee.code, data.base.clone()).0;
        let state = ElectionState::fold(log.in_order());
        let ctx = exchange::trust_context(&state, &data.committee, Default::default());
        for file in &data.files {
            let v = verify(file, &ctx).expect("enrolled device");
            log.merge(v.bundle.events);
        }
        let state = ElectionState::fold(log.in_order());
        assert!(state.voters().len() >= 400, "{}", state.voters().len());
    }
}
