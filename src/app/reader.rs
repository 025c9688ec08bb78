//! An attachment opened inside gavel (a text file, a PDF's or a Word file's text): scrolled line
//! by line or page by page (`]`, `[`), searched within (`/`, `n`, `N`).

use std::sync::Arc;

use ratatui_textarea::TextArea;

use crate::search::fold::fold_str;

use std::path::Path;

use super::{App, Flash, Mode, Outcome, Question};
use crate::i18n::Msg;
use crate::keymap::Action;
use crate::sanitize::for_terminal;
use crate::store::attachments::{self, NotRead, NotRegular, read_lines};
use crate::store::documents::{Unreadable, is_document};

pub struct Reader {
    pub title: String,
    pub path: String,
    pub lines: Arc<Vec<String>>,
    /// The first line of each page; empty for a text file.
    pub pages: Arc<Vec<usize>>,
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
            pages: Arc::new(Vec::new()),
            top: 0,
            marked: None,
            query: None,
            search: None,
        }
    }

    /// The pages of a PDF or Word file (the first line of each).
    pub fn with_pages(mut self, pages: Arc<Vec<usize>>) -> Reader {
        self.pages = pages;
        self
    }

    /// The page (1-based) and the number of pages, when the text has pages: the page of the
    /// marked line when it is on screen, else of the top line.
    pub fn page(&self, rows: usize) -> Option<(usize, usize)> {
        let on_screen = self
            .marked
            .filter(|&line| line >= self.top && line < self.top + rows.max(1));
        let line = on_screen.unwrap_or(self.top);
        let page = crate::store::documents::page_of(&self.pages, line)?;
        Some((page, self.pages.len()))
    }

    /// Goes to the start of the next (or previous) page, when there is one; the mark goes, so
    /// the frame's page is the page at the top.
    pub fn turn_page(&mut self, forward: bool) -> bool {
        // From the line jumped to (its page is the one in the frame), else from the top.
        let from = self.marked.filter(|&m| m >= self.top).unwrap_or(self.top);
        let Some(current) = crate::store::documents::page_of(&self.pages, from) else {
            return false;
        };
        // A page starts at pages[current - 1]; backwards from the middle of a page goes to
        // its own start first.
        let target = if forward {
            self.pages.get(current).copied()
        } else if from > self.pages[current - 1] {
            Some(self.pages[current - 1])
        } else {
            current.checked_sub(2).map(|previous| self.pages[previous])
        };
        match target {
            Some(line) => {
                self.top = line.min(self.lines.len().saturating_sub(1));
                self.marked = None;
                true
            }
            None => false,
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
        let (lines, pages) = match self.attachments.get(&(item, index)) {
            Some(indexed) => (Arc::clone(&indexed.lines), Arc::clone(&indexed.pages)),
            // A scan, a damaged PDF: said, and the original is a key away.
            None if self.unreadable.contains_key(&(item, index)) => {
                let why = &self.unreadable[&(item, index)];
                if let Unreadable::NotRead(refusal) = why
                    && *refusal != NotRead::NotText
                {
                    // Missing, outside, not regular, over the caps: the same words as ever.
                    return self.refuse_attachment(&shown_path, *refusal);
                }
                if *why == Unreadable::NotRead(NotRead::NotText) {
                    return self.open_externally(&path);
                }
                let why = self.unreadable_words(why);
                self.complain(Msg::AttachmentCannotShow, &[&title, &why]);
                return;
            }
            // A PDF or Word file is read in the background, never here: it takes a moment.
            None if is_document(&file) => {
                self.say(Msg::AttachmentStillReading, &[&title]);
                return;
            }
            None => match read_lines(&self.meeting_dir, &file) {
                Ok(lines) => (Arc::new(lines), Arc::new(Vec::new())),
                // Not text (a picture, say): the system's viewer can show it.
                Err(NotRead::NotText) => return self.open_externally(&path),
                Err(refusal) => return self.refuse_attachment(&shown_path, refusal),
            },
        };
        // The reader names the file as the meeting file does, short and recognisable.
        let reader = Reader::new(title, file, lines).with_pages(pages);
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
                Action::NextPage | Action::PreviousPage => {
                    let turned = reader.turn_page(action == Action::NextPage);
                    // At the first or last page: said, so the key is not taken for broken.
                    message = (!turned && !reader.pages.is_empty())
                        .then(|| Some((Msg::NoOtherPage.text(lang).to_string(), false)));
                }
                Action::NextMatch | Action::PreviousMatch => {
                    let found = reader.next_match(action == Action::NextMatch);
                    message = found
                        .map(|(n, count)| Some((Msg::MatchOf.fill(lang, &[&n, &count]), false)));
                }
                Action::OpenExternal => {
                    // At the page on screen, where the viewer takes one (a browser's #page=).
                    let at_page = reader.page(page).map(|(n, _)| n);
                    let path = self.meeting_dir.join(&reader.path);
                    self.open_externally_at(&path, at_page);
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

    /// Why an attachment has no text, in a few words for the attachment list and messages
    /// ("scan: no text", "damaged: …").
    pub fn unreadable_words(&self, why: &Unreadable) -> String {
        use crate::extract;
        match why {
            Unreadable::Scanned => self.t(Msg::AttachmentScanned).to_string(),
            Unreadable::Damaged(Some(words)) => {
                // The extractor's first line is enough for a list.
                let first = words.lines().next().unwrap_or_default();
                let first: String = first.chars().take(60).collect();
                self.fill(Msg::AttachmentDamaged, &[&first])
            }
            Unreadable::Damaged(None) => self.t(Msg::AttachmentDamagedSilent).to_string(),
            Unreadable::TooSlow => {
                self.fill(Msg::AttachmentTooSlow, &[&extract::TIME_LIMIT.as_secs()])
            }
            Unreadable::TooMuchText => self.fill(
                Msg::AttachmentHugeText,
                &[&(attachments::MAX_BYTES / (1024 * 1024))],
            ),
            Unreadable::NoExtractor(why) => self.fill(Msg::AttachmentNoExtractor, &[why]),
            Unreadable::DocumentTooLarge => {
                let cap = crate::store::guard::human_size(attachments::MAX_DOCUMENT_BYTES);
                self.fill(Msg::AttachmentTooLargeShort, &[&cap])
            }
            Unreadable::NotRead(refusal) => match refusal {
                NotRead::Missing => self.t(Msg::AttachmentMissingShort).to_string(),
                NotRead::Outside => self.t(Msg::AttachmentOutsideShort).to_string(),
                NotRead::NotRegular(_) => self.t(Msg::AttachmentNotRegularShort).to_string(),
                NotRead::TooLarge => {
                    let cap = crate::store::guard::human_size(attachments::MAX_BYTES);
                    self.fill(Msg::AttachmentTooLargeShort, &[&cap])
                }
                NotRead::TooManyLines => {
                    self.fill(Msg::AttachmentTooManyLinesShort, &[&attachments::MAX_LINES])
                }
                NotRead::NotText => self.t(Msg::AttachmentNotTextShort).to_string(),
            },
        }
    }

    /// Opens a file in the system's viewer. The path is made absolute, so a file named `--help`
    /// is never taken as an option; a file outside the meeting's folder, or one that could run a
    /// program (an x bit, `.desktop`, `.sh`, `.exe`, ...), is opened only after a question, and
    /// one that is not a regular file (a FIFO, a device) not at all.
    pub(super) fn open_externally(&mut self, path: &Path) {
        self.open_externally_at(path, None);
    }

    /// [`Self::open_externally`] at a page of a PDF, when the viewer takes one.
    pub(super) fn open_externally_at(&mut self, path: &Path, page: Option<usize>) {
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
            self.start_viewer_at(&absolute, page);
        }
    }

    /// Starts the system's viewer on an absolute path, without a shell: a name with spaces or
    /// quotes is passed as it is. `GAVEL_OPENER` names another program.
    pub(super) fn start_viewer(&mut self, path: &Path) {
        self.start_viewer_at(path, None);
    }

    fn start_viewer_at(&mut self, path: &Path, page: Option<usize>) {
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
            .arg(viewer_argument(&opener, path, page))
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

/// Browsers, whose PDF viewers open `file://…#page=N` at that page (xdg-open and open take a
/// path, no page).
const PAGE_VIEWERS: &[&str] = &[
    "brave-browser",
    "chromium",
    "chromium-browser",
    "firefox",
    "google-chrome",
    "microsoft-edge",
];

/// What the viewer is given: the absolute path, or for a viewer that takes a page (a browser)
/// and a page to open at, `file://<path>#page=N`.
fn viewer_argument(opener: &str, path: &Path, page: Option<usize>) -> std::ffi::OsString {
    let name = Path::new(opener)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let is_pdf = crate::extract::Format::of(path) == Some(crate::extract::Format::Pdf);
    match page {
        Some(page) if is_pdf && PAGE_VIEWERS.contains(&name.as_str()) => {
            use std::os::unix::ffi::OsStrExt as _;
            // Percent-encoded, so a name with spaces or a # stays one path.
            let mut url = String::from("file://");
            for &byte in path.as_os_str().as_bytes() {
                if byte.is_ascii_alphanumeric() || b"/-_.~".contains(&byte) {
                    url.push(char::from(byte));
                } else {
                    url.push_str(&format!("%{byte:02X}"));
                }
            }
            format!("{url}#page={page}").into()
        }
        _ => path.as_os_str().to_os_string(),
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
    fn a_browser_is_given_the_page_other_viewers_the_path() {
        let pdf = Path::new("/m/bijlagen/rapport #2.pdf");
        assert_eq!(
            viewer_argument("/usr/bin/firefox", pdf, Some(23)),
            "file:///m/bijlagen/rapport%20%232.pdf#page=23"
        );
        assert_eq!(viewer_argument("xdg-open", pdf, Some(23)), pdf.as_os_str());
        assert_eq!(viewer_argument("firefox", pdf, None), pdf.as_os_str());
        let text = Path::new("/m/nota.txt");
        assert_eq!(viewer_argument("firefox", text, Some(2)), text.as_os_str());
    }

    #[test]
    fn search_ignores_accents() {
        let mut reader = reader();
        assert_eq!(search(&mut reader, "éinde"), 1);
        assert_eq!(reader.marked, Some(4));
    }

    #[test]
    fn pages_turn_from_the_line_jumped_to_and_stop_at_the_ends() {
        // Pages of two lines: 0-1, 2-3, 4.
        let mut paged = reader().with_pages(Arc::new(vec![0, 2, 4])).at_line(3);
        assert_eq!(paged.page(10), Some((2, 3)), "the page of the marked line");
        assert!(paged.turn_page(false), "back to the start of its own page");
        assert_eq!((paged.top, paged.page(10)), (2, Some((2, 3))));
        assert!(paged.turn_page(false));
        assert_eq!(paged.page(10), Some((1, 3)));
        assert!(!paged.turn_page(false), "no page before the first");
        assert!(paged.turn_page(true) && paged.turn_page(true));
        assert_eq!((paged.top, paged.page(10)), (4, Some((3, 3))));
        assert!(!paged.turn_page(true), "no page after the last");
        let mut text = reader();
        assert!(!text.turn_page(true), "a text file has no pages");
        assert_eq!(text.page(10), None);
    }

    #[test]
    fn opening_at_a_line_keeps_context_above_it() {
        let reader = reader().at_line(4);
        assert_eq!((reader.top, reader.marked), (1, Some(4)));
    }
}
