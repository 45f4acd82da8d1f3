//! One file per screen.
pub mod home;
pub mod not_found;
pub mod settings;
pub mod stage;
pub mod welcome;
