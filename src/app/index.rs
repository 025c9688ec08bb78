//! Attachment texts made searchable once, in the background: read, split into lines, turned into
//! palette entries and folded for the matcher, so neither starting gavel nor opening the palette
//! waits for them, however large they are.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver};

use super::picker::{Entry, Kind, Pick};
use crate::domain::meeting::Meeting;
use crate::i18n::{Lang, Msg};
use crate::keymap::Action;
use crate::search::Candidate;
use crate::store::attachments::{attachment_files, resolved_folder};
use crate::store::cache::Cache;
use crate::store::documents::{DocumentText, Unreadable, page_of, read_attachment};

/// One attachment's text, ready for the reader and the search palette.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexedAttachment {
    pub item: usize,
    pub index: usize,
    pub lines: Arc<Vec<String>>,
    /// The first line of each page (a PDF's, a Word file's); empty for a text file.
    pub pages: Arc<Vec<usize>>,
    pub entries: Arc<[Entry]>,
    pub candidates: Arc<[Candidate]>,
}

/// Builds the palette entries of an attachment's lines: the line is the label, the attachment's
/// title and place are shown with it and also searched (its line number, or its page for a
/// document with pages, is shown, not searched).
pub fn index_attachment(
    meeting: &Meeting,
    lang: Lang,
    item: usize,
    index: usize,
    text: DocumentText,
) -> IndexedAttachment {
    let DocumentText { lines, pages, .. } = text;
    let number = &meeting.items[item].number;
    let title = &meeting.items[item].attachments[index].title;
    let place = Msg::SearchKindAttachment.fill(lang, &[number]);
    // Beside a page the title is kept short, so the page stays in view in a narrow palette.
    let short_title = if title.chars().count() > 32 {
        format!("{}…", title.chars().take(31).collect::<String>().trim_end())
    } else {
        title.clone()
    };
    let entries: Vec<Entry> = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(line_index, line)| Entry {
            label: line.trim().to_string(),
            detail: match page_of(&pages, line_index) {
                // "Rekenkamerrapport p. 23 · bijlage, punt 3": the page, as a chair cites it.
                Some(page) => format!(
                    "{} · {place}",
                    Msg::SearchKindPage.fill(lang, &[&short_title, &page])
                ),
                None => format!(
                    "{title} · {}",
                    Msg::SearchKindLine.fill(lang, &[&place, &(line_index + 1)])
                ),
            },
            context: Some(format!("{title} {place}")),
            kind: Kind::Attachment,
            pick: Pick::AttachmentLine {
                item,
                index,
                line: line_index,
            },
        })
        .collect();
    let candidates: Vec<Candidate> = entries.iter().map(Entry::candidate).collect();
    IndexedAttachment {
        item,
        index,
        lines: Arc::new(lines),
        pages: Arc::new(pages),
        entries: Arc::from(entries),
        candidates: Arc::from(candidates),
    }
}

/// Each attachment file once, with every (item, attachment) that names it, in agenda order: the
/// indexer reads a file once however many items name it (a 1 000-item meeting naming one damaged
/// PDF ran its extractor a thousand times at start), and sends the result for every place.
pub fn places_of(meeting: &Meeting) -> Vec<(String, Vec<(usize, usize)>)> {
    let mut places: Vec<(String, Vec<(usize, usize)>)> = Vec::new();
    let mut seen: rustc_hash::FxHashMap<String, usize> = rustc_hash::FxHashMap::default();
    for (item, index, file) in attachment_files(meeting) {
        match seen.get(&file) {
            Some(&at) => places[at].1.push((item, index)),
            None => {
                seen.insert(file.clone(), places.len());
                places.push((file, vec![(item, index)]));
            }
        }
    }
    places
}

/// Starts threads that read and index every attachment of the meeting and send each on when
/// done: `Action::AttachmentIndexed`, or `Action::AttachmentUnreadable` with the reason (a
/// scan, a damaged PDF, a missing file), which the attachment list shows. PDFs and Word files
/// are extracted in child processes (`crate::extract`), or taken from the cache beside the
/// meeting; two at a time, so one slow file does not hold up the rest.
pub fn index_in_background(meeting: &Meeting, meeting_dir: &Path, lang: Lang) -> Receiver<Action> {
    let files = Arc::new(places_of(meeting));
    let meeting = Arc::new(meeting.clone());
    let folder = resolved_folder(meeting_dir);
    let next = Arc::new(AtomicUsize::new(0));
    let (sender, receiver) = mpsc::channel();
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(1, 2));
    for _ in 0..workers {
        let (files, meeting, folder, next) = (
            Arc::clone(&files),
            Arc::clone(&meeting),
            folder.clone(),
            Arc::clone(&next),
        );
        let sender = sender.clone();
        std::thread::spawn(move || {
            let cache = folder.as_deref().map(Cache::beside);
            while let Some((file, at)) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
                let read = match &folder {
                    Some(folder) => read_attachment(folder, file, cache.as_ref()),
                    None => Err(Unreadable::NotRead(
                        crate::store::attachments::NotRead::Missing,
                    )),
                };
                for &(item, index) in at {
                    let action = match &read {
                        Ok(text) => Action::AttachmentIndexed(index_attachment(
                            &meeting,
                            lang,
                            item,
                            index,
                            text.clone(),
                        )),
                        Err(why) => Action::AttachmentUnreadable {
                            item,
                            index,
                            why: why.clone(),
                        },
                    };
                    if sender.send(action).is_err() {
                        return; // the console has ended
                    }
                }
            }
        });
    }
    receiver
}
