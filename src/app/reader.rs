//! A text attachment opened inside gavel: scrolled line by line, searched within (`/`, `n`, `N`).

use std::sync::Arc;

use ratatui_textarea::TextArea;

use crate::search::fold::fold_str;

use std::path::Path;

use super::{App, Flash, Mode, Outcome, Question};
use crate::i18n::Msg;
use crate::keymap::Action;
use crate::sanitize::for_terminal;
use crate::store::attachments::{self, NotRead, NotRegular, read_lines};

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

// The reader's keys (`Mode::Reader`), and opening an attachment: here, or in the system's viewer.
impl App {
    pub(super) fn open_reader(&mut self, item: usize, index: usize, line: Option<usize>) {
        let attachment = &self.meeting.items[item].attachments[index];
        let Some(file) = attachment.file.clone() else {
            let title = attachment.title.clone();
            self.complain(Msg::NoTextFile, &[&title]);
            return;
        };
        let title = attachment.title.clone();
        let path = self.meeting_dir.join(&file);
        let shown_path = for_terminal(&path.display().to_string()).into_owned();
        let lines = match self.attachments.get(&(item, index)) {
            Some(indexed) => Arc::clone(&indexed.lines),
            None => match read_lines(&self.meeting_dir, &file) {
                Ok(lines) => Arc::new(lines),
                // Not text (a PDF, say): the system's viewer can show it.
                Err(NotRead::NotText) => return self.open_externally(&path),
                Err(refusal) => return self.refuse_attachment(&shown_path, refusal),
            },
        };
        // The reader names the file as the meeting file does, short and recognisable.
        let reader = Reader::new(title, file, lines);
        self.mode = Mode::Reader(match line {
            Some(line) => reader.at_line(line),
            None => reader,
        });
    }

    pub(super) fn update_reader(&mut self, action: Action) -> Outcome {
        let page = usize::from(self.screen_rows.saturating_sub(4)).max(1);
        let lang = self.lang;
        let Mode::Reader(reader) = &mut self.mode else {
            return Outcome::NONE;
        };
        let mut message = None;
        if let Some(query) = &mut reader.query {
            match action {
                Action::Input(key) => {
                    query.input(key);
                }
                Action::Close => reader.query = None,
                Action::Confirm => {
                    let typed = query.lines().join(" ");
                    message = Some(match reader.run_search() {
                        None if typed.trim().is_empty() => None,
                        None => Some((Msg::NoMatchIn.fill(lang, &[&typed.trim()]), true)),
                        Some((n, count)) => Some((Msg::MatchOf.fill(lang, &[&n, &count]), false)),
                    });
                }
                _ => {}
            }
        } else {
            match action {
                Action::Up => reader.scroll(-1, page),
                Action::Down => reader.scroll(1, page),
                Action::PageUp => reader.scroll(-(page as isize), page),
                Action::PageDown => reader.scroll(page as isize, page),
                Action::Home => reader.top = 0,
                Action::End => reader.scroll(isize::MAX / 2, page),
                Action::Search => reader.start_search(),
                Action::NextMatch | Action::PreviousMatch => {
                    let found = reader.next_match(action == Action::NextMatch);
                    message = found
                        .map(|(n, count)| Some((Msg::MatchOf.fill(lang, &[&n, &count]), false)));
                }
                Action::OpenExternal => {
                    let path = self.meeting_dir.join(&reader.path);
                    self.open_externally(&path);
                }
                Action::Close => self.mode = Mode::Normal,
                _ => {}
            }
        }
        if let Some(Some((text, is_error))) = message {
            self.flash = Some(Flash { text, is_error });
        }
        Outcome::NONE
    }

    /// Says why an attachment is not shown in the reader, and what to do instead.
    pub(super) fn refuse_attachment(&mut self, shown: &str, refusal: NotRead) {
        match refusal {
            NotRead::Missing | NotRead::NotText => self.complain(Msg::FileMissing, &[&shown]),
            NotRead::Outside => self.complain(Msg::AttachmentOutside, &[&shown]),
            NotRead::NotRegular(kind) => {
                let kind = self.t(match kind {
                    NotRegular::Fifo => Msg::FileIsFifo,
                    NotRegular::Device => Msg::FileIsDevice,
                    NotRegular::Socket => Msg::FileIsSocket,
                    NotRegular::Folder => Msg::FileIsFolder,
                });
                self.complain(Msg::AttachmentNotRegular, &[&shown, &kind]);
            }
            NotRead::TooLarge => {
                let cap = crate::store::guard::human_size(attachments::MAX_BYTES);
                self.complain(Msg::AttachmentTooLarge, &[&shown, &cap]);
            }
            NotRead::TooManyLines => {
                self.complain(
                    Msg::AttachmentTooManyLines,
                    &[&shown, &attachments::MAX_LINES],
                );
            }
        }
    }

    /// Opens a file in the system's viewer. The path is made absolute, so a file named `--help`
    /// is never taken as an option; a file outside the meeting's folder, or one that could run a
    /// program (an x bit, `.desktop`, `.sh`, `.exe`, ...), is opened only after a question, and
    /// one that is not a regular file (a FIFO, a device) not at all.
    pub(super) fn open_externally(&mut self, path: &Path) {
        let Ok(absolute) = path.canonicalize() else {
            let shown = for_terminal(&path.display().to_string()).into_owned();
            self.complain(Msg::FileMissing, &[&shown]);
            return;
        };
        let file_type = std::fs::metadata(&absolute).map(|m| m.file_type());
        if let Some(kind) = file_type.ok().and_then(NotRegular::of) {
            // A FIFO or a device is nothing a viewer shows.
            let shown = for_terminal(&path.display().to_string()).into_owned();
            self.refuse_attachment(&shown, NotRead::NotRegular(kind));
        } else if !attachments::is_inside(&self.meeting_dir, &absolute) {
            self.mode = Mode::Confirm(Question::OpenOutside(absolute));
        } else if attachments::could_run(&absolute) {
            self.mode = Mode::Confirm(Question::OpenRunnable(absolute));
        } else {
            self.start_viewer(&absolute);
        }
    }

    /// Starts the system's viewer on an absolute path, without a shell: a name with spaces or
    /// quotes is passed as it is. `GAVEL_OPENER` names another program.
    pub(super) fn start_viewer(&mut self, path: &Path) {
        let shown = for_terminal(&path.display().to_string()).into_owned();
        let opener = std::env::var("GAVEL_OPENER").unwrap_or_else(|_| {
            if cfg!(target_os = "macos") {
                "open"
            } else {
                "xdg-open"
            }
            .to_string()
        });
        let started = std::process::Command::new(&opener)
            .arg(path)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
        match started {
            Ok(_) => self.say(Msg::OpenedExternally, &[&shown]),
            Err(error) => self.complain(Msg::NoOpener, &[&opener, &error]),
        }
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
