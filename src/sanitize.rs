//! The one sanitiser: every string that came from a file passes here before it reaches a terminal.
//!
//! A meeting file, a minutes file or an attachment can carry characters that a terminal obeys
//! instead of showing: ESC starts sequences that set the clipboard (`ESC ] 52`), retitle the
//! window or clear the screen; other C0 and C1 controls move the cursor or ring the bell; the
//! bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) reorder what is
//! shown so a line reads differently from what it holds. Each is replaced by a visible escape in
//! Rust's notation, `\u{1b}`, so nothing is hidden and the clerk can see what the file holds.
//! Line feed and tab are kept: the views lay them out (tabs in attachments become spaces).
//!
//! In the console, ratatui draws text cell by cell; [`for_terminal`] runs over every cell after
//! each frame (`ui::draw`), and text that keeps its shape (attachment lines) is escaped when read.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether a character must not reach a terminal as it is.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}'
        )
}

/// `text` with every control and bidirectional control character (except line feed and tab)
/// written as a visible escape such as `\u{1b}`; borrowed when there is nothing to replace.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_unsafe(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Sanitises every cell of a drawn buffer: a cell whose symbol holds a character a terminal
/// would obey shows U+FFFD instead (one column: the escape would not fit in a cell).
pub fn buffer_for_terminal(buffer: &mut ratatui::buffer::Buffer) {
    for cell in &mut buffer.content {
        if cell.symbol().chars().any(is_unsafe) {
            cell.set_symbol("\u{fffd}");
        }
    }
}

/// Writes one line for a person to read (stderr, or a list on stdout), through the sanitiser:
/// names and titles from files are part of every message. A closed stream is no reason to panic.
pub fn say(out: &mut dyn std::io::Write, line: &str) {
    let _ = writeln!(out, "{}", for_terminal(line));
}

/// A cell for a spreadsheet: one that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
/// would be taken as a formula (`=HYPERLINK(...)`, `=1+1`), so it gets a leading `'`, as OWASP
/// recommends against CSV injection; Excel and LibreOffice then show the text as it is.
pub fn for_spreadsheet(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_cell_that_a_spreadsheet_would_take_for_a_formula_is_text() {
        for formula in [
            "=HYPERLINK(\"http://evil.example\",\"klik\")",
            "=1+1",
            "+31",
            "-2",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            assert!(
                super::for_spreadsheet(formula).starts_with('\''),
                "{formula}"
            );
        }
        for text in ["VVD", "2017-11-20", "85", "Wethouder Meijerink", ""] {
            assert_eq!(super::for_spreadsheet(text), text);
        }
    }

    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(
            for_terminal("Raadsplein één\tdrie\n"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn escapes_and_controls_become_visible() {
        assert_eq!(
            for_terminal("\u{1b}]52;c;aGk=\u{7} \r\u{0}\u{7f}\u{9b}"),
            "\\u{1b}]52;c;aGk=\\u{7} \\u{d}\\u{0}\\u{7f}\\u{9b}"
        );
    }

    #[test]
    fn bidi_controls_become_visible() {
        let all = "\u{202a}\u{202b}\u{202c}\u{202d}\u{202e}\u{2066}\u{2067}\u{2068}\u{2069}\u{200e}\u{200f}\u{61c}";
        let shown = for_terminal(all);
        assert!(!shown.chars().any(is_unsafe), "{shown}");
        assert!(shown.starts_with("\\u{202a}\\u{202b}"), "{shown}");
    }

    #[test]
    fn a_cell_with_a_control_shows_a_replacement_character() {
        let mut buffer = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, 2, 1));
        buffer[(0, 0)].set_symbol(" \u{2066}");
        buffer[(1, 0)].set_symbol("a");
        buffer_for_terminal(&mut buffer);
        assert_eq!(buffer[(0, 0)].symbol(), "\u{fffd}");
        assert_eq!(buffer[(1, 0)].symbol(), "a");
    }
}
