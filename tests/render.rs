//! Render tests: known states drawn on a TestBackend, compared with insta snapshots.
//! The clock and the language are pinned, so snapshots never drift.

mod common;

use std::path::PathBuf;

use chrono::DateTime;
use gavel::app::App;
use gavel::domain::minutes::{Minutes, Timestamp};
use gavel::i18n::Lang;
use gavel::keymap::Action;
use gavel::store::load::load_meeting;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const MEETING: &str = "meetings/2017-11-20-raadsplein-takzaal.yaml";

fn at(time: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(&format!("2017-11-20T{time}+01:00")).unwrap()
}

fn app(lang: Lang) -> App {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(MEETING);
    let meeting = load_meeting(&path)
        .expect("the example meeting loads")
        .meeting;
    let minutes = Minutes::new(&meeting, "2017-11-20-raadsplein-takzaal.yaml");
    App::new(
        meeting,
        path.parent().unwrap().to_path_buf(),
        minutes,
        lang,
        at("19:25:00"),
    )
}

fn select(app: &mut App, number: &str, now: Timestamp) {
    while app.meeting.items[app.selected].number != number {
        app.update(Action::Down, now);
    }
}

fn typed(app: &mut App, text: &str, now: Timestamp) {
    for ch in text.chars() {
        let key = KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE);
        app.update(Action::Input(key), now);
    }
}

/// Every attachment of the example read, as the background reader would (its PDFs through
/// pdftotext, which CI installs).
fn read_attachments(app: &mut App) {
    gavel::extract::use_extractor(std::path::Path::new(env!("CARGO_BIN_EXE_gavel")));
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("meetings");
    let folder = gavel::store::attachments::resolved_folder(&dir).unwrap();
    for (item, index, file) in gavel::store::attachments::attachment_files(&app.meeting) {
        let text = gavel::store::documents::read_attachment(&folder, &file, None).unwrap();
        let indexed =
            gavel::app::index::index_attachment(&app.meeting, app.lang, item, index, text);
        app.update(Action::AttachmentIndexed(indexed), at("19:25:00"));
    }
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| gavel::ui::draw(frame, app)).unwrap();
    terminal.backend().to_string()
}

/// Item 5 running for 1h25m (over its slot), VVD spoke, D66 speaking, one conclusion and commitment.
fn live_item_5(lang: Lang) -> App {
    let mut app = app(lang);
    select(&mut app, "5", at("21:10:00"));
    app.update(Action::TakeUp, at("21:10:00"));
    for (name, time) in [("VVD", "21:11:00"), ("D66", "21:11:05")] {
        app.update(Action::AddSpeaker, at(time));
        typed(&mut app, name, at(time));
        app.update(Action::Confirm, at(time));
    }
    app.update(Action::ToggleSpeaker, at("21:12:00"));
    app.update(Action::NextSpeaker, at("21:16:00"));
    app.update(Action::RecordConclusion, at("22:30:00"));
    typed(
        &mut app,
        "De informatienota kan voor kennisgeving worden aangenomen.",
        at("22:30:00"),
    );
    app.update(Action::Store, at("22:31:00"));
    app.update(Action::RecordCommitment, at("22:32:00"));
    typed(
        &mut app,
        "De raad wordt geïnformeerd over de wsw-wachtlijst.",
        at("22:32:00"),
    );
    app.update(Action::Store, at("22:33:00"));
    app.update(Action::Tick, at("22:35:00"));
    app
}

#[test]
fn agenda_before_the_meeting_english() {
    insta::assert_snapshot!(screen(&app(Lang::En), 120, 36));
}

#[test]
fn live_item_running_over_its_slot_dutch() {
    insta::assert_snapshot!(screen(&live_item_5(Lang::Nl), 140, 40));
}

#[test]
fn live_item_running_over_its_slot_english() {
    insta::assert_snapshot!(screen(&live_item_5(Lang::En), 140, 40));
}

#[test]
fn help_screen_lists_every_key() {
    let mut app = app(Lang::En);
    app.update(Action::Help, at("19:25:00"));
    let shown = screen(&app, 100, 48);
    // The last keys of the list are on the screen too: nothing cut off at the bottom.
    for key in ["│  D ", "│  W ", "q / Ctrl-C", "Ctrl-Z"] {
        assert!(shown.contains(key), "{key:?} missing:\n{shown}");
    }
    insta::assert_snapshot!(shown);
}

#[test]
fn speaker_picker_filters_fuzzily() {
    let mut app = app(Lang::En);
    select(&mut app, "5", at("21:10:00"));
    app.update(Action::TakeUp, at("21:10:00"));
    app.update(Action::AddSpeaker, at("21:10:00"));
    typed(&mut app, "vedel", at("21:10:00"));
    app.update(Action::Tick, at("21:10:00")); // the list is ranked once per frame
    insta::assert_snapshot!(screen(&app, 100, 24));
}

#[test]
fn commitment_form_defaults_to_the_portfolio_holder() {
    let mut app = app(Lang::En);
    select(&mut app, "5", at("21:10:00"));
    app.update(Action::TakeUp, at("21:10:00"));
    app.update(Action::RecordCommitment, at("21:10:00"));
    typed(&mut app, "Informatie over de wachtlijst", at("21:10:00"));
    insta::assert_snapshot!(screen(&app, 100, 24));
}

#[test]
fn attachment_reader_shows_text_and_position() {
    if !common::pdftotext_or_skip("attachment_reader_shows_text_and_position") {
        return;
    }
    let mut app = app(Lang::En);
    read_attachments(&mut app);
    select(&mut app, "5", at("19:25:00"));
    app.update(Action::OpenAttachments, at("19:25:00"));
    app.update(Action::Confirm, at("19:25:00"));
    insta::assert_snapshot!(screen(&app, 100, 20));
}

#[test]
fn every_size_down_to_20x6_draws_without_panic() {
    let app = live_item_5(Lang::Nl);
    let mut with_help = live_item_5(Lang::En);
    with_help.update(Action::Help, at("22:35:00"));
    let widths = (1..=24).chain((25..=160).step_by(9));
    for width in widths {
        for height in (1..=12).chain((13..=50).step_by(6)) {
            screen(&app, width, height);
            screen(&with_help, width, height);
        }
    }
}

/// The meeting of 20 November 2017 at 21:39, item 5 in its first round: the README's capture.
fn evening_of_20_november() -> App {
    let mut app = app(Lang::En);
    for (time, number) in [
        ("19:31:04", "1.a"),
        ("19:35:10", "1.b"),
        ("19:36:12", "2"),
        ("19:36:42", "3"),
        ("21:08:02", "4"),
        ("21:17:42", "5"),
    ] {
        select(&mut app, number, at(time));
        app.update(Action::TakeUp, at(time));
    }
    for name in ["VVD", "D66", "swol", "meijer"] {
        app.update(Action::AddSpeaker, at("21:18:00"));
        typed(&mut app, name, at("21:18:00"));
        app.update(Action::Confirm, at("21:18:00"));
    }
    app.update(Action::ToggleSpeaker, at("21:18:00"));
    for time in ["21:22:04", "21:25:57", "21:28:09"] {
        app.update(Action::NextSpeaker, at(time));
    }
    app.update(Action::RecordCommitment, at("21:37:40"));
    typed(
        &mut app,
        "De raad wordt geïnformeerd over de wsw-wachtlijst.",
        at("21:37:40"),
    );
    app.update(Action::Store, at("21:37:50"));
    app.note_save(Ok(()));
    app.update(Action::Tick, at("21:38:57"));
    app
}

/// The capture in the README is this render: when the screen changes, the README must follow.
#[test]
fn the_readme_shows_the_real_screen() {
    let screen = screen(&evening_of_20_november(), 80, 24);
    let rendered: Vec<&str> = screen
        .lines()
        .map(|line| line.trim_matches('"').trim_end())
        .collect();
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let capture: Vec<&str> = readme
        .split("```text\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("the README has a ```text capture")
        .lines()
        .map(str::trim_end)
        .collect();
    assert_eq!(
        capture,
        rendered,
        "update the README capture:\n{}",
        rendered.join("\n")
    );
}

/// Item 5 in its second round: VVD over its 4-minute budget, an interruption by D66 in the first.
fn debate_over_time(lang: Lang) -> App {
    let mut app = app(lang);
    select(&mut app, "5", at("21:10:00"));
    app.update(Action::TakeUp, at("21:10:00"));
    for name in ["VVD", "D66", "SP", "vedel"] {
        app.update(Action::AddSpeaker, at("21:10:00"));
        typed(&mut app, name, at("21:10:00"));
        app.update(Action::Confirm, at("21:10:00"));
    }
    app.update(Action::ToggleSpeaker, at("21:10:00"));
    app.update(Action::Interrupt, at("21:12:00"));
    typed(&mut app, "D66", at("21:12:00"));
    app.update(Action::Confirm, at("21:12:00"));
    app.update(Action::NextSpeaker, at("21:12:45")); // VVD resumes
    for time in ["21:14:00", "21:17:00", "21:19:30", "21:25:00"] {
        app.update(Action::NextSpeaker, at(time));
    }
    app.update(Action::NewRound, at("21:25:00"));
    for name in ["VVD", "vedel"] {
        app.update(Action::AddSpeaker, at("21:25:00"));
        typed(&mut app, name, at("21:25:00"));
        app.update(Action::Confirm, at("21:25:00"));
    }
    app.update(Action::ToggleSpeaker, at("21:25:00"));
    app.update(Action::Tick, at("21:27:20"));
    app
}

#[test]
fn a_faction_over_its_speaking_time_dutch() {
    insta::assert_snapshot!(screen(&debate_over_time(Lang::Nl), 130, 30));
}

#[test]
fn speaking_time_overview_of_the_item() {
    let mut app = debate_over_time(Lang::En);
    app.update(Action::Totals, at("21:27:20"));
    insta::assert_snapshot!(screen(&app, 110, 34));
}

#[test]
fn speaking_time_overview_of_the_meeting() {
    let mut app = debate_over_time(Lang::En);
    app.update(Action::Totals, at("21:27:20"));
    app.update(Action::NextField, at("21:27:20"));
    insta::assert_snapshot!(screen(&app, 110, 34));
}

#[test]
fn search_palette_highlights_what_matched() {
    if !common::pdftotext_or_skip("search_palette_highlights_what_matched") {
        return;
    }
    let mut app = app(Lang::En);
    read_attachments(&mut app);
    app.update(Action::Search, at("19:25:00"));
    typed(&mut app, "beschut 26", at("19:25:00"));
    app.update(Action::Tick, at("19:25:00"));
    insta::assert_snapshot!(screen(&app, 120, 24));
}

#[test]
fn reader_search_marks_the_match() {
    if !common::pdftotext_or_skip("reader_search_marks_the_match") {
        return;
    }
    let mut app = app(Lang::Nl);
    read_attachments(&mut app);
    select(&mut app, "5", at("19:25:00"));
    app.update(Action::OpenAttachments, at("19:25:00"));
    app.update(Action::Confirm, at("19:25:00"));
    app.update(Action::Search, at("19:25:00"));
    typed(&mut app, "26 plekken", at("19:25:00"));
    app.update(Action::Confirm, at("19:25:00"));
    insta::assert_snapshot!(screen(&app, 100, 16));
}

/// A narrow item pane: the numbered proposed decision is wrapped to the pane, each point's text
/// hanging beside its number, the summary in whole lines.
#[test]
fn proposed_decision_wraps_beside_its_numbers_in_a_narrow_pane() {
    let mut app = app(Lang::Nl);
    select(&mut app, "5", at("19:25:00"));
    insta::assert_snapshot!(screen(&app, 64, 62));
}

/// Paging down stops when the item's last line reaches the bottom of the pane.
#[test]
fn paging_down_the_item_pane_ends_at_its_last_line() {
    let mut app = app(Lang::En);
    app.screen_rows = 30;
    select(&mut app, "3", at("19:25:00"));
    // As the loop does before each key: the layout's length of the pane at this size.
    app.item_scroll_limit = gavel::ui::item_scroll_limit(&app, 80, 30);
    for _ in 0..40 {
        app.update(Action::PageDown, at("19:25:00"));
    }
    let screen = screen(&app, 80, 30);
    let rows: Vec<&str> = screen.lines().collect();
    assert!(
        rows[rows.len() - 3].contains("hc.veraart@zwolle.nl"),
        "{screen}"
    );
    insta::assert_snapshot!(screen);
}
