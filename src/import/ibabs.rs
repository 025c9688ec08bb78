//! An iBabs meeting -> `Import`: the response of iBabs's public SOAP service
//! `GetMeetingsByDateRange` saved as XML (`s:Envelope/s:Body/GetMeetingsByDateRangeResponse/
//! GetMeetingsByDateRangeResult/Meetings/iBabsMeeting`), read by quick-xml's serde support into
//! typed structs. quick-xml matches elements by their local name (the `a:` prefix of the WCF
//! data contract does not matter), reads no DTD and expands no entity but XML's own five.
//! The fields are those Open Raadsinformatie's iBabs extractor reads (`ocd_backend/utils/
//! ibabs.py`): `MeetingDate`, `StartTime`, `EndTime`, `Location`, `Chairman`, `Explanation`,
//! `MeetingItems/iBabsMeetingItem` with `Features` (the number), `Title`, `Explanation`,
//! `Confidential` and `Documents/iBabsDocument` (`DisplayName`, `FileName`, `PublicDownloadURL`).

use serde::Deserialize;

use super::parse::{Import, NoteAt};
use super::source::{
    Doc, Draft, Source, SourceError, add_item, date_time, finish, guess, meeting_times, note,
    one_line, plain_text,
};
use crate::i18n::{Lang, Msg};

#[derive(Deserialize)]
struct Envelope {
    #[serde(rename = "Body")]
    body: Body,
}

#[derive(Deserialize)]
struct Body {
    #[serde(rename = "GetMeetingsByDateRangeResponse")]
    response: Response,
}

#[derive(Deserialize)]
struct Response {
    #[serde(rename = "GetMeetingsByDateRangeResult")]
    result: ResultSet,
}

#[derive(Deserialize)]
struct ResultSet {
    #[serde(rename = "Meetings", default)]
    meetings: Option<Meetings>,
    #[serde(rename = "Message", default)]
    message: Option<String>,
}

#[derive(Deserialize)]
struct Meetings {
    #[serde(rename = "iBabsMeeting", default)]
    meetings: Vec<Meeting>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Meeting {
    id: Option<String>,
    meetingtype_id: Option<String>,
    /// Not in the SOAP response (GetMeetingtypes names the types); ORI's extractor adds it.
    meetingtype: Option<String>,
    meeting_date: Option<String>,
    start_time: Option<String>,
    end_time: Option<String>,
    location: Option<String>,
    chairman: Option<String>,
    explanation: Option<String>,
    meeting_items: Option<MeetingItems>,
    documents: Option<Documents>,
}

#[derive(Deserialize)]
struct MeetingItems {
    #[serde(rename = "iBabsMeetingItem", default)]
    items: Vec<MeetingItem>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct MeetingItem {
    features: Option<String>,
    title: Option<String>,
    explanation: Option<String>,
    confidential: Option<String>,
    documents: Option<Documents>,
}

#[derive(Deserialize)]
struct Documents {
    #[serde(rename = "iBabsDocument", default)]
    documents: Vec<Document>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Document {
    display_name: Option<String>,
    file_name: Option<String>,
    #[serde(rename = "PublicDownloadURL")]
    public_download_url: Option<String>,
    file_size: Option<String>,
}

pub fn import(bytes: &[u8]) -> Result<Import, SourceError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|error| shape(bytes, error.valid_up_to(), "not UTF-8".into()))?;
    well_formed(text)?;
    let mut deserializer = quick_xml::de::Deserializer::from_str(text);
    let envelope = Envelope::deserialize(&mut deserializer).map_err(|error| {
        // Where the reader stood when the shape went wrong.
        let at = deserializer.get_ref().get_ref().buffer_position() as usize;
        shape(bytes, at, error.to_string())
    })?;
    let mut import = Import::default();
    let result = envelope.body.response.result;
    let meetings = result.meetings.map(|m| m.meetings).unwrap_or_default();
    if meetings.is_empty()
        && let Some(message) = result
            .message
            .as_deref()
            .map(one_line)
            .filter(|m| !m.is_empty())
    {
        note(
            &mut import,
            NoteAt::Top,
            Msg::NoteAttribute,
            vec!["Message".into(), message],
        );
    }
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

/// The deepest nesting read: a SOAP response of one meeting is about ten levels deep.
const MAX_DEPTH: usize = 128;

/// A first pass over the XML's events: where it is not well-formed or nested deeper than
/// `MAX_DEPTH`, said with its line and column (the serde pass knows no place).
fn well_formed(text: &str) -> Result<(), SourceError> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    let mut depth = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Start(_)) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    let (line, column) = place(text.as_bytes(), reader.buffer_position() as usize);
                    return Err(SourceError::TooDeep {
                        source: Some(Source::Ibabs),
                        line,
                        column,
                    });
                }
            }
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::Eof) => return Ok(()),
            Ok(_) => {}
            Err(error) => {
                return Err(shape(
                    text.as_bytes(),
                    reader.error_position() as usize,
                    error.to_string(),
                ));
            }
        }
    }
}

/// Line and column (1-based) of byte `at`.
fn place(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
    (line, column)
}

/// The error at byte `at`, as line and column.
fn shape(bytes: &[u8], at: usize, what: String) -> SourceError {
    let (line, column) = place(bytes, at);
    SourceError::Shape {
        source: Some(Source::Ibabs),
        line,
        column,
        what,
    }
}

fn build(import: &mut Import, source: &Meeting) {
    let date = source.meeting_date.as_deref().unwrap_or_default().trim();
    let day = date.get(..10).unwrap_or(date);
    let at = |time: Option<&str>| {
        time.map(str::trim)
            .filter(|t| !t.is_empty())
            .and_then(|t| date_time(&format!("{day}T{}", t.get(..5).unwrap_or(t))))
    };
    let start = at(source.start_time.as_deref()).or_else(|| date_time(date));
    meeting_times(import, start, at(source.end_time.as_deref()));
    import.meeting.location = source
        .location
        .as_deref()
        .map(one_line)
        .filter(|l| !l.is_empty());
    import.meeting.chair = source
        .chairman
        .as_deref()
        .map(one_line)
        .filter(|c| !c.is_empty());
    import.meeting.title = source
        .meetingtype
        .as_deref()
        .map(one_line)
        .unwrap_or_default();
    if import.meeting.title.is_empty() && import.meeting.date != chrono::NaiveDate::default() {
        import.meeting.title = format!(
            "{} {}",
            Msg::ImportMeetingOf.text(Lang::Nl),
            import.meeting.date.format("%d-%m-%Y")
        );
        guess(import, None, "title", Msg::GuessTitleFromDate, Vec::new());
    }
    let id = source
        .id
        .as_deref()
        .map(one_line)
        .unwrap_or_else(|| "-".into());
    let kind = source
        .meetingtype_id
        .as_deref()
        .map(one_line)
        .unwrap_or_else(|| "-".into());
    note(import, NoteAt::Top, Msg::NoteIbabsIds, vec![id, kind]);
    if let Some(text) = source
        .explanation
        .as_deref()
        .map(plain_text)
        .filter(|t| !t.is_empty())
    {
        note(import, NoteAt::Top, Msg::NoteDescription, vec![text]);
    }
    for document in source.documents.iter().flat_map(|d| &d.documents) {
        let title = title_of(document);
        note(
            import,
            NoteAt::Top,
            Msg::NoteMeetingDocument,
            vec![title, "-".into()],
        );
        if let Some(url) = &document.public_download_url {
            let (why, args) = super::source::address_note(url, document.file_name.as_deref());
            note(import, NoteAt::Top, why, args);
        }
    }
    // iBabs lists the items in their agenda order; `Features` holds the number ("1", "1A").
    for item in source.meeting_items.iter().flat_map(|m| &m.items) {
        let mut draft = Draft {
            number: item
                .features
                .clone()
                .unwrap_or_default()
                .trim()
                .trim_end_matches('.')
                .to_string(),
            title: item.title.clone().unwrap_or_default(),
            summary: item.explanation.clone(),
            ..Draft::default()
        };
        if item.confidential.as_deref().map(str::trim) == Some("true") {
            draft.notes.push((Msg::NoteBesloten, Vec::new()));
        }
        for document in item.documents.iter().flat_map(|d| &d.documents) {
            draft.documents.push(Doc {
                title: title_of(document),
                kind: None,
                url: document.public_download_url.clone(),
                file_name: document.file_name.clone(),
                size: document
                    .file_size
                    .as_deref()
                    .and_then(|s| s.trim().parse().ok()),
            });
        }
        add_item(import, draft);
    }
    finish(import);
}

fn title_of(document: &Document) -> String {
    document
        .display_name
        .as_deref()
        .or(document.file_name.as_deref())
        .map(one_line)
        .unwrap_or_default()
}
