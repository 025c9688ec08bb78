//! The console's life: load, lock, resume, then the loop key -> action -> update -> save -> draw,
//! and a terminal restored whatever happens.

use std::io;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use chrono::{Local, Timelike};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind};

use crate::app::index::{IndexedAttachment, index_in_background};
use crate::app::{App, Settings};
use crate::domain::minutes::{Minutes, Timestamp};
use crate::i18n::{Lang, Msg};
use crate::keymap::{Action, action_for};
use crate::store::load::load_meeting;
use crate::store::lock::{self, LockError, MinutesLock};
use crate::store::minutes_file::{minutes_path_for, move_aside, read_minutes};
use crate::store::save::{minutes_yaml, save_minutes};

/// Prints a line to stderr without panicking when stderr is gone (a closed terminal window).
macro_rules! report {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// How often the screen refreshes when no key is pressed: the clocks show seconds.
const TICK: Duration = Duration::from_millis(250);
/// One frame at 60 Hz: how soon background results are drawn.
const FRAME: Duration = Duration::from_millis(16);
/// A draft is saved this long after the last keystroke...
const DRAFT_QUIET: Duration = Duration::from_millis(700);
/// ...or at the latest this long after it changed, even while typing goes on.
const DRAFT_MAX_WAIT: Duration = Duration::from_millis(1500);
/// A failed save is tried again this often.
const RETRY: Duration = Duration::from_secs(2);

/// The wall clock in whole seconds, with the local offset, as the minutes record it.
fn now() -> Timestamp {
    let now = Local::now().fixed_offset();
    now.with_nanosecond(0).unwrap_or(now)
}

/// Runs the console on a meeting file; returns the process exit code.
pub fn run(meeting_path: &Path, lang: Lang, move_broken_aside: bool, settings: Settings) -> i32 {
    let loaded = match load_meeting(meeting_path) {
        Ok(loaded) => loaded,
        Err(diagnostics) => {
            for diagnostic in diagnostics {
                report!("{}", diagnostic.in_language(lang));
            }
            return 1;
        }
    };
    let minutes_path = minutes_path_for(meeting_path);
    let lock = match lock::acquire(&minutes_path) {
        Ok(lock) => lock,
        Err(LockError::Held { path, holder }) => {
            report!("{}", Msg::LockHeld.fill(lang, &[&path, &holder]));
            return 1;
        }
        Err(error) => {
            report!("{}", Msg::LockFailed.fill(lang, &[&error]));
            return 1;
        }
    };
    let meeting_file_name = meeting_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let minutes = match read_minutes(&minutes_path) {
        Ok(Some(minutes)) => minutes,
        Ok(None) => Minutes::new(&loaded.meeting, &meeting_file_name),
        Err(diagnostic) if move_broken_aside => match move_aside(&minutes_path) {
            Ok(backup) => {
                report!("{}", diagnostic.in_language(lang));
                report!("{}", Msg::MovedAside.fill(lang, &[&backup.display()]));
                Minutes::new(&loaded.meeting, &meeting_file_name)
            }
            Err(error) => {
                let path = minutes_path.display();
                report!("{}", Msg::CannotMoveAside.fill(lang, &[&path, &error]));
                return 1;
            }
        },
        Err(diagnostic) => {
            report!("{}", diagnostic.in_language(lang));
            return 1;
        }
    };
    let meeting_dir = meeting_path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let warnings = loaded.warnings.len();
    let meeting_dir_for_register = meeting_dir.clone();
    let mut app = App::new(loaded.meeting, meeting_dir, minutes, lang, now())
        .with_settings(settings)
        .with_meeting_warnings(warnings)
        .with_register(
            crate::register::scan(&meeting_dir_for_register, now().date_naive())
                .map_err(|d| d.in_language(lang)),
        );
    let mut store = Store::new(minutes_path, lock);
    // Attachment texts become searchable as they are indexed, without holding up the console.
    let attachment_texts = index_in_background(&app.meeting, &app.meeting_dir, lang);

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

    // ratatui::init puts the terminal in raw mode and installs a panic hook that restores it.
    let mut terminal = ratatui::init();
    let result = catch_unwind(AssertUnwindSafe(|| {
        event_loop(
            &mut terminal,
            &mut app,
            &mut store,
            &stop,
            &attachment_texts,
        )
    }));
    // Whatever ended the loop (quit, signal, panic, a lost terminal), write what is in memory
    // first: restoring a terminal that is gone can fail, and must not stop the save.
    // Only browsing (nothing recorded, no file yet) leaves no minutes file behind.
    let final_save = if app.minutes.is_blank() && !store.path.exists() {
        Ok(())
    } else {
        store.save_now(&mut app)
    };
    // ratatui reports restore failures with eprintln!, which panics when stderr is a closed
    // window; there is nothing left to restore then, so such a panic is only swallowed.
    let _ = catch_unwind(AssertUnwindSafe(move || {
        let _ = ratatui::try_restore();
        drop(terminal);
    }));
    let code = match result {
        Ok(Ok(())) => 0,
        // A closed window (SIGHUP) takes the terminal with it: that is how it ends, not a failure.
        Ok(Err(_)) if stop.load(Ordering::Relaxed) => 0,
        Ok(Err(error)) => {
            report!("{}", Msg::TerminalFailed.fill(lang, &[&error]));
            1
        }
        Err(_) => {
            report!("{}", Msg::InternalError.text(lang));
            101
        }
    };
    match final_save {
        Ok(()) if code != 0 => report!("{}", Msg::SavedIn.fill(lang, &[&store.path.display()])),
        Ok(()) => {}
        Err(error) => {
            report!("{}", Msg::FinalSaveFailed.fill(lang, &[&error]));
            rescue(&store.path, &app, lang);
            return code.max(1);
        }
    }
    code
}

/// The last resort when the minutes file cannot be written at the end: a copy in the temporary
/// folder, and failing that the YAML itself on the terminal, so nothing on screen is lost.
fn rescue(minutes_path: &Path, app: &App, lang: Lang) {
    let name = minutes_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "minutes.yaml".into());
    let stamp = Local::now().format("%Y%m%d-%H%M%S");
    let copy = std::env::temp_dir().join(format!("{name}.rescued-{stamp}"));
    let minutes = app.minutes.for_saving(&app.meeting, now());
    match save_minutes(&copy, &minutes) {
        Ok(()) => report!("{}", Msg::Rescued.fill(lang, &[&copy.display()])),
        Err(_) => match minutes_yaml(&minutes) {
            Ok(yaml) => report!("{}\n{yaml}", Msg::RescuedHere.text(lang)),
            Err(error) => report!("{}", Msg::FinalSaveFailed.fill(lang, &[&error])),
        },
    }
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    store: &mut Store,
    stop: &AtomicBool,
    attachment_texts: &Receiver<IndexedAttachment>,
) -> io::Result<()> {
    loop {
        while let Ok(indexed) = attachment_texts.try_recv() {
            app.update(Action::AttachmentIndexed(indexed), now());
        }
        if app.update(Action::Tick, now()).bell {
            ring_bell();
        }
        // Paging needs the screen size; it is a fact of the terminal, not a user action.
        let size = terminal.size()?;
        (app.screen_rows, app.screen_cols) = (size.height, size.width);
        terminal.draw(|frame| crate::ui::draw(frame, app))?;

        if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        store.save_if_due(app);

        // Wait for a key; then take every key already typed before drawing again, so a fast
        // typist is answered in one frame and work such as re-ranking a long list runs once.
        // While a long list is ranked on a worker, look again at the next frame for its results.
        let mut timeout = if app.is_busy() { FRAME } else { TICK };
        while event::poll(timeout)? {
            timeout = Duration::ZERO;
            let Event::Key(key) = event::read()? else {
                continue; // resize and focus events only need a redraw
            };
            if key.kind == KeyEventKind::Release {
                continue;
            }
            let Some(action) = action_for(app.mode_kind(), key) else {
                continue;
            };
            let outcome = app.update(action, now());
            if outcome.minutes_changed {
                let result = store.save_now(app);
                app.note_save(result);
            } else if outcome.draft_changed {
                store.draft_changed();
            }
            if app.should_quit() {
                return Ok(());
            }
        }
    }
}

/// The terminal bell: one BEL character, which every terminal understands.
fn ring_bell() {
    use std::io::Write as _;
    let mut out = io::stdout();
    let _ = out.write_all(b"\x07");
    let _ = out.flush();
}

/// Writes the minutes and remembers what is still to write.
struct Store {
    path: PathBuf,
    _lock: MinutesLock,
    /// Set when a save failed: try again every `RETRY`.
    failed_at: Option<Instant>,
    draft_since: Option<Instant>,
    last_draft_key: Instant,
}

impl Store {
    fn new(path: PathBuf, lock: MinutesLock) -> Store {
        Store {
            path,
            _lock: lock,
            failed_at: None,
            draft_since: None,
            last_draft_key: Instant::now(),
        }
    }

    fn save_now(&mut self, app: &mut App) -> Result<(), String> {
        let minutes = app.minutes.for_saving(&app.meeting, now());
        let result = save_minutes(&self.path, &minutes).map_err(|e| e.to_string());
        if result.is_ok() {
            self.failed_at = None;
            self.draft_since = None;
        } else {
            self.failed_at = Some(Instant::now());
        }
        result
    }

    fn draft_changed(&mut self) {
        self.last_draft_key = Instant::now();
        self.draft_since.get_or_insert(self.last_draft_key);
    }

    /// Saves a changed draft once typing pauses, and retries a failed save.
    fn save_if_due(&mut self, app: &mut App) {
        let retry_due = self.failed_at.is_some_and(|at| at.elapsed() >= RETRY);
        let draft_due = self.draft_since.is_some_and(|since| {
            self.last_draft_key.elapsed() >= DRAFT_QUIET || since.elapsed() >= DRAFT_MAX_WAIT
        });
        if retry_due || draft_due {
            let result = self.save_now(app);
            app.note_save(result);
        }
    }
}
