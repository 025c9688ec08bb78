//! A NotuBiz meeting as its API gives it (`/events/meetings/{id}?format=json&version=1.17.0`,
//! wrapped in `{"meeting": ...}`, or unwrapped as Open Raadsinformatie records it) -> `Import`.
//! Numbers from `type_data.title_prefix`, headings as section comments, timeslots from the
//! items' `start_date`/`end_date`, documents as attachments (title, type) with their address as a
//! comment; what FORMAT.md cannot hold is kept as comments.

use std::collections::HashSet;

use chrono::NaiveTime;
use serde::Deserialize;

use super::parse::{Guess, Import, NoteAt};
use super::source::{
    Id, Source, SourceError, attachment_kind_from_title, clean_line, date_time, document_url,
    from_json, kind_from_title, note, null_default, one_line, plain_text, unique_numbers,
};
use crate::domain::meeting::{Attachment, Item};
use crate::i18n::Msg;

#[derive(Deserialize)]
struct Wrapped {
    meeting: Meeting,
}

#[derive(Deserialize)]
struct Meeting {
    id: Option<Id>,
    #[serde(default, deserialize_with = "null_default")]
    plannings: Vec<Planning>,
    #[serde(default, deserialize_with = "null_default")]
    attributes: Attributes,
    #[serde(default, deserialize_with = "null_default")]
    agenda_items: Vec<AgendaItem>,
    #[serde(default, deserialize_with = "null_default")]
    documents: Vec<Document>,
    organisation: Option<Link>,
    gremium: Option<Link>,
    url: Option<String>,
    #[serde(default)]
    canceled: Option<bool>,
}

#[derive(Deserialize)]
struct Planning {
    start_date: Option<String>,
    end_date: Option<String>,
}

#[derive(Deserialize)]
struct Link {
    id: Option<Id>,
}

/// The meeting's attributes: the API's list of `{id, value}` (id 1 the title), or the map by
/// label (`Titel`, `Locatie`, ...) that Open Raadsinformatie's extractor makes of it.
#[derive(Deserialize, Default)]
#[serde(untagged)]
enum Attributes {
    #[default]
    None,
    List(Vec<Attribute>),
    Labelled(serde_json::Map<String, serde_json::Value>),
}

#[derive(Deserialize)]
struct Attribute {
    id: Option<Id>,
    label: Option<String>,
    value: Option<serde_json::Value>,
}

impl Attribute {
    fn text(&self) -> Option<String> {
        value_text(self.value.as_ref()?)
    }
}

fn value_text(value: &serde_json::Value) -> Option<String> {
    let text = match value {
        serde_json::Value::String(text) => text.clone(),
        serde_json::Value::Number(n) => n.to_string(),
        _ => return None,
    };
    (!text.trim().is_empty()).then_some(text)
}

#[derive(Deserialize)]
struct AgendaItem {
    id: Option<Id>,
    order: Option<i64>,
    parent: Option<Link>,
    #[serde(rename = "type")]
    kind: Option<String>,
    type_data: Option<TypeData>,
    #[serde(default, deserialize_with = "null_default")]
    agenda_items: Vec<AgendaItem>,
    #[serde(default, deserialize_with = "null_default")]
    documents: Vec<Document>,
    start_date: Option<String>,
    end_date: Option<String>,
}

#[derive(Deserialize)]
struct TypeData {
    title_prefix: Option<String>,
    #[serde(default)]
    heading: Option<bool>,
    #[serde(default, deserialize_with = "null_default")]
    attributes: Vec<Attribute>,
}

#[derive(Deserialize)]
struct Document {
    id: Option<Id>,
    title: Option<String>,
    url: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    types: Vec<DocumentType>,
    #[serde(default, deserialize_with = "null_default")]
    versions: Vec<Version>,
    version: Option<i64>,
}

#[derive(Deserialize)]
struct DocumentType {
    value: Option<String>,
}

#[derive(Deserialize)]
struct Version {
    id: Option<i64>,
    file_name: Option<String>,
    file_size: Option<u64>,
}

/// The meeting in `bytes`, wrapped or not.
pub fn import(bytes: &[u8]) -> Result<Import, SourceError> {
    // The API wraps the meeting in `{"meeting": ...}`; Open Raadsinformatie's recording does not.
    #[derive(Deserialize)]
    struct Top {
        meeting: Option<serde::de::IgnoredAny>,
    }
    let wrapped = serde_json::from_slice::<Top>(bytes).is_ok_and(|top| top.meeting.is_some());
    let meeting = if wrapped {
        from_json::<Wrapped>(bytes, Some(Source::Notubiz))?.meeting
    } else {
        from_json::<Meeting>(bytes, Some(Source::Notubiz))?
    };
    Ok(build(&meeting))
}

fn build(source: &Meeting) -> Import {
    let mut import = Import::default();
    let meeting = &mut import.meeting;
    let labelled = |label: &str, id: i64| -> Option<String> {
        match &source.attributes {
            Attributes::None => None,
            Attributes::Labelled(map) => map.get(label).and_then(value_text),
            Attributes::List(list) => list
                .iter()
                .find(|a| {
                    a.label
                        .as_deref()
                        .is_some_and(|l| l.eq_ignore_ascii_case(label))
                        || (a.label.is_none() && a.id == Some(Id::Number(id)))
                })
                .and_then(Attribute::text),
        }
    };
    meeting.title = labelled("Titel", 1)
        .map(|t| one_line(&t))
        .unwrap_or_default();
    let planning = source.plannings.first();
    let start = planning
        .and_then(|p| p.start_date.as_deref())
        .and_then(date_time);
    if let Some(start) = start {
        meeting.date = start.date();
        meeting.start = Some(start.time()).filter(|t| *t != NaiveTime::MIN);
    }
    let end = planning
        .and_then(|p| p.end_date.as_deref())
        .and_then(date_time);
    meeting.end = end
        .filter(|end| Some(end.date()) == start.map(|s| s.date()))
        .map(|e| e.time());
    meeting.location = labelled("Locatie", -1).map(|t| one_line(&t));
    meeting.chair = labelled("Voorzitter", -1).map(|t| one_line(&t));
    meeting.clerk = labelled("Griffier", -1).map(|t| one_line(&t));
    if meeting.title.is_empty()
        && let Some(date) = start
    {
        meeting.title = format!(
            "{} {}",
            Msg::ImportMeetingOf.text(crate::i18n::Lang::Nl),
            date.date().format("%d-%m-%Y")
        );
        import.guesses.push(Guess {
            item: None,
            field: "title".into(),
            why: Msg::GuessTitleFromDate,
            args: Vec::new(),
        });
    }
    let ids = |link: &Option<Link>| {
        link.as_ref()
            .and_then(|l| l.id.clone())
            .map_or_else(|| "-".into(), |id| id.to_string())
    };
    note(
        &mut import,
        NoteAt::Top,
        Msg::NoteNotubizIds,
        vec![
            source.id.as_ref().map_or_else(|| "-".into(), Id::to_string),
            ids(&source.organisation),
            ids(&source.gremium),
        ],
    );
    if let Some(url) = source.url.as_deref().and_then(|u| document_url(u).ok()) {
        note(&mut import, NoteAt::Top, Msg::NotePublishedAt, vec![url]);
    }
    if source.canceled == Some(true) {
        note(&mut import, NoteAt::Top, Msg::NoteCanceled, Vec::new());
    }
    if let Some(description) = labelled("Omschrijving", 3) {
        let text = plain_text(&description);
        if !text.is_empty() {
            note(&mut import, NoteAt::Top, Msg::NoteDescription, vec![text]);
        }
    }
    for document in &source.documents {
        let (title, kind, address) = document_parts(document);
        note(
            &mut import,
            NoteAt::Top,
            Msg::NoteMeetingDocument,
            vec![title, kind.unwrap_or_else(|| "-".into())],
        );
        address.note(&mut import, NoteAt::Top);
    }
    // Every id in the meeting, so that a parent pointing nowhere is said.
    let mut known = HashSet::new();
    collect_ids(&source.agenda_items, &mut known);
    let mut pending_headings: Vec<String> = Vec::new();
    walk(
        &source.agenda_items,
        &known,
        &mut import,
        &mut pending_headings,
    );
    // Headings after the last item: said at the end of the last item.
    if let Some(last) = import.meeting.items.len().checked_sub(1) {
        for heading in pending_headings {
            note(
                &mut import,
                NoteAt::Item(last),
                Msg::NoteSectionAfter,
                vec![heading],
            );
        }
    }
    unique_numbers(&mut import);
    kind_from_title(&mut import);
    import.texts = import
        .meeting
        .items
        .iter()
        .map(|i| vec![None; i.attachments.len()])
        .collect();
    location_and_times_from_headings(&mut import);
    import
}

fn collect_ids(items: &[AgendaItem], known: &mut HashSet<Id>) {
    for item in items {
        if let Some(id) = &item.id {
            known.insert(id.clone());
        }
        collect_ids(&item.agenda_items, known);
    }
}

/// The items in their `order` (NotuBiz lists them as stored, not as on the agenda), children
/// after their parent; an item without an order is no part of the agenda and said at the top.
fn walk(
    items: &[AgendaItem],
    known: &HashSet<Id>,
    import: &mut Import,
    headings: &mut Vec<String>,
) {
    let mut ordered: Vec<&AgendaItem> = Vec::new();
    for item in items {
        if item.order.is_some() {
            ordered.push(item);
        } else {
            let (number, title) = number_and_title(item);
            let id = item.id.as_ref().map_or_else(|| "-".into(), Id::to_string);
            let what = if number.is_empty() {
                title
            } else {
                format!("{number} {title}")
            };
            note(import, NoteAt::Top, Msg::NoteUnordered, vec![id, what]);
        }
    }
    ordered.sort_by_key(|item| item.order);
    for item in ordered {
        let (number, title) = number_and_title(item);
        let heading = item.type_data.as_ref().and_then(|t| t.heading) == Some(true)
            || item.kind.as_deref() == Some("label");
        if heading {
            if !title.is_empty() {
                headings.push(title);
            }
            walk(&item.agenda_items, known, import, headings);
            continue;
        }
        let n = import.meeting.items.len();
        let mut entry = Item {
            number: number.clone(),
            title: title.clone(),
            ..Item::default()
        };
        let (_, stripped) = clean_line(&raw_title(item).unwrap_or_default());
        if entry.title.is_empty() {
            entry.title = Msg::ImportNoTitle.text(crate::i18n::Lang::Nl).into();
            import.guesses.push(Guess {
                item: Some(n),
                field: "title".into(),
                why: Msg::GuessNoTitle,
                args: Vec::new(),
            });
        }
        if entry.number.is_empty() {
            entry.number = format!("({})", n + 1);
            import.guesses.push(Guess {
                item: Some(n),
                field: "number".into(),
                why: Msg::GuessNoNumber,
                args: Vec::new(),
            });
        }
        entry.slot = super::source::slot(
            import,
            item.start_date.as_deref().and_then(date_time),
            item.end_date.as_deref().and_then(date_time),
        );
        for document in &item.documents {
            let (title, kind, _) = document_parts(document);
            entry.attachments.push(Attachment {
                title,
                kind,
                file: None,
            });
        }
        import.meeting.items.push(entry);
        for heading in headings.drain(..) {
            note(
                import,
                NoteAt::BeforeItem(n),
                Msg::NoteSection,
                vec![heading],
            );
        }
        if stripped {
            note(
                import,
                NoteAt::Item(n),
                Msg::NoteControlStripped,
                Vec::new(),
            );
        }
        if let Some(parent) = item.parent.as_ref().and_then(|p| p.id.clone())
            && !known.contains(&parent)
        {
            note(
                import,
                NoteAt::Item(n),
                Msg::NoteParentMissing,
                vec![parent.to_string()],
            );
        }
        for (a, document) in item.documents.iter().enumerate() {
            let (_, _, address) = document_parts(document);
            address.note(import, NoteAt::Attachment(n, a));
            if let Some(url) = &document.url {
                let version = version_of(document);
                super::source::remote(
                    import,
                    n,
                    a,
                    url,
                    version.and_then(|v| v.file_name.as_deref()),
                    version.and_then(|v| v.file_size),
                );
            }
        }
        for attribute in item
            .type_data
            .iter()
            .flat_map(|t| t.attributes.iter().skip(1))
        {
            if let Some(text) = attribute.text() {
                let label = attribute.label.clone().unwrap_or_else(|| {
                    attribute
                        .id
                        .as_ref()
                        .map_or_else(|| "-".into(), Id::to_string)
                });
                note(
                    import,
                    NoteAt::Item(n),
                    Msg::NoteAttribute,
                    vec![one_line(&label), plain_text(&text)],
                );
            }
        }
        // Children of an item (sub-items "3.a", "3.b") follow it as items of their own.
        walk(&item.agenda_items, known, import, headings);
    }
}

/// The item's title as NotuBiz has it: the attribute labelled `Titel`, else id 1, else the first.
fn raw_title(item: &AgendaItem) -> Option<String> {
    let attributes = &item.type_data.as_ref()?.attributes;
    attributes
        .iter()
        .find(|a| {
            a.label
                .as_deref()
                .is_some_and(|l| l.eq_ignore_ascii_case("titel"))
        })
        .or_else(|| attributes.iter().find(|a| a.id == Some(Id::Number(1))))
        .or_else(|| attributes.first())
        .and_then(Attribute::text)
}

/// `title_prefix` without its closing dot ("3." is item "3"), and the title on one line.
fn number_and_title(item: &AgendaItem) -> (String, String) {
    let prefix = item
        .type_data
        .as_ref()
        .and_then(|t| t.title_prefix.as_deref())
        .unwrap_or_default();
    let number = one_line(prefix)
        .trim_end_matches(['.', ':', ')'])
        .trim()
        .to_string();
    let title = raw_title(item).map(|t| one_line(&t)).unwrap_or_default();
    (number, title)
}

/// The version `version` names, else the last.
fn version_of(document: &Document) -> Option<&Version> {
    document
        .versions
        .iter()
        .find(|v| v.id.is_some() && v.id == document.version)
        .or_else(|| document.versions.last())
}

/// A document's address as the meeting file's comment gives it.
enum Address {
    /// The URL (and the file name of its version).
    Kept(String),
    /// Why not, and the URL as the source has it (on one line).
    Refused(Msg, String),
    None,
}

impl Address {
    /// The comment beside the attachment (or the meeting).
    fn note(self, import: &mut Import, at: NoteAt) {
        match self {
            Address::Kept(url) => note(import, at, Msg::NoteDocument, vec![url]),
            Address::Refused(why, url) => note(import, at, why, vec![url]),
            Address::None => {}
        }
    }
}

/// The title, its kind (the document type in lower case, else from the title) and its address or
/// why the address was refused.
fn document_parts(document: &Document) -> (String, Option<String>, Address) {
    let version = version_of(document);
    let file_name = version.and_then(|v| v.file_name.as_deref()).map(one_line);
    let title = document
        .title
        .as_deref()
        .map(one_line)
        .filter(|t| !t.is_empty())
        .or_else(|| file_name.clone())
        .unwrap_or_else(|| {
            format!(
                "document {}",
                document
                    .id
                    .as_ref()
                    .map_or_else(|| "-".into(), Id::to_string)
            )
        });
    let kind = document
        .types
        .iter()
        .find_map(|t| t.value.as_deref().map(one_line).filter(|v| !v.is_empty()))
        .map(|v| v.to_lowercase())
        // "Document" is NotuBiz's type for a document of no type.
        .filter(|v| v != "document")
        .or_else(|| attachment_kind_from_title(&title));
    let address = match document.url.as_deref().map(document_url) {
        Some(Ok(url)) => Address::Kept(match file_name {
            Some(name) => format!("{url} ({name})"),
            None => url,
        }),
        Some(Err(why)) => Address::Refused(
            why.words(),
            one_line(document.url.as_deref().unwrap_or_default()),
        ),
        None => Address::None,
    };
    (title, kind, address)
}

/// Councils put the room and the hours in headings ("LOCATIE: De Raadszaal", "TIJD: 13.30 uur
/// tot 17.00 uur") when the meeting's attributes leave them empty: taken as guesses.
fn location_and_times_from_headings(import: &mut Import) {
    let location =
        regex::Regex::new(r"(?i)^\s*(?:locatie|plaats)\s*:\s*(?P<value>.+?)\s*$").expect("pattern");
    let times = regex::Regex::new(
        r"(?i)^\s*(?:tijd|aanvang)\s*:\s*(?P<start>\d{1,2}[.:]\d{2})(?:\s*uur)?(?:\s*(?:tot|-|–)\s*(?P<end>\d{1,2}[.:]\d{2}))?",
    )
    .expect("pattern");
    let headings: Vec<String> = import
        .notes
        .iter()
        .filter(|n| n.why == Msg::NoteSection)
        .filter_map(|n| n.args.first().cloned())
        .collect();
    for heading in headings {
        if import.meeting.location.is_none()
            && let Some(found) = location.captures(&heading)
        {
            import.meeting.location = Some(found["value"].to_string());
            import.guesses.push(Guess {
                item: None,
                field: "location".into(),
                why: Msg::GuessFromHeading,
                args: vec![heading.clone()],
            });
        }
        if let Some(found) = times.captures(&heading) {
            let clock =
                |text: &str| crate::domain::meeting::parse_clock_time(&text.replace('.', ":"));
            if import.meeting.start.is_none()
                && let Some(start) = clock(&found["start"])
            {
                import.meeting.start = Some(start);
            }
            if import.meeting.end.is_none()
                && let Some(end) = found.name("end").and_then(|e| clock(e.as_str()))
            {
                import.meeting.end = Some(end);
                import.guesses.push(Guess {
                    item: None,
                    field: "end".into(),
                    why: Msg::GuessFromHeading,
                    args: vec![heading.clone()],
                });
            }
        }
    }
}
