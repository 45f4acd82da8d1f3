pub mod file_pick;
pub mod layout;
pub mod update_banner;
