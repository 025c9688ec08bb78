use std::path::Path;

use super::*;
use crate::domain::minutes::Minutes;

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/export/2017-11-20-raadsplein-takzaal.minutes.yaml"
);
const MEETING: &str = "2017-11-20-raadsplein-takzaal.yaml";

fn example() -> Minutes {
    let bytes = std::fs::read(EXAMPLE).unwrap();
    crate::store::minutes_file::parse_minutes(Path::new(EXAMPLE), &bytes).unwrap()
}

/// A folder with the chair's file and the clerk's, the clerk having added a conclusion.
fn folder_with_two_seats() -> (tempfile::TempDir, Minutes) {
    let folder = tempfile::tempdir().unwrap();
    let mut chair = SeatDoc::from_minutes("chair", &example()).unwrap();
    save_seat(folder.path(), MEETING, &mut chair).unwrap();
    let mut clerk = SeatDoc::load("clerk", &chair.save()).unwrap();
    let mut minutes = clerk.minutes().unwrap();
    let item = minutes.items.iter_mut().find(|i| i.number == "3").unwrap();
    let mut extra = item.conclusions[0].clone();
    extra.text = "the clerk's".into();
    extra.recorded_at = chrono::DateTime::parse_from_rfc3339("2017-11-20T21:10:00+01:00").unwrap();
    item.conclusions.push(extra);
    clerk.update(&minutes).unwrap();
    save_seat(folder.path(), MEETING, &mut clerk).unwrap();
    (folder, minutes)
}

fn merged(folder: &Path) -> Loaded {
    load_seats(folder, MEETING, "chair")
}

#[test]
fn seat_file_names_belong_to_their_meeting() {
    let path = seat_file_path(Path::new("m"), MEETING, "clerk");
    assert_eq!(
        path,
        Path::new("m/2017-11-20-raadsplein-takzaal.seat-clerk.automerge")
    );
    let name = path.file_name().unwrap().to_str().unwrap();
    assert_eq!(seat_of_file(MEETING, name).as_deref(), Some("clerk"));
    assert_eq!(seat_of_file("other.yaml", name), None);
    assert_eq!(
        seat_of_file(MEETING, "2017-11-20-raadsplein-takzaal.seat-a b.automerge"),
        None
    );
    assert_eq!(
        seat_of_file(MEETING, "2017-11-20-raadsplein-takzaal.seat-.automerge"),
        None
    );
}

#[test]
fn both_seats_files_are_read_and_merged() {
    let (folder, minutes) = folder_with_two_seats();
    let loaded = merged(folder.path());
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.seats, ["chair", "clerk"]);
    assert!(loaded.doc.unwrap().minutes().unwrap() == minutes);
}

#[test]
fn a_damaged_seat_file_is_passed_by_with_a_message() {
    let (folder, _) = folder_with_two_seats();
    let clerk = seat_file_path(folder.path(), MEETING, "clerk");
    let mut bytes = std::fs::read(&clerk).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    bytes.truncate(middle + 10);
    std::fs::write(&clerk, bytes).unwrap();
    let loaded = merged(folder.path());
    assert_eq!(loaded.seats, ["chair"]);
    assert_eq!(loaded.problems.len(), 1);
    let message = loaded.problems[0].to_string();
    assert!(message.contains("seat-clerk.automerge"), "{message}");
    assert!(message.contains("damaged seat file"), "{message}");
    assert!(loaded.doc.unwrap().minutes().unwrap() == example());
}

#[test]
fn an_empty_or_foreign_seat_file_is_passed_by() {
    let (folder, _) = folder_with_two_seats();
    let clerk = seat_file_path(folder.path(), MEETING, "clerk");
    for bytes in [
        &b""[..],
        b"\x85\x6f\x4a\x83garbage",
        b"title: not automerge\n",
    ] {
        std::fs::write(&clerk, bytes).unwrap();
        let loaded = merged(folder.path());
        assert_eq!(loaded.seats, ["chair"]);
        assert_eq!(loaded.problems.len(), 1, "{bytes:?}");
    }
}

#[test]
fn a_link_out_of_the_folder_is_not_read() {
    let (folder, _) = folder_with_two_seats();
    let outside = tempfile::tempdir().unwrap();
    let clerk = seat_file_path(folder.path(), MEETING, "clerk");
    let target = outside.path().join("elsewhere.automerge");
    std::fs::rename(&clerk, &target).unwrap();
    std::os::unix::fs::symlink(&target, &clerk).unwrap();
    let loaded = merged(folder.path());
    assert_eq!(loaded.seats, ["chair"]);
    assert!(
        loaded.problems[0].message.contains("a link"),
        "{:?}",
        loaded.problems
    );
}

#[test]
fn a_seat_does_not_write_through_a_link() {
    let folder = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("victim");
    std::fs::write(&target, "keep").unwrap();
    let mut chair = SeatDoc::from_minutes("chair", &example()).unwrap();
    std::os::unix::fs::symlink(&target, seat_file_path(folder.path(), MEETING, "chair")).unwrap();
    assert!(matches!(
        save_seat(folder.path(), MEETING, &mut chair),
        Err(SeatSaveError::NotOwnFile { .. })
    ));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
}

#[test]
fn a_fifo_in_place_of_a_seat_file_does_not_block() {
    let (folder, _) = folder_with_two_seats();
    let clerk = seat_file_path(folder.path(), MEETING, "clerk");
    std::fs::remove_file(&clerk).unwrap();
    let name = std::ffi::CString::new(clerk.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates the file.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
    let loaded = merged(folder.path());
    assert_eq!(loaded.seats, ["chair"]);
    assert!(loaded.problems[0].message.contains("not a regular file"));
}

#[test]
fn an_oversized_seat_file_is_not_read() {
    let (folder, _) = folder_with_two_seats();
    let clerk = seat_file_path(folder.path(), MEETING, "clerk");
    // Sparse: no disk is used for the size.
    File::options()
        .write(true)
        .open(&clerk)
        .unwrap()
        .set_len(MAX_SEAT_BYTES + 1)
        .unwrap();
    let loaded = merged(folder.path());
    assert_eq!(loaded.seats, ["chair"]);
    assert!(loaded.problems[0].message.contains("too large"));
}

#[test]
fn without_its_own_file_a_seat_starts_from_the_others() {
    let (folder, minutes) = folder_with_two_seats();
    let loaded = load_seats(folder.path(), MEETING, "griffier");
    assert_eq!(loaded.seats, ["chair", "clerk"]);
    let doc = loaded.doc.unwrap();
    assert_eq!(doc.seat(), "griffier");
    assert!(doc.minutes().unwrap() == minutes);
}

#[test]
fn too_many_seat_files_are_capped() {
    let folder = tempfile::tempdir().unwrap();
    let mut doc = SeatDoc::from_minutes("s0", &example()).unwrap();
    let bytes = doc.save();
    for n in 0..MAX_SEAT_FILES + 2 {
        std::fs::write(
            seat_file_path(folder.path(), MEETING, &format!("s{n:02}")),
            &bytes,
        )
        .unwrap();
    }
    let loaded = load_seats(folder.path(), MEETING, "s00");
    assert_eq!(loaded.seats.len(), MAX_SEAT_FILES);
    assert_eq!(loaded.seats[0], "s00");
    assert_eq!(loaded.problems.len(), 2);
}

#[test]
fn other_files_in_the_folder_are_left_alone() {
    let (folder, _) = folder_with_two_seats();
    std::fs::write(folder.path().join("other.seat-clerk.automerge"), b"junk").unwrap();
    std::fs::write(folder.path().join(MEETING), b"title: x").unwrap();
    let loaded = merged(folder.path());
    assert!(loaded.problems.is_empty());
    assert_eq!(loaded.seats, ["chair", "clerk"]);
}

#[test]
fn a_passed_by_seat_file_is_told_in_dutch() {
    let (folder, _) = folder_with_two_seats();
    let clerk = seat_file_path(folder.path(), MEETING, "clerk");
    std::fs::write(&clerk, b"junk").unwrap();
    let loaded = merged(folder.path());
    let dutch = loaded.problems[0].in_language(crate::i18n::Lang::Nl);
    assert!(
        dutch.contains("beschadigd plaatsbestand, overgeslagen"),
        "{dutch}"
    );
    assert!(
        dutch.contains("hulp: de bestanden van de andere plaatsen"),
        "{dutch}"
    );
}
