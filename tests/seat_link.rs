//! Two seats over the direct connection (issue 26), as two people would use it: two consoles in
//! two pseudo-terminals on two folders that share nothing but the seat key, one listening on
//! loopback, the other connecting. The chair runs the clock, the clerk records; either is killed
//! and started again; both folders' minutes and the terugblik hold what both recorded.

mod common;

use std::path::Path;
use std::time::Duration;

use common::copy_dir;
use common::pty::Pty;
use gavel::store::minutes_file::read_minutes;

const MEETING: &str = "2017-11-20-raadsplein-takzaal.yaml";
const MINUTES: &str = "2017-11-20-raadsplein-takzaal.minutes.yaml";
const KEY: &str = "2017-11-20-raadsplein-takzaal.seat-key";

fn meeting_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&common::root().join("meetings"), dir.path());
    dir
}

/// A port on loopback that nothing listens on now.
fn free_address() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().to_string()
}

fn chair(folder: &Path, address: &str) -> Pty {
    let mut chair = Pty::spawn(
        folder,
        &[],
        &[MEETING, "--lang", "en", "--listen", address],
        &[],
    );
    chair.wait_for("Agenda");
    chair
}

fn clerk(folder: &Path, address: &str) -> Pty {
    let mut clerk = Pty::spawn(
        folder,
        &[],
        &[MEETING, "--lang", "en", "--connect", address],
        &[],
    );
    clerk.wait_for("Agenda");
    clerk
}

/// The conclusions of item 5 in the minutes file of `folder`.
fn conclusions(folder: &Path) -> Vec<String> {
    read_minutes(&folder.join(MINUTES))
        .unwrap()
        .and_then(|m| m.item("5").cloned())
        .map(|item| item.conclusions.into_iter().map(|c| c.text).collect())
        .unwrap_or_default()
}

fn wait_until_minutes_hold(folder: &Path, texts: &[&str]) {
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    loop {
        let held = conclusions(folder);
        if texts.iter().all(|t| held.iter().any(|h| h == t)) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{} holds {held:?}, not all of {texts:?}",
            folder.display()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn record_conclusion(gavel: &mut Pty, text: &str, count: usize) {
    gavel.keys("c");
    gavel.wait_for("Conclusion for 5");
    gavel.keys(text);
    gavel.keys("\x13");
    gavel.wait_for(&format!("Conclusions ({count})"));
}

#[test]
fn two_folders_linked_directly_keep_one_set_of_minutes_through_kills() {
    let (a, b) = (meeting_folder(), meeting_folder());
    let address = free_address();
    let mut voorzitter = chair(a.path(), &address);
    // The listening seat made the key; the clerk's folder gets a copy, as a USB stick would.
    std::fs::copy(a.path().join(KEY), b.path().join(KEY)).unwrap();
    let mut griffier = clerk(b.path(), &address);
    griffier.wait_for("chair linked");
    voorzitter.wait_for("clerk linked");
    // The clerk does not run the clock: the one that listens does.
    griffier.wait_for("clock: chair");
    voorzitter.wait_for("clock here");

    // The chair takes up item 5 and gives the floor; the clerk sees it and records.
    voorzitter.keys("\x1b[B\x1b[B\x1b[B\x1b[B\x1b[B");
    voorzitter.keys("\r");
    voorzitter.wait_for("Item 5 taken up");
    griffier.wait_for_within("5 Plan beschut", Duration::from_secs(3));
    record_conclusion(&mut griffier, "De griffier noteert een.", 1);
    // Within a second on the chair's screen.
    voorzitter.wait_for_within("De griffier noteert een.", Duration::from_secs(2));
    griffier.keys("t");
    griffier.wait_for("Commitment for 5");
    griffier.keys("Werkgevers betrekken.");
    griffier.keys("\x13");
    griffier.wait_for("Commitment 2017-11-20-5-1 recorded");
    voorzitter.wait_for_within("Werkgevers betrekken.", Duration::from_secs(2));
    record_conclusion(&mut voorzitter, "De voorzitter noteert een.", 2);
    griffier.wait_for_within("De voorzitter noteert een.", Duration::from_secs(2));

    // The clerk's console is killed: the chair records on, alone.
    griffier.signal("-9");
    griffier.wait_exit();
    voorzitter.wait_for("Link to seat clerk gone");
    voorzitter.wait_for("clerk away since");
    record_conclusion(&mut voorzitter, "Alleen de voorzitter.", 3);

    // Started again, the clerk has its own records from its folder and catches up on the rest.
    let mut griffier = clerk(b.path(), &address);
    griffier.wait_for("chair linked");
    griffier.wait_for_within("Alleen de voorzitter.", Duration::from_secs(3));
    record_conclusion(&mut griffier, "De griffier is terug.", 4);
    voorzitter.wait_for_within("De griffier is terug.", Duration::from_secs(2));

    // Now the chair's console is killed; the clerk records on, then the chair comes back.
    voorzitter.signal("-9");
    voorzitter.wait_exit();
    griffier.wait_for("Link to seat chair gone");
    record_conclusion(&mut griffier, "Zonder voorzitter.", 5);
    let mut voorzitter = chair(a.path(), &address);
    voorzitter.wait_for("clerk linked");
    voorzitter.wait_for_within("Zonder voorzitter.", Duration::from_secs(5));

    let all = [
        "De griffier noteert een.",
        "De voorzitter noteert een.",
        "Alleen de voorzitter.",
        "De griffier is terug.",
        "Zonder voorzitter.",
    ];
    // Each seat writes its own folder's minutes, and both hold everything, in time order.
    wait_until_minutes_hold(a.path(), &all);
    wait_until_minutes_hold(b.path(), &all);
    voorzitter.keys("q");
    assert_eq!(voorzitter.wait_exit(), 0);
    griffier.keys("q");
    assert_eq!(griffier.wait_exit(), 0);
    assert_eq!(conclusions(a.path()), all);
    assert_eq!(conclusions(b.path()), all);
    let minutes = read_minutes(&b.path().join(MINUTES)).unwrap().unwrap();
    let commitments = &minutes.item("5").unwrap().commitments;
    assert_eq!(commitments.len(), 1);
    assert_eq!(commitments[0].id, "2017-11-20-5-1");
    // The terugblik of the chair's folder holds what the clerk recorded.
    let output = common::gavel(a.path(), &["export", MEETING, "--lang", "nl"]);
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    let terugblik = String::from_utf8(output.stdout).unwrap();
    for text in all.iter().chain(&["Werkgevers betrekken."]) {
        assert!(terugblik.contains(text), "{text:?} not in:\n{terugblik}");
    }
}

#[test]
fn a_seat_with_another_key_is_told_which_file_to_copy_and_records_alone() {
    let (a, b) = (meeting_folder(), meeting_folder());
    let address = free_address();
    let mut voorzitter = chair(a.path(), &address);
    std::fs::write(b.path().join(KEY), format!("{}\n", "ab".repeat(32))).unwrap();
    let mut griffier = clerk(b.path(), &address);
    griffier.wait_for("another seat key");
    griffier.wait_for(KEY);
    griffier.wait_for("alone");
    voorzitter.wait_for("refused");
    // Nothing of the other seat's folder came through.
    voorzitter.keys("\x1b[B\x1b[B\x1b[B\x1b[B\x1b[B");
    voorzitter.keys("\r");
    voorzitter.wait_for("Item 5 taken up");
    record_conclusion(&mut voorzitter, "Alleen hier.", 1);
    std::thread::sleep(Duration::from_millis(800));
    assert!(!griffier.contents().contains("Alleen hier."));
    griffier.keys("q");
    assert_eq!(griffier.wait_exit(), 0);
    voorzitter.keys("q");
    assert_eq!(voorzitter.wait_exit(), 0);
}

#[test]
fn connecting_without_the_key_says_where_it_comes_from() {
    let dir = meeting_folder();
    let mut griffier = Pty::spawn(
        dir.path(),
        &[],
        &[MEETING, "--lang", "nl", "--connect", &free_address()],
        &[],
    );
    assert_eq!(griffier.wait_exit(), 1);
    let screen = griffier.contents();
    assert!(screen.contains("er is geen zetelsleutel"), "{screen}");
    assert!(screen.contains("--listen"), "{screen}");
}
