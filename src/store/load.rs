//! Reads a meeting file (FORMAT.md, "Meeting file") into a validated [`Meeting`].
//!
//! Three passes, each with its own job:
//! 1. [`guard`](super::guard) refuses hostile or broken input cheaply, before any parser sees it;
//! 2. serde reads the text into raw structs that mirror the file, refusing unknown keys and wrong
//!    types at their exact place (serde stops at the first such error);
//! 3. the rules of the format are checked on the raw structs, collecting every error and warning,
//!    placed in the file through [`Positions`].

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
            let refusal = match &folder {
                None => Some(Unreadable::NotRead(NotRead::Missing)),
                // gavel check reads each PDF and Word file as the console will (the cache
                // beside the meeting is used, not written): a scan or a damaged file is said.
                Some(folder) if read_attachments.is_some() => read_attachments
                    .as_deref()
                    .and_then(|read| read.get(&(folder.clone(), file.clone())))
                    .cloned()
                    .flatten(),
                // Resolving follows every link of the path (a readlink per folder): once a
                // file, however many items name it.
                Some(folder) => (*resolved
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

/// How many attachments `gavel check` reads at once: a PDF's reader is a process of its own, and
/// the machines have two cores or more.
const READERS: usize = 2;

/// Reads every attachment file of a meeting not in `read` yet, once, [`READERS`] at a time, as
/// the console will (the cache beside the meeting is used, not written), into `read`.
fn read_each_once(meeting: &Meeting, folder: &Path, read: &mut AttachmentsRead) {
    let mut files: Vec<&str> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for attachment in meeting.items.iter().flat_map(|item| &item.attachments) {
        if let Some(file) = attachment.file.as_deref()
            && !read.contains_key(&(folder.to_path_buf(), file.to_string()))
            && seen.insert(file)
        {
            files.push(file);
        }
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let read_some = || {
        let cache = Cache::read_only(folder);
        let mut read = Vec::new();
        loop {
            let at = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(&file) = files.get(at) else {
                return read;
            };
            let refusal = read_attachment(folder, file, Some(&cache)).err();
            read.push((file.to_string(), refusal));
        }
    };
    let mut found = std::thread::scope(|scope| {
        let others: Vec<_> = (1..READERS.min(files.len()))
            .map(|_| scope.spawn(read_some))
            .collect();
        let mut found = read_some();
        for other in others {
            // As if read on this thread: a reader's panic is this thread's.
            found.extend(
                other
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        found
    });
    read.extend(
        found
            .drain(..)
            .map(|(file, refusal)| ((folder.to_path_buf(), file), refusal)),
    );
}

/// The warning about an attachment that is not read, and what to do; `None` when it is fine
/// that it is not read as text (a PDF is shown by the system's viewer).
fn attachment_warning(file: &str, refusal: Unreadable) -> Option<(String, &'static str)> {
    let file = shown(file);
    let viewer = "the console opens it in the system's viewer (o)";
    let refusal = match refusal {
        Unreadable::NotRead(refusal) => refusal,
        Unreadable::Scanned => {
            return Some((
                format!("attachment file \"{file}\" has no text (a scan): not read or searched"),
                "the console opens it in the system's viewer (o); a PDF with its text (not only an image of it) can be searched",
            ));
        }
        Unreadable::Damaged(words) => {
            let words = words.unwrap_or_else(|| "its reader stopped on it".into());
            let words: String = words
                .lines()
                .next()
                .unwrap_or_default()
                .chars()
                .take(80)
                .collect();
            return Some((
                format!(
                    "attachment file \"{file}\" cannot be read ({words}): not read or searched"
                ),
                viewer,
            ));
        }
        Unreadable::TooSlow => {
            return Some((
                format!(
                    "attachment file \"{file}\" was not read within {} s: not read or searched",
                    crate::extract::TIME_LIMIT.as_secs()
                ),
                viewer,
            ));
        }
        Unreadable::TooMuchText => NotRead::TooLarge,
        Unreadable::DocumentTooLarge => {
            return Some((
                format!(
                    "attachment file \"{file}\" is larger than {}: not read or searched",
                    guard::human_size(attachments::MAX_DOCUMENT_BYTES)
                ),
                viewer,
            ));
        }
        Unreadable::NoExtractor(why) => {
            return Some((
                format!(
                    "attachment file \"{file}\" could not be read: the reader did not start ({why})"
                ),
                "install Poppler's pdftotext, or check that gavel can start itself",
            ));
        }
    };
    Some(match refusal {
        NotRead::NotText => (
            format!("attachment file \"{file}\" is not text, PDF or DOCX: not read or searched"),
            viewer,
        ),
        NotRead::Missing => (
            format!("attachment file \"{file}\" not found"),
            "attachment paths are relative to the meeting file's folder",
        ),
        NotRead::Outside => (
            format!(
                "attachment file \"{file}\" is outside the meeting's folder: not read or searched"
            ),
            "put the file in the meeting's folder or a folder under it; the console opens it only after a question",
        ),
        NotRead::NotRegular(kind) => (
            format!(
                "attachment file \"{file}\" is not a regular file ({})",
                kind.words()
            ),
            "an attachment is an ordinary file in the meeting's folder",
        ),
        NotRead::TooLarge => (
            format!(
                "attachment file \"{file}\" is larger than {}: not read or searched",
                guard::human_size(attachments::MAX_BYTES)
            ),
            "the console opens it in the system's viewer (o); or split it into smaller files",
        ),
        NotRead::TooManyLines => (
            format!(
                "attachment file \"{file}\" has more than {} lines: not read or searched",
                attachments::MAX_LINES
            ),
            "the console opens it in the system's viewer (o); or split it into smaller files",
        ),
    })
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

/// Turns a serde_yaml error on `text` into a diagnostic at its place, in words a clerk can act on.
pub fn diagnostic_from_yaml(path: &Path, text: &str, error: &serde_yaml::Error) -> Diagnostic {
    let (mut line, mut column) = error
        .location()
        .map_or((0, 0), |location| (location.line(), location.column()));
    let full = error.to_string();
    // The location is in the diagnostic already; libyaml ends with ", while parsing ... at ...".
    let (problem, context) = match full.rsplit_once(", while ") {
        Some((problem, context))
            if context.starts_with("parsing ") || context.starts_with("scanning ") =>
        {
            (problem, Some(context))
        }
        _ => (full.as_str(), None),
    };
    let problem = strip_location(problem);
    // serde_yaml puts the path of the value first (`items[0].title: invalid type ...`).
    let (value_path, problem) = match problem.split_once(": ") {
        Some((value_path, rest)) if !value_path.contains([' ', '`']) => (value_path, rest),
        _ => ("", problem),
    };
    let (mut message, mut help) = reword_yaml_problem(value_path, problem, context);
    // libyaml's words for a tab in the indentation are cryptic; it is a common slip.
    let offending = text
        .lines()
        .nth(line.wrapping_sub(1))
        .and_then(|l| l.chars().nth(column.wrapping_sub(1)));
    if offending == Some('\t') {
        message = "YAML syntax error: a tab character where YAML expects spaces".into();
        help = Some("indent with spaces only".into());
    }
    // serde places a repeated key at the start of its mapping; point at the repeat instead.
    if let Some(name) = problem.strip_prefix("duplicate field `") {
        let key_path = join_path(value_path, name.trim_end_matches('`'));
        let positions = Positions::build(text);
        let repeat = positions
            .duplicates()
            .iter()
            .find(|(path, _)| *path == key_path);
        if let (Some((_, at)), Some(first)) = (repeat, positions.get(&key_path)) {
            (line, column) = (at.line, at.column);
            message = format!("{message} (first on line {})", first.line);
        }
    }
    Diagnostic {
        path: path.to_path_buf(),
        line,
        column,
        severity: Severity::Error,
        message,
        help,
    }
}

fn join_path(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

/// Removes ` at line N column M` and ` at position N`, which the diagnostic says already.
fn strip_location(text: &str) -> &str {
    for marker in [" at line ", " at position "] {
        if let Some(cut) = text.rfind(marker) {
            let tail = &text[cut + marker.len()..];
            if tail
                .chars()
                .all(|c| c.is_ascii_digit() || c == ' ' || "column".contains(c))
            {
                return &text[..cut];
            }
        }
    }
    text
}

fn reword_yaml_problem(
    value_path: &str,
    problem: &str,
    context: Option<&str>,
) -> (String, Option<String>) {
    // `items[0].co_authors[1]` is an entry of the list "co_authors".
    let without_index =
        value_path.trim_end_matches(|c: char| c.is_ascii_digit() || c == '[' || c == ']');
    let in_list = without_index.len() < value_path.len();
    let key = without_index
        .rsplit('.')
        .next()
        .filter(|key| !key.is_empty() && !key.ends_with(']'));
    if let Some(rest) = problem.strip_prefix("unknown field `") {
        let (name, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let allowed: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let message = match suggest(name, &allowed) {
            Some(better) => format!(
                "unknown key \"{}\"; did you mean \"{better}\"?",
                shown(name)
            ),
            None => format!("unknown key \"{}\"", shown(name)),
        };
        let help = if allowed.is_empty() {
            "no keys are allowed here".to_string()
        } else {
            format!("allowed keys here: {}", allowed.join(", "))
        };
        return (message, Some(help));
    }
    if let Some(rest) = problem.strip_prefix("duplicate field `") {
        let name = rest.trim_end_matches('`');
        return (
            format!("key \"{name}\" appears twice"),
            Some("keep one of them".into()),
        );
    }
    if let Some(rest) = problem.strip_prefix("missing field `") {
        let name = rest.trim_end_matches('`');
        return (format!("missing required key \"{name}\""), None);
    }
    if let Some(rest) = problem.strip_prefix("invalid type: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another value"));
        // serde names YAML's shapes in its own words.
        let found = match found {
            "sequence" => "a list".to_string(),
            "map" => "a mapping".to_string(),
            "unit value" => "empty".to_string(),
            other => shown(other),
        };
        let expected = match expected {
            "a sequence" => "a list",
            other => other,
        };
        let message = match key {
            Some(key) if in_list => {
                format!("each entry of \"{key}\" should be {expected}, not {found}")
            }
            Some(key) => format!("\"{key}\" should be {expected}, not {found}"),
            None => format!("expected {expected}, found {found}"),
        };
        return (message, None);
    }
    match problem {
        "repetition limit exceeded" => (
            "too many alias expansions".into(),
            Some("write the values out; this is how \"billion laughs\" files blow up".into()),
        ),
        "recursion limit exceeded" => ("nesting is too deep".into(), None),
        "unknown anchor" => (
            "alias refers to an unknown anchor".into(),
            Some("define `&name` on a value before referring to it with `*name`".into()),
        ),
        "EOF while parsing a value" => ("file holds no YAML document".into(), None),
        "deserializing from YAML containing more than one document is not supported" => (
            "file holds more than one YAML document (`---`)".into(),
            Some("keep one document per file".into()),
        ),
        _ if problem.starts_with("invalid value")
            || problem.starts_with("invalid length")
            || problem.starts_with("unknown variant") =>
        {
            (problem.to_string(), None)
        }
        _ => {
            // Everything else comes from the YAML parser itself.
            let message = match context {
                Some(context) => format!("YAML syntax error: {problem} (while {context})"),
                None => format!("YAML syntax error: {problem}"),
            };
            (
                message,
                Some(
                    "check the indentation, and quote values that contain \": \" or \" #\"".into(),
                ),
            )
        }
    }
}

/// Dutch and near-English names people will type for a key, and the key they mean.
const SYNONYMS: &[(&str, &str)] = &[
    ("portefeuillehouder", "portfolio_holder"),
    ("portefeuillehouders", "portfolio_holder"),
    ("portfolio_holders", "portfolio_holder"),
    ("informant", "informants"),
    ("informanten", "informants"),
    ("bijlage", "attachments"),
    ("bijlagen", "attachments"),
    ("attachment", "attachments"),
    ("titel", "title"),
    ("datum", "date"),
    ("voorzitter", "chair"),
    ("griffier", "clerk"),
    ("taal", "language"),
    ("secretaris", "clerk"),
    ("fractie", "factions"),
    ("fracties", "factions"),
    ("leden", "members"),
    ("debatvraag", "debate_question"),
    ("samenvatting", "summary"),
    ("afdeling", "department"),
    ("agenderende_fracties", "requested_by"),
    ("agenderende fracties", "requested_by"),
    ("medeopsteller", "co_authors"),
    ("medeopstellers", "co_authors"),
    ("spreektijd", "speaking_time"),
    ("nummer", "number"),
    ("soort", "kind"),
    ("type", "kind"),
    ("begin", "start"),
    ("aanvang", "start"),
    ("eind", "end"),
    ("einde", "end"),
    ("duur", "duration"),
    ("locatie", "location"),
    ("plaats", "location"),
    ("voorgesteld_besluit", "proposed_decision"),
    ("besluit", "proposed_decision"),
    ("naam", "name"),
    ("telefoon", "phone"),
    ("rol", "role"),
    ("bestand", "file"),
    ("agenda", "items"),
    ("agendapunten", "items"),
];

/// The allowed key `name` most likely meant: a known synonym, else the closest spelling.
fn suggest<'a>(name: &str, allowed: &[&'a str]) -> Option<&'a str> {
    if name.len() > 64 {
        return None; // no key is that long; and edit distance on huge names would be slow
    }
    let lower = name.trim().to_lowercase();
    if let Some((_, meant)) = SYNONYMS.iter().find(|(synonym, _)| *synonym == lower)
        && let Some(found) = allowed.iter().find(|key| *key == meant)
    {
        return Some(found);
    }
    let normalized = lower.replace([' ', '-'], "_");
    let limit = (normalized.chars().count() / 3).max(2);
    allowed
        .iter()
        .map(|key| (levenshtein(&normalized, key), *key))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, key)| key)
}

/// Edit distance (insertions, deletions, substitutions), over characters.
fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != *cb);
            current.push(substitute.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
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

// ---------------------------------------------------------------------------------------------
// The file as written. Every scalar is read as its source text (serde_yaml hands a string field
// the scalar's text), so `number: 3`, `start: 19:30` and `start: 19.30` arrive exactly as typed.

#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a meeting: a mapping with title, date and items"
)]
struct RawMeeting {
    title: Option<String>,
    date: Option<String>,
    start: Option<String>,
    end: Option<String>,
    location: Option<String>,
    body: Option<String>,
    chair: Option<String>,
    clerk: Option<String>,
    language: Option<String>,
    factions: Option<OneOrMany<RawFaction>>,
    speaking_time: Option<String>,
    items: Option<Vec<RawItem>>,
}

#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "an agenda item: a mapping with number, title and more"
)]
struct RawItem {
    number: Option<String>,
    title: Option<String>,
    start: Option<String>,
    end: Option<String>,
    duration: Option<String>,
    kind: Option<String>,
    portfolio_holder: Option<Names>,
    informants: Option<OneOrMany<RawInformant>>,
    co_authors: Option<Names>,
    department: Option<String>,
    requested_by: Option<Names>,
    summary: Option<String>,
    debate_question: Option<String>,
    proposed_decision: Option<String>,
    speaking_time: Option<String>,
    attachments: Option<OneOrMany<RawAttachment>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFaction {
    name: Option<String>,
    seats: Option<u32>,
    members: Option<Names>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInformant {
    name: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    role: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAttachment {
    title: Option<String>,
    kind: Option<String>,
    file: Option<String>,
}

/// Things that may be written as a bare name instead of a mapping.
trait FromName {
    /// Completes "expected ..." in type errors.
    const EXPECTING: &'static str;
    fn from_name(name: String) -> Self;
}

impl FromName for RawFaction {
    const EXPECTING: &'static str = "a faction name, or a mapping with name, seats and members";
    fn from_name(name: String) -> Self {
        RawFaction {
            name: Some(name),
            seats: None,
            members: None,
        }
    }
}

impl FromName for RawInformant {
    const EXPECTING: &'static str = "a name, or a mapping with name, phone, email and role";
    fn from_name(name: String) -> Self {
        RawInformant {
            name: Some(name),
            phone: None,
            email: None,
            role: None,
        }
    }
}

impl FromName for RawAttachment {
    const EXPECTING: &'static str = "a title, or a mapping with title, kind and file";
    fn from_name(title: String) -> Self {
        RawAttachment {
            title: Some(title),
            kind: None,
            file: None,
        }
    }
}

/// A name or a mapping. Hand-written rather than `#[serde(untagged)]`, because an untagged enum
/// buffers the value and loses the location of an unknown key inside the mapping.
struct NameOrMap<T>(T);

/// One entry or a list of entries, each a name or a mapping.
struct OneOrMany<T>(Vec<T>);

/// One name or a list of names.
struct Names(Vec<String>);

/// Accepts any scalar as text. Under `deserialize_any` serde_yaml types plain scalars, so `2017`
/// arrives as a number; its text is the same, except that a float loses trailing zeros.
macro_rules! scalars_as_text {
    ($wrap:expr) => {
        fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
            Ok($wrap(value.to_string()))
        }
        fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
            Ok($wrap(value.to_string()))
        }
        fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
            Ok($wrap(value.to_string()))
        }
        fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
            Ok($wrap(value.to_string()))
        }
        fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
            Ok($wrap(value.to_string()))
        }
    };
}

impl<'de, T: Deserialize<'de> + FromName> Deserialize<'de> for NameOrMap<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NameOrMapVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de> + FromName> Visitor<'de> for NameOrMapVisitor<T> {
            type Value = NameOrMap<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(T::EXPECTING)
            }
            scalars_as_text!(|text| NameOrMap(T::from_name(text)));
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(NameOrMap)
            }
        }
        deserializer.deserialize_any(NameOrMapVisitor(PhantomData))
    }
}

impl<'de, T: Deserialize<'de> + FromName> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OneOrManyVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de> + FromName> Visitor<'de> for OneOrManyVisitor<T> {
            type Value = OneOrMany<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "{}, or a list of those", T::EXPECTING)
            }
            scalars_as_text!(|text| OneOrMany(vec![T::from_name(text)]));
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|one| OneOrMany(vec![one]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut all = Vec::new();
                while let Some(NameOrMap(one)) = seq.next_element::<NameOrMap<T>>()? {
                    all.push(one);
                }
                Ok(OneOrMany(all))
            }
        }
        deserializer.deserialize_any(OneOrManyVisitor(PhantomData))
    }
}

impl<'de> Deserialize<'de> for Names {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NamesVisitor;
        impl<'de> Visitor<'de> for NamesVisitor {
            type Value = Names;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a name or a list of names")
            }
            scalars_as_text!(|text| Names(vec![text]));
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut names = Vec::new();
                // Elements are read as strings, which gives their source text.
                while let Some(name) = seq.next_element::<String>()? {
                    names.push(name);
                }
                Ok(Names(names))
            }
        }
        deserializer.deserialize_any(NamesVisitor)
    }
}

// ---------------------------------------------------------------------------------------------
// The rules of the format, checked on the raw file.

const TIME_HELP: &str = "write times as HH:MM (24 h), like 19:30 or 19.30";
const DURATION_HELP: &str = "write durations as 90s, 5m, 1h30m, or a number of minutes";

struct Rules<'a> {
    path: &'a Path,
    positions: &'a LazyPositions<'a>,
    diagnostics: Vec<Diagnostic>,
    /// The planned end is before the planned start: times before the start are the next day.
    crosses_midnight: bool,
    meeting_start: Option<NaiveTime>,
}

/// An item's valid timeslot, for the checks across items.
struct PlannedSlot<'a> {
    index: usize,
    number: &'a str,
    start: NaiveTime,
    end: NaiveTime,
}

impl Rules<'_> {
    fn error(&mut self, at: Option<Position>, message: String, help: Option<&str>) {
        self.push(Severity::Error, at, message, help);
    }

    fn warning(&mut self, at: Option<Position>, message: String, help: Option<&str>) {
        self.push(Severity::Warning, at, message, help);
    }

    fn push(
        &mut self,
        severity: Severity,
        at: Option<Position>,
        message: String,
        help: Option<&str>,
    ) {
        let help = help.map(str::to_string);
        self.diagnostics
            .push(diagnostic(self.path, at, severity, message, help));
    }

    /// Where the entry at `path` is: its key (mapping) or its node (sequence).
    fn key(&self, path: &str) -> Option<Position> {
        self.positions.get().nearest(path)
    }

    /// Where the value at `path` is; for a missing key, pass its mapping's path.
    fn value(&self, path: &str) -> Option<Position> {
        self.positions.get().nearest_value(path)
    }

    /// Seconds since midnight of the meeting day, with times after midnight counted as such.
    fn seconds_in_meeting(&self, time: NaiveTime) -> u32 {
        let seconds = time.num_seconds_from_midnight();
        match self.meeting_start {
            Some(start) if self.crosses_midnight && time < start => seconds + 24 * 3600,
            _ => seconds,
        }
    }

    fn meeting(&mut self, raw: RawMeeting) -> Option<Meeting> {
        let title = self.required_text(raw.title, "title", "", "the meeting needs a title");
        let date = match raw.date.as_deref().map(str::trim) {
            None | Some("") => {
                let at = self.value("");
                self.error(
                    at,
                    "missing required key \"date\"".into(),
                    Some("add the meeting's date, like `date: 2017-11-20`"),
                );
                None
            }
            Some(text) => {
                let date = parse_date(text);
                if date.is_none() {
                    let at = self.value("date");
                    self.error(
                        at,
                        format!("impossible date \"{}\"", shown(text)),
                        Some("write the date as YYYY-MM-DD, like 2017-11-20"),
                    );
                }
                date
            }
        };
        let start = self.time(raw.start.as_deref(), "start");
        let end = self.time(raw.end.as_deref(), "end");
        self.meeting_start = start;
        self.crosses_midnight = matches!((start, end), (Some(start), Some(end)) if end < start);
        let speaking_time = self.duration(raw.speaking_time.as_deref(), "speaking_time");
        let language = self.language(raw.language.as_deref());
        let factions = self.factions(raw.factions.map_or_else(Vec::new, |all| all.0));

        let items = match raw.items {
            None => {
                let at = self.value("");
                self.error(
                    at,
                    "missing required key \"items\"".into(),
                    Some("a meeting needs at least one agenda item"),
                );
                Vec::new()
            }
            Some(items) if items.is_empty() => {
                let at = self.key("items");
                self.error(
                    at,
                    "\"items\" is empty".into(),
                    Some("a meeting needs at least one agenda item"),
                );
                Vec::new()
            }
            Some(items) => items
                .into_iter()
                .enumerate()
                .map(|(index, item)| self.item(index, item))
                .collect(),
        };
        self.duplicate_numbers(&items);
        self.slots_across_items(&items, start, end);

        Some(Meeting {
            title: title?,
            date: date?,
            start,
            end,
            location: text(raw.location),
            body: text(raw.body),
            chair: text(raw.chair),
            clerk: text(raw.clerk),
            language,
            factions,
            speaking_time,
            items,
        })
    }

    /// A text that must be present and not blank; `mapping` is the path of its mapping.
    fn required_text(
        &mut self,
        value: Option<String>,
        key: &str,
        mapping: &str,
        help: &str,
    ) -> Option<String> {
        let path = if mapping.is_empty() {
            key.to_string()
        } else {
            format!("{mapping}.{key}")
        };
        match value.map(|text| text.trim().to_string()) {
            Some(text) if !text.is_empty() => Some(text),
            Some(_) => {
                let at = self.key(&path);
                self.error(at, format!("\"{key}\" is empty"), Some(help));
                None
            }
            None => {
                let at = self.value(mapping);
                self.error(at, format!("missing required key \"{key}\""), Some(help));
                None
            }
        }
    }

    /// `language: nl | en` (any case); another value is an error at the value, naming the two.
    fn language(&mut self, text: Option<&str>) -> Option<Lang> {
        let text = text?.trim();
        let word = text.to_lowercase();
        match word.as_str() {
            "nl" => return Some(Lang::Nl),
            "en" => return Some(Lang::En),
            _ => {}
        }
        // "Nederlands", "nl_NL", "English", "en-GB": the meaning is clear, the value is not one.
        let meant = if ["nl", "ne", "du"].iter().any(|p| word.starts_with(p)) {
            Some("nl")
        } else if word.starts_with("en") {
            Some("en")
        } else {
            None
        };
        let message = match meant {
            Some(better) => format!(
                "unknown language \"{}\"; did you mean \"{better}\"?",
                shown(text)
            ),
            None => format!("unknown language \"{}\"", shown(text)),
        };
        let at = self.value("language");
        self.error(
            at,
            message,
            Some("languages: nl (Dutch, the default) or en (English)"),
        );
        None
    }

    fn time(&mut self, text: Option<&str>, path: &str) -> Option<NaiveTime> {
        let text = text?.trim();
        let time = parse_clock_time(text);
        if time.is_none() {
            let at = self.value(path);
            self.error(
                at,
                format!("impossible time \"{}\"", shown(text)),
                Some(TIME_HELP),
            );
        }
        time
    }

    fn duration(&mut self, text: Option<&str>, path: &str) -> Option<u32> {
        let text = text?.trim();
        let seconds = parse_duration(text);
        if seconds.is_none() {
            let at = self.value(path);
            self.error(
                at,
                format!("invalid duration \"{}\"", shown(text)),
                Some(DURATION_HELP),
            );
        }
        seconds
    }

    fn factions(&mut self, raw: Vec<RawFaction>) -> Vec<Faction> {
        let mut factions: Vec<Faction> = Vec::new();
        let mut first_index: FxHashMap<String, usize> = FxHashMap::default();
        for (index, faction) in raw.into_iter().enumerate() {
            let path = format!("factions[{index}]");
            let Some(name) =
                self.required_text(faction.name, "name", &path, "every faction needs a name")
            else {
                continue;
            };
            if let Some(&first) = first_index.get(&name) {
                let first_line = self
                    .key(&format!("factions[{first}]"))
                    .map_or(0, |p| p.line);
                let at = self.key(&path);
                self.warning(
                    at,
                    format!(
                        "faction \"{}\" is listed twice (first on line {first_line})",
                        shown(&name)
                    ),
                    None,
                );
            }
            first_index.entry(name.clone()).or_insert(index);
            let members = names(faction.members);
            if let Some(seats) = faction.seats
                && members.len() > seats as usize
            {
                let at = self.value(&format!("{path}.seats"));
                self.warning(
                    at,
                    format!(
                        "faction \"{}\" lists {} members but has {seats} seats",
                        shown(&name),
                        members.len()
                    ),
                    Some("a count of votes takes the members present; check the seats"),
                );
            }
            for member in &members {
                if let Some(other) = factions.iter().find(|f| f.members.contains(member)) {
                    let at = self.key(&path);
                    self.warning(
                        at,
                        format!(
                            "\"{}\" is a member of both \"{}\" and \"{}\"",
                            shown(member),
                            shown(&other.name),
                            shown(&name)
                        ),
                        Some("a member belongs to one faction"),
                    );
                }
            }
            factions.push(Faction {
                name,
                seats: faction.seats,
                members,
            });
        }
        factions
    }

    fn item(&mut self, index: usize, raw: RawItem) -> Item {
        let path = format!("items[{index}]");
        let number = self
            .required_text(
                raw.number,
                "number",
                &path,
                "every item needs a number, like `number: \"3\"`",
            )
            .unwrap_or_default();
        let title = self
            .required_text(raw.title, "title", &path, "every item needs a title")
            .unwrap_or_default();
        let slot = self.slot(
            &path,
            raw.start.as_deref(),
            raw.end.as_deref(),
            raw.duration.as_deref(),
        );
        let kind = match raw.kind.as_deref().map(str::trim) {
            None => ItemKind::default(),
            Some(text) => ItemKind::parse(&text.to_lowercase()).unwrap_or_else(|| {
                let names: Vec<&str> = ItemKind::ALL.iter().map(|(name, _)| *name).collect();
                let message = match suggest(text, &names) {
                    Some(better) => format!(
                        "unknown kind \"{}\"; did you mean \"{better}\"?",
                        shown(text)
                    ),
                    None => format!("unknown kind \"{}\"", shown(text)),
                };
                let at = self.value(&format!("{path}.kind"));
                self.error(at, message, Some(&format!("kinds: {}", names.join(", "))));
                ItemKind::default()
            }),
        };
        let speaking_time = self.duration(
            raw.speaking_time.as_deref(),
            &format!("{path}.speaking_time"),
        );

        let mut informants = Vec::new();
        for (i, informant) in raw
            .informants
            .map_or_else(Vec::new, |all| all.0)
            .into_iter()
            .enumerate()
        {
            let at = format!("{path}.informants[{i}]");
            if let Some(name) =
                self.required_text(informant.name, "name", &at, "every informant needs a name")
            {
                informants.push(Informant {
                    name,
                    phone: text(informant.phone),
                    email: text(informant.email),
                    role: text(informant.role),
                });
            }
        }
        let mut attachments = Vec::new();
        for (i, attachment) in raw
            .attachments
            .map_or_else(Vec::new, |all| all.0)
            .into_iter()
            .enumerate()
        {
            let at = format!("{path}.attachments[{i}]");
            if let Some(title) = self.required_text(
                attachment.title,
                "title",
                &at,
                "every attachment needs a title",
            ) {
                attachments.push(Attachment {
                    title,
                    kind: text(attachment.kind),
                    file: text(attachment.file),
                });
            }
        }

        Item {
            number,
            title,
            slot,
            kind,
            portfolio_holders: names(raw.portfolio_holder),
            informants,
            co_authors: names(raw.co_authors),
            department: text(raw.department),
            requested_by: names(raw.requested_by),
            summary: text(raw.summary),
            debate_question: text(raw.debate_question),
            proposed_decision: text(raw.proposed_decision),
            speaking_time,
            attachments,
        }
    }

    fn slot(
        &mut self,
        path: &str,
        start: Option<&str>,
        end: Option<&str>,
        duration: Option<&str>,
    ) -> Slot {
        let start_path = format!("{path}.start");
        let end_path = format!("{path}.end");
        let duration_path = format!("{path}.duration");
        let start_time = self.time(start, &start_path);
        let end_time = self.time(end, &end_path);
        let seconds = self.duration(duration, &duration_path);
        if duration.is_some() && (start.is_some() || end.is_some()) {
            let given = match (start, end) {
                (Some(_), Some(_)) => "\"start\" and \"end\"",
                (Some(_), None) => "\"start\"",
                _ => "\"end\"",
            };
            let at = self.key(&duration_path);
            self.error(
                at,
                format!("\"duration\" cannot be combined with {given}"),
                Some("give an item either start and end, or a duration"),
            );
            return Slot::Unplanned;
        }
        match (start, end) {
            // Agendas often give a planned start only ("6 Sluiting (22.30 uur)"): a moment in
            // the schedule with no length of its own.
            (Some(_), None) => match start_time {
                Some(start) => Slot::StartOnly { start },
                None => Slot::Unplanned, // the impossible time has its own error
            },
            (None, Some(_)) => {
                let Some(moment) = end_time else {
                    return Slot::Unplanned;
                };
                let at = self.key(&end_path);
                self.warning(
                    at,
                    format!(
                        "\"end\" without \"start\": planned as a moment at {}",
                        clock(moment)
                    ),
                    Some("for a timeslot add `start: HH:MM`, or give a `duration` instead"),
                );
                Slot::Range {
                    start: moment,
                    end: moment,
                }
            }
            _ => match (start_time, end_time, seconds) {
                (Some(start), Some(end), _) => {
                    if self.seconds_in_meeting(end) < self.seconds_in_meeting(start) {
                        let at = self.value(&end_path);
                        self.error(
                            at,
                            format!(
                                "item ends at {}, before it starts at {}",
                                clock(end),
                                clock(start)
                            ),
                            Some("check the times: a slot cannot end before it starts"),
                        );
                    }
                    Slot::Range { start, end }
                }
                (_, _, Some(seconds)) => Slot::Length { seconds },
                _ => Slot::Unplanned,
            },
        }
    }

    fn duplicate_numbers(&mut self, items: &[Item]) {
        let mut first_index: FxHashMap<&str, usize> = FxHashMap::default();
        for (index, item) in items.iter().enumerate() {
            if item.number.is_empty() {
                continue;
            }
            match first_index.get(item.number.as_str()) {
                None => {
                    first_index.insert(&item.number, index);
                }
                Some(&first) => {
                    let first_line = self
                        .value(&format!("items[{first}].number"))
                        .map_or(0, |p| p.line);
                    let at = self.value(&format!("items[{index}].number"));
                    self.error(
                        at,
                        format!(
                            "duplicate item number \"{}\" (first used on line {first_line})",
                            shown(&item.number)
                        ),
                        Some("every item needs its own number"),
                    );
                }
            }
        }
    }

    /// Warnings about timeslots that disagree with each other or with the meeting's times.
    fn slots_across_items(
        &mut self,
        items: &[Item],
        start: Option<NaiveTime>,
        end: Option<NaiveTime>,
    ) {
        let slots: Vec<PlannedSlot> = items
            .iter()
            .enumerate()
            .filter_map(|(index, item)| match item.slot {
                Slot::Range { start, end } => Some(PlannedSlot {
                    index,
                    number: &item.number,
                    start,
                    end,
                }),
                Slot::StartOnly { start } => Some(PlannedSlot {
                    index,
                    number: &item.number,
                    start,
                    end: start,
                }),
                _ => None,
            })
            .filter(|slot| self.seconds_in_meeting(slot.end) >= self.seconds_in_meeting(slot.start))
            .collect();
        // The slot that ends latest so far: a later slot starting before that end overlaps it.
        let mut latest: Option<&PlannedSlot> = None;
        for (n, slot) in slots.iter().enumerate() {
            // Placed only when there is a warning: finding a place costs a second parse.
            let start_path = format!("items[{}].start", slot.index);
            let previous = n.checked_sub(1).map(|p| &slots[p]);
            if let Some(previous) = previous
                .filter(|p| self.seconds_in_meeting(slot.start) < self.seconds_in_meeting(p.start))
            {
                let line = self
                    .key(&format!("items[{}]", previous.index))
                    .map_or(0, |p| p.line);
                let at = self.key(&start_path);
                self.warning(
                    at,
                    format!(
                        "item \"{}\" starts at {}, before item \"{}\" above it (line {line}) at {}",
                        shown(slot.number),
                        clock(slot.start),
                        shown(previous.number),
                        clock(previous.start)
                    ),
                    Some(
                        "the agenda order and the timeslots disagree; check the times or the order",
                    ),
                );
            } else if let Some(other) = latest
                .filter(|l| self.seconds_in_meeting(slot.start) < self.seconds_in_meeting(l.end))
            {
                let line = self
                    .key(&format!("items[{}]", other.index))
                    .map_or(0, |p| p.line);
                let at = self.key(&start_path);
                self.warning(
                    at,
                    format!(
                        "item \"{}\" ({}–{}) overlaps item \"{}\" ({}–{}, line {line})",
                        shown(slot.number),
                        clock(slot.start),
                        clock(slot.end),
                        shown(other.number),
                        clock(other.start),
                        clock(other.end)
                    ),
                    Some("check the times: a slot should start when the one before it ends"),
                );
            }
            if latest
                .is_none_or(|l| self.seconds_in_meeting(slot.end) > self.seconds_in_meeting(l.end))
            {
                latest = Some(slot);
            }
            if let Some(start) =
                start.filter(|&s| self.seconds_in_meeting(slot.start) < self.seconds_in_meeting(s))
            {
                let at = self.key(&start_path);
                self.warning(
                    at,
                    format!(
                        "item \"{}\" starts at {}, before the meeting starts at {}",
                        shown(slot.number),
                        clock(slot.start),
                        clock(start)
                    ),
                    None,
                );
            }
            if let Some(end) =
                end.filter(|&e| self.seconds_in_meeting(slot.end) > self.seconds_in_meeting(e))
            {
                let at = self.key(&format!("items[{}].end", slot.index));
                self.warning(
                    at,
                    format!(
                        "item \"{}\" ends at {}, after the meeting ends at {}",
                        shown(slot.number),
                        clock(slot.end),
                        clock(end)
                    ),
                    None,
                );
            }
        }
    }
}

/// A strict YYYY-MM-DD date (chrono alone would also take `2017-1-5`).
fn parse_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let shape = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shape {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// User text as quoted in a message: long values are cut, so a hostile file gives a short message.
fn shown(text: &str) -> String {
    const LIMIT: usize = 60;
    match text.char_indices().nth(LIMIT) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

fn clock(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

/// An optional text, trimmed; blank counts as absent (a `|` block ends in a newline).
fn text(value: Option<String>) -> Option<String> {
    value
        .map(|text| text.trim_end().to_string())
        .filter(|text| !text.trim().is_empty())
}

fn names(value: Option<Names>) -> Vec<String> {
    value
        .map_or_else(Vec::new, |names| names.0)
        .into_iter()
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
        .collect()
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
