//! One file per screen.
pub mod bench;
pub mod committee;
pub mod complaints;
pub mod exchange;
pub mod home;
pub mod join;
pub mod not_found;
pub mod notices;
pub mod preparation;
pub mod office;
pub mod registration;
pub mod settings;
pub mod setup;
pub mod stage;
pub mod voter_list;
pub mod welcome;
