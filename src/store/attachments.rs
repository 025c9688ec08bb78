//! Attachment texts, read once in the background so the console is usable at once, however large
//! the attachments are.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};

use crate::domain::meeting::Meeting;

/// The text of one attachment, by item and attachment index, as lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentText {
    pub item: usize,
    pub index: usize,
    pub lines: Arc<Vec<String>>,
}

/// Every attachment file the meeting names, with its place.
pub fn attachment_files(meeting: &Meeting, meeting_dir: &Path) -> Vec<(usize, usize, PathBuf)> {
    let mut files = Vec::new();
    for (item, entry) in meeting.items.iter().enumerate() {
        for (index, attachment) in entry.attachments.iter().enumerate() {
            if let Some(file) = &attachment.file {
                files.push((item, index, meeting_dir.join(file)));
            }
        }
    }
    files
}

/// Reads a text attachment as lines (tabs as spaces); `None` when it is missing or not text.
pub fn read_lines(path: &Path) -> Option<Vec<String>> {
    let bytes = std::fs::read(path).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    Some(
        text.lines()
            .map(|line| line.replace('\t', "    "))
            .collect(),
    )
}

/// Starts a thread that reads every text attachment and sends it on; the console takes what has
/// arrived on each tick. Files that are missing or not text are left out (opening them says why).
pub fn read_in_background(meeting: &Meeting, meeting_dir: &Path) -> Receiver<AttachmentText> {
    let files = attachment_files(meeting, meeting_dir);
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for (item, index, path) in files {
            if let Some(lines) = read_lines(&path) {
                let text = AttachmentText {
                    item,
                    index,
                    lines: Arc::new(lines),
                };
                if sender.send(text).is_err() {
                    return; // the console has ended
                }
            }
        }
    });
    receiver
}
