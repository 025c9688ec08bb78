//! Finding and reading the minutes file that belongs to a meeting file.

use std::path::{Path, PathBuf};

use chrono::Local;

use super::diagnostic::{Diagnostic, Severity};
use super::guard::{self, GuardError, check_yaml_input};
use super::load::{diagnostic_from_guard, diagnostic_from_yaml};
use super::positions::Positions;
use crate::domain::meeting::Meeting;
use crate::domain::minutes::Minutes;

/// `x.yaml` -> `x.minutes.yaml`, in the same folder.
pub fn minutes_path_for(meeting_path: &Path) -> PathBuf {
    let stem = meeting_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "meeting".into());
    meeting_path.with_file_name(format!("{stem}.minutes.yaml"))
}

/// The meeting file a minutes file's name points at (`x.minutes.yaml`: `x.yaml`), the other way
/// from [`minutes_path_for`]; the minutes themselves name their meeting (`meeting:`).
pub fn meeting_path_beside(minutes_path: &Path) -> Option<PathBuf> {
    let name = minutes_path.file_name()?.to_str()?;
    let stem = name.strip_suffix(".minutes.yaml")?;
    Some(minutes_path.with_file_name(format!("{stem}.yaml")))
}

/// Largest minutes file gavel reads. Minutes are gavel's own output, so this cap sits far above
/// anything it writes: `save_minutes` refuses to write more, and the form refuses a text over
/// [`MAX_TEXT_BYTES`]. A meeting file keeps the guard's smaller cap.
pub const MAX_MINUTES_BYTES: usize = 64 * 1024 * 1024;
/// Longest single text (a conclusion, a commitment, notes) the form stores: some twenty pages.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

/// Reads the minutes file; `Ok(None)` when there is none yet.
pub fn read_minutes(path: &Path) -> Result<Option<Minutes>, Diagnostic> {
    match std::fs::metadata(path) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        _ => {}
    }
    let bytes = read_minutes_bytes(path).map_err(with_way_out)?;
    parse_minutes(path, &bytes).map(Some)
}

/// The bytes of a minutes file, refusing what is not a regular file (a FIFO would block) and
/// anything over [`MAX_MINUTES_BYTES`].
fn read_minutes_bytes(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read as _;
    let whole_file = |message: String, help: Option<String>| Diagnostic {
        path: path.to_path_buf(),
        line: 0,
        column: 0,
        severity: Severity::Error,
        message,
        help,
    };
    let io_error =
        |error: std::io::Error| whole_file(format!("cannot read the file: {error}"), None);
    // Opening a FIFO waits for a writer, for ever: the type is asked before opening.
    let file = match super::attachments::open_regular(path).map_err(io_error)? {
        Ok(file) => file,
        Err(super::attachments::NotRegular::Folder) => {
            return Err(whole_file("this is a folder, not a file".into(), None));
        }
        Err(kind) => {
            return Err(whole_file(
                format!("not a regular file ({})", kind.words()),
                Some("give the path of the meeting or minutes file itself".into()),
            ));
        }
    };
    let size = file.metadata().map_err(io_error)?.len();
    if size > MAX_MINUTES_BYTES as u64 {
        return Err(diagnostic_from_guard(path, too_large(size)));
    }
    let mut bytes = Vec::new();
    file.take(MAX_MINUTES_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    Ok(bytes)
}

fn too_large(size: u64) -> GuardError {
    let mib = |bytes: u64| format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0));
    GuardError {
        line: 0,
        column: 0,
        message: format!(
            "file is too large ({}); gavel reads minutes files of at most {}",
            mib(size),
            mib(MAX_MINUTES_BYTES as u64)
        ),
        help: Some("is this the right file? gavel never writes minutes this large".into()),
    }
}

pub fn parse_minutes(path: &Path, bytes: &[u8]) -> Result<Minutes, Diagnostic> {
    let text = check_minutes_input(bytes)
        .map_err(|error| with_way_out(diagnostic_from_guard(path, error)))?;
    let minutes = serde_yaml::from_str::<Minutes>(text)
        .map_err(|error| with_way_out(diagnostic_from_yaml(path, text, &error)))?;
    match stretch_diagnostics(path, text, &minutes).into_iter().next() {
        Some(first) => Err(with_way_out(first)),
        None => Ok(minutes),
    }
}

/// The stretches of every speech checked as the domain states them (in order, not overlapping,
/// adding up to `seconds`), and every commitment for an id, each problem placed on its line.
/// Minutes without stretches (written before gavel kept them) have nothing to report.
pub fn stretch_diagnostics(path: &Path, text: &str, minutes: &Minutes) -> Vec<Diagnostic> {
    use crate::domain::minutes::StretchProblem;
    let mut found = Vec::new();
    for (i, item) in minutes.items.iter().enumerate() {
        for (r, round) in item.rounds.iter().enumerate() {
            for (s, speech) in round.speakers.iter().enumerate() {
                for problem in speech.stretch_problems() {
                    found.push((
                        format!("items[{i}].rounds[{r}].speakers[{s}]"),
                        speech,
                        problem,
                    ));
                }
            }
        }
    }
    // A commitment without an id cannot be settled, found in the register or published as
    // open data (the schema asks for one): refused where it stands.
    let empty_ids: Vec<String> = minutes
        .items
        .iter()
        .enumerate()
        .flat_map(|(i, item)| {
            item.commitments
                .iter()
                .enumerate()
                .filter(|(_, c)| c.id.trim().is_empty())
                .map(move |(c, _)| format!("items[{i}].commitments[{c}].id"))
        })
        .collect();
    if found.is_empty() && empty_ids.is_empty() {
        return Vec::new();
    }
    let positions = Positions::build(text);
    let id_problems = empty_ids.into_iter().map(|key| {
        let position = positions.nearest_value(&key);
        Diagnostic {
            path: path.to_path_buf(),
            line: position.map_or(0, |p| p.line),
            column: position.map_or(0, |p| p.column),
            severity: Severity::Error,
            message: "a commitment without an id".to_string(),
            help: Some("give it its id, <date>-<item number>-<n>, such as 2017-11-20-5-1".into()),
        }
    });
    let id_problems: Vec<Diagnostic> = id_problems.collect();
    found
        .into_iter()
        .map(|(at, speech, problem)| {
            let (key, message, help) = match problem {
                StretchProblem::EndsBeforeItStarts { index } => (
                    format!("{at}.spoken[{index}].to"),
                    format!(
                        "this stretch of the speech of {} ends before it starts",
                        speech.name
                    ),
                    "a stretch runs from `from` to a later `to`",
                ),
                StretchProblem::Overlaps { index } => (
                    format!("{at}.spoken[{index}].from"),
                    format!(
                        "this stretch of the speech of {} starts before the one before it ended",
                        speech.name
                    ),
                    "stretches are in the order they were spoken and do not overlap",
                ),
                StretchProblem::BeforeTheSpeech { index } => (
                    format!("{at}.spoken[{index}].from"),
                    format!(
                        "this stretch of the speech of {} starts before the speech",
                        speech.name
                    ),
                    "a speech's started_at is when its first stretch starts, or earlier",
                ),
                StretchProblem::RunningInsideAStretch => (
                    format!("{at}.speaking_since"),
                    format!(
                        "the clock of {} runs from before their last stretch ended",
                        speech.name
                    ),
                    "speaking_since is after the last stretch's `to`",
                ),
                StretchProblem::SumDiffers { sum } => (
                    format!("{at}.seconds"),
                    format!(
                        "the speech of {} counts {} seconds, but its stretches add up to {sum}",
                        speech.name, speech.seconds
                    ),
                    "seconds is the sum of the stretches in spoken: correct the one that is wrong",
                ),
            };
            let position = positions.nearest_value(&key);
            Diagnostic {
                path: path.to_path_buf(),
                line: position.map_or(0, |p| p.line),
                column: position.map_or(0, |p| p.column),
                severity: Severity::Error,
                message,
                help: Some(help.into()),
            }
        })
        .chain(id_problems)
        .collect()
}

/// The input guard for minutes: the meeting files' guard up to its size and number of entries,
/// and above them (only long meetings make minutes that large) a parse of the events that
/// refuses anchors and aliases, which gavel never writes, and nesting deeper than the guard
/// allows.
fn check_minutes_input(bytes: &[u8]) -> Result<&str, GuardError> {
    if bytes.len() > MAX_MINUTES_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    if bytes.len() <= guard::MAX_BYTES {
        match check_yaml_input(bytes) {
            Ok(text) => return Ok(text),
            // A long meeting's speeches and conclusions can outnumber the guard's cap on
            // entries, which is set for meeting files: gavel reads what it wrote.
            Err(error) if error.message.starts_with("too many entries") => {}
            Err(mut error) => {
                if error.message.starts_with("file is empty") {
                    error.help = Some(EMPTY_MINUTES_HELP.into());
                }
                return Err(error);
            }
        }
    }
    let text = std::str::from_utf8(bytes).map_err(|_| GuardError {
        line: 0,
        column: 0,
        message: "file is not valid UTF-8".into(),
        help: None,
    })?;
    // Control characters, raw or written as escapes, are refused here as in a small file:
    // a long meeting's minutes reach the same terminals and documents.
    guard::check_control_characters(text)?;
    let escapes = text.contains('\\');
    let located = |span: &saphyr_parser::Span, message: &str| GuardError {
        line: span.start.line(),
        column: span.start.col() + 1,
        message: message.into(),
        help: Some(
            "gavel writes no anchors or aliases: is this a minutes file gavel wrote?".into(),
        ),
    };
    let mut depth = 0usize;
    for event in saphyr_parser::Parser::new_from_str(text) {
        let Ok((event, span)) = event else {
            break; // serde names the syntax error with its place
        };
        match event {
            saphyr_parser::Event::Alias(_) => {
                return Err(located(
                    &span,
                    "aliases are not allowed in a large minutes file",
                ));
            }
            saphyr_parser::Event::Scalar(_, _, anchor, _) if anchor != 0 => {
                return Err(located(
                    &span,
                    "anchors are not allowed in a large minutes file",
                ));
            }
            saphyr_parser::Event::Scalar(value, ..) if escapes => {
                guard::control_in_value(&value, &span)?;
            }
            saphyr_parser::Event::MappingStart(anchor, _)
            | saphyr_parser::Event::SequenceStart(anchor, _) => {
                if anchor != 0 {
                    return Err(located(
                        &span,
                        "anchors are not allowed in a large minutes file",
                    ));
                }
                depth += 1;
                if depth > guard::MAX_DEPTH {
                    let message = format!(
                        "nesting is too deep (more than {} levels)",
                        guard::MAX_DEPTH
                    );
                    return Err(located(&span, &message));
                }
            }
            saphyr_parser::Event::MappingEnd | saphyr_parser::Event::SequenceEnd => {
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    Ok(text)
}

/// The guard's help for an empty file speaks of meeting files; an empty minutes file needs this.
const EMPTY_MINUTES_HELP: &str =
    "gavel writes the minutes file itself: delete the empty file and gavel starts new minutes";

/// How deep and how many: a folder of a council's archive is read at once, a link loop or a
/// mistaken `/` is not followed for ever.
const MAX_DEPTH: usize = 8;
const MAX_MINUTES_FILES: usize = 5000;

/// Every `*.minutes.yaml` under `folder` (its subfolders too, links to folders not followed),
/// sorted by path.
pub fn minutes_files_under(folder: &Path) -> Vec<PathBuf> {
    minutes_files_telling(folder).0
}

/// The same, and a warning for each thing left out: a subfolder too deep or unreadable, the
/// files past the cap (issue 22, 7: these went unsaid, and `done` called a commitment unknown).
pub fn minutes_files_telling(folder: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    minutes_files_within(folder, MAX_MINUTES_FILES)
}

fn minutes_files_within(folder: &Path, max_files: usize) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let warning = |path: PathBuf, message: String, help: &str| Diagnostic {
        path,
        line: 0,
        column: 0,
        severity: Severity::Warning,
        message,
        help: Some(help.to_string()),
    };
    let mut found = Vec::new();
    let mut left_out = Vec::new();
    let mut beyond_cap = 0usize;
    let mut folders = vec![(folder.to_path_buf(), 0)];
    while let Some((dir, depth)) = folders.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(_) => {
                left_out.push(warning(
                    dir,
                    "folder not searched for minutes files: it cannot be read".into(),
                    "give gavel permission to read it, or move the minutes files out of it",
                ));
                continue;
            }
        };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let path = entry.path();
            if kind.is_dir() && depth < MAX_DEPTH {
                folders.push((path, depth + 1));
            } else if kind.is_dir() {
                left_out.push(warning(
                    path,
                    format!(
                        "folder not searched for minutes files: more than {MAX_DEPTH} levels deep"
                    ),
                    "move its minutes files higher up, or give gavel that folder itself",
                ));
            } else if kind.is_file() && path.to_string_lossy().ends_with(".minutes.yaml") {
                if found.len() < max_files {
                    found.push(path);
                } else {
                    beyond_cap += 1;
                }
            }
        }
    }
    if beyond_cap > 0 {
        left_out.push(warning(
            folder.to_path_buf(),
            format!(
                "only the first {max_files} minutes files were read; {beyond_cap} more were left out"
            ),
            "give gavel a folder with fewer minutes files (one year, one committee)",
        ));
    }
    found.sort();
    left_out.sort_by(|a, b| a.path.cmp(&b.path));
    (found, left_out)
}

/// Checks that minutes belong to the meeting they sit beside: the same meeting file name and
/// date, and no item the meeting lacks. Minutes of another meeting (a file copied beside the
/// wrong meeting) would otherwise be taken for this one's.
pub fn check_belongs(
    path: &Path,
    minutes: &Minutes,
    meeting: &Meeting,
    meeting_file_name: &str,
) -> Result<(), Diagnostic> {
    // Placed only when refused: a second read and parse of the file is for the message alone.
    let error = |key: &str, message: String, help: String| {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let position = Positions::build(&text).nearest_value(key);
        Diagnostic {
            path: path.to_path_buf(),
            line: position.map_or(0, |p| p.line),
            column: position.map_or(0, |p| p.column),
            severity: Severity::Error,
            message,
            help: Some(help),
        }
    };
    if minutes.meeting != meeting_file_name {
        return Err(error(
            "meeting",
            format!(
                "these minutes are of the meeting file \"{}\", not of \"{}\"",
                minutes.meeting, meeting_file_name
            ),
            "use the minutes file beside its own meeting file".into(),
        ));
    }
    if minutes.date != meeting.date {
        return Err(error(
            "date",
            format!(
                "these minutes are dated {}, the meeting {}",
                minutes.date, meeting.date
            ),
            "use the minutes file beside its own meeting file".into(),
        ));
    }
    for (index, item) in minutes.items.iter().enumerate() {
        if meeting.item(&item.number).is_none() {
            return Err(error(
                &format!("items[{index}].number"),
                format!("item \"{}\" is not on the meeting's agenda", item.number),
                "an item removed from the meeting file keeps its record here: put it back on the agenda".into(),
            ));
        }
    }
    Ok(())
}

/// Reads the minutes beside a meeting, refusing minutes of another meeting (see
/// [`check_belongs`]) with the same way out as a file that does not load. Every unknown key
/// is named (see [`read_minutes_all`]).
pub fn read_minutes_of(
    path: &Path,
    meeting: &Meeting,
    meeting_file_name: &str,
) -> Result<Option<Minutes>, Vec<Diagnostic>> {
    belonging(path, read_minutes_all(path), meeting, meeting_file_name)
}

/// What [`read_minutes_all`] read, refused when it is another meeting's (see
/// [`read_minutes_of`]): for minutes read while the meeting file was still being parsed.
pub fn belonging(
    path: &Path,
    read: Result<Option<Minutes>, Vec<Diagnostic>>,
    meeting: &Meeting,
    meeting_file_name: &str,
) -> Result<Option<Minutes>, Vec<Diagnostic>> {
    let Some(minutes) = read? else {
        return Ok(None);
    };
    check_belongs(path, &minutes, meeting, meeting_file_name)
        .map_err(|diagnostic| vec![with_way_out(diagnostic)])?;
    Ok(Some(minutes))
}

/// The most problems named at once: a hand-edited file rarely has more, and each costs a parse.
const MAX_REPORTED: usize = 20;

/// Reads the minutes file like [`read_minutes`], but names every unknown key at once, not only
/// the first (a file edited by hand often has several): each one found is blanked out, keeping
/// the lines where they are, and the file is parsed again. Any other error ends the list.
pub fn read_minutes_all(path: &Path) -> Result<Option<Minutes>, Vec<Diagnostic>> {
    Ok(read_minutes_all_with_text(path)?.map(|(minutes, _)| minutes))
}

/// [`read_minutes_all`], with the file's text for the checks that place what they find on its
/// lines (`gavel check` reads each file once).
pub fn read_minutes_all_with_text(
    path: &Path,
) -> Result<Option<(Minutes, String)>, Vec<Diagnostic>> {
    match std::fs::metadata(path) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        _ => {}
    }
    let bytes = read_minutes_bytes(path).map_err(|d| vec![with_way_out(d)])?;
    let text = check_minutes_input(&bytes)
        .map_err(|error| vec![with_way_out(diagnostic_from_guard(path, error))])?;
    // The file as it is first; only a file with unknown keys is cut into lines and parsed again.
    let first = match serde_yaml::from_str::<Minutes>(text) {
        Ok(minutes) => {
            let problems = stretch_diagnostics(path, text, &minutes);
            if problems.is_empty() {
                return Ok(Some((minutes, text.to_string())));
            }
            return Err(problems.into_iter().map(with_way_out).collect());
        }
        Err(error) => error,
    };
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let mut diagnostics = Vec::new();
    let mut current = text.to_string();
    let mut pending = Some(first);
    while diagnostics.len() < MAX_REPORTED {
        let parsed = match pending.take() {
            Some(error) => Err(error),
            None => serde_yaml::from_str::<Minutes>(&current),
        };
        let error = match parsed {
            // The rest loads: the unknown keys named so far are all there is to say.
            Ok(_) => break,
            Err(error) => error,
        };
        let diagnostic = diagnostic_from_yaml(path, &current, &error);
        let (line, column) = (diagnostic.line, diagnostic.column);
        diagnostics.push(with_way_out(diagnostic));
        if !error.to_string().contains("unknown field") || line == 0 || column == 0 {
            break;
        }
        blank_entry(&mut lines, line - 1, column - 1);
        current = lines.join("\n");
    }
    Err(diagnostics)
}

/// Blanks the mapping entry whose key starts at `line`, `column` (0-based, in characters): the
/// rest of that line, and the lines after it that are indented further (its value).
fn blank_entry(lines: &mut [String], line: usize, column: usize) {
    let Some(first) = lines.get_mut(line) else {
        return;
    };
    let keep: String = first.chars().take(column).collect();
    *first = keep;
    for next in lines.iter_mut().skip(line + 1) {
        let indent = next.chars().take_while(|c| *c == ' ').count();
        if !next.trim().is_empty() && indent <= column {
            break;
        }
        next.clear();
    }
}

/// A minutes file that does not load stops gavel: say how to go on.
fn with_way_out(mut diagnostic: Diagnostic) -> Diagnostic {
    diagnostic.message = format!("the minutes file does not load: {}", diagnostic.message);
    let way_out = "mend it by hand, or start gavel with --move-aside to keep it as a dated backup and start new minutes";
    diagnostic.help = Some(match diagnostic.help.take() {
        Some(help) => format!("{help}; or {way_out}"),
        None => way_out.to_string(),
    });
    diagnostic
}

/// Renames a damaged minutes file to `<name>.broken-<date-time>` beside it; returns the new path.
pub fn move_aside(path: &Path) -> std::io::Result<PathBuf> {
    let stamp = Local::now().format("%Y%m%d-%H%M%S");
    let mut name = path.as_os_str().to_os_string();
    name.push(format!(".broken-{stamp}"));
    let backup = PathBuf::from(name);
    std::fs::rename(path, &backup)?;
    Ok(backup)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_commitment_without_an_id_is_refused_on_its_line() {
        let fixture = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/export/2017-11-20-raadsplein-takzaal.minutes.yaml"
        );
        let text = std::fs::read_to_string(fixture).unwrap();
        let line = 1 + text
            .lines()
            .position(|l| l.ends_with("- id: 2017-11-20-5-1"))
            .unwrap();
        let text = text.replacen("- id: 2017-11-20-5-1", "- id: ''", 1);
        let error = super::parse_minutes(Path::new("m.minutes.yaml"), text.as_bytes()).unwrap_err();
        assert!(
            error.message.ends_with("a commitment without an id"),
            "{error:?}"
        );
        assert_eq!(error.line, line, "{error:?}");
    }

    use super::*;

    #[test]
    fn stretches_that_do_not_add_up_to_the_seconds_are_named_on_their_line() {
        let text = "meeting: m.yaml\ntitle: x\ndate: 2017-11-20\nitems:\n  - number: '3'\n    title: x\n    \
             rounds:\n      - speakers:\n          - name: VVD\n            started_at: 2017-11-20T20:00:00+01:00\n            \
             seconds: 50\n            spoken:\n              - from: 2017-11-20T20:00:00+01:00\n                \
             to: 2017-11-20T20:00:30+01:00\n";
        let error = parse_minutes(Path::new("m.minutes.yaml"), text.as_bytes()).unwrap_err();
        assert_eq!((error.line, error.column), (11, 22), "{error}");
        assert!(
            error
                .message
                .contains("the speech of VVD counts 50 seconds, but its stretches add up to 30"),
            "{error}"
        );
        let older = text.split("            spoken:").next().unwrap();
        assert!(
            parse_minutes(Path::new("m.minutes.yaml"), older.as_bytes()).is_ok(),
            "a speech without stretches is read as one from its start"
        );
    }

    #[test]
    fn minutes_file_sits_beside_the_meeting_file() {
        assert_eq!(
            minutes_path_for(Path::new("meetings/2017-11-20-raadsplein-takzaal.yaml")),
            PathBuf::from("meetings/2017-11-20-raadsplein-takzaal.minutes.yaml")
        );
    }

    #[test]
    fn every_unknown_key_of_a_minutes_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.minutes.yaml");
        std::fs::write(
            &path,
            "meeting: m.yaml\ntitel: x\ndate: 2017-11-20\nitems:\n  - number: '3'\n    titel: x\n    \
             status: done\n    notities:\n      - a\n      - b\n  - number: '4'\n    title: y\n",
        )
        .unwrap();
        let errors = read_minutes_all(&path).unwrap_err();
        let places: Vec<(usize, usize)> = errors.iter().map(|e| (e.line, e.column)).collect();
        // The misspelt title of item 3 is also a missing one: named last, where the item starts.
        assert_eq!(places, [(2, 1), (6, 5), (8, 5), (5, 5)], "{errors:?}");
        assert!(errors[2].to_string().contains("notities"), "{}", errors[2]);
        assert!(errors[3].to_string().contains("missing"), "{}", errors[3]);
        // The first is what read_minutes gives.
        assert_eq!(read_minutes(&path).unwrap_err().line, 2);
    }

    /// Minutes past the guard's 4 MiB take the large path; a control character written as an
    /// escape was not looked for there.
    #[test]
    fn control_characters_in_a_very_large_minutes_file_are_refused_on_their_line() {
        let filler: String = (0..)
            .map(|n| format!("  - number: '{n}'\n    title: x\n"))
            .scan(0, |size, item| {
                *size += item.len();
                (*size <= guard::MAX_BYTES + 1024).then_some(item)
            })
            .collect();
        let large = |value: &str| {
            format!(
                "meeting: m.yaml\ntitle: x\ndate: 2017-11-20\nitems:\n  - number: 'a'\n    title: \"{value}\"\n{filler}"
            )
        };
        assert!(parse_minutes(Path::new("m.minutes.yaml"), large("x").as_bytes()).is_ok());
        for escape in ["\\u001b]52;c;aGk=\\a", "\\x01", "\\u0085"] {
            // Not unwrap_err: the minutes it would print are some 30 MB.
            let Err(error) = parse_minutes(Path::new("m.minutes.yaml"), large(escape).as_bytes())
            else {
                panic!("{escape} passed the large path");
            };
            assert_eq!((error.line, error.column), (6, 12), "{escape}: {error}");
            assert!(
                error.message.contains("control character"),
                "{escape}: {error}"
            );
        }
        let raw = large("\u{7}");
        let Err(error) = parse_minutes(Path::new("m.minutes.yaml"), raw.as_bytes()) else {
            panic!("a raw BEL passed the large path");
        };
        assert_eq!(error.line, 6, "{error}");
    }

    #[test]
    fn damaged_minutes_name_their_line() {
        let error = parse_minutes(
            Path::new("m.minutes.yaml"),
            b"meeting: m.yaml\ntitle: x\ndate: 2017-11-20\nitems:\n  - number: '3'\n    titel: x\n",
        )
        .unwrap_err();
        assert_eq!(error.line, 6, "{error}");
        assert!(error.to_string().contains("titel"), "{error}");
    }
}

#[cfg(test)]
mod contract_tests {
    use super::*;
    use crate::domain::minutes::Status;

    /// The minutes example of FORMAT.md, verbatim: a file written to the contract must load.
    #[test]
    fn the_format_md_example_loads() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/format-example.minutes.yaml");
        let minutes = read_minutes(&path).unwrap().unwrap();
        let item = minutes.item("3").unwrap();
        assert_eq!(item.status, Status::Done);
        assert_eq!(item.rounds[0].speakers[0].seconds, 312);
        assert_eq!(item.commitments[0].id, "2017-11-20-3-1");
    }

    #[test]
    fn timestamps_are_written_in_whole_seconds_with_a_numeric_offset() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/format-example.minutes.yaml");
        let minutes = read_minutes(&path).unwrap().unwrap();
        let yaml = crate::store::save::minutes_yaml(&minutes).unwrap();
        assert!(
            yaml.contains("opened_at: 2017-11-20T19:31:04+01:00"),
            "{yaml}"
        );
        assert!(
            yaml.contains("recorded_at: 2017-11-20T20:59:12+01:00"),
            "{yaml}"
        );
        let again = parse_minutes(&path, yaml.as_bytes()).unwrap();
        assert_eq!(again, minutes);
    }

    /// Issue 22, 7: a minutes file 13 folders deep and the files past the cap were left out
    /// without a word; now each is named.
    #[test]
    fn what_the_minutes_search_leaves_out_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let mut deep = dir.path().to_path_buf();
        for level in 0..=MAX_DEPTH {
            deep = deep.join(format!("d{level}"));
        }
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(deep.join("x.minutes.yaml"), "").unwrap();
        for n in 0..4 {
            std::fs::write(dir.path().join(format!("{n}.minutes.yaml")), "").unwrap();
        }
        let (found, left_out) = minutes_files_within(dir.path(), 3);
        assert_eq!(found.len(), 3);
        let shown: Vec<String> = left_out.iter().map(ToString::to_string).collect();
        assert_eq!(left_out.len(), 2, "{shown:?}");
        assert!(
            shown
                .iter()
                .any(|s| s.contains("only the first 3 minutes files were read; 1 more")),
            "{shown:?}"
        );
        assert!(
            shown
                .iter()
                .any(|s| s.contains(&format!("d{MAX_DEPTH}: warning: folder not searched"))),
            "{shown:?}"
        );
        for lang in [crate::i18n::Lang::En, crate::i18n::Lang::Nl] {
            for diagnostic in &left_out {
                let text = diagnostic.in_language(lang);
                if lang == crate::i18n::Lang::Nl {
                    assert!(!text.contains("folder"), "untranslated: {text}");
                }
            }
        }
    }
}
