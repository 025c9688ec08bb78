//! A GemeenteOplossingen (GO) meeting -> `Import`, in the shape Open Raadsinformatie's GO
//! extractor and transformer read (`ocd_backend/extractors/goapi.py`,
//! `transformers/goapi_meeting.py`): `v1/meetings` gives a list of meetings, `v2/meetings`
//! `{"result": {"totalCount", "meetings": [...]}}`, one meeting `{id, date, startTime,
//! description, location, dmu: {id, name}, items: [{id, sortorder, number, title, description,
//! documents: [{id, filename}]}], documents}`.

use serde::Deserialize;

use super::parse::{Import, NoteAt};
use super::source::{
    Doc, Draft, Id, Source, SourceError, add_item, date_time, finish, from_json, meeting_times,
    note, null_default, one_line, plain_text,
};
use crate::i18n::Msg;

#[derive(Deserialize)]
struct V2 {
    result: V2Result,
}

#[derive(Deserialize)]
struct V2Result {
    #[serde(default, deserialize_with = "null_default")]
    meetings: Vec<Meeting>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Meeting {
    id: Option<Id>,
    date: Option<String>,
    start_time: Option<String>,
    end_time: Option<String>,
    description: Option<String>,
    location: Option<String>,
    dmu: Option<Dmu>,
    canceled: Option<bool>,
    #[serde(default, deserialize_with = "null_default")]
    items: Vec<GoItem>,
    #[serde(default, deserialize_with = "null_default")]
    documents: Vec<GoDocument>,
}

#[derive(Deserialize)]
struct Dmu {
    name: Option<String>,
}

#[derive(Deserialize)]
struct GoItem {
    id: Option<Id>,
    sortorder: Option<i64>,
    number: Option<Id>,
    title: Option<String>,
    description: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    documents: Vec<GoDocument>,
}

#[derive(Deserialize)]
struct GoDocument {
    id: Option<Id>,
    filename: Option<String>,
    /// Not in the shape ORI reads; taken when a GO site gives it.
    url: Option<String>,
}

pub fn import(bytes: &[u8]) -> Result<Import, SourceError> {
    #[derive(Deserialize)]
    struct Top {
        result: Option<serde::de::IgnoredAny>,
    }
    let source = Some(Source::Go);
    let text = std::str::from_utf8(bytes)
        .unwrap_or_default()
        .trim_start_matches('\u{feff}');
    let meetings: Vec<Meeting> = if text.trim_start().starts_with('[') {
        from_json(bytes, source)?
    } else if from_json::<Top>(bytes, source)?.result.is_some() {
        from_json::<V2>(bytes, source)?.result.meetings
    } else {
        vec![from_json::<Meeting>(bytes, source)?]
    };
    let mut import = Import::default();
    if meetings.len() > 1 {
        note(
            &mut import,
            NoteAt::Top,
            Msg::NoteMoreMeetings,
            vec![meetings.len().to_string()],
        );
    }
    if let Some(meeting) = meetings.first() {
        build(&mut import, meeting);
    }
    Ok(import)
}

fn build(import: &mut Import, source: &Meeting) {
    // v1 writes the date with its time, v2 the date and `startTime` apart.
    let date = source.date.as_deref().unwrap_or_default();
    let start = if date.contains(':') {
        date_time(date)
    } else {
        let time = source.start_time.as_deref().unwrap_or("00:00");
        date_time(&format!("{date}T{}", time.trim()))
    };
    let end = source
        .end_time
        .as_deref()
        .and_then(|t| date_time(&format!("{}T{}", date.get(..10).unwrap_or(date), t.trim())));
    meeting_times(import, start, end);
    let committee = source
        .dmu
        .as_ref()
        .and_then(|d| d.name.as_deref())
        .map(one_line);
    import.meeting.title = source
        .description
        .as_deref()
        .map(one_line)
        .filter(|d| !d.is_empty())
        .or_else(|| committee.clone())
        .unwrap_or_default();
    import.meeting.body = committee.filter(|c| !c.is_empty());
    import.meeting.location = source
        .location
        .as_deref()
        .map(one_line)
        .filter(|l| !l.is_empty());
    let id = source.id.as_ref().map_or_else(|| "-".into(), Id::to_string);
    note(import, NoteAt::Top, Msg::NoteGoId, vec![id.clone()]);
    if source.canceled == Some(true) {
        note(import, NoteAt::Top, Msg::NoteCanceled, Vec::new());
    }
    for document in &source.documents {
        let (title, url) = document_parts(document, &id);
        note(
            import,
            NoteAt::Top,
            Msg::NoteMeetingDocument,
            vec![title, "-".into()],
        );
        match url {
            Ok(url) => {
                let (why, args) = super::source::address_note(&url, None);
                note(import, NoteAt::Top, why, args);
            }
            Err(path) => note(import, NoteAt::Top, Msg::NoteGoDocument, vec![path]),
        }
    }
    // In `sortorder`; an item without one is no part of the agenda (as ORI reads GO).
    let mut items: Vec<&GoItem> = Vec::new();
    for item in &source.items {
        if item.sortorder.is_some_and(|s| s != 0) {
            items.push(item);
        } else {
            let id = item.id.as_ref().map_or_else(|| "-".into(), Id::to_string);
            let title = item.title.as_deref().map(one_line).unwrap_or_default();
            note(import, NoteAt::Top, Msg::NoteUnorderedGo, vec![id, title]);
        }
    }
    items.sort_by_key(|item| item.sortorder);
    for item in items {
        let mut draft = Draft {
            number: item.number.as_ref().map(Id::to_string).unwrap_or_default(),
            title: item.title.clone().unwrap_or_default(),
            summary: item.description.as_deref().map(plain_text),
            ..Draft::default()
        };
        draft.number = draft.number.trim_end_matches('.').to_string();
        for document in &item.documents {
            let (title, url) = document_parts(document, &id);
            match url {
                Ok(url) => draft.documents.push(Doc {
                    title,
                    url: Some(url),
                    ..Doc::default()
                }),
                Err(path) => {
                    let a = draft.documents.len();
                    draft.documents.push(Doc {
                        title,
                        ..Doc::default()
                    });
                    draft
                        .notes
                        .push((Msg::NoteGoDocumentOf, vec![(a + 1).to_string(), path]));
                }
            }
        }
        add_item(import, draft);
    }
    finish(import);
}

/// A document's title (its file name) and its address, or the path on the council's GO site
/// when the file gives no address.
fn document_parts(document: &GoDocument, meeting: &str) -> (String, Result<String, String>) {
    let id = document
        .id
        .as_ref()
        .map_or_else(|| "-".into(), Id::to_string);
    let title = document
        .filename
        .as_deref()
        .map(one_line)
        .filter(|f| !f.is_empty())
        .unwrap_or_else(|| format!("document {id}"));
    let url = match &document.url {
        Some(url) => Ok(url.clone()),
        None => Err(format!("…/meetings/{meeting}/documents/{id}")),
    };
    (title, url)
}
