pub mod layout;
pub mod print;
pub mod update_banner;
