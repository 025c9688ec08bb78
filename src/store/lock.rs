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
    fn the_lock_is_free_again_after_release() {
        let dir = tempfile::tempdir().unwrap();
        let minutes = dir.path().join("m.minutes.yaml");
        drop(acquire(&minutes).unwrap());
        assert!(acquire(&minutes).is_ok());
    }
}
