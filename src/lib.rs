//! gavel: a keyboard-driven console for the chair and the clerk of a council meeting.

pub mod check;
pub mod domain;
pub mod store;
