//! Writing the minutes: all or nothing, durable before we say "saved".

use std::io::Write;
use std::path::{Path, PathBuf};

use atomic_write_file::AtomicWriteFile;

use crate::domain::minutes::Minutes;

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("cannot write {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot turn the minutes into YAML: {0}")]
    Yaml(#[from] serde_yaml::Error),
    #[error(
        "cannot write {path}: the minutes would be {size} bytes, more than gavel reads back ({max} bytes); nothing was written"
    )]
    TooLarge {
        path: String,
        size: usize,
        max: usize,
    },
}

/// The YAML text of the minutes, written as given (see `Minutes::for_saving`).
pub fn minutes_yaml(minutes: &Minutes) -> Result<String, SaveError> {
    let body = serde_yaml::to_string(minutes)?;
    Ok(format!(
        "# Minutes written by gavel; see the README for the format. Edit only while gavel is closed.\n{body}"
    ))
}

/// Writes to a temporary file in the same folder, fsyncs it, renames it over the old file and
/// fsyncs the folder (atomic-write-file does all four), so a crash leaves the old or the new file.
///
/// A symlink is written through: its target is replaced, in the target's folder, with the
/// target's permissions. Minutes larger than gavel reads back are not written. A failure leaves
/// no temporary file behind (the caller holds the minutes' lock, so every one is its own).
pub fn save_minutes(path: &Path, minutes: &Minutes) -> Result<(), SaveError> {
    let text = minutes_yaml(minutes)?;
    let max = crate::store::minutes_file::MAX_MINUTES_BYTES;
    if text.len() > max {
        return Err(SaveError::TooLarge {
            path: path.display().to_string(),
            size: text.len(),
            max,
        });
    }
    let io_error = |source| SaveError::Io {
        path: path.display().to_string(),
        source,
    };
    write_atomic(path, text.as_bytes()).map_err(io_error)
}

/// The one writer of every file gavel writes (the minutes, the register, exports, imports and
/// their attachment texts): whole or not at all, durable, through a symlink (its target is
/// replaced, never the link: a link replaced by atomic-write-file took the link's own mode,
/// 0777), with the old file's mode or 0644 for a new one. What is there and not a plain file (a
/// folder, a FIFO, a device) is refused, not replaced.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let target = write_target(path);
    match std::fs::symlink_metadata(&target) {
        Ok(metadata) if !metadata.file_type().is_file() => {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "not a regular file",
            ));
        }
        _ => {}
    }
    write_whole(&target, bytes)
}

/// One atomic write; after a failed commit atomic-write-file keeps its temporary file (it marks
/// itself finished before the rename), so that is removed here.
fn write_whole(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt as _;
    let result = AtomicWriteFile::options()
        .mode(0o644)
        .open(target)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            file.commit()
        });
    if result.is_err() {
        remove_temporaries(target);
    }
    result
}

/// The file a write of `path` replaces: `path` itself, or where its chain of symlinks ends.
pub fn write_target(path: &Path) -> PathBuf {
    let mut target = path.to_path_buf();
    // 40 links, as Linux allows; a loop ends there and the write fails with the system's error.
    for _ in 0..40 {
        match std::fs::symlink_metadata(&target) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let Ok(link) = std::fs::read_link(&target) else {
                    break;
                };
                target = match target.parent() {
                    Some(folder) => folder.join(link),
                    None => link,
                };
            }
            _ => break,
        }
    }
    target
}

/// Whether `name` is one of atomic-write-file's temporary files for `file_name`:
/// `.<file_name>.` and six letters or digits.
fn is_temporary_of(name: &str, file_name: &str) -> bool {
    name.strip_prefix('.')
        .and_then(|rest| rest.strip_prefix(file_name))
        .and_then(|rest| rest.strip_prefix('.'))
        .is_some_and(|suffix| {
            suffix.len() == 6 && suffix.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// Removes the temporary files of writes of `target` (after following symlinks) that never
/// finished: a failed save's, or a killed gavel's. Only call it while holding the lock of the
/// minutes. Returns how many were removed.
pub fn remove_temporaries(target: &Path) -> usize {
    let target = write_target(target);
    let Some(file_name) = target.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return 0;
    };
    let folder = match target.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(folder) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
        .filter(|entry| is_temporary_of(&entry.file_name().to_string_lossy(), &file_name))
        .filter(|entry| std::fs::remove_file(entry.path()).is_ok())
        .count()
}

/// What identifies one version of a file on disk: a rename by anyone gives a new inode, a write
/// in place a new size or modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    device: u64,
    inode: u64,
    size: u64,
    modified_ns: i128,
}

/// The fingerprint of the file at `path` (symlinks followed); `None` when there is none (or
/// something that is not a file, which no one's minutes can be).
pub fn fingerprint(path: &Path) -> Option<Fingerprint> {
    use std::os::unix::fs::MetadataExt as _;
    let metadata = std::fs::metadata(path).ok().filter(|m| m.is_file())?;
    Some(Fingerprint {
        device: metadata.dev(),
        inode: metadata.ino(),
        size: metadata.size(),
        modified_ns: i128::from(metadata.mtime()) * 1_000_000_000
            + i128::from(metadata.mtime_nsec()),
    })
}

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("cannot write {path}: the folder {folder} does not exist")]
    NoFolder { path: String, folder: String },
    #[error("cannot write {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// Writes a whole file or nothing, as the minutes are written: a temporary file beside it,
/// renamed over it once complete. A failure leaves no temporary file behind.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let shown = path.display().to_string();
    let folder = match path.parent() {
        Some(folder) if folder.as_os_str().is_empty() => Path::new("."),
        Some(folder) => folder,
        None => Path::new("."),
    };
    if !folder.is_dir() {
        return Err(WriteError::NoFolder {
            path: shown,
            folder: folder.display().to_string(),
        });
    }
    let io_error = |source| WriteError::Io {
        path: shown.clone(),
        source,
    };
    write_atomic(path, bytes).map_err(io_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_written_whole_and_a_missing_folder_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("terugblik.md");
        write_file(&path, b"# Korte terugblik\n").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"# Korte terugblik\n");
        let missing = dir.path().join("nergens/terugblik.md");
        let error = write_file(&missing, b"x").unwrap_err();
        assert!(error.to_string().contains("does not exist"), "{error}");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "only the written file: {left:?}");
    }

    /// Issue 22, 4: `ln -s nowhere.md d.md; gavel export m.yaml -o d.md` replaced the link with
    /// a file of mode 0777. Every writer now writes through the link, 0644 or the old mode.
    #[test]
    fn writing_to_a_symlink_writes_its_target_and_never_makes_a_0777_file() {
        use std::os::unix::fs::{FileTypeExt as _, PermissionsExt as _};
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("d.md");
        std::os::unix::fs::symlink("nowhere.md", &link).unwrap();
        write_file(&link, b"one\n").unwrap();
        let metadata = std::fs::symlink_metadata(&link).unwrap();
        assert!(metadata.file_type().is_symlink(), "the link stays a link");
        let target = dir.path().join("nowhere.md");
        assert_eq!(std::fs::read(&target).unwrap(), b"one\n");
        let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode & 0o133,
            0,
            "no execute, no group or world write: {mode:o}"
        );
        // An existing file keeps its mode.
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_file(&link, b"two\n").unwrap();
        let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(std::fs::read(&link).unwrap(), b"two\n");
        // What is not a plain file is not replaced.
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        assert!(write_file(&fifo, b"x").is_err());
        assert!(
            std::fs::symlink_metadata(&fifo)
                .unwrap()
                .file_type()
                .is_fifo()
        );
    }

    fn names_in(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_failed_save_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.minutes.yaml");
        // A folder where the file should go: the final rename fails.
        std::fs::create_dir(&path).unwrap();
        let example = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/format-example.minutes.yaml");
        let minutes = crate::store::minutes_file::read_minutes(&example)
            .unwrap()
            .unwrap();
        for _ in 0..3 {
            assert!(save_minutes(&path, &minutes).is_err());
        }
        assert_eq!(names_in(dir.path()), ["m.minutes.yaml"]);
    }

    #[test]
    fn only_our_own_temporary_files_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.minutes.yaml");
        for name in [
            ".m.minutes.yaml.a1B2c3",
            ".m.minutes.yaml.notes",
            ".m.minutes.yaml.a1B2c3d",
            ".x.minutes.yaml.a1B2c3",
            "m.minutes.yaml",
        ] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        assert_eq!(remove_temporaries(&path), 1);
        assert_eq!(
            names_in(dir.path()),
            [
                ".m.minutes.yaml.a1B2c3d",
                ".m.minutes.yaml.notes",
                ".x.minutes.yaml.a1B2c3",
                "m.minutes.yaml"
            ]
        );
    }
}
