//! A text attachment opened inside gavel, scrolled line by line.

pub struct Reader {
    pub title: String,
    pub path: String,
    pub lines: Vec<String>,
    /// Index of the first line on screen.
    pub top: usize,
}

impl Reader {
    pub fn new(title: String, path: String, text: &str) -> Reader {
        Reader {
            title,
            path,
            lines: text.lines().map(|l| l.replace('\t', "    ")).collect(),
            top: 0,
        }
    }

    pub fn scroll(&mut self, delta: isize, page: usize) {
        let last = self.lines.len().saturating_sub(page.max(1));
        self.top = self.top.saturating_add_signed(delta).min(last);
    }
}
