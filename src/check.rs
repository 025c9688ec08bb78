//! `gavel check FILE...`: validate meeting files the way a linter would, for the griffie and CI.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::i18n::{Lang, Msg};
use crate::sanitize::for_terminal;
use crate::store::decision_rules::decision_diagnostics;
use crate::store::diagnostic::{Diagnostic, Severity};
use crate::store::load::{
    AttachmentsRead, LoadedMeeting, load_meeting, load_meeting_reading_attachments,
};
use crate::store::minutes_file::{check_belongs, read_minutes_all_with_text};

/// Checks each meeting file: diagnostics go to `err`, one `ok` line per valid file to `out`.
///
/// Returns the exit code: 0 when every file is valid (warnings allowed), 1 when any has an error.
pub fn run(paths: &[PathBuf], lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    // A folder stands for its meeting and minutes files, and for its commitments register.
    let mut files: Vec<PathBuf> = Vec::new();
    let mut folders: Vec<PathBuf> = Vec::new();
    // What could not be checked: a folder with nothing in it to check, what the search left
    // out. Each is said, and the exit code is 1 (issue 22, 7).
    let mut left_out: Vec<Diagnostic> = Vec::new();
    for path in paths {
        if path.is_dir() {
            let (found, missed) = files_in(path);
            if found.is_empty() {
                left_out.push(nothing_to_check(path));
            }
            files.extend(found);
            left_out.extend(missed);
            folders.push(path.clone());
        } else {
            files.push(path.clone());
        }
    }
    let (mut code, mut read_minutes) = check_files(&files, lang, out, err);
    for diagnostic in &left_out {
        let _ = writeln!(err, "{}", diagnostic.in_language(lang));
        code = 1;
    }
    for folder in &folders {
        // The minutes files checked above are not read again for the register.
        let read = |path: &Path| match read_minutes.remove(path) {
            Some(minutes) => Ok(Some(minutes)),
            None => crate::store::minutes_file::read_minutes(path),
        };
        match crate::register::scan_with(folder, chrono::Local::now().date_naive(), read) {
            Ok(register) => {
                for diagnostic in crate::register::conflict_diagnostics(&register) {
                    let _ = writeln!(err, "{}", diagnostic.in_language(lang));
                    code = 1;
                }
            }
            Err(diagnostic) => {
                let _ = writeln!(err, "{}", diagnostic.in_language(lang));
                code = 1;
            }
        }
    }
    code
}

/// A folder given to check that holds nothing to check: meeting files are read from the folder
/// itself, not its subfolders, so those are named for the next command.
fn nothing_to_check(folder: &Path) -> Diagnostic {
    let subfolders: Vec<String> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .map(|e| e.path().display().to_string())
                .take(5)
                .collect()
        })
        .unwrap_or_default();
    Diagnostic {
        path: folder.to_path_buf(),
        line: 0,
        column: 0,
        severity: Severity::Error,
        message: "no meeting or minutes files in this folder; meeting files in its subfolders are not checked".into(),
        help: (!subfolders.is_empty())
            .then(|| format!("give the subfolders themselves: gavel check {}", subfolders.join(" "))),
    }
}

/// The meeting and minutes files of a folder: its own `*.yaml`, and the minutes files of its
/// subfolders (the register reads those too), with what that search left out. Not the register
/// file itself.
fn files_in(folder: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .filter(|p| {
                    let name = p
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    (name.ends_with(".yaml") || name.ends_with(".yml"))
                        && name != crate::store::register_file::REGISTER_FILE
                        && !name.contains(".conflict-")
                })
                .collect()
        })
        .unwrap_or_default();
    let (minutes_files, left_out) = crate::store::minutes_file::minutes_files_telling(folder);
    for minutes in minutes_files {
        if !files.contains(&minutes) {
            files.push(minutes);
        }
    }
    files.sort();
    (files, left_out)
}

type Loaded = Result<LoadedMeeting, Vec<Diagnostic>>;

/// Meeting files read once: a minutes file is checked beside its meeting, and `gavel check DIR`
/// checks that meeting file too; whichever comes first reads it, the other uses what it read.
/// The attachments read are shared by every meeting checked: 500 meetings of one folder that
/// name its one PDF read it once.
struct Meetings<'a> {
    to_check: &'a [PathBuf],
    read: std::collections::HashMap<PathBuf, Loaded>,
    attachments: AttachmentsRead,
}

impl Meetings<'_> {
    /// The meeting file as `check` reads it (with its attachments when it is checked itself).
    fn get(&mut self, path: &Path) -> &Loaded {
        let checked = self.to_check.iter().any(|p| p == path);
        let attachments = &mut self.attachments;
        self.read.entry(path.to_path_buf()).or_insert_with(|| {
            if checked {
                load_meeting_reading_attachments(path, attachments)
            } else {
                load_meeting(path)
            }
        })
    }

    /// Runs `read` (a minutes file's reading) on a thread of its own while the meeting file its
    /// name points at (`x.minutes.yaml`: `x.yaml`) is read here, as the check after will need
    /// it: the two files take about as long each.
    fn while_reading<T: Send>(&mut self, minutes: &Path, read: impl FnOnce() -> T + Send) -> T {
        let guess = crate::store::minutes_file::meeting_path_beside(minutes);
        let Some(guess) = guess.filter(|g| !self.read.contains_key(g) && g.is_file()) else {
            return read();
        };
        std::thread::scope(|scope| {
            let reading = scope.spawn(read);
            self.get(&guess);
            reading
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    }

    /// The meeting file for its own check: what a minutes file's check read, or read now.
    fn take(&mut self, path: &Path) -> Loaded {
        match self.read.remove(path) {
            Some(loaded) => loaded,
            None => load_meeting_reading_attachments(path, &mut self.attachments),
        }
    }
}

/// The problems of minutes with the meeting file beside them, when it is there.
fn beside_its_meeting(
    path: &Path,
    text: &str,
    minutes: &crate::domain::minutes::Minutes,
    meetings: &mut Meetings,
) -> Vec<Diagnostic> {
    let meeting_path = path.with_file_name(&minutes.meeting);
    if !meeting_path.is_file() {
        return Vec::new();
    }
    let Ok(loaded) = meetings.get(&meeting_path) else {
        // The meeting file's own problems are reported when it is checked itself.
        return Vec::new();
    };
    if let Err(diagnostic) = check_belongs(path, minutes, &loaded.meeting, &minutes.meeting) {
        return vec![diagnostic];
    }
    decision_diagnostics(path, text, minutes, &loaded.meeting)
}

/// The minutes that [`check_files`] read, by their path, for the register's check after.
type ReadMinutes = std::collections::HashMap<PathBuf, crate::domain::minutes::Minutes>;

/// Checks each file; gives the exit code and the minutes files read whole.
fn check_files(
    paths: &[PathBuf],
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> (i32, ReadMinutes) {
    let mut code = 0;
    let mut read_minutes = ReadMinutes::new();
    let mut meetings = Meetings {
        to_check: paths,
        read: std::collections::HashMap::new(),
        attachments: AttachmentsRead::default(),
    };
    // A broken pipe on stdout or stderr must not hide the exit code, so write errors are ignored.
    let mut report = |diagnostic: &Diagnostic| {
        let _ = writeln!(err, "{}", diagnostic.in_language(lang));
    };
    for path in paths {
        // A file's name is text from outside too (`gavel check *` meets whatever is there).
        let shown = for_terminal(&path.display().to_string()).into_owned();
        // `gavel check meetings/*.yaml` also meets the register gavel writes: check it as one.
        let is_register = path
            .file_name()
            .is_some_and(|n| n == crate::store::register_file::REGISTER_FILE);
        if is_register && path.is_file() {
            match crate::store::register_file::read_register(path) {
                Ok(register) => {
                    let entries = register.commitments.len();
                    let _ = writeln!(
                        out,
                        "{}",
                        Msg::CheckRegisterOk.fill(lang, &[&shown, &entries])
                    );
                }
                Err(diagnostic) => {
                    report(&diagnostic);
                    code = 1;
                }
            }
            continue;
        }
        // `gavel check meetings/*.yaml` also meets the minutes files gavel writes: check those
        // as minutes, not as meeting files.
        if path.to_string_lossy().ends_with(".minutes.yaml") {
            match meetings.while_reading(path, || read_minutes_all_with_text(path)) {
                Ok(Some((minutes, text))) => {
                    // Beside its meeting file, the minutes must belong to it and their votes
                    // and presentielijst must fit it.
                    let problems = beside_its_meeting(path, &text, &minutes, &mut meetings);
                    let errors = problems
                        .iter()
                        .filter(|d| d.severity == Severity::Error)
                        .count();
                    for problem in &problems {
                        report(problem);
                    }
                    let items = count(lang, minutes.items.len(), Msg::OneItem, Msg::Items);
                    read_minutes.insert(path.clone(), minutes);
                    if errors > 0 {
                        code = 1;
                        continue;
                    }
                    let _ = writeln!(out, "{}", Msg::CheckMinutesOk.fill(lang, &[&shown, &items]));
                }
                Ok(None) => {
                    report(&Diagnostic {
                        path: path.clone(),
                        line: 0,
                        column: 0,
                        severity: Severity::Error,
                        message: "no such file".into(),
                        help: None,
                    });
                    code = 1;
                }
                Err(diagnostics) => {
                    for diagnostic in &diagnostics {
                        report(diagnostic);
                    }
                    code = 1;
                }
            }
            continue;
        }
        match meetings.take(path) {
            Ok(loaded) => {
                for warning in &loaded.warnings {
                    report(warning);
                }
                let items = count(lang, loaded.meeting.items.len(), Msg::OneItem, Msg::Items);
                let warnings = count(lang, loaded.warnings.len(), Msg::OneWarning, Msg::Warnings);
                let _ = writeln!(
                    out,
                    "{}",
                    Msg::CheckOk.fill(lang, &[&shown, &items, &warnings])
                );
            }
            Err(diagnostics) => {
                // Besides the errors these hold the warnings, so the file can be fixed in one go.
                for diagnostic in &diagnostics {
                    report(diagnostic);
                }
                code = 1;
            }
        }
    }
    (code, read_minutes)
}

fn count(lang: Lang, n: usize, one: Msg, many: Msg) -> String {
    (if n == 1 { one } else { many }).fill(lang, &[&n])
}
