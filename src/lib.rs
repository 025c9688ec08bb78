//! gavel: a keyboard-driven console for the chair and the clerk of a council meeting.
//!
//! `domain` is plain Rust (meeting, minutes, clocks); `store` reads and writes files; `app` holds the
//! console's state and changes it; `ui` draws it; `run` ties them together in one loop:
//! key -> action -> update -> save -> draw. `display` is the room's screen: it reads `domain` and
//! `store`, never `app`, and never writes.

pub mod app;
pub mod brief;
pub mod check;
pub mod cli;
pub mod display;
pub mod domain;
pub mod export;
pub mod extract;
pub mod i18n;
pub mod import;
pub mod keymap;
pub mod register;
pub mod run;
pub mod sanitize;
pub mod search;
pub mod seat_link;
pub mod seats;
pub mod start;
pub mod store;
pub mod ui;
