//! The attachments of a meeting file as `gavel check` reads them: each distinct file once, two
//! at a time, and the warning for one that cannot be read.

use super::*;

/// How many attachments `gavel check` reads at once: a PDF's reader is a process of its own, and
/// the machines have two cores or more.
pub(super) const READERS: usize = 2;

/// Reads every attachment file of a meeting not in `read` yet, once, [`READERS`] at a time, as
/// the console will (the cache beside the meeting is used, not written), into `read`.
pub(super) fn read_each_once(meeting: &Meeting, folder: &Path, read: &mut AttachmentsRead) {
    let mut files: Vec<&str> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for attachment in meeting.items.iter().flat_map(|item| &item.attachments) {
        if let Some(file) = attachment.file.as_deref()
            && !read.contains_key(&(folder.to_path_buf(), file.to_string()))
            && seen.insert(file)
        {
            files.push(file);
        }
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let read_some = || {
        let cache = Cache::read_only(folder);
        let mut read = Vec::new();
        loop {
            let at = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(&file) = files.get(at) else {
                return read;
            };
            let refusal = read_attachment(folder, file, Some(&cache)).err();
            read.push((file.to_string(), refusal));
        }
    };
    let found = std::thread::scope(|scope| {
        let others: Vec<_> = (1..READERS.min(files.len()))
            .map(|_| scope.spawn(read_some))
            .collect();
        let mut found = read_some();
        for other in others {
            // As if read on this thread: a reader's panic is this thread's.
            found.extend(
                other
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        found
    });
    read.extend(
        found
            .into_iter()
            .map(|(file, refusal)| ((folder.to_path_buf(), file), refusal)),
    );
}

/// The warning about an attachment that is not read, and what to do; `None` when it is fine
/// that it is not read as text (a PDF is shown by the system's viewer).
pub(super) fn attachment_warning(
    file: &str,
    refusal: Unreadable,
) -> Option<(String, &'static str)> {
    let file = shown(file);
    let viewer = "the console opens it in the system's viewer (o)";
    let refusal = match refusal {
        Unreadable::NotRead(refusal) => refusal,
        Unreadable::Scanned => {
            return Some((
                format!("attachment file \"{file}\" has no text (a scan): not read or searched"),
                "the console opens it in the system's viewer (o); a PDF with its text (not only an image of it) can be searched",
            ));
        }
        Unreadable::Damaged(words) => {
            let words = words.unwrap_or_else(|| "its reader stopped on it".into());
            let words: String = words
                .lines()
                .next()
                .unwrap_or_default()
                .chars()
                .take(80)
                .collect();
            return Some((
                format!(
                    "attachment file \"{file}\" cannot be read ({words}): not read or searched"
                ),
                viewer,
            ));
        }
        Unreadable::TooSlow => {
            return Some((
                format!(
                    "attachment file \"{file}\" was not read within {} s: not read or searched",
                    crate::extract::TIME_LIMIT.as_secs()
                ),
                viewer,
            ));
        }
        Unreadable::TooMuchText => NotRead::TooLarge,
        Unreadable::DocumentTooLarge => {
            return Some((
                format!(
                    "attachment file \"{file}\" is larger than {}: not read or searched",
                    guard::human_size(attachments::MAX_DOCUMENT_BYTES)
                ),
                viewer,
            ));
        }
        Unreadable::NoExtractor(why) => {
            return Some((
                format!(
                    "attachment file \"{file}\" could not be read: the reader did not start ({why})"
                ),
                "install Poppler's pdftotext, or check that gavel can start itself",
            ));
        }
    };
    Some(match refusal {
        NotRead::NotText => (
            format!("attachment file \"{file}\" is not text, PDF or DOCX: not read or searched"),
            viewer,
        ),
        NotRead::Missing => (
            format!("attachment file \"{file}\" not found"),
            "attachment paths are relative to the meeting file's folder",
        ),
        NotRead::Outside => (
            format!(
                "attachment file \"{file}\" is outside the meeting's folder: not read or searched"
            ),
            "put the file in the meeting's folder or a folder under it; the console opens it only after a question",
        ),
        NotRead::NotRegular(kind) => (
            format!(
                "attachment file \"{file}\" is not a regular file ({})",
                kind.words()
            ),
            "an attachment is an ordinary file in the meeting's folder",
        ),
        NotRead::TooLarge => (
            format!(
                "attachment file \"{file}\" is larger than {}: not read or searched",
                guard::human_size(attachments::MAX_BYTES)
            ),
            "the console opens it in the system's viewer (o); or split it into smaller files",
        ),
        NotRead::TooManyLines => (
            format!(
                "attachment file \"{file}\" has more than {} lines: not read or searched",
                attachments::MAX_LINES
            ),
            "the console opens it in the system's viewer (o); or split it into smaller files",
        ),
    })
}
