//! A `Document` as Markdown (CommonMark): what a griffie pastes into a RIS or an e-mail.

use super::document::{Block, Document};
// One escaping for every Markdown gavel writes (src/sanitize.rs): the text shows as it is, and
// no line of it can become HTML, a heading, a list, a quote or a code block.
use crate::sanitize::{for_markdown, for_markdown_line};

/// The line that marks a concept, as Markdown writes it: "**Concept: de vergadering ...**".
pub fn draft_line(lang: crate::i18n::Lang) -> String {
    notice_line(crate::i18n::Msg::DocDraft.text(lang))
}

fn notice_line(notice: &str) -> String {
    format!("**{}**", for_markdown_line(notice))
}

pub fn markdown(document: &Document) -> String {
    let mut out = format!("# {}\n", for_markdown_line(&document.title));
    if let Some(notice) = &document.notice {
        out.push_str(&format!("\n{}\n", notice_line(notice)));
    }
    if !document.fields.is_empty() {
        out.push('\n');
        fields(&mut out, &document.fields);
    }
    for section in &document.sections {
        out.push_str(&format!("\n## {}\n", for_markdown_line(&section.heading)));
        for block in &section.blocks {
            out.push('\n');
            match block {
                Block::Paragraph(text) => {
                    out.push_str(&for_markdown(text));
                    out.push('\n');
                }
                Block::Subheading(text) => {
                    out.push_str(&format!("### {}\n", for_markdown_line(text)))
                }
                Block::List(items) => {
                    for item in items {
                        out.push_str(&format!("- {}\n", for_markdown(item).replace('\n', "\n  ")));
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
        .map(|(label, value)| format!("**{}:** {}", for_markdown_line(label), for_markdown(value)))
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
