//! The meeting loader on any bytes: it returns a meeting or diagnostics, never panics, never
//! takes more than a second.

use std::path::Path;

fn main() {
    afl::fuzz!(|data: &[u8]| {
        gavel_fuzz::timed(data, |data| {
            let _ = gavel::store::load::parse_meeting(Path::new("fuzz.yaml"), data);
        });
    });
}
