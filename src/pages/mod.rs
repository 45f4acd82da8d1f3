//! One file per screen.
pub mod exchange;
pub mod home;
pub mod join;
pub mod not_found;
pub mod settings;
pub mod stage;
pub mod welcome;
