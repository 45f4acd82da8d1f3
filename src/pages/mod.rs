//! One file per screen. No page imports another: what two screens share is a component
//! (`crate::components`) or a core call; which screen a stage shows is routed in `app.rs`.
pub mod bench;
pub mod candidates;
pub mod committee;
pub mod complaints;
pub mod count;
pub mod exchange;
pub mod home;
pub mod join;
pub mod nomination;
pub mod not_found;
pub mod notices;
pub mod office;
pub mod papers;
pub mod preparation;
pub mod registration;
pub mod results;
pub mod review;
pub mod settings;
pub mod setup;
pub mod voter_list;
pub mod voting;
