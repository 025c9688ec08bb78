//! The seat key of a meeting (issue 26): the secret the two seats' direct connection proves
//! they share. It is a file beside the meeting file, `<meeting>.seat-key`, one line of 64
//! hexadecimal digits (256 bits from the operating system's generator), made by the seat that
//! listens and copied with the meeting folder (a shared folder shares it by itself). Whoever
//! can read the folder can join; whoever cannot, cannot, however the network is reached.

use std::fs::{File, OpenOptions};
use std::io::{Read as _, Write as _};
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::{Path, PathBuf};

/// The key's length in bytes (the Noise protocol's pre-shared key).
pub const KEY_BYTES: usize = 32;
/// A key file larger than this is not one (64 digits and a line end are 65 bytes).
const MAX_KEY_FILE: u64 = 1024;

/// A meeting's seat key. Its `Debug` does not show it.
#[derive(Clone, PartialEq, Eq)]
pub struct SeatKey([u8; KEY_BYTES]);

impl std::fmt::Debug for SeatKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SeatKey(..)")
    }
}

impl SeatKey {
    pub fn bytes(&self) -> &[u8; KEY_BYTES] {
        &self.0
    }

    /// A new key from the operating system's generator.
    pub fn generate() -> Result<SeatKey, KeyError> {
        let mut bytes = [0u8; KEY_BYTES];
        getrandom::fill(&mut bytes).map_err(|error| KeyError::Random(error.to_string()))?;
        Ok(SeatKey(bytes))
    }

    /// The key as its file holds it: 64 hexadecimal digits.
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|byte| format!("{byte:02x}")).collect()
    }

    /// A key from its file's text (white space around it allowed).
    pub fn from_hex(text: &str) -> Option<SeatKey> {
        let text = text.trim();
        if text.len() != KEY_BYTES * 2 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let mut bytes = [0u8; KEY_BYTES];
        for (at, byte) in bytes.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&text[at * 2..at * 2 + 2], 16).ok()?;
        }
        Some(SeatKey(bytes))
    }
}

/// Why there is no key.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error(
        "{path}: there is no seat key; the seat that listens (--listen) makes it: copy that file into this meeting's folder"
    )]
    Missing { path: String },
    #[error(
        "{path}: not a seat key; it holds one line of 64 hexadecimal digits, as --listen writes it (delete the file to have a new one made)"
    )]
    NotAKey { path: String },
    #[error(
        "{path}: a link or not a regular file; the seat key is a file of its own in the meeting folder"
    )]
    NotOwnFile { path: String },
    #[error("{path}: {error}")]
    Io { path: String, error: std::io::Error },
    #[error("no random numbers for a seat key: {0}")]
    Random(String),
}

/// `<folder>/<meeting>.seat-key`.
pub fn seat_key_path(folder: &Path, meeting_file_name: &str) -> PathBuf {
    let stem = crate::store::seat_files::stem(meeting_file_name);
    folder.join(format!("{stem}.seat-key"))
}

/// Reads the key at `path`: not through a link, not from a FIFO, at most 1 KiB.
pub fn read_seat_key(path: &Path) -> Result<SeatKey, KeyError> {
    let shown = || path.display().to_string();
    let file: File = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
        .map_err(|error| match error.raw_os_error() {
            Some(libc::ENOENT) => KeyError::Missing { path: shown() },
            Some(libc::ELOOP) => KeyError::NotOwnFile { path: shown() },
            _ => KeyError::Io {
                path: shown(),
                error,
            },
        })?;
    let metadata = file.metadata().map_err(|error| KeyError::Io {
        path: shown(),
        error,
    })?;
    if !metadata.file_type().is_file() {
        return Err(KeyError::NotOwnFile { path: shown() });
    }
    let mut bytes = Vec::new();
    file.take(MAX_KEY_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| KeyError::Io {
            path: shown(),
            error,
        })?;
    std::str::from_utf8(&bytes)
        .ok()
        .filter(|_| bytes.len() as u64 <= MAX_KEY_FILE)
        .and_then(SeatKey::from_hex)
        .ok_or_else(|| KeyError::NotAKey { path: shown() })
}

/// The key at `path`, made first if there is none (readable by its owner only, and never
/// written over: a key the other seat already copied stays valid). Returns the key and
/// whether it was made now.
pub fn read_or_make_seat_key(path: &Path) -> Result<(SeatKey, bool), KeyError> {
    match read_seat_key(path) {
        Err(KeyError::Missing { .. }) => {}
        other => return other.map(|key| (key, false)),
    }
    let key = SeatKey::generate()?;
    let made = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
        .and_then(|mut file| {
            file.write_all(format!("{}\n", key.to_hex()).as_bytes())?;
            file.sync_all()
        });
    match made {
        Ok(()) => Ok((key, true)),
        // Made by the other seat at the same moment: that one counts.
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            read_seat_key(path).map(|key| (key, false))
        }
        Err(error) => {
            let _ = std::fs::remove_file(path);
            Err(KeyError::Io {
                path: path.display().to_string(),
                error,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_made_once_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = seat_key_path(dir.path(), "m.yaml");
        assert!(path.ends_with("m.seat-key"));
        assert!(matches!(
            read_seat_key(&path),
            Err(KeyError::Missing { .. })
        ));
        let (key, made) = read_or_make_seat_key(&path).unwrap();
        assert!(made);
        let (again, made) = read_or_make_seat_key(&path).unwrap();
        assert!(!made);
        assert_eq!(key, again);
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert_ne!(key, SeatKey::generate().unwrap());
        assert_eq!(format!("{key:?}"), "SeatKey(..)");
    }

    #[test]
    fn what_is_not_a_key_is_refused_with_what_would_be_right() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.seat-key");
        for text in [
            "",
            "abc",
            &"g".repeat(64),
            &"a".repeat(65),
            &"a".repeat(5000),
        ] {
            std::fs::write(&path, text).unwrap();
            let error = read_seat_key(&path).unwrap_err();
            assert!(matches!(error, KeyError::NotAKey { .. }), "{text:?}");
            assert!(error.to_string().contains("64 hexadecimal digits"));
            // Never replaced: the other seat may hold a copy of what is there.
            assert!(read_or_make_seat_key(&path).is_err());
        }
        std::fs::write(&path, format!("  {}\r\n", "0a".repeat(32))).unwrap();
        assert_eq!(read_seat_key(&path).unwrap().bytes(), &[0x0a; 32]);
    }

    #[test]
    fn a_link_or_a_fifo_is_not_a_key() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("elsewhere");
        std::fs::write(&target, "0a".repeat(32)).unwrap();
        let path = dir.path().join("m.seat-key");
        std::os::unix::fs::symlink(&target, &path).unwrap();
        assert!(matches!(
            read_seat_key(&path),
            Err(KeyError::NotOwnFile { .. })
        ));
        assert!(read_or_make_seat_key(&path).is_err());
        let fifo = dir.path().join("fifo.seat-key");
        let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo only creates the file.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
        assert!(matches!(
            read_seat_key(&fifo),
            Err(KeyError::NotOwnFile { .. })
        ));
    }
}
