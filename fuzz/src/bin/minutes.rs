//! The minutes loader on any bytes. What it accepts, gavel can write and read back, and a second
//! save writes the same text as the first (the first may normalise, e.g. drop a fraction of a
//! second from a timestamp).

use std::path::Path;

use gavel::store::minutes_file::parse_minutes;
use gavel::store::save::minutes_yaml;

fn main() {
    afl::fuzz!(|data: &[u8]| {
        gavel_fuzz::timed(data, |data| {
            let path = Path::new("fuzz.minutes.yaml");
            if let Ok(minutes) = parse_minutes(path, data) {
                let first = minutes_yaml(&minutes).expect("minutes serialise");
                let again =
                    parse_minutes(path, first.as_bytes()).expect("written minutes read back");
                let second = minutes_yaml(&again).expect("minutes serialise");
                assert_eq!(second, first, "a second save changed the minutes");
            }
        });
    });
}
