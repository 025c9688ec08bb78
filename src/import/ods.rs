//! A VNG ODS 2.0 `Vergadering` (ODS-Open-Raadsinformatie, `specificatie/openapi.yaml`) ->
//! `Import`. The API links by URL: a Vergadering's `agendapunten` and an Agendapunt's
//! `informatieobjecten` are URL references, so the file holds them either in place (the
//! objects themselves) or beside the Vergadering under `_expand` (the expansion of VNG's API
//! design rules): `{"...Vergadering...", "_expand": {"agendapunten": [...],
//! "informatieobjecten": [...]}}`.

use std::collections::HashMap;

use serde::Deserialize;

use super::parse::{Import, NoteAt};
use super::source::{
    Doc, Draft, Source, SourceError, add_item, date_time, finish, from_json, meeting_times, note,
    null_default, one_line, plain_text,
};
use crate::i18n::Msg;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Vergadering {
    url: Option<String>,
    id: Option<String>,
    naam: Option<String>,
    locatie: Option<String>,
    geplande_aanvang_vergadering: Option<String>,
    geplande_einde_vergadering: Option<String>,
    geplande_vergaderdatum: Option<String>,
    aanvang_vergadering: Option<String>,
    einde_vergadering: Option<String>,
    vergaderdatum: Option<String>,
    vergadertoelichting: Option<String>,
    vergaderingstype: Option<String>,
    status: Option<String>,
    georganiseerd_door_gremium: Option<Gremium>,
    #[serde(default, deserialize_with = "null_default")]
    agendapunten: Vec<Link<Agendapunt>>,
    #[serde(default, deserialize_with = "null_default")]
    bijlagen: Vec<Link<InformatieObject>>,
    #[serde(rename = "_expand", default)]
    expand: Option<Expand>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Gremium {
    gremiumnaam: Option<String>,
}

#[derive(Deserialize, Default)]
struct Expand {
    #[serde(default, deserialize_with = "null_default")]
    agendapunten: Vec<Agendapunt>,
    #[serde(default, deserialize_with = "null_default")]
    informatieobjecten: Vec<InformatieObject>,
}

/// A URL reference, or the object it names written in its place.
#[derive(Deserialize)]
#[serde(untagged)]
enum Link<T> {
    Url(String),
    Object(T),
}

/// A reference to one object: `{"url", "id"}` (VerwijzingNaarResource) or a plain URL.
#[derive(Deserialize)]
#[serde(untagged)]
enum Reference {
    Url(String),
    Resource { url: Option<String> },
}

impl Reference {
    fn url(&self) -> Option<&str> {
        match self {
            Reference::Url(url) => Some(url),
            Reference::Resource { url } => url.as_deref(),
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Agendapunt {
    url: Option<String>,
    agendapunt_kenmerk: Option<String>,
    agendapunt_titel: Option<String>,
    agendapunt_omschrijving: Option<String>,
    agendapuntvolgnummer: Option<String>,
    gepland_agendapuntvolgnummer: Option<String>,
    geplande_starttijd: Option<String>,
    geplande_eindtijd: Option<String>,
    starttijd: Option<String>,
    eindtijd: Option<String>,
    indicatie_hamerstuk: Option<bool>,
    indicator_besloten: Option<bool>,
    hoofdagendapunt: Option<Reference>,
    #[serde(default, deserialize_with = "null_default")]
    subagendapunten: Vec<Link<Agendapunt>>,
    #[serde(default, deserialize_with = "null_default")]
    informatieobjecten: Vec<Link<InformatieObject>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct InformatieObject {
    url: Option<String>,
    titel: Option<String>,
    link: Option<String>,
    informatieobjecttype: Option<String>,
    portefeuillehouder: Option<String>,
}

pub fn import(bytes: &[u8]) -> Result<Import, SourceError> {
    let vergadering: Vergadering = from_json(bytes, Some(Source::Ods))?;
    Ok(build(&vergadering))
}

/// The objects `_expand` holds, by URL.
struct Expanded<'a> {
    points: HashMap<&'a str, &'a Agendapunt>,
    /// The same points in the file's order, so that equal sequence numbers keep it.
    in_order: Vec<&'a Agendapunt>,
    documents: HashMap<&'a str, &'a InformatieObject>,
}

fn build(source: &Vergadering) -> Import {
    let mut import = Import::default();
    let expand = source.expand.as_ref();
    let expanded = Expanded {
        in_order: expand.iter().flat_map(|e| &e.agendapunten).collect(),
        points: expand
            .iter()
            .flat_map(|e| &e.agendapunten)
            .filter_map(|p| Some((p.url.as_deref()?, p)))
            .collect(),
        documents: expand
            .iter()
            .flat_map(|e| &e.informatieobjecten)
            .filter_map(|d| Some((d.url.as_deref()?, d)))
            .collect(),
    };
    import.meeting.title = source.naam.as_deref().map(one_line).unwrap_or_default();
    import.meeting.location = source
        .locatie
        .as_deref()
        .map(one_line)
        .filter(|l| !l.is_empty());
    import.meeting.body = source
        .georganiseerd_door_gremium
        .as_ref()
        .and_then(|g| g.gremiumnaam.as_deref())
        .map(one_line)
        .filter(|b| !b.is_empty());
    let date = source
        .geplande_vergaderdatum
        .as_deref()
        .or(source.vergaderdatum.as_deref())
        .and_then(date_time);
    let start = source
        .geplande_aanvang_vergadering
        .as_deref()
        .and_then(date_time)
        .or(date);
    meeting_times(
        &mut import,
        start,
        source
            .geplande_einde_vergadering
            .as_deref()
            .and_then(date_time),
    );
    let id = source
        .id
        .clone()
        .or_else(|| source.url.clone())
        .unwrap_or_else(|| "-".into());
    let kind = source
        .vergaderingstype
        .clone()
        .unwrap_or_else(|| "-".into());
    note(
        &mut import,
        NoteAt::Top,
        Msg::NoteOdsId,
        vec![one_line(&id), one_line(&kind)],
    );
    if let Some(status) = &source.status {
        note(
            &mut import,
            NoteAt::Top,
            Msg::NoteStatus,
            vec![one_line(status)],
        );
    }
    for (when, value) in [
        ("aanvangVergadering", &source.aanvang_vergadering),
        ("eindeVergadering", &source.einde_vergadering),
    ] {
        if let Some(value) = value {
            note(
                &mut import,
                NoteAt::Top,
                Msg::NoteAttribute,
                vec![when.into(), one_line(value)],
            );
        }
    }
    if let Some(text) = source
        .vergadertoelichting
        .as_deref()
        .map(plain_text)
        .filter(|t| !t.is_empty())
    {
        note(&mut import, NoteAt::Top, Msg::NoteDescription, vec![text]);
    }
    for link in &source.bijlagen {
        match resolve_document(link, &expanded) {
            Ok(doc) => {
                let title = doc.titel.as_deref().map(one_line).unwrap_or_default();
                let kind = doc
                    .informatieobjecttype
                    .clone()
                    .unwrap_or_else(|| "-".into());
                note(
                    &mut import,
                    NoteAt::Top,
                    Msg::NoteMeetingDocument,
                    vec![title, kind],
                );
                if let Some(url) = doc.link.as_deref() {
                    let (why, args) = super::source::address_note(url, None);
                    note(&mut import, NoteAt::Top, why, args);
                }
            }
            Err(url) => note(
                &mut import,
                NoteAt::Top,
                Msg::NoteDocumentIdMissing,
                vec![url],
            ),
        }
    }
    // The points in the order of their (planned) sequence numbers; sub-points after theirs.
    let mut points: Vec<&Agendapunt> = Vec::new();
    for link in &source.agendapunten {
        match link {
            Link::Object(point) => points.push(point),
            Link::Url(url) => match expanded.points.get(url.as_str()) {
                Some(point) => points.push(point),
                None => note(
                    &mut import,
                    NoteAt::Top,
                    Msg::NoteAgendaIdMissing,
                    vec![one_line(url)],
                ),
            },
        }
    }
    if source.agendapunten.is_empty() {
        points.extend(
            expanded
                .in_order
                .iter()
                .copied()
                .filter(|p| p.hoofdagendapunt.is_none()),
        );
    }
    let subs: Vec<&str> = points
        .iter()
        .flat_map(|p| &p.subagendapunten)
        .filter_map(|l| match l {
            Link::Url(url) => Some(url.as_str()),
            Link::Object(point) => point.url.as_deref(),
        })
        .collect();
    // A point listed as the meeting's and as another's sub-point is read once, as the sub-point.
    points.retain(|p| {
        p.hoofdagendapunt
            .as_ref()
            .and_then(Reference::url)
            .is_none()
            && !p.url.as_deref().is_some_and(|u| subs.contains(&u))
    });
    points.sort_by_key(|p| order(p));
    let mut seen = Vec::new();
    for point in points {
        add(&mut import, point, &expanded, &mut seen, 0);
    }
    finish(&mut import);
    import
}

fn order(point: &Agendapunt) -> (u32, String) {
    let number = point
        .gepland_agendapuntvolgnummer
        .as_deref()
        .or(point.agendapuntvolgnummer.as_deref())
        .unwrap_or_default();
    (
        number.trim().parse().unwrap_or(u32::MAX),
        number.to_string(),
    )
}

fn resolve_document<'a>(
    link: &'a Link<InformatieObject>,
    expanded: &Expanded<'a>,
) -> Result<&'a InformatieObject, String> {
    match link {
        Link::Object(doc) => Ok(doc),
        Link::Url(url) => expanded
            .documents
            .get(url.as_str())
            .copied()
            .ok_or_else(|| one_line(url)),
    }
}

fn add(
    import: &mut Import,
    point: &Agendapunt,
    expanded: &Expanded,
    seen: &mut Vec<*const Agendapunt>,
    depth: usize,
) {
    if seen.contains(&(point as *const Agendapunt)) || depth > 16 {
        return;
    }
    seen.push(point as *const Agendapunt);
    let mut draft = Draft {
        title: point.agendapunt_titel.clone().unwrap_or_default(),
        summary: point.agendapunt_omschrijving.clone(),
        start: point.geplande_starttijd.as_deref().and_then(date_time),
        end: point.geplande_eindtijd.as_deref().and_then(date_time),
        ..Draft::default()
    };
    match point
        .agendapunt_kenmerk
        .as_deref()
        .map(one_line)
        .filter(|k| !k.is_empty())
    {
        Some(kenmerk) => draft.number = kenmerk.trim_end_matches('.').to_string(),
        None => {
            let (_, number) = order(point);
            draft.numbered_by_place = !number.trim().is_empty();
            draft.number = number;
        }
    }
    if point.indicatie_hamerstuk == Some(true) {
        draft.notes.push((Msg::NoteHamerstuk, Vec::new()));
    }
    if point.indicator_besloten == Some(true) {
        draft.notes.push((Msg::NoteBesloten, Vec::new()));
    }
    for (when, value) in [
        ("starttijd", &point.starttijd),
        ("eindtijd", &point.eindtijd),
    ] {
        if let Some(value) = value {
            draft
                .notes
                .push((Msg::NoteAttribute, vec![when.into(), one_line(value)]));
        }
    }
    for link in &point.informatieobjecten {
        match resolve_document(link, expanded) {
            Ok(doc) => {
                if draft.portfolio_holder.is_none() {
                    draft.portfolio_holder = doc.portefeuillehouder.clone();
                }
                draft.documents.push(Doc {
                    title: doc.titel.clone().unwrap_or_default(),
                    kind: doc
                        .informatieobjecttype
                        .as_deref()
                        .map(|k| k.replace('_', " ")),
                    url: doc.link.clone(),
                    file_name: None,
                    size: None,
                });
            }
            Err(url) => draft.notes.push((Msg::NoteDocumentIdMissing, vec![url])),
        }
    }
    add_item(import, draft);
    let mut subs: Vec<&Agendapunt> = Vec::new();
    for link in &point.subagendapunten {
        match link {
            Link::Object(sub) => subs.push(sub),
            Link::Url(url) => match expanded.points.get(url.as_str()) {
                Some(sub) => subs.push(sub),
                None => {
                    let n = import.meeting.items.len() - 1;
                    note(
                        import,
                        NoteAt::Item(n),
                        Msg::NoteAgendaIdMissing,
                        vec![one_line(url)],
                    );
                }
            },
        }
    }
    // Sub-points that name this one as their hoofdagendapunt but that it does not list.
    let own = point.url.as_deref();
    for sub in &expanded.in_order {
        let parent = sub.hoofdagendapunt.as_ref().and_then(Reference::url);
        if own.is_some() && parent == own && !subs.iter().any(|s| std::ptr::eq(*s, *sub)) {
            subs.push(sub);
        }
    }
    subs.sort_by_key(|p| order(p));
    for sub in subs {
        add(import, sub, expanded, seen, depth + 1);
    }
}
