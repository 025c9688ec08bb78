//! The structure of text written in a meeting file: agenda texts come with the hard line breaks of
//! the page they were copied from, so the lines of a paragraph belong together, while a list item
//! ("1.", "b)", "•") starts a line of its own. The item pane and the exported documents both lay
//! text out from this.

use textwrap::core::display_width;

/// A paragraph's words on one line, and how far in its first and later lines start.
pub struct Paragraph {
    pub text: String,
    pub indent: usize,
    pub hanging: usize,
}

/// The paragraphs of `text`; `None` for a blank line.
pub fn paragraphs(text: &str) -> Vec<Option<Paragraph>> {
    let mut paragraphs: Vec<Option<Paragraph>> = Vec::new();
    for line in text.lines() {
        let words = line.trim_start();
        if words.trim_end().is_empty() {
            paragraphs.push(None);
            continue;
        }
        let indent = display_width(&line[..line.len() - words.len()]);
        let marker = list_marker(words);
        match paragraphs.last_mut() {
            Some(Some(paragraph)) if marker.is_none() => {
                paragraph.text.push(' ');
                paragraph.text.push_str(&join_words(words));
            }
            _ => paragraphs.push(Some(Paragraph {
                text: join_words(words),
                indent,
                // The marker, the space after it, then the text lines up.
                hanging: indent + marker.map_or(0, |m| display_width(m) + 1),
            })),
        }
    }
    paragraphs
}

pub fn join_words(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The list marker a line starts with ("1.", "b)", "•"), if it starts a list item.
fn list_marker(line: &str) -> Option<&str> {
    let (marker, rest) = line.split_once(' ')?;
    if rest.trim().is_empty() {
        return None;
    }
    let numbered = |label: &str| {
        (1..=3).contains(&label.len()) && label.chars().all(|c| c.is_ascii_digit())
            || label.len() == 1 && label.chars().all(|c| c.is_ascii_lowercase())
    };
    let is_marker = matches!(marker, "-" | "*" | "•" | "–")
        || marker
            .strip_suffix('.')
            .or_else(|| marker.strip_suffix(')'))
            .is_some_and(numbered);
    is_marker.then_some(marker)
}

/// `text` as paragraphs for a document: a blank line separates two paragraphs; inside one, the
/// lines of running text are joined and every list item starts a line of its own ("\n").
pub fn document_paragraphs(text: &str) -> Vec<String> {
    let mut blocks: Vec<String> = Vec::new();
    let mut open = false;
    for paragraph in paragraphs(text) {
        match paragraph {
            None => open = false,
            Some(paragraph) => {
                match blocks.last_mut() {
                    Some(block) if open => {
                        block.push('\n');
                        block.push_str(&paragraph.text);
                    }
                    _ => blocks.push(paragraph.text),
                }
                open = true;
            }
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_joins_the_lines_of_a_paragraph_and_keeps_list_items_apart() {
        let text = "Op 3 juli 2017 heeft de\nRekenkamercommissie het rapport\naangeboden.\n\nkennis te nemen van:\n1. de reactie van\n   het college;\n2. het advies.\n";
        assert_eq!(
            document_paragraphs(text),
            [
                "Op 3 juli 2017 heeft de Rekenkamercommissie het rapport aangeboden.",
                "kennis te nemen van:\n1. de reactie van het college;\n2. het advies.",
            ]
        );
        assert!(document_paragraphs("\n\n").is_empty());
    }
}
