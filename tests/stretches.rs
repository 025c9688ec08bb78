//! The stretches of a speech, from the chair's clock to the documents: item 5 of the 20 November
//! 2017 example chaired with a pause, an interruption and an adjournment (through the domain, as
//! the console calls it, on a fixed clock), saved as the console saves, then exported by the
//! binary. The outputs are compared whole with golden files; `UPDATE_GOLDEN=1 cargo test --test
//! stretches` writes them anew (then read them).

mod common;

use chrono::DateTime;
use common::{copy_dir, gavel, golden, root, stderr};
use gavel::domain::minutes::{Minutes, Role, SpeakerChoice, Timestamp};
use gavel::store::load::load_meeting;
use gavel::store::save::save_minutes;

const MEETING: &str = "2017-11-20-raadsplein-takzaal.yaml";
const MINUTES: &str = "2017-11-20-raadsplein-takzaal.minutes.yaml";

fn at(time: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(&format!("2017-11-20T{time}+01:00")).unwrap()
}

fn member(name: &str) -> SpeakerChoice {
    SpeakerChoice {
        name: name.into(),
        faction: Some(name.into()),
        role: Role::Member,
    }
}

/// The example meeting, with minutes of a messy debate on item 5 beside it.
fn chaired() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("meetings"), dir.path());
    let meeting = load_meeting(&dir.path().join(MEETING)).unwrap().meeting;
    let mut m = Minutes::new(&meeting, MEETING);
    m.take_up(&meeting, "1.a", at("19:31:04")).unwrap();
    m.take_up(&meeting, "5", at("19:33:30")).unwrap();
    m.add_speaker(member("VVD")).unwrap();
    m.add_speaker(member("D66")).unwrap();
    m.toggle_speaker(at("19:34:08")).unwrap(); // VVD speaks
    m.toggle_speaker(at("19:34:31")).unwrap(); // Space: paused
    m.toggle_speaker(at("19:34:40")).unwrap(); // Space: resumed
    m.interrupt(member("SP"), at("19:35:02")).unwrap();
    m.next_speaker(at("19:35:30")).unwrap(); // SP done, VVD resumes
    m.next_speaker(at("19:36:10")).unwrap(); // D66
    m.adjourn_running_item(at("19:38:00")).unwrap(); // h: D66 paused, item 5 adjourned
    m.take_up(&meeting, "3", at("19:38:05")).unwrap();
    m.add_speaker(member("GroenLinks")).unwrap();
    m.toggle_speaker(at("19:38:30")).unwrap();
    m.next_speaker(at("19:41:00")).unwrap();
    m.take_up(&meeting, "4", at("19:41:05")).unwrap(); // the break
    m.take_up(&meeting, "5", at("19:51:00")).unwrap(); // item 5 again
    m.toggle_speaker(at("19:51:21")).unwrap(); // D66 goes on
    m.next_speaker(at("19:52:00")).unwrap();
    m.add_speaker(member("VVD")).unwrap(); // VVD's later speech
    m.toggle_speaker(at("19:52:10")).unwrap();
    m.next_speaker(at("19:53:15")).unwrap();
    m.take_up(&meeting, "6", at("19:53:30")).unwrap();
    m.close_meeting(at("19:55:00")).unwrap();
    let saved = m.for_saving(&meeting, at("19:55:00"));
    save_minutes(&dir.path().join(MINUTES), &saved).unwrap();
    dir
}

fn export(dir: &tempfile::TempDir, args: &[&str]) -> String {
    let mut all = vec!["export", MEETING, "--lang", "nl"];
    all.extend_from_slice(args);
    let output = gavel(dir.path(), &all);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn a_paused_interrupted_and_adjourned_debate_in_the_three_exports_matches_the_golden_files() {
    let dir = chaired();
    let minutes = std::fs::read_to_string(dir.path().join(MINUTES)).unwrap();
    golden("stretches-2017-11-20.minutes.yaml", &minutes);
    let index = export(
        &dir,
        &["--format", "timeline", "--stream-start", "19:29:30"],
    );
    golden("stretches-2017-11-20-timeline.txt", &index);
    // Paused and resumed: two lines; the interruption between VVD's second and third; item 5's
    // later debate at the time it was held, after the break.
    assert!(
        index.contains(
            "  00:04:38 - 00:05:01 - VVD\n  00:05:10 - 00:05:32 - VVD\n  00:05:32 - 00:06:00 - SP\n  00:06:00 - 00:06:40 - VVD\n"
        ),
        "{index}"
    );
    assert!(index.contains("  00:21:51 - 00:22:30 - D66\n"), "{index}");
    golden(
        "stretches-2017-11-20-speakers.vtt",
        &export(
            &dir,
            &[
                "--format",
                "vtt",
                "--speakers",
                "--stream-start",
                "19:29:30",
            ],
        ),
    );
    let chapters = export(
        &dir,
        &["--format", "chapters", "--stream-start", "19:29:30"],
    );
    golden("stretches-2017-11-20-chapters.txt", &chapters);
    assert_eq!(
        chapters
            .lines()
            .filter(|l| l.contains(" 5 Plan beschut"))
            .count(),
        2,
        "item 5 came back after its adjournment: a second chapter\n{chapters}"
    );
    golden(
        "stretches-2017-11-20-stretches.csv",
        &export(&dir, &["--format", "csv", "--stretches"]),
    );
}

#[test]
fn a_stream_start_more_than_12_hours_from_the_opening_is_refused_with_the_reason() {
    let dir = chaired();
    let output = gavel(
        dir.path(),
        &[
            "export",
            MEETING,
            "--format",
            "timeline",
            "--stream-start",
            "2017-11-21T09:00:00",
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    let said = stderr(&output);
    assert!(
        said.contains("--stream-start 2017-11-21 09:00:00 is 13.5 hours from the opening of the meeting (2017-11-20 19:31:04)"),
        "{said}"
    );
    assert!(
        said.contains("e.g. --stream-start 2017-11-20T19:31:04"),
        "{said}"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn stretches_are_asked_for_the_csv_only() {
    let dir = chaired();
    let output = gavel(
        dir.path(),
        &["export", MEETING, "--format", "md", "--stretches"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--stretches is for --format csv"));
}

#[test]
fn gavel_check_says_nothing_about_minutes_without_stretches() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("meetings"), dir.path());
    std::fs::copy(
        root().join("tests/fixtures/export").join(MINUTES),
        dir.path().join(MINUTES),
    )
    .unwrap();
    let output = gavel(dir.path(), &["check", MINUTES]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
}

#[test]
fn gavel_check_names_the_line_where_the_stretches_do_not_add_up() {
    let dir = chaired();
    let path = dir.path().join(MINUTES);
    let text = std::fs::read_to_string(&path).unwrap();
    // VVD's speech on item 5 counts 85 seconds over its stretches: make it 90.
    let changed = text.replacen("seconds: 85\n", "seconds: 90\n", 1);
    assert_ne!(changed, text, "{text}");
    std::fs::write(&path, &changed).unwrap();
    let line = changed
        .lines()
        .position(|l| l.trim() == "seconds: 90")
        .unwrap()
        + 1;
    let output = gavel(dir.path(), &["check", MINUTES]);
    assert_eq!(output.status.code(), Some(1));
    let said = stderr(&output);
    assert!(
        said.contains(&format!("{MINUTES}:{line}:")),
        "line {line}: {said}"
    );
    assert!(
        said.contains("the speech of VVD counts 90 seconds, but its stretches add up to 85"),
        "{said}"
    );
}
