//! Rendering is total: every view draws at every size from 1x1 to 300x100 without a panic.
//!
//! Every width 1..=40 with every height 1..=20 (where layouts run out of room), then a grid up to
//! 300x100 that includes both edges. The states are those of a meeting in progress: an item
//! running over its slot, speakers, an interruption, a conclusion and a commitment.

mod common;

use std::path::PathBuf;

use chrono::DateTime;
use gavel::app::{App, Mode};
use gavel::domain::minutes::{Minutes, Timestamp};
use gavel::i18n::Lang;
use gavel::keymap::Action;
use gavel::store::load::load_meeting;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn at(date: &str, time: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(&format!("{date}T{time}+01:00")).unwrap()
}

fn app(file: &str, lang: Lang, now: Timestamp) -> App {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("meetings")
        .join(file);
    let meeting = load_meeting(&path)
        .expect("the example meeting loads")
        .meeting;
    let minutes = Minutes::new(&meeting, file);
    App::new(meeting, path.parent().unwrap().into(), minutes, lang, now)
}

/// The example's attachments read, as the background reader does (its PDFs through pdftotext).
fn read_attachments(app: &mut App, now: Timestamp) {
    gavel::extract::use_extractor(std::path::Path::new(env!("CARGO_BIN_EXE_gavel")));
    let folder = gavel::store::attachments::resolved_folder(&app.meeting_dir).unwrap();
    for (item, index, file) in gavel::store::attachments::attachment_files(&app.meeting) {
        let text = gavel::store::documents::read_attachment(&folder, &file, None).unwrap();
        let indexed =
            gavel::app::index::index_attachment(&app.meeting, app.lang, item, index, text);
        app.update(Action::AttachmentIndexed(indexed), now);
    }
}

fn typed(app: &mut App, text: &str, now: Timestamp) {
    for ch in text.chars() {
        let key = KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE);
        app.update(Action::Input(key), now);
    }
    app.update(Action::Tick, now);
}

/// The takzaal meeting at 22:35: item 5 running since 21:10 (over its slot), VVD spoke, D66
/// speaking after an interruption, one conclusion and one commitment recorded.
fn live(lang: Lang) -> App {
    let t = |time| at("2017-11-20", time);
    let mut app = app("2017-11-20-raadsplein-takzaal.yaml", lang, t("19:25:00"));
    while app.meeting.items[app.selected].number != "5" {
        app.update(Action::Down, t("21:10:00"));
    }
    app.update(Action::TakeUp, t("21:10:00"));
    for name in ["VVD", "D66", "SP"] {
        app.update(Action::AddSpeaker, t("21:11:00"));
        typed(&mut app, name, t("21:11:00"));
        app.update(Action::Confirm, t("21:11:00"));
    }
    app.update(Action::ToggleSpeaker, t("21:12:00"));
    app.update(Action::NextSpeaker, t("21:16:00"));
    app.update(Action::Interrupt, t("21:18:00"));
    typed(&mut app, "GroenLinks", t("21:18:00"));
    app.update(Action::Confirm, t("21:18:00"));
    app.update(Action::NextSpeaker, t("21:19:00"));
    app.update(Action::RecordConclusion, t("22:30:00"));
    typed(
        &mut app,
        "De informatienota kan voor kennisgeving worden aangenomen.",
        t("22:30:00"),
    );
    app.update(Action::Store, t("22:31:00"));
    app.update(Action::RecordCommitment, t("22:32:00"));
    typed(
        &mut app,
        "De raad wordt geïnformeerd over de wsw-wachtlijst.",
        t("22:32:00"),
    );
    app.update(Action::Store, t("22:33:00"));
    app.update(Action::Tick, t("22:35:00"));
    app
}

/// Every view, by name, in the state that shows it.
fn views() -> Vec<(&'static str, App)> {
    let end = at("2017-11-20", "22:35:00");
    let mut views = Vec::new();
    views.push(("normal", live(Lang::Nl)));

    let mut speakers = live(Lang::En);
    speakers.update(Action::ToggleFocus, end);
    views.push(("normal, speakers focused", speakers));

    let mut help = live(Lang::En);
    help.update(Action::Help, end);
    views.push(("help", help));

    let mut picker = live(Lang::Nl);
    picker.update(Action::AddSpeaker, end);
    typed(&mut picker, "ve", end);
    views.push(("speaker picker", picker));

    let mut search = live(Lang::Nl);
    search.update(Action::Search, end);
    typed(&mut search, "wachtlijst", end);
    views.push(("search picker", search));

    let mut editor = live(Lang::Nl);
    editor.update(Action::RecordCommitment, end);
    typed(
        &mut editor,
        "Een lange toezegging die over meer dan een regel loopt, om het omslaan te zien",
        end,
    );
    views.push(("editor form", editor));

    let mut reader = live(Lang::Nl);
    read_attachments(&mut reader, end);
    reader.update(Action::OpenAttachments, end);
    reader.update(Action::Confirm, end);
    reader.update(Action::Search, end);
    typed(&mut reader, "plekken", end);
    views.push(("reader", reader));

    let mut totals = live(Lang::Nl);
    totals.update(Action::Totals, end);
    views.push(("totals of the item", totals));

    let mut meeting_totals = live(Lang::Nl);
    meeting_totals.update(Action::Totals, end);
    meeting_totals.update(Action::NextField, end);
    views.push(("totals of the meeting", meeting_totals));

    let mut confirm = live(Lang::Nl);
    confirm.update(Action::CloseMeeting, end);
    views.push(("confirm", confirm));

    // The presentielijst and the vote sheet on the decision meeting, which has members and votes.
    let t = |time| at("2017-02-06", time);
    let decision = || {
        let mut app = app(
            "2017-02-06-raadsplein-besluitvormend.yaml",
            Lang::Nl,
            t("19:30:00"),
        );
        app.update(Action::Attendance, t("19:30:00"));
        app.update(Action::EveryonePresent, t("19:30:00"));
        app.update(Action::Down, t("19:30:00"));
        app.update(Action::TogglePresence, t("19:45:00"));
        app
    };
    views.push(("attendance", decision()));

    let mut vote = decision();
    vote.update(Action::Close, t("19:45:00"));
    vote.update(Action::Down, t("20:00:00"));
    vote.update(Action::TakeUp, t("20:00:00"));
    vote.update(Action::Vote, t("20:05:00"));
    typed(&mut vote, "motie", t("20:05:00"));
    vote.update(Action::Confirm, t("20:05:00"));
    for mark in [Action::MarkFor, Action::MarkAgainst, Action::NotVoting] {
        vote.update(mark, t("20:06:00"));
    }
    views.push(("vote sheet", vote));
    views
}

/// Every width 1..=40 with every height 1..=20, then a grid up to 300x100 with both edges;
/// `GAVEL_RENDER_EVERY_SIZE=1` draws every one of the 30 000 sizes instead (minutes, not seconds).
fn sizes() -> Vec<(u16, u16)> {
    if std::env::var_os("GAVEL_RENDER_EVERY_SIZE").is_some() {
        return (1..=300)
            .flat_map(|w| (1..=100).map(move |h| (w, h)))
            .collect();
    }
    let mut sizes: Vec<(u16, u16)> = (1..=40)
        .flat_map(|w| (1..=20).map(move |h| (w, h)))
        .collect();
    let widths = (1..=300).step_by(23).chain([300]);
    for w in widths {
        for h in (1..=100).step_by(9).chain([100]) {
            if w > 40 || h > 20 {
                sizes.push((w, h));
            }
        }
    }
    sizes.sort_unstable();
    sizes.dedup();
    assert!(sizes.contains(&(300, 100)) && sizes.contains(&(1, 1)));
    sizes
}

#[test]
fn every_view_renders_at_every_size_without_a_panic() {
    if !common::pdftotext_or_skip("every_view_renders_at_every_size_without_a_panic") {
        return;
    }
    let shown = views();
    let kinds: Vec<String> = shown
        .iter()
        .map(|(name, app)| format!("{name}: {:?}", app.mode_kind()))
        .collect();
    // Each state shows the view it is named after (a refused key would leave it on Normal).
    let expected = [
        "Normal",
        "Normal",
        "Help",
        "Picker",
        "Picker",
        "Editor",
        "ReaderQuery",
        "Totals",
        "Totals",
        "Confirm",
        "Attendance",
        "Vote",
    ];
    for (kind, expected) in kinds.iter().zip(expected) {
        assert!(kind.ends_with(expected), "{kind}, expected {expected}");
    }
    assert!(matches!(shown[0].1.mode, Mode::Normal));
    // Size by size, every view in turn: ratatui caches layouts per thread, so the views share
    // the work of laying out the screen at each size. Two threads (two cores), each with its
    // own views, take every other size.
    let sizes = sizes();
    std::thread::scope(|scope| {
        for half in [0, 1] {
            let sizes = &sizes;
            scope.spawn(move || {
                let mut views = views();
                for &(width, height) in sizes.iter().skip(half).step_by(2) {
                    for (name, app) in &mut views {
                        draw(name, app, width, height);
                    }
                }
            });
        }
    });
}

fn draw(name: &str, app: &mut App, width: u16, height: u16) {
    // As the loop does before it draws: paging and wrapping follow the terminal's size.
    app.screen_rows = height;
    app.item_scroll_limit = gavel::ui::item_scroll_limit(app, width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        terminal.draw(|frame| gavel::ui::draw(frame, app)).unwrap();
    }));
    assert!(drawn.is_ok(), "{name} panicked at {width}x{height}");
}
