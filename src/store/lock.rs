//! One gavel per minutes file: an exclusive lock on `<minutes>.lock`, which also says who holds it.
//!
//! The lock is on a separate file because the minutes file is replaced by a rename on every save,
//! and a lock on a replaced file protects nothing.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{MetadataExt as _, OpenOptionsExt as _};
use std::path::{Path, PathBuf};

use chrono::Local;

/// Held while gavel runs; the operating system releases it when the process ends, even by SIGKILL.
#[derive(Debug)]
pub struct MinutesLock {
    _file: File,
    pub path: PathBuf,
    /// The seat named in the lock, when the console holding it is one of two seats.
    pub seat: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("{path} is in use by another gavel ({holder})")]
    Held { path: String, holder: String },
    /// A link, a folder, a device, a file with other names, or one whose text is not a holder's:
    /// planted or someone's own, it is not gavel's lock, and gavel does not write into it.
    #[error("{path} is not a gavel lock file (a link or another file); remove it if it is stale")]
    NotALock { path: String },
    #[error("cannot open the lock file {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

impl LockError {
    /// The folder cannot be written (permissions, a read-only file system): gavel can still show
    /// the meeting, but cannot save.
    pub fn is_read_only(&self) -> bool {
        matches!(self, LockError::Io { source, .. } if matches!(
            source.kind(),
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
        ))
    }
}

impl MinutesLock {
    /// Whether the lock file on disk is still the one this lock holds: someone may have deleted
    /// it, and then a second gavel could take a new one.
    pub fn still_held(&self) -> bool {
        match (self._file.metadata(), std::fs::metadata(&self.path)) {
            (Ok(ours), Ok(on_disk)) => ours.dev() == on_disk.dev() && ours.ino() == on_disk.ino(),
            _ => false,
        }
    }

    /// Takes the lock again when its file vanished or was replaced; fails when another gavel
    /// took it in the meantime.
    pub fn renew(&mut self, minutes_path: &Path) -> Result<(), LockError> {
        if !self.still_held() {
            *self = acquire_as(minutes_path, self.seat.as_deref())?;
        }
        Ok(())
    }
}

pub fn lock_path(minutes_path: &Path) -> PathBuf {
    let mut name = minutes_path.as_os_str().to_os_string();
    name.push(".lock");
    PathBuf::from(name)
}

/// The longest text a holder writes into a lock, with room to spare.
const HOLDER_CAP: u64 = 1024;

/// Whether an opened lock file is one gavel may write into: a plain file with no other name
/// (a hard link to a victim is refused as a symbolic one is), empty or holding a holder's line.
fn is_own_lock(file: &mut File) -> bool {
    let Ok(metadata) = file.metadata() else {
        return false;
    };
    if !metadata.file_type().is_file() || metadata.nlink() != 1 || metadata.len() > HOLDER_CAP {
        return false;
    }
    let mut text = String::new();
    let own = file.read_to_string(&mut text).is_ok()
        && (text.trim().is_empty() || text.starts_with("pid "));
    let _ = file.seek(SeekFrom::Start(0));
    own
}

/// Takes the lock for a minutes file, or says who holds it.
pub fn acquire(minutes_path: &Path) -> Result<MinutesLock, LockError> {
    acquire_as(minutes_path, None)
}

/// The seat a holder's text names (` as seat <name>` at its end), if any: a second console
/// joining the meeting learns from it which seat runs the clock.
pub fn holder_seat(holder: &str) -> Option<String> {
    let (_, seat) = holder.trim_end().rsplit_once(" as seat ")?;
    crate::seats::valid_seat(seat).then(|| seat.to_string())
}

/// A holder's text as `acquire_as` writes it, in its parts: the process, the machine, since
/// when, and the seat if one is named; none for a text of another form.
pub struct Holder<'a> {
    pub pid: &'a str,
    pub host: &'a str,
    pub since: &'a str,
    pub seat: Option<&'a str>,
}

pub fn holder_parts(holder: &str) -> Option<Holder<'_>> {
    let (pid, rest) = holder.trim().strip_prefix("pid ")?.split_once(" on ")?;
    let (host, rest) = rest.split_once(" since ")?;
    let (since, seat) = match rest.split_once(" as seat ") {
        Some((since, seat)) => (since, Some(seat)),
        None => (rest, None),
    };
    Some(Holder {
        pid,
        host,
        since,
        seat,
    })
}

/// Takes the lock as `acquire` does, naming in it the seat of the console that holds it.
pub fn acquire_as(minutes_path: &Path, seat: Option<&str>) -> Result<MinutesLock, LockError> {
    let path = lock_path(minutes_path);
    let io_error = |source| LockError::Io {
        path: path.display().to_string(),
        source,
    };
    let not_a_lock = || LockError::NotALock {
        path: path.display().to_string(),
    };
    // Never through a link (a planted `.lock` link would have gavel overwrite what it points
    // at), never blocking on a FIFO.
    let mut file = match OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
        .mode(0o644)
        .open(&path)
    {
        Ok(file) => file,
        Err(error) if error.raw_os_error() == Some(libc::ELOOP) => return Err(not_a_lock()),
        Err(error) => return Err(io_error(error)),
    };
    if !is_own_lock(&mut file) {
        return Err(not_a_lock());
    }
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            let holder = holder.trim().to_string();
            return Err(LockError::Held {
                path: minutes_path.display().to_string(),
                holder: if holder.is_empty() {
                    "unknown process".into()
                } else {
                    holder
                },
            });
        }
        Err(TryLockError::Error(error)) => return Err(io_error(error)),
    }
    let host = gethostname::gethostname().to_string_lossy().into_owned();
    let seat_name = seat.map(str::to_string);
    let seat = seat
        .map(|seat| format!(" as seat {seat}"))
        .unwrap_or_default();
    let holder = format!(
        "pid {} on {} since {}{seat}\n",
        std::process::id(),
        host,
        Local::now().format("%Y-%m-%d %H:%M:%S")
    );
    // Best effort: the lock itself is what counts, the text only informs a second gavel.
    let _ = file.set_len(0);
    let _ = file.seek(SeekFrom::Start(0));
    let _ = file.write_all(holder.as_bytes());
    let _ = file.sync_all();
    Ok(MinutesLock {
        _file: file,
        path,
        seat: seat_name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_minutes_is_refused_and_names_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let minutes = dir.path().join("m.minutes.yaml");
        let _first = acquire(&minutes).unwrap();
        let error = acquire(&minutes).unwrap_err().to_string();
        assert!(
            error.contains(&format!("pid {}", std::process::id())),
            "{error}"
        );
    }

    #[test]
    fn the_lock_names_the_seat_that_holds_it() {
        let dir = tempfile::tempdir().unwrap();
        let minutes = dir.path().join("m.minutes.yaml");
        let _first = acquire_as(&minutes, Some("voorzitter")).unwrap();
        let Err(LockError::Held { holder, .. }) = acquire(&minutes) else {
            panic!("the lock is held");
        };
        assert_eq!(holder_seat(&holder).as_deref(), Some("voorzitter"));
        assert_eq!(holder_seat("pid 1 on host since 2026-12-04 20:00:00"), None);
        assert_eq!(holder_seat("pid 1 as seat ../x"), None);
    }

    #[test]
    fn a_deleted_lock_file_is_taken_again() {
        let dir = tempfile::tempdir().unwrap();
        let minutes = dir.path().join("m.minutes.yaml");
        let mut lock = acquire(&minutes).unwrap();
        assert!(lock.still_held());
        std::fs::remove_file(&lock.path).unwrap();
        assert!(!lock.still_held());
        lock.renew(&minutes).unwrap();
        assert!(lock.still_held());
        assert!(
            acquire(&minutes).is_err(),
            "the new lock keeps a second gavel out"
        );
    }

    /// Issue 22, 3: `ln -s victim m.minutes.yaml.lock` had gavel write "pid ... on ..." into the
    /// victim. A link, a hard link or a file that is not a lock is refused and left as it was.
    #[test]
    fn a_planted_lock_link_or_foreign_file_is_refused_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let minutes = dir.path().join("m.minutes.yaml");
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "precious\n").unwrap();
        std::os::unix::fs::symlink(&victim, lock_path(&minutes)).unwrap();
        let error = acquire(&minutes).unwrap_err();
        assert!(matches!(error, LockError::NotALock { .. }), "{error}");
        std::fs::remove_file(lock_path(&minutes)).unwrap();
        std::fs::hard_link(&victim, lock_path(&minutes)).unwrap();
        assert!(matches!(
            acquire(&minutes).unwrap_err(),
            LockError::NotALock { .. }
        ));
        std::fs::remove_file(lock_path(&minutes)).unwrap();
        std::fs::copy(&victim, lock_path(&minutes)).unwrap();
        assert!(matches!(
            acquire(&minutes).unwrap_err(),
            LockError::NotALock { .. }
        ));
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
        assert_eq!(
            std::fs::read_to_string(lock_path(&minutes)).unwrap(),
            "precious\n"
        );
        // A stale lock of gavel's own is taken over.
        std::fs::write(lock_path(&minutes), "pid 1 on elsewhere since 2020-01-01\n").unwrap();
        assert!(acquire(&minutes).is_ok());
    }

    #[test]
    fn the_lock_is_free_again_after_release() {
        let dir = tempfile::tempdir().unwrap();
        let minutes = dir.path().join("m.minutes.yaml");
        drop(acquire(&minutes).unwrap());
        assert!(acquire(&minutes).is_ok());
    }
}
