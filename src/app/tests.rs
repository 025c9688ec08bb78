use super::*;
use crate::domain::meeting::{Faction, Item, ItemKind};
use crate::domain::minutes::Status;
use chrono::DateTime;
use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn at(time: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(&format!("2017-11-20T{time}+01:00")).unwrap()
}

fn app() -> App {
    let meeting = Meeting {
        title: "Raadsplein".into(),
        date: NaiveDate::from_ymd_opt(2017, 11, 20).unwrap(),
        chair: Some("Dhr. J. Looijenga".into()),
        factions: vec![Faction {
            name: "VVD".into(),
            seats: None,
            members: vec!["Jan de Vries".into()],
        }],
        speaking_time: Some(240),
        items: vec![Item {
            number: "5".into(),
            title: "Plan beschut werken nieuw".into(),
            kind: ItemKind::Debate,
            portfolio_holders: vec!["Nelleke Vedelaar".into(), "Wethouder Meijerink".into()],
            ..Item::default()
        }],
        ..Meeting::default()
    };
    let minutes = Minutes::new(&meeting, "m.yaml");
    App::new(
        meeting,
        PathBuf::from("."),
        minutes,
        Lang::En,
        at("21:00:00"),
    )
}

fn type_text(app: &mut App, text: &str) {
    for ch in text.chars() {
        let key = KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE);
        app.update(Action::Input(key), at("21:00:00"));
    }
}

fn add_speaker(app: &mut App, query: &str) {
    app.update(Action::AddSpeaker, at("21:00:00"));
    type_text(app, query);
    app.update(Action::Confirm, at("21:00:00"));
}

fn earlier_commitment_of(by: &str) -> crate::register::Register {
    use crate::domain::minutes::Commitment;
    use crate::register::{Entry, Register, Source, Status};
    Register {
        folder: PathBuf::from("."),
        entries: vec![Entry {
            commitment: Commitment {
                id: "2017-06-12-4-1".into(),
                by: by.into(),
                text: "Komt terug met een evaluatie".into(),
                due: None,
                recorded_at: DateTime::parse_from_rfc3339("2017-06-12T21:00:00+02:00").unwrap(),
            },
            source: Source {
                minutes_file: PathBuf::from("2017-06-12.minutes.yaml"),
                meeting_title: "Raadsplein".into(),
                meeting_date: NaiveDate::from_ymd_opt(2017, 6, 12).unwrap(),
                item_number: "4".into(),
                item_title: "Beschut werken".into(),
            },
            settled: None,
            status: Status::Open,
        }],
        ..Register::default()
    }
}

#[test]
fn the_register_can_arrive_after_the_console_started() {
    let mut app = app();
    app.update(Action::TakeUp, at("21:00:00"));
    app.update(Action::Help, at("21:00:00"));
    assert!(
        app.owed_by("Wethouder Meijerink").is_empty(),
        "not read yet"
    );
    let register = earlier_commitment_of("Wethouder Meijerink");
    let outcome = app.update(Action::RegisterScanned(Ok(register)), at("21:00:01"));
    assert!(!outcome.minutes_changed, "the register is not the minutes");
    assert!(
        matches!(app.mode, Mode::Help),
        "what the user was doing stays open"
    );
    let owed = app.owed_by("Wethouder Meijerink");
    assert_eq!(owed.len(), 1);
    assert_eq!(owed[0].commitment.id, "2017-06-12-4-1");
    assert!(
        app.minutes.item("5").is_some(),
        "the item taken up before stays taken up"
    );
}

#[test]
fn a_register_that_cannot_be_read_is_said_when_it_arrives() {
    let mut app = app();
    let error = "commitments.yaml:3:1: error: unknown key \"x\"".to_string();
    app.update(Action::RegisterScanned(Err(error)), at("21:00:01"));
    let flash = app.flash.as_ref().expect("a message");
    assert!(flash.is_error);
    assert!(
        flash.text.contains("commitments.yaml:3:1"),
        "{}",
        flash.text
    );
    assert!(app.owed_by("Wethouder Meijerink").is_empty());
}

#[test]
fn commitment_by_defaults_to_the_portfolio_holder_who_answered() {
    let mut app = app();
    app.update(Action::TakeUp, at("21:00:00"));
    assert_eq!(app.default_commitment_by("5"), "Nelleke Vedelaar");
    add_speaker(&mut app, "meijer");
    app.update(Action::ToggleSpeaker, at("21:01:00"));
    assert_eq!(app.default_commitment_by("5"), "Wethouder Meijerink");
}

#[test]
fn a_member_speaks_for_their_faction() {
    let mut app = app();
    app.update(Action::TakeUp, at("21:00:00"));
    add_speaker(&mut app, "jan de");
    let speech = &app.minutes.item("5").unwrap().rounds[0].speakers[0];
    assert_eq!(speech.name, "Jan de Vries");
    assert_eq!(speech.faction.as_deref(), Some("VVD"));
}

#[test]
fn undo_restores_the_minutes_but_keeps_a_draft() {
    let mut app = app();
    app.update(Action::TakeUp, at("21:00:00"));
    app.update(Action::RecordConclusion, at("21:00:00"));
    type_text(&mut app, "half af");
    app.update(Action::Close, at("21:00:00"));
    assert!(app.update(Action::Undo, at("21:00:00")).minutes_changed);
    assert!(app.minutes.running_item().is_none());
    assert_eq!(app.minutes.drafts[0].text, "half af");
}

#[test]
fn a_bad_due_date_keeps_the_form_open() {
    let mut app = app();
    app.update(Action::RecordCommitment, at("21:00:00"));
    type_text(&mut app, "Informatie volgt");
    app.update(Action::NextField, at("21:00:00"));
    app.update(Action::NextField, at("21:00:00"));
    type_text(&mut app, "maart");
    assert!(!app.update(Action::Store, at("21:00:00")).minutes_changed);
    assert!(matches!(app.mode, Mode::Editor(_)));
    assert!(app.flash.as_ref().unwrap().is_error);
}

#[test]
fn esc_on_an_empty_form_leaves_no_draft() {
    let mut app = app();
    app.update(Action::RecordConclusion, at("21:00:00"));
    app.update(Action::Close, at("21:00:00"));
    assert!(app.minutes.drafts.is_empty());
}

#[test]
fn the_budget_warning_rings_once_and_again_after_extra_time() {
    let mut app = app();
    app.update(Action::TakeUp, at("21:00:00"));
    add_speaker(&mut app, "VVD");
    app.update(Action::ToggleSpeaker, at("21:00:00"));
    assert!(
        !app.update(Action::Tick, at("21:03:29")).bell,
        "4:00 budget, 31 s left"
    );
    assert!(
        app.update(Action::Tick, at("21:03:30")).bell,
        "30 s left: warn"
    );
    assert!(!app.update(Action::Tick, at("21:03:31")).bell, "only once");
    app.update(Action::ExtraTime, at("21:03:40"));
    assert!(!app.update(Action::Tick, at("21:04:29")).bell);
    assert!(
        app.update(Action::Tick, at("21:04:30")).bell,
        "the new allowance warns again"
    );
}

#[test]
fn no_bell_when_switched_off() {
    let mut app = app().with_settings(Settings {
        bell: false,
        ..Settings::default()
    });
    app.update(Action::TakeUp, at("21:00:00"));
    add_speaker(&mut app, "VVD");
    app.update(Action::ToggleSpeaker, at("21:00:00"));
    assert!(!app.update(Action::Tick, at("21:03:45")).bell);
    assert!(
        app.flash.as_ref().unwrap().text.contains("VVD"),
        "the warning still shows"
    );
}

#[test]
fn closing_the_meeting_needs_a_yes() {
    let mut app = app();
    app.update(Action::TakeUp, at("21:00:00"));
    app.update(Action::CloseMeeting, at("23:06:00"));
    app.update(Action::Close, at("23:06:00"));
    assert_eq!(app.minutes.closed_at, None, "any other key cancels");
    app.update(Action::CloseMeeting, at("23:06:00"));
    assert!(app.update(Action::Confirm, at("23:06:00")).minutes_changed);
    assert_eq!(app.minutes.closed_at, Some(at("23:06:00")));
    app.update(Action::CloseMeeting, at("23:07:00"));
    assert!(matches!(app.mode, Mode::Confirm(Question::ReopenMeeting)));
}

#[test]
fn an_interruption_is_picked_like_a_speaker_and_n_resumes() {
    let mut app = app();
    app.update(Action::TakeUp, at("21:00:00"));
    add_speaker(&mut app, "VVD");
    app.update(Action::ToggleSpeaker, at("21:00:00"));
    app.update(Action::Interrupt, at("21:01:00"));
    type_text(&mut app, "jan de");
    app.update(Action::Confirm, at("21:01:00"));
    let record = app.minutes.item("5").unwrap();
    assert_eq!(record.current_speech().unwrap().name, "Jan de Vries");
    app.update(Action::NextSpeaker, at("21:01:30"));
    assert!(app.flash.as_ref().unwrap().text.contains("VVD"));
    assert!(
        app.minutes
            .item("5")
            .unwrap()
            .current_speech()
            .unwrap()
            .is_speaking()
    );
}

#[test]
fn tab_moves_the_focus_to_the_speakers_for_reordering() {
    let mut app = app();
    app.update(Action::TakeUp, at("21:00:00"));
    add_speaker(&mut app, "VVD");
    add_speaker(&mut app, "jan de");
    app.update(Action::ToggleFocus, at("21:00:00"));
    assert_eq!(app.focus, Focus::Speakers);
    app.update(Action::Down, at("21:00:00"));
    app.update(Action::MoveSpeakerUp, at("21:00:00"));
    let names: Vec<_> = app.minutes.item("5").unwrap().rounds[0]
        .speakers
        .iter()
        .map(|s| s.name.clone())
        .collect();
    assert_eq!(names, ["Jan de Vries", "VVD"]);
    assert_eq!(
        app.speaker_cursor, 0,
        "the highlight moves with the speaker"
    );
}

#[test]
fn a_speaking_time_warning_is_replaced_when_the_time_runs_out() {
    let mut app = app();
    app.update(Action::TakeUp, at("21:00:00"));
    add_speaker(&mut app, "VVD");
    app.update(Action::ToggleSpeaker, at("21:00:00"));
    app.update(Action::Tick, at("21:03:33"));
    let flash = |app: &App| {
        app.flash
            .as_ref()
            .map(|f| f.text.clone())
            .unwrap_or_default()
    };
    assert!(flash(&app).contains("0:27"), "{}", flash(&app));
    assert!(
        app.update(Action::Tick, at("21:04:29")).bell,
        "the time is up: said and rung once more"
    );
    assert!(
        flash(&app).contains("0:29") && !flash(&app).contains("0:27"),
        "{}",
        flash(&app)
    );
    assert!(!app.update(Action::Tick, at("21:04:40")).bell, "only once");
}

#[test]
fn extra_time_says_to_whom_and_what_is_left_now() {
    let mut app = app();
    app.update(Action::TakeUp, at("21:00:00"));
    add_speaker(&mut app, "VVD");
    app.update(Action::ToggleSpeaker, at("21:00:00"));
    app.update(Action::ExtraTime, at("21:04:30"));
    let flash = app
        .flash
        .as_ref()
        .map(|f| f.text.clone())
        .unwrap_or_default();
    assert_eq!(flash, "Extra time for VVD: +1:00, now 0:30 left.");
}

#[test]
fn a_due_date_typed_the_dutch_way_is_recorded_and_said_back() {
    let mut app = app();
    app.lang = Lang::Nl;
    app.update(Action::RecordCommitment, at("21:00:00"));
    type_text(&mut app, "Informatie volgt");
    app.update(Action::NextField, at("21:00:00"));
    app.update(Action::NextField, at("21:00:00"));
    type_text(&mut app, "31 dec");
    assert!(app.update(Action::Store, at("21:00:00")).minutes_changed);
    let flash = app.flash.as_ref().unwrap();
    assert!(!flash.is_error);
    assert!(
        flash.text.ends_with("uiterlijk 31-12-2017."),
        "{}",
        flash.text
    );
    let due = app.minutes.items[0].commitments[0].due;
    assert_eq!(due, NaiveDate::from_ymd_opt(2017, 12, 31));
}

fn press(app: &mut App, code: KeyCode, times: usize) {
    for _ in 0..times {
        let key = KeyEvent::new(code, KeyModifiers::NONE);
        app.update(Action::Input(key), at("22:00:00"));
    }
}

#[test]
fn a_stored_conclusion_is_corrected_in_its_form_and_the_correction_can_be_undone() {
    let mut app = app();
    app.update(Action::RecordConclusion, at("21:00:00"));
    type_text(&mut app, "De raad neemt kennis");
    app.update(Action::Store, at("21:00:00"));
    app.update(Action::CorrectRecord, at("22:00:00"));
    assert!(matches!(app.mode, Mode::Picker(_)));
    app.update(Action::Confirm, at("22:00:00"));
    assert!(matches!(&app.mode, Mode::Editor(form) if form.text(0) == "De raad neemt kennis"));
    type_text(&mut app, " van de nota.");
    assert!(app.update(Action::Store, at("22:00:00")).minutes_changed);
    let stored = &app.minutes.items[0].conclusions;
    assert_eq!(stored.len(), 1, "corrected, not added");
    assert_eq!(stored[0].text, "De raad neemt kennis van de nota.");
    assert_eq!(stored[0].recorded_at, at("21:00:00"));
    assert!(app.minutes.drafts.is_empty(), "a correction keeps no draft");
    app.update(Action::Undo, at("22:01:00"));
    assert_eq!(
        app.minutes.items[0].conclusions[0].text,
        "De raad neemt kennis"
    );
}

#[test]
fn a_summary_of_the_debate_and_a_reply_are_passages_of_their_kind_kept_as_drafts_and_corrected() {
    use crate::domain::minutes::{DraftKind, PassageKind};
    let mut app = app();
    app.update(Action::RecordDebate, at("21:00:00"));
    assert!(matches!(&app.mode, Mode::Editor(form) if form.kind == DraftKind::Debate));
    type_text(&mut app, "Van de zijde van de VVD");
    // Left with Esc, the debate's draft is kept under its own kind, and comes back with D.
    app.update(Action::Close, at("21:00:10"));
    assert_eq!(app.minutes.drafts[0].kind, DraftKind::Debate);
    assert!(app.flash.as_ref().is_some_and(|f| f.text.contains('D')));
    app.update(Action::RecordDebate, at("21:00:20"));
    assert!(matches!(&app.mode, Mode::Editor(form) if form.text(0) == "Van de zijde van de VVD"));
    assert!(app.update(Action::Store, at("21:00:30")).minutes_changed);
    app.update(Action::RecordReply, at("21:01:00"));
    type_text(&mut app, "De wethouder geeft aan");
    assert!(app.update(Action::Store, at("21:01:30")).minutes_changed);
    let kinds: Vec<PassageKind> = app.minutes.items[0]
        .conclusions
        .iter()
        .map(|c| c.kind)
        .collect();
    assert_eq!(kinds, [PassageKind::Debate, PassageKind::Reply]);
    assert!(app.minutes.drafts.is_empty());
    // R on the reply opens the reply's form, and the correction keeps the kind.
    app.update(Action::CorrectRecord, at("22:00:00"));
    app.update(Action::Down, at("22:00:00"));
    app.update(Action::Confirm, at("22:00:00"));
    assert!(matches!(&app.mode, Mode::Editor(form) if form.kind == DraftKind::Reply));
    type_text(&mut app, " dat");
    assert!(app.update(Action::Store, at("22:00:10")).minutes_changed);
    let reply = &app.minutes.items[0].conclusions[1];
    assert_eq!(
        (reply.kind, reply.text.as_str()),
        (PassageKind::Reply, "De wethouder geeft aan dat")
    );
}

#[test]
fn a_stored_commitment_emptied_in_its_form_is_removed_after_a_question() {
    let mut app = app();
    app.update(Action::RecordCommitment, at("21:00:00"));
    type_text(&mut app, "Brief volgt");
    app.update(Action::Store, at("21:00:00"));
    app.update(Action::CorrectRecord, at("22:00:00"));
    app.update(Action::Confirm, at("22:00:00"));
    press(&mut app, KeyCode::Backspace, 20);
    assert!(!app.update(Action::Store, at("22:00:00")).minutes_changed);
    assert!(matches!(app.mode, Mode::Confirm(Question::RemoveRecord(_))));
    assert!(app.update(Action::Confirm, at("22:00:00")).minutes_changed);
    assert!(app.minutes.items[0].commitments.is_empty());
    app.update(Action::Undo, at("22:01:00"));
    assert_eq!(app.minutes.items[0].commitments.len(), 1);
}

#[test]
fn an_item_passed_by_is_not_dealt_with_out_of_the_forecast_and_undoable() {
    let mut app = app();
    let forecast =
        |app: &App| crate::domain::clock::forecast(&app.meeting, &app.minutes, at("21:00:00"));
    assert!(forecast(&app).slots[0].is_some());
    let number = app.meeting.items[app.selected].number.clone();
    assert!(app.update(Action::Skip, at("21:00:00")).minutes_changed);
    assert_eq!(app.minutes.status_of(&number), Status::Skipped);
    assert!(forecast(&app).slots[0].is_none(), "out of the forecast");
    app.update(Action::Undo, at("21:00:01"));
    assert_eq!(app.minutes.status_of(&number), Status::Pending);
    // Once taken up, it was dealt with.
    app.update(Action::TakeUp, at("21:00:02"));
    assert!(!app.update(Action::Skip, at("21:00:03")).minutes_changed);
    assert!(app.flash.as_ref().unwrap().is_error);
}

#[test]
fn a_seat_that_no_longer_runs_the_clock_is_asked_before_undoing_a_clock_change() {
    let mut app = app().with_seat(SeatState::new("chair", "chair", true));
    app.update(Action::TakeUp, at("21:00:00"));
    assert_eq!(app.minutes.item("5").unwrap().status, Status::Running);
    // The clerk took the clock over meanwhile.
    app.seat.as_mut().unwrap().clock_holder = "clerk".into();
    let outcome = app.update(Action::Undo, at("21:01:00"));
    assert!(!outcome.minutes_changed);
    assert!(matches!(
        app.mode,
        Mode::Confirm(Question::TakeClock { ref holder, .. }) if holder == "clerk"
    ));
    assert_eq!(app.minutes.item("5").unwrap().status, Status::Running);
    // Declined: nothing changes, and the step is still there to undo.
    app.update(Action::Close, at("21:01:01"));
    assert_eq!(app.minutes.item("5").unwrap().status, Status::Running);
    app.update(Action::Undo, at("21:01:02"));
    // Taken over: the undo goes through, as this seat's change.
    let outcome = app.update(Action::Confirm, at("21:01:03"));
    assert!(outcome.minutes_changed);
    assert!(
        app.minutes
            .item("5")
            .is_none_or(|item| item.status != Status::Running)
    );
    let seat = app.seat.as_ref().unwrap();
    assert!(seat.holds_clock() && seat.take_clock && seat.undone.is_some());
}
