//! The console as one of two seats (issue 26): its copy of the minutes as a seat document
//! (`seats::SeatDoc`), written to its own seat file after every change, and the other seat's
//! file read as soon as it changes. The YAML minutes stay with `save::Store`, written by the
//! seat that holds the lock; this session runs before it, so a seat file always holds at least
//! what the YAML holds.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant, SystemTime};

use crate::app::{App, Peer};
use crate::domain::minutes::{Minutes, Timestamp};
use crate::i18n::Msg;
use crate::seats::{Renamed, SeatDoc, SeatError};
use crate::store::diagnostic::Diagnostic;
use crate::store::lock::{self, LockError, MinutesLock};
use crate::store::save::{Fingerprint, fingerprint};
use crate::store::seat_files::{
    self, OPEN_IN_PROCESS, load_seats, other_seat_files, read_seat_file, save_seat, seat_file_path,
};

mod direct;
pub(super) use direct::{Direct, key_error_text};

/// How often the folder is looked at for the other seat's file: its changes show within this.
const SCAN: Duration = Duration::from_millis(500);
/// How often this seat's file is touched when nothing changes, so the other sees it is there.
const HEARTBEAT: Duration = Duration::from_secs(5);
/// A seat whose file has not moved for this long is shown as away.
const AWAY_AFTER: Duration = Duration::from_secs(15);

/// What this seat last saw of another seat's file.
struct OtherSeat {
    /// The file's identity, size and time, to see a change without reading it (a seat file is
    /// replaced by a rename: a new inode even within one tick of the file clock).
    stamp: Option<Fingerprint>,
    /// Its bytes' hash when last merged: a touch alone is not merged again.
    merged: Option<u64>,
    /// When this machine last saw the file move, and the wall time of that.
    seen_at: Instant,
    seen_wall: Timestamp,
    /// Since when its file has not merged: a file caught half-copied reads at the next look, one
    /// that stays damaged is said after `DAMAGED_AFTER`.
    unreadable_since: Option<Instant>,
}

/// A seat file that has not merged for this long is said to be damaged (a copy takes less).
const DAMAGED_AFTER: Duration = Duration::from_secs(3);

pub(super) struct SeatSession {
    doc: SeatDoc,
    folder: PathBuf,
    meeting_file_name: String,
    own_path: PathBuf,
    /// Held while this console is the seat: a second console with the same seat name would
    /// write over this one's file.
    _seat_lock: MinutesLock,
    /// The minutes the console last took from the document or gave to it: a change is what
    /// the console did since.
    base: Minutes,
    others: HashMap<String, OtherSeat>,
    next_scan: Instant,
    next_heartbeat: Instant,
    /// Problems with seat files already shown, so one damaged file is said once.
    shown: Vec<String>,
    /// The direct connection to the other seat, when one was asked for.
    direct: Option<Direct>,
    /// The document was made anew from the minutes (no seat file was there).
    fresh: bool,
    /// Large seat files being opened in a limited child, by seat: the bytes' hash, and whether
    /// they opened, to come. The screen does not wait for it.
    checking: HashMap<String, (u64, Receiver<bool>)>,
    /// Hashes of large files the child refused: not tried again.
    refused: HashSet<u64>,
}

/// Why a seat could not start.
#[derive(Debug, thiserror::Error)]
pub(super) enum SeatStartError {
    #[error("{0}")]
    Seat(#[from] SeatError),
    #[error("{0}")]
    Lock(#[from] LockError),
}

impl SeatStartError {
    /// What to tell the user, in their language.
    pub(super) fn text(&self, lang: crate::i18n::Lang, seat: &str) -> String {
        match self {
            SeatStartError::Seat(error) => seat_error_text(error, lang),
            SeatStartError::Lock(LockError::Held { holder, .. }) => {
                Msg::SeatInUse.fill(lang, &[&seat, &super::holder_text(holder, lang)])
            }
            SeatStartError::Lock(error) => Msg::LockFailed.fill(lang, &[error]),
        }
    }
}

/// A seat document's refusal in the user's language (the engine's own words stay out: they
/// are English and say nothing a chair can act on).
pub(super) fn seat_error_text(error: &SeatError, lang: crate::i18n::Lang) -> String {
    match error {
        SeatError::NotClockHolder { holder, .. } => Msg::SeatClockRefused.fill(lang, &[holder]),
        SeatError::InvalidSeat(name) => Msg::NotASeatName.fill(lang, &[name]),
        SeatError::Damaged(_) => Msg::SeatDamaged.text(lang).to_string(),
        SeatError::Engine(_) => Msg::SeatEngineFailed.text(lang).to_string(),
    }
}

fn save_error_text(
    error: &crate::store::seat_files::SeatSaveError,
    lang: crate::i18n::Lang,
) -> String {
    use crate::store::seat_files::SeatSaveError;
    match error {
        SeatSaveError::NotOwnFile { path } => Msg::SeatNotOwnFile.fill(lang, &[path]),
        SeatSaveError::Io { .. } => error.to_string(),
    }
}

fn hash(bytes: &[u8]) -> u64 {
    use std::hash::{Hash as _, Hasher as _};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

fn stamp(path: &Path) -> Option<Fingerprint> {
    fingerprint(path)
}

/// How long ago `path` last moved, by its modification time (a copy loop or a sync tool keeps
/// it); nothing for a file that cannot be read or is from the future.
fn age(path: &Path) -> Option<Duration> {
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok()?;
    SystemTime::now().duration_since(modified).ok()
}

/// When `path` was last seen to move, for a file found at the start: now, unless its time says
/// it has stood still for longer than `AWAY_AFTER`.
fn last_moved(path: &Path, now: Timestamp) -> (Instant, Timestamp) {
    let at = Instant::now();
    match age(path).filter(|age| *age >= AWAY_AFTER) {
        Some(age) => (
            at.checked_sub(age)
                .or_else(|| at.checked_sub(AWAY_AFTER))
                .unwrap_or(at),
            now - chrono::TimeDelta::from_std(age).unwrap_or_default(),
        ),
        None => (at, now),
    }
}

impl SeatSession {
    /// Starts seat `name` of the meeting in `folder`: every seat file there merged, then the
    /// minutes this console read taken in (records the seat files lack are added; with
    /// `clocks`, the clocks are the minutes', as a console that ran them alone left them).
    /// Without any seat file, the document is made from the minutes, with the clock at
    /// `clock_holder`. Returns the session and what to tell about files passed by.
    pub(super) fn start(
        folder: &Path,
        meeting_file_name: &str,
        name: &str,
        minutes: &Minutes,
        clock_holder: &str,
        clocks: bool,
        now: Timestamp,
    ) -> Result<(SeatSession, Vec<Diagnostic>), SeatStartError> {
        let own_path = seat_file_path(folder, meeting_file_name, name);
        let seat_lock = lock::acquire(&own_path)?;
        let loaded = load_seats(folder, meeting_file_name, name);
        let fresh = loaded.doc.is_none();
        let doc = match loaded.doc {
            Some(mut doc) => {
                doc.absorb(minutes, clocks)?;
                doc
            }
            None => {
                let mut doc = SeatDoc::from_minutes(name, minutes)?;
                if clock_holder != name {
                    doc.hand_clock_to(clock_holder)?;
                }
                doc
            }
        };
        let base = doc.minutes()?;
        let mut session = SeatSession {
            doc,
            folder: folder.to_path_buf(),
            meeting_file_name: meeting_file_name.to_string(),
            own_path,
            _seat_lock: seat_lock,
            base,
            others: HashMap::new(),
            next_scan: Instant::now(),
            next_heartbeat: Instant::now() + HEARTBEAT,
            shown: Vec::new(),
            direct: None,
            fresh,
            checking: HashMap::new(),
            refused: HashSet::new(),
        };
        // What was merged at the start counts as seen when its file last moved: a fresh file's
        // seat is taken to be there until its file stays still for a while, the file of a seat
        // long gone (yesterday's, a crashed console's) is away from the start.
        for seat in loaded.seats.iter().filter(|seat| *seat != name) {
            let path = seat_file_path(folder, meeting_file_name, seat);
            let (seen_at, seen_wall) = last_moved(&path, now);
            session.others.insert(
                seat.clone(),
                OtherSeat {
                    stamp: stamp(&path),
                    merged: read_seat_file(&path).ok().map(|bytes| hash(&bytes)),
                    seen_at,
                    seen_wall,
                    unreadable_since: None,
                },
            );
        }
        Ok((session, loaded.problems))
    }

    pub(super) fn clock_holder(&self) -> String {
        self.doc.clock_holder().unwrap_or_default()
    }

    /// The drafts this seat was typing, as its own file kept them.
    pub(super) fn own_drafts(
        &self,
        seat: &str,
        imported: bool,
    ) -> Vec<crate::domain::minutes::Draft> {
        self.doc.drafts_of(seat, imported).unwrap_or_default()
    }

    /// The minutes the document holds now, as the console shows them.
    pub(super) fn minutes(&self) -> Minutes {
        self.doc.minutes().unwrap_or_else(|_| self.base.clone())
    }

    /// The minutes are now what the console shows: `base` for the next change.
    pub(super) fn shown(&mut self, app: &App) {
        self.base = app.minutes.clone();
    }

    /// The console changed its minutes: the change goes into the document (a clock change
    /// from a seat without the clock is refused, and the screen goes back to the document),
    /// the merged minutes come back to the screen, and the seat file is written.
    pub(super) fn local_change(&mut self, app: &mut App) {
        let Some(seat) = app.seat.as_mut() else {
            return;
        };
        if std::mem::take(&mut seat.take_clock)
            && let Err(error) = self.doc.take_clock()
        {
            app.show_error(seat_error_text(&error, app.lang));
        }
        let (from, to) = match app.seat.as_mut().and_then(|seat| seat.undone.take()) {
            // An undo takes back that change alone; what is being typed stays.
            Some((mut after, mut before)) => {
                after.drafts.clone_from(&app.minutes.drafts);
                before.drafts.clone_from(&app.minutes.drafts);
                (after, before)
            }
            None => (self.base.clone(), app.minutes.clone()),
        };
        match self.doc.update_from(&from, &to) {
            Ok(()) => {}
            Err(error) => app.show_error(seat_error_text(&error, app.lang)),
        }
        self.show_document(app);
        self.write_own_file(app);
        if let Some(direct) = self.direct.as_mut() {
            direct.send(&mut self.doc);
        }
    }

    /// Writes this seat's file; a failure is shown where a failed save is.
    pub(super) fn write_own_file(&mut self, app: &mut App) {
        match save_seat(&self.folder, &self.meeting_file_name, &mut self.doc) {
            Ok(_) => {
                self.next_heartbeat = Instant::now() + HEARTBEAT;
                if app.seat.as_ref().is_some_and(|s| !s.writes_minutes) {
                    app.note_save(Ok(()));
                }
            }
            Err(error) => {
                let text = app.fill(Msg::SeatFileFailed, &[&save_error_text(&error, app.lang)]);
                app.note_save(Err(text));
            }
        }
    }

    /// The document's minutes on screen, with the seat's state (who runs the clock).
    fn show_document(&mut self, app: &mut App) {
        let minutes = self.minutes();
        app.take_merged(minutes);
        let holder = self.clock_holder();
        let taken = app.seat.as_mut().and_then(|seat| {
            let was_here = seat.holds_clock();
            seat.clock_holder.clone_from(&holder);
            (was_here && !seat.holds_clock()).then(|| holder.clone())
        });
        // The other seat took the clock over: said here, not only in the header.
        if let Some(holder) = taken {
            app.show_error(app.fill(Msg::ClockTakenByOther, &[&holder]));
        }
        self.base = app.minutes.clone();
    }

    /// Looks at the other seats' files (at most every `SCAN`) and merges what changed; keeps
    /// this seat's file fresh; updates where the other seat is. Returns whether the minutes on
    /// screen changed (the YAML's writer saves them then).
    pub(super) fn poll(&mut self, app: &mut App, now: Timestamp) -> bool {
        let heads = self.doc.heads();
        // The direct connection's messages every frame; the folder every `SCAN`.
        let mut renamed = match self.direct.as_mut() {
            Some(direct) => direct.take_events(&mut self.doc, app, now),
            None => Vec::new(),
        };
        let through_link = self.doc.heads() != heads;
        let at = Instant::now();
        if at >= self.next_scan {
            self.next_scan = at + SCAN;
            renamed.extend(self.scan_folder(app, now, at));
        }
        self.update_peer(app, at);
        if self.doc.heads() == heads {
            return false;
        }
        self.show_document(app);
        if let Some(rename) = renamed.first() {
            tell_renamed(app, rename);
        }
        // What came through the link is in this seat's file too: with two folders, that file
        // is where this seat finds the other's records after a restart.
        if through_link {
            self.write_own_file(app);
        }
        // What came through the folder goes on to the other seat, if it lacks it.
        if let Some(direct) = self.direct.as_mut() {
            direct.send(&mut self.doc);
        }
        true
    }

    /// Reads the other seats' files that moved since the last look and merges them.
    fn scan_folder(&mut self, app: &mut App, now: Timestamp, at: Instant) -> Vec<Renamed> {
        if at >= self.next_heartbeat {
            self.next_heartbeat = at + HEARTBEAT;
            // Only the file's time moves: the other seat sees this seat is there.
            if let Ok(file) = std::fs::File::options().write(true).open(&self.own_path) {
                let _ = file.set_modified(SystemTime::now());
            }
        }
        let own = app
            .seat
            .as_ref()
            .map(|s| s.name.clone())
            .unwrap_or_default();
        let mut renamed = Vec::new();
        for (seat, path) in other_seat_files(&self.folder, &self.meeting_file_name, &own) {
            let now_stamp = stamp(&path);
            let other = self.others.entry(seat.clone()).or_insert(OtherSeat {
                stamp: None,
                merged: None,
                seen_at: at,
                seen_wall: now,
                unreadable_since: None,
            });
            if now_stamp == other.stamp {
                continue;
            }
            other.stamp = now_stamp;
            other.seen_at = at;
            other.seen_wall = now;
            let bytes = match read_seat_file(&path) {
                Ok(bytes) => bytes,
                Err(problem) => {
                    self.tell_once(app, &problem);
                    continue;
                }
            };
            let digest = hash(&bytes);
            if other.merged == Some(digest) || self.refused.contains(&digest) {
                continue;
            }
            if bytes.len() > OPEN_IN_PROCESS {
                match self.checking.get(&seat) {
                    Some((checked, verdict)) if *checked == digest => match verdict.try_recv() {
                        Ok(true) => {}
                        Ok(false) | Err(TryRecvError::Disconnected) => {
                            self.checking.remove(&seat);
                            self.refused.insert(digest);
                            let error = SeatError::Damaged(
                                "it does not open within gavel's limits".to_string(),
                            );
                            self.tell_once(app, &seat_files::damaged(&path, &error));
                            continue;
                        }
                        Err(TryRecvError::Empty) => {
                            // Looked at again at the next scan.
                            other.stamp = None;
                            continue;
                        }
                    },
                    _ => {
                        let (send, verdict) = std::sync::mpsc::channel();
                        let checked = bytes.clone();
                        let _ = std::thread::Builder::new().name("seat-check".into()).spawn(
                            move || {
                                let opens = crate::extract::seat_opens_in_child(&checked);
                                let _ = send.send(opens.is_ok());
                            },
                        );
                        self.checking.insert(seat.clone(), (digest, verdict));
                        other.stamp = None;
                        continue;
                    }
                }
                self.checking.remove(&seat);
            }
            // Checked above when large: opened here directly.
            let opened = SeatDoc::load(&own, &bytes);
            match opened.and_then(|mut theirs| self.doc.merge(&mut theirs)) {
                Ok(names) => {
                    other.merged = Some(digest);
                    other.unreadable_since = None;
                    renamed.extend(names);
                }
                Err(error) => {
                    // A file caught half-copied (a copy loop, a share) is read again at the
                    // next look; one that stays damaged is said, once.
                    other.stamp = None;
                    let since = *other.unreadable_since.get_or_insert(at);
                    if at.duration_since(since) >= DAMAGED_AFTER {
                        self.tell_once(app, &seat_files::damaged(&path, &error));
                    }
                }
            }
        }
        renamed
    }

    /// The other seat for the header: linked directly, else seen through the folder, else
    /// away since whichever saw it last.
    fn update_peer(&self, app: &mut App, at: Instant) {
        let latest = self.others.iter().max_by_key(|(_, other)| other.seen_at);
        let through_folder = latest.map(|(name, other)| {
            if at.duration_since(other.seen_at) < AWAY_AFTER {
                Peer::Here {
                    seat: name.clone(),
                    direct: false,
                }
            } else {
                Peer::Away {
                    seat: name.clone(),
                    since: other.seen_wall,
                }
            }
        });
        let direct = self.direct.as_ref().and_then(Direct::peer);
        // A connection that went after the other seat's file last moved says more than the
        // file does: its console is gone (killed, closed), not only quiet.
        let lost_after_file = match (self.direct.as_ref().and_then(Direct::lost_at), latest) {
            (Some(lost), Some((_, other))) => lost >= other.seen_at,
            _ => false,
        };
        let peer = match (direct, through_folder) {
            (Some(here @ Peer::Here { .. }), _) => here,
            (Some(away @ Peer::Away { .. }), Some(Peer::Here { .. })) if lost_after_file => away,
            (_, Some(here @ Peer::Here { .. })) => here,
            (
                Some(Peer::Away { seat, since }),
                Some(Peer::Away {
                    since: seen_wall, ..
                }),
            ) => Peer::Away {
                seat,
                since: since.max(seen_wall),
            },
            (Some(peer), _) | (None, Some(peer)) => peer,
            (None, None) => return,
        };
        if let Some(seat) = app.seat.as_mut() {
            seat.peer = peer;
        }
    }

    fn tell_once(&mut self, app: &mut App, problem: &Diagnostic) {
        let text = problem.in_language(app.lang);
        if self.shown.contains(&text) {
            return;
        }
        self.shown.push(text.clone());
        let text = app.fill(Msg::SeatProblem, &[&text]);
        app.show_error(text);
    }
}

fn tell_renamed(app: &mut App, rename: &Renamed) {
    let text = app.fill(
        Msg::SeatRenamed,
        &[&rename.from, &rename.item, &rename.to, &rename.from],
    );
    app.show_error(text);
}

/// The seats of this console: none yet (a console alone, which becomes a seat as soon as
/// another seat's file appears beside its meeting), or its session.
pub(super) struct Seats {
    pub(super) session: Option<SeatSession>,
    folder: PathBuf,
    meeting_file_name: String,
    /// The name a console started alone takes when a second seat joins it (the one its lock
    /// names, so the joining seat knows who runs the clock).
    name: String,
    next_look: Instant,
    next_lock_try: Instant,
    /// The direct connection asked for, until the seat starts and takes it.
    direct: Option<Direct>,
}

/// A console alone looks this often whether a second seat has joined.
const LOOK_FOR_SEATS: Duration = Duration::from_secs(1);
/// A seat without the minutes' lock tries this often to take it (the writer may have gone).
const TRY_LOCK: Duration = Duration::from_secs(2);

impl Seats {
    pub(super) fn new(
        folder: &Path,
        meeting_file_name: &str,
        name: &str,
        direct: Option<Direct>,
    ) -> Seats {
        // A meeting named without a folder is in the current one (`read_dir("")` fails).
        let folder = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        Seats {
            session: None,
            folder: folder.to_path_buf(),
            meeting_file_name: meeting_file_name.to_string(),
            name: name.to_string(),
            next_look: Instant::now(),
            next_lock_try: Instant::now() + TRY_LOCK,
            direct,
        }
    }

    /// Starts this console's seat: `clock_holder` runs the clock of a new document; `writes`:
    /// this console holds the minutes' lock (and its minutes' clocks count).
    pub(super) fn start(
        &mut self,
        app: &mut App,
        name: &str,
        clock_holder: &str,
        writes: bool,
        now: Timestamp,
    ) -> Result<Vec<Diagnostic>, SeatStartError> {
        let (mut session, problems) = SeatSession::start(
            &self.folder,
            &self.meeting_file_name,
            name,
            &app.minutes,
            clock_holder,
            writes,
            now,
        )?;
        if let Some(mut direct) = self.direct.take() {
            // A document read from seat files has its clock holder already.
            direct.hand_clock &= session.fresh;
            session.direct = Some(direct);
        }
        // A joining seat types on from its own drafts; a console that ran alone keeps its own.
        if !writes {
            app.minutes.drafts = session.own_drafts(name, false);
        }
        app.seat = Some(crate::app::SeatState::new(
            name,
            &session.clock_holder(),
            writes,
        ));
        session.show_document(app);
        session.shown(app);
        session.update_peer(app, Instant::now());
        session.write_own_file(app);
        self.name = name.to_string();
        self.session = Some(session);
        Ok(problems)
    }

    /// Once a frame: a console alone looks whether a second seat joined; a seat merges what
    /// the other wrote and, without the lock, tries to take it. Returns whether the minutes
    /// changed and are to be saved.
    pub(super) fn tick(
        &mut self,
        app: &mut App,
        may_write: bool,
        take_lock: &mut dyn FnMut(&str) -> bool,
        now: Timestamp,
    ) -> bool {
        let at = Instant::now();
        let Some(session) = self.session.as_mut() else {
            if !may_write || app.read_only.is_some() || at < self.next_look {
                return false;
            }
            self.next_look = at + LOOK_FOR_SEATS;
            let others = other_seat_files(&self.folder, &self.meeting_file_name, &self.name);
            let Some((other, _)) = others.first() else {
                return false;
            };
            let (other, path) = (other.clone(), others[0].1.clone());
            // The file of a seat long gone (its console quit yesterday) is merged all the same;
            // only a fresh one says the other seat is here.
            let fresh = age(&path).is_none_or(|age| age < AWAY_AFTER);
            let name = self.name.clone();
            return match self.start(app, &name, &name, true, now) {
                Ok(problems) => {
                    // The console alone ran the clock, and its clocks were taken in as it ran
                    // them: it keeps it, also when the other's file names the other seat (made
                    // alone in a folder of its own, as two folders joined by a share).
                    if let Some(session) = self.session.as_mut()
                        && session.clock_holder() != name
                        && session.doc.take_clock().is_ok()
                    {
                        session.show_document(app);
                        session.write_own_file(app);
                    }
                    if fresh {
                        let text = app.fill(Msg::SeatJoined, &[&other, &name]);
                        app.flash = Some(crate::app::Flash {
                            text,
                            is_error: false,
                        });
                    }
                    if let Some(problem) = problems.first() {
                        let text = app.fill(Msg::SeatProblem, &[&problem.in_language(app.lang)]);
                        app.show_error(text);
                    }
                    true
                }
                Err(error) => {
                    // Tried again at the next look; the console goes on alone meanwhile.
                    app.show_error(error.text(app.lang, &name));
                    self.next_look = at + TRY_LOCK * 5;
                    false
                }
            };
        };
        let mut changed = session.poll(app, now);
        let writes = app.seat.as_ref().is_some_and(|s| s.writes_minutes);
        if !writes && at >= self.next_lock_try {
            self.next_lock_try = at + TRY_LOCK;
            if take_lock(&self.name) {
                if let Some(seat) = app.seat.as_mut() {
                    seat.writes_minutes = true;
                }
                app.flash = Some(crate::app::Flash {
                    text: app.t(Msg::SeatWritesNow).to_string(),
                    is_error: false,
                });
                changed = true;
            }
        }
        changed
    }

    /// The console changed its minutes (or a draft): into this seat's document and file.
    pub(super) fn local_change(&mut self, app: &mut App) {
        if let Some(session) = self.session.as_mut() {
            session.local_change(app);
        }
    }
}

#[cfg(test)]
mod tests;
