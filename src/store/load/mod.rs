//! Reads a meeting file (FORMAT.md, "Meeting file") into a validated [`Meeting`].
//!
//! Three passes, each with its own job:
//! 1. [`guard`](super::guard) refuses hostile or broken input cheaply, before any parser sees it;
//! 2. serde reads the text into raw structs that mirror the file, refusing unknown keys and wrong
//!    types at their exact place (serde stops at the first such error);
//! 3. the rules of the format are checked on the raw structs, collecting every error and warning,
//!    placed in the file through [`Positions`].
//!
//! The raw structs are in `raw`, the rules in `rules`, serde's errors reworded in `yaml_errors`,
//! and the attachments as `gavel check` reads them in `attachment_check`.

use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::marker::PhantomData;
use std::path::Path;

use chrono::{NaiveDate, NaiveTime, Timelike};
use rustc_hash::FxHashMap;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use super::attachments::{self, NotRead, NotRegular};
use super::cache::Cache;
use super::diagnostic::{Diagnostic, Severity};
use super::documents::{Unreadable, read_attachment};
use super::guard::{self, GuardError};
use super::positions::{LazyPositions, Position, Positions};
use crate::domain::meeting::{
    Attachment, Faction, Informant, Item, ItemKind, Meeting, Slot, parse_clock_time, parse_duration,
};
use crate::i18n::Lang;

mod attachment_check;
mod raw;
mod rules;
mod yaml_errors;

use attachment_check::*;
use raw::*;
use rules::*;
pub use yaml_errors::diagnostic_from_yaml;
use yaml_errors::*;

/// A meeting that passed every rule, with the warnings found on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedMeeting {
    pub meeting: Meeting,
    pub warnings: Vec<Diagnostic>,
}

/// Reads and validates the meeting file at `path`.
///
/// On failure the diagnostics hold every error found and also the warnings, in file order.
/// Beyond [`parse_meeting`], this warns about attachment files that do not exist, lie outside
/// the meeting's folder, are not regular files or are over the size cap (all without opening).
pub fn load_meeting(path: &Path) -> Result<LoadedMeeting, Vec<Diagnostic>> {
    load(path, None)
}

/// [`load_meeting`], and also reads every text attachment to warn about those over the line cap:
/// for `gavel check`, where waiting for that is fine (the console indexes in the background).
/// `read` holds what earlier meetings' attachments gave, and takes this one's: a file named by
/// many meetings (`gavel check DIR`) is read once.
pub fn load_meeting_reading_attachments(
    path: &Path,
    read: &mut AttachmentsRead,
) -> Result<LoadedMeeting, Vec<Diagnostic>> {
    load(path, Some(read))
}

/// Attachment files read by `gavel check`, by their place (the meeting's resolved folder and
/// the name it gives): why each was not read, or `None` when it was.
pub type AttachmentsRead = HashMap<(std::path::PathBuf, String), Option<Unreadable>>;

fn load(
    path: &Path,
    mut read_attachments: Option<&mut AttachmentsRead>,
) -> Result<LoadedMeeting, Vec<Diagnostic>> {
    let bytes = read_capped(path).map_err(|diagnostic| vec![diagnostic])?;
    let (result, positions) = parse(path, &bytes);
    let mut loaded = result?;
    // Resolved once for all attachments: resolving follows every link of the path.
    let folder = attachments::resolved_folder(path.parent().unwrap_or(Path::new("")));
    // A file named by many items (a generated meeting, a pack's shared bijlage) is read once,
    // and the files side by side (each PDF is a child process of its own).
    if let (Some(folder), Some(read)) = (&folder, read_attachments.as_deref_mut()) {
        read_each_once(&loaded.meeting, folder, read);
    }
    let mut resolved: HashMap<&str, Option<NotRead>> = HashMap::new();
    for (i, item) in loaded.meeting.items.iter().enumerate() {
        for (j, attachment) in item.attachments.iter().enumerate() {
            let Some(file) = &attachment.file else {
                continue;
            };
            let refusal = match (&folder, read_attachments.as_deref()) {
                (None, _) => Some(Unreadable::NotRead(NotRead::Missing)),
                // gavel check reads each PDF and Word file as the console will (the cache
                // beside the meeting is used, not written): a scan or a damaged file is said.
                (Some(folder), Some(read)) => {
                    read.get(&(folder.clone(), file.clone())).cloned().flatten()
                }
                // Resolving follows every link of the path (a readlink per folder): once a
                // file, however many items name it.
                (Some(folder), None) => (*resolved
                    .entry(file.as_str())
                    .or_insert_with(|| attachments::resolve_in(folder, file).err()))
                .map(Unreadable::NotRead),
            };
            let Some((message, help)) = refusal.and_then(|r| attachment_warning(file, r)) else {
                continue;
            };
            let at = positions
                .get()
                .nearest_value(&format!("items[{i}].attachments[{j}].file"));
            loaded.warnings.push(diagnostic(
                path,
                at,
                Severity::Warning,
                message,
                Some(help.into()),
            ));
        }
    }
    sort(&mut loaded.warnings);
    Ok(loaded)
}

/// Validates meeting file contents; `path` is only used to name the file in diagnostics.
///
/// On failure the diagnostics hold every error found and also the warnings, in file order.
pub fn parse_meeting(path: &Path, bytes: &[u8]) -> Result<LoadedMeeting, Vec<Diagnostic>> {
    parse(path, bytes).0
}

/// The meeting, and where its nodes are (built only if a message needs a place).
type Parsed<'a> = (Result<LoadedMeeting, Vec<Diagnostic>>, LazyPositions<'a>);

fn parse<'a>(path: &Path, bytes: &'a [u8]) -> Parsed<'a> {
    let text = match guard::check_yaml_input(bytes) {
        Ok(text) => text,
        Err(error) => {
            return (
                Err(vec![diagnostic_from_guard(path, error)]),
                LazyPositions::new(""),
            );
        }
    };
    let raw: RawMeeting = match serde_yaml::from_str(text) {
        Ok(raw) => raw,
        Err(error) => {
            let diagnostic = diagnostic_from_yaml(path, text, &error);
            return (Err(vec![diagnostic]), LazyPositions::new(""));
        }
    };
    let positions = LazyPositions::new(text);
    let mut rules = Rules {
        path,
        positions: &positions,
        diagnostics: Vec::new(),
        crosses_midnight: false,
        meeting_start: None,
    };
    let meeting = rules.meeting(raw);
    let mut diagnostics = rules.diagnostics;
    sort(&mut diagnostics);
    let result = match meeting {
        Some(meeting) if !diagnostics.iter().any(|d| d.severity == Severity::Error) => {
            Ok(LoadedMeeting {
                meeting,
                warnings: diagnostics,
            })
        }
        _ => Err(diagnostics),
    };
    (result, positions)
}

/// Reads a file of at most [`guard::MAX_BYTES`] (plus one byte, so the guard can tell it is too
/// large) without ever holding more: a 50 GB file or `/dev/zero` must not fill the memory.
pub fn read_capped(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let io_error = |error: std::io::Error| {
        diagnostic(path, None, Severity::Error, why_unreadable(&error), None)
    };
    // Opening a FIFO waits for a writer, for ever: the type is asked before opening.
    let file = match attachments::open_regular(path).map_err(io_error)? {
        Ok(file) => file,
        Err(NotRegular::Folder) => {
            let message = "this is a folder, not a file".to_string();
            return Err(diagnostic(path, None, Severity::Error, message, None));
        }
        Err(kind) => {
            return Err(diagnostic(
                path,
                None,
                Severity::Error,
                format!("not a regular file ({})", kind.words()),
                Some("give the path of the meeting or minutes file itself".into()),
            ));
        }
    };
    let size = file.metadata().map_err(io_error)?.len();
    if size > guard::MAX_BYTES as u64 {
        return Err(diagnostic_from_guard(path, guard::too_large(size)));
    }
    let mut bytes = Vec::new();
    file.take(guard::MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() > guard::MAX_BYTES {
        return Err(diagnostic_from_guard(path, guard::larger_than_cap()));
    }
    Ok(bytes)
}

/// Why a file cannot be read, in words the catalogue translates: the operating system's own text
/// is English only, so the common cases have sentences of their own.
fn why_unreadable(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "no permission to read the file".into(),
        std::io::ErrorKind::IsADirectory => "this is a folder, not a file".into(),
        _ => format!("cannot read the file: {error}"),
    }
}

/// Turns a refusal of the input guard into a diagnostic.
pub fn diagnostic_from_guard(path: &Path, error: GuardError) -> Diagnostic {
    Diagnostic {
        path: path.to_path_buf(),
        line: error.line,
        column: error.column,
        severity: Severity::Error,
        message: error.message,
        help: error.help,
    }
}

fn diagnostic(
    path: &Path,
    at: Option<Position>,
    severity: Severity,
    message: String,
    help: Option<String>,
) -> Diagnostic {
    let at = at.unwrap_or(Position { line: 0, column: 0 });
    Diagnostic {
        path: path.to_path_buf(),
        line: at.line,
        column: at.column,
        severity,
        message,
        help,
    }
}

fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| (d.line, d.column));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<LoadedMeeting, Vec<Diagnostic>> {
        parse_meeting(Path::new("m.yaml"), text.as_bytes())
    }

    fn messages(text: &str) -> Vec<String> {
        match parse(text) {
            Ok(loaded) => loaded.warnings.iter().map(ToString::to_string).collect(),
            Err(diagnostics) => diagnostics.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn levenshtein_counts_edits() {
        assert_eq!(levenshtein("titel", "title"), 2);
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(levenshtein("kind", "kind"), 0);
        assert_eq!(levenshtein("durration", "duration"), 1);
    }

    #[test]
    fn suggestions_prefer_synonyms_then_spelling() {
        let keys = ["number", "title", "portfolio_holder", "informants"];
        assert_eq!(
            suggest("portefeuillehouder", &keys),
            Some("portfolio_holder")
        );
        assert_eq!(suggest("informant", &keys), Some("informants"));
        assert_eq!(suggest("Titel", &keys), Some("title"));
        assert_eq!(suggest("nummer", &keys), Some("number"));
        assert_eq!(suggest("xyz", &keys), None);
        // A synonym whose key is not allowed here suggests nothing from the table.
        assert_eq!(suggest("datum", &keys), None);
    }

    #[test]
    fn a_minimal_meeting_loads() {
        let loaded =
            parse("title: T\ndate: 2017-11-20\nitems:\n  - number: 1\n    title: Opening\n")
                .unwrap();
        assert_eq!(loaded.meeting.items[0].number, "1");
        assert!(loaded.warnings.is_empty());
    }

    #[test]
    fn unquoted_scalars_keep_their_text() {
        let loaded = parse(
            "title: 2017\ndate: 2017-11-20\nstart: 19.30\nend: 22:30\nitems:\n  - number: 1.10\n    title: x\n    start: 19.30\n    end: 20.00\n    informants: {name: P, phone: 4063}\n",
        )
        .unwrap();
        let meeting = loaded.meeting;
        assert_eq!(meeting.title, "2017");
        assert_eq!(meeting.start, NaiveTime::from_hms_opt(19, 30, 0));
        assert_eq!(meeting.items[0].number, "1.10");
        assert_eq!(
            meeting.items[0].informants[0].phone.as_deref(),
            Some("4063")
        );
        assert_eq!(meeting.items[0].slot.planned_seconds(), Some(1800));
    }

    #[test]
    fn an_unknown_key_inside_a_plain_or_map_field_keeps_its_place() {
        let text = "title: T\ndate: 2017-11-20\nitems:\n  - number: 1\n    title: x\n    informants:\n      - Piet\n      - name: P\n        telefoon: 1\n";
        assert_eq!(
            messages(text),
            [
                "m.yaml:9:9: error: unknown key \"telefoon\"; did you mean \"phone\"?\n  help: allowed keys here: name, phone, email, role"
            ]
        );
    }

    #[test]
    fn a_syntax_error_is_placed_and_explained() {
        let found = messages("title: T\n date: x\n");
        assert_eq!(found.len(), 1);
        assert!(
            found[0].starts_with("m.yaml:2:6: error: YAML syntax error: "),
            "{}",
            found[0]
        );
    }

    #[test]
    fn a_wrong_type_names_the_key() {
        assert_eq!(
            messages("title: [a]\ndate: 2017-11-20\nitems: []\n"),
            ["m.yaml:1:8: error: \"title\" should be a string, not a list"]
        );
    }

    #[test]
    fn a_file_with_nothing_to_report_is_parsed_once() {
        let text = "title: T\ndate: 2017-11-20\nstart: 19:30\nitems:\n  - number: 1\n    title: x\n    start: 19:30\n    end: 20:00\n  - number: 2\n    title: y\n    start: 20:00\n";
        let (result, positions) = super::parse(Path::new("m.yaml"), text.as_bytes());
        assert!(result.unwrap().warnings.is_empty());
        assert!(
            !positions.is_built(),
            "no message, so no second parse for places"
        );
        let text =
            "title: T\ndate: 2017-11-20\nitems:\n  - number: 1\n    title: x\n    end: 20:00\n";
        let (result, positions) = super::parse(Path::new("m.yaml"), text.as_bytes());
        assert_eq!(
            result.unwrap().warnings[0].to_string(),
            "m.yaml:6:5: warning: \"end\" without \"start\": planned as a moment at 20:00\n  help: for a timeslot add `start: HH:MM`, or give a `duration` instead"
        );
        assert!(positions.is_built());
    }

    #[test]
    fn slots_after_midnight_follow_the_meeting() {
        let text = "title: T\ndate: 2017-11-20\nstart: 20:00\nend: 00:30\nitems:\n  - number: 1\n    title: x\n    start: 23:45\n    end: 00:15\n";
        assert!(parse(text).unwrap().warnings.is_empty());
    }
}
