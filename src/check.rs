//! `gavel check FILE...`: validate meeting files the way a linter would, for the griffie and CI.

use std::io::Write;
use std::path::PathBuf;

use crate::i18n::{Lang, Msg};
use crate::sanitize::for_terminal;
use crate::store::diagnostic::{Diagnostic, Severity};
use crate::store::load::load_meeting_reading_attachments;
use crate::store::minutes_file::read_minutes;

/// Checks each meeting file: diagnostics go to `err`, one `ok` line per valid file to `out`.
///
/// Returns the exit code: 0 when every file is valid (warnings allowed), 1 when any has an error.
pub fn run(paths: &[PathBuf], lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let mut code = 0;
    // A broken pipe on stdout or stderr must not hide the exit code, so write errors are ignored.
    let mut report = |diagnostic: &Diagnostic| {
        let _ = writeln!(err, "{}", diagnostic.in_language(lang));
    };
    for path in paths {
        // A file's name is text from outside too (`gavel check *` meets whatever is there).
        let shown = for_terminal(&path.display().to_string()).into_owned();
        // `gavel check meetings/*.yaml` also meets the minutes files gavel writes: check those
        // as minutes, not as meeting files.
        if path.to_string_lossy().ends_with(".minutes.yaml") {
            match read_minutes(path) {
                Ok(Some(minutes)) => {
                    let items = count(lang, minutes.items.len(), Msg::OneItem, Msg::Items);
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
                Err(diagnostic) => {
                    report(&diagnostic);
                    code = 1;
                }
            }
            continue;
        }
        match load_meeting_reading_attachments(path) {
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
    code
}

fn count(lang: Lang, n: usize, one: Msg, many: Msg) -> String {
    (if n == 1 { one } else { many }).fill(lang, &[&n])
}
