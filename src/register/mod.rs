//! The commitments register: every commitment (toezegging) recorded in the minutes files of a
//! folder, followed until it is settled. The commitments are read from the minutes (never
//! retyped); what became of them is in the register file (`store::register_file`). Conflicts
//! (one id in two minutes files, a register entry whose commitment is gone) are listed, never
//! resolved by picking one.

pub mod command;
pub mod list;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::domain::minutes::{Commitment, Minutes};
use crate::search::{Candidate, Chunked, Matcher, Query};
use crate::store::diagnostic::Diagnostic;
use crate::store::minutes_file::{minutes_files_telling, read_minutes};
use crate::store::register_file::{
    RegisterEntry, RegisterFile, Settled, read_register, register_path,
};

/// Where a commitment was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The minutes file, as found under the folder.
    pub minutes_file: PathBuf,
    pub meeting_title: String,
    pub meeting_date: NaiveDate,
    pub item_number: String,
    pub item_title: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Open,
    Overdue,
    Done,
}

/// One commitment and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub commitment: Commitment,
    pub source: Source,
    pub settled: Option<RegisterEntry>,
    pub status: Status,
}

impl Entry {
    pub fn ris_number(&self) -> Option<&str> {
        self.settled.as_ref()?.ris_number.as_deref()
    }
}

/// Something the register cannot decide by itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// One id in more than one place: each place is listed.
    DuplicateId { id: String, places: Vec<Source> },
    /// The register settles or numbers a commitment that no minutes file holds.
    Orphan { id: String },
}

/// The register of a folder, as of a day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Register {
    pub folder: PathBuf,
    pub entries: Vec<Entry>,
    pub conflicts: Vec<Conflict>,
    /// Minutes files that did not load (errors): named, passed over; and warnings for what the
    /// search of the folder left out.
    pub unreadable: Vec<Diagnostic>,
}

/// The status of a commitment on `today`.
pub fn status_of(
    commitment: &Commitment,
    settled: Option<&RegisterEntry>,
    today: NaiveDate,
) -> Status {
    match settled {
        Some(entry) if entry.status == Settled::Done => Status::Done,
        _ if commitment.due.is_some_and(|due| due < today) => Status::Overdue,
        _ => Status::Open,
    }
}

/// Builds the register from minutes already read and the register file. Pure.
pub fn build(
    folder: &Path,
    minutes: &[(PathBuf, Minutes)],
    file: &RegisterFile,
    today: NaiveDate,
) -> Register {
    let mut entries: Vec<Entry> = Vec::new();
    let mut conflicts = Vec::new();
    // Looked up by id: a council's folder holds thousands of commitments.
    let mut settled_by_id: rustc_hash::FxHashMap<&str, &_> = rustc_hash::FxHashMap::default();
    for entry in file.commitments.iter().rev() {
        // The first entry of an id is the one that counts, as a search from the start finds.
        settled_by_id.insert(entry.id.as_str(), entry);
    }
    for (path, minutes) in minutes {
        for item in &minutes.items {
            for commitment in &item.commitments {
                let settled = settled_by_id
                    .get(commitment.id.as_str())
                    .map(|entry| (*entry).clone());
                entries.push(Entry {
                    status: status_of(commitment, settled.as_ref(), today),
                    commitment: commitment.clone(),
                    source: Source {
                        minutes_file: path.clone(),
                        meeting_title: minutes.title.clone(),
                        meeting_date: minutes.date,
                        item_number: item.number.clone(),
                        item_title: item.title.clone(),
                    },
                    settled,
                });
            }
        }
    }
    let mut places_by_id: std::collections::BTreeMap<&str, Vec<Source>> =
        std::collections::BTreeMap::new();
    for entry in &entries {
        places_by_id
            .entry(entry.commitment.id.as_str())
            .or_default()
            .push(entry.source.clone());
    }
    for (id, places) in &places_by_id {
        if places.len() > 1 {
            conflicts.push(Conflict::DuplicateId {
                id: id.to_string(),
                places: places.clone(),
            });
        }
    }
    for entry in &file.commitments {
        if !places_by_id.contains_key(entry.id.as_str()) {
            conflicts.push(Conflict::Orphan {
                id: entry.id.clone(),
            });
        }
    }
    entries.sort_by(|a, b| {
        let due = |e: &Entry| (e.commitment.due.is_none(), e.commitment.due);
        due(a)
            .cmp(&due(b))
            .then_with(|| a.commitment.id.cmp(&b.commitment.id))
    });
    Register {
        folder: folder.to_path_buf(),
        entries,
        conflicts,
        unreadable: Vec::new(),
    }
}

/// Reads every `*.minutes.yaml` under `folder` and the register file there.
pub fn scan(folder: &Path, today: NaiveDate) -> Result<Register, Diagnostic> {
    scan_with(folder, today, read_minutes)
}

/// [`scan`], each minutes file read by `read` (`gavel check DIR` hands over what it has read
/// already, so that no file is read twice).
pub fn scan_with(
    folder: &Path,
    today: NaiveDate,
    mut read: impl FnMut(&Path) -> Result<Option<Minutes>, Diagnostic>,
) -> Result<Register, Diagnostic> {
    let file = read_register(&register_path(folder))?;
    let mut minutes = Vec::new();
    // What the search left out (too deep, unreadable, past the cap) is said, as warnings.
    let (paths, mut unreadable) = minutes_files_telling(folder);
    for path in paths {
        match read(&path) {
            // Named as the user would from the folder they gave: "juni/x.minutes.yaml".
            Ok(Some(read)) => {
                let shown = path
                    .strip_prefix(folder)
                    .map_or(path.clone(), Path::to_path_buf);
                minutes.push((shown, read));
            }
            Ok(None) => {}
            Err(diagnostic) => unreadable.push(diagnostic),
        }
    }
    let mut register = build(folder, &minutes, &file, today);
    register.unreadable = unreadable;
    Ok(register)
}

/// What to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub open_only: bool,
    pub overdue_only: bool,
    /// Fuzzy, as the palette: "meijerink" finds "Wethouder Meijerink".
    pub by: Option<String>,
    /// Made on or after / on or before (the meeting's date).
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl Filter {
    pub fn apply<'a>(&self, entries: &'a [Entry]) -> Vec<&'a Entry> {
        let by = self.by.as_deref().map(by_matcher);
        entries
            .iter()
            .filter(|e| !self.open_only || e.status != Status::Done)
            .filter(|e| !self.overdue_only || e.status == Status::Overdue)
            .filter(|e| self.since.is_none_or(|d| e.source.meeting_date >= d))
            .filter(|e| self.until.is_none_or(|d| e.source.meeting_date <= d))
            .filter(|e| by.as_ref().is_none_or(|matches| matches(&e.commitment.by)))
            .collect()
    }
}

/// A name matcher with the palette's folding and fuzziness; every word of the query must match.
pub fn by_matcher(query: &str) -> impl Fn(&str) -> bool + use<> {
    let query = Query::new(query);
    let matcher = Matcher;
    move |name: &str| {
        let candidates: Chunked<Candidate> = vec![Candidate::new(name, "")].into();
        !matcher.rank(&candidates, None, &query).is_empty()
    }
}

/// The entry for `key`: a commitment id, or a council's number (`ris_number`). Else the nearest
/// ids, for the message.
pub fn find<'a>(register: &'a Register, key: &str) -> Result<&'a Entry, Vec<String>> {
    let key = key.trim();
    if let Some(entry) = register
        .entries
        .iter()
        .find(|e| e.commitment.id == key || e.ris_number() == Some(key))
    {
        return Ok(entry);
    }
    let mut near: Vec<(usize, &str)> = register
        .entries
        .iter()
        .map(|e| {
            (
                strsim::levenshtein(key, &e.commitment.id),
                e.commitment.id.as_str(),
            )
        })
        .collect();
    near.sort();
    Err(near
        .into_iter()
        .take(3)
        .map(|(_, id)| id.to_string())
        .collect())
}

/// The register's conflicts as located diagnostics, for `gavel check DIR`: each place of a
/// duplicate id (naming the other places), and each register entry without its commitment.
pub fn conflict_diagnostics(register: &Register) -> Vec<Diagnostic> {
    use crate::store::diagnostic::Severity;
    use crate::store::positions::Positions;

    // Each file is read and placed once, however many of its ids are used elsewhere too (a
    // folder copied by mistake has a conflict for every commitment it holds).
    let mut read: std::collections::HashMap<PathBuf, Option<(Minutes, Positions)>> =
        std::collections::HashMap::new();
    let mut located = |file: &Path, key: &dyn Fn(&Minutes) -> Option<String>| {
        let path = register.folder.join(file);
        let placed = read.entry(path.clone()).or_insert_with(|| {
            let text = std::fs::read_to_string(&path).ok()?;
            let minutes = read_minutes(&path).ok().flatten()?;
            Some((minutes, Positions::build(&text)))
        });
        let position = placed.as_ref().and_then(|(minutes, positions)| {
            key(minutes).and_then(|key| positions.nearest_value(&key))
        });
        (path, position.map_or((0, 0), |p| (p.line, p.column)))
    };
    let register_file = std::cell::OnceCell::new();
    let settled_in_register = || {
        register_file.get_or_init(|| {
            let path = register_path(&register.folder);
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            (read_register(&path).ok(), Positions::build(&text))
        })
    };
    let mut diagnostics = Vec::new();
    for conflict in &register.conflicts {
        match conflict {
            Conflict::DuplicateId { id, places } => {
                let spots: Vec<(PathBuf, (usize, usize))> = places
                    .iter()
                    .map(|place| {
                        located(&place.minutes_file, &|minutes: &Minutes| {
                            let (i, item) = minutes
                                .items
                                .iter()
                                .enumerate()
                                .find(|(_, item)| item.number == place.item_number)?;
                            let j = item.commitments.iter().position(|c| c.id == *id)?;
                            Some(format!("items[{i}].commitments[{j}].id"))
                        })
                    })
                    .collect();
                for (index, (path, (line, column))) in spots.iter().enumerate() {
                    let others: Vec<String> = spots
                        .iter()
                        .enumerate()
                        .filter(|(other, _)| *other != index)
                        .map(|(_, (p, (l, c)))| format!("{}:{l}:{c}", p.display()))
                        .collect();
                    diagnostics.push(Diagnostic {
                        path: path.clone(),
                        line: *line,
                        column: *column,
                        severity: Severity::Error,
                        message: format!(
                            "commitment id \"{id}\" is used more than once: also at {}",
                            others.join(", ")
                        ),
                        help: Some(
                            "a commitment id is unique across the folder: give one of them another id"
                                .into(),
                        ),
                    });
                }
            }
            Conflict::Orphan { id } => {
                let path = register_path(&register.folder);
                let (file, positions) = settled_in_register();
                let index = file
                    .as_ref()
                    .and_then(|file| file.commitments.iter().position(|e| e.id == *id));
                let position =
                    index.and_then(|k| positions.nearest_value(&format!("commitments[{k}].id")));
                diagnostics.push(Diagnostic {
                    path,
                    line: position.map_or(0, |p| p.line),
                    column: position.map_or(0, |p| p.column),
                    severity: Severity::Error,
                    message: format!(
                        "the register settles commitment \"{id}\", which no minutes file holds"
                    ),
                    help: Some(
                        "remove the entry, or bring back the minutes file that holds the commitment"
                            .into(),
                    ),
                });
            }
        }
    }
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::minutes::ItemMinutes;
    use chrono::DateTime;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn commitment(id: &str, by: &str, due: Option<NaiveDate>) -> Commitment {
        Commitment {
            id: id.into(),
            by: by.into(),
            text: format!("tekst van {id}"),
            due,
            recorded_at: DateTime::parse_from_rfc3339("2017-11-20T20:00:00+01:00").unwrap(),
        }
    }

    fn minutes(date: NaiveDate, commitments: Vec<Commitment>) -> Minutes {
        Minutes {
            meeting: "m.yaml".into(),
            title: "Raadsplein".into(),
            date,
            opened_at: None,
            closed_at: None,
            items: vec![ItemMinutes {
                number: "3".into(),
                title: "Punt".into(),
                commitments,
                ..ItemMinutes::default()
            }],
            faction_totals: Vec::new(),
            drafts: Vec::new(),
            attendance: Vec::new(),
        }
    }

    fn folder() -> Vec<(PathBuf, Minutes)> {
        vec![
            (
                "a.minutes.yaml".into(),
                minutes(
                    day(2017, 1, 23),
                    vec![
                        commitment(
                            "2017-01-23-3-1",
                            "Wethouder Meijerink",
                            Some(day(2017, 6, 1)),
                        ),
                        commitment("2017-01-23-3-2", "Nelleke Vedelaar", None),
                    ],
                ),
            ),
            (
                "b.minutes.yaml".into(),
                minutes(
                    day(2017, 11, 20),
                    vec![commitment(
                        "2017-11-20-3-1",
                        "Meijerink",
                        Some(day(2018, 3, 1)),
                    )],
                ),
            ),
        ]
    }

    #[test]
    fn a_commitment_past_its_due_date_is_overdue_until_settled() {
        let file = RegisterFile::default();
        let register = build(Path::new("."), &folder(), &file, day(2017, 12, 1));
        let status: Vec<(&str, Status)> = register
            .entries
            .iter()
            .map(|e| (e.commitment.id.as_str(), e.status))
            .collect();
        // Sorted by due date (none last), then id.
        assert_eq!(
            status,
            [
                ("2017-01-23-3-1", Status::Overdue),
                ("2017-11-20-3-1", Status::Open),
                ("2017-01-23-3-2", Status::Open),
            ]
        );
        let file = RegisterFile {
            commitments: vec![RegisterEntry {
                status: Settled::Done,
                ..RegisterEntry::new("2017-01-23-3-1")
            }],
        };
        let register = build(Path::new("."), &folder(), &file, day(2017, 12, 1));
        assert_eq!(register.entries[0].status, Status::Done);
    }

    #[test]
    fn one_id_in_two_places_and_a_register_entry_without_its_commitment_are_conflicts() {
        let mut folder = folder();
        folder[1].1.items[0].commitments[0].id = "2017-01-23-3-1".into();
        let file = RegisterFile {
            commitments: vec![RegisterEntry::new("2016-05-01-2-1")],
        };
        let register = build(Path::new("."), &folder, &file, day(2017, 12, 1));
        assert_eq!(register.conflicts.len(), 2);
        match &register.conflicts[0] {
            Conflict::DuplicateId { id, places } => {
                assert_eq!(id, "2017-01-23-3-1");
                assert_eq!(places.len(), 2);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            register.conflicts[1],
            Conflict::Orphan {
                id: "2016-05-01-2-1".into()
            }
        );
    }

    #[test]
    fn filters_by_name_fuzzily_by_status_and_by_date() {
        let register = build(
            Path::new("."),
            &folder(),
            &RegisterFile::default(),
            day(2017, 12, 1),
        );
        let ids = |filter: Filter| -> Vec<String> {
            filter
                .apply(&register.entries)
                .iter()
                .map(|e| e.commitment.id.clone())
                .collect()
        };
        let by = |name: &str| Filter {
            by: Some(name.into()),
            ..Filter::default()
        };
        assert_eq!(ids(by("meijerink")), ["2017-01-23-3-1", "2017-11-20-3-1"]);
        assert_eq!(ids(by("vedelar")), ["2017-01-23-3-2"]);
        let overdue = Filter {
            overdue_only: true,
            ..Filter::default()
        };
        assert_eq!(ids(overdue), ["2017-01-23-3-1"]);
        let since = Filter {
            since: Some(day(2017, 6, 1)),
            ..Filter::default()
        };
        assert_eq!(ids(since), ["2017-11-20-3-1"]);
    }

    #[test]
    fn an_unknown_id_names_the_nearest() {
        let register = build(
            Path::new("."),
            &folder(),
            &RegisterFile::default(),
            day(2017, 12, 1),
        );
        assert_eq!(
            find(&register, "2017-11-20-3-1").unwrap().commitment.by,
            "Meijerink"
        );
        let near = find(&register, "2017-11-20-3-9").unwrap_err();
        assert_eq!(near[0], "2017-11-20-3-1");
    }
}
