//! Attachment texts made searchable once, in the background: read, split into lines, turned into
//! palette entries and folded for the matcher, so neither starting gavel nor opening the palette
//! waits for them, however large they are.

use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};

use super::picker::{Entry, Kind, Pick};
use crate::domain::meeting::Meeting;
use crate::i18n::{Lang, Msg};
use crate::search::Candidate;
use crate::store::attachments::{attachment_files, read_lines};

/// One attachment's text, ready for the reader and the search palette.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexedAttachment {
    pub item: usize,
    pub index: usize,
    pub lines: Arc<Vec<String>>,
    pub entries: Arc<[Entry]>,
    pub candidates: Arc<[Candidate]>,
}

/// Builds the palette entries of an attachment's lines: the line is the label, the attachment's
/// title and place are shown with it and also searched (its line number is shown, not searched).
pub fn index_attachment(
    meeting: &Meeting,
    lang: Lang,
    item: usize,
    index: usize,
    lines: Vec<String>,
) -> IndexedAttachment {
    let number = &meeting.items[item].number;
    let title = &meeting.items[item].attachments[index].title;
    let place = Msg::SearchKindAttachment.fill(lang, &[number]);
    let entries: Vec<Entry> = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(line_index, line)| Entry {
            label: line.trim().to_string(),
            detail: format!(
                "{title} · {}",
                Msg::SearchKindLine.fill(lang, &[&place, &(line_index + 1)])
            ),
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
        entries: Arc::from(entries),
        candidates: Arc::from(candidates),
    }
}

/// Starts a thread that indexes every text attachment of the meeting and sends each on when done.
/// Missing files, files that are not text and files refused by `store::attachments` (outside
/// the meeting's folder, not regular, over the caps) are left out: opening them says why.
pub fn index_in_background(
    meeting: &Meeting,
    meeting_dir: &Path,
    lang: Lang,
) -> Receiver<IndexedAttachment> {
    let files = attachment_files(meeting);
    let meeting_dir = meeting_dir.to_path_buf();
    let meeting = meeting.clone();
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for (item, index, file) in files {
            if let Ok(lines) = read_lines(&meeting_dir, &file) {
                let indexed = index_attachment(&meeting, lang, item, index, lines);
                if sender.send(indexed).is_err() {
                    return; // the console has ended
                }
            }
        }
    });
    receiver
}
