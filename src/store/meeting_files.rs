//! Finding the meeting files a chair may mean when gavel starts without one: the YAML files of
//! a folder that are not gavel's own (minutes, drafts, the commitments register).

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::load::load_meeting;

/// At most this many files of one folder are listed: a folder of a council's whole archive
/// still opens the chooser at once.
pub const MAX_FILES_PER_FOLDER: usize = 500;

/// At most this many files are read for their title and date; the rest are listed by name.
const MAX_READ: usize = 100;

/// A meeting file found in a folder, with its title and date when it loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingFile {
    /// As it can be typed after `gavel`: relative to the folder searched from.
    pub path: PathBuf,
    pub title: Option<String>,
    pub date: Option<NaiveDate>,
    /// The file was read and does not load (`gavel check` tells why).
    pub broken: bool,
}

/// Whether a file name is one of gavel's own files rather than a meeting file.
fn is_gavel_file(name: &str) -> bool {
    name.ends_with(".minutes.yaml")
        || name.ends_with(".minutes.yml")
        || name.contains(".broken-")
        || name.contains(".conflict-")
        || name == "commitments.yaml"
}

/// The meeting files directly in each folder (not below), in folder order, then by name. Only
/// regular files count: a FIFO or a device named `x.yaml` is passed over, never opened.
pub fn find_meeting_files(base: &Path, folders: &[&Path]) -> Vec<MeetingFile> {
    let mut found = Vec::new();
    for folder in folders {
        let Ok(entries) = fs::read_dir(base.join(folder)) else {
            continue;
        };
        let mut names: Vec<String> = entries
            .flatten()
            .filter_map(|entry| entry.file_name().into_string().ok())
            .filter(|name| {
                (name.ends_with(".yaml") || name.ends_with(".yml")) && !is_gavel_file(name)
            })
            .filter(|name| {
                fs::metadata(base.join(folder).join(name)).is_ok_and(|meta| meta.is_file())
            })
            .take(MAX_FILES_PER_FOLDER)
            .collect();
        names.sort();
        for name in names {
            let path = folder.join(&name);
            if found.iter().any(|f: &MeetingFile| f.path == path) {
                continue;
            }
            found.push(MeetingFile {
                path,
                title: None,
                date: None,
                broken: false,
            });
        }
    }
    for file in found.iter_mut().take(MAX_READ) {
        match load_meeting(&base.join(&file.path)) {
            Ok(loaded) => {
                file.title = Some(loaded.meeting.title);
                file.date = Some(loaded.meeting.date);
            }
            Err(_) => file.broken = true,
        }
    }
    found
}

/// The file to offer first: the next meeting from `today` on, else the latest one.
pub fn preselected(files: &[MeetingFile], today: NaiveDate) -> usize {
    let dated = files
        .iter()
        .enumerate()
        .filter_map(|(index, file)| file.date.map(|date| (date, index)));
    let upcoming = dated.clone().filter(|(date, _)| *date >= today).min();
    let latest = dated.max();
    upcoming.or(latest).map_or(0, |(_, index)| index)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MEETING: &str =
        "title: Raadsplein\ndate: 2017-11-20\nitems:\n  - number: \"1\"\n    title: Opening\n";

    #[test]
    fn lists_meeting_files_but_not_gavels_own() {
        let dir = tempfile::tempdir().unwrap();
        let meetings = dir.path().join("meetings");
        fs::create_dir(&meetings).unwrap();
        fs::write(dir.path().join("a.yaml"), MEETING).unwrap();
        fs::write(dir.path().join("a.minutes.yaml"), "meeting: a.yaml").unwrap();
        // Minutes diverted beside the minutes file another program changed (run.rs).
        let conflict = "a.minutes.conflict-20261202-101000.yaml";
        fs::write(dir.path().join(conflict), "meeting: a.yaml").unwrap();
        fs::write(dir.path().join("notes.txt"), "").unwrap();
        fs::write(meetings.join("b.yml"), "title: [").unwrap();
        fs::write(meetings.join("commitments.yaml"), "").unwrap();
        fs::create_dir(meetings.join("dir.yaml")).unwrap();
        let found = find_meeting_files(dir.path(), &[Path::new(""), Path::new("meetings")]);
        let paths: Vec<_> = found.iter().map(|f| f.path.clone()).collect();
        assert_eq!(
            paths,
            [PathBuf::from("a.yaml"), PathBuf::from("meetings/b.yml")]
        );
        assert_eq!(found[0].title.as_deref(), Some("Raadsplein"));
        assert!(!found[0].broken);
        assert!(
            found[1].broken,
            "a file that does not load is still listed, marked"
        );
    }

    #[test]
    fn the_next_meeting_is_offered_first_else_the_latest() {
        let file = |day: u32| MeetingFile {
            path: PathBuf::from(format!("{day}.yaml")),
            title: None,
            date: NaiveDate::from_ymd_opt(2026, 12, day),
            broken: false,
        };
        let files = [file(1), file(8), file(15)];
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        assert_eq!(preselected(&files, day(2)), 1);
        assert_eq!(preselected(&files, day(8)), 1);
        assert_eq!(preselected(&files, day(20)), 2);
        assert_eq!(preselected(&[], day(20)), 0);
    }
}
