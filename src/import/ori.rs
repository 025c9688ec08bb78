//! An Open Raadsinformatie meeting -> `Import`. ORI harvests every supplier into one JSON-LD
//! shape (`ocd_backend/models/definitions/`): a `Meeting` with its `agenda` (ids in order),
//! `AgendaItem`s with `position` and `parent`, `MediaObject`s with `original_url`, linked by id.
//! Read as the Elastic API returns them (`{"hits": {"hits": [{"_id", "_source"}]}}`, the
//! meeting, its agenda items and documents among the hits), as a JSON-LD `@graph`, or as one
//! `Meeting` whose `agenda` holds the items themselves.

use std::collections::HashMap;

use serde::Deserialize;

use super::parse::{Import, NoteAt};
use super::source::{
    Doc, Draft, Source, SourceError, add_item, date_time, finish, from_json, meeting_times, note,
    null_default, one_line, plain_text, split_number,
};
use crate::i18n::Msg;

#[derive(Deserialize)]
struct Search {
    hits: Hits,
}

#[derive(Deserialize)]
struct Hits {
    #[serde(default, deserialize_with = "null_default")]
    hits: Vec<Hit>,
}

#[derive(Deserialize)]
struct Hit {
    #[serde(rename = "_id")]
    id: Option<Scalar>,
    #[serde(rename = "_source")]
    source: Node,
}

#[derive(Deserialize)]
struct Graph {
    #[serde(rename = "@graph", default, deserialize_with = "null_default")]
    graph: Vec<Node>,
}

/// An id or a number, as JSON-LD and Elastic write ids.
#[derive(Deserialize, Clone)]
#[serde(untagged)]
enum Scalar {
    Text(String),
    Number(i64),
}

impl Scalar {
    /// The id without ORI's base (`https://id.openraadsinformatie.nl/44477` is `44477`).
    fn key(&self) -> String {
        match self {
            Scalar::Number(n) => n.to_string(),
            Scalar::Text(text) => {
                let text = text.trim().trim_end_matches('/');
                one_line(text.rsplit('/').next().unwrap_or(text))
            }
        }
    }
}

/// One ORI object: whichever of a Meeting's, an AgendaItem's or a MediaObject's keys it has.
#[derive(Deserialize, Default)]
struct Node {
    #[serde(rename = "@id")]
    at_id: Option<Scalar>,
    ori_identifier: Option<Scalar>,
    #[serde(rename = "@type")]
    kind: Option<Types>,
    name: Option<String>,
    start_date: Option<String>,
    end_date: Option<String>,
    location: Option<String>,
    chair: Option<String>,
    description: Option<String>,
    agenda: Option<Refs>,
    attachment: Option<Refs>,
    parent: Option<Ref>,
    position: Option<f64>,
    raw_position: Option<String>,
    original_url: Option<String>,
    url: Option<String>,
    file_name: Option<String>,
    additional_type: Option<String>,
    size_in_bytes: Option<i64>,
    is_referenced_by: Option<Ref>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Types {
    One(String),
    Many(Vec<String>),
}

impl Types {
    fn is(&self, name: &str) -> bool {
        let matches = |t: &String| {
            t == name || t.ends_with(&format!("/{name}")) || t.ends_with(&format!("#{name}"))
        };
        match self {
            Types::One(t) => matches(t),
            Types::Many(ts) => ts.iter().any(matches),
        }
    }
}

/// A relation to one object: its id, or the object itself.
#[derive(Deserialize)]
#[serde(untagged)]
enum Ref {
    Id(Scalar),
    Node(Box<Node>),
}

/// A relation to several: a list, JSON-LD's ordered `{"@list": [...]}`, or one.
#[derive(Deserialize)]
#[serde(untagged)]
enum Refs {
    List(Vec<Ref>),
    Ordered {
        #[serde(rename = "@list")]
        list: Vec<Ref>,
    },
    One(Ref),
}

impl Refs {
    fn refs(&self) -> &[Ref] {
        match self {
            Refs::List(list) | Refs::Ordered { list } => list,
            Refs::One(one) => std::slice::from_ref(one),
        }
    }
}

impl Node {
    fn key(&self) -> Option<String> {
        self.at_id
            .as_ref()
            .or(self.ori_identifier.as_ref())
            .map(Scalar::key)
    }

    fn is(&self, name: &str) -> bool {
        self.kind.as_ref().is_some_and(|t| t.is(name))
    }
}

/// The objects of the file by id, and the order they came in.
struct Nodes<'a> {
    by_id: HashMap<String, &'a Node>,
    all: Vec<&'a Node>,
}

impl<'a> Nodes<'a> {
    fn new(nodes: impl Iterator<Item = (Option<String>, &'a Node)>) -> Self {
        let mut this = Nodes {
            by_id: HashMap::new(),
            all: Vec::new(),
        };
        for (id, node) in nodes {
            this.add(id, node);
        }
        this
    }

    /// Adds `node` and the objects written inside it.
    fn add(&mut self, id: Option<String>, node: &'a Node) {
        if let Some(id) = id.or_else(|| node.key()) {
            self.by_id.entry(id).or_insert(node);
        }
        self.all.push(node);
        for refs in [&node.agenda, &node.attachment].into_iter().flatten() {
            for r in refs.refs() {
                if let Ref::Node(inner) = r {
                    self.add(None, inner);
                }
            }
        }
    }

    /// The object a relation names, or its id when the file does not hold it.
    fn resolve(&self, r: &'a Ref) -> Result<&'a Node, String> {
        match r {
            Ref::Node(node) => Ok(node),
            Ref::Id(id) => self.by_id.get(&id.key()).copied().ok_or_else(|| id.key()),
        }
    }

    fn id_of(&self, r: &Ref) -> Option<String> {
        match r {
            Ref::Node(node) => node.key(),
            Ref::Id(id) => Some(id.key()),
        }
    }
}

pub fn import(bytes: &[u8]) -> Result<Import, SourceError> {
    #[derive(Deserialize)]
    struct Top {
        hits: Option<serde::de::IgnoredAny>,
        #[serde(rename = "@graph")]
        graph: Option<serde::de::IgnoredAny>,
    }
    let top: Top = from_json(bytes, Some(Source::Ori))?;
    let source = Some(Source::Ori);
    if top.hits.is_some() {
        let search: Search = from_json(bytes, source)?;
        let nodes = Nodes::new(search.hits.hits.iter().map(|hit| {
            (
                hit.source
                    .key()
                    .or_else(|| hit.id.as_ref().map(Scalar::key)),
                &hit.source,
            )
        }));
        Ok(build(&nodes))
    } else if top.graph.is_some() {
        let graph: Graph = from_json(bytes, source)?;
        Ok(build(&Nodes::new(graph.graph.iter().map(|n| (None, n)))))
    } else {
        let node: Node = from_json(bytes, source)?;
        Ok(build(&Nodes::new(std::iter::once((None, &node)))))
    }
}

fn build(nodes: &Nodes) -> Import {
    let mut import = Import::default();
    let Some(meeting) = nodes.all.iter().copied().find(|n| n.is("Meeting")) else {
        return import;
    };
    let meetings = nodes.all.iter().filter(|n| n.is("Meeting")).count();
    if meetings > 1 {
        note(
            &mut import,
            NoteAt::Top,
            Msg::NoteMoreMeetings,
            vec![meetings.to_string()],
        );
    }
    import.meeting.title = meeting.name.as_deref().map(one_line).unwrap_or_default();
    import.meeting.location = meeting
        .location
        .as_deref()
        .map(one_line)
        .filter(|l| !l.is_empty());
    import.meeting.chair = meeting
        .chair
        .as_deref()
        .map(one_line)
        .filter(|c| !c.is_empty());
    meeting_times(
        &mut import,
        meeting.start_date.as_deref().and_then(date_time),
        meeting.end_date.as_deref().and_then(date_time),
    );
    let meeting_id = meeting.key();
    note(
        &mut import,
        NoteAt::Top,
        Msg::NoteOriId,
        vec![meeting_id.clone().unwrap_or_else(|| "-".into())],
    );
    if let Some(description) = meeting
        .description
        .as_deref()
        .map(plain_text)
        .filter(|d| !d.is_empty())
    {
        note(
            &mut import,
            NoteAt::Top,
            Msg::NoteDescription,
            vec![description],
        );
    }
    // The agenda in its order; items of the meeting it does not list after them, by position.
    let mut top: Vec<&Node> = Vec::new();
    for r in meeting.agenda.iter().flat_map(Refs::refs) {
        match nodes.resolve(r) {
            Ok(node) => top.push(node),
            Err(id) => note(&mut import, NoteAt::Top, Msg::NoteAgendaIdMissing, vec![id]),
        }
    }
    let listed: Vec<Option<String>> = top.iter().map(|n| n.key()).collect();
    let parent_of = |node: &Node| node.parent.as_ref().and_then(|p| nodes.id_of(p));
    let mut unlisted: Vec<&Node> = nodes
        .all
        .iter()
        .copied()
        .filter(|n| n.is("AgendaItem") && !listed.contains(&n.key()))
        .filter(|n| parent_of(n).is_none() || parent_of(n) == meeting_id)
        .collect();
    unlisted.sort_by(|a, b| {
        a.position
            .unwrap_or(f64::MAX)
            .total_cmp(&b.position.unwrap_or(f64::MAX))
    });
    top.extend(unlisted);
    let mut seen = Vec::new();
    for node in top {
        add(
            &mut import,
            nodes,
            node,
            (meeting_id.as_deref(), None),
            &mut seen,
            0,
        );
    }
    // An agenda item whose parent is neither the meeting nor an item in the file.
    for node in nodes.all.iter().copied().filter(|n| n.is("AgendaItem")) {
        if !seen.contains(&(node as *const Node)) {
            let what = node.name.as_deref().map(one_line).unwrap_or_default();
            let parent = parent_of(node).unwrap_or_else(|| "-".into());
            note(
                &mut import,
                NoteAt::Top,
                Msg::NoteOrphanItem,
                vec![what, parent],
            );
        }
    }
    for r in meeting.attachment.iter().flat_map(Refs::refs) {
        match nodes.resolve(r) {
            Ok(doc) => {
                let title = doc.name.as_deref().map(one_line).unwrap_or_default();
                note(
                    &mut import,
                    NoteAt::Top,
                    Msg::NoteMeetingDocument,
                    vec![title, "-".into()],
                );
                if let Some(url) = doc.original_url.as_deref().or(doc.url.as_deref()) {
                    let (why, args) = super::source::address_note(url, doc.file_name.as_deref());
                    note(&mut import, NoteAt::Top, why, args);
                }
            }
            Err(id) => note(
                &mut import,
                NoteAt::Top,
                Msg::NoteDocumentIdMissing,
                vec![id],
            ),
        }
    }
    finish(&mut import);
    import
}

/// Adds the agenda item `node`, then the items whose parent it is (by position). Depth and the
/// items seen stop a parent loop (`a` under `b` under `a`).
fn add(
    import: &mut Import,
    nodes: &Nodes,
    node: &Node,
    under: (Option<&str>, Option<&str>),
    seen: &mut Vec<*const Node>,
    depth: usize,
) {
    // The meeting's id, and the number of the item this one is under ("5" gives "5.1").
    let (meeting, parent_number) = under;
    if seen.contains(&(node as *const Node)) || depth > 16 {
        return;
    }
    seen.push(node as *const Node);
    let name = node.name.as_deref().map(one_line).unwrap_or_default();
    let mut draft = Draft::default();
    match split_number(&name) {
        Some((number, title)) => {
            draft.number = number;
            draft.title = title;
            draft.numbered_by_place = true;
        }
        None => {
            draft.title = name;
            let number = node.raw_position.clone().or_else(|| {
                node.position.filter(|p| p.is_finite()).map(|p| {
                    if p.fract() == 0.0 {
                        format!("{}", p as i64)
                    } else {
                        format!("{p}")
                    }
                })
            });
            draft.numbered_by_place = number.is_some();
            draft.number = match (parent_number, number) {
                (Some(parent), Some(number)) => format!("{parent}.{number}"),
                (_, number) => number.unwrap_or_default(),
            };
        }
    }
    draft.summary = node.description.clone();
    draft.start = node.start_date.as_deref().and_then(date_time);
    draft.end = node.end_date.as_deref().and_then(date_time);
    // An item's start that is the meeting's own start (ORI copies it) is no timeslot.
    if node.end_date.is_none() {
        draft.start = None;
    }
    let own = node.key();
    let mut documents: Vec<&Node> = Vec::new();
    for r in node.attachment.iter().flat_map(Refs::refs) {
        match nodes.resolve(r) {
            Ok(doc) => documents.push(doc),
            Err(id) => draft.notes.push((Msg::NoteDocumentIdMissing, vec![id])),
        }
    }
    // Documents that name the item (is_referenced_by) but that it does not list.
    for doc in nodes.all.iter().copied().filter(|n| n.is("MediaObject")) {
        let refers = doc.is_referenced_by.as_ref().and_then(|r| nodes.id_of(r));
        if refers.is_some() && refers == own && !documents.iter().any(|d| std::ptr::eq(*d, doc)) {
            documents.push(doc);
        }
    }
    for doc in documents {
        draft.documents.push(Doc {
            title: doc.name.clone().unwrap_or_default(),
            kind: doc.additional_type.clone(),
            url: doc.original_url.clone().or_else(|| doc.url.clone()),
            file_name: doc.file_name.clone(),
            size: doc.size_in_bytes.and_then(|s| u64::try_from(s).ok()),
        });
    }
    add_item(import, draft);
    let number = import.meeting.items.last().map(|i| i.number.clone());
    let mut children: Vec<&Node> = nodes
        .all
        .iter()
        .copied()
        .filter(|n| n.is("AgendaItem"))
        .filter(|n| {
            let parent = n.parent.as_ref().and_then(|p| nodes.id_of(p));
            parent.is_some() && parent == own && parent.as_deref() != meeting
        })
        .collect();
    children.sort_by(|a, b| {
        a.position
            .unwrap_or(f64::MAX)
            .total_cmp(&b.position.unwrap_or(f64::MAX))
    });
    for child in children {
        add(
            import,
            nodes,
            child,
            (meeting, number.as_deref()),
            seen,
            depth + 1,
        );
    }
}
