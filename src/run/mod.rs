//! The console's life: load, lock, resume, then the loop key -> action -> update -> save -> draw,
//! and a terminal restored whatever happens.

use std::io::{self, IsTerminal as _};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use chrono::{Local, Timelike};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::index::index_in_background;
use crate::app::{App, SaveState, Settings};
use crate::domain::minutes::{Minutes, Timestamp};
use crate::i18n::{Lang, Msg};
use crate::keymap::{Action, action_for};
use crate::register::Register;
use crate::store::load::load_meeting;
use crate::store::lock::{self, LockError};
use crate::store::minutes_file::{
    belonging, minutes_path_for, move_aside, read_minutes_all, read_minutes_of,
};
use crate::store::save::{fingerprint, minutes_yaml, remove_temporaries, save_minutes};

mod save;
mod seat;
use save::{Saved, Store, file_name};
use seat::Seats;

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
/// A failed save is tried again after this long, then twice as long each time...
const RETRY: Duration = Duration::from_secs(2);
/// ...up to this: a full disk is not hammered, and a mended one is used within half a minute.
const RETRY_MAX: Duration = Duration::from_secs(30);

/// How long to wait before trying again after `failures` failed saves in a row.
fn retry_delay(failures: u32) -> Duration {
    let doublings = failures.saturating_sub(1).min(8);
    (RETRY * 2u32.pow(doublings)).min(RETRY_MAX)
}

/// The wall clock in whole seconds, with the local offset, as the minutes record it.
fn now() -> Timestamp {
    let now = Local::now().fixed_offset();
    now.with_nanosecond(0).unwrap_or(now)
}

/// Two seats on one meeting (issue 26), as the command line asks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeatOptions {
    /// This console is seat NAME (`--seat`).
    pub seat: Option<String>,
    /// Listen at this address for the other seat's direct connection (`--listen`).
    pub listen: Option<std::net::SocketAddr>,
    /// Connect directly to the other seat at this address (`--connect`).
    pub connect: Option<std::net::SocketAddr>,
}

impl SeatOptions {
    /// This console's seat name when none is given: the one that connects is the clerk.
    fn default_name(&self, lang: Lang) -> String {
        let name = if self.connect.is_some() {
            Msg::SeatDefaultJoiner
        } else {
            Msg::SeatDefaultHolder
        };
        name.text(lang).to_string()
    }
}

/// Set, this makes the console say at its end how long its first frame took from its start
/// (for `benches/first_frame.py`: what the console takes, apart from the terminal's own time).
pub const SHOW_FIRST_FRAME: &str = "GAVEL_SHOW_FIRST_FRAME";
static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
static FIRST_FRAME: std::sync::OnceLock<std::time::Duration> = std::sync::OnceLock::new();

/// Runs the console on a meeting file; returns the process exit code.
pub fn run(
    meeting_path: &Path,
    lang: Lang,
    move_broken_aside: bool,
    settings: Settings,
    seats: SeatOptions,
) -> i32 {
    // The minutes are parsed on a second thread while this one parses the meeting file: on a
    // long meeting the two parses are most of the start. What was read is used only if the
    // file is still the one read once this console holds the lock (below); else it is read
    // again under the lock, so no save of another console can be missed.
    let _ = STARTED.set(std::time::Instant::now());
    let early_minutes = {
        let path = minutes_path_for(meeting_path);
        std::thread::spawn(move || {
            let before = fingerprint(&path);
            let read = read_minutes_all(&path);
            (before, read, fingerprint(&path))
        })
    };
    // Without a terminal (a script, a service) crossterm cannot go raw. What is wrong with the
    // files is said first, as to anyone; then what to use instead of the console.
    let has_terminal = io::stdin().is_terminal() && io::stdout().is_terminal();
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
    // A folder that cannot be written still serves for reading and preparing: no lock, no save.
    let mut read_only = None;
    // The seat this console is, or would be when a second seat joins: named in its lock, so
    // that the one joining knows which seat runs the clock.
    let own_seat = seats
        .seat
        .clone()
        .unwrap_or_else(|| seats.default_name(lang));
    // A console joining one that holds the lock: its seat name and the seat that runs the clock.
    let mut joining: Option<(String, String)> = None;
    let lock = match lock::acquire_as(&minutes_path, Some(&own_seat)) {
        Ok(lock) => {
            // Only the holder of the lock writes these minutes: what an earlier, killed or
            // failed save left behind is stale.
            remove_temporaries(&minutes_path);
            Some(lock)
        }
        Err(LockError::Held { path, holder }) => {
            let holder_seat = lock::holder_seat(&holder)
                .unwrap_or_else(|| Msg::SeatDefaultHolder.text(lang).to_string());
            // A console that connects directly has said it is a second seat.
            let named = seats
                .seat
                .clone()
                .or_else(|| seats.connect.map(|_| own_seat.clone()));
            let name = match named {
                Some(name) => name,
                None => {
                    let offered = offer_seat(lang, has_terminal, &path, &holder, meeting_path);
                    match offered.filter(|_| has_terminal) {
                        Some(name) => name,
                        None => return 1,
                    }
                }
            };
            if name == holder_seat {
                let holder = holder_text(&holder, lang);
                report!("{}", Msg::SeatNameTaken.fill(lang, &[&name, &holder]));
                return 1;
            }
            joining = Some((name, holder_seat));
            None
        }
        Err(error) if error.is_read_only() => {
            // The lock file goes beside the minutes file: that folder is the one to name.
            let folder = minutes_path
                .parent()
                .filter(|folder| !folder.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
            read_only = Some(Msg::ReadOnlyFolder.fill(lang, &[&folder.display()]));
            None
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
    let read = match early_minutes.join() {
        Ok((before, read, after)) if before == after && fingerprint(&minutes_path) == after => {
            belonging(&minutes_path, read, &loaded.meeting, &meeting_file_name)
        }
        _ => read_minutes_of(&minutes_path, &loaded.meeting, &meeting_file_name),
    };
    let minutes = match read {
        Ok(Some(minutes)) => minutes,
        Ok(None) => Minutes::new(&loaded.meeting, &meeting_file_name),
        Err(diagnostics) if move_broken_aside && lock.is_some() && has_terminal => {
            match move_aside(&minutes_path) {
                Ok(backup) => {
                    for diagnostic in diagnostics {
                        report!("{}", diagnostic.in_language(lang));
                    }
                    report!("{}", Msg::MovedAside.fill(lang, &[&backup.display()]));
                    Minutes::new(&loaded.meeting, &meeting_file_name)
                }
                Err(error) => {
                    let path = minutes_path.display();
                    report!("{}", Msg::CannotMoveAside.fill(lang, &[&path, &error]));
                    return 1;
                }
            }
        }
        Err(diagnostics) => {
            for diagnostic in diagnostics {
                report!("{}", diagnostic.in_language(lang));
            }
            return 1;
        }
    };
    if !has_terminal {
        report!("{}", Msg::NeedsTerminal.text(lang));
        return 2;
    }
    let meeting_dir = meeting_path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let warnings = loaded.warnings.len();
    // The register reads every minutes file of the folder (hundreds in a council's folder): it
    // arrives behind the first frame, as the attachment texts do.
    let register = scan_register_in_background(&meeting_dir, lang);
    let mut app = App::new(loaded.meeting, meeting_dir, minutes, lang, now())
        .with_settings(settings)
        .with_meeting_warnings(warnings);
    // Minutes from an earlier run: the footer says when they were last written, not "nothing
    // recorded yet", as if they were lost.
    let last_written = std::fs::metadata(&minutes_path)
        .and_then(|m| m.modified())
        .ok()
        .map(|at| chrono::DateTime::<Local>::from(at).fixed_offset());
    if let Some(at) = last_written.filter(|_| !app.minutes.items.is_empty()) {
        app.save_state = SaveState::Saved(at.with_nanosecond(0).unwrap_or(at));
    }
    if let Some(why) = read_only {
        app = app.with_read_only(why);
    }
    let mut store = Store::new(minutes_path, lock, lang);
    // Minutes read from the file are what it holds: quitting without a change writes nothing.
    if last_written.is_some() {
        store.written = Some(app.minutes.for_saving(&app.meeting, now()));
    }
    // Two seats: a seat named on the command line, or one joining the console holding the
    // lock, starts now; a console alone becomes a seat when a second one joins it.
    let seat_name = joining.as_ref().map_or(&own_seat, |(name, _)| name).clone();
    let (direct, key_made) = match start_direct(
        &seats,
        &app.meeting_dir,
        &meeting_file_name,
        &seat_name,
        lang,
    ) {
        Ok(direct) => direct,
        Err(text) => {
            report!("{}", Msg::SeatLinkFailed.fill(lang, &[&text]));
            return 1;
        }
    };
    let asked_for_link = direct.is_some();
    let mut seat_files = Seats::new(&app.meeting_dir, &meeting_file_name, &own_seat, direct);
    let seat_start = match (joining, &seats.seat) {
        (Some((name, holder)), _) => Some((name, holder, false)),
        (None, Some(name)) if store.holds_lock() => Some((name.clone(), name.clone(), true)),
        // A direct connection makes this console a seat from the start.
        (None, None) if asked_for_link && store.holds_lock() => {
            Some((own_seat.clone(), own_seat.clone(), true))
        }
        _ => None,
    };
    if let Some((name, holder, writes)) = seat_start {
        match seat_files.start(&mut app, &name, &holder, writes, now()) {
            Ok(problems) => {
                for problem in problems {
                    report!("{}", problem.in_language(lang));
                }
                // The minutes file holds what both seats have from the start.
                store.save_and_show(&mut app);
                if let Some(name) = key_made.as_ref().and_then(|path| path.file_name()) {
                    app.flash = Some(crate::app::Flash {
                        text: app.fill(Msg::SeatKeyMade, &[&name.to_string_lossy()]),
                        is_error: false,
                    });
                }
            }
            Err(error) => {
                report!("gavel: {}", error.text(lang, &name));
                return 1;
            }
        }
    }
    // Attachment texts become searchable as they are indexed, without holding up the console:
    // the indexer starts once the first frame is drawn (it copies the meeting first).
    let mut attachment_texts = None;

    let signals = Signals::default();
    for (signal, flag) in [
        (signal_hook::consts::SIGTERM, &signals.stop),
        (signal_hook::consts::SIGHUP, &signals.stop),
        (signal_hook::consts::SIGINT, &signals.stop),
        // Job control: a raw terminal must be given back before stopping and taken again after.
        (signal_hook::consts::SIGTSTP, &signals.suspend),
        (signal_hook::consts::SIGCONT, &signals.resumed),
    ] {
        if let Err(error) = signal_hook::flag::register(signal, Arc::clone(flag)) {
            report!("gavel: cannot watch signal {signal}: {error}");
        }
    }
    let stop = &signals.stop;

    // ratatui::init puts the terminal in raw mode and installs a panic hook that restores it.
    let mut terminal = ratatui::init();
    let result = catch_unwind(AssertUnwindSafe(|| {
        event_loop(
            &mut terminal,
            &mut app,
            &mut store,
            &mut seat_files,
            &signals,
            &mut attachment_texts,
            &register,
        )
    }));
    // Whatever ended the loop (quit, signal, panic, a lost terminal), write what is in memory
    // first: restoring a terminal that is gone can fail, and must not stop the save.
    // Only browsing (nothing recorded, no file yet) leaves no minutes file behind.
    seat_files.local_change(&mut app);
    let final_save = if app.minutes.is_blank() && !store.path.exists() {
        Saved::Nothing
    } else {
        store.save_now(&mut app)
    };
    // ratatui reports restore failures with eprintln!, which panics when stderr is a closed
    // window; there is nothing left to restore then, so such a panic is only swallowed.
    let _ = catch_unwind(AssertUnwindSafe(move || {
        let _ = ratatui::try_restore();
        drop(terminal);
    }));
    if std::env::var_os(SHOW_FIRST_FRAME).is_some()
        && let Some(took) = FIRST_FRAME.get()
    {
        report!("gavel: first frame {} ms after start", took.as_millis());
    }
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
        Saved::Written if code != 0 => {
            report!("{}", Msg::SavedIn.fill(lang, &[&store.path.display()]))
        }
        Saved::Written | Saved::Nothing => {}
        Saved::Diverted(message) => {
            report!("gavel: {}", message.at_exit);
            return code.max(1);
        }
        Saved::Failed(error) => {
            report!("{}", Msg::FinalSaveFailed.fill(lang, &[&error]));
            rescue(&store.path, &app, lang);
            return code.max(1);
        }
    }
    code
}

/// The direct connection `--listen` or `--connect` asks for, with the meeting's seat key (made
/// by the listening seat when there is none: its path is returned then). What stands in the
/// way is said in the user's language.
fn start_direct(
    seats: &SeatOptions,
    folder: &Path,
    meeting_file_name: &str,
    seat: &str,
    lang: Lang,
) -> Result<(Option<seat::Direct>, Option<PathBuf>), String> {
    use crate::seat_link::SeatLink;
    use crate::store::seat_key::{read_or_make_seat_key, read_seat_key, seat_key_path};
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let key_path = seat_key_path(folder, meeting_file_name);
    let key_text = |error| seat::key_error_text(&error, lang);
    let (link, address, made) = match (seats.listen, seats.connect) {
        (Some(address), _) => {
            let (key, made) = read_or_make_seat_key(&key_path).map_err(key_text)?;
            let link = SeatLink::listen(address, key, meeting_file_name, seat)
                .map_err(|error| format!("{address}: {}", bind_error_text(&error, lang)))?;
            let address = link.local_addr().unwrap_or(address);
            (link, address, made)
        }
        (None, Some(address)) => {
            let key = read_seat_key(&key_path).map_err(key_text)?;
            let link = SeatLink::connect(address, key, meeting_file_name, seat)
                .map_err(|error| format!("{address}: {error}"))?;
            (link, address, false)
        }
        (None, None) => return Ok((None, None)),
    };
    let mut direct = seat::Direct::new(link, address, key_path.clone());
    // A seat that connects with a document made anew leaves the clock to the seat it reaches.
    direct.hand_clock = seats.connect.is_some();
    Ok((Some(direct), made.then_some(key_path)))
}

/// A lock holder's text ("pid 1 on host since 2026-12-04 20:00:00 as seat chair", as the lock
/// file keeps it) in the user's language, made safe for the terminal (the file is anyone's); a
/// text of another form is shown as it is.
pub(super) fn holder_text(holder: &str, lang: Lang) -> String {
    let holder = crate::sanitize::for_terminal(holder.trim()).into_owned();
    match lock::holder_parts(&holder) {
        Some(lock::Holder {
            pid,
            host,
            since,
            seat: Some(seat),
        }) => Msg::LockHolderSeat.fill(lang, &[&pid, &host, &since, &seat]),
        Some(lock::Holder {
            pid, host, since, ..
        }) => Msg::LockHolder.fill(lang, &[&pid, &host, &since]),
        None => holder.clone(),
    }
}

/// Why an address cannot be listened on, in the user's language where the reason is a common
/// one; the system's words otherwise.
fn bind_error_text(error: &io::Error, lang: Lang) -> String {
    let msg = match error.kind() {
        io::ErrorKind::AddrInUse => Msg::AddressInUse,
        io::ErrorKind::AddrNotAvailable => Msg::AddressNotHere,
        io::ErrorKind::PermissionDenied => Msg::AddressDenied,
        _ => return error.to_string(),
    };
    msg.text(lang).to_string()
}

/// The lock is held by another console: says so, with how to join it as a second seat, and
/// on a terminal offers to join now. The seat name to join as, if the user said yes.
fn offer_seat(
    lang: Lang,
    has_terminal: bool,
    path: &str,
    holder: &str,
    meeting_path: &Path,
) -> Option<String> {
    let holder_seat = lock::holder_seat(holder);
    // A seat of this meeting whose console is gone (its seat file's lock is free) is the one
    // to take up again: the chair restarting after a crash is the chair again.
    let folder = meeting_path
        .parent()
        .filter(|f| !f.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let meeting_file_name = file_name(meeting_path);
    let left = crate::store::seat_files::other_seat_files(
        folder,
        &meeting_file_name,
        holder_seat.as_deref().unwrap_or(""),
    )
    .into_iter()
    .find(|(_, path)| lock::acquire(path).is_ok())
    .map(|(seat, _)| seat);
    let mut name = left.unwrap_or_else(|| Msg::SeatDefaultJoiner.text(lang).to_string());
    if holder_seat.as_deref() == Some(name.as_str()) {
        name.push_str("-2");
    }
    let shown = meeting_path.display();
    report!(
        "{}",
        Msg::LockHeldJoin.fill(lang, &[&path, &holder_text(holder, lang), &shown, &name])
    );
    if !has_terminal {
        return None;
    }
    {
        use std::io::Write as _;
        let mut err = io::stderr();
        let _ = write!(err, "{}", Msg::OfferSeat.fill(lang, &[&name]));
        let _ = err.flush();
    }
    let mut answer = String::new();
    // A line of at most a few characters: what is typed past it is not read.
    let _ = io::BufRead::read_line(&mut io::Read::take(io::stdin().lock(), 64), &mut answer);
    let yes = answer.trim().to_lowercase();
    matches!(yes.as_str(), "y" | "j" | "yes" | "ja").then_some(name)
}

/// What the signal handlers tell the loop.
#[derive(Default)]
struct Signals {
    /// SIGTERM, SIGHUP, SIGINT: save and end.
    stop: Arc<AtomicBool>,
    /// SIGTSTP (`kill -TSTP`, a shell's job control): give the terminal back and stop.
    suspend: Arc<AtomicBool>,
    /// SIGCONT: the process was stopped and goes on; the terminal must be taken again.
    resumed: Arc<AtomicBool>,
}

/// Ctrl-Z, which a raw terminal delivers as a key instead of as SIGTSTP.
fn is_suspend_key(key: &KeyEvent) -> bool {
    key.code == KeyCode::Char('z') && key.modifiers.contains(KeyModifiers::CONTROL)
}

/// Saves, gives the terminal back to the shell, and stops the process as Ctrl-Z does in any
/// other program; after `fg` (SIGCONT) takes the terminal again and redraws it whole.
fn suspend(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    store: &mut Store,
    seats: &mut Seats,
) -> io::Result<()> {
    seats.local_change(app);
    store.save_and_show(app);
    let _ = terminal.show_cursor();
    ratatui::try_restore()?;
    signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
    take_terminal_again(terminal)
}

/// After a stop: raw mode and the alternate screen again, and a full redraw (the shell wrote
/// over the screen meanwhile).
fn take_terminal_again(terminal: &mut DefaultTerminal) -> io::Result<()> {
    ratatui::crossterm::terminal::enable_raw_mode()?;
    ratatui::crossterm::execute!(
        io::stdout(),
        ratatui::crossterm::terminal::EnterAlternateScreen
    )?;
    ratatui::crossterm::execute!(
        io::stdout(),
        ratatui::crossterm::terminal::Clear(ratatui::crossterm::terminal::ClearType::All)
    )?;
    // A blank frame makes ratatui's idea of the screen match the cleared one, so the next frame
    // is drawn whole. (`Terminal::clear` would ask the terminal where its cursor is: one more
    // round trip that a slow or odd terminal may not answer.)
    terminal.hide_cursor()?;
    terminal.draw(|frame| frame.render_widget(ratatui::widgets::Clear, frame.area()))?;
    Ok(())
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

/// Scans the folder's commitments register on a thread of its own; the result comes once.
fn scan_register_in_background(folder: &Path, lang: Lang) -> Receiver<Result<Register, String>> {
    let folder = folder.to_path_buf();
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let register = crate::register::scan(&folder, now().date_naive());
        // The console may have ended meanwhile: then nobody waits for it.
        let _ = sender.send(register.map_err(|d| d.in_language(lang)));
    });
    receiver
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    store: &mut Store,
    seats: &mut Seats,
    signals: &Signals,
    attachment_texts: &mut Option<Receiver<Action>>,
    register: &Receiver<Result<Register, String>>,
) -> io::Result<()> {
    loop {
        if signals.resumed.swap(false, Ordering::Relaxed) {
            take_terminal_again(terminal)?;
        }
        // Attachment texts, and why some could not be read, as the background reader finds them.
        while let Some(Ok(read)) = attachment_texts.as_ref().map(Receiver::try_recv) {
            app.update(read, now());
        }
        if let Ok(register) = register.try_recv() {
            app.update(Action::RegisterScanned(register), now());
        }
        if app.update(Action::Tick, now()).bell {
            ring_bell();
        }
        // The other seat's changes, as its file or the connection brings them.
        let may_write = store.holds_lock();
        if seats.tick(app, may_write, &mut |seat| store.take_lock(seat), now()) {
            store.save_and_show(app);
        }
        // Paging needs the screen size: a fact of the terminal, not a user action.
        let size = terminal.size()?;
        app.screen_rows = size.height;
        terminal.draw(|frame| crate::ui::draw(frame, app))?;
        if attachment_texts.is_none() {
            if let Some(started) = STARTED.get() {
                let _ = FIRST_FRAME.set(started.elapsed());
            }
            *attachment_texts = Some(index_in_background(
                &app.meeting,
                &app.meeting_dir,
                app.lang,
            ));
        }

        if signals.stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        if signals.suspend.swap(false, Ordering::Relaxed) {
            suspend(terminal, app, store, seats)?;
            signals.resumed.store(false, Ordering::Relaxed);
            continue;
        }
        if store.due() {
            seats.local_change(app);
            store.save_and_show(app);
        }

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
            if is_suspend_key(&key) {
                signals.suspend.store(true, Ordering::Relaxed);
                break;
            }
            let Some(action) = action_for(app.mode_kind(), key) else {
                continue;
            };
            if action == Action::PageDown {
                // How long the item pane is at this size: a fact of the layout, measured only
                // when paging asks for it (not on every frame).
                app.item_scroll_limit = crate::ui::item_scroll_limit(app, size.width, size.height);
            }
            let outcome = app.update(action, now());
            if outcome.minutes_changed {
                seats.local_change(app);
                store.save_and_show(app);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_holder_is_said_in_the_users_language_and_safely() {
        let holder = "pid 7 on vm since 2026-12-04 20:00:00 as seat chair\n";
        assert_eq!(
            holder_text(holder, Lang::Nl),
            "pid 7 op vm sinds 2026-12-04 20:00:00 als zetel chair"
        );
        assert_eq!(
            holder_text("pid 7 on vm since 2026-12-04 20:00:00", Lang::Nl),
            "pid 7 op vm sinds 2026-12-04 20:00:00"
        );
        assert_eq!(
            holder_text(holder, Lang::En),
            "pid 7 on vm since 2026-12-04 20:00:00 as seat chair"
        );
        assert_eq!(
            holder_text("\x1b]52;c;x\x07", Lang::Nl),
            "\\u{1b}]52;c;x\\u{7}"
        );
    }

    #[test]
    fn a_failing_save_is_retried_less_and_less_often() {
        let seconds: Vec<u64> = (1..=7).map(|n| retry_delay(n).as_secs()).collect();
        assert_eq!(seconds, [2, 4, 8, 16, 30, 30, 30]);
        assert_eq!(retry_delay(u32::MAX), RETRY_MAX);
    }
}
