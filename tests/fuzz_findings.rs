//! What the fuzzers (fuzz/, AFL++ through cargo-afl) flagged, kept so it stays fixed, and a replay
//! of a fuzzer's queue through the same checks in a debug build, where arithmetic overflow panics
//! (the fuzzed release build wraps silently):
//!
//! ```sh
//! GAVEL_FUZZ_REPLAY=fuzz/out/minutes/default/queue cargo test --test fuzz_findings -- --nocapture
//! ```

use std::path::Path;
use std::time::{Duration, Instant};

use gavel::sanitize::{for_terminal, is_unsafe};
use gavel::store::load::parse_meeting;
use gavel::store::minutes_file::parse_minutes;
use gavel::store::save::minutes_yaml;

/// The fuzz targets' limit for one input; a debug build is slower, so it gets five times that.
const SLOW: Duration = Duration::from_secs(5);

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(name);
    std::fs::read(path).unwrap()
}

/// The checks of the fuzz targets, on one input.
fn check(input: &[u8]) {
    let started = Instant::now();
    let _ = parse_meeting(Path::new("fuzz.yaml"), input);
    let path = Path::new("fuzz.minutes.yaml");
    if let Ok(minutes) = parse_minutes(path, input) {
        let first = minutes_yaml(&minutes).expect("minutes serialise");
        let again = parse_minutes(path, first.as_bytes()).expect("written minutes read back");
        assert_eq!(
            minutes_yaml(&again).unwrap(),
            first,
            "a second save changed them"
        );
    }
    let text = String::from_utf8_lossy(input);
    assert!(!for_terminal(&text).chars().any(is_unsafe));
    gavel::import::source::check_any_bytes(input);
    let took = started.elapsed();
    assert!(took < SLOW, "slow input: {took:?}");
}

/// AFL flagged it as a hang (over 1 s) while three fuzzers and a build shared two cores; alone
/// it loads in about 20 ms. Kept in case the slowness was real.
#[test]
fn minutes_flagged_slow_by_the_fuzzer_load_quickly() {
    check(&fixture("minutes-flagged-slow-1.yaml"));
}

#[test]
fn replay_a_fuzzer_queue_when_asked() {
    let Some(folder) = std::env::var_os("GAVEL_FUZZ_REPLAY") else {
        return;
    };
    let mut count = 0;
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let input = std::fs::read(&path).unwrap();
            let result = std::panic::catch_unwind(|| check(&input));
            assert!(result.is_ok(), "{}", path.display());
            count += 1;
        }
    }
    eprintln!("replayed {count} inputs");
}
