//! Finding and reading the minutes file that belongs to a meeting file.

use std::path::{Path, PathBuf};

use chrono::Local;

use super::diagnostic::{Diagnostic, Severity};
use super::guard::check_yaml_input;
use super::load::{diagnostic_from_guard, diagnostic_from_yaml, read_capped};
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

/// Reads the minutes file; `Ok(None)` when there is none yet.
pub fn read_minutes(path: &Path) -> Result<Option<Minutes>, Diagnostic> {
    match std::fs::metadata(path) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        _ => {}
    }
    let bytes = read_capped(path).map_err(with_way_out)?;
    parse_minutes(path, &bytes).map(Some)
}

pub fn parse_minutes(path: &Path, bytes: &[u8]) -> Result<Minutes, Diagnostic> {
    let text = check_yaml_input(bytes)
        .map_err(|error| with_way_out(diagnostic_from_guard(path, error)))?;
    serde_yaml::from_str::<Minutes>(text)
        .map_err(|error| with_way_out(diagnostic_from_yaml(path, text, &error)))
}

/// How deep and how many: a folder of a council's archive is read at once, a link loop or a
/// mistaken `/` is not followed for ever.
const MAX_DEPTH: usize = 8;
const MAX_MINUTES_FILES: usize = 5000;

/// Every `*.minutes.yaml` under `folder` (its subfolders too, links to folders not followed),
/// sorted by path.
pub fn minutes_files_under(folder: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![(folder.to_path_buf(), 0)];
    while let Some((dir, depth)) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let path = entry.path();
            if kind.is_dir() && depth < MAX_DEPTH {
                folders.push((path, depth + 1));
            } else if kind.is_file()
                && path.to_string_lossy().ends_with(".minutes.yaml")
                && found.len() < MAX_MINUTES_FILES
            {
                found.push(path);
            }
        }
    }
    found.sort();
    found
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
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let positions = Positions::build(&text);
    let at = |key: &str| positions.nearest_value(key);
    let error = |key: &str, message: String, help: String| {
        let position = at(key);
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
    use super::*;

    #[test]
    fn minutes_file_sits_beside_the_meeting_file() {
        assert_eq!(
            minutes_path_for(Path::new("meetings/2017-11-20-raadsplein-takzaal.yaml")),
            PathBuf::from("meetings/2017-11-20-raadsplein-takzaal.minutes.yaml")
        );
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
}
