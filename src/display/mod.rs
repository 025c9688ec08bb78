//! `gavel display`: the room's screen. It follows the minutes file the console writes after every
//! change and shows what is public in the room; it never writes and never takes the console's
//! lock, so it can run beside the console, on another machine with the folder shared, or many
//! times at once.
//!
//! One model (`RoomView`, built from the meeting, the minutes as last read and the time) and its
//! renderers: the terminal here, the web page in `web`.

#[cfg(test)]
mod fixtures;
pub mod follow;
pub mod model;
pub mod terminal;
pub mod web;

use std::io;
use std::net::SocketAddr;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::{Local, Timelike};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};

use crate::domain::meeting::Meeting;
use crate::domain::minutes::{Minutes, Timestamp};
use crate::i18n::{Lang, Msg};
use crate::store::load::load_meeting;
use crate::store::minutes_file::minutes_path_for;
use follow::{Follower, Update, follow};
use model::RoomView;

/// Prints a line to stderr without panicking when stderr is gone.
macro_rules! report {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// How long the loop waits for a key before it looks for news and the clock again: a key
/// ends the wait at once; a save is on screen within this (and the follower's) delay. At
/// 50 ms the idle display spent 2 % of a core building views no one saw change.
const WAKE: Duration = Duration::from_millis(150);

/// The wall clock in whole seconds, with the local offset, as the minutes record it.
fn now() -> Timestamp {
    let now = Local::now().fixed_offset();
    now.with_nanosecond(0).unwrap_or(now)
}

/// The minutes as last read, and whether the file is there and loads.
#[derive(Debug, Default)]
pub struct Followed {
    pub minutes: Option<Minutes>,
    state: FileState,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum FileState {
    #[default]
    Missing,
    Good,
    Damaged,
}

impl Followed {
    /// Takes in what the follower saw; a damaged file keeps the last good minutes.
    pub fn apply(&mut self, update: Update) {
        match update {
            Update::Minutes(minutes) => {
                self.minutes = Some(*minutes);
                self.state = FileState::Good;
            }
            Update::Missing => {
                self.minutes = None;
                self.state = FileState::Missing;
            }
            Update::Damaged(_) => self.state = FileState::Damaged,
        }
    }

    /// The discreet line at the bottom, when there is something to say.
    pub fn notice(&self, minutes_file: &str, lang: Lang) -> Option<String> {
        match self.state {
            FileState::Good => None,
            FileState::Missing => Some(Msg::DisplayWaitingForMinutes.fill(lang, &[&minutes_file])),
            FileState::Damaged => Some(Msg::DisplayDamaged.text(lang).to_string()),
        }
    }

    /// The room's screen now.
    pub fn view(
        &self,
        meeting: &Meeting,
        minutes_file: &str,
        now: Timestamp,
        lang: Lang,
    ) -> RoomView {
        RoomView::build(meeting, self.minutes.as_ref(), now, lang)
            .with_notice(self.notice(minutes_file, lang))
    }
}

/// Runs the display on a meeting file; returns the process exit code.
pub fn run(meeting_path: &Path, http: Option<SocketAddr>, lang: Lang) -> i32 {
    let meeting = match load_meeting(meeting_path) {
        Ok(loaded) => loaded.meeting,
        Err(diagnostics) => {
            for diagnostic in diagnostics {
                report!("{}", diagnostic.in_language(lang));
            }
            return 1;
        }
    };
    let minutes_path = minutes_path_for(meeting_path);
    let minutes_file = minutes_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let follower = follow(&minutes_path);
    if let Some(error) = &follower.watch_error {
        report!(
            "{}",
            Msg::DisplayCannotWatch.fill(lang, &[&minutes_path.display(), error])
        );
    }
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        if let Err(error) = signal_hook::flag::register(signal, Arc::clone(&stop)) {
            report!("gavel: cannot watch signal {signal}: {error}");
        }
    }
    if let Some(address) = http {
        let listener = match std::net::TcpListener::bind(address) {
            Ok(listener) => listener,
            Err(error) => {
                report!(
                    "{}",
                    Msg::DisplayCannotServe.fill(lang, &[&address, &error])
                );
                return 1;
            }
        };
        let shown = listener.local_addr().unwrap_or(address);
        report!("{}", Msg::DisplayServing.fill(lang, &[&shown]));
        let updates = follower.updates;
        return web::serve(listener, meeting, minutes_file, updates, lang, stop);
    }
    let room = Room {
        meeting: &meeting,
        minutes_file: &minutes_file,
        lang,
    };
    // ratatui::init puts the terminal in raw mode and installs a panic hook that restores it.
    let mut terminal = ratatui::init();
    let result = catch_unwind(AssertUnwindSafe(|| {
        event_loop(&mut terminal, &room, &follower, &stop)
    }));
    let _ = catch_unwind(AssertUnwindSafe(move || {
        let _ = ratatui::try_restore();
        drop(terminal);
    }));
    match result {
        Ok(Ok(())) => 0,
        Ok(Err(_)) if stop.load(Ordering::Relaxed) => 0,
        Ok(Err(error)) => {
            report!("{}", Msg::TerminalFailed.fill(lang, &[&error]));
            1
        }
        Err(_) => {
            report!("{}", Msg::InternalError.text(lang));
            101
        }
    }
}

/// What stays the same while the display runs.
struct Room<'a> {
    meeting: &'a Meeting,
    minutes_file: &'a str,
    lang: Lang,
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    room: &Room,
    follower: &Follower,
    stop: &AtomicBool,
) -> io::Result<()> {
    let mut followed = Followed::default();
    let mut shown: Option<RoomView> = None;
    loop {
        while let Ok(update) = follower.updates.try_recv() {
            followed.apply(update);
        }
        let view = followed.view(room.meeting, room.minutes_file, now(), room.lang);
        // Drawn when something changed: a save, the next second, a resize.
        if shown.as_ref() != Some(&view) {
            terminal.draw(|frame| terminal::draw(frame, &view))?;
            shown = Some(view);
        }
        if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        while event::poll(WAKE)? {
            match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    let ctrl_c = key.code == KeyCode::Char('c')
                        && key.modifiers.contains(KeyModifiers::CONTROL);
                    if matches!(key.code, KeyCode::Char('q') | KeyCode::Esc) || ctrl_c {
                        return Ok(());
                    }
                }
                Event::Resize(..) => shown = None,
                _ => {}
            }
        }
    }
}
