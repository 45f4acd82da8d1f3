pub mod layout;
pub mod update_banner;
