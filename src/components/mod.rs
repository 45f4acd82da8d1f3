pub mod choose_role;
pub mod confirm;
pub mod file_pick;
pub mod form;
pub mod layout;
pub mod print_sheet;
pub mod update_banner;
pub mod voter_pick;
