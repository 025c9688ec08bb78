//! What a new chair trips over (issue 8): a faction typed in full is that faction, in the speaker
//! picker, the palette and the attachment lists.

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate};
use gavel::app::picker::Pick;
use gavel::app::{App, Mode};
use gavel::domain::meeting::{Attachment, Faction, Item, ItemKind, Meeting};
use gavel::domain::minutes::{Minutes, Timestamp};
use gavel::i18n::Lang;
use gavel::keymap::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn at(time: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(&format!("2017-01-23T{time}+01:00")).unwrap()
}

/// A decision meeting whose factions list their members, as FORMAT.md allows.
fn app() -> App {
    let faction = |name: &str, members: &[&str]| Faction {
        name: name.into(),
        seats: None,
        members: members.iter().map(|m| m.to_string()).collect(),
    };
    let meeting = Meeting {
        title: "Raadsplein besluitvormend".into(),
        date: NaiveDate::from_ymd_opt(2017, 1, 23).unwrap(),
        factions: vec![
            faction("VVD", &["Jan de Vries"]),
            faction("ChristenUnie", &["Hendrik Vos", "Marieke Smit"]),
            faction("SP", &["Christel Unger"]),
        ],
        items: vec![Item {
            number: "3".into(),
            title: "Plan beschut werken nieuw".into(),
            kind: ItemKind::Debate,
            portfolio_holders: vec!["Wethouder Meijerink".into()],
            attachments: vec![
                Attachment {
                    title: "Advies".into(),
                    kind: Some("motie ChristenUnie".into()),
                    file: None,
                },
                Attachment {
                    title: "Motie ChristenUnie beschut werken".into(),
                    kind: Some("motie".into()),
                    file: None,
                },
            ],
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
        at("19:30:00"),
    )
}

fn typed(app: &mut App, text: &str) {
    for ch in text.chars() {
        let key = KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE);
        app.update(Action::Input(key), at("19:31:00"));
    }
    app.update(Action::Tick, at("19:31:00")); // ranked once per frame
}

/// Adds a speaker by typing `query` in the `a` picker and pressing Enter; returns who was added.
fn add_speaker(query: &str) -> (String, Option<String>) {
    let mut app = app();
    app.update(Action::TakeUp, at("19:30:00"));
    app.update(Action::AddSpeaker, at("19:31:00"));
    typed(&mut app, query);
    app.update(Action::Confirm, at("19:31:00"));
    let round = app.minutes.items[0].current_round().expect("a round");
    let speech = round.speakers.last().expect("a speaker was added");
    (speech.name.clone(), speech.faction.clone())
}

#[test]
fn a_faction_typed_in_full_adds_the_faction_not_a_member() {
    let faction = ("ChristenUnie".to_string(), Some("ChristenUnie".to_string()));
    assert_eq!(add_speaker("ChristenUnie"), faction);
    assert_eq!(add_speaker("christenunie"), faction);
    assert_eq!(add_speaker("CHRISTENUNIE"), faction);
    // Typing the start of the name is enough.
    assert_eq!(add_speaker("christen"), faction);
    assert_eq!(add_speaker("sp"), ("SP".into(), Some("SP".into())));
}

#[test]
fn a_member_typed_by_name_is_that_member() {
    let vos = ("Hendrik Vos".to_string(), Some("ChristenUnie".to_string()));
    assert_eq!(add_speaker("vos"), vos);
    assert_eq!(add_speaker("hendrik"), vos);
    assert_eq!(
        add_speaker("Marieke Smit"),
        ("Marieke Smit".into(), Some("ChristenUnie".into()))
    );
    assert_eq!(
        add_speaker("meijerink"),
        ("Wethouder Meijerink".into(), None)
    );
}

fn top_entry(app: &mut App, open: Action, query: &str) -> (String, Pick) {
    app.update(open, at("19:31:00"));
    typed(app, query);
    let Mode::Picker(picker) = &app.mode else {
        panic!("a list is open");
    };
    let entry = picker.shown_entry(0).expect("something matches");
    (entry.label, entry.pick)
}

#[test]
fn the_palette_puts_the_faction_first_when_its_name_is_typed() {
    let (label, _) = top_entry(&mut app(), Action::Search, "christenunie");
    assert_eq!(label, "ChristenUnie");
    let (label, _) = top_entry(&mut app(), Action::Search, "@christen");
    assert_eq!(label, "ChristenUnie");
}

#[test]
fn the_attachment_list_puts_a_title_with_the_word_above_a_kind_with_it() {
    let mut app = app();
    let (label, pick) = top_entry(&mut app, Action::OpenAttachments, "motie");
    assert_eq!(label, "Motie ChristenUnie beschut werken");
    assert_eq!(pick, Pick::Attachment { item: 0, index: 1 });
}

fn example(now: Timestamp) -> App {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("meetings/2017-11-20-raadsplein-takzaal.yaml");
    let meeting = gavel::store::load::load_meeting(&path).unwrap().meeting;
    let minutes = Minutes::new(&meeting, "2017-11-20-raadsplein-takzaal.yaml");
    App::new(
        meeting,
        path.parent().unwrap().into(),
        minutes,
        Lang::Nl,
        now,
    )
}

fn screen(app: &App, width: u16, height: u16) -> Vec<String> {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| gavel::ui::draw(frame, app)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}

#[test]
fn preparing_years_later_the_header_and_agenda_show_the_plan() {
    // The example opened on 2 December 2026, a quarter past midnight, before it was ever opened.
    let now = DateTime::parse_from_rfc3339("2026-12-02T00:15:00+01:00").unwrap();
    let lines = screen(&example(now), 160, 20);
    assert!(lines[1].contains("verwacht einde 22:30"), "{}", lines[1]);
    assert!(
        !lines[1].contains("(!)"),
        "the plan is not late: {}",
        lines[1]
    );
    let agenda = lines.join("\n");
    assert!(agenda.contains("≈19:35–21:00"), "{agenda}");
    assert!(
        !agenda.contains("≈00:"),
        "no forecast from the wall clock: {agenda}"
    );
}

#[test]
fn the_footer_never_cuts_a_hint_in_the_middle_of_a_word() {
    let now = DateTime::parse_from_rfc3339("2017-11-20T19:25:00+01:00").unwrap();
    let app = example(now);
    for width in [12, 20, 30, 40, 60, 80, 100, 110, 120, 160] {
        let lines = screen(&app, width, 30);
        let footer = lines.last().unwrap();
        assert!(footer.starts_with("? hulp"), "{width}: {footer:?}");
        // Every hint shown is one of the whole hints, and the save state keeps its place.
        let keys = footer.split("  ").map(str::trim).filter(|h| !h.is_empty());
        for hint in keys {
            let whole = [
                "? hulp",
                "q stop",
                "Enter behandelen",
                "a spreker",
                "Spatie klok",
                "n volgende",
                "c conclusie",
                "t toezegging",
                "i interruptie",
                "/ zoeken",
                "X exporteren",
                "nog niets vastgelegd",
            ];
            assert!(
                whole.contains(&hint),
                "{width}: cut or unknown hint {hint:?} in {footer:?}"
            );
        }
    }
}
