//! Extracted attachment text kept beside the meeting, in a hidden folder of gavel's own
//! (`.gavel-cache/`), so the second start of a meeting with forty PDFs has their text at once.
//!
//! An entry is named by the SHA-256 of the file's bytes (and of the extractor's version): a
//! changed PDF is another entry, read again. The folder is confined: it is used only when it is
//! a real folder (not a symlink) inside the meeting's folder, entries are opened without
//! following symlinks and written by rename. Each entry holds a hash of its own text, so a
//! damaged or truncated entry is ignored (and written again). The folder is capped in bytes and
//! entries; the oldest go first. A cache that cannot be written is no cache, and no error.

use std::fs::OpenOptions;
use std::io::{Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// The cache folder's name, in the meeting's folder.
pub const CACHE_FOLDER: &str = ".gavel-cache";
/// The most the cache folder holds; beyond it the oldest entries are removed.
pub const MAX_CACHE_BYTES: u64 = 256 * 1024 * 1024;
/// The most entries it holds.
pub const MAX_CACHE_ENTRIES: usize = 2000;
/// Changes when the extractors change what they give: older entries are then not found.
const VERSION: &str = "gavel-text 1";

/// The cache of one meeting's folder.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    /// `gavel check` reads the cache but writes nothing beside the meeting.
    writable: bool,
}

impl Cache {
    /// The cache in a meeting's folder (already resolved, see `attachments::resolved_folder`).
    pub fn beside(folder: &Path) -> Cache {
        Cache {
            dir: folder.join(CACHE_FOLDER),
            writable: true,
        }
    }

    /// The same, only read.
    pub fn read_only(folder: &Path) -> Cache {
        Cache {
            writable: false,
            ..Cache::beside(folder)
        }
    }

    /// The key of a file's bytes.
    pub fn key(bytes: &[u8]) -> String {
        let mut hasher = Sha256::new();
        hasher.update(VERSION.as_bytes());
        hasher.update([0]);
        hasher.update(bytes);
        hex(&hasher.finalize())
    }

    /// Whether the folder is one gavel may use: a real folder, not a link to elsewhere.
    fn usable(&self) -> bool {
        std::fs::symlink_metadata(&self.dir).is_ok_and(|m| m.file_type().is_dir())
    }

    fn entry(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.txt"))
    }

    /// The text kept for a key, if there is a sound entry.
    pub fn get(&self, key: &str) -> Option<String> {
        if !self.usable() {
            return None;
        }
        let file = OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
            .open(self.entry(key))
            .ok()?;
        if !file.metadata().ok()?.is_file() {
            return None;
        }
        let mut bytes = Vec::new();
        file.take(MAX_CACHE_BYTES + 1)
            .read_to_end(&mut bytes)
            .ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let (header, body) = text.split_once('\n')?;
        let (version, hash) = header.rsplit_once(' ')?;
        (version == VERSION && hash == hex(&Sha256::digest(body.as_bytes())))
            .then(|| body.to_string())
    }

    /// Keeps the text for a key; then trims the folder to its caps. Failures are ignored.
    pub fn put(&self, key: &str, text: &str) {
        if !self.writable {
            return;
        }
        if !self.usable() {
            // create_dir does not follow a symlink put in its place: it fails, and no cache.
            if std::fs::create_dir(&self.dir).is_err() {
                return;
            }
            // Not for version control: a meeting folder is often kept in git.
            let _ = std::fs::write(self.dir.join(".gitignore"), "*\n");
        }
        let hash = hex(&Sha256::digest(text.as_bytes()));
        let temporary = self.dir.join(format!("{key}.tmp-{}", std::process::id()));
        // create_new does not follow a symlink at the name either.
        let written = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)
            .and_then(|mut file| {
                file.write_all(format!("{VERSION} {hash}\n").as_bytes())?;
                file.write_all(text.as_bytes())
            });
        // A rename replaces a symlink at the entry's name; it never writes through one.
        if written
            .and_then(|()| std::fs::rename(&temporary, self.entry(key)))
            .is_err()
        {
            let _ = std::fs::remove_file(&temporary);
            return;
        }
        self.trim();
    }

    /// Removes the oldest entries while the folder is over its caps.
    fn trim(&self) {
        self.trim_to(MAX_CACHE_BYTES, MAX_CACHE_ENTRIES);
    }

    fn trim_to(&self, max_bytes: u64, max_entries: usize) {
        let Ok(listing) = std::fs::read_dir(&self.dir) else {
            return;
        };
        let mut entries: Vec<(std::time::SystemTime, u64, PathBuf)> = listing
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".txt"))
            .filter_map(|e| {
                let metadata = e.metadata().ok()?;
                let modified = metadata.modified().ok()?;
                Some((modified, metadata.len(), e.path()))
            })
            .collect();
        entries.sort();
        let mut total: u64 = entries.iter().map(|(_, size, _)| size).sum();
        let mut count = entries.len();
        for (_, size, path) in entries {
            if total <= max_bytes && count <= max_entries {
                break;
            }
            if std::fs::remove_file(path).is_ok() {
                total -= size;
                count -= 1;
            }
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_text_is_found_by_the_same_bytes_only() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::beside(dir.path());
        let key = Cache::key(b"%PDF-1.4 een");
        assert_eq!(cache.get(&key), None);
        cache.put(&key, "pagina een\u{c}pagina twee");
        assert_eq!(
            cache.get(&key).as_deref(),
            Some("pagina een\u{c}pagina twee")
        );
        assert_eq!(cache.get(&Cache::key(b"%PDF-1.4 twee")), None);
        assert!(dir.path().join(".gavel-cache/.gitignore").is_file());
    }

    #[test]
    fn a_damaged_cache_entry_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::beside(dir.path());
        let key = Cache::key(b"x");
        cache.put(&key, "de tekst van de nota");
        let entry = cache.entry(&key);
        let kept = std::fs::read_to_string(&entry).unwrap();
        std::fs::write(&entry, kept.replace("nota", "NOTA")).unwrap();
        assert_eq!(cache.get(&key), None, "changed");
        std::fs::write(&entry, &kept[..kept.len() - 3]).unwrap();
        assert_eq!(cache.get(&key), None, "truncated");
        std::fs::write(&entry, [0xff, 0xfe, b'\n']).unwrap();
        assert_eq!(cache.get(&key), None, "not text");
        cache.put(&key, "de tekst van de nota");
        assert_eq!(cache.get(&key).as_deref(), Some("de tekst van de nota"));
    }

    #[test]
    fn a_cache_folder_that_is_a_symlink_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), dir.path().join(CACHE_FOLDER)).unwrap();
        let cache = Cache::beside(dir.path());
        cache.put(&Cache::key(b"x"), "tekst");
        assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
        assert_eq!(cache.get(&Cache::key(b"x")), None);
    }

    #[test]
    fn a_cache_entry_that_is_a_symlink_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::beside(dir.path());
        let key = Cache::key(b"x");
        cache.put(&key, "tekst");
        let secret = dir.path().join("geheim");
        std::fs::write(
            &secret,
            format!("{VERSION} {}\nzout", hex(&Sha256::digest(b"zout"))),
        )
        .unwrap();
        std::fs::remove_file(cache.entry(&key)).unwrap();
        std::os::unix::fs::symlink(&secret, cache.entry(&key)).unwrap();
        assert_eq!(cache.get(&key), None);
    }

    #[test]
    fn the_oldest_entries_go_when_the_cache_is_over_its_caps() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::beside(dir.path());
        let keys: Vec<String> = (0..4).map(|n| Cache::key(&[n])).collect();
        for (n, key) in keys.iter().enumerate() {
            cache.put(key, "tekst");
            let entry = std::fs::File::options()
                .write(true)
                .open(cache.entry(key))
                .unwrap();
            let age = std::time::Duration::from_secs(100 - n as u64);
            entry
                .set_modified(std::time::SystemTime::now() - age)
                .unwrap();
        }
        cache.trim_to(u64::MAX, 2);
        let kept: Vec<bool> = keys.iter().map(|key| cache.get(key).is_some()).collect();
        assert_eq!(kept, [false, false, true, true]);
        let one = std::fs::metadata(cache.entry(&keys[3])).unwrap().len();
        cache.trim_to(one, usize::MAX);
        assert_eq!(cache.get(&keys[2]), None, "over the bytes");
        assert!(cache.get(&keys[3]).is_some());
    }

    #[test]
    fn a_read_only_cache_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        Cache::read_only(dir.path()).put(&Cache::key(b"x"), "tekst");
        assert!(!dir.path().join(CACHE_FOLDER).exists());
    }
}
