//! A `Document` as Markdown (CommonMark): what a griffie pastes into a RIS or an e-mail.

use super::document::{Block, Document};

/// Escapes what Markdown would read as markup, so a title with `*` or `<` stays text.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A paragraph's lines: a line break the author meant becomes a hard break (a backslash). A
/// line that begins like a numbered list ("1. Plan") keeps its number as text.
fn paragraph(text: &str) -> String {
    text.lines()
        .map(|line| {
            let escaped = escape(line);
            let digits = escaped.chars().take_while(char::is_ascii_digit).count();
            let mut after = escaped[digits..].chars();
            match (after.next(), after.next()) {
                (Some(mark @ ('.' | ')')), None | Some(' ')) if digits > 0 => {
                    format!("{}\\{mark}{}", &escaped[..digits], &escaped[digits + 1..])
                }
                _ => escaped,
            }
        })
        .collect::<Vec<_>>()
        .join("\\\n")
}

pub fn markdown(document: &Document) -> String {
    let mut out = format!("# {}\n", escape(&document.title));
    if let Some(notice) = &document.notice {
        out.push_str(&format!("\n**{}**\n", escape(notice)));
    }
    if !document.fields.is_empty() {
        out.push('\n');
        fields(&mut out, &document.fields);
    }
    for section in &document.sections {
        out.push_str(&format!("\n## {}\n", escape(&section.heading)));
        for block in &section.blocks {
            out.push('\n');
            match block {
                Block::Paragraph(text) => {
                    out.push_str(&paragraph(text));
                    out.push('\n');
                }
                Block::Subheading(text) => out.push_str(&format!("### {}\n", escape(text))),
                Block::List(items) => {
                    for item in items {
                        out.push_str(&format!("- {}\n", paragraph(item).replace('\n', "\n  ")));
                    }
                }
                Block::Fields(list) => fields(&mut out, list),
            }
        }
    }
    out
}

/// Label and value, one per line: "**Locatie:** Thomas a Kempiszaal".
fn fields(out: &mut String, fields: &[(String, String)]) {
    let lines: Vec<String> = fields
        .iter()
        .map(|(label, value)| format!("**{}:** {}", escape(label), paragraph(value)))
        .collect();
    out.push_str(&lines.join("\\\n"));
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::document::Section;

    #[test]
    fn markup_in_the_text_stays_text() {
        let document = Document {
            title: "Motie *vreemd* <b>".into(),
            sections: vec![Section {
                heading: "3. Punt #1".into(),
                blocks: vec![Block::Paragraph(
                    "kennis te nemen van:\n1. het_rapport".into(),
                )],
                new_page: false,
            }],
            ..Document::default()
        };
        assert_eq!(
            markdown(&document),
            "# Motie \\*vreemd\\* \\<b\\>\n\n## 3. Punt \\#1\n\nkennis te nemen van:\\\n1\\. het\\_rapport\n"
        );
    }
}
