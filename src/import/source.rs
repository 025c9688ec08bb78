//! The RIS suppliers' open data (NotuBiz, Open Raadsinformatie, VNG ODS, GO, iBabs): recognised by
//! content, each read by a small module of typed serde structs (`notubiz.rs`, ...) into the same
//! `Import` the agenda pack gives. What every supplier shares lives here: the size cap, the JSON
//! error with its line and column, text cleaning and the document URL policy.

use std::path::Path;

use serde::Deserialize;

use chrono::{NaiveDateTime, NaiveTime};

use super::parse::{Guess, Import, Note, NoteAt};
use crate::domain::meeting::{Attachment, Item, ItemKind, Slot};
use crate::i18n::{Lang, Msg};

/// Which supplier's shape a file has (`--from` names one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Source {
    Notubiz,
    Ibabs,
    Go,
    Ori,
    Ods,
}

impl Source {
    /// The name in messages and in the meeting file's first comment.
    pub fn name(self) -> &'static str {
        match self {
            Source::Notubiz => "NotuBiz JSON",
            Source::Ibabs => "iBabs SOAP XML",
            Source::Go => "GemeenteOplossingen JSON",
            Source::Ori => "Open Raadsinformatie JSON-LD",
            Source::Ods => "VNG ODS 2.0 JSON",
        }
    }

    /// Where the supplier publishes one meeting, for the message that says what would be right.
    pub fn published_as(self) -> &'static str {
        match self {
            Source::Notubiz => {
                "https://api.notubiz.nl/events/meetings/ID?format=json&version=1.17.0"
            }
            Source::Ibabs => "the GetMeetingsByDateRange response of the iBabs public service",
            Source::Go => "https://COUNCIL/api/v2/meetings/ID",
            Source::Ori => "https://api.openraadsinformatie.nl/v1/elastic/ori_*/_search",
            Source::Ods => "a Vergadering of the ODS-Open-Raadsinformatie 2.0 API",
        }
    }
}

/// The largest supplier file read: one meeting's JSON runs to a few hundred kilobytes.
pub const MAX_SOURCE_BYTES: u64 = 32 * 1024 * 1024;

/// Why a supplier's file gave no meeting; each message names the file.
#[derive(Debug, Clone, PartialEq)]
pub enum SourceError {
    TooLarge,
    /// Not JSON, or JSON of another shape: where, and serde's words (no source: not yet known).
    Shape {
        source: Option<Source>,
        line: usize,
        column: usize,
        what: String,
    },
    /// Nested deeper than serde_json's recursion limit (128): no meeting is.
    TooDeep {
        source: Option<Source>,
        line: usize,
        column: usize,
    },
    /// JSON of none of the shapes gavel knows.
    Unrecognised,
    NoItems(Source),
}

impl SourceError {
    pub fn message(&self, file: &Path, lang: Lang) -> String {
        let file = file.display();
        match self {
            SourceError::TooLarge => {
                let mib = MAX_SOURCE_BYTES / (1024 * 1024);
                Msg::ImportSourceTooLarge.fill(lang, &[&file, &mib])
            }
            SourceError::Shape {
                source,
                line,
                column,
                what,
            } => Msg::ImportSourceShape.fill(
                lang,
                &[
                    &file,
                    line,
                    column,
                    &name(*source, lang),
                    what,
                    &published_as(*source),
                ],
            ),
            SourceError::TooDeep {
                source,
                line,
                column,
            } => Msg::ImportSourceTooDeep.fill(
                lang,
                &[
                    &file,
                    line,
                    column,
                    &name(*source, lang),
                    &published_as(*source),
                ],
            ),
            SourceError::Unrecognised => Msg::ImportSourceUnknown.fill(lang, &[&file]),
            SourceError::NoItems(source) => {
                Msg::ImportSourceNoItems.fill(lang, &[&file, &source.name()])
            }
        }
    }
}

fn name(source: Option<Source>, lang: Lang) -> &'static str {
    source.map_or_else(|| Msg::SourceAnyJson.text(lang), Source::name)
}

fn published_as(source: Option<Source>) -> &'static str {
    source.map_or("--from notubiz|ibabs|go|ori|ods", Source::published_as)
}

/// The supplier whose shape `bytes` has, by content: None for an agenda pack (PDF or text); an
/// error for JSON that is broken or of no shape gavel knows.
pub fn recognise(bytes: &[u8]) -> Result<Option<Source>, SourceError> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Ok(None);
    };
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with('<') {
        let head: String = text.chars().take(4096).collect();
        let ibabs = head.contains("GetMeetingsByDateRange") || head.contains("iBabs");
        return if ibabs {
            Ok(Some(Source::Ibabs))
        } else {
            Err(SourceError::Unrecognised)
        };
    }
    if text.starts_with('[') {
        // GO's v1 API gives a list of meetings.
        let list: Vec<Probe> = from_json(text.as_bytes(), None)?;
        return match list.first().and_then(Probe::source) {
            Some(Source::Go) => Ok(Some(Source::Go)),
            _ => Err(SourceError::Unrecognised),
        };
    }
    if !text.starts_with('{') {
        return Ok(None);
    }
    // The top level's keys only: every other value is skipped unread (but its nesting counted).
    let probe: Probe = from_json(text.as_bytes(), None)?;
    probe.source().map(Some).ok_or(SourceError::Unrecognised)
}

impl Probe {
    fn source(&self) -> Option<Source> {
        let probe = self;
        if probe.meeting.is_some() || (probe.agenda_items.is_some() && probe.plannings.is_some()) {
            return Some(Source::Notubiz);
        }
        if probe.context.is_some()
            || probe.graph.is_some()
            || probe.kind.is_some()
            || probe.hits.is_some()
        {
            return Some(Source::Ori);
        }
        if probe.agendapunten.is_some()
            || probe.geplande_aanvang.is_some()
            || probe.vergaderingstype.is_some()
        {
            return Some(Source::Ods);
        }
        if (probe.items.is_some() && (probe.dmu.is_some() || probe.date.is_some()))
            || probe.result.as_ref().is_some_and(|r| r.meetings.is_some())
        {
            return Some(Source::Go);
        }
        None
    }
}

/// The top-level keys that tell the suppliers apart.
#[derive(Deserialize)]
struct Probe {
    meeting: Option<serde::de::IgnoredAny>,
    agenda_items: Option<serde::de::IgnoredAny>,
    plannings: Option<serde::de::IgnoredAny>,
    #[serde(rename = "@context")]
    context: Option<serde::de::IgnoredAny>,
    #[serde(rename = "@graph")]
    graph: Option<serde::de::IgnoredAny>,
    #[serde(rename = "@type")]
    kind: Option<serde::de::IgnoredAny>,
    hits: Option<serde::de::IgnoredAny>,
    agendapunten: Option<serde::de::IgnoredAny>,
    #[serde(rename = "geplandeAanvangVergadering")]
    geplande_aanvang: Option<serde::de::IgnoredAny>,
    vergaderingstype: Option<serde::de::IgnoredAny>,
    items: Option<serde::de::IgnoredAny>,
    dmu: Option<serde::de::IgnoredAny>,
    date: Option<serde::de::IgnoredAny>,
    result: Option<ResultProbe>,
}

/// GO's v2 wrapper: `{"result": {"meetings": [...]}}`.
#[derive(Deserialize)]
struct ResultProbe {
    meetings: Option<serde::de::IgnoredAny>,
}

/// `bytes` read as `source`'s shape.
pub fn import_source(bytes: &[u8], source: Source) -> Result<Import, SourceError> {
    if bytes.len() as u64 > MAX_SOURCE_BYTES {
        return Err(SourceError::TooLarge);
    }
    let import = match source {
        Source::Notubiz => super::notubiz::import(bytes)?,
        Source::Ori => super::ori::import(bytes)?,
        Source::Ods => super::ods::import(bytes)?,
        Source::Go => super::go::import(bytes)?,
        Source::Ibabs => super::ibabs::import(bytes)?,
    };
    if import.meeting.items.is_empty() {
        return Err(SourceError::NoItems(source));
    }
    Ok(import)
}

/// JSON of type `T`, or where and why not.
pub fn from_json<'a, T: Deserialize<'a>>(
    bytes: &'a [u8],
    source: Option<Source>,
) -> Result<T, SourceError> {
    serde_json::from_slice(bytes).map_err(|error| {
        let (line, column) = (error.line(), error.column());
        let what = error.to_string();
        if what.starts_with("recursion limit exceeded") {
            return SourceError::TooDeep {
                source,
                line,
                column,
            };
        }
        // serde's words without its own " at line 3 column 7": the message leads with them.
        let what = match what.rfind(" at line ") {
            Some(at) => what[..at].to_string(),
            None => what,
        };
        SourceError::Shape {
            source,
            line,
            column,
            what,
        }
    })
}

/// A null where a list or text is expected reads as empty: suppliers write both.
pub fn null_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// An id as suppliers write it: a number or a string.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[serde(untagged)]
pub enum Id {
    Number(i64),
    Text(String),
}

impl std::fmt::Display for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Id::Number(n) => write!(f, "{n}"),
            Id::Text(text) => f.write_str(&one_line(text)),
        }
    }
}

/// One line of text: control characters (a tab, a newline, an escape) become spaces, runs of
/// spaces one; true when something was changed besides spaces at the ends.
pub fn clean_line(text: &str) -> (String, bool) {
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    for c in text.chars() {
        let c = if c.is_control() || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}')
        {
            changed |= !matches!(c, '\n' | '\r' | '\t');
            ' '
        } else {
            c
        };
        if c.is_whitespace() && out.ends_with(char::is_whitespace) {
            continue;
        }
        out.push(if c.is_whitespace() { ' ' } else { c });
    }
    (out.trim().to_string(), changed)
}

/// One line of text, cleaned (see `clean_line`).
pub fn one_line(text: &str) -> String {
    clean_line(text).0
}

/// A text of several lines: HTML tags as suppliers send them dropped (a paragraph or break a new
/// line), the common entities read, control characters but newlines dropped, blank runs one.
pub fn plain_text(text: &str) -> String {
    static BREAKS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)<\s*(?:br\s*/?|/p|/li|/div|/h\d)\s*>").expect("pattern")
    });
    static TAGS: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"<[^<>]*>").expect("pattern"));
    let text = BREAKS.replace_all(text, "\n");
    let text = TAGS.replace_all(&text, "");
    let text = text
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        let line = one_line(line);
        if line.is_empty() && lines.last().is_none_or(String::is_empty) {
            continue;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines.join("\n")
}

/// Why a document's address is not kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlRefusal {
    /// Not `https://` (nor `http://`): `file:`, `javascript:`, a bare path.
    Scheme,
    /// A `..` segment (also written `%2e%2e`) or a backslash: it could climb out of a folder.
    Climbs,
    /// A user name or password in it, or a space or control character.
    Unsafe,
}

impl UrlRefusal {
    /// The meeting file's comment that says so (its one argument: the URL).
    pub fn words(self) -> Msg {
        match self {
            UrlRefusal::Scheme => Msg::NoteUrlNotHttp,
            UrlRefusal::Climbs => Msg::NoteUrlClimbs,
            UrlRefusal::Unsafe => Msg::NoteUrlUnsafe,
        }
    }
}

/// A document's address as kept in the meeting file: http(s) only, no segment that climbs.
pub fn document_url(url: &str) -> Result<String, UrlRefusal> {
    let url = url.trim();
    // NotuBiz writes some links "httphttp://..." (Open Raadsinformatie's clean_link).
    let url = url
        .strip_prefix("http")
        .filter(|rest| rest.starts_with("http://") || rest.starts_with("https://"))
        .unwrap_or(url);
    let lower = url.to_ascii_lowercase();
    let rest = if let Some(rest) = lower.strip_prefix("https://") {
        rest
    } else if let Some(rest) = lower.strip_prefix("http://") {
        rest
    } else {
        return Err(UrlRefusal::Scheme);
    };
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(UrlRefusal::Unsafe);
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if host.is_empty() || host.contains('@') {
        return Err(UrlRefusal::Unsafe);
    }
    let path = rest.split(['?', '#']).next().unwrap_or_default();
    let decoded = path
        .replace("%2e", ".")
        .replace("%2f", "/")
        .replace("%5c", "\\");
    if decoded.contains('\\')
        || decoded
            .split('/')
            .any(|segment| segment == ".." || segment == ".")
    {
        return Err(UrlRefusal::Climbs);
    }
    Ok(url.to_string())
}

/// Numbers unique in the meeting: a second "3" becomes "3-2" (the loader refuses duplicates),
/// each change written down as a guess.
pub fn unique_numbers(import: &mut Import) {
    let mut taken = std::collections::HashSet::new();
    for n in 0..import.meeting.items.len() {
        let number = import.meeting.items[n].number.clone();
        if taken.insert(number.clone()) {
            continue;
        }
        let mut count = 2;
        let mut candidate = format!("{number}-{count}");
        while !taken.insert(candidate.clone()) {
            count += 1;
            candidate = format!("{number}-{count}");
        }
        import.meeting.items[n].number = candidate;
        import.guesses.push(Guess {
            item: Some(n),
            field: "number".into(),
            why: Msg::GuessDuplicateNumber,
            args: vec![number],
        });
    }
}

/// The default style's rules, compiled once: the suppliers' titles are read by them too.
static RULES: std::sync::LazyLock<Option<super::style::Rules>> =
    std::sync::LazyLock::new(|| super::style::Rules::new(super::style::STYLES[0]).ok());

/// The kind from the title by the default style's rules (opening, closing, break, procedural).
pub fn kind_from_title(import: &mut Import) {
    let Some(rules) = RULES.as_ref() else {
        return;
    };
    for n in 0..import.meeting.items.len() {
        let title = import.meeting.items[n].title.clone();
        if let Some((_, kind)) = rules.kinds.iter().find(|(re, _)| re.is_match(&title)) {
            import.meeting.items[n].kind = ItemKind::parse(kind).unwrap_or_default();
            import.guesses.push(Guess {
                item: Some(n),
                field: "kind".into(),
                why: Msg::GuessKindFromTitle,
                args: Vec::new(),
            });
        }
    }
}

/// An attachment's kind from its title, when the supplier gives none (the default style's table).
pub fn attachment_kind_from_title(title: &str) -> Option<String> {
    RULES
        .as_ref()?
        .attachment_kinds
        .iter()
        .find(|(re, _)| re.is_match(title))
        .map(|(_, kind)| kind.to_string())
}

/// A comment for the meeting file.
pub fn note(import: &mut Import, at: NoteAt, why: Msg, args: Vec<String>) {
    import.notes.push(Note { at, why, args });
}

/// An agenda item as a supplier's module found it, before the checks every source shares.
#[derive(Debug, Default)]
pub struct Draft {
    pub number: String,
    pub title: String,
    pub start: Option<NaiveDateTime>,
    pub end: Option<NaiveDateTime>,
    pub summary: Option<String>,
    pub portfolio_holder: Option<String>,
    pub documents: Vec<Doc>,
    /// Headings above the item (section comments).
    pub sections: Vec<String>,
    /// Comments below the item's fields.
    pub notes: Vec<(Msg, Vec<String>)>,
    /// The number was taken from the item's place, not given by the source.
    pub numbered_by_place: bool,
}

/// A document of an item: its title, kind and address as the source gives them.
#[derive(Debug, Default)]
pub struct Doc {
    pub title: String,
    pub kind: Option<String>,
    pub url: Option<String>,
    pub file_name: Option<String>,
    pub size: Option<u64>,
}

/// Adds `draft` as the next item: its title on one line (control characters said), a number
/// and a title where the source gave none (guessed), its documents as attachments whose
/// addresses are comments when they pass `document_url` and refusals when not.
pub fn add_item(import: &mut Import, draft: Draft) {
    let n = import.meeting.items.len();
    let (title, stripped) = clean_line(&draft.title);
    let slot = slot(import, draft.start, draft.end);
    let mut item = Item {
        number: one_line(&draft.number),
        title,
        slot,
        summary: draft
            .summary
            .map(|s| plain_text(&s))
            .filter(|s| !s.is_empty()),
        portfolio_holders: draft
            .portfolio_holder
            .map(|p| one_line(&p))
            .filter(|p| !p.is_empty())
            .into_iter()
            .collect(),
        ..Item::default()
    };
    if item.title.is_empty() {
        item.title = Msg::ImportNoTitle.text(Lang::Nl).into();
        guess(import, Some(n), "title", Msg::GuessNoTitle, Vec::new());
    }
    if item.number.is_empty() {
        item.number = format!("({})", n + 1);
        guess(import, Some(n), "number", Msg::GuessNoNumber, Vec::new());
    } else if draft.numbered_by_place {
        guess(
            import,
            Some(n),
            "number",
            Msg::GuessNumberFromPosition,
            Vec::new(),
        );
    }
    for section in draft.sections {
        note(
            import,
            NoteAt::BeforeItem(n),
            Msg::NoteSection,
            vec![one_line(&section)],
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
    for (a, doc) in draft.documents.into_iter().enumerate() {
        let title = Some(one_line(&doc.title))
            .filter(|t| !t.is_empty())
            .or_else(|| doc.file_name.as_deref().map(one_line))
            .unwrap_or_else(|| Msg::ImportNoTitle.text(Lang::Nl).into());
        let kind = doc
            .kind
            .map(|k| one_line(&k).to_lowercase())
            .filter(|k| !k.is_empty())
            .or_else(|| attachment_kind_from_title(&title));
        if let Some(url) = &doc.url {
            let (why, args) = address_note(url, doc.file_name.as_deref());
            note(import, NoteAt::Attachment(n, a), why, args);
            remote(import, n, a, url, doc.file_name.as_deref(), doc.size);
        }
        item.attachments.push(Attachment {
            title,
            kind,
            file: None,
        });
    }
    for (why, args) in draft.notes {
        note(import, NoteAt::Item(n), why, args);
    }
    import.meeting.items.push(item);
}

/// Records a document to download, when its address passes the policy.
pub fn remote(
    import: &mut Import,
    item: usize,
    attachment: usize,
    url: &str,
    file_name: Option<&str>,
    size: Option<u64>,
) {
    if let Ok(url) = document_url(url) {
        import.remote.push(super::parse::Remote {
            item,
            attachment,
            url,
            file_name: file_name.map(one_line),
            size,
        });
    }
}

/// The comment for a document's address: the address kept (with its file name), or why not.
pub fn address_note(url: &str, file_name: Option<&str>) -> (Msg, Vec<String>) {
    match document_url(url) {
        Ok(url) => match file_name.map(one_line).filter(|f| !f.is_empty()) {
            Some(name) => (Msg::NoteDocument, vec![format!("{url} ({name})")]),
            None => (Msg::NoteDocument, vec![url]),
        },
        Err(why) => (why.words(), vec![one_line(url)]),
    }
}

/// A guess of the meeting file.
pub fn guess(import: &mut Import, item: Option<usize>, field: &str, why: Msg, args: Vec<String>) {
    import.guesses.push(Guess {
        item,
        field: field.into(),
        why,
        args,
    });
}

/// What every source does last: numbers unique, kinds from titles, no attachment texts.
pub fn finish(import: &mut Import) {
    unique_numbers(import);
    kind_from_title(import);
    import.texts = import
        .meeting
        .items
        .iter()
        .map(|i| vec![None; i.attachments.len()])
        .collect();
}

/// The meeting's date, start and end from the source's planned start and end (an end on
/// another day is left out: a meeting file has one date).
pub fn meeting_times(
    import: &mut Import,
    start: Option<NaiveDateTime>,
    end: Option<NaiveDateTime>,
) {
    let meeting = &mut import.meeting;
    if let Some(start) = start {
        meeting.date = start.date();
        meeting.start = Some(start.time()).filter(|t| *t != NaiveTime::MIN);
    }
    meeting.end = end
        .filter(|end| Some(end.date()) == start.map(|s| s.date()))
        .map(|e| e.time());
}

/// An item's slot from its planned start and end, in the meeting's clock as gavel reads it: on
/// the meeting's date, or, for a meeting that runs past midnight (its end before its start),
/// within the 24 hours from its start; a range only when it ends after it starts. Times outside
/// are a comment.
pub fn slot(import: &mut Import, start: Option<NaiveDateTime>, end: Option<NaiveDateTime>) -> Slot {
    let meeting = &import.meeting;
    let dated = meeting.date != chrono::NaiveDate::default();
    let anchor = meeting
        .date
        .and_time(meeting.start.unwrap_or(NaiveTime::MIN));
    let crosses = matches!((meeting.start, meeting.end), (Some(s), Some(e)) if e < s);
    let date = meeting.date;
    let within = |at: NaiveDateTime| {
        !dated
            || if crosses {
                at >= anchor && at < anchor + chrono::Duration::hours(24)
            } else {
                at.date() == date
            }
    };
    let Some(start) = start else {
        return Slot::Unplanned;
    };
    if !within(start) {
        let n = import.meeting.items.len();
        note(
            import,
            NoteAt::Item(n),
            Msg::NoteSlotOutside,
            vec![start.format("%Y-%m-%d %H:%M").to_string()],
        );
        return Slot::Unplanned;
    }
    match end {
        Some(end) if end >= start && within(end) => Slot::Range {
            start: start.time(),
            end: end.time(),
        },
        _ => Slot::StartOnly {
            start: start.time(),
        },
    }
}

/// A date and time as the suppliers write it: "2018-02-08 13:30:00", ISO 8601 with or without
/// an offset (the local time as written), or a date alone (midnight).
pub fn date_time(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f"))
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M"))
        .ok()
        .or_else(|| {
            chrono::DateTime::parse_from_rfc3339(text)
                .ok()
                .map(|d| d.naive_local())
        })
        .or_else(|| {
            chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        })
}

/// "6. Bekrachtigen ..." or "6: Bekrachtigen ..." as number and title; None when the title does
/// not open with a number.
pub fn split_number(title: &str) -> Option<(String, String)> {
    static NUMBERED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"^\s*(?P<number>\d{1,3}[a-zA-Z]?(?:\.\d{1,3}[a-zA-Z]?)*)\s*[.:)]?\s+(?P<title>\S.*)$",
        )
        .expect("pattern")
    });
    let found = NUMBERED.captures(title)?;
    Some((found["number"].to_string(), found["title"].to_string()))
}

/// What the fuzz target `ris` (and its replay in `tests/fuzz_findings.rs`) checks on any bytes:
/// recognising and reading them never panics, and a meeting read from them is written as a
/// meeting file that gavel loads without an error, so `gavel check` passes on every import.
pub fn check_any_bytes(bytes: &[u8]) {
    let _ = recognise(bytes);
    for source in [
        Source::Notubiz,
        Source::Ori,
        Source::Ods,
        Source::Go,
        Source::Ibabs,
    ] {
        let Ok(import) = import_source(bytes, source) else {
            continue;
        };
        let has_date = import.meeting.date != chrono::NaiveDate::default();
        let text = super::yaml::meeting_yaml(&import, "fuzz.json", source.name(), Lang::En);
        let loaded = crate::store::load::parse_meeting(Path::new("fuzz.yaml"), text.as_bytes());
        // A source without a title or a date gives a file that says so in a comment (and fails
        // check until the clerk fills it in); every other file loads.
        if has_date && !import.meeting.title.is_empty() {
            assert!(loaded.is_ok(), "{text}\n{:?}", loaded.err());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_urls_that_climb_or_are_not_http_are_refused() {
        assert_eq!(
            document_url("https://api.notubiz.nl/document/6183601/1"),
            Ok("https://api.notubiz.nl/document/6183601/1".into())
        );
        assert_eq!(
            document_url("httphttp://purmerend.nl/a.pdf"),
            Ok("http://purmerend.nl/a.pdf".into())
        );
        assert_eq!(document_url("file:///etc/passwd"), Err(UrlRefusal::Scheme));
        assert_eq!(document_url("../../etc/passwd"), Err(UrlRefusal::Scheme));
        assert_eq!(
            document_url("https://example.nl/docs/../../etc/passwd"),
            Err(UrlRefusal::Climbs)
        );
        assert_eq!(
            document_url("https://example.nl/docs/%2E%2E/secret"),
            Err(UrlRefusal::Climbs)
        );
        assert_eq!(
            document_url("https://user:pw@example.nl/a.pdf"),
            Err(UrlRefusal::Unsafe)
        );
        assert_eq!(
            document_url("https://example.nl/a\u{1b}[2J.pdf"),
            Err(UrlRefusal::Unsafe)
        );
    }

    #[test]
    fn control_characters_in_a_title_become_spaces_and_are_reported() {
        assert_eq!(
            clean_line("Vaststellen\u{1b}[31m agenda\u{7}\n"),
            ("Vaststellen [31m agenda".to_string(), true)
        );
        assert_eq!(
            clean_line("  Opening \t en  mededelingen "),
            ("Opening en mededelingen".to_string(), false)
        );
    }

    #[test]
    fn html_of_a_description_is_plain_text() {
        assert_eq!(
            plain_text("<p>Hierbij &amp; zo</p>\r\n<p>Tweede<br/>regel</p>"),
            "Hierbij & zo\n\nTweede\nregel"
        );
    }

    #[test]
    fn the_suppliers_are_told_apart_by_content() {
        assert_eq!(
            recognise(br#"{"meeting": {"agenda_items": []}}"#),
            Ok(Some(Source::Notubiz))
        );
        assert_eq!(
            recognise(br#"{"id": 1, "plannings": [], "agenda_items": []}"#),
            Ok(Some(Source::Notubiz))
        );
        assert_eq!(recognise(b"1 Opening\n2 Sluiting\n"), Ok(None));
        assert_eq!(recognise(b"%PDF-1.4"), Ok(None));
        assert_eq!(recognise(br#"{"a": 1}"#), Err(SourceError::Unrecognised));
        assert!(matches!(
            recognise(b"{ not json"),
            Err(SourceError::Shape { line: 1, .. })
        ));
    }
}
