//! `gavel commitments`: list the register, and settle, reopen or number a commitment.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::list::{conflict_lines, csv, json, markdown, table};
use super::{Conflict, Filter, Register, find, scan};
use crate::i18n::{Lang, Msg, translate};
use crate::sanitize::say;
use crate::store::register_file::{RegisterEntry, Settled, register_path, update_register};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFormat {
    /// Aligned and wrapped for a terminal (the default there).
    Table,
    Csv,
    Markdown,
    Json,
}

/// What `gavel commitments` lists, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListRequest {
    pub folder: PathBuf,
    pub filter: Filter,
    pub format: ListFormat,
    pub output: Option<PathBuf>,
    /// Write over an existing `output` file.
    pub force: bool,
    /// The language of the csv and Markdown lists when `--lang` asks for one; else the one the
    /// meetings listed state (`language:`), Dutch when they do not agree or say nothing. The
    /// table on a terminal speaks the user's language.
    pub document_lang: Option<Lang>,
    /// The day that decides what is overdue: today, unless a report is made "as of" another.
    pub today: NaiveDate,
}

/// Where the output goes and what it looks like.
pub struct Terminal {
    pub width: usize,
    pub colour: bool,
}

fn load(folder: &Path, today: NaiveDate, lang: Lang, err: &mut dyn Write) -> Option<Register> {
    if !folder.is_dir() {
        say(err, &Msg::RegisterNoFolder.fill(lang, &[&folder.display()]));
        return None;
    }
    match scan(folder, today) {
        Ok(register) => {
            for diagnostic in &register.unreadable {
                say(err, &diagnostic.in_language(lang));
                if diagnostic.severity == crate::store::diagnostic::Severity::Error {
                    say(
                        err,
                        &Msg::RegisterSkipped.fill(lang, &[&diagnostic.path.display()]),
                    );
                }
            }
            Some(register)
        }
        Err(diagnostic) => {
            say(err, &diagnostic.in_language(lang));
            None
        }
    }
}

/// Lists the register; exit 0, or 1 when it cannot be read.
pub fn list(
    request: &ListRequest,
    lang: Lang,
    terminal: Option<Terminal>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let Some(register) = load(&request.folder, request.today, lang, err) else {
        return 1;
    };
    for line in conflict_lines(&register, lang) {
        say(err, &format!("gavel: {line}"));
    }
    let entries = request.filter.apply(&register.entries);
    // The table sanitises its own cells (it colours overdue rows); the rest is sanitised whole.
    let on_terminal = terminal.is_some() && request.format != ListFormat::Table;
    let document_lang = || {
        request
            .document_lang
            .unwrap_or_else(|| meetings_language(&entries))
    };
    let text = match request.format {
        ListFormat::Table => {
            if entries.is_empty() {
                format!("{}\n", Msg::RegisterNone.text(lang))
            } else {
                let (width, colour) = terminal.map_or((100, false), |t| (t.width, t.colour));
                table(&entries, lang, width, colour)
            }
        }
        ListFormat::Csv => match csv(&entries, document_lang()) {
            Ok(text) => text,
            Err(error) => {
                say(err, &format!("gavel: {error}"));
                return 1;
            }
        },
        ListFormat::Markdown => markdown(&entries, document_lang()),
        ListFormat::Json => {
            let mut text =
                serde_json::to_string_pretty(&json(&entries, &register)).unwrap_or_default();
            text.push('\n');
            text
        }
    };
    crate::export::write_out(
        text.as_bytes(),
        request.output.as_deref(),
        request.force,
        on_terminal,
        lang,
        out,
        err,
    )
}

/// The language the meeting files of `entries` state, when they all state the same; else the
/// documents' default, Dutch. A meeting file that does not load says nothing here (the listing
/// is made from the minutes).
fn meetings_language(entries: &[&super::Entry]) -> Lang {
    let mut minutes_files: Vec<&Path> = entries
        .iter()
        .map(|e| e.source.minutes_file.as_path())
        .collect();
    minutes_files.sort();
    minutes_files.dedup();
    let mut languages = minutes_files.into_iter().filter_map(|minutes| {
        let meeting = crate::store::minutes_file::meeting_path_beside(minutes)?;
        let loaded = crate::store::load::load_meeting(&meeting).ok()?;
        Some(loaded.meeting.document_lang())
    });
    match languages.next() {
        Some(first) if languages.all(|other| other == first) => first,
        _ => Lang::Nl,
    }
}

/// A change to one commitment in the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Done {
        how: String,
        date: Option<NaiveDate>,
        /// The meeting file of the meeting in which it was settled.
        meeting: Option<String>,
    },
    Reopen,
    Number(String),
}

/// Settles, reopens or numbers the commitment `key` (an id or a RIS number); the exit code.
pub fn change(
    folder: &Path,
    key: &str,
    change: &Change,
    today: NaiveDate,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let Some(register) = load(folder, today, lang, err) else {
        return 1;
    };
    match apply(&register, key, change, today, lang) {
        Ok(message) => {
            say(out, &message);
            0
        }
        Err(message) => {
            say(err, &message);
            1
        }
    }
}

/// The change applied under the register's lock; the message to show, or why not.
pub fn apply(
    register: &Register,
    key: &str,
    change: &Change,
    today: NaiveDate,
    lang: Lang,
) -> Result<String, String> {
    let entry = find(register, key).map_err(|near| {
        Msg::RegisterUnknownId.fill(lang, &[&key, &register.folder.display(), &near.join(", ")])
    })?;
    let id = entry.commitment.id.clone();
    let in_conflict = register
        .conflicts
        .iter()
        .any(|c| matches!(c, Conflict::DuplicateId { id: other, .. } if *other == id));
    if in_conflict {
        return Err(Msg::RegisterInConflict.fill(lang, &[&id]));
    }
    let path = register_path(&register.folder);
    let result = update_register(&path, lang, |file| {
        // Decided on the file as it is now, under the lock: another process may have just
        // settled the same commitment.
        let position = match file.commitments.iter().position(|e| e.id == id) {
            Some(position) => position,
            None => {
                file.commitments.push(RegisterEntry::new(&id));
                file.commitments.len() - 1
            }
        };
        let taken = |ris: &str| {
            file.commitments
                .iter()
                .find(|e| e.id != id && e.ris_number.as_deref() == Some(ris))
                .map(|e| e.id.clone())
        };
        let taken_by = match change {
            Change::Number(ris) => taken(ris),
            _ => None,
        };
        let entry = &mut file.commitments[position];
        match change {
            Change::Done { how, date, meeting } => {
                if entry.status == Settled::Done {
                    let when = entry.date.map(|d| d.to_string()).unwrap_or_default();
                    let how = entry.how.clone().unwrap_or_default();
                    return Err(Msg::RegisterAlreadyDone.fill(lang, &[&id, &when, &how]));
                }
                let date = date.unwrap_or(today);
                entry.status = Settled::Done;
                entry.date = Some(date);
                entry.how = Some(how.trim().to_string());
                entry.meeting = meeting.clone();
                Ok(Msg::RegisterSettled.fill(lang, &[&id, &date, &how.trim()]))
            }
            Change::Reopen => {
                if entry.status != Settled::Done {
                    return Err(Msg::RegisterNotDone.fill(lang, &[&id]));
                }
                entry.status = Settled::Open;
                entry.date = None;
                entry.how = None;
                entry.meeting = None;
                Ok(Msg::RegisterReopened.fill(lang, &[&id]))
            }
            Change::Number(ris) => {
                if let Some(other) = taken_by {
                    return Err(Msg::RegisterNumberTaken.fill(lang, &[ris, &other]));
                }
                entry.ris_number = Some(ris.trim().to_string());
                Ok(Msg::RegisterNumbered.fill(lang, &[&id, &ris.trim()]))
            }
        }
    });
    match result {
        Ok(outcome) => outcome,
        Err(error) => Err(format!("gavel: {}", translate(&error.to_string(), lang))),
    }
}
