//! Where each node of a YAML file starts, by path (`items[2].end`), for messages serde can't place.
//!
//! serde reports the location of syntax and type errors itself, but the loader's own rules
//! (a duplicate number, a slot that ends before it starts) are checked after deserializing, when
//! locations are gone. This index walks the file's events once more with saphyr-parser, which
//! gives spans, and remembers where every mapping entry and sequence entry begins.

use rustc_hash::FxHashMap;
use std::cell::OnceCell;

use saphyr_parser::{Event, Parser, Span};

/// A 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    fn of(span: &Span) -> Position {
        Position {
            line: span.start.line(),
            column: span.start.col() + 1,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    /// The key, for a mapping entry.
    key: Option<Position>,
    /// The value node (for a sequence entry: the entry itself).
    value: Position,
}

/// Positions of the nodes of one YAML document, by path.
///
/// Paths join mapping keys with `.` and sequence indices with `[i]`: `title`,
/// `items[2]`, `items[2].end`, `factions[1].members[0]`. The root is `""`.
#[derive(Debug, Default)]
pub struct Positions {
    entries: FxHashMap<String, Entry>,
    /// Keys that occur a second time in their mapping: path and where the repeat is.
    duplicates: Vec<(String, Position)>,
}

/// [`Positions`] built on first use: a file with nothing to report is parsed once, not twice
/// (saphyr's pass costs about as much as serde's, and most files have no message to place).
pub struct LazyPositions<'a> {
    text: &'a str,
    built: OnceCell<Positions>,
}

impl<'a> LazyPositions<'a> {
    pub fn new(text: &'a str) -> LazyPositions<'a> {
        LazyPositions {
            text,
            built: OnceCell::new(),
        }
    }

    /// The positions, built now if no message needed them before.
    pub fn get(&self) -> &Positions {
        self.built.get_or_init(|| Positions::build(self.text))
    }

    /// Whether they were built (for tests: a clean file must not need them).
    pub fn is_built(&self) -> bool {
        self.built.get().is_some()
    }
}

/// An open collection while walking the events.
enum Frame {
    Mapping {
        path: String,
        /// The key just read, waiting for its value; `None` when the next node is a key.
        key: Option<(String, Position)>,
        /// Inside a collection used as a key (rare, never in gavel's files), indexed under `?`.
        in_complex_key: bool,
    },
    Sequence {
        path: String,
        index: usize,
    },
}

impl Positions {
    /// Indexes `text`. A syntax error stops the walk; what came before it is kept.
    pub fn build(text: &str) -> Positions {
        let mut positions = Positions::default();
        let mut stack: Vec<Frame> = Vec::new();
        for event in Parser::new_from_str(text) {
            let Ok((event, span)) = event else { break };
            match event {
                Event::Scalar(..) | Event::Alias(_) => {
                    if let Some(Frame::Mapping {
                        key: key @ None, ..
                    }) = stack.last_mut()
                    {
                        let name = match event {
                            Event::Scalar(value, ..) => value.into_owned(),
                            _ => "*".to_string(),
                        };
                        *key = Some((name, Position::of(&span)));
                        continue;
                    }
                    positions.enter_node(&mut stack, &span);
                    node_done(&mut stack);
                }
                Event::MappingStart(..) => {
                    let path = positions.enter_node(&mut stack, &span);
                    stack.push(Frame::Mapping {
                        path,
                        key: None,
                        in_complex_key: false,
                    });
                }
                Event::SequenceStart(..) => {
                    let path = positions.enter_node(&mut stack, &span);
                    stack.push(Frame::Sequence { path, index: 0 });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                    node_done(&mut stack);
                }
                _ => {}
            }
        }
        positions
    }

    /// Records a node that starts here and returns its path.
    fn enter_node(&mut self, stack: &mut [Frame], span: &Span) -> String {
        let here = Position::of(span);
        let (path, key) = match stack.last_mut() {
            None => (String::new(), None),
            Some(Frame::Sequence { path, index }) => (format!("{path}[{index}]"), None),
            Some(Frame::Mapping {
                path,
                key,
                in_complex_key,
            }) => {
                let (name, key_position) = key.get_or_insert_with(|| {
                    *in_complex_key = true;
                    ("?".to_string(), here)
                });
                (join(path, name), Some(*key_position))
            }
        };
        // The first occurrence wins, so a duplicate key still points at the original.
        match self.entries.entry(path.clone()) {
            std::collections::hash_map::Entry::Vacant(vacant) => {
                vacant.insert(Entry { key, value: here });
            }
            std::collections::hash_map::Entry::Occupied(_) => {
                self.duplicates.push((path.clone(), key.unwrap_or(here)));
            }
        }
        path
    }

    /// Keys written twice in the same mapping, in file order: the path and the repeat's position.
    pub fn duplicates(&self) -> &[(String, Position)] {
        &self.duplicates
    }

    /// Where the entry at `path` starts: its key for a mapping entry, the node for a sequence entry.
    pub fn get(&self, path: &str) -> Option<Position> {
        self.entries
            .get(path)
            .map(|entry| entry.key.unwrap_or(entry.value))
    }

    /// Where the value at `path` starts.
    pub fn value(&self, path: &str) -> Option<Position> {
        self.entries.get(path).map(|entry| entry.value)
    }

    /// Like [`Positions::get`], falling back to the closest enclosing entry that is indexed
    /// (a key that came in through a merge `<<` has no position of its own), then to nothing.
    pub fn nearest(&self, path: &str) -> Option<Position> {
        let mut path = path;
        loop {
            if let Some(position) = self.get(path) {
                return Some(position);
            }
            path = parent(path)?;
        }
    }

    /// Like [`Positions::value`], with the same fallback as [`Positions::nearest`].
    pub fn nearest_value(&self, path: &str) -> Option<Position> {
        match self.value(path) {
            Some(position) => Some(position),
            None => self.nearest(parent(path)?),
        }
    }
}

/// Advances the parent after one of its nodes (scalar, alias or whole collection) ended.
fn node_done(stack: &mut [Frame]) {
    match stack.last_mut() {
        Some(Frame::Sequence { index, .. }) => *index += 1,
        // A complex key just ended: its value comes next, under the same `?` key.
        Some(Frame::Mapping {
            in_complex_key: in_key @ true,
            ..
        }) => *in_key = false,
        Some(Frame::Mapping { key, .. }) => *key = None,
        None => {}
    }
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

/// `items[2].end` -> `items[2]` -> `items` -> ``; `None` above the root.
fn parent(path: &str) -> Option<&str> {
    if path.is_empty() {
        return None;
    }
    let cut = path.rfind(['.', '[']).unwrap_or(0);
    Some(&path[..cut])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, column: usize) -> Option<Position> {
        Some(Position { line, column })
    }

    const MEETING: &str = "\
title: Raadsplein
date: 2017-11-20
factions:
  - VVD
  - name: D66
    members: [Jan de Vries, \"Anna Bakker\"]
items:
  - number: \"1\"
    title: Opening
  -   number: 2
      end: 19.35
      summary: |
        tekst
      kind: debate
";

    #[test]
    fn mapping_entries_point_at_their_key() {
        let positions = Positions::build(MEETING);
        assert_eq!(positions.get("title"), at(1, 1));
        assert_eq!(positions.get("items[1].end"), at(11, 7));
        assert_eq!(positions.get("items[1].kind"), at(14, 7));
        assert_eq!(positions.get("factions[1].members"), at(6, 5));
    }

    #[test]
    fn values_point_at_the_value() {
        let positions = Positions::build(MEETING);
        assert_eq!(positions.value("date"), at(2, 7));
        assert_eq!(positions.value("items[1].end"), at(11, 12));
        assert_eq!(positions.value("items[0].number"), at(8, 13));
    }

    #[test]
    fn sequence_entries_point_at_the_node() {
        let positions = Positions::build(MEETING);
        assert_eq!(positions.get("factions[0]"), at(4, 5));
        assert_eq!(positions.get("items[1]"), at(10, 7));
        assert_eq!(positions.get("factions[1].members[1]"), at(6, 29));
    }

    #[test]
    fn unknown_paths_fall_back_to_the_closest_parent() {
        let positions = Positions::build(MEETING);
        assert_eq!(positions.get("items[1].start"), None);
        assert_eq!(positions.nearest("items[1].start"), at(10, 7));
        assert_eq!(positions.nearest_value("items[1].start"), at(10, 7));
        assert_eq!(positions.nearest("nothing"), at(1, 1), "the root");
    }

    #[test]
    fn duplicate_keys_are_listed_at_the_repeat() {
        let positions =
            Positions::build("title: a\nitems:\n  - title: x\n    title: y\ntitle: b\n");
        assert_eq!(
            positions.duplicates(),
            [
                (
                    "items[0].title".to_string(),
                    Position { line: 4, column: 5 }
                ),
                ("title".to_string(), Position { line: 5, column: 1 }),
            ]
        );
        assert_eq!(positions.get("title"), at(1, 1));
    }

    #[test]
    fn complex_keys_do_not_shift_later_keys() {
        let positions = Positions::build("? [a, b]\n: x\nafter: 1\n");
        assert_eq!(positions.get("after"), at(3, 1));
    }

    #[test]
    fn a_syntax_error_keeps_what_came_before() {
        let positions = Positions::build("title: a\nitems: [\n");
        assert_eq!(positions.get("title"), at(1, 1));
    }
}
