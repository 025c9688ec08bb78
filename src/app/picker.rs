//! A fuzzy list with a query line: the speaker picker, the search palette and the attachment list.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use ratatui_textarea::TextArea;

use crate::domain::minutes::{Role, SpeakerChoice};

/// What choosing an entry does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    Speaker(SpeakerChoice),
    Item(usize),
    Attachment { item: usize, index: usize },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Speaker,
    Interruption,
    Search,
    Attachment,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub label: String,
    pub detail: String,
    pub pick: Pick,
}

/// An entry that matches the query, with the matched character positions in its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub entry: Entry,
    pub highlights: Vec<usize>,
}

pub struct Picker {
    pub purpose: Purpose,
    pub title: String,
    pub query: TextArea<'static>,
    entries: Vec<Entry>,
    pub shown: Vec<Shown>,
    pub selected: usize,
    /// The label for "use the query as typed", when free text is allowed.
    free_text: Option<String>,
}

impl Picker {
    pub fn new(
        purpose: Purpose,
        title: String,
        entries: Vec<Entry>,
        free_text: Option<String>,
    ) -> Picker {
        let mut picker = Picker {
            purpose,
            title,
            query: TextArea::default(),
            entries,
            shown: Vec::new(),
            selected: 0,
            free_text,
        };
        picker.refilter();
        picker
    }

    pub fn query_text(&self) -> String {
        self.query.lines().join(" ")
    }

    /// Ranks the entries against the query: best first, ties in their original order.
    pub fn refilter(&mut self) {
        let query = self.query_text();
        let query = query.trim();
        let matcher = SkimMatcherV2::default().ignore_case();
        let mut scored: Vec<(i64, usize, Vec<usize>)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, entry)| {
                if query.is_empty() {
                    return Some((0, i, Vec::new()));
                }
                let haystack = format!("{} {}", entry.label, entry.detail);
                let label_chars = entry.label.chars().count();
                matcher
                    .fuzzy_indices(&haystack, query)
                    .map(|(score, indices)| {
                        let in_label = indices.into_iter().filter(|&c| c < label_chars).collect();
                        (score, i, in_label)
                    })
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        self.shown = scored
            .into_iter()
            .map(|(_, i, highlights)| Shown {
                entry: self.entries[i].clone(),
                highlights,
            })
            .collect();
        if let Some(as_typed) = &self.free_text
            && !query.is_empty()
            && !self
                .shown
                .iter()
                .any(|s| s.entry.label.eq_ignore_ascii_case(query))
        {
            self.shown.push(Shown {
                entry: Entry {
                    label: query.to_string(),
                    detail: as_typed.clone(),
                    pick: Pick::Speaker(SpeakerChoice {
                        name: query.to_string(),
                        faction: None,
                        role: Role::Other,
                    }),
                },
                highlights: Vec::new(),
            });
        }
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
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

    pub fn chosen(&self) -> Option<&Pick> {
        self.shown.get(self.selected).map(|s| &s.entry.pick)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries() -> Vec<Entry> {
        ["VVD", "D66", "Nelleke Vedelaar", "Peter van Drielen"]
            .iter()
            .enumerate()
            .map(|(i, name)| Entry {
                label: name.to_string(),
                detail: String::new(),
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
        assert_eq!(picker.chosen(), Some(&Pick::Item(2)));
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
            Some(&Pick::Speaker(SpeakerChoice {
                name: "Insprekers Wezo".into(),
                faction: None,
                role: Role::Other
            }))
        );
    }

    #[test]
    fn selection_wraps_around() {
        let mut picker = Picker::new(Purpose::Search, String::new(), entries(), None);
        picker.move_selection(false);
        assert_eq!(picker.selected, 3);
        picker.move_selection(true);
        assert_eq!(picker.selected, 0);
    }
}
