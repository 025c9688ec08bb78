//! A text attachment opened inside gavel: scrolled line by line, searched within (`/`, `n`, `N`).

use std::sync::Arc;

use ratatui_textarea::TextArea;

use crate::search::fold::fold_str;

pub struct Reader {
    pub title: String,
    pub path: String,
    pub lines: Arc<Vec<String>>,
    /// Index of the first line on screen.
    pub top: usize,
    /// The line the reader was opened at or the current match, shown highlighted.
    pub marked: Option<usize>,
    /// The search being typed after `/`, if any.
    pub query: Option<TextArea<'static>>,
    /// The last search (folded) and the lines that contain it.
    pub search: Option<(String, Vec<usize>)>,
}

/// Lines of context above a line jumped to, so it is not glued to the top edge.
const CONTEXT: usize = 3;

impl Reader {
    pub fn new(title: String, path: String, lines: Arc<Vec<String>>) -> Reader {
        Reader {
            title,
            path,
            lines,
            top: 0,
            marked: None,
            query: None,
            search: None,
        }
    }

    /// Opens at a line, marked, with a little context above it.
    pub fn at_line(mut self, line: usize) -> Reader {
        self.go_to(line);
        self
    }

    fn go_to(&mut self, line: usize) {
        self.marked = Some(line);
        self.top = line.saturating_sub(CONTEXT);
    }

    pub fn scroll(&mut self, delta: isize, page: usize) {
        let last = self.lines.len().saturating_sub(page.max(1));
        self.top = self.top.saturating_add_signed(delta).min(last);
    }

    pub fn start_search(&mut self) {
        self.query = Some(TextArea::default());
    }

    /// Runs the typed search (case and accents do not matter) and goes to the first match after
    /// the marked line; returns that match's number and the count, or `None` without matches.
    pub fn run_search(&mut self) -> Option<(usize, usize)> {
        let query = self.query.take()?;
        let needle = fold_str(query.lines().join(" ").trim());
        if needle.is_empty() {
            self.search = None;
            return None;
        }
        let hits: Vec<usize> = self
            .lines
            .iter()
            .enumerate()
            .filter(|(_, line)| fold_str(line).contains(&needle))
            .map(|(index, _)| index)
            .collect();
        self.search = Some((needle, hits));
        self.next_match(true)
    }

    /// Goes to the next (or previous) match after the marked line, wrapping around; returns the
    /// match's number (1-based) and the count.
    pub fn next_match(&mut self, forward: bool) -> Option<(usize, usize)> {
        let hits = &self.search.as_ref()?.1;
        if hits.is_empty() {
            return None;
        }
        let from = self.marked.unwrap_or(self.top.saturating_sub(1));
        let position = if forward {
            hits.iter()
                .position(|&h| self.marked.is_none_or(|_| h > from))
                .unwrap_or(0)
        } else {
            hits.iter()
                .rposition(|&h| h < from)
                .unwrap_or(hits.len() - 1)
        };
        let (line, count) = (hits[position], hits.len());
        self.go_to(line);
        Some((position + 1, count))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader() -> Reader {
        let lines = [
            "Inleiding",
            "Zwolle gaat het om 26 plekken",
            "Tussenregel",
            "Ook hier: 26 plekken",
            "Einde",
        ]
        .map(str::to_string)
        .to_vec();
        Reader::new("Nota".into(), "nota.txt".into(), Arc::new(lines))
    }

    fn search(reader: &mut Reader, text: &str) -> usize {
        reader.start_search();
        reader.query.as_mut().unwrap().insert_str(text);
        reader.run_search().map_or(0, |(_, count)| count)
    }

    #[test]
    fn search_goes_to_the_first_match_and_wraps_around() {
        let mut reader = reader();
        assert_eq!(search(&mut reader, "26 PLEKKEN"), 2);
        assert_eq!(reader.marked, Some(1));
        assert_eq!(reader.next_match(true), Some((2, 2)));
        assert_eq!(reader.marked, Some(3));
        assert_eq!(reader.next_match(true), Some((1, 2)), "wraps to the first");
        assert_eq!(
            reader.next_match(false),
            Some((2, 2)),
            "and back to the last"
        );
    }

    #[test]
    fn search_ignores_accents() {
        let mut reader = reader();
        assert_eq!(search(&mut reader, "éinde"), 1);
        assert_eq!(reader.marked, Some(4));
    }

    #[test]
    fn opening_at_a_line_keeps_context_above_it() {
        let reader = reader().at_line(4);
        assert_eq!((reader.top, reader.marked), (1, Some(4)));
    }
}
