//! The meeting, the minutes and their clocks: plain Rust, no terminal, no files.

pub mod clock;
pub mod decision;
pub mod due;
pub mod meeting;
pub mod minutes;
pub mod speaking;
pub mod text;
