//! An attachment's text, whatever its format: a `.txt` file as it is, a PDF or a Word file
//! through the extractor (`crate::extract`, in a child process) or from the cache beside the
//! meeting (`store::cache`). Lines and pages, within the caps of `store::attachments`: the
//! extracted text counts against them as a text file's does.

use std::io::Read;
use std::path::Path;

use super::attachments::{self, MAX_BYTES, MAX_LINES, NotRead};
use super::cache::Cache;
use crate::extract::{self, ExtractError, Format, PAGE_BREAK};
use crate::sanitize::for_terminal;

/// An attachment's text, ready for the reader and the index.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocumentText {
    pub lines: Vec<String>,
    /// The first line of each page (empty for a text file, which has no pages).
    pub pages: Vec<usize>,
    /// Whether the text came from the cache (no extractor ran).
    pub from_cache: bool,
}

/// Why an attachment has no text to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// Refused before any reading (missing, outside, not regular, over the caps, not text).
    NotRead(NotRead),
    /// A PDF (or Word file) without any text: a scan.
    Scanned,
    /// The extractor refused it: its words, when it had any.
    Damaged(Option<String>),
    /// The extractor took longer than its time limit (a page tree that loops, say).
    TooSlow,
    /// The extractor gave more text than any document holds (a compression bomb).
    TooMuchText,
    /// The extractor could not be started.
    NoExtractor(String),
    /// A PDF or Word file larger than gavel reads (`MAX_DOCUMENT_BYTES`, not a text's cap).
    DocumentTooLarge,
}

impl From<NotRead> for Unreadable {
    fn from(refusal: NotRead) -> Unreadable {
        Unreadable::NotRead(refusal)
    }
}

/// Whether an attachment file is one the extractor reads (a PDF, a Word file).
pub fn is_document(file: &str) -> bool {
    Format::of(Path::new(file)).is_some()
}

/// Reads an attachment named as the meeting file writes it, in the meeting's folder (resolved
/// by `attachments::resolved_folder`); a document's text is taken from `cache` when it is there
/// and kept in it when extracted.
pub fn read_attachment(
    folder: &Path,
    file: &str,
    cache: Option<&Cache>,
) -> Result<DocumentText, Unreadable> {
    let Some(format) = Format::of(Path::new(file)) else {
        let lines = attachments::read_lines_in(folder, file)?;
        return Ok(DocumentText {
            lines,
            ..DocumentText::default()
        });
    };
    // A document's cap is its own, not a text's: said as such.
    let path = attachments::resolve_in(folder, file).map_err(|refusal| match refusal {
        NotRead::TooLarge => Unreadable::DocumentTooLarge,
        other => other.into(),
    })?;
    let opened = attachments::open_regular(&path)
        .map_err(|_| NotRead::Missing)?
        .map_err(NotRead::NotRegular)?;
    let mut bytes = Vec::new();
    opened
        .take(attachments::MAX_DOCUMENT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| NotRead::Missing)?;
    if bytes.len() as u64 > attachments::MAX_DOCUMENT_BYTES {
        return Err(Unreadable::DocumentTooLarge);
    }
    let key = Cache::key(&bytes);
    let (text, from_cache) = match cache.and_then(|cache| cache.get(&key)) {
        Some(text) => (text, true),
        None => {
            // The extracted text counts against the caps of a text attachment.
            let cap = MAX_BYTES as usize;
            let text =
                extract::document_text(format, &bytes, cap).map_err(|error| match error {
                    ExtractError::Failed(words) => {
                        Unreadable::Damaged(words.map(|w| for_terminal(&w).into_owned()))
                    }
                    ExtractError::TooSlow => Unreadable::TooSlow,
                    ExtractError::TooMuchText => Unreadable::TooMuchText,
                    ExtractError::NoChild(why) => Unreadable::NoExtractor(why),
                    ExtractError::Missing => Unreadable::NoExtractor(String::new()),
                })?;
            // A scan is kept too: the next start knows at once that it has no text.
            if let Some(cache) = cache {
                cache.put(&key, &text);
            }
            (text, false)
        }
    };
    let mut read = pages_of(&text)?;
    read.from_cache = from_cache;
    Ok(read)
}

/// Splits extracted text into lines and pages (at form feeds), within the caps; a text of
/// nothing but white space is a scan.
pub fn pages_of(text: &str) -> Result<DocumentText, Unreadable> {
    if text.chars().all(char::is_whitespace) {
        return Err(Unreadable::Scanned);
    }
    if text.len() as u64 > MAX_BYTES {
        return Err(Unreadable::TooMuchText);
    }
    let mut pages: Vec<&str> = text.split(PAGE_BREAK).collect();
    // pdftotext ends the last page with a form feed too.
    if pages.len() > 1 && pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    let mut read = DocumentText::default();
    for page in pages {
        read.pages.push(read.lines.len());
        // pdftotext -layout writes the vertical space of a page as runs of empty lines (four
        // between every line of a PDF made by a word processor): one is kept, as a paragraph
        // break, so a screen shows text, not space.
        let mut blank_before = true;
        for line in page.lines() {
            let blank = line.trim().is_empty();
            if blank && blank_before {
                continue;
            }
            blank_before = blank;
            if read.lines.len() >= MAX_LINES {
                return Err(NotRead::TooManyLines.into());
            }
            read.lines
                .push(for_terminal(&line.replace('\t', "    ")).into_owned());
        }
    }
    Ok(read)
}

/// The page (1-based) that holds a line, when the text has pages.
pub fn page_of(pages: &[usize], line: usize) -> Option<usize> {
    if pages.is_empty() {
        return None;
    }
    Some(pages.partition_point(|&first| first <= line).max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pdf_over_the_document_cap_is_said_with_that_cap_not_the_texts() {
        let dir = tempfile::tempdir().unwrap();
        let file = std::fs::File::create(dir.path().join("groot.pdf")).unwrap();
        file.set_len(attachments::MAX_DOCUMENT_BYTES + 1).unwrap();
        let read = read_attachment(dir.path(), "groot.pdf", None);
        assert!(
            matches!(read, Err(Unreadable::DocumentTooLarge)),
            "{read:?}"
        );
    }

    #[test]
    fn runs_of_empty_lines_are_one_paragraph_break_and_a_page_starts_with_text() {
        let read = pages_of("Datum\n\n\n\n\nOnderwerp\n\n\u{c}\n\n\nBijlage\n").unwrap();
        assert_eq!(read.lines, ["Datum", "", "Onderwerp", "", "Bijlage"]);
        assert_eq!(read.pages, [0, 4]);
    }

    #[test]
    fn pages_start_at_form_feeds() {
        let read = pages_of("een\ntwee\n\u{c}drie\n\u{c}\nvier\n\u{c}").unwrap();
        // The third page starts with its text: the empty line before it is left out.
        assert_eq!(read.lines, ["een", "twee", "drie", "vier"]);
        assert_eq!(read.pages, [0, 2, 3]);
        assert_eq!(page_of(&read.pages, 0), Some(1));
        assert_eq!(page_of(&read.pages, 2), Some(2));
        assert_eq!(page_of(&read.pages, 3), Some(3));
        assert_eq!(page_of(&[], 4), None);
    }

    #[test]
    fn a_text_of_white_space_is_a_scan() {
        assert_eq!(pages_of(" \n\u{c}\n\u{c}"), Err(Unreadable::Scanned));
    }
}
