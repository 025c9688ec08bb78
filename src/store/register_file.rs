//! The commitments register file (`commitments.yaml`), gavel's own: what became of each
//! commitment after the meeting where it was made. The commitments themselves stay in the minutes
//! files; this file only adds how and when one was settled, and the council's own number for it.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::diagnostic::Diagnostic;
use super::guard::check_yaml_input;
use super::load::{diagnostic_from_guard, diagnostic_from_yaml, read_capped};
use super::lock::{self, LockError, MinutesLock};

/// The register file's name in a folder of meetings.
pub const REGISTER_FILE: &str = "commitments.yaml";

pub fn register_path(folder: &Path) -> PathBuf {
    folder.join(REGISTER_FILE)
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterFile {
    #[serde(default)]
    pub commitments: Vec<RegisterEntry>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Settled {
    #[default]
    Open,
    Done,
}

/// What the register adds to one commitment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterEntry {
    pub id: String,
    #[serde(default)]
    pub status: Settled,
    /// When it was settled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// How it was settled: "afgedaan met informatienota 22 september 2021".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub how: Option<String>,
    /// The meeting file of the meeting in which it was settled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<String>,
    /// The council's own number for it in its RIS ("toezegging 324").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ris_number: Option<String>,
}

impl RegisterEntry {
    pub fn new(id: &str) -> RegisterEntry {
        RegisterEntry {
            id: id.to_string(),
            status: Settled::Open,
            date: None,
            how: None,
            meeting: None,
            ris_number: None,
        }
    }
}

/// Reads the register; an absent file is an empty register.
pub fn read_register(path: &Path) -> Result<RegisterFile, Diagnostic> {
    match std::fs::metadata(path) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Ok(RegisterFile::default());
        }
        _ => {}
    }
    let bytes = read_capped(path)?;
    let text = check_yaml_input(&bytes).map_err(|error| diagnostic_from_guard(path, error))?;
    if text.trim().is_empty() {
        return Ok(RegisterFile::default());
    }
    serde_yaml::from_str(text).map_err(|error| {
        let mut diagnostic = diagnostic_from_yaml(path, text, &error);
        diagnostic.message = quoting_nothing(&diagnostic.message);
        diagnostic.help = diagnostic.help.as_deref().map(quoting_nothing);
        diagnostic
    })
}

/// A message about a register gavel refuses quotes nothing of its text: a `commitments.yaml`
/// linked to `/etc/passwd` had its first line shown (issue 22, 9). Every quoted value ("...")
/// goes, and serde's name for the type becomes the register's.
fn quoting_nothing(message: &str) -> String {
    let mut kept = String::with_capacity(message.len());
    let mut quoted = false;
    for c in message.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if !quoted {
            kept.push(c);
        }
    }
    kept.replace(
        "struct RegisterFile",
        "a register (`commitments:` and its list)",
    )
    .replace("  ", " ")
    .trim_end()
    .to_string()
}

#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    #[error("{0}")]
    Damaged(Box<Diagnostic>),
    #[error("the register {path} is being changed by {holder}; try again in a moment")]
    Busy { path: String, holder: String },
    #[error("cannot lock the register: {0}")]
    Lock(String),
    #[error("cannot write {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot turn the register into YAML: {0}")]
    Yaml(#[from] serde_yaml::Error),
}

/// How long a second process waits for the register's lock before it gives up.
const LOCK_PATIENCE: Duration = Duration::from_secs(10);

fn lock_register(path: &Path) -> Result<MinutesLock, RegisterError> {
    let started = Instant::now();
    loop {
        match lock::acquire(path) {
            Ok(lock) => return Ok(lock),
            Err(LockError::Held { path, holder }) if started.elapsed() >= LOCK_PATIENCE => {
                return Err(RegisterError::Busy { path, holder });
            }
            Err(LockError::Held { .. }) => std::thread::sleep(Duration::from_millis(20)),
            Err(error) => return Err(RegisterError::Lock(error.to_string())),
        }
    }
}

/// Changes the register under its lock: read it fresh, apply `change`, and when it says yes
/// (`Ok`) write it atomically (temporary file, fsync, rename, as the minutes). Two processes
/// settling at once both land. A damaged register is refused and left untouched.
pub fn update_register<T, E>(
    path: &Path,
    lang: crate::i18n::Lang,
    change: impl FnOnce(&mut RegisterFile) -> Result<T, E>,
) -> Result<Result<T, E>, RegisterError> {
    let _lock = lock_register(path)?;
    let mut register = read_register(path).map_err(|d| RegisterError::Damaged(Box::new(d)))?;
    let result = change(&mut register);
    if result.is_err() {
        return Ok(result);
    }
    let body = serde_yaml::to_string(&register)?;
    // The comment at its head in the language of whoever settled last.
    let head: String = crate::i18n::Msg::RegisterFileHead
        .text(lang)
        .lines()
        .map(|line| format!("# {line}\n"))
        .collect();
    let text = format!("{head}{body}");
    let io_error = |source| RegisterError::Io {
        path: path.display().to_string(),
        source,
    };
    // The writer of every file: through a link (a replaced link forked the register in two).
    super::save::write_atomic(path, text.as_bytes()).map_err(io_error)?;
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_settlement_round_trips_through_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = register_path(dir.path());
        assert_eq!(read_register(&path).unwrap(), RegisterFile::default());
        update_register(&path, crate::i18n::Lang::En, |register| -> Result<(), ()> {
            register.commitments.push(RegisterEntry {
                status: Settled::Done,
                date: NaiveDate::from_ymd_opt(2021, 9, 22),
                how: Some("afgedaan met informatienota".into()),
                meeting: Some("2021-09-27-raadsplein.yaml".into()),
                ..RegisterEntry::new("2017-11-20-5-1")
            });
            Ok(())
        })
        .unwrap()
        .unwrap();
        let read = read_register(&path).unwrap();
        assert_eq!(read.commitments.len(), 1);
        assert_eq!(read.commitments[0].status, Settled::Done);
        assert_eq!(
            read.commitments[0].how.as_deref(),
            Some("afgedaan met informatienota")
        );
    }

    #[test]
    fn the_register_written_from_a_dutch_console_says_what_it_is_in_dutch() {
        let dir = tempfile::tempdir().unwrap();
        let path = register_path(dir.path());
        update_register(&path, crate::i18n::Lang::Nl, |register| -> Result<(), ()> {
            register
                .commitments
                .push(RegisterEntry::new("2017-11-20-5-1"));
            Ok(())
        })
        .unwrap()
        .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("# Het register van toezeggingen"),
            "{text}"
        );
        assert!(!text.contains("written by"), "{text}");
        assert_eq!(read_register(&path).unwrap().commitments.len(), 1);
    }

    #[test]
    fn a_refused_register_quotes_nothing_of_its_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = register_path(dir.path());
        let secret = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin\n";
        std::fs::write(&path, secret).unwrap();
        let diagnostic = read_register(&path).unwrap_err();
        let shown = format!(
            "{diagnostic:?} {}",
            diagnostic.in_language(crate::i18n::Lang::En)
        );
        for word in ["root", "daemon", "bin", "RegisterFile"] {
            assert!(!shown.contains(word), "{word} in {shown}");
        }
        assert!(shown.contains("commitments:"), "{shown}");
    }

    #[test]
    fn a_damaged_register_is_refused_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = register_path(dir.path());
        std::fs::write(&path, "commitments:\n  - id: x\n    statuss: done\n").unwrap();
        let error =
            update_register(&path, crate::i18n::Lang::En, |_| Ok::<(), ()>(())).unwrap_err();
        assert!(
            error.to_string().contains("commitments.yaml:3:5"),
            "{error}"
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "commitments:\n  - id: x\n    statuss: done\n"
        );
    }
}
