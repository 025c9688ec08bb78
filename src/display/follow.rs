//! Follows the minutes file the console writes: file notifications for speed, polling for where
//! they do not arrive (a network share). Only ever reads; takes no lock.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::domain::minutes::Minutes;
use crate::store::diagnostic::Diagnostic;
use crate::store::minutes_file::read_minutes;

/// How often the file is looked at when no notification comes.
const POLL: Duration = Duration::from_millis(250);
/// A file that does not load is reported only when it stays so this long: a writer that is not
/// atomic leaves a half-written file for a moment, and the next write completes it.
const GRACE: Duration = Duration::from_millis(400);

/// What the follower saw in the minutes file.
#[derive(Debug, Clone, PartialEq)]
pub enum Update {
    Minutes(Box<Minutes>),
    /// No minutes file (yet): the console writes it at the first change.
    Missing,
    /// The file does not load; the last good minutes stay on screen.
    Damaged(Box<Diagnostic>),
}

pub struct Follower {
    pub updates: Receiver<Update>,
    /// Why notifications are not used, when they are not: polling alone then.
    pub watch_error: Option<String>,
    _watcher: Option<RecommendedWatcher>,
}

/// Starts following `path`; the first update comes at once.
pub fn follow(path: &Path) -> Follower {
    follow_with(path, true)
}

/// `notifications: false` follows by polling alone, as where notifications never arrive.
fn follow_with(path: &Path, notifications: bool) -> Follower {
    let (wake, woken) = mpsc::channel();
    let (watcher, watch_error) = match notifications.then(|| watch(path, wake)) {
        Some(Ok(watcher)) => (Some(watcher), None),
        Some(Err(error)) => (None, Some(error.to_string())),
        None => (None, None),
    };
    let (send, updates) = mpsc::channel();
    let path = path.to_path_buf();
    thread::spawn(move || follow_loop(&path, &woken, &send));
    Follower {
        updates,
        watch_error,
        _watcher: watcher,
    }
}

/// Watches the folder, not the file: the console replaces the file (write beside it, rename),
/// and a watch on the file itself would stay with the old one.
fn watch(path: &Path, wake: Sender<()>) -> notify::Result<RecommendedWatcher> {
    let name = path.file_name().map(|n| n.to_os_string());
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<Event>| {
        let ours = event.map_or(true, |event| {
            may_change_content(&event.kind)
                && event
                    .paths
                    .iter()
                    .any(|p| p.file_name().map(|n| n.to_os_string()) == name)
        });
        if ours {
            let _ = wake.send(());
        }
    })?;
    watcher.watch(&folder, RecursiveMode::NonRecursive)?;
    Ok(watcher)
}

/// Whether an event can mean new content: a write, a close after writing, a rename, a new or
/// removed file. Opens and reads are not: the follower's own read of the file would wake it
/// again, and it would read without end (issue 22: a core at 56-96 % with nobody writing).
fn may_change_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
        // Any/Other: a back end that cannot tell; better read once too often.
        EventKind::Any | EventKind::Other => true,
    }
}

/// What tells a changed file from the same one without reading it: time, size and, where
/// there is one, the inode (an atomic replace is a new file, even within one tick of a coarse
/// clock on a network share).
type Signature = Option<(SystemTime, u64, u64)>;

fn signature(path: &Path) -> Signature {
    let metadata = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&metadata);
    #[cfg(not(unix))]
    let inode = 0;
    Some((metadata.modified().ok()?, metadata.len(), inode))
}

fn follow_loop(path: &Path, woken: &Receiver<()>, send: &Sender<Update>) {
    let mut seen: Option<Signature> = None;
    let mut failing: Option<(Instant, Diagnostic)> = None;
    let mut notified = true;
    // A notification often comes for a file already read: the same news is not sent twice.
    let mut last_sent: Option<Update> = None;
    loop {
        let now_seen = signature(path);
        if notified || seen != Some(now_seen) {
            seen = Some(now_seen);
            let update = match read_minutes(path) {
                Ok(Some(minutes)) => Some(Update::Minutes(Box::new(minutes))),
                Ok(None) => Some(Update::Missing),
                Err(diagnostic) => {
                    let since = failing.as_ref().map_or_else(Instant::now, |(at, _)| *at);
                    failing = Some((since, diagnostic));
                    None
                }
            };
            if let Some(update) = update {
                failing = None;
                if last_sent.as_ref() != Some(&update) {
                    if send.send(update.clone()).is_err() {
                        return;
                    }
                    last_sent = Some(update);
                }
            }
        }
        if let Some((since, diagnostic)) = &failing
            && since.elapsed() >= GRACE
        {
            let update = Update::Damaged(Box::new(diagnostic.clone()));
            if send.send(update.clone()).is_err() {
                return;
            }
            last_sent = Some(update);
            failing = None;
        }
        let wait = if failing.is_some() { GRACE / 4 } else { POLL };
        notified = match woken.recv_timeout(wait) {
            Ok(()) => {
                while woken.try_recv().is_ok() {}
                true
            }
            Err(RecvTimeoutError::Timeout) => false,
            // Without notifications: polling alone.
            Err(RecvTimeoutError::Disconnected) => {
                thread::sleep(wait);
                false
            }
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn next(follower: &Follower) -> Update {
        follower
            .updates
            .recv_timeout(Duration::from_secs(3))
            .expect("an update within 3 s")
    }

    #[test]
    fn a_missing_file_then_a_written_then_a_damaged_one() {
        missing_written_damaged(true);
    }

    #[test]
    fn polling_alone_sees_the_same() {
        missing_written_damaged(false);
    }

    fn missing_written_damaged(notifications: bool) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.minutes.yaml");
        let follower = follow_with(&path, notifications);
        assert_eq!(next(&follower), Update::Missing);
        let yaml = "meeting: x.yaml\ntitle: X\ndate: 2017-11-20\n";
        let temp = dir.path().join(".x.tmp");
        std::fs::write(&temp, yaml).unwrap();
        std::fs::rename(&temp, &path).unwrap();
        assert!(matches!(next(&follower), Update::Minutes(m) if m.title == "X"));
        std::fs::write(&path, "meeting: [unclosed").unwrap();
        assert!(matches!(next(&follower), Update::Damaged(_)));
    }
}
