//! One file per screen.
pub mod bench;
pub mod complaints;
pub mod count;
pub mod exchange;
pub mod home;
pub mod join;
pub mod not_found;
pub mod preparation;
pub mod office;
pub mod registration;
pub mod results;
pub mod settings;
pub mod stage;
pub mod voting;
pub mod welcome;
