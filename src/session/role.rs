//! The role this device works as: chosen on first start, kept across reloads, provided to every
//! screen by the app root beside the `Session`.

use crate::nav::Role;
use crate::platform::prefs;
use leptos::prelude::*;

/// The role this device works as; chosen on first start and kept across reloads.
#[derive(Clone, Copy)]
pub struct RoleState(pub RwSignal<Option<Role>>);

impl RoleState {
    /// The role saved on this device, if one was chosen.
    pub fn load() -> RoleState {
        RoleState(RwSignal::new(prefs::load::<Role>("role")))
    }

    /// Store first, then show: the screen never claims a choice that was not saved.
    pub fn choose(&self, role: Role) -> Result<(), String> {
        prefs::save("role", &role)?;
        self.0.set(Some(role));
        Ok(())
    }

    pub fn forget(&self) {
        prefs::remove("role");
        self.0.set(None);
    }
}
