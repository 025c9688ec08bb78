//! Property tests: random sequences of what the chair and clerk can do, applied with a fake clock to
//! the console on the example meeting. After every step the minutes must survive a save and a load
//! unchanged and keep their invariants, and `Undo` must give back exactly what was there before.
//!
//! 64 cases of up to 40 steps by default (a few seconds); `PROPTEST_CASES=2000 cargo test --test
//! properties` runs more. A failure prints the shrunk sequence of steps.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration};
use gavel::app::{App, Mode};
use gavel::domain::meeting::Meeting;
use gavel::domain::minutes::{Minutes, Status, Timestamp};
use gavel::i18n::Lang;
use gavel::keymap::Action;
use gavel::store::load::load_meeting;
use gavel::store::minutes_file::{parse_minutes, read_minutes};
use gavel::store::save::{minutes_yaml, save_minutes};
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const MEETING: &str = "meetings/2017-11-20-raadsplein-takzaal.yaml";
/// Where item 4 (Pauze, a break) stands on the example's agenda.
const BREAK_INDEX: usize = 4;

fn start() -> Timestamp {
    DateTime::parse_from_rfc3339("2017-11-20T19:25:00+01:00").unwrap()
}

fn meeting_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(MEETING)
}

fn app() -> App {
    let path = meeting_path();
    let meeting = load_meeting(&path)
        .expect("the example meeting loads")
        .meeting;
    let minutes = Minutes::new(&meeting, "2017-11-20-raadsplein-takzaal.yaml");
    App::new(
        meeting,
        path.parent().unwrap().to_path_buf(),
        minutes,
        Lang::Nl,
        start(),
    )
}

/// One thing the chair or clerk does: a key, or a key with what is typed after it.
#[derive(Debug, Clone)]
enum Step {
    TakeUp,
    Down(u8),
    Up(u8),
    AddSpeaker(String),
    ToggleSpeaker,
    NextSpeaker,
    NewRound,
    Conclusion(String),
    Commitment(String),
    Interrupt(String),
    ExtraTime,
    Adjourn,
    StopItem,
    Undo,
    /// Open the presentielijst, go down so many rows, toggle that person, close it.
    Presence(u8),
    CloseMeeting,
    /// Go to the agenda's break (item 4, Pauze) and take it up.
    Break,
}

/// Names as a clerk types them: factions of the meeting (prefixes pick them in the list), and
/// names that YAML could misread if they were written unquoted.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("VVD".to_string()),
        Just("D66".to_string()),
        Just("GroenLinks".to_string()),
        Just("PvdA".to_string()),
        Just("SP".to_string()),
        Just("vedel".to_string()),
        tricky_text(),
    ]
}

/// Text with what YAML treats specially: `: `, `#`, quotes, `yes`, `null`, `~`, numbers, leading
/// dashes, braces, backslashes, accents, emoji.
fn tricky_text() -> impl Strategy<Value = String> {
    const TOKENS: &[&str] = &[
        "yes",
        "no",
        "null",
        "~",
        "1.0",
        "0x1F",
        "2017-11-20",
        "- ",
        ": ",
        " #",
        "'",
        "\"",
        "\\",
        "{a: [b]}",
        "&a *a",
        "!tag",
        "é",
        "ß",
        "🙂",
        " ",
        "raad",
        "motie",
    ];
    let token = prop_oneof![
        prop::sample::select(TOKENS).prop_map(String::from),
        "[a-zA-Z0-9]{1,8}",
    ];
    prop::collection::vec(token, 1..6).prop_map(|parts| parts.concat())
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => Just(Step::TakeUp),
        3 => (1u8..4).prop_map(Step::Down),
        1 => (1u8..3).prop_map(Step::Up),
        5 => name().prop_map(Step::AddSpeaker),
        3 => Just(Step::ToggleSpeaker),
        4 => Just(Step::NextSpeaker),
        1 => Just(Step::NewRound),
        2 => tricky_text().prop_map(Step::Conclusion),
        2 => tricky_text().prop_map(Step::Commitment),
        2 => name().prop_map(Step::Interrupt),
        1 => Just(Step::ExtraTime),
        1 => Just(Step::Adjourn),
        2 => Just(Step::StopItem),
        2 => Just(Step::Undo),
        2 => (0u8..6).prop_map(Step::Presence),
        1 => Just(Step::CloseMeeting),
    ]
}

fn typed(app: &mut App, text: &str, now: Timestamp) {
    for ch in text.chars() {
        let key = KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE);
        app.update(Action::Input(key), now);
    }
    // A list ranks what was typed once per frame, as the loop does before it draws.
    app.update(Action::Tick, now);
}

/// Applies one step as the keymap would deliver its keys, then leaves any overlay still open
/// (a refused form, an empty list) with Esc, as a user would.
fn apply(app: &mut App, step: &Step, now: Timestamp) {
    match step {
        Step::TakeUp => {
            app.update(Action::TakeUp, now);
        }
        Step::Down(n) => {
            for _ in 0..*n {
                app.update(Action::Down, now);
            }
        }
        Step::Up(n) => {
            for _ in 0..*n {
                app.update(Action::Up, now);
            }
        }
        Step::AddSpeaker(name) => {
            app.update(Action::AddSpeaker, now);
            typed(app, name, now);
            app.update(Action::Confirm, now);
        }
        Step::ToggleSpeaker => {
            app.update(Action::ToggleSpeaker, now);
        }
        Step::NextSpeaker => {
            app.update(Action::NextSpeaker, now);
        }
        Step::NewRound => {
            app.update(Action::NewRound, now);
        }
        Step::Conclusion(text) => {
            app.update(Action::RecordConclusion, now);
            typed(app, text, now);
            app.update(Action::Store, now);
        }
        Step::Commitment(text) => {
            app.update(Action::RecordCommitment, now);
            typed(app, text, now);
            app.update(Action::Store, now);
        }
        Step::Interrupt(name) => {
            app.update(Action::Interrupt, now);
            typed(app, name, now);
            app.update(Action::Confirm, now);
        }
        Step::ExtraTime => {
            app.update(Action::ExtraTime, now);
        }
        Step::Adjourn => {
            app.update(Action::Adjourn, now);
        }
        Step::StopItem => {
            app.update(Action::StopItem, now);
        }
        Step::Undo => {
            app.update(Action::Undo, now);
        }
        Step::Presence(rows) => {
            app.update(Action::Attendance, now);
            for _ in 0..*rows {
                app.update(Action::Down, now);
            }
            app.update(Action::TogglePresence, now);
            app.update(Action::Close, now);
        }
        Step::CloseMeeting => {
            app.update(Action::CloseMeeting, now);
            app.update(Action::Confirm, now);
        }
        Step::Break => {
            for _ in 0..10 {
                app.update(Action::Up, now);
            }
            for _ in 0..BREAK_INDEX {
                app.update(Action::Down, now);
            }
            app.update(Action::TakeUp, now);
        }
    }
    for _ in 0..3 {
        if matches!(app.mode, Mode::Normal) {
            break;
        }
        app.update(Action::Close, now);
    }
    assert!(
        matches!(app.mode, Mode::Normal),
        "Esc leaves every overlay after {step:?}"
    );
}

/// The minutes without the drafts: undo leaves what is being typed alone, by design.
fn facts(minutes: &Minutes) -> Minutes {
    Minutes {
        drafts: Vec::new(),
        ..minutes.clone()
    }
}

/// Saved as the console saves them, then read as the console reads them.
fn round_trip(minutes: &Minutes, meeting: &Meeting, now: Timestamp) -> Result<(), TestCaseError> {
    let saved = minutes.for_saving(meeting, now);
    let yaml = minutes_yaml(&saved).map_err(|e| TestCaseError::fail(format!("{e}")))?;
    let loaded = parse_minutes(Path::new("x.minutes.yaml"), yaml.as_bytes())
        .map_err(|d| TestCaseError::fail(format!("{d:?}\n{yaml}")))?;
    prop_assert_eq!(&loaded, &saved, "{}", yaml);
    Ok(())
}

fn invariants(minutes: &Minutes, now: Timestamp) -> Result<(), TestCaseError> {
    let running: Vec<&str> = minutes
        .items
        .iter()
        .filter(|i| i.status == Status::Running)
        .map(|i| i.number.as_str())
        .collect();
    prop_assert!(running.len() <= 1, "items running: {:?}", running);
    let mut speaking = Vec::new();
    for item in &minutes.items {
        // Periods in order, each ended after it started; only a running item has an open one.
        for (index, period) in item.periods.iter().enumerate() {
            prop_assert!(
                period.started_at <= now,
                "item {} starts later",
                item.number
            );
            match period.ended_at {
                Some(ended) => prop_assert!(ended >= period.started_at && ended <= now),
                None => prop_assert!(
                    index + 1 == item.periods.len() && item.status == Status::Running,
                    "item {}: an open period that is not the running one",
                    item.number
                ),
            }
            if let Some(next) = item.periods.get(index + 1) {
                prop_assert!(
                    period
                        .ended_at
                        .is_some_and(|ended| ended <= next.started_at),
                    "item {}: periods overlap or are out of order",
                    item.number
                );
            }
        }
        if item.status == Status::Running {
            prop_assert!(item.periods.last().is_some_and(|p| p.ended_at.is_none()));
        }
        prop_assert!(item.elapsed_at(now) >= item.elapsed_seconds);
        for round in &item.rounds {
            for speech in &round.speakers {
                if speech.is_speaking() {
                    speaking.push((item.number.clone(), speech.name.clone()));
                    prop_assert_eq!(&item.status, &Status::Running);
                }
                if let (Some(started), Some(since)) = (speech.started_at, speech.speaking_since) {
                    prop_assert!(started <= since && since <= now);
                }
                if let Some(ended) = speech.ended_at {
                    let started = speech.started_at.unwrap_or(ended);
                    prop_assert!(started <= ended && ended <= now);
                    prop_assert!(
                        !speech.is_speaking(),
                        "{} finished and speaking",
                        speech.name
                    );
                    prop_assert!(
                        speech.seconds <= (ended - started).num_seconds() as u64,
                        "{} spoke longer than from start to end",
                        speech.name
                    );
                }
            }
        }
        for record in item.conclusions.iter().map(|c| c.recorded_at) {
            prop_assert!(record <= now);
        }
    }
    prop_assert!(speaking.len() <= 1, "speaking at once: {:?}", speaking);
    if let (Some(opened), Some(closed)) = (minutes.opened_at, minutes.closed_at) {
        prop_assert!(opened <= closed);
    }
    for presence in &minutes.attendance {
        if let Some(left) = presence.left_at {
            prop_assert!(presence.arrived_at <= left);
        }
    }
    Ok(())
}

/// Steps, each with the seconds since the previous one (0 included: two keys in one second) and
/// whether to undo it at once when it changed the minutes.
fn script() -> impl Strategy<Value = Vec<(Step, u16, bool)>> {
    prop::collection::vec((step(), 0u16..400, prop::bool::weighted(0.25)), 1..40)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(64),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Every state the console reaches is saved and read back unchanged, keeps the invariants,
    /// and an undo right after a change gives back the minutes as they were.
    #[test]
    fn console_states_round_trip_keep_invariants_and_undo_exactly(script in script()) {
        let mut app = app();
        let mut now = start();
        for (step, pause, undo_it) in &script {
            now += Duration::seconds(i64::from(*pause));
            let before = facts(&app.minutes);
            apply(&mut app, step, now);
            invariants(&app.minutes, now)?;
            round_trip(&app.minutes, &app.meeting, now)?;
            let changed = facts(&app.minutes) != before;
            if changed && *undo_it && !matches!(step, Step::Undo) {
                app.update(Action::Undo, now);
                prop_assert_eq!(facts(&app.minutes), before, "undo after {:?}", step);
                invariants(&app.minutes, now)?;
            }
        }
        // And once through the file, as the console saves and starts.
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("x.minutes.yaml");
        let saved = app.minutes.for_saving(&app.meeting, now);
        save_minutes(&path, &saved).unwrap();
        let loaded = read_minutes(&path).unwrap().expect("the file exists");
        prop_assert_eq!(loaded, saved);
    }
}

/// Only what moves a clock: take up, add, start / pause / resume (Space), interrupt, next,
/// a new round, adjourn, stop, a break, extra time, and undo.
fn clock_step() -> impl Strategy<Value = Step> {
    let faction = prop::sample::select(&["VVD", "D66", "SP", "GroenLinks", "vedel"][..])
        .prop_map(String::from);
    prop_oneof![
        4 => Just(Step::TakeUp),
        3 => (1u8..4).prop_map(Step::Down),
        1 => (1u8..3).prop_map(Step::Up),
        5 => faction.clone().prop_map(Step::AddSpeaker),
        6 => Just(Step::ToggleSpeaker),
        4 => Just(Step::NextSpeaker),
        1 => Just(Step::NewRound),
        3 => faction.prop_map(Step::Interrupt),
        1 => Just(Step::ExtraTime),
        2 => Just(Step::Adjourn),
        1 => Just(Step::StopItem),
        1 => Just(Step::Break),
        1 => Just(Step::Undo),
    ]
}

/// The stretches of every speech: in order and apart, adding up to `seconds`, each inside a
/// period of its item; and the speaker index has a line for each of them and no other.
fn stretch_invariants(
    minutes: &Minutes,
    meeting: &Meeting,
    now: Timestamp,
) -> Result<(), TestCaseError> {
    use gavel::export::timeline::{TimelineOptions, timeline};
    let index = timeline(meeting, minutes, TimelineOptions::default()).ok();
    for item in &minutes.items {
        let speeches: Vec<_> = item.rounds.iter().flat_map(|r| &r.speakers).collect();
        let mut expected = Vec::new();
        for (number, speech) in speeches.iter().enumerate() {
            let total: u64 = speech.spoken.iter().map(|s| s.seconds()).sum();
            prop_assert_eq!(
                total,
                speech.seconds,
                "{} on {}",
                &speech.name,
                &item.number
            );
            for pair in speech.spoken.windows(2) {
                prop_assert!(pair[0].to <= pair[1].from, "{:?} overlap", pair);
            }
            if let (Some(since), Some(last)) = (speech.speaking_since, speech.spoken.last()) {
                prop_assert!(last.to <= since);
            }
            for stretch in &speech.spoken {
                prop_assert!(stretch.from < stretch.to, "{:?}", stretch);
                prop_assert!(
                    item.periods
                        .iter()
                        .any(|p| p.started_at <= stretch.from
                            && stretch.to <= p.ended_at.unwrap_or(now)),
                    "{:?} of {} is outside every period of item {}",
                    stretch,
                    &speech.name,
                    &item.number
                );
                expected.push((number, stretch.from, stretch.to));
            }
        }
        let Some(index) = &index else {
            continue;
        };
        let mut lines: Vec<_> = index
            .chapters
            .iter()
            .filter(|c| c.number == item.number)
            .flat_map(|c| &c.moments)
            .filter_map(|m| m.speech.map(|speech| (speech, m.start, m.end)))
            .collect();
        lines.sort();
        expected.sort();
        prop_assert_eq!(lines, expected, "index lines of item {}", &item.number);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(64),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Whatever the chair does with the clocks, each speech's stretches never overlap, add up to
    /// its seconds, lie inside its item's periods, and are the speaker index's lines one to one.
    #[test]
    fn stretches_add_up_stay_inside_their_periods_and_are_the_index_lines(
        script in prop::collection::vec((clock_step(), 0u16..120), 1..60)
    ) {
        let mut app = app();
        let mut now = start();
        for (step, pause) in &script {
            now += Duration::seconds(i64::from(*pause));
            apply(&mut app, step, now);
            stretch_invariants(&app.minutes, &app.meeting, now)?;
        }
        round_trip(&app.minutes, &app.meeting, now)?;
    }
}

/// The steps do what they are named after (else the properties above would test little): one
/// script that should make a record of each kind.
#[test]
fn each_step_makes_the_record_it_is_named_after() {
    let mut app = app();
    let mut now = start();
    let mut step = |app: &mut App, step: Step| {
        now += Duration::seconds(30);
        apply(app, &step, now);
    };
    step(&mut app, Step::Down(4));
    step(&mut app, Step::TakeUp);
    step(&mut app, Step::AddSpeaker("VVD".into()));
    step(&mut app, Step::AddSpeaker("D66".into()));
    step(&mut app, Step::ToggleSpeaker);
    step(&mut app, Step::Interrupt("SP".into()));
    step(&mut app, Step::NextSpeaker);
    step(&mut app, Step::ExtraTime);
    step(&mut app, Step::Conclusion("yes: null # ~".into()));
    step(&mut app, Step::Commitment("- 'a' \"b\"".into()));
    step(&mut app, Step::Presence(2));
    step(&mut app, Step::NewRound);
    step(&mut app, Step::Adjourn);
    step(&mut app, Step::CloseMeeting);
    let record = &app.minutes.items[0];
    let speeches: Vec<&str> = record
        .rounds
        .iter()
        .flat_map(|r| &r.speakers)
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(speeches.len(), 3, "{speeches:?}");
    assert!(speeches.iter().any(|s| s.contains("SP")), "{speeches:?}");
    assert!(
        record.rounds[0]
            .speakers
            .iter()
            .any(|s| s.interrupts.is_some())
    );
    // VVD spoke before SP's interruption and after it: two stretches.
    assert_eq!(record.rounds[0].speakers[0].spoken.len(), 2);
    assert_eq!(record.extra_time.len(), 1);
    assert_eq!(record.conclusions[0].text, "yes: null # ~");
    assert_eq!(record.commitments[0].text, "- 'a' \"b\"");
    assert_eq!(record.rounds.len(), 2);
    assert_eq!(record.status, Status::Adjourned);
    assert_eq!(app.minutes.attendance.len(), 1);
    assert!(app.minutes.closed_at.is_some());
}
