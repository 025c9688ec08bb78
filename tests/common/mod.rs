//! What several test files share: copying the bundled meetings, and golden files.

#![allow(dead_code)] // each test file uses its own part

pub mod ods;
pub mod pdf;
pub mod pty;

use std::path::{Path, PathBuf};

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a folder, leaving out minutes files (each test makes its own) and gavel's own cache
/// (`.gavel-cache/`, which another test's console may be writing meanwhile).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_name() == ".gavel-cache" {
            continue;
        }
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else if !entry
            .file_name()
            .to_string_lossy()
            .contains(".minutes.yaml")
        {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Compares `actual` with `tests/golden/<name>` whole, or writes it under `UPDATE_GOLDEN=1`
/// (then read the new file before committing it).
pub fn golden(name: &str, actual: &str) {
    let path: PathBuf = root().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|value| value == "1") {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} is missing: make it with UPDATE_GOLDEN=1",
            path.display()
        )
    });
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from the golden file at line {}:\n  golden: {:?}\n  now:    {:?}\n(UPDATE_GOLDEN=1 writes it anew if the change is meant)",
            first + 1,
            expected.lines().nth(first),
            actual.lines().nth(first)
        );
    }
}

/// Runs the gavel binary with `args` in `dir`, in English whatever the machine's locale.
pub fn gavel(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_gavel"))
        .args(args)
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C")
        .output()
        .unwrap()
}

pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Whether Poppler's `pdftotext` is installed (CI installs it). Tests that read the example's
/// PDF attachments need it (its text is what their snapshots hold): without it they print why
/// and pass over.
pub fn pdftotext_or_skip(test: &str) -> bool {
    let found = std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok_and(|o| o.status.success() || !o.stderr.is_empty());
    if !found {
        println!("{test}: skipped, pdftotext (Poppler) is not installed");
    }
    found
}

/// A kill harness's length and seed: `variable` (`GAVEL_FAULT_KILLS`, ...) names the long form,
/// `short` is the one every `cargo test` runs; `GAVEL_FAULT_SEED` repeats a run, else the clock
/// gives a seed (printed by the harness).
pub fn kills_and_seed(variable: &str, short: u32) -> (u32, u64) {
    let kills = std::env::var(variable)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(short);
    let seed = std::env::var("GAVEL_FAULT_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        });
    (kills, seed)
}

/// A small xorshift generator for the kill harnesses: no crate needed, and a seed repeats a run.
pub struct Dice(pub u64);

impl Dice {
    /// The next number below `n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}
