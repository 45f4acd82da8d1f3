pub mod file_pick;
pub mod layout;
pub mod print_sheet;
pub mod update_banner;
