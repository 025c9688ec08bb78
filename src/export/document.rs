//! One document model for every written output: the korte terugblik and the chair's run sheet are
//! built once as a `Document` (pure: meeting + minutes + catalogue in, document out) and every
//! format (Markdown, HTML, Word) only lays it out. A renderer never decides what is said.

/// A document: a title, an optional notice (a draft that is not final), a block of header
/// fields ("Locatie: Thomas a Kempiszaal") and one section per agenda item.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    /// The document's language, for `lang` attributes and Word's proofing language.
    pub lang: &'static str,
    pub title: String,
    /// Shown prominently under the title: "Concept: de vergadering is nog niet gesloten."
    pub notice: Option<String>,
    /// Label and value, in order: "Vergadering d.d." / "20 november 2017".
    pub fields: Vec<(String, String)>,
    pub sections: Vec<Section>,
    /// Who wrote it, for the file's properties: the clerk the meeting file names; else nobody.
    pub author: Option<String>,
    /// When the file was written, for its properties; set by the command that writes it (the
    /// model itself is pure), `None` leaves the dates out.
    pub written_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// One agenda item: its heading ("3. Rekenkameronderzoek Inclusief Beleid (19.35 – 21.00 uur)")
/// and what is said under it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Section {
    pub heading: String,
    pub blocks: Vec<Block>,
    /// Printed on a page of its own (the run sheet: one page per item).
    pub new_page: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Running text; a single newline inside is a line break the author meant (a numbered
    /// decision), blank lines are not used: two paragraphs are two blocks.
    Paragraph(String),
    /// A heading inside a section ("Toezeggingen").
    Subheading(String),
    /// A bulleted list.
    List(Vec<String>),
    /// Label and value pairs ("Portefeuillehouder" / "Nelleke Vedelaar").
    Fields(Vec<(String, String)>),
}
