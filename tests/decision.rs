//! Decision meetings on screen: the quorum warning and the vote sheet, drawn on a TestBackend
//! with the clock and the language pinned (insta snapshots).

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
use serde_json::Value;

fn at(time: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(&format!("2017-02-06T{time}+01:00")).unwrap()
}

fn app(lang: Lang) -> App {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("meetings/2017-02-06-raadsplein-besluitvormend.yaml");
    let meeting = load_meeting(&path).unwrap().meeting;
    let minutes = Minutes::new(&meeting, "2017-02-06-raadsplein-besluitvormend.yaml");
    App::new(
        meeting,
        path.parent().unwrap().into(),
        minutes,
        lang,
        at("19:30:00"),
    )
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| gavel::ui::draw(frame, app)).unwrap();
    terminal.backend().to_string()
}

fn typed(app: &mut App, text: &str, now: Timestamp) {
    for ch in text.chars() {
        app.update(
            Action::Input(KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE)),
            now,
        );
    }
    app.update(Action::Tick, now);
}

#[test]
fn without_a_quorum_the_header_warns_in_words_and_colour() {
    let mut app = app(Lang::Nl);
    app.update(Action::Attendance, at("19:30:00"));
    // 19 of 39 seats: the first 19 members arrive.
    for _ in 0..19 {
        app.update(Action::TogglePresence, at("19:31:00"));
        app.update(Action::Down, at("19:31:00"));
    }
    app.update(Action::Close, at("19:31:00"));
    let shown = screen(&app, 110, 12);
    assert!(
        shown.contains("⚠ GEEN QUORUM: 19 van 39 zetels aanwezig"),
        "{shown}"
    );
    insta::assert_snapshot!(shown);
    // One more makes 20 of 39: a quorum.
    app.update(Action::Attendance, at("19:32:00"));
    for _ in 0..19 {
        app.update(Action::Down, at("19:32:00"));
    }
    app.update(Action::TogglePresence, at("19:32:00"));
    app.update(Action::Close, at("19:32:00"));
    assert!(screen(&app, 110, 12).contains("quorum 20/39"));
}

#[test]
fn the_vote_sheet_counts_as_the_factions_are_marked() {
    let mut app = app(Lang::Nl);
    app.update(Action::Attendance, at("19:30:00"));
    app.update(Action::EveryonePresent, at("19:30:00"));
    app.update(Action::Close, at("19:30:00"));
    app.update(Action::Down, at("20:00:00")); // item 2
    app.update(Action::Vote, at("20:00:00"));
    app.update(Action::Confirm, at("20:00:00")); // yes, though item 2 was never taken up
    typed(&mut app, "motie", at("20:00:00"));
    app.update(Action::Confirm, at("20:00:00"));
    // D66 for, CDA against; a CDA member asks to be recorded for; one D66 member does not vote.
    app.update(Action::MarkFor, at("20:01:00"));
    app.update(Action::MarkAgainst, at("20:01:00"));
    app.update(Action::Up, at("20:01:00")); // from ChristenUnie up to the last CDA member
    app.update(Action::MarkFor, at("20:01:00"));
    for _ in 0..9 {
        app.update(Action::Up, at("20:01:00"));
    }
    app.update(Action::NotVoting, at("20:01:00"));
    let shown = screen(&app, 100, 30);
    assert!(
        shown.contains("voor 7 · tegen 5 · aangenomen 7-5"),
        "{shown}"
    );
    insta::assert_snapshot!(shown);
}

#[test]
fn a_vote_on_an_item_never_taken_up_asks_first() {
    let mut app = app(Lang::Nl);
    app.update(Action::Down, at("20:00:00")); // item 2, the meeting not opened
    app.update(Action::Vote, at("20:00:00"));
    let shown = screen(&app, 80, 24);
    // Wrapped in the question's box: the words as they stand, across its lines.
    let words: String = shown
        .lines()
        .map(|line| line.trim_matches(|c| c == '"' || c == '│' || c == ' '))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        words.contains("De vergadering is niet geopend en punt 2 is niet in behandeling genomen."),
        "{shown}"
    );
    insta::assert_snapshot!(shown);
}

#[test]
fn a_roll_call_keeps_the_marks_and_goes_by_faction() {
    let mut app = app(Lang::Nl);
    app.update(Action::Attendance, at("19:30:00"));
    app.update(Action::EveryonePresent, at("19:30:00"));
    app.update(Action::Close, at("19:30:00"));
    app.update(Action::Down, at("20:00:00"));
    app.update(Action::TakeUp, at("20:00:00"));
    app.update(Action::Vote, at("20:01:00"));
    typed(&mut app, "motie", at("20:01:00"));
    app.update(Action::Confirm, at("20:01:00"));
    app.update(Action::MarkFor, at("20:02:00")); // D66
    app.update(Action::MarkAgainst, at("20:02:00")); // CDA
    app.update(Action::RollCall, at("20:02:00"));
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("voor 7 · tegen 6 · aangenomen 7-6  26 nog niet gemarkeerd"),
        "{shown}"
    );
    assert!(
        shown.contains("Bram Bakker                  D66            + voor"),
        "{shown}"
    );
    insta::assert_snapshot!(shown);
}

#[test]
fn everyone_present_marks_the_chair_and_the_clerk_who_hold_no_seat() {
    let mut app = app(Lang::Nl);
    app.update(Action::Attendance, at("19:30:00"));
    app.update(Action::EveryonePresent, at("19:30:00"));
    for _ in 0..40 {
        app.update(Action::Down, at("19:30:00"));
    }
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("Presentielijst: 39 van 39 zetels aanwezig"),
        "{shown}"
    );
    assert!(
        shown.contains("✓ Dhr. J. Looijenga            voorzitter       aanwezig 19:30"),
        "{shown}"
    );
    assert!(
        shown.contains("✓ Mevr. M. Zweers              griffier         aanwezig 19:30"),
        "{shown}"
    );
    insta::assert_snapshot!(shown);
}

mod common;

/// The minutes of the decision meeting after a motion (with a dissent and a member not voting)
/// and the proposal were put to the vote, one member having left.
fn decided() -> App {
    let mut app = app(Lang::Nl);
    app.update(Action::Attendance, at("19:30:00"));
    app.update(Action::EveryonePresent, at("19:30:00"));
    app.update(Action::Down, at("19:45:00"));
    app.update(Action::Down, at("19:45:00"));
    app.update(Action::TogglePresence, at("19:45:00")); // Carla Jansen (D66) leaves
    app.update(Action::Close, at("19:45:00"));
    app.update(Action::Down, at("20:00:00"));
    app.update(Action::TakeUp, at("20:00:00"));
    app.update(Action::Vote, at("20:05:00"));
    typed(&mut app, "motie", at("20:05:00"));
    app.update(Action::Confirm, at("20:05:00"));
    for mark in [
        Action::MarkFor,
        Action::MarkAgainst,
        Action::MarkFor,
        Action::MarkFor,
        Action::MarkAgainst,
        Action::MarkFor,
        Action::MarkAgainst,
        Action::MarkFor,
        Action::MarkAgainst,
    ] {
        app.update(mark, at("20:06:00"));
    }
    // Back to the first SP member, who asks to be recorded for; a ChristenUnie member does not
    // vote (a conflict of interest).
    for _ in 0..30 {
        app.update(Action::Up, at("20:06:00"));
    }
    for _ in 0..13 {
        app.update(Action::Down, at("20:06:00"));
    }
    app.update(Action::MarkFor, at("20:06:00"));
    for _ in 0..9 {
        app.update(Action::Up, at("20:06:00"));
    }
    app.update(Action::NotVoting, at("20:06:00"));
    app.update(Action::Store, at("20:07:00"));
    app.update(Action::Vote, at("20:10:00"));
    app.update(Action::Confirm, at("20:10:00")); // the proposal
    for _ in 0..9 {
        app.update(Action::MarkFor, at("20:11:00"));
    }
    app.update(Action::Store, at("20:12:00"));
    app
}

#[test]
fn the_export_states_each_vote_and_the_open_data_has_its_vote_events() {
    let app = decided();
    let votes = &app.minutes.item("2").unwrap().votes;
    assert_eq!(votes.len(), 2, "{:?}", app.flash.as_ref().map(|f| &f.text));
    let options = gavel::export::Options {
        lang: Lang::Nl,
        with_notes: false,
        with_contacts: false,
    };
    let md = gavel::export::render(
        &app.meeting,
        &app.minutes,
        gavel::export::Format::Markdown,
        options,
    )
    .unwrap();
    let md = String::from_utf8(md).unwrap();
    assert!(
        md.contains("Zeynep Jacobs laat aantekenen voor te hebben gestemd."),
        "{md}"
    );
    assert!(md.contains("Stemt niet mee: Sander Dijkstra."), "{md}");
    // Carla Jansen had left: D66 voted with six.
    assert!(md.contains("Voor: D66 (6), ChristenUnie (4)"), "{md}");
    common::golden("terugblik-2017-02-06-besluitvormend.md", &md);

    let json = gavel::export::render(
        &app.meeting,
        &app.minutes,
        gavel::export::Format::Json,
        options,
    )
    .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::root().join("schemas/export.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let events = json["agenda"][1]["vote_events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0]["motion"]["classification"], "motion");
    assert_eq!(events[0]["counts"][0]["option"], "yes");
    assert_eq!(
        events[0]["counts"][0]["value"].as_u64().unwrap() as u32,
        votes[0].seats_for
    );
    assert_eq!(events[1]["result"], "pass");
}

/// The decision meeting in VNG's ODS 2.0: every resource passes the standard's schema, every
/// reference points at a resource of the export, and each member's vote adds up to the count.
#[test]
fn the_decision_meeting_in_ods_passes_the_standards_schema_with_every_members_vote() {
    let app = decided();
    let options = gavel::export::ods::OdsOptions {
        lang: Lang::Nl,
        base_url: Some("https://zwolle.raadsinformatie.example/api/v1/".into()),
        stream_start: None,
    };
    let export = gavel::export::ods::ods_json(&app.meeting, &app.minutes, &options);
    let problems = common::ods::problems(&export);
    assert!(problems.is_empty(), "{problems:#?}");
    // The check can fail: a meeting without its type, a vote for a choice the standard has not,
    // a reference to nothing.
    let mut broken = export.clone();
    broken["vergaderingen"][0]
        .as_object_mut()
        .unwrap()
        .remove("vergaderingstype");
    broken["stemmen"][0]["keuzeStemming"] = "misschien".into();
    broken["stemmen"][0]["stemming"]["url"] = "https://elders.example/stemmingen/9".into();
    let found = common::ods::problems(&broken).join("\n");
    for wanted in ["vergaderingstype", "misschien", "points at nothing"] {
        assert!(found.contains(wanted), "{wanted:?} not found:\n{found}");
    }
    let votes = &app.minutes.item("2").unwrap().votes;
    let stemmingen = export["stemmingen"].as_array().unwrap();
    assert_eq!(stemmingen.len(), votes.len());
    let ballots = export["stemmen"].as_array().unwrap();
    for (vote, stemming) in votes.iter().zip(stemmingen) {
        let url = stemming["url"].as_str().unwrap();
        let of_vote: Vec<&Value> = ballots
            .iter()
            .filter(|b| b["stemming"]["url"] == url)
            .collect();
        let choice = |c: &str| of_vote.iter().filter(|b| b["keuzeStemming"] == c).count();
        assert_eq!(choice("voor") as u32, vote.seats_for, "{stemming}");
        assert_eq!(choice("tegen") as u32, vote.seats_against, "{stemming}");
        assert_eq!(choice("onthouden"), vote.not_voting.len());
    }
    // The motion is named by its own informatieobject, the result per faction is there.
    let titles: Vec<&str> = export["informatieobjecten"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|o| o["titel"].as_str())
        .collect();
    assert!(titles.iter().any(|t| t.contains("beschut")), "{titles:?}");
    let per_faction = export["stemresultatenperfractie"].as_array().unwrap();
    assert!(
        per_faction
            .iter()
            .any(|r| r["fractiestemresultaat"] == "verdeeld")
    );
    assert!(
        export["vergaderingen"][0]["url"]
            .as_str()
            .unwrap()
            .starts_with("https://zwolle.raadsinformatie.example/api/v1/vergaderingen/")
    );
}
