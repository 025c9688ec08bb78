//! Finding and reading attachment files (the search index is built from them in `app::index`).
//!
//! An attachment path comes from a file gavel did not write, so it is confined: resolved (with
//! symlinks) and read only when it lies inside the meeting's folder, is a regular file (a FIFO
//! or a device would block or never end; this is asked of the metadata, before opening) and
//! stays under [`MAX_BYTES`] and [`MAX_LINES`].

use std::fs::{File, FileType, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use crate::domain::meeting::Meeting;
use crate::sanitize::for_terminal;

/// Largest attachment read into the reader and the search index.
pub const MAX_BYTES: u64 = 8 * 1024 * 1024;
/// Largest PDF or Word file read for its text (its text must then keep to [`MAX_BYTES`]).
pub const MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;
/// Most lines of one attachment read and indexed (each line is an entry of the search palette).
pub const MAX_LINES: usize = 200_000;

/// Why an attachment is not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotRead {
    /// It does not exist (or is a dangling symlink).
    Missing,
    /// Resolved, it lies outside the meeting's folder: `..`, an absolute path, a symlink out.
    Outside,
    /// Not a regular file: "a FIFO", "a device", "a socket", "a folder".
    NotRegular(NotRegular),
    /// Over [`MAX_BYTES`].
    TooLarge,
    /// Over [`MAX_LINES`].
    TooManyLines,
    /// Not UTF-8 text (a PDF, say): the system's viewer can show it.
    NotText,
}

/// What a file that is not a regular file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotRegular {
    Fifo,
    Device,
    Socket,
    Folder,
}

impl NotRegular {
    /// What the file is, in the words of the (English) diagnostics.
    pub fn words(self) -> &'static str {
        match self {
            NotRegular::Fifo => "a FIFO",
            NotRegular::Device => "a device",
            NotRegular::Socket => "a socket",
            NotRegular::Folder => "a folder",
        }
    }

    /// What a file of this type is, when it is not a regular file.
    pub fn of(file_type: FileType) -> Option<NotRegular> {
        if file_type.is_file() {
            None
        } else if file_type.is_fifo() {
            Some(NotRegular::Fifo)
        } else if file_type.is_char_device() || file_type.is_block_device() {
            Some(NotRegular::Device)
        } else if file_type.is_socket() {
            Some(NotRegular::Socket)
        } else {
            Some(NotRegular::Folder)
        }
    }
}

/// Opens a file for reading only if it is a regular file. Its type is asked of the metadata
/// before opening (opening a FIFO waits for a writer, for ever), and again of the opened file,
/// opened without blocking, in case it was swapped for a FIFO in between.
pub fn open_regular(path: &Path) -> io::Result<Result<File, NotRegular>> {
    if let Some(kind) = NotRegular::of(std::fs::metadata(path)?.file_type()) {
        return Ok(Err(kind));
    }
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    Ok(match NotRegular::of(file.metadata()?.file_type()) {
        Some(kind) => Err(kind),
        None => Ok(file),
    })
}

/// Every attachment file the meeting names, with its place and the name as written.
pub fn attachment_files(meeting: &Meeting) -> Vec<(usize, usize, String)> {
    let mut files = Vec::new();
    for (item, entry) in meeting.items.iter().enumerate() {
        for (index, attachment) in entry.attachments.iter().enumerate() {
            if let Some(file) = &attachment.file {
                files.push((item, index, file.clone()));
            }
        }
    }
    files
}

/// The meeting's folder, resolved (an empty folder is the current one); resolve it once for
/// many attachments with [`resolve_in`] and [`read_lines_in`].
pub fn resolved_folder(meeting_dir: &Path) -> Option<PathBuf> {
    let folder = if meeting_dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        meeting_dir
    };
    folder.canonicalize().ok()
}

/// Whether `path` (as resolved) lies inside the meeting's folder.
pub fn is_inside(meeting_dir: &Path, path: &Path) -> bool {
    match (resolved_folder(meeting_dir), path.canonicalize()) {
        (Some(folder), Ok(path)) => path.starts_with(folder),
        _ => false,
    }
}

/// Resolves an attachment named `file` (as the meeting file writes it) to a regular file inside
/// the meeting's folder, of at most [`MAX_BYTES`] ([`MAX_DOCUMENT_BYTES`] for a PDF or a Word
/// file, whose text is what counts); nothing is opened.
pub fn resolve(meeting_dir: &Path, file: &str) -> Result<PathBuf, NotRead> {
    let folder = resolved_folder(meeting_dir).ok_or(NotRead::Missing)?;
    resolve_in(&folder, file)
}

/// [`resolve`] in a folder already resolved by [`resolved_folder`].
pub fn resolve_in(folder: &Path, file: &str) -> Result<PathBuf, NotRead> {
    // An absolute `file` replaces the folder; canonicalize follows every symlink and `..`.
    let path = folder
        .join(file)
        .canonicalize()
        .map_err(|_| NotRead::Missing)?;
    if !path.starts_with(folder) {
        return Err(NotRead::Outside);
    }
    let metadata = std::fs::metadata(&path).map_err(|_| NotRead::Missing)?;
    if let Some(kind) = NotRegular::of(metadata.file_type()) {
        return Err(NotRead::NotRegular(kind));
    }
    let cap = if crate::extract::Format::of(&path).is_some() {
        MAX_DOCUMENT_BYTES
    } else {
        MAX_BYTES
    };
    if metadata.len() > cap {
        return Err(NotRead::TooLarge);
    }
    Ok(path)
}

/// Reads a text attachment as lines (tabs as spaces, control characters escaped for the
/// terminal), within the caps; says why not when it cannot.
pub fn read_lines(meeting_dir: &Path, file: &str) -> Result<Vec<String>, NotRead> {
    let folder = resolved_folder(meeting_dir).ok_or(NotRead::Missing)?;
    read_lines_in(&folder, file)
}

/// [`read_lines`] in a folder already resolved by [`resolved_folder`].
pub fn read_lines_in(folder: &Path, file: &str) -> Result<Vec<String>, NotRead> {
    let path = resolve_in(folder, file)?;
    let file = open_regular(&path)
        .map_err(|_| NotRead::Missing)?
        .map_err(NotRead::NotRegular)?;
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| NotRead::Missing)?;
    // A file can grow between the look and the read, or report no size (`/proc`).
    if bytes.len() as u64 > MAX_BYTES {
        return Err(NotRead::TooLarge);
    }
    let text = String::from_utf8(bytes).map_err(|_| NotRead::NotText)?;
    if text.lines().nth(MAX_LINES).is_some() {
        return Err(NotRead::TooManyLines);
    }
    Ok(text
        .lines()
        .map(|line| for_terminal(&line.replace('\t', "    ")).into_owned())
        .collect())
}

/// Extensions of files that a system viewer would run, not show.
const RUNNABLE: &[&str] = &[
    "action",
    "app",
    "appimage",
    "apk",
    "application",
    "bash",
    "bat",
    "bin",
    "cmd",
    "com",
    "command",
    "cpl",
    "csh",
    "deb",
    "desktop",
    "dll",
    "dmg",
    "exe",
    "fish",
    "gadget",
    "hta",
    "inf",
    "jar",
    "js",
    "jse",
    "ksh",
    "lnk",
    "msi",
    "msp",
    "pif",
    "pkg",
    "pl",
    "ps1",
    "py",
    "rb",
    "reg",
    "rpm",
    "run",
    "scf",
    "scr",
    "sh",
    "so",
    "terminal",
    "tool",
    "url",
    "vb",
    "vbe",
    "vbs",
    "workflow",
    "ws",
    "wsf",
    "wsh",
    "zsh",
];

/// Whether opening `path` in the system's viewer could run a program: it is executable (any
/// x bit) or its extension is one a desktop runs (`.desktop`, `.sh`, `.exe`, `.jar`, ...).
pub fn could_run(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let executable =
        std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0);
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    executable || RUNNABLE.contains(&extension.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_inside_the_folder_resolves() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("bijlagen")).unwrap();
        std::fs::write(dir.path().join("bijlagen/a.txt"), "een\n\ttwee\u{1b}\n").unwrap();
        assert_eq!(
            read_lines(dir.path(), "bijlagen/../bijlagen/a.txt"),
            Ok(vec!["een".to_string(), "    twee\\u{1b}".to_string()])
        );
    }

    #[test]
    fn paths_out_of_the_folder_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink("/etc/passwd", dir.path().join("p")).unwrap();
        for file in [
            "../../../../../../../../etc/passwd",
            "/etc/passwd",
            "p",
            "/proc/self/environ",
        ] {
            assert_eq!(resolve(dir.path(), file), Err(NotRead::Outside), "{file}");
        }
        assert_eq!(resolve(dir.path(), "nothing"), Err(NotRead::Missing));
    }

    #[test]
    fn what_could_run_is_told_by_its_extension_or_x_bit() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("nota.pdf");
        std::fs::write(&plain, "x").unwrap();
        assert!(!could_run(&plain));
        assert!(could_run(Path::new("/x/Start.DESKTOP")));
        assert!(could_run(Path::new("/x/setup.exe")));
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&plain, std::fs::Permissions::from_mode(0o744)).unwrap();
        assert!(could_run(&plain));
    }
}
