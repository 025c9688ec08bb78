//! A seat file larger than the console opens itself (issue 26): opened first in a limited child
//! process (memory, time), so a file that would swell without bound in automerge ends the child,
//! not the console. A large good file merges as a small one does; a large damaged one is said
//! once and passed by while the meeting goes on.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::copy_dir;
use common::pty::Pty;
use gavel::domain::minutes::Minutes;
use gavel::seats::SeatDoc;
use gavel::store::load::load_meeting;
use gavel::store::seat_files::{OPEN_IN_PROCESS, seat_file_path};

const MEETING: &str = "2017-11-20-raadsplein-takzaal.yaml";

fn meeting_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&common::root().join("meetings"), dir.path());
    dir
}

/// The chair's console as a seat on the meeting in `folder`, its agenda on screen.
fn chair_seat(folder: &Path) -> Pty {
    let mut chair = Pty::spawn(
        folder,
        &[],
        &[MEETING, "--lang", "en", "--seat", "chair"],
        &[],
    );
    chair.wait_for("Agenda");
    chair
}

/// Text that does not compress: a seat file of many such records is as large as they are.
fn noise(seed: &mut u64, length: usize) -> String {
    (0..length)
        .map(|_| {
            *seed ^= *seed << 13;
            *seed ^= *seed >> 7;
            *seed ^= *seed << 17;
            char::from(b'a' + (*seed % 26) as u8)
        })
        .collect()
}

/// The clerk's seat file holding `records` conclusions on item 5, the first one `first`.
fn large_clerk_file(folder: &Path, first: &str, records: usize) -> usize {
    let meeting = load_meeting(&folder.join(MEETING)).unwrap().meeting;
    let mut minutes = Minutes::new(&meeting, MEETING);
    let at = chrono::DateTime::parse_from_rfc3339("2017-11-20T21:10:00+01:00").unwrap();
    minutes.take_up(&meeting, "5", at).unwrap();
    minutes.add_conclusion(&meeting, "5", first, at).unwrap();
    let mut seed = 7;
    for n in 0..records {
        let text = format!("Ruis {n} {}", noise(&mut seed, 2000));
        minutes
            .add_conclusion(
                &meeting,
                "5",
                &text,
                at + chrono::Duration::seconds(n as i64),
            )
            .unwrap();
    }
    let mut doc = SeatDoc::from_minutes("clerk", &minutes).unwrap();
    let bytes = doc.save();
    std::fs::write(seat_file_path(folder, MEETING, "clerk"), &bytes).unwrap();
    bytes.len()
}

#[test]
fn a_large_seat_file_is_opened_in_a_limited_child_and_then_merged() {
    let dir = meeting_folder();
    let size = large_clerk_file(dir.path(), "Van de griffier, groot bestand.", 250);
    assert!(size > OPEN_IN_PROCESS, "{size} bytes: not large");
    // The child alone, as the console starts it: it opens the file and says so by its exit.
    let started = Instant::now();
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_gavel"))
        .arg(gavel::extract::SEAT_CHILD_ARG)
        .stdin(std::fs::File::open(seat_file_path(dir.path(), MEETING, "clerk")).unwrap())
        .output()
        .unwrap();
    println!(
        "a seat file of {} KiB opened in the child in {:?}",
        size / 1024,
        started.elapsed()
    );
    assert!(child.status.success(), "{child:?}");
    let mut chair = chair_seat(dir.path());
    chair.wait_for_within("Van de griffier, groot bestand.", Duration::from_secs(5));
    chair.keys("q");
    assert_eq!(chair.wait_exit(), 0);
}

#[test]
fn a_large_damaged_seat_file_is_said_once_and_the_meeting_goes_on() {
    let dir = meeting_folder();
    let mut chair = chair_seat(dir.path());
    // A good file's start, and then what no automerge document holds.
    let size = large_clerk_file(dir.path(), "Nooit getoond.", 250);
    let path = seat_file_path(dir.path(), MEETING, "clerk");
    let mut bytes = std::fs::read(&path).unwrap();
    let mut seed = 3;
    let half = bytes.len() / 2;
    bytes.truncate(half);
    bytes.extend(noise(&mut seed, size - half).bytes());
    std::fs::write(&path, &bytes).unwrap();
    chair.wait_for_within("damaged seat file", Duration::from_secs(10));
    assert!(!chair.contents().contains("Nooit getoond."));
    // The console still answers.
    chair.keys("\x1b[B\x1b[B\x1b[B\x1b[B\x1b[B\r");
    chair.wait_for("Item 5 taken up");
    chair.keys("q");
    assert_eq!(chair.wait_exit(), 0);
}

#[test]
fn a_small_seat_file_that_stays_damaged_is_said_after_a_few_seconds() {
    let dir = meeting_folder();
    let mut chair = chair_seat(dir.path());
    // Half a real seat file: what a copy caught in the middle leaves, but it stays so.
    let size = large_clerk_file(dir.path(), "Half.", 0);
    assert!(size < OPEN_IN_PROCESS);
    let path = seat_file_path(dir.path(), MEETING, "clerk");
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let took = chair.wait_for_within("damaged seat file", Duration::from_secs(10));
    // Not at the first look: a copy in progress is given its time.
    assert!(took >= Duration::from_secs(2), "said after {took:?}");
    chair.keys("q");
    assert_eq!(chair.wait_exit(), 0);
}
