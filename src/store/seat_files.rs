//! Two seats through the meeting folder (issue 26, the transport's shape): each seat writes only
//! its own file, `<meeting>.seat-<name>.automerge` beside the meeting file, atomically as the
//! minutes are written, and reads the other's. A damaged, oversized or linked file is passed by
//! with a message; what can be read is merged.

use std::fs::{File, OpenOptions};
use std::io::Read as _;
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::{Path, PathBuf};

use crate::seats::{SeatDoc, SeatError, valid_seat};
use crate::store::diagnostic::{Diagnostic, Severity};

/// A seat file larger than this is not read. The example after an evening of typing is 21 KiB;
/// the cap is kept low because automerge inflates a file's compressed columns without a bound
/// of its own, so a hostile file of this size could still take about a thousand times as much
/// memory (README "Two seats").
pub const MAX_SEAT_BYTES: u64 = 4 * 1024 * 1024;
/// At most this many seat files are read for one meeting (two seats, and old ones left behind).
pub const MAX_SEAT_FILES: usize = 8;

/// A seat file up to this size is opened in the console itself: at automerge's worst inflation
/// it takes a few hundred MiB. A larger one is opened first in a child process under a memory
/// and time limit (`extract::seat_opens_in_child`), and only then in the console.
pub const OPEN_IN_PROCESS: usize = 256 * 1024;

const SUFFIX: &str = ".automerge";

/// A seat file's bytes as `seat`'s document, a large file only after a limited child opened it.
pub fn open_seat_file(seat: &str, bytes: &[u8]) -> Result<SeatDoc, SeatError> {
    if bytes.len() > OPEN_IN_PROCESS {
        crate::extract::seat_opens_in_child(bytes).map_err(|error| {
            SeatError::Damaged(match error {
                crate::extract::ExtractError::Failed(Some(words)) => words,
                crate::extract::ExtractError::Failed(None) => {
                    "it does not open within gavel's limits (1 GiB of memory)".to_string()
                }
                crate::extract::ExtractError::TooSlow => {
                    "it does not open within gavel's limits (10 s)".to_string()
                }
                other => format!("it could not be checked: {other:?}"),
            })
        })?;
    }
    SeatDoc::load(seat, bytes)
}

/// The meeting file's name without `.yaml` / `.yml`: the start of its seat files' names (and of
/// its seat key's, `store::seat_key`).
pub(crate) fn stem(meeting_file_name: &str) -> &str {
    meeting_file_name
        .strip_suffix(".yaml")
        .or_else(|| meeting_file_name.strip_suffix(".yml"))
        .unwrap_or(meeting_file_name)
}

/// `<folder>/<meeting>.seat-<seat>.automerge`.
pub fn seat_file_path(folder: &Path, meeting_file_name: &str, seat: &str) -> PathBuf {
    folder.join(format!("{}.seat-{seat}{SUFFIX}", stem(meeting_file_name)))
}

/// The seat a file name belongs to, if it is a seat file of this meeting.
pub fn seat_of_file(meeting_file_name: &str, file_name: &str) -> Option<String> {
    let prefix = format!("{}.seat-", stem(meeting_file_name));
    let seat = file_name.strip_prefix(&prefix)?.strip_suffix(SUFFIX)?;
    valid_seat(seat).then(|| seat.to_string())
}

/// Why a seat file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum SeatSaveError {
    #[error("{path}: is a link or not a regular file; a seat writes only a file of its own")]
    NotOwnFile { path: String },
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// Writes this seat's document to its own file: whole or not at all (the minutes' writer). A
/// link there is refused, not written through: the file must be the seat's own, in the folder.
pub fn save_seat(
    folder: &Path,
    meeting_file_name: &str,
    doc: &mut SeatDoc,
) -> Result<PathBuf, SeatSaveError> {
    let path = seat_file_path(folder, meeting_file_name, doc.seat());
    let shown = path.display().to_string();
    match std::fs::symlink_metadata(&path) {
        Ok(metadata) if !metadata.file_type().is_file() => {
            return Err(SeatSaveError::NotOwnFile { path: shown });
        }
        _ => {}
    }
    crate::store::save::write_atomic(&path, &doc.save()).map_err(|source| SeatSaveError::Io {
        path: shown,
        source,
    })?;
    Ok(path)
}

/// What reading the folder gave: the merge of every seat file that could be read (as `seat`'s
/// document), and a message for each one passed by.
#[derive(Debug)]
pub struct Loaded {
    pub doc: Option<SeatDoc>,
    /// The seats whose files were merged, in the order read.
    pub seats: Vec<String>,
    pub problems: Vec<Diagnostic>,
}

fn problem(path: &Path, message: String, help: Option<&str>) -> Diagnostic {
    Diagnostic {
        path: path.to_path_buf(),
        line: 0,
        column: 0,
        severity: Severity::Warning,
        message,
        help: help.map(str::to_string),
    }
}

/// Opens a seat file without following a link (`O_NOFOLLOW`) or waiting on a FIFO
/// (`O_NONBLOCK`), and reads it whole if it is a regular file within the cap.
pub fn read_seat_file(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let file: File = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
        .map_err(|error| match error.raw_os_error() {
            Some(libc::ELOOP) => problem(
                path,
                "a link, not a seat's own file: passed by".to_string(),
                Some("each seat writes its own file in the meeting folder; remove the link"),
            ),
            _ => problem(path, format!("cannot read the seat file: {error}"), None),
        })?;
    let metadata = file
        .metadata()
        .map_err(|error| problem(path, format!("cannot read the seat file: {error}"), None))?;
    if !metadata.file_type().is_file() {
        return Err(problem(
            path,
            "not a regular file: passed by".to_string(),
            None,
        ));
    }
    if metadata.len() > MAX_SEAT_BYTES {
        return Err(too_large(path));
    }
    let mut bytes = Vec::new();
    file.take(MAX_SEAT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| problem(path, format!("cannot read the seat file: {error}"), None))?;
    if bytes.len() as u64 > MAX_SEAT_BYTES {
        return Err(too_large(path));
    }
    Ok(bytes)
}

fn too_large(path: &Path) -> Diagnostic {
    problem(
        path,
        format!(
            "seat file is too large; gavel reads seat files of at most {} MiB",
            MAX_SEAT_BYTES / (1024 * 1024)
        ),
        Some("is this the right file? gavel never writes seat files this large"),
    )
}

pub(crate) fn damaged(path: &Path, error: &SeatError) -> Diagnostic {
    problem(
        path,
        format!("damaged seat file, passed by ({error})"),
        Some(
            "the other seats' files still count; this seat's own is written anew on its next change",
        ),
    )
}

/// The seat files of the meeting in `folder` other than `own`'s, by seat name (at most
/// `MAX_SEAT_FILES`); an unreadable folder gives none.
pub fn other_seat_files(
    folder: &Path,
    meeting_file_name: &str,
    own: &str,
) -> Vec<(String, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut files: Vec<(String, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let seat = seat_of_file(meeting_file_name, &name)?;
            (seat != own).then(|| (seat, entry.path()))
        })
        .collect();
    files.sort();
    files.truncate(MAX_SEAT_FILES);
    files
}

/// Reads every seat file of the meeting in `folder` and merges them into one document for
/// `seat`: its own file first, then the others by name. A file that cannot be read or merged is
/// passed by with a message, so one damaged file never stops the meeting.
pub fn load_seats(folder: &Path, meeting_file_name: &str, seat: &str) -> Loaded {
    let mut loaded = Loaded {
        doc: None,
        seats: Vec::new(),
        problems: Vec::new(),
    };
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(error) => {
            loaded.problems.push(problem(
                folder,
                format!("cannot read the meeting folder: {error}"),
                None,
            ));
            return loaded;
        }
    };
    let mut files: Vec<(String, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            Some((seat_of_file(meeting_file_name, &name)?, entry.path()))
        })
        .collect();
    // Its own seat first, then the others by name.
    files.sort_by(|a, b| (a.0 != seat, &a.0).cmp(&(b.0 != seat, &b.0)));
    if files.len() > MAX_SEAT_FILES {
        for (_, path) in files.drain(MAX_SEAT_FILES..) {
            loaded.problems.push(problem(
                &path,
                format!("more than {MAX_SEAT_FILES} seat files for one meeting: passed by"),
                Some("remove the files of seats that no longer take part"),
            ));
        }
    }
    for (name, path) in files {
        let bytes = match read_seat_file(&path) {
            Ok(bytes) => bytes,
            Err(diagnostic) => {
                loaded.problems.push(diagnostic);
                continue;
            }
        };
        let mut doc = match open_seat_file(seat, &bytes) {
            Ok(doc) => doc,
            Err(error) => {
                loaded.problems.push(damaged(&path, &error));
                continue;
            }
        };
        match &mut loaded.doc {
            None => loaded.doc = Some(doc),
            Some(into) => {
                if let Err(error) = into.merge(&mut doc) {
                    loaded.problems.push(damaged(&path, &error));
                    continue;
                }
            }
        }
        loaded.seats.push(name);
    }
    loaded
}

#[cfg(test)]
mod tests;
