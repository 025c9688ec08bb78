//! One message about a place in a file, printed the way compilers do.

use std::fmt;
use std::path::PathBuf;

use crate::i18n::{Lang, translate};
use crate::sanitize::for_terminal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// `file:line:col: error: message`, then an optional `help:` line saying what would be right.
///
/// Printing goes through [`for_terminal`]: a message quotes file text (an unknown key, a value),
/// and neither it nor the file's name may carry escape sequences to the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: PathBuf,
    /// 1-based; 0 when the message is about the whole file.
    pub line: usize,
    /// 1-based; 0 when unknown.
    pub column: usize,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
}

impl Diagnostic {
    /// The diagnostic as printed for a user of `lang`: message, help and severity translated.
    pub fn in_language(&self, lang: Lang) -> String {
        let localized = Diagnostic {
            message: translate(&self.message, lang),
            help: self.help.as_deref().map(|help| translate(help, lang)),
            ..self.clone()
        };
        let text = localized.to_string();
        match lang {
            Lang::En => text,
            Lang::Nl => text
                .replacen(": error: ", ": fout: ", 1)
                .replacen(": warning: ", ": waarschuwing: ", 1)
                .replacen("\n  help: ", "\n  hulp: ", 1),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}", for_terminal(&self.path.display().to_string()))?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        write!(f, ": {severity}: {}", for_terminal(&self.message))?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {}", for_terminal(help))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_text_in_a_diagnostic_is_sanitised_in_every_language() {
        let diagnostic = Diagnostic {
            path: PathBuf::from("x\u{1b}[2J.yaml"),
            line: 3,
            column: 1,
            severity: Severity::Error,
            message: "unknown key \"\u{1b}]52;c;aGk=\u{7}\"".into(),
            help: Some("a\u{202e}b".into()),
        };
        for lang in [Lang::En, Lang::Nl] {
            let printed = diagnostic.in_language(lang);
            assert!(
                !printed.contains(['\u{1b}', '\u{7}', '\u{202e}']),
                "{printed:?}"
            );
            assert!(printed.starts_with("x\\u{1b}[2J.yaml:3:1: "), "{printed}");
            assert!(printed.contains("\\u{1b}]52;c;aGk=\\u{7}"), "{printed}");
        }
    }
}
