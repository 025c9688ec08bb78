//! The render matrix: every console state at 80x24, 100x30 and 120x35, in Dutch and English.
//! At each size the chair must see, whole, what the state is about: the running item's clock
//! against its slot, who has the floor with their clock, the faction's time left (or over), the
//! next speaker; a break's countdown; the sheets' counts. Each screen is snapshotted too, so a
//! change of layout is seen in review. The clock and the language are pinned.

mod common;

use std::path::PathBuf;

use chrono::DateTime;
use gavel::app::{App, Peer, SeatState};
use gavel::domain::minutes::{Minutes, Timestamp};
use gavel::i18n::{Lang, Msg};
use gavel::keymap::Action;
use gavel::store::load::load_meeting;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const SIZES: [(u16, u16); 3] = [(80, 24), (100, 30), (120, 35)];

fn at(date: &str, time: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(&format!("{date}T{time}+01:00")).unwrap()
}

fn nov(time: &str) -> Timestamp {
    at("2017-11-20", time)
}

fn feb(time: &str) -> Timestamp {
    at("2017-02-06", time)
}

fn app(file: &str, lang: Lang, now: Timestamp) -> App {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("meetings")
        .join(file);
    let meeting = load_meeting(&path).expect("the example loads").meeting;
    let minutes = Minutes::new(&meeting, file);
    let folder = path.parent().unwrap().to_path_buf();
    let mut app = App::new(meeting, folder, minutes, lang, now);
    // Every attachment read, as the background reader has done a moment after the start (the
    // example's PDFs through pdftotext, which CI installs); read once for all the states.
    for (item, index, text) in read_attachments(&path, &app.meeting) {
        let indexed = gavel::app::index::index_attachment(&app.meeting, lang, item, index, text);
        app.update(Action::AttachmentIndexed(indexed), now);
    }
    app
}

/// The texts of a meeting file's attachments, read once per test binary.
fn read_attachments(
    path: &std::path::Path,
    meeting: &gavel::domain::meeting::Meeting,
) -> Vec<(usize, usize, gavel::store::documents::DocumentText)> {
    type Texts = Vec<(usize, usize, gavel::store::documents::DocumentText)>;
    static READ: std::sync::OnceLock<std::sync::Mutex<std::collections::HashMap<PathBuf, Texts>>> =
        std::sync::OnceLock::new();
    gavel::extract::use_extractor(std::path::Path::new(env!("CARGO_BIN_EXE_gavel")));
    let mut read = READ.get_or_init(Default::default).lock().unwrap();
    read.entry(path.to_path_buf())
        .or_insert_with(|| {
            let folder = gavel::store::attachments::resolved_folder(path.parent().unwrap());
            let folder = folder.unwrap();
            gavel::store::attachments::attachment_files(meeting)
                .into_iter()
                .map(|(item, index, file)| {
                    let text = gavel::store::documents::read_attachment(&folder, &file, None);
                    (item, index, text.unwrap())
                })
                .collect()
        })
        .clone()
}

fn november(lang: Lang) -> App {
    app("2017-11-20-raadsplein-takzaal.yaml", lang, nov("19:25:00"))
}

fn typed(app: &mut App, text: &str, now: Timestamp) {
    for ch in text.chars() {
        let key = KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE);
        app.update(Action::Input(key), now);
    }
}

fn select(app: &mut App, number: &str, now: Timestamp) {
    while app.meeting.items[app.selected].number != number {
        app.update(Action::Down, now);
    }
}

fn add(app: &mut App, who: &str, now: Timestamp) {
    app.update(Action::AddSpeaker, now);
    typed(app, who, now);
    app.update(Action::Confirm, now);
}

/// Item 5 taken up at 21:10 with VVD, the portfolio holder and D66 on the list.
fn item_5(lang: Lang) -> App {
    let mut app = november(lang);
    select(&mut app, "5", nov("21:10:00"));
    app.update(Action::TakeUp, nov("21:10:00"));
    for who in ["VVD", "meijerink", "D66"] {
        add(&mut app, who, nov("21:10:00"));
    }
    app
}

fn at_time(mut app: App, now: Timestamp) -> App {
    app.update(Action::Tick, now);
    app
}

/// What must be on screen, whole, per language.
struct Essentials {
    nl: Vec<&'static str>,
    en: Vec<&'static str>,
}

fn states(lang: Lang) -> Vec<(&'static str, App, Essentials)> {
    let mut states = Vec::new();

    states.push((
        "before_opening",
        november(lang),
        Essentials {
            nl: vec!["nog niet geopend", "gepland einde 22:30"],
            en: vec!["not opened", "planned end 22:30"],
        },
    ));

    let mut running = november(lang);
    select(&mut running, "5", nov("21:10:00"));
    running.update(Action::TakeUp, nov("21:10:00"));
    states.push((
        "item_running",
        at_time(running, nov("21:10:04")),
        Essentials {
            nl: vec!["0:04 / 1:20:00", "nog 1:19:56"],
            en: vec!["0:04 / 1:20:00", "1:19:56 left"],
        },
    ));

    let mut speaking = item_5(lang);
    speaking.update(Action::ToggleSpeaker, nov("21:10:00"));
    states.push((
        "speaker_with_budget",
        at_time(speaking, nov("21:11:00")),
        Essentials {
            nl: vec!["1:00 / 1:20:00", "▶ VVD", " 1:00 ", "nog 3:00", "Meijerink"],
            en: vec![
                "1:00 / 1:20:00",
                "▶ VVD",
                " 1:00 ",
                "left 3:00",
                "Meijerink",
            ],
        },
    ));

    let mut over = item_5(lang);
    over.update(Action::ToggleSpeaker, nov("21:10:00"));
    states.push((
        "over_budget",
        at_time(over, nov("21:14:29")),
        Essentials {
            nl: vec![
                "4:29 / 1:20:00",
                "▶ VVD",
                " 4:29 ",
                "+0:29 over tijd",
                "Meijerink",
            ],
            en: vec![
                "4:29 / 1:20:00",
                "▶ VVD",
                " 4:29 ",
                "+0:29 over",
                "Meijerink",
            ],
        },
    ));

    let mut interruption = item_5(lang);
    interruption.update(Action::ToggleSpeaker, nov("21:10:00"));
    interruption.update(Action::Interrupt, nov("21:12:00"));
    typed(&mut interruption, "SP", nov("21:12:00"));
    interruption.update(Action::Confirm, nov("21:12:00"));
    states.push((
        "interruption",
        at_time(interruption, nov("21:12:30")),
        Essentials {
            nl: vec![
                "2:30 / 1:20:00",
                "‖ VVD",
                " 2:00 ",
                "▶ ↳ SP",
                " 0:30 ",
                "nog 3:30",
            ],
            en: vec![
                "2:30 / 1:20:00",
                "‖ VVD",
                " 2:00 ",
                "▶ ↳ SP",
                " 0:30 ",
                "left 3:30",
            ],
        },
    ));

    let mut paused = item_5(lang);
    paused.update(Action::ToggleSpeaker, nov("21:10:00"));
    paused.update(Action::ToggleSpeaker, nov("21:11:15"));
    states.push((
        "pause",
        at_time(paused, nov("21:12:00")),
        Essentials {
            nl: vec!["2:00 / 1:20:00", "‖ VVD", " 1:15 ", "nog 2:45", "Meijerink"],
            en: vec![
                "2:00 / 1:20:00",
                "‖ VVD",
                " 1:15 ",
                "left 2:45",
                "Meijerink",
            ],
        },
    ));

    let mut pause_item = november(lang);
    select(&mut pause_item, "4", nov("21:00:00"));
    pause_item.update(Action::TakeUp, nov("21:00:00"));
    states.push((
        "break",
        at_time(pause_item, nov("21:05:00")),
        Essentials {
            nl: vec!["5:00 / 10:00", "21:10", "over 5:00"],
            en: vec!["5:00 / 10:00", "21:10", "in 5:00"],
        },
    ));

    // The decision meeting: the presentielijst, then a vote being marked.
    let decision = |lang| {
        let mut app = app(
            "2017-02-06-raadsplein-besluitvormend.yaml",
            lang,
            feb("19:30:00"),
        );
        app.update(Action::Attendance, feb("19:30:00"));
        app.update(Action::EveryonePresent, feb("19:30:00"));
        app
    };
    states.push((
        "presentielijst",
        decision(lang),
        Essentials {
            nl: vec!["Presentielijst: 39 van 39 zetels aanwezig"],
            en: vec!["Attendance list: 39 of 39 seats present"],
        },
    ));
    let mut vote = decision(lang);
    vote.update(Action::Close, feb("19:45:00"));
    vote.update(Action::Down, feb("20:00:00"));
    vote.update(Action::TakeUp, feb("20:00:00"));
    vote.update(Action::Vote, feb("20:05:00"));
    typed(&mut vote, "motie", feb("20:05:00"));
    vote.update(Action::Confirm, feb("20:05:00"));
    vote.update(Action::MarkFor, feb("20:06:00"));
    states.push((
        "vote_sheet",
        vote,
        Essentials {
            nl: vec!["voor 7 · tegen 0", "32 nog niet gemarkeerd"],
            en: vec!["for 7 · against 0", "32 not marked yet"],
        },
    ));

    let mut closed = november(lang);
    closed.update(Action::TakeUp, nov("19:30:00"));
    closed.update(Action::StopItem, nov("19:34:00"));
    closed.update(Action::CloseMeeting, nov("22:31:00"));
    closed.update(Action::Confirm, nov("22:31:00"));
    states.push((
        "closed",
        at_time(closed, nov("22:32:00")),
        Essentials {
            nl: vec!["gesloten om 22:31"],
            en: vec!["closed at 22:31"],
        },
    ));
    // Two seats (issue 26): the clerk's console while the chair runs the clock, and the
    // chair's with the clerk gone since 21:05.
    let clerk_name = match lang {
        Lang::Nl => "griffier",
        Lang::En => "clerk",
    };
    let chair_name = match lang {
        Lang::Nl => "voorzitter",
        Lang::En => "chair",
    };
    let mut clerk = item_5(lang);
    let mut seat = SeatState::new(clerk_name, chair_name, false);
    seat.peer = Peer::Here {
        seat: chair_name.to_string(),
        direct: false,
    };
    clerk = clerk.with_seat(seat);
    states.push((
        "seat_clerk",
        at_time(clerk, nov("21:11:00")),
        Essentials {
            nl: vec!["voorzitter verbonden"],
            en: vec!["chair connected"],
        },
    ));
    let mut chair = item_5(lang);
    let mut seat = SeatState::new(chair_name, chair_name, true);
    seat.peer = Peer::Away {
        seat: clerk_name.to_string(),
        since: nov("21:05:00"),
    };
    chair = chair.with_seat(seat);
    states.push((
        "seat_chair_alone",
        at_time(chair, nov("21:11:00")),
        Essentials {
            nl: vec!["griffier weg sinds 21:05"],
            en: vec!["clerk away since 21:05"],
        },
    ));
    // The other seat gone since yesterday (its file left behind): the day is said.
    let mut chair = item_5(lang);
    let mut seat = SeatState::new(chair_name, chair_name, true);
    seat.peer = Peer::Away {
        seat: clerk_name.to_string(),
        since: DateTime::parse_from_rfc3339("2017-11-19T21:05:00+01:00").unwrap(),
    };
    chair = chair.with_seat(seat);
    states.push((
        "seat_away_yesterday",
        at_time(chair, nov("21:11:00")),
        Essentials {
            nl: vec!["griffier weg sinds 19-11 21:05"],
            en: vec!["clerk away since 19-11 21:05"],
        },
    ));
    // The direct connection refused for another seat key: the message names the file and what
    // to do, and is not cut at 80 columns.
    let mut clerk = item_5(lang);
    let mut seat = SeatState::new(clerk_name, chair_name, false);
    seat.peer = Peer::Here {
        seat: chair_name.to_string(),
        direct: true,
    };
    clerk = clerk.with_seat(seat);
    let why = Msg::SeatLinkWrongKey.fill(lang, &[&"2017-11-20-raadsplein-takzaal.seat-key"]);
    clerk.show_error(Msg::SeatLinkUnreachable.fill(lang, &[&"192.168.100.200:7878", &why]));
    states.push((
        "seat_link_refused",
        at_time(clerk, nov("21:11:00")),
        Essentials {
            nl: vec![
                "voorzitter gekoppeld",
                "takzaal.seat-key",
                "zelfstandig door.",
            ],
            en: vec!["chair linked", "takzaal.seat-key", "own meanwhile."],
        },
    ));
    states
}

fn screen(app: &mut App, width: u16, height: u16) -> String {
    app.screen_rows = height;
    app.item_scroll_limit = gavel::ui::item_scroll_limit(app, width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| gavel::ui::draw(frame, app)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            let row: String = (0..width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect();
            row.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_console_state_shows_its_essentials_whole_at_every_size_in_both_languages() {
    if !common::pdftotext_or_skip(
        "every_console_state_shows_its_essentials_whole_at_every_size_in_both_languages",
    ) {
        return;
    }
    let mut missing = Vec::new();
    for lang in [Lang::Nl, Lang::En] {
        for (name, mut app, essentials) in states(lang) {
            let wanted = match lang {
                Lang::Nl => &essentials.nl,
                Lang::En => &essentials.en,
            };
            for (width, height) in SIZES {
                let shown = screen(&mut app, width, height);
                for text in wanted {
                    if !shown.contains(text) {
                        missing.push(format!(
                            "{name} {lang:?} {width}x{height}: {text:?} not on screen:\n{shown}"
                        ));
                    }
                }
                let lang_name = match lang {
                    Lang::Nl => "nl",
                    Lang::En => "en",
                };
                insta::assert_snapshot!(format!("{name}_{lang_name}_{width}x{height}"), shown);
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n\n"));
}

/// A rehearsal on another day than the meeting's: the plan is compared on the day it was opened.
#[test]
fn a_rehearsal_on_another_day_is_not_late_by_the_days_between() {
    if !common::pdftotext_or_skip("a_rehearsal_on_another_day_is_not_late_by_the_days_between") {
        return;
    }
    let day = |time| at("2026-12-04", time);
    let mut app = app(
        "2017-11-20-raadsplein-takzaal.yaml",
        Lang::Nl,
        day("19:00:00"),
    );
    select(&mut app, "5", day("19:00:00"));
    app.update(Action::TakeUp, day("19:00:00"));
    app.update(Action::Tick, day("19:00:05"));
    let shown = screen(&mut app, 80, 24);
    let header = shown.lines().nth(1).unwrap();
    assert!(header.contains("gepland einde 22:30"), "{header}");
    assert!(!header.contains("(!)"), "{header}");
}

/// Minutes opened one evening and looked at the next day: when it opened, not a counter.
#[test]
fn a_meeting_open_since_yesterday_says_when_it_opened() {
    if !common::pdftotext_or_skip("a_meeting_open_since_yesterday_says_when_it_opened") {
        return;
    }
    let mut app = november(Lang::Nl);
    app.update(Action::TakeUp, nov("19:31:00"));
    app.update(Action::Tick, at("2017-11-21", "09:15:00"));
    let shown = screen(&mut app, 80, 24);
    let header = shown.lines().nth(1).unwrap();
    assert!(header.contains("geopend 20-11-2017 19:31"), "{header}");
    assert!(!header.contains("open 13:"), "{header}");
}

/// After the meeting the clerk reviews item 5: its speakers, conclusion and three commitments are
/// in the item pane, whole, at 80x24.
#[test]
fn the_item_pane_of_a_done_item_shows_what_was_recorded_whole() {
    if !common::pdftotext_or_skip("the_item_pane_of_a_done_item_shows_what_was_recorded_whole") {
        return;
    }
    let mut app = item_5(Lang::Nl);
    app.update(Action::ToggleSpeaker, nov("21:10:00"));
    app.update(Action::NextSpeaker, nov("21:14:00"));
    app.update(Action::RecordConclusion, nov("21:30:00"));
    typed(
        &mut app,
        "De informatienota kan voor kennisgeving worden aangenomen.",
        nov("21:30:00"),
    );
    app.update(Action::Store, nov("21:30:00"));
    for n in 1..=3 {
        app.update(Action::RecordCommitment, nov("21:31:00"));
        typed(
            &mut app,
            &format!("Toezegging nummer {n} over de wachtlijst."),
            nov("21:31:00"),
        );
        app.update(Action::Store, nov("21:31:00"));
    }
    app.update(Action::StopItem, nov("21:40:00"));
    app.update(Action::Tick, nov("22:40:00"));
    let shown = screen(&mut app, 80, 24);
    // The item pane's text, its wrapped lines joined again.
    let pane: Vec<&str> = shown
        .lines()
        .filter_map(|line| line.split_once('│').map(|(_, right)| right))
        .collect();
    let joined = pane
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for wanted in [
        "eerste termijn: VVD 4:00",
        "Conclusies (1):",
        "1. De informatienota kan voor kennisgeving worden aangenomen.",
        "Toezeggingen (3):",
        "2017-11-20-5-1",
        "2017-11-20-5-3",
        "Toezegging nummer 3 over de wachtlijst.",
    ] {
        assert!(joined.contains(wanted), "{wanted:?} not in:\n{shown}");
    }
    insta::assert_snapshot!(shown);
}

/// The clerk records the debate (D), the reply (W) and the finding (c) on item 5: the item pane
/// names each passage by its kind, in the order made, in either language.
#[test]
fn the_item_pane_names_the_debate_the_reply_and_the_conclusion_in_the_order_made() {
    if !common::pdftotext_or_skip(
        "the_item_pane_names_the_debate_the_reply_and_the_conclusion_in_the_order_made",
    ) {
        return;
    }
    for (lang, wanted) in [
        (
            Lang::Nl,
            [
                "Verslag (3):",
                "1. Debat: Van de zijde",
                "2. Reactie: Wethouder",
                "3. Conclusie: De voorzitter",
            ],
        ),
        (
            Lang::En,
            [
                "Record (3):",
                "1. Debate: Van de zijde",
                "2. Reply: Wethouder",
                "3. Conclusion: De voorzitter",
            ],
        ),
    ] {
        let mut app = item_5(lang);
        for (action, text) in [
            (
                Action::RecordDebate,
                "Van de zijde van de eerste agenderende fractie wordt gevraagd.",
            ),
            (
                Action::RecordReply,
                "Wethouder Meijerink geeft in haar reactie aan dat.",
            ),
            (
                Action::RecordConclusion,
                "De voorzitter constateert dat het voldoende besproken is.",
            ),
        ] {
            app.update(action, nov("21:30:00"));
            typed(&mut app, text, nov("21:30:00"));
            app.update(Action::Store, nov("21:30:00"));
        }
        app.update(Action::StopItem, nov("21:40:00"));
        for (width, height) in [(80, 24), (120, 35)] {
            let shown = screen(&mut app, width, height);
            let joined = shown
                .lines()
                .filter_map(|line| line.split_once('│').map(|(_, right)| right))
                .collect::<Vec<_>>()
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            for wanted in wanted {
                assert!(joined.contains(wanted), "{wanted:?} not in:\n{shown}");
            }
        }
    }
}

/// Every screen of the console in one language, for the word lists below.
fn every_screen(lang: Lang) -> Vec<(String, App)> {
    let mut screens: Vec<(String, App)> = states(lang)
        .into_iter()
        .map(|(name, app, _)| (name.to_string(), app))
        .collect();
    let live = || {
        let mut app = item_5(lang);
        app.update(Action::ToggleSpeaker, nov("21:10:00"));
        app.update(Action::Tick, nov("21:11:00"));
        app
    };
    let now = nov("21:11:00");
    let with = |name: &str, actions: &[Action]| {
        let mut app = live();
        for action in actions {
            app.update(action.clone(), now);
        }
        (name.to_string(), app)
    };
    screens.push(with("help", &[Action::Help]));
    // A clock key on the seat that does not run the clock: the question to take it over.
    let mut clerk = live().with_seat(SeatState::new("griffier", "voorzitter", false));
    clerk.update(Action::NextSpeaker, now);
    screens.push(("take the clock over?".to_string(), clerk));
    screens.push(with("help, paged", &[Action::Help, Action::PageDown]));
    screens.push(with("speaker picker", &[Action::AddSpeaker]));
    screens.push(with("search", &[Action::Search]));
    screens.push(with("conclusion form", &[Action::RecordConclusion]));
    screens.push(with("commitment form", &[Action::RecordCommitment]));
    screens.push(with("notes form", &[Action::EditNotes]));
    screens.push(with("attachments", &[Action::OpenAttachments]));
    screens.push(with("reader", &[Action::OpenAttachments, Action::Confirm]));
    screens.push(with("totals", &[Action::Totals]));
    screens.push(with(
        "totals of the meeting",
        &[Action::Totals, Action::NextField],
    ));
    screens.push(with("close question", &[Action::CloseMeeting]));
    screens.push(with("speakers focused", &[Action::ToggleFocus]));
    screens.push(with("interruption picker", &[Action::Interrupt]));
    screens
}

/// Words of the other language's interface that must never be on a screen: the catalogue cannot
/// drift again. (The example meeting's own text is Dutch, so the English list holds only words
/// of gavel's Dutch interface that the meeting file does not use.)
const NOT_ON_A_DUTCH_SCREEN: &[&str] = &[
    "Live",
    " left",
    "waiting",
    "paused",
    "scroll",
    "press ",
    "saved",
    "nothing ",
    "quit",
    "speaker",
    "Speaker",
    "Commitment",
    "Conclusion",
    "Attachment",
    "round",
    "Search",
    "item",
    "Item",
    "Close",
    "cancel",
    "Enter take",
    " y ",
    "Due",
    "optional",
    "Portfolio",
    "Informants:",
    "Department",
    "Requested",
    "planned",
    "projected",
    "opened",
    "not opened",
    "stores",
];
const NOT_ON_AN_ENGLISH_SCREEN: &[&str] = &[
    "presentielijst",
    "Presentielijst",
    "opgeslagen",
    "vastgelegd",
    "termijn",
    "spreektijd",
    "Portefeuillehouder",
    "Informanten",
    "Bijlagen",
    "druk ",
    "gepland",
    "verwacht",
    "Nu aan de orde",
    "Toezegging",
    "Conclusie",
    "spreker",
    "annuleer",
    "nog ",
    " wacht",
    "Uiterlijk",
];

#[test]
fn no_word_of_the_other_language_on_any_screen() {
    if !common::pdftotext_or_skip("no_word_of_the_other_language_on_any_screen") {
        return;
    }
    let mut found = Vec::new();
    for (lang, forbidden) in [
        (Lang::Nl, NOT_ON_A_DUTCH_SCREEN),
        (Lang::En, NOT_ON_AN_ENGLISH_SCREEN),
    ] {
        // The reader shows an attachment's own (Dutch) text.
        let screens = every_screen(lang)
            .into_iter()
            .filter(|(name, _)| name != "reader");
        for (name, mut app) in screens {
            for (width, height) in SIZES {
                let shown = screen(&mut app, width, height);
                for word in forbidden {
                    if shown.contains(word) {
                        found.push(format!(
                            "{word:?} on the {lang:?} screen {name} at {width}x{height}:\n{shown}"
                        ));
                    }
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "{}\n\n{} in all",
        found.join("\n\n"),
        found.len()
    );
}
