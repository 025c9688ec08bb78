//! A cheap, linear-time gate in front of every YAML parse (meeting and minutes files).
//!
//! The YAML parsers behind serde are fine on honest files, but a hostile or broken file (huge,
//! not UTF-8, nested 100 000 levels deep, an alias bomb) must give one clear message within a
//! second instead of a stack overflow, a hang or a cryptic parser error. This scan is a
//! deliberate over-approximation of YAML's grammar: it may count a level or an alias that a real
//! parser would not, never fewer on files a real parser accepts, and its limits sit far above
//! anything a meeting or minutes file needs.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser};
use thiserror::Error;

/// Largest file we parse. A year of minutes is a few hundred KiB; this leaves ample room.
pub const MAX_BYTES: usize = 4 * 1024 * 1024;
/// Deepest nesting of mappings, sequences and flow collections. A meeting file needs about 5.
pub const MAX_DEPTH: usize = 64;
/// Most aliases (`*name`) in one file. Honest files use a handful; alias bombs need many.
pub const MAX_ALIASES: usize = 100;
/// Most text a file may stand for once its aliases are expanded (each alias counts the size of
/// what it refers to): four times the largest file. One 4 MB string behind 99 aliases is 400 MB.
pub const MAX_EXPANDED: usize = 4 * MAX_BYTES;
/// Most entries (list entries and keys) in one file. A long meeting's minutes have a few
/// thousand; the cap keeps the parsers, which take about a microsecond per entry, under a second.
pub const MAX_ENTRIES: usize = 100_000;

/// Why a file was refused before parsing; `line`/`column` are 1-based, 0 when about the whole file.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{message}")]
pub struct GuardError {
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub help: Option<String>,
}

impl GuardError {
    fn whole_file(message: String, help: &str) -> GuardError {
        GuardError {
            line: 0,
            column: 0,
            message,
            help: Some(help.to_string()),
        }
    }
}

/// Checks raw file bytes before any YAML parse and returns them as text (without a UTF-8 BOM).
pub fn check_yaml_input(bytes: &[u8]) -> Result<&str, GuardError> {
    if bytes.len() > MAX_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let (line, column) = line_column(bytes, error.valid_up_to());
            return Err(GuardError {
                line,
                column,
                message: "file is not valid UTF-8".to_string(),
                help: Some(
                    "save the file as UTF-8 (files from Windows tools are often Windows-1252)"
                        .to_string(),
                ),
            });
        }
    };
    // Both parsers skip a BOM, but stripping it here keeps their columns in step on line 1.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text
        .lines()
        .all(|line| line.trim().is_empty() || line.trim_start().starts_with('#'))
    {
        return Err(GuardError::whole_file(
            "file is empty (only whitespace or comments)".to_string(),
            "a meeting file needs at least `title`, `date` and `items`",
        ));
    }
    check_control_characters(text)?;
    check_escaped_controls(text)?;
    let aliases = Scan::default().run(text)?;
    if aliases > 0 {
        check_expansion(text)?;
    }
    Ok(text)
}

/// YAML allows no control characters but tab, line feed and carriage return (and NEL); the
/// parser says so at 1:1, so find the first one here and say where it is.
pub(crate) fn check_control_characters(text: &str) -> Result<(), GuardError> {
    let Some(offset) = first_control(text.as_bytes()) else {
        return Ok(());
    };
    let c = text[offset..].chars().next().unwrap_or_default();
    let (line, column) = line_column(text.as_bytes(), offset);
    Err(GuardError {
        line,
        column,
        message: format!(
            "the file contains a control character (U+{:04X})",
            u32::from(c)
        ),
        help: Some(
            "remove it; a meeting or minutes file is plain text (is this the right file?)".into(),
        ),
    })
}

/// Where the first control character but tab, line feed, carriage return and NEL starts, in
/// valid UTF-8, found by bytes (the file is gone through once, without decoding): those are
/// U+0000-U+001F and U+007F, one byte each, and U+0080-U+009F, the two bytes 0xC2 0x80-0x9F.
fn first_control(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'\t' | b'\n' | b'\r' => {}
            0..0x20 | 0x7f => return Some(at),
            0xc2 if bytes
                .get(at + 1)
                .is_some_and(|&next| (0x80..=0x9f).contains(&next) && next != 0x85) =>
            {
                return Some(at);
            }
            _ => {}
        }
        at += 1;
    }
    None
}

/// A control character written as a YAML escape (`"\u001b"`, `"\a"`, `"\x01"`) passes the
/// raw check above but reaches every reader: ESC sequences on a terminal, a `.docx` whose XML
/// is not well-formed. Refused where the value stands; tab, line feed and carriage return are
/// text. Only a file with a backslash can hold such an escape, so the others cost nothing.
fn check_escaped_controls(text: &str) -> Result<(), GuardError> {
    if !text.contains('\\') {
        return Ok(());
    }
    for event in Parser::new_from_str(text) {
        // A syntax error is the parser's to report, with its own words.
        let Ok((event, span)) = event else {
            return Ok(());
        };
        if let Event::Scalar(value, ..) = event {
            control_in_value(&value, &span)?;
        }
    }
    Ok(())
}

/// A scalar's value with a control character in it (only an escape can put one there, once
/// [`check_control_characters`] passed), refused where the value stands.
pub(crate) fn control_in_value(value: &str, span: &saphyr_parser::Span) -> Result<(), GuardError> {
    match value
        .chars()
        .find(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        Some(c) => Err(GuardError {
            line: span.start.line(),
            column: span.start.col() + 1,
            message: format!(
                "the value holds a control character (U+{:04X}), written as an escape",
                u32::from(c)
            ),
            help: Some("remove the escape; a text holds no control characters".into()),
        }),
        None => Ok(()),
    }
}

/// Refuses a file whose aliases would expand it past [`MAX_EXPANDED`], at the alias that does:
/// the parsers behind serde copy the anchored value for every alias.
fn check_expansion(text: &str) -> Result<(), GuardError> {
    // Size of each anchored node, and of each collection still open (with its anchor).
    let mut anchored: HashMap<usize, usize> = HashMap::new();
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut total: usize = 0;
    for event in Parser::new_from_str(text) {
        // A syntax error is the parser's to report, with its own words.
        let Ok((event, span)) = event else {
            return Ok(());
        };
        let size = match event {
            Event::Scalar(value, _, anchor, _) => {
                let size = value.len() + 1;
                if anchor > 0 {
                    anchored.insert(anchor, size);
                }
                size
            }
            Event::Alias(anchor) => anchored.get(&anchor).copied().unwrap_or(1),
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                open.push((anchor, 1));
                1
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((anchor, size)) = open.pop()
                    && anchor > 0
                {
                    anchored.insert(anchor, size);
                }
                continue;
            }
            _ => continue,
        };
        total = total.saturating_add(size);
        for (_, collection) in &mut open {
            *collection = collection.saturating_add(size);
        }
        if total > MAX_EXPANDED {
            return Err(GuardError {
                line: span.start.line(),
                column: span.start.col() + 1,
                message: format!(
                    "aliases would expand the file to more than {}",
                    human_size(MAX_EXPANDED as u64)
                ),
                help: Some(
                    "write the values out instead of repeating a large one with `*name`".into(),
                ),
            });
        }
    }
    Ok(())
}

/// The refusal of a file of `size` bytes, over [`MAX_BYTES`]; for readers that check the size first.
pub fn too_large(size: u64) -> GuardError {
    GuardError::whole_file(
        format!(
            "file is too large ({}); gavel reads files of at most {}",
            human_size(size),
            human_size(MAX_BYTES as u64)
        ),
        "is this the right file? meeting and minutes files are normally a few KiB",
    )
}

/// The refusal of a file that reads past [`MAX_BYTES`] although its size said otherwise (a file
/// in `/proc`, one that grows while read): its real size is not known.
pub fn larger_than_cap() -> GuardError {
    GuardError::whole_file(
        format!(
            "file is larger than {}, the most gavel reads",
            human_size(MAX_BYTES as u64)
        ),
        "is this the right file? meeting and minutes files are normally a few KiB",
    )
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    // Everything before `offset` is valid UTF-8, so counting non-continuation bytes counts chars.
    let column = before[line_start..]
        .iter()
        .filter(|&&b| b & 0xC0 != 0x80)
        .count()
        + 1;
    (line, column)
}

/// A size as messages give it: `4.0 MiB`, `512.0 KiB`.
pub fn human_size(bytes: u64) -> String {
    let mib = bytes as f64 / (1024.0 * 1024.0);
    if mib >= 1.0 {
        format!("{mib:.1} MiB")
    } else {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    }
}

/// State of the line-by-line lexical scan.
#[derive(Default)]
struct Scan {
    /// Indentation widths of the open block levels, strictly increasing.
    indents: Vec<usize>,
    /// Open `[` / `{` collections.
    flow_depth: usize,
    /// Inside a quoted scalar that continues on the next line.
    open_quote: Option<u8>,
    /// Inside a `|` or `>` block scalar: lines indented more than this are its text.
    block_scalar_owner: Option<usize>,
    aliases: usize,
    entries: usize,
}

impl Scan {
    /// Scans the text; returns how many aliases it holds.
    fn run(mut self, text: &str) -> Result<usize, GuardError> {
        for (index, line) in text.split('\n').enumerate() {
            self.line(index + 1, line.as_bytes())?;
        }
        Ok(self.aliases)
    }

    fn line(&mut self, line_number: usize, line: &[u8]) -> Result<(), GuardError> {
        let indent = line.iter().take_while(|&&b| b == b' ').count();
        let rest = &line[indent..];
        let blank = rest.iter().all(|b| b.is_ascii_whitespace());

        if let Some(owner) = self.block_scalar_owner {
            if blank || indent > owner {
                return Ok(()); // text of the block scalar: brackets and stars there mean nothing
            }
            self.block_scalar_owner = None;
        }
        if self.open_quote.is_none() && self.flow_depth == 0 {
            if blank || rest.first() == Some(&b'#') {
                return Ok(());
            }
            if indent == 0 && (rest.starts_with(b"---") || rest.starts_with(b"...")) {
                self.indents.clear(); // a new document starts from nothing
            }
            while self.indents.last().is_some_and(|&top| top > indent) {
                self.indents.pop();
            }
            if self.indents.last().is_none_or(|&top| top < indent) {
                self.indents.push(indent);
                self.check_depth(self.indents.len(), line_number, indent + 1)?;
            }
        }

        // Block context: at a value start, `[`/`{` opens a flow collection, `|`/`>` a block
        // scalar, a quote a quoted scalar, `*` an alias; anything else is plain text up to `: `.
        let mut value_start = true;
        let mut owner = indent; // column of the key or `-` that owns what follows
        let mut dashes = 0;
        let mut column = 0; // in characters, 0-based
        let mut i = 0;
        let mut previous = b' ';
        while i < line.len() {
            let byte = line[i];
            let here = column;
            i += 1;
            if byte & 0xC0 != 0x80 {
                column += 1;
            }
            if let Some(quote) = self.open_quote {
                if byte == b'\\' && quote == b'"' {
                    i += 1; // skip the escaped byte (an escaped non-ASCII char only misplaces a column)
                    column += 1;
                } else if byte == quote {
                    if quote == b'\'' && line.get(i) == Some(&b'\'') {
                        i += 1; // '' is an escaped quote
                        column += 1;
                    } else {
                        self.open_quote = None;
                        value_start = false;
                    }
                }
                previous = byte;
                continue;
            }
            let token_start = matches!(previous, b' ' | b'\t' | b'[' | b'{' | b',');
            previous = byte;
            if byte == b'#' && token_start {
                break; // a comment runs to the end of the line
            }
            if self.flow_depth > 0 {
                match byte {
                    b'[' | b'{' => self.open_flow(line_number, here + 1)?,
                    b']' | b'}' => self.flow_depth -= 1,
                    b',' => self.entry(line_number, here + 1)?,
                    b'"' | b'\'' if token_start => self.open_quote = Some(byte),
                    b'*' if token_start => self.alias(line_number, here + 1)?,
                    _ => {}
                }
                continue;
            }
            if byte == b' ' || byte == b'\t' {
                continue;
            }
            let followed_by_space = line.get(i).is_none_or(|b| b.is_ascii_whitespace());
            if value_start {
                match byte {
                    b'-' | b'?' if followed_by_space => {
                        dashes += 1;
                        owner = here;
                        self.entry(line_number, here + 1)?;
                        let depth = self.indents.len() + dashes;
                        self.check_depth(depth, line_number, here + 1)?;
                        continue;
                    }
                    b'[' | b'{' => {
                        self.open_flow(line_number, here + 1)?;
                        continue;
                    }
                    b'|' | b'>' => {
                        self.block_scalar_owner = Some(owner);
                        return Ok(());
                    }
                    b'"' | b'\'' => {
                        self.open_quote = Some(byte);
                        continue;
                    }
                    b'*' => self.alias(line_number, here + 1)?,
                    b'&' | b'!' => {
                        // An anchor or tag comes before the value: skip its name and stay at value start.
                        while i < line.len() && !line[i].is_ascii_whitespace() {
                            i += 1;
                            column += 1;
                        }
                        continue;
                    }
                    _ => {}
                }
                value_start = false;
                owner = here;
            }
            if byte == b':' && followed_by_space {
                value_start = true; // a key ended; its value follows
                self.entry(line_number, here + 1)?;
            }
        }
        Ok(())
    }

    fn open_flow(&mut self, line: usize, column: usize) -> Result<(), GuardError> {
        self.flow_depth += 1;
        self.entry(line, column)?;
        self.check_depth(self.indents.len() + self.flow_depth, line, column)
    }

    fn check_depth(&self, depth: usize, line: usize, column: usize) -> Result<(), GuardError> {
        if depth <= MAX_DEPTH {
            return Ok(());
        }
        Err(GuardError {
            line,
            column,
            message: format!("nesting is too deep (more than {MAX_DEPTH} levels)"),
            help: Some(
                "meeting and minutes files need only a few levels; check the indentation and brackets"
                    .to_string(),
            ),
        })
    }

    fn entry(&mut self, line: usize, column: usize) -> Result<(), GuardError> {
        self.entries += 1;
        if self.entries <= MAX_ENTRIES {
            return Ok(());
        }
        Err(GuardError {
            line,
            column,
            message: format!("too many entries (more than {MAX_ENTRIES} keys and list entries)"),
            help: Some("is this the right file? a meeting file has a few hundred".to_string()),
        })
    }

    fn alias(&mut self, line: usize, column: usize) -> Result<(), GuardError> {
        self.aliases += 1;
        if self.aliases <= MAX_ALIASES {
            return Ok(());
        }
        Err(GuardError {
            line,
            column,
            message: format!("too many aliases (more than {MAX_ALIASES} `*name` references)"),
            help: Some(
                "write the values out; many aliases are how \"billion laughs\" files blow up"
                    .to_string(),
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_control_character_written_as_an_escape_is_refused_where_it_stands() {
        for escape in ["\\u001b]52;c;aGk=\\a", "\\u0007", "\\x01", "\\e", "\\u009b"] {
            let text = format!(
                "title: ok\ndate: 2017-11-20\nitems:\n  - number: '1'\n    title: \"x{escape}\"\n"
            );
            let error = check_yaml_input(text.as_bytes()).unwrap_err();
            assert_eq!((error.line, error.column), (5, 12), "{escape}: {error:?}");
            assert!(error.message.contains("control character"), "{error:?}");
        }
        let fine = "title: \"tab\\there\\nand a line\"\ndate: 2017-11-20\nitems: []\n";
        assert!(check_yaml_input(fine.as_bytes()).is_ok());
    }

    use super::*;

    const MEETING: &str = "\
title: Raadsplein [concept]   # brackets in text are not nesting
date: 2017-11-20
factions:
  - VVD
  - name: D66
    members: [Jan de Vries, Anna Bakker]
items:
  - number: \"1\"
    title: 'It''s *not* an alias'
    summary: |
      [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[
      *a *b *c *d
";

    #[test]
    fn an_honest_file_passes() {
        assert_eq!(check_yaml_input(MEETING.as_bytes()), Ok(MEETING));
    }

    #[test]
    fn a_bom_is_stripped() {
        let bytes = format!("\u{feff}{MEETING}");
        assert_eq!(check_yaml_input(bytes.as_bytes()), Ok(MEETING));
    }

    #[test]
    fn an_empty_file_is_refused() {
        for text in ["", "  \n\t\n", "# only a comment\n"] {
            let error = check_yaml_input(text.as_bytes()).unwrap_err();
            assert_eq!(error.message, "file is empty (only whitespace or comments)");
        }
    }

    #[test]
    fn non_utf8_points_at_the_first_bad_byte() {
        let error = check_yaml_input(b"title: ok\ndate: caf\xe9\n").unwrap_err();
        assert_eq!((error.line, error.column), (2, 10));
        assert_eq!(error.message, "file is not valid UTF-8");
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let mut bytes = "title: één".as_bytes().to_vec();
        bytes.push(0xff);
        let error = check_yaml_input(&bytes).unwrap_err();
        assert_eq!((error.line, error.column), (1, 11));
    }

    #[test]
    fn a_huge_file_is_refused_with_its_size() {
        let bytes = vec![b'a'; MAX_BYTES + 1];
        let error = check_yaml_input(&bytes).unwrap_err();
        assert_eq!(
            error.message,
            "file is too large (4.0 MiB); gavel reads files of at most 4.0 MiB"
        );
        assert_eq!(
            larger_than_cap().message,
            "file is larger than 4.0 MiB, the most gavel reads"
        );
    }

    proptest::proptest! {
        /// Found by bytes where it is found by characters.
        #[test]
        fn a_control_character_is_found_by_bytes_as_by_characters(text in "(\\PC|[\\x00-\\x1f\\x7f-\\u{a0}]){0,40}") {
            let by_chars = text
                .char_indices()
                .find(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{85}'))
                .map(|(at, _)| at);
            proptest::prop_assert_eq!(first_control(text.as_bytes()), by_chars);
        }
    }

    #[test]
    fn a_control_character_is_located() {
        let error = check_yaml_input("title: a\ndate: één\u{1b}[2J\n".as_bytes()).unwrap_err();
        assert_eq!((error.line, error.column), (2, 10));
        assert_eq!(
            error.message,
            "the file contains a control character (U+001B)"
        );
        let error = check_yaml_input("\u{feff}a: \u{0}".as_bytes()).unwrap_err();
        assert_eq!((error.line, error.column), (1, 4), "the BOM is no column");
    }

    #[test]
    fn nested_aliases_count_what_they_expand_to() {
        // Each level doubles: a 40 KB string, doubled eight times, passes 16 MiB on line 9.
        let mut text = format!("a0: &a0 {}\n", "x".repeat(40_000));
        for level in 1..=10 {
            let previous = level - 1;
            text.push_str(&format!(
                "a{level}: &a{level} [*a{previous}, *a{previous}]\n"
            ));
        }
        let error = check_yaml_input(text.as_bytes()).unwrap_err();
        assert!(
            error.message.starts_with("aliases would expand"),
            "{error:?}"
        );
        assert_eq!(error.line, 9, "at the level that passes 16 MiB");
    }

    #[test]
    fn a_few_small_aliases_pass() {
        let text = "a: &a {x: 1, y: [2, 3]}\nb: *a\nc: [*a, *a]\n";
        assert!(check_yaml_input(text.as_bytes()).is_ok());
    }

    #[test]
    fn deep_flow_nesting_is_refused() {
        let text = format!("a: {}", "[".repeat(100_000));
        let error = check_yaml_input(text.as_bytes()).unwrap_err();
        assert_eq!(error.message, "nesting is too deep (more than 64 levels)");
        assert_eq!((error.line, error.column), (1, 67));
    }

    #[test]
    fn deep_block_nesting_is_refused() {
        let text: String = (0..1000)
            .map(|depth| format!("{}k:\n", " ".repeat(depth)))
            .collect();
        let error = check_yaml_input(text.as_bytes()).unwrap_err();
        assert_eq!((error.line, error.column), (65, 65));
    }

    #[test]
    fn deep_compact_sequences_are_refused() {
        let text = "- ".repeat(1000) + "x";
        let error = check_yaml_input(text.as_bytes()).unwrap_err();
        assert_eq!((error.line, error.column), (1, 127));
    }

    #[test]
    fn sixty_four_levels_still_pass() {
        let text = format!("a: {}{}", "[".repeat(63), "]".repeat(63));
        assert!(check_yaml_input(text.as_bytes()).is_ok());
    }

    #[test]
    fn too_many_entries_are_refused() {
        let text = format!("a: [{}]", "x,".repeat(MAX_ENTRIES));
        let error = check_yaml_input(text.as_bytes()).unwrap_err();
        assert_eq!(
            error.message,
            "too many entries (more than 100000 keys and list entries)"
        );
        let text = "- x\n".repeat(MAX_ENTRIES + 1);
        let error = check_yaml_input(text.as_bytes()).unwrap_err();
        assert_eq!((error.line, error.column), (MAX_ENTRIES + 1, 1));
    }

    #[test]
    fn many_aliases_are_refused() {
        let mut text = String::from("a: &a x\nb: [");
        text.push_str(&"*a, ".repeat(101));
        text.push(']');
        let error = check_yaml_input(text.as_bytes()).unwrap_err();
        assert_eq!(
            error.message,
            "too many aliases (more than 100 `*name` references)"
        );
        assert_eq!(error.line, 2);
    }

    #[test]
    fn stars_in_quoted_and_plain_text_are_not_aliases() {
        let line = "- 'a *b' \"*c\" x *y\n";
        let text = format!("items:\n{}", line.repeat(200));
        assert!(check_yaml_input(text.as_bytes()).is_ok());
    }
}
