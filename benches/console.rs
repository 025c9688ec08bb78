//! How fast gavel answers: loading the example meeting (start-up), and one key press on the live
//! screen (update + draw of a full 160×48 frame and of an 80×24 one; paging at 80×24 with the
//! item pane measured first, as the loop does). Run with `cargo bench --bench console`.

use std::hint::black_box;
use std::path::Path;

use chrono::DateTime;
use criterion::{Criterion, criterion_group, criterion_main};
use gavel::app::App;
use gavel::domain::minutes::Minutes;
use gavel::i18n::Lang;
use gavel::keymap::Action;
use gavel::store::load::load_meeting;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const MEETING: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/meetings/2017-11-20-raadsplein-takzaal.yaml"
);

fn live_app() -> App {
    let at =
        |time: &str| DateTime::parse_from_rfc3339(&format!("2017-11-20T{time}+01:00")).unwrap();
    let meeting = load_meeting(Path::new(MEETING)).unwrap().meeting;
    let minutes = Minutes::new(&meeting, "m.yaml");
    let mut app = App::new(meeting, ".".into(), minutes, Lang::Nl, at("21:10:00"));
    for _ in 0..5 {
        app.update(Action::Down, at("21:10:00"));
    }
    app.update(Action::TakeUp, at("21:10:00"));
    for name in ["VVD", "D66", "SP", "vedel"] {
        app.update(Action::AddSpeaker, at("21:10:00"));
        for ch in name.chars() {
            app.update(
                Action::Input(KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE)),
                at("21:10:00"),
            );
        }
        app.update(Action::Confirm, at("21:10:00"));
    }
    app.update(Action::ToggleSpeaker, at("21:11:00"));
    app
}

fn benches(c: &mut Criterion) {
    c.bench_function("load the 2017-11-20 meeting file", |b| {
        b.iter(|| load_meeting(black_box(Path::new(MEETING))).unwrap())
    });

    let mut app = live_app();
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    let now = DateTime::parse_from_rfc3339("2017-11-20T21:15:00+01:00").unwrap();
    c.bench_function("key press on the live screen: update + draw 160x48", |b| {
        b.iter(|| {
            app.update(Action::ToggleSpeaker, now);
            terminal.draw(|frame| gavel::ui::draw(frame, &app)).unwrap();
        })
    });

    // A chair's laptop: a key, then the frame; paging first measures the item pane, as the loop does.
    let mut app = live_app();
    let mut small = Terminal::new(TestBackend::new(80, 24)).unwrap();
    c.bench_function("key press on the live screen: update + draw 80x24", |b| {
        b.iter(|| {
            app.update(Action::ToggleSpeaker, now);
            small.draw(|frame| gavel::ui::draw(frame, &app)).unwrap();
        })
    });
    c.bench_function(
        "page down on the live screen: measure + update + draw 80x24",
        |b| {
            b.iter(|| {
                app.item_scroll_limit = gavel::ui::item_scroll_limit(&app, 80, 24);
                app.update(Action::PageDown, now);
                app.update(Action::PageUp, now);
                small.draw(|frame| gavel::ui::draw(frame, &app)).unwrap();
            })
        },
    );

    let mut app = live_app();
    app.update(Action::Search, now);
    c.bench_function("typing in the search palette: update + draw 160x48", |b| {
        b.iter(|| {
            app.update(
                Action::Input(KeyEvent::new(KeyCode::Char('v'), KeyModifiers::NONE)),
                now,
            );
            app.update(
                Action::Input(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)),
                now,
            );
            terminal.draw(|frame| gavel::ui::draw(frame, &app)).unwrap();
        })
    });
}

criterion_group!(console, benches);
criterion_main!(console);
