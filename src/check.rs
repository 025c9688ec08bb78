//! `gavel check FILE...`: validate meeting files the way a linter would, for the griffie and CI.

use std::io::Write;
use std::path::PathBuf;

use crate::store::load::load_meeting;
use crate::store::minutes_file::read_minutes;

/// Checks each meeting file: diagnostics go to `err`, one `ok` line per valid file to `out`.
///
/// Returns the exit code: 0 when every file is valid (warnings allowed), 1 when any has an error.
pub fn run(paths: &[PathBuf], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let mut code = 0;
    for path in paths {
        // `gavel check meetings/*.yaml` also meets the minutes files gavel writes: check those
        // as minutes, not as meeting files.
        if path.to_string_lossy().ends_with(".minutes.yaml") {
            match read_minutes(path) {
                Ok(Some(minutes)) => {
                    let items = count(minutes.items.len(), "item", "items");
                    let _ = writeln!(out, "{}: ok: minutes, {items}", path.display());
                }
                Ok(None) => {
                    let _ = writeln!(err, "{}: error: no such file", path.display());
                    code = 1;
                }
                Err(diagnostic) => {
                    let _ = writeln!(err, "{diagnostic}");
                    code = 1;
                }
            }
            continue;
        }
        // A broken pipe on stdout or stderr must not hide the exit code, so write errors are ignored.
        match load_meeting(path) {
            Ok(loaded) => {
                for warning in &loaded.warnings {
                    let _ = writeln!(err, "{warning}");
                }
                let _ = writeln!(
                    out,
                    "{}: ok: {}, {}",
                    path.display(),
                    count(loaded.meeting.items.len(), "item", "items"),
                    count(loaded.warnings.len(), "warning", "warnings"),
                );
            }
            Err(diagnostics) => {
                // Besides the errors these hold the warnings, so the file can be fixed in one go.
                for diagnostic in &diagnostics {
                    let _ = writeln!(err, "{diagnostic}");
                }
                code = 1;
            }
        }
    }
    code
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
