//! What every target shares: a slow input is a finding, as a crash is.

use std::time::{Duration, Instant};

/// Longer than this for one input panics, so AFL keeps the input as a crash (`-t` catches hangs).
pub const SLOW: Duration = Duration::from_secs(1);

/// Runs `check` on one input and panics if it took longer than [`SLOW`].
pub fn timed(input: &[u8], check: impl FnOnce(&[u8])) {
    let started = Instant::now();
    check(input);
    let took = started.elapsed();
    assert!(
        took <= SLOW,
        "slow input: {took:?} for {} bytes",
        input.len()
    );
}
