//! Finding and reading attachment files (the search index is built from them in `app::index`).

use std::path::{Path, PathBuf};

use crate::domain::meeting::Meeting;

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
