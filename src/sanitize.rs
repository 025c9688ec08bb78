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

/// Characters that are markup anywhere in a CommonMark (and GitHub) line: emphasis, code
/// spans and fences, links and images, raw HTML and autolinks, entities, strikethrough, table
/// cells, and the backslash itself; and in common extensions, math (`$`), superscript (`^`)
/// and heading attributes (`{#id}`). Each gets a backslash, which CommonMark then drops.
fn is_inline_markup(c: char) -> bool {
    matches!(
        c,
        '\\' | '*'
            | '_'
            | '`'
            | '['
            | ']'
            | '<'
            | '>'
            | '#'
            | '|'
            | '~'
            | '&'
            | '$'
            | '^'
            | '{'
            | '}'
    )
}

/// One line of text (no line break in it) as Markdown text: inline markup escaped, and, when
/// it starts a line, what would start a block there (a heading `#`, a list `-` `+` `*` `1.`
/// `1)`, a block quote `>`, a fence, a thematic break, a setext underline `=`/`-`, a definition
/// `:`, an indented code block) made text. Leading blanks are dropped: Markdown would not show them either.
fn markdown_line(line: &str, starts_line: bool) -> String {
    let line = line.trim_start();
    let mut out = String::with_capacity(line.len() + 8);
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    for (i, c) in line.char_indices() {
        let starts_block = starts_line
            && ((i == 0 && matches!(c, '-' | '+' | '=' | ':'))
                || (digits > 0
                    && i == digits
                    && matches!(c, '.' | ')')
                    && line[i + 1..].chars().next().is_none_or(char::is_whitespace)));
        if is_inline_markup(c) || starts_block {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `text` as Markdown that shows exactly that text, after a marker (a heading's `#`, a bold
/// label, a table cell's `|`): on one line (a line break becomes a space, so a cell or a heading cannot be cut in two) and with
/// every character that Markdown would read as markup or raw HTML escaped.
pub fn for_markdown_line(text: &str) -> String {
    let joined: String = text
        .split(['\n', '\r'])
        .filter(|part| !part.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    markdown_line(&joined, false)
}

/// `text` as a Markdown paragraph that shows exactly that text: each line escaped as by
/// [`for_markdown_line`], and a line break the author made (LF, CR or CRLF: CommonMark takes a
/// lone CR for one too) kept as a hard break (a backslash at the end of the line), so no line
/// can start a heading, a list, a quote, a fence or an HTML block of its own.
pub fn for_markdown(text: &str) -> String {
    text.replace("\r\n", "\n")
        .trim_end_matches(['\n', '\r'])
        .split(['\n', '\r'])
        .map(|line| markdown_line(line, true))
        .collect::<Vec<_>>()
        .join("\\\n")
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

    #[test]
    fn markdown_markup_in_the_text_is_escaped() {
        assert_eq!(
            for_markdown("<img src=x onerror=alert(1)> <script>"),
            "\\<img src=x onerror=alert(1)\\> \\<script\\>"
        );
        assert_eq!(for_markdown("~~~\n```"), "\\~\\~\\~\\\n\\`\\`\\`");
        assert_eq!(for_markdown("# kop"), "\\# kop");
        for (list, escaped) in [
            ("- a", "\\- a"),
            ("* a", "\\* a"),
            ("+ a", "\\+ a"),
            ("1. a", "1\\. a"),
            ("12) a", "12\\) a"),
            ("> a", "\\> a"),
            ("===", "\\==="),
            ("    code", "code"),
            ("&amp;", "\\&amp;"),
            (": definitie", "\\: definitie"),
            ("$x^2$ {#id}", "\\$x\\^2\\$ \\{\\#id\\}"),
        ] {
            assert_eq!(for_markdown(list), escaped, "{list}");
        }
        // Only at the start of a line is a dash or a number markup.
        assert_eq!(for_markdown("19.30 - 21.00"), "19.30 - 21.00");
        assert_eq!(for_markdown("a\r# b"), "a\\\n\\# b");
        assert_eq!(for_markdown("2017.11 12.a"), "2017.11 12.a");
        assert_eq!(for_markdown("a\r\n"), "a");
    }

    #[test]
    fn a_markdown_line_has_no_line_break_and_no_cell_border() {
        assert_eq!(for_markdown_line("a\n# b | c\r\n"), "a \\# b \\| c");
        assert_eq!(for_markdown_line("3. Punt - a"), "3. Punt - a");
    }
}
