//! Writing the console's minutes: after every change, atomically, never over a file someone
//! else wrote; retried, less often each time, when it fails.

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::Local;

use super::{DRAFT_MAX_WAIT, DRAFT_QUIET, now, retry_delay};
use crate::app::App;
use crate::domain::minutes::Minutes;
use crate::i18n::{Lang, Msg};
use crate::store::lock::{LockError, MinutesLock};
use crate::store::save::{Fingerprint, fingerprint, save_minutes};

/// How a save went.
#[derive(Debug)]
pub(super) enum Saved {
    /// The minutes file holds what is on screen.
    Written,
    /// Nothing to write (a read-only console, or only browsing).
    Nothing,
    /// Someone else wrote the minutes file or took its lock: it is left alone and the minutes
    /// went to a side file. The message says which and what to do: short with file names for
    /// the screen, and with whole paths for the terminal after quitting.
    Diverted(Diversion),
    Failed(String),
}

#[derive(Debug, Clone)]
pub(super) struct Diversion {
    pub(super) on_screen: String,
    pub(super) at_exit: String,
}

/// Writes the minutes and remembers what is still to write.
pub(super) struct Store {
    pub(super) path: PathBuf,
    /// `None` in a read-only console: nothing is written.
    pub(super) lock: Option<MinutesLock>,
    lang: Lang,
    /// Failed saves in a row, and when the last one failed: the next try waits `retry_delay`.
    failures: u32,
    failed_at: Option<Instant>,
    draft_since: Option<Instant>,
    last_draft_key: Instant,
    /// The minutes file as this gavel last read or wrote it (`None`: there was none), to tell
    /// when another program wrote it.
    pub(super) on_disk: Option<Fingerprint>,
    /// Once the minutes file was written by someone else: where this console's minutes go.
    side_file: Option<(PathBuf, Diversion)>,
    /// The minutes as the file holds them since this console read or last wrote it: a save of
    /// the same minutes writes nothing (no fsync, and the file's time stays for the displays).
    pub(super) written: Option<Minutes>,
}

impl Store {
    pub(super) fn new(path: PathBuf, lock: Option<MinutesLock>, lang: Lang) -> Store {
        Store {
            on_disk: fingerprint(&path),
            path,
            lock,
            lang,
            failures: 0,
            failed_at: None,
            draft_since: None,
            last_draft_key: Instant::now(),
            side_file: None,
            written: None,
        }
    }

    /// Saves and shows the result in the footer (and a diversion as an error message too).
    pub(super) fn save_and_show(&mut self, app: &mut App) {
        match self.save_now(app) {
            Saved::Written => app.note_save(Ok(())),
            Saved::Nothing => {}
            Saved::Diverted(message) => {
                app.note_save(Err(Msg::NotOurs.text(self.lang).to_string()));
                app.show_error(message.on_screen);
            }
            Saved::Failed(error) => app.note_save(Err(error)),
        }
    }

    pub(super) fn save_now(&mut self, app: &mut App) -> Saved {
        let Some(lock) = self.lock.as_mut() else {
            // A seat without the lock: its own seat file holds the draft (`run::seat`).
            self.draft_since = None;
            return Saved::Nothing;
        };
        let minutes = app.minutes.for_saving(&app.meeting, now());
        if self.side_file.is_none() {
            let side = conflict_path(&self.path);
            let (name, side_name) = (file_name(&self.path), file_name(&side));
            let (path, side_path) = (self.path.display(), side.display());
            let lang = self.lang;
            // A deleted lock file is made again; if another gavel took it meanwhile, or the
            // file changed since this gavel wrote it, the file is not ours to overwrite.
            let message = match lock.renew(&self.path) {
                Err(LockError::Held { holder, .. }) => Some(Diversion {
                    on_screen: Msg::LockTakenOver.fill(lang, &[&side_name, &name, &holder]),
                    at_exit: Msg::LockTakenOver.fill(lang, &[&side_path, &path, &holder]),
                }),
                _ => {
                    let now_on_disk = fingerprint(&self.path);
                    (now_on_disk.is_some() && now_on_disk != self.on_disk).then(|| Diversion {
                        on_screen: Msg::MinutesChangedOnDisk.fill(lang, &[&side_name, &name]),
                        at_exit: Msg::MinutesChangedOnDisk.fill(lang, &[&side_path, &path]),
                    })
                }
            };
            if let Some(message) = message {
                self.side_file = Some((side, message));
            }
        }
        let unchanged_on_disk = self.on_disk.is_some() && fingerprint(&self.path) == self.on_disk;
        if self.side_file.is_none() && unchanged_on_disk && self.written.as_ref() == Some(&minutes)
        {
            self.draft_since = None;
            return Saved::Written;
        }
        let target = self.side_file.as_ref().map_or(&self.path, |(side, _)| side);
        match save_minutes(target, &minutes) {
            Ok(()) => {
                self.failures = 0;
                self.failed_at = None;
                self.draft_since = None;
                match &self.side_file {
                    Some((_, message)) => Saved::Diverted(message.clone()),
                    None => {
                        self.on_disk = fingerprint(&self.path);
                        self.written = Some(minutes);
                        Saved::Written
                    }
                }
            }
            Err(error) => {
                self.failures += 1;
                self.failed_at = Some(Instant::now());
                Saved::Failed(error.to_string())
            }
        }
    }

    pub(super) fn draft_changed(&mut self) {
        self.last_draft_key = Instant::now();
        self.draft_since.get_or_insert(self.last_draft_key);
    }

    /// Whether a save is due: a changed draft once typing pauses, or a failed save to retry,
    /// less often each time.
    pub(super) fn due(&self) -> bool {
        match self.failed_at {
            Some(at) => at.elapsed() >= retry_delay(self.failures),
            None => self.draft_since.is_some_and(|since| {
                self.last_draft_key.elapsed() >= DRAFT_QUIET || since.elapsed() >= DRAFT_MAX_WAIT
            }),
        }
    }

    /// Whether this console holds the minutes' lock (and so writes the YAML minutes).
    pub(super) fn holds_lock(&self) -> bool {
        self.lock.is_some()
    }

    /// A seat without the lock takes it when the seat that wrote the minutes has gone: from
    /// now on this console writes them, over what that seat wrote last (which this seat's
    /// document holds, merged from its seat file).
    pub(super) fn take_lock(&mut self, seat: &str) -> bool {
        let Ok(lock) = crate::store::lock::acquire_as(&self.path, Some(seat)) else {
            return false;
        };
        crate::store::save::remove_temporaries(&self.path);
        self.lock = Some(lock);
        self.on_disk = fingerprint(&self.path);
        self.written = None;
        self.side_file = None;
        true
    }
}

/// `x.minutes.yaml` -> `x.minutes.conflict-<date>-<time>.yaml`, beside it: not taken for
/// anyone's minutes (it does not end in `.minutes.yaml`), and sorted next to them.
fn conflict_path(minutes_path: &Path) -> PathBuf {
    let stamp = Local::now().format("%Y%m%d-%H%M%S");
    let name = file_name(minutes_path);
    let stem = name.strip_suffix(".yaml").unwrap_or(&name);
    minutes_path.with_file_name(format!("{stem}.conflict-{stamp}.yaml"))
}

pub(super) fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
