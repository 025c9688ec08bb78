//! Reading and writing files: meeting files (read only), minutes, drafts and the lock.

pub mod attachments;
pub mod cache;
pub mod decision_rules;
pub mod diagnostic;
pub mod documents;
pub mod guard;
pub mod load;
pub mod lock;
pub mod meeting_files;
pub mod minutes_file;
pub mod positions;
pub mod register_file;
pub mod save;
pub mod seat_files;
pub mod seat_key;
