//! Document -> Word file. Only layout: Word's own built-in styles (Title, heading 1, heading 2,
//! List Bullet) so the griffie can finish the korte terugblik in Word or LibreOffice and every
//! heading shows in the navigation pane; A4, 2 cm margins, the proofing language of the document.

use docx_rs::{
    AbstractNumbering, BreakType, Docx, IndentLevel, Level, LevelJc, LevelText, LineSpacing,
    NumberFormat, Numbering, NumberingId, PageMargin, Paragraph, Run, RunFonts, SpecialIndentType,
    Start, Style, StyleType, Tab, TabValueType,
};

use super::document::{Block, Document, Section};

#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("cannot write the Word file: {0}")]
    Write(#[from] docx_rs::DocxError),
}

/// Twentieths of a point ("twips"), Word's unit for lengths: 567 to the centimetre.
const CM: i32 = 567;
const A4_WIDTH: u32 = 11_906;
const A4_HEIGHT: u32 = 16_838;
/// Where the value of a header field starts, the seed's "Vergadering d.d.   20 november 2017".
const FIELD_VALUE_AT: i32 = 4 * CM + CM / 2;
/// One bulleted list definition serves every list: bullets need no restart. Not 1: docx-rs
/// always writes a decimal list of its own as abstract numbering and numbering 1.
const BULLETS: usize = 2;

const TITLE: &str = "Title";
const HEADING_1: &str = "Heading1";
const HEADING_2: &str = "Heading2";
const LIST_BULLET: &str = "ListBullet";
const FIELD: &str = "Field";

/// The Word file (the bytes of a .docx) for `document`.
pub fn docx(document: &Document) -> Result<Vec<u8>, DocxError> {
    let mut file = Docx::new()
        .page_size(A4_WIDTH, A4_HEIGHT)
        .page_margin(
            PageMargin::new()
                .top(2 * CM)
                .bottom(2 * CM)
                .left(2 * CM)
                .right(2 * CM)
                .header(CM)
                .footer(CM),
        )
        .default_fonts(
            RunFonts::new()
                .ascii("Calibri")
                .hi_ansi("Calibri")
                .cs("Calibri"),
        )
        .default_size(22)
        .default_line_spacing(LineSpacing::new().after(120))
        .add_abstract_numbering(bullets())
        .add_numbering(Numbering::new(BULLETS, BULLETS));
    for style in styles() {
        file = file.add_style(style);
    }

    file = file.add_paragraph(styled(TITLE, &document.title));
    if let Some(notice) = &document.notice {
        file = file.add_paragraph(Paragraph::new().add_run(Run::new().add_text(notice).bold()));
    }
    for (label, value) in &document.fields {
        file = file.add_paragraph(field(label, value));
    }
    for (index, section) in document.sections.iter().enumerate() {
        for paragraph in section_paragraphs(section, index > 0 && section.new_page) {
            file = file.add_paragraph(paragraph);
        }
    }

    let mut parts = file.build();
    parts.styles = with_language(parts.styles, word_language(document.lang));
    parts.doc_props.core = core_properties(document);
    let mut bytes = std::io::Cursor::new(Vec::new());
    parts.pack(&mut bytes).map_err(docx_rs::DocxError::from)?;
    Ok(bytes.into_inner())
}

fn section_paragraphs(section: &Section, page_break_before: bool) -> Vec<Paragraph> {
    let mut paragraphs =
        vec![styled(HEADING_1, &section.heading).page_break_before(page_break_before)];
    for block in &section.blocks {
        match block {
            Block::Paragraph(text) => paragraphs.push(with_line_breaks(Paragraph::new(), text)),
            Block::Subheading(text) => paragraphs.push(styled(HEADING_2, text)),
            Block::List(items) => paragraphs.extend(items.iter().map(|item| {
                with_line_breaks(Paragraph::new().style(LIST_BULLET), item)
                    .numbering(NumberingId::new(BULLETS), IndentLevel::new(0))
            })),
            Block::Fields(fields) => {
                paragraphs.extend(fields.iter().map(|(label, value)| field(label, value)))
            }
        }
    }
    paragraphs
}

fn styled(style: &str, text: &str) -> Paragraph {
    with_line_breaks(Paragraph::new().style(style), text)
}

/// "Label<TAB>Value" on the field style's tab stop; a long value wraps under itself.
fn field(label: &str, value: &str) -> Paragraph {
    let paragraph = Paragraph::new()
        .style(FIELD)
        .add_run(Run::new().add_text(label).add_tab());
    with_line_breaks(paragraph, value)
}

/// A newline the author typed is a line break inside the paragraph, not a new paragraph.
fn with_line_breaks(mut paragraph: Paragraph, text: &str) -> Paragraph {
    for (index, line) in text.split('\n').enumerate() {
        let mut run = Run::new();
        if index > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        if !line.is_empty() {
            run = run.add_text(line);
        }
        paragraph = paragraph.add_run(run);
    }
    paragraph
}

/// The built-in styles by their built-in ids and names ("heading 1"), so Word and LibreOffice
/// treat them as their own headings rather than as look-alike custom styles.
fn styles() -> Vec<Style> {
    let heading = |id: &str, name: &str, size: usize, level: usize| {
        let mut style = Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .size(size)
            .bold()
            .outline_lvl(level);
        style.paragraph_property = style
            .paragraph_property
            .keep_next(true)
            .keep_lines(true)
            .line_spacing(LineSpacing::new().before(240).after(60));
        style
    };
    let mut title = Style::new(TITLE, StyleType::Paragraph)
        .name("Title")
        .based_on("Normal")
        .next("Normal")
        .size(36)
        .bold();
    title.paragraph_property = title
        .paragraph_property
        .keep_next(true)
        .line_spacing(LineSpacing::new().after(240));
    let mut list = Style::new(LIST_BULLET, StyleType::Paragraph)
        .name("List Bullet")
        .based_on("Normal")
        .indent(
            Some(CM),
            Some(SpecialIndentType::Hanging(CM / 2)),
            None,
            None,
        );
    list.paragraph_property = list
        .paragraph_property
        .line_spacing(LineSpacing::new().after(40));
    let mut field = Style::new(FIELD, StyleType::Paragraph)
        .name("Field")
        .based_on("Normal")
        .indent(
            Some(FIELD_VALUE_AT),
            Some(SpecialIndentType::Hanging(FIELD_VALUE_AT)),
            None,
            None,
        );
    field.paragraph_property = field
        .paragraph_property
        .add_tab(
            Tab::new()
                .val(TabValueType::Left)
                .pos(FIELD_VALUE_AT as usize),
        )
        .line_spacing(LineSpacing::new().after(0));
    vec![
        title,
        heading(HEADING_1, "heading 1", 26, 0),
        heading(HEADING_2, "heading 2", 22, 1),
        list,
        field,
    ]
}

fn bullets() -> AbstractNumbering {
    AbstractNumbering::new(BULLETS).add_level(
        Level::new(
            0,
            Start::new(1),
            NumberFormat::new("bullet"),
            LevelText::new("•"),
            LevelJc::new("left"),
        )
        .indent(
            Some(CM),
            Some(SpecialIndentType::Hanging(CM / 2)),
            None,
            None,
        ),
    )
}

/// Word wants a language tag with a region for proofing: "nl" is Dutch as written in the
/// Netherlands, "en" British English (the council's English is the European one).
fn word_language(lang: &str) -> &str {
    match lang {
        "nl" => "nl-NL",
        "en" => "en-GB",
        other => other,
    }
}

/// The file's core properties (`docProps/core.xml`: what Word shows under File > Info): the
/// title, the author (the clerk, never a made-up "unknown"), the language, and when it was
/// written. docx-rs sets only the dates and writes "unknown" and 1970-01-01 for what it is not
/// given, so the part is written here; an element gavel has no value for is left out.
fn core_properties(document: &Document) -> Vec<u8> {
    let mut xml = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
        r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
        r#"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#
    ));
    let mut element = |name: &str, attributes: &str, value: &str| {
        xml.push_str(&format!("<{name}{attributes}>{}</{name}>", xml_text(value)));
    };
    element("dc:title", "", &document.title);
    if let Some(author) = document.author.as_deref().filter(|a| !a.trim().is_empty()) {
        element("dc:creator", "", author);
        element("cp:lastModifiedBy", "", author);
    }
    if !document.lang.is_empty() {
        element("dc:language", "", word_language(document.lang));
    }
    if let Some(at) = document.written_at {
        let at = at.format("%Y-%m-%dT%H:%M:%SZ").to_string();
        element("dcterms:created", r#" xsi:type="dcterms:W3CDTF""#, &at);
        element("dcterms:modified", r#" xsi:type="dcterms:W3CDTF""#, &at);
    }
    element("cp:revision", "", "1");
    xml.push_str("</cp:coreProperties>");
    xml.into_bytes()
}

/// Text as XML character data: markup escaped, and the characters XML 1.0 does not allow (the
/// loaders refuse them already) left out, so the part is always well-formed.
fn xml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// docx-rs has no proofing language: add `<w:lang>` to the document's default run properties.
/// If a later docx-rs lays the defaults out differently the file stays valid, only without a
/// language, and the test that looks for it fails.
fn with_language(styles: Vec<u8>, lang: &str) -> Vec<u8> {
    let mut xml = match String::from_utf8(styles) {
        Ok(xml) => xml,
        Err(not_text) => return not_text.into_bytes(),
    };
    // Never empty here: the defaults always carry the font and its size.
    if let Some(at) = xml.find("</w:rPr></w:rPrDefault>")
        && !lang.is_empty()
    {
        xml.insert_str(at, &format!(r#"<w:lang w:val="{lang}" />"#));
    }
    xml.into_bytes()
}
