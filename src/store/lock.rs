//! One gavel per minutes file: an exclusive lock on `<minutes>.lock`, which also says who holds it.
//!
//! The lock is on a separate file because the minutes file is replaced by a rename on every save,
//! and a lock on a replaced file protects nothing.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use chrono::Local;

/// Held while gavel runs; the operating system releases it when the process ends, even by SIGKILL.
#[derive(Debug)]
pub struct MinutesLock {
    _file: File,
    pub path: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("{path} is in use by another gavel ({holder})")]
    Held { path: String, holder: String },
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
        use std::os::unix::fs::MetadataExt as _;
        match (self._file.metadata(), std::fs::metadata(&self.path)) {
            (Ok(ours), Ok(on_disk)) => ours.dev() == on_disk.dev() && ours.ino() == on_disk.ino(),
            _ => false,
        }
    }

    /// Takes the lock again when its file vanished or was replaced; fails when another gavel
    /// took it in the meantime.
    pub fn renew(&mut self, minutes_path: &Path) -> Result<(), LockError> {
        if !self.still_held() {
            *self = acquire(minutes_path)?;
        }
        Ok(())
    }
}

pub fn lock_path(minutes_path: &Path) -> PathBuf {
    let mut name = minutes_path.as_os_str().to_os_string();
    name.push(".lock");
    PathBuf::from(name)
}

/// Takes the lock for a minutes file, or says who holds it.
pub fn acquire(minutes_path: &Path) -> Result<MinutesLock, LockError> {
    let path = lock_path(minutes_path);
    let io_error = |source| LockError::Io {
        path: path.display().to_string(),
        source,
    };
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(io_error)?;
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
    let holder = format!(
        "pid {} on {} since {}\n",
        std::process::id(),
        host,
        Local::now().format("%Y-%m-%d %H:%M:%S")
    );
    // Best effort: the lock itself is what counts, the text only informs a second gavel.
    let _ = file.set_len(0);
    let _ = file.seek(SeekFrom::Start(0));
    let _ = file.write_all(holder.as_bytes());
    let _ = file.sync_all();
    Ok(MinutesLock { _file: file, path })
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

    #[test]
    fn the_lock_is_free_again_after_release() {
        let dir = tempfile::tempdir().unwrap();
        let minutes = dir.path().join("m.minutes.yaml");
        drop(acquire(&minutes).unwrap());
        assert!(acquire(&minutes).is_ok());
    }
}
