//! A `Document` as one self-contained HTML page: inline CSS, no scripts, nothing fetched, and a
//! print stylesheet (A4, no background colours) so it prints as the griffie's document does.

use super::document::{Block, Document};

const STYLE: &str = "\
body { font-family: Calibri, Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.4;
  max-width: 46em; margin: 2em auto; padding: 0 1em; color: #111; }
h1 { font-size: 1.6em; margin-bottom: 0.4em; }
h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #999; }
h3 { font-size: 1em; margin-bottom: 0.2em; }
.notice { font-weight: bold; border: 2px solid #b00; padding: 0.4em 0.6em; }
table.fields { border-collapse: collapse; }
table.fields th { text-align: left; font-weight: normal; padding: 0 2em 0 0; vertical-align: top; }
table.fields td { padding: 0; }
section.new-page { break-before: page; }
@media print {
  @page { size: A4; margin: 2cm; }
  body { max-width: none; margin: 0; padding: 0; color: #000; background: none; }
  * { background: none !important; }
  h2 { break-after: avoid; }
}
";

/// Escapes text for HTML content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A paragraph's lines, joined by the line breaks the author meant.
fn lines(text: &str) -> String {
    text.lines().map(escape).collect::<Vec<_>>().join("<br>\n")
}

pub fn html(document: &Document) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        escape(document.lang),
        escape(&document.title),
        escape(&document.title),
    );
    if let Some(notice) = &document.notice {
        out.push_str(&format!("<p class=\"notice\">{}</p>\n", escape(notice)));
    }
    fields(&mut out, &document.fields);
    for (index, section) in document.sections.iter().enumerate() {
        let class = if section.new_page && index > 0 {
            " class=\"new-page\""
        } else {
            ""
        };
        out.push_str(&format!(
            "<section{class}>\n<h2>{}</h2>\n",
            escape(&section.heading)
        ));
        for block in &section.blocks {
            match block {
                Block::Paragraph(text) => out.push_str(&format!("<p>{}</p>\n", lines(text))),
                Block::Subheading(text) => out.push_str(&format!("<h3>{}</h3>\n", escape(text))),
                Block::List(items) => {
                    out.push_str("<ul>\n");
                    for item in items {
                        out.push_str(&format!("<li>{}</li>\n", lines(item)));
                    }
                    out.push_str("</ul>\n");
                }
                Block::Fields(list) => fields(&mut out, list),
            }
        }
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn fields(out: &mut String, fields: &[(String, String)]) {
    if fields.is_empty() {
        return;
    }
    out.push_str("<table class=\"fields\">\n");
    for (label, value) in fields {
        out.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n",
            escape(label),
            lines(value)
        ));
    }
    out.push_str("</table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::document::Section;

    #[test]
    fn text_is_escaped_and_line_breaks_kept() {
        let document = Document {
            lang: "nl",
            title: "A & B <script>".into(),
            sections: vec![Section {
                heading: "3. \"Punt\"".into(),
                blocks: vec![Block::Paragraph("regel 1\nregel 2".into())],
                new_page: true,
            }],
            ..Document::default()
        };
        let page = html(&document);
        assert!(page.contains("<h1>A &amp; B &lt;script&gt;</h1>"), "{page}");
        assert!(!page.contains("<script>"));
        assert!(page.contains("<p>regel 1<br>\nregel 2</p>"), "{page}");
        assert!(page.contains("<h2>3. &quot;Punt&quot;</h2>"), "{page}");
        // The first section needs no page break before it.
        assert!(!page.contains("new-page\""));
        assert!(page.contains("<html lang=\"nl\">"));
        assert!(page.contains("@page { size: A4;"));
    }
}
