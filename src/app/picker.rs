//! A fuzzy list with a query line: the search palette, the speaker picker and the attachment list,
//! all ranked by the one matcher in `search`.

use ratatui_textarea::TextArea;

use crate::domain::minutes::{Role, SpeakerChoice};
use std::sync::Arc;

use crate::search::{Candidate, Chunked, Matcher, Query, RANKED};

/// What choosing an entry does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    Speaker(SpeakerChoice),
    Item(usize),
    Attachment {
        item: usize,
        index: usize,
    },
    /// A line of a text attachment: open the reader there (0-based line).
    AttachmentLine {
        item: usize,
        index: usize,
        line: usize,
    },
    /// Something recorded on an item: select the item and point at the text.
    Record {
        item: usize,
        text: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Speaker,
    Interruption,
    Search,
    Attachment,
    /// The attachment list of `o`: Enter opens in the system's viewer.
    External,
}

/// What an entry is, for the palette's prefix filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Item,
    Person,
    Attachment,
    Record,
}

impl Kind {
    /// `#` items, `@` people and factions, `!` attachments and their text, `=` what was recorded.
    pub const PREFIXES: [(char, Kind); 4] = [
        ('#', Kind::Item),
        ('@', Kind::Person),
        ('!', Kind::Attachment),
        ('=', Kind::Record),
    ];
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub label: String,
    /// Shown after the label, and searched too unless `context` says otherwise.
    pub detail: String,
    /// What else the entry is found by, when that differs from `detail` (a line's number is
    /// shown but must not match a query for "26").
    pub context: Option<String>,
    pub kind: Kind,
    pub pick: Pick,
}

pub struct Picker {
    pub purpose: Purpose,
    pub title: String,
    pub query: TextArea<'static>,
    entries: Chunked<Entry>,
    candidates: Chunked<Candidate>,
    matcher: Matcher,
    /// Ranked indices into `entries`; `entries.len()` stands for the free-text entry.
    pub shown: Vec<usize>,
    pub selected: usize,
    /// The label for "use the query as typed", when free text is allowed.
    free_text: Option<String>,
    /// The last query and its results: a query that only grew searches within them.
    last: Option<(Query, Option<Kind>, Vec<usize>)>,
    /// The query changed and the list is not ranked again yet: keys typed in one go are ranked
    /// once (see `App::update`).
    pub stale: bool,
}

/// Splits a leading kind prefix off the query text.
fn parse_prefix(text: &str) -> (Option<Kind>, &str) {
    let trimmed = text.trim_start();
    for (prefix, kind) in Kind::PREFIXES {
        if let Some(rest) = trimmed.strip_prefix(prefix) {
            return (Some(kind), rest);
        }
    }
    (None, text)
}

impl Picker {
    pub fn new(
        purpose: Purpose,
        title: String,
        entries: Vec<Entry>,
        free_text: Option<String>,
    ) -> Picker {
        let candidates: Vec<Candidate> = entries.iter().map(Entry::candidate).collect();
        let mut picker = Picker {
            purpose,
            title,
            query: TextArea::default(),
            entries: entries.into(),
            candidates: candidates.into(),
            matcher: Matcher::default(),
            shown: Vec::new(),
            selected: 0,
            free_text,
            last: None,
            stale: false,
        };
        picker.refilter();
        picker
    }

    /// Adds entries indexed elsewhere (an attachment's lines), shared, not copied.
    pub fn add_indexed(&mut self, entries: Arc<[Entry]>, candidates: Arc<[Candidate]>) {
        self.entries.push(entries);
        self.candidates.push(candidates);
        self.last = None;
        self.stale = true;
    }

    pub fn query_text(&self) -> String {
        self.query.lines().join(" ")
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Ranks the entries against the query: best first, ties in their original order.
    pub fn refilter(&mut self) {
        self.stale = false;
        let text = self.query_text();
        let (kind, rest) = parse_prefix(&text);
        let query = Query::new(rest);
        let within = match &self.last {
            Some((previous, previous_kind, results))
                if *previous_kind == kind && query.narrows(previous) =>
            {
                Some(results.clone())
            }
            _ => None,
        };
        let mut ranked = match (&within, kind) {
            (Some(results), _) => self.matcher.rank(&self.candidates, Some(results), &query),
            (None, Some(kind)) => {
                let of_kind: Vec<usize> = self
                    .entries
                    .iter()
                    .enumerate()
                    .filter(|(_, entry)| entry.kind == kind)
                    .map(|(i, _)| i)
                    .collect();
                self.matcher.rank(&self.candidates, Some(&of_kind), &query)
            }
            (None, None) => self.matcher.rank(&self.candidates, None, &query),
        };
        self.last = (!query.is_empty()).then(|| (query.clone(), kind, ranked.clone()));
        // Only the best are in order (see `RANKED`); all of them stay in `last` for narrowing.
        ranked.truncate(RANKED);
        let typed = text.trim();
        if self.free_text.is_some()
            && !typed.is_empty()
            && !ranked.iter().any(|&i| {
                self.entries
                    .get(i)
                    .is_some_and(|e| e.label.eq_ignore_ascii_case(typed))
            })
        {
            ranked.push(self.entries.len());
        }
        self.shown = ranked;
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
    }

    /// The entry shown at a row: a real one, or the free text as typed.
    pub fn shown_entry(&self, row: usize) -> Option<Entry> {
        let index = *self.shown.get(row)?;
        if let Some(entry) = self.entries.get(index) {
            return Some(entry.clone());
        }
        let typed = self.query_text().trim().to_string();
        Some(Entry {
            label: typed.clone(),
            detail: self.free_text.clone().unwrap_or_default(),
            context: None,
            kind: Kind::Person,
            pick: Pick::Speaker(SpeakerChoice {
                name: typed,
                faction: None,
                role: Role::Other,
            }),
        })
    }

    /// Which characters of a shown row's label matched the query.
    pub fn highlights(&self, row: usize) -> Vec<usize> {
        let Some(candidate) = self.shown.get(row).and_then(|&i| self.candidates.get(i)) else {
            return Vec::new();
        };
        let text = self.query_text();
        let (_, rest) = parse_prefix(&text);
        self.matcher.highlights(candidate, &Query::new(rest))
    }

    pub fn move_selection(&mut self, down: bool) {
        if self.shown.is_empty() {
            return;
        }
        let last = self.shown.len() - 1;
        self.selected = match (down, self.selected) {
            (true, s) if s >= last => 0,
            (true, s) => s + 1,
            (false, 0) => last,
            (false, s) => s - 1,
        };
    }

    pub fn chosen(&self) -> Option<Pick> {
        self.shown_entry(self.selected).map(|e| e.pick)
    }
}

impl Entry {
    /// The entry as the matcher sees it.
    pub fn candidate(&self) -> Candidate {
        let context = self.context.clone().unwrap_or_else(|| self.detail.clone());
        // Lines of attachment text come after items, people and records that match as well.
        let tier = u8::from(matches!(self.pick, Pick::AttachmentLine { .. }));
        Candidate::in_tier(self.label.clone(), context, tier)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries() -> Vec<Entry> {
        [
            ("VVD", Kind::Person),
            ("D66", Kind::Person),
            ("Nelleke Vedelaar", Kind::Person),
            ("Peter van Drielen", Kind::Person),
            ("5 Plan beschut werken nieuw", Kind::Item),
        ]
        .iter()
        .enumerate()
        .map(|(i, (name, kind))| Entry {
            label: name.to_string(),
            detail: String::new(),
            context: None,
            kind: *kind,
            pick: Pick::Item(i),
        })
        .collect()
    }

    fn typed(picker: &mut Picker, text: &str) {
        picker.query.insert_str(text);
        picker.refilter();
    }

    #[test]
    fn fuzzy_query_finds_a_name_with_a_typo() {
        let mut picker = Picker::new(Purpose::Search, String::new(), entries(), None);
        typed(&mut picker, "vedelar");
        assert_eq!(picker.chosen(), Some(Pick::Item(2)));
    }

    #[test]
    fn a_prefix_keeps_one_kind() {
        let mut picker = Picker::new(Purpose::Search, String::new(), entries(), None);
        typed(&mut picker, "#");
        assert_eq!(picker.shown, [4]);
        let mut picker = Picker::new(Purpose::Search, String::new(), entries(), None);
        typed(&mut picker, "@v");
        assert!(picker.shown.iter().all(|&i| i < 4), "{:?}", picker.shown);
    }

    #[test]
    fn free_text_is_offered_when_nothing_matches() {
        let mut picker = Picker::new(
            Purpose::Speaker,
            String::new(),
            entries(),
            Some("as typed".into()),
        );
        typed(&mut picker, "Insprekers Wezo");
        assert_eq!(picker.shown.len(), 1);
        assert_eq!(
            picker.chosen(),
            Some(Pick::Speaker(SpeakerChoice {
                name: "Insprekers Wezo".into(),
                faction: None,
                role: Role::Other
            }))
        );
    }

    #[test]
    fn narrowing_gives_the_same_results_as_searching_anew() {
        let mut grown = Picker::new(Purpose::Search, String::new(), entries(), None);
        typed(&mut grown, "ve");
        typed(&mut grown, "d");
        let mut fresh = Picker::new(Purpose::Search, String::new(), entries(), None);
        typed(&mut fresh, "ved");
        assert_eq!(grown.shown, fresh.shown);
    }

    #[test]
    fn selection_wraps_around() {
        let mut picker = Picker::new(Purpose::Search, String::new(), entries(), None);
        picker.move_selection(false);
        assert_eq!(picker.selected, 4);
        picker.move_selection(true);
        assert_eq!(picker.selected, 0);
    }
}
