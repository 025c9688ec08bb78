//! Two seats on one folder, in one process: each an `App` with its `Seats`, driven by actions
//! as the loop drives them (key -> update -> seat -> file), the folder scanned at once.

use super::*;
use crate::app::{Mode, Question};
use crate::domain::minutes::Status;
use crate::i18n::Lang;
use crate::keymap::Action;
use crate::store::load::load_meeting;
use chrono::DateTime;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const MEETING: &str = "2017-11-20-raadsplein-takzaal.yaml";

fn at(time: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(&format!("2017-11-20T{time}+01:00")).unwrap()
}

struct Console {
    app: App,
    seats: Seats,
    writes: bool,
}

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("meetings")
        .join(MEETING);
    std::fs::copy(example, dir.path().join(MEETING)).unwrap();
    dir
}

fn console(dir: &Path, name: &str) -> Console {
    let loaded = load_meeting(&dir.join(MEETING)).unwrap();
    let minutes = crate::domain::minutes::Minutes::new(&loaded.meeting, MEETING);
    let app = App::new(
        loaded.meeting,
        dir.to_path_buf(),
        minutes,
        Lang::En,
        at("19:30:00"),
    );
    Console {
        app,
        seats: Seats::new(dir, MEETING, name, None),
        writes: false,
    }
}

impl Console {
    fn act(&mut self, action: Action, time: &str) {
        let outcome = self.app.update(action, at(time));
        if outcome.minutes_changed || outcome.draft_changed {
            self.seats.local_change(&mut self.app);
        }
    }

    fn type_text(&mut self, text: &str, time: &str) {
        for ch in text.chars() {
            let key = KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE);
            self.act(Action::Input(key), time);
        }
    }

    /// One frame of the loop: the folder looked at now, not at its next scan.
    fn tick(&mut self, time: &str) -> bool {
        self.seats.next_look = Instant::now();
        if let Some(session) = self.seats.session.as_mut() {
            session.next_scan = Instant::now();
        }
        let writes = self.writes;
        self.seats
            .tick(&mut self.app, writes, &mut |_| false, at(time))
    }

    fn conclusions(&self, number: &str) -> Vec<String> {
        self.app
            .minutes
            .item(number)
            .map(|item| item.conclusions.iter().map(|c| c.text.clone()).collect())
            .unwrap_or_default()
    }

    fn status(&self, number: &str) -> Status {
        self.app
            .minutes
            .item(number)
            .map_or(Status::Pending, |item| item.status)
    }
}

/// The chair's console runs alone; the clerk joins it. `writes`: the chair holds the lock.
fn chair_and_clerk(dir: &Path) -> (Console, Console) {
    let mut chair = console(dir, "chair");
    chair.writes = true;
    let mut clerk = console(dir, "clerk");
    clerk
        .seats
        .start(&mut clerk.app, "clerk", "chair", false, at("19:30:00"))
        .unwrap();
    assert!(chair.tick("19:30:01"), "the chair's console becomes a seat");
    assert_eq!(chair.app.seat.as_ref().unwrap().name, "chair");
    (chair, clerk)
}

#[test]
fn a_console_alone_becomes_the_seat_that_runs_the_clock_when_a_second_joins() {
    let dir = folder();
    let (chair, clerk) = chair_and_clerk(dir.path());
    assert!(chair.app.seat.as_ref().unwrap().holds_clock());
    assert!(!clerk.app.seat.as_ref().unwrap().holds_clock());
    assert_eq!(clerk.app.seat.as_ref().unwrap().clock_holder, "chair");
}

#[test]
fn the_clock_taken_over_and_undone_keeps_the_other_seats_conclusion() {
    let dir = folder();
    let (mut chair, mut clerk) = chair_and_clerk(dir.path());
    chair.act(Action::TakeUp, "19:30:05");
    clerk.tick("19:30:06");
    assert_eq!(clerk.status("1.a"), Status::Running);

    // The clerk takes up the next item: asked, and takes the clock over.
    clerk.act(Action::Down, "19:31:00");
    clerk.act(Action::TakeUp, "19:31:00");
    assert!(matches!(
        clerk.app.mode,
        Mode::Confirm(Question::TakeClock { .. })
    ));
    assert_eq!(clerk.status("1.b"), Status::Pending, "nothing changed yet");
    clerk.act(Action::Confirm, "19:31:01");
    assert_eq!(clerk.status("1.b"), Status::Running);
    chair.tick("19:31:02");
    assert_eq!(chair.status("1.b"), Status::Running);
    assert_eq!(chair.app.seat.as_ref().unwrap().clock_holder, "clerk");

    // The chair records a conclusion, the clerk sees it, then undoes its take-up.
    chair.act(Action::RecordConclusion, "19:32:00");
    chair.type_text("Agenda vastgesteld", "19:32:00");
    chair.act(Action::Store, "19:32:10");
    assert_eq!(chair.conclusions("1.b"), ["Agenda vastgesteld"]);
    clerk.tick("19:32:11");
    assert_eq!(clerk.conclusions("1.b"), ["Agenda vastgesteld"]);
    clerk.act(Action::Undo, "19:32:20");
    assert_eq!(clerk.status("1.b"), Status::Pending);
    assert_eq!(clerk.status("1.a"), Status::Running);
    assert_eq!(
        clerk.conclusions("1.b"),
        ["Agenda vastgesteld"],
        "undo takes back the clerk's own change only"
    );
    chair.tick("19:32:21");
    assert_eq!(chair.status("1.b"), Status::Pending);
    assert_eq!(chair.status("1.a"), Status::Running);
    assert_eq!(chair.conclusions("1.b"), ["Agenda vastgesteld"]);
}

#[test]
fn a_chair_killed_and_back_is_seen_as_the_chair_again() {
    let dir = folder();
    let (mut chair, mut clerk) = chair_and_clerk(dir.path());
    chair.act(Action::TakeUp, "19:30:05");
    clerk.tick("19:30:06");
    drop(chair);
    let mut chair = console(dir.path(), "chair");
    chair
        .seats
        .start(&mut chair.app, "chair", "clerk", false, at("19:31:00"))
        .unwrap();
    assert_eq!(
        chair.status("1.a"),
        Status::Running,
        "it took up where it was"
    );
    clerk.tick("19:31:01");
    let seat = clerk.app.seat.as_ref().unwrap();
    assert_eq!(seat.name, "clerk");
    assert_eq!(seat.clock_holder, "chair");
    assert!(
        matches!(&seat.peer, crate::app::Peer::Here { seat, .. } if seat == "chair"),
        "{:?}",
        seat.peer
    );
    let seat = chair.app.seat.as_ref().unwrap();
    assert!(seat.holds_clock());
    assert!(
        matches!(&seat.peer, crate::app::Peer::Here { seat, .. } if seat == "clerk"),
        "{:?}",
        seat.peer
    );
}
