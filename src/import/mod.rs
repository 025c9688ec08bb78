//! `gavel import PACK`: the council's agenda pack (PDF or its text) -> a meeting file the griffie
//! only has to check. The rules that recognise the parts are data (`style.rs`, one table per
//! council); `parse.rs` applies them, `yaml.rs` writes the result with its guesses and the
//! passages it could not place as comments. Reads `domain` and `store`, never `app`.

pub mod download;
pub mod go;
pub mod ibabs;
pub mod notubiz;
pub mod ods;
pub mod ori;
pub mod parse;
pub mod source;
pub mod style;
pub mod yaml;

use std::io::Write;
use std::path::{Component, Path, PathBuf};

pub use crate::extract;
use crate::i18n::{Lang, Msg};
use crate::sanitize::say;
use crate::search::fold::fold_str;
use crate::store::save::write_file;
pub use parse::{Import, NoItems, Passage, parse};
use style::{Rules, STYLES, Style};

/// What the command line asked for.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub pack: PathBuf,
    pub output: Option<PathBuf>,
    pub attachments: Option<PathBuf>,
    pub force: bool,
    /// `--from`: read the file as this supplier's open data (else recognised by content).
    pub from: Option<source::Source>,
    /// `--offline`: a supplier's documents are not downloaded, only those in the folder linked.
    pub offline: bool,
}

/// Why a pack gave no meeting; each names the file.
#[derive(Debug, Clone, PartialEq)]
pub enum PackError {
    Unreadable(String),
    Empty,
    Binary,
    NoText,
    PdfFailed(String),
    NoItems(&'static str),
    /// A FIFO, a device, a folder: refused as the console's loader refuses them, unopened or
    /// opened without blocking.
    NotAFile(&'static str),
    PdfTooSlow,
    PdfTooMuchText,
    /// The extractor crashed or was stopped by its memory limit.
    PdfCrashed,
}

impl PackError {
    pub fn message(&self, pack: &Path, lang: Lang) -> String {
        let file = pack.display();
        match self {
            PackError::Unreadable(why) => Msg::ImportCannotRead.fill(lang, &[&file, why]),
            PackError::Empty => Msg::ImportEmpty.fill(lang, &[&file]),
            PackError::Binary => Msg::ImportBinary.fill(lang, &[&file]),
            PackError::NoText => Msg::ImportNoText.fill(lang, &[&file]),
            PackError::PdfFailed(why) => Msg::ImportPdfFailed.fill(lang, &[&file, why]),
            PackError::NoItems(style) => Msg::ImportNoItems.fill(lang, &[&file, style]),
            PackError::NotAFile(kind) => {
                let kind = crate::i18n::translate(kind, lang);
                Msg::ImportNotAFile.fill(lang, &[&file, &kind])
            }
            PackError::PdfTooSlow => {
                let secs = extract::TIME_LIMIT.as_secs();
                Msg::ImportPdfTooSlow.fill(lang, &[&file, &secs])
            }
            PackError::PdfTooMuchText => {
                let mib = extract::MAX_TEXT_BYTES / (1024 * 1024);
                Msg::ImportPdfTooMuchText.fill(lang, &[&file, &mib])
            }
            PackError::PdfCrashed => {
                let mib = extract::MEMORY_LIMIT / (1024 * 1024);
                Msg::ImportPdfCrashed.fill(lang, &[&file, &mib])
            }
        }
    }
}

/// The largest pack read: agenda packs run to tens of megabytes, not more.
pub const MAX_PACK_BYTES: u64 = extract::MAX_INPUT_BYTES;

/// The pack's text: a PDF through Poppler's `pdftotext -layout` (or the pdf-extract crate when
/// Poppler is not installed), text as it is.
pub fn pack_text(path: &Path) -> Result<String, PackError> {
    read_pack(path).and_then(|bytes| pack_text_of(&bytes))
}

/// The file's bytes, a regular file's only, to the cap.
fn read_pack(path: &Path) -> Result<Vec<u8>, PackError> {
    use std::io::Read as _;
    let unreadable = |e: std::io::Error| PackError::Unreadable(e.to_string());
    // A FIFO blocked for ever and /dev/zero was read until memory ran out (its length is 0):
    // only a regular file is read, and never more than the cap, whatever its length says.
    let file = match crate::store::attachments::open_regular(path).map_err(unreadable)? {
        Ok(file) => file,
        Err(kind) => return Err(PackError::NotAFile(kind.words())),
    };
    let mut bytes = Vec::new();
    file.take(MAX_PACK_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_PACK_BYTES {
        return Err(PackError::Unreadable(format!(
            "larger than {MAX_PACK_BYTES} bytes"
        )));
    }
    Ok(bytes)
}

/// The meeting from the pack or from a supplier's open data, and the name of what read it; or
/// the message that says why not.
fn read_input(request: &Request, lang: Lang) -> Result<(Import, &'static str), String> {
    use std::io::Read as _;
    let pack = &request.pack;
    // A supplier's file larger than its cap is refused before it is read: by `--from`, or by a
    // head that opens like JSON or XML.
    if let Ok(meta) = std::fs::metadata(pack)
        && meta.is_file()
        && meta.len() > source::MAX_SOURCE_BYTES
    {
        let mut head = [0u8; 64];
        let read = std::fs::File::open(pack)
            .and_then(|mut f| f.read(&mut head))
            .unwrap_or(0);
        let text = String::from_utf8_lossy(&head[..read]);
        let opens = text.trim_start_matches('\u{feff}').trim_start();
        if request.from.is_some() || opens.starts_with('{') || opens.starts_with('<') {
            return Err(source::SourceError::TooLarge.message(pack, lang));
        }
    }
    let address = pack.to_string_lossy();
    let bytes = if address.starts_with("https://") || address.starts_with("http://") {
        // A supplier's API address: its meeting fetched, never more than a supplier's cap.
        if request.offline {
            return Err(Msg::ImportUrlOffline.fill(lang, &[&address]));
        }
        let bytes = download::fetch_source(&address, source::MAX_SOURCE_BYTES)
            .map_err(|e| e.message(&address, lang))?;
        if request.from.is_none() && source::recognise(&bytes).ok().flatten().is_none() {
            return Err(Msg::ImportUrlNotASource.fill(lang, &[&address]));
        }
        bytes
    } else {
        read_pack(pack).map_err(|e| e.message(pack, lang))?
    };
    let recognised = match request.from {
        Some(from) => Some(from),
        None => source::recognise(&bytes).map_err(|e| e.message(pack, lang))?,
    };
    if let Some(from) = recognised {
        return source::import_source(&bytes, from)
            .map(|import| (import, from.name()))
            .map_err(|e| e.message(pack, lang));
    }
    let text = pack_text_of(&bytes).map_err(|e| e.message(pack, lang))?;
    import_text(&text)
        .map(|(import, style)| (import, style.name))
        .map_err(|e| e.message(pack, lang))
}

fn pack_text_of(bytes: &[u8]) -> Result<String, PackError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(PackError::Empty);
    }
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        let text = pdf_text(bytes)?;
        if text.chars().all(char::is_whitespace) {
            return Err(PackError::NoText);
        }
        return Ok(text);
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.trim_start_matches('\u{feff}').to_string(),
        // Windows-1252 or Latin-1 text, as older systems write it: each byte is one letter.
        Err(_) => bytes.iter().map(|&b| char::from(b)).collect(),
    };
    let control = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if text.contains('\0') || control * 100 > text.chars().count() {
        return Err(PackError::Binary);
    }
    Ok(text)
}

fn pdf_text(bytes: &[u8]) -> Result<String, PackError> {
    extract::pdf_text(bytes).map_err(|error| match error {
        extract::ExtractError::Failed(Some(words)) => PackError::PdfFailed(words),
        extract::ExtractError::Failed(None) => PackError::PdfCrashed,
        extract::ExtractError::TooSlow => PackError::PdfTooSlow,
        extract::ExtractError::TooMuchText => PackError::PdfTooMuchText,
        extract::ExtractError::NoChild(why) => PackError::PdfFailed(why),
        extract::ExtractError::Missing => PackError::PdfFailed("not installed".into()),
    })
}

/// The pack's text read by the first style whose rules find agenda items in it.
pub fn import_text(text: &str) -> Result<(Import, Style), PackError> {
    for style in STYLES {
        let rules = Rules::new(*style).map_err(PackError::PdfFailed)?;
        if let Ok(import) = parse(text, &rules) {
            return Ok((import, *style));
        }
    }
    Err(PackError::NoItems(STYLES[0].name))
}

/// `gavel import`: returns the exit code; the meeting goes to the file or `out`, messages to `err`.
pub fn run(request: &Request, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let fail = |err: &mut dyn Write, message: String| {
        say(err, &message);
        1
    };
    if let Some(output) = &request.output {
        if output.to_string_lossy().ends_with(".minutes.yaml") {
            return fail(err, Msg::ImportMinutesFile.fill(lang, &[&output.display()]));
        }
        if output.exists() && !request.force {
            // As export, brief and commitments: refusing to overwrite is a usage error (exit 2).
            say(err, &Msg::ImportExists.fill(lang, &[&output.display()]));
            return 2;
        }
    }
    let (mut import, style) = match read_input(request, lang) {
        Ok(found) => found,
        Err(message) => return fail(err, message),
    };
    let meeting_dir = match &request.output {
        Some(output) => output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
        None => PathBuf::from("."),
    };
    // A supplier's documents are downloaded into the folder (the pack's texts are written below).
    let mut tally = None;
    if let Some(dir) = &request.attachments
        && !import.remote.is_empty()
    {
        let options = download::Options {
            dir,
            meeting_dir: &meeting_dir,
            offline: request.offline,
        };
        tally = Some(download::fetch_all(&mut import, &options, lang, err));
    }
    let mut written = 0;
    let mut to_write: Vec<(PathBuf, String)> = Vec::new();
    if let Some(dir) = &request.attachments {
        let files = attachment_files(&import, dir);
        if !request.force
            && let Some((_, _, path)) = files.iter().find(|(_, _, path)| path.exists())
        {
            say(err, &Msg::ImportExists.fill(lang, &[&path.display()]));
            return 2;
        }
        for (item, n, path) in files {
            let Some(text) = &import.texts[item][n] else {
                continue;
            };
            let body = format!("{}\n", text.text);
            // What the loader would refuse is not written: said, and the meeting names no file.
            let lines = body.lines().count();
            if body.len() as u64 > crate::store::attachments::MAX_BYTES
                || lines > crate::store::attachments::MAX_LINES
            {
                let mib = crate::store::attachments::MAX_BYTES / (1024 * 1024);
                let title = &import.meeting.items[item].attachments[n].title;
                say(
                    err,
                    &Msg::ImportAttachmentTooLarge.fill(lang, &[&title, &mib]),
                );
                continue;
            }
            import.meeting.items[item].attachments[n].file = Some(relative(&meeting_dir, &path));
            to_write.push((path, body));
        }
    }
    let address = request.pack.to_string_lossy();
    let source = if address.starts_with("https://") || address.starts_with("http://") {
        source::one_line(&address)
    } else {
        request.pack.file_name().map_or_else(
            || request.pack.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    };
    let text = yaml::meeting_yaml(&import, &source, style, lang);
    // A meeting file larger than gavel reads back is not written (check refused 50-98 MiB).
    if text.len() > crate::store::guard::MAX_BYTES {
        let size = text.len().div_ceil(1024 * 1024);
        let max = crate::store::guard::MAX_BYTES / (1024 * 1024);
        return fail(err, Msg::ImportTooLarge.fill(lang, &[&size, &max]));
    }
    if let Some(dir) = &request.attachments {
        if let Err(error) = std::fs::create_dir_all(dir) {
            return fail(
                err,
                Msg::ImportCannotWrite.fill(lang, &[&dir.display(), &error]),
            );
        }
        for (path, body) in &to_write {
            if let Err(error) = write_file(path, body.as_bytes()) {
                return fail(err, Msg::ImportWriteFailed.fill(lang, &[&error]));
            }
            written += 1;
        }
    }
    match &request.output {
        Some(output) => {
            if let Err(error) = write_file(output, text.as_bytes()) {
                return fail(err, Msg::ImportWriteFailed.fill(lang, &[&error]));
            }
        }
        None => {
            let _ = out.write_all(text.as_bytes());
        }
    }
    say(err, &summary(&import, lang));
    if let Some(dir) = &request.attachments {
        let line = match &tally {
            Some(t) => Msg::ImportDownloaded
                .fill(lang, &[&t.downloaded, &t.kept, &dir.display(), &t.failed]),
            None => Msg::ImportAttachmentTexts.fill(lang, &[&written, &dir.display()]),
        };
        say(err, &line);
    }
    if let Some(output) = &request.output {
        say(
            err,
            &Msg::ImportWritten.fill(lang, &[&output.display(), &output.display()]),
        );
    }
    0
}

/// "7 items, 4 informants, 9 attachments; 3 passages not placed: lines 1-3, ...".
pub fn summary(import: &Import, lang: Lang) -> String {
    let items = &import.meeting.items;
    let informants: usize = items.iter().map(|i| i.informants.len()).sum();
    let attachments: usize = items.iter().map(|i| i.attachments.len()).sum();
    let mut text = Msg::ImportCounts.fill(lang, &[&items.len(), &informants, &attachments]);
    if !import.notes.is_empty() {
        // A supplier's file: no passages, but what the meeting file cannot hold as comments.
        text.push_str(&Msg::ImportNotes.fill(lang, &[&import.notes.len()]));
    } else if import.unplaced.is_empty() {
        text.push_str(&Msg::ImportAllPlaced.fill(lang, &[]));
    } else {
        let ranges: Vec<String> = import.unplaced.iter().map(range).collect();
        let count = import.unplaced.len();
        let msg = if count == 1 {
            Msg::ImportNotPlacedOne
        } else {
            Msg::ImportNotPlaced
        };
        text.push_str(&msg.fill(lang, &[&count, &ranges.join(", ")]));
    }
    for skipped in &import.skipped {
        text.push_str(&Msg::ImportSkipped.fill(lang, &[&range(skipped)]));
    }
    let guesses = import.guesses.len();
    if guesses > 0 {
        text.push_str(&Msg::ImportGuesses.fill(lang, &[&guesses]));
    }
    text
}

fn range(passage: &Passage) -> String {
    if passage.first == passage.last {
        passage.first.to_string()
    } else {
        format!("{}-{}", passage.first, passage.last)
    }
}

/// Where each attachment's text goes: `<date>-item<number>-<title>.txt` in `dir`.
fn attachment_files(import: &Import, dir: &Path) -> Vec<(usize, usize, PathBuf)> {
    let mut files = Vec::new();
    // Titles that slug alike ("Kaart stallingen", "Kaart – stallingen") get -2, -3: one file
    // each (the first text was lost, and the summary counted files that were not there).
    let mut taken = std::collections::HashSet::new();
    let date = import.meeting.date.format("%Y-%m-%d");
    for (i, item) in import.meeting.items.iter().enumerate() {
        for (n, attachment) in item.attachments.iter().enumerate() {
            if import.texts[i][n].is_none() {
                continue;
            }
            let number = item.number.replace('.', "");
            let stem = format!("{date}-item{number}-{}", slug(&attachment.title));
            let mut name = format!("{stem}.txt");
            let mut count = 1;
            while !taken.insert(name.to_lowercase()) {
                count += 1;
                name = format!("{stem}-{count}.txt");
            }
            files.push((i, n, dir.join(name)));
        }
    }
    files
}

/// A file name from a title: folded letters and digits, words joined by dashes, not too long.
fn slug(title: &str) -> String {
    let folded = fold_str(title);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut slug = String::new();
    for word in words {
        if slug.len() + word.len() > 70 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    if slug.is_empty() {
        slug.push_str("bijlage");
    }
    slug
}

/// `to` as seen from the folder `from`, with `/` between the parts (as the meeting file wants).
fn relative(from: &Path, to: &Path) -> String {
    let absolute = |path: &Path| -> Vec<String> {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let mut parts: Vec<String> = Vec::new();
        for component in path.components() {
            match component {
                Component::ParentDir => {
                    parts.pop();
                }
                Component::CurDir => {}
                other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
            }
        }
        parts
    };
    let (from, to) = (absolute(from), absolute(to));
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(to[common..].iter().cloned());
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_go_up_and_down() {
        assert_eq!(
            relative(Path::new("/a/b"), Path::new("/a/b/bijlagen/x.txt")),
            "bijlagen/x.txt"
        );
        assert_eq!(
            relative(Path::new("/a/b"), Path::new("/a/c/x.txt")),
            "../c/x.txt"
        );
    }

    /// Issue 22, 6: "Kaart stallingen binnenstad" and "Kaart – stallingen binnenstad" went to
    /// one file; the first text was lost.
    #[test]
    fn attachments_whose_titles_slug_alike_get_files_of_their_own() {
        let pack = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/import/raadsplein-2018-02-12.txt"
        );
        let text = std::fs::read_to_string(pack).unwrap();
        let (mut import, _) = import_text(&text).unwrap();
        let with_text: Vec<(usize, usize)> = (0..import.meeting.items.len())
            .flat_map(|i| (0..import.texts[i].len()).map(move |n| (i, n)))
            .filter(|&(i, n)| import.texts[i][n].is_some())
            .collect();
        assert!(with_text.len() >= 2, "the pack has two attachment texts");
        // Two of one item, or of items with one number: the same name but for the slug.
        let (first, second) = (with_text[0], with_text[1]);
        import.meeting.items[second.0].number = import.meeting.items[first.0].number.clone();
        import.meeting.items[first.0].attachments[first.1].title =
            "Kaart stallingen binnenstad".into();
        import.meeting.items[second.0].attachments[second.1].title =
            "Kaart – stallingen binnenstad".into();
        let files = attachment_files(&import, Path::new("bijlagen"));
        let mut names: Vec<&PathBuf> = files.iter().map(|(_, _, path)| path).collect();
        let count = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), count, "{names:?}");
    }

    #[test]
    fn slugs_are_plain_words() {
        assert_eq!(
            slug("Rekenkamerrapport 'Van exclusief beleid naar exclusieve aandacht'"),
            "rekenkamerrapport-van-exclusief-beleid-naar-exclusieve-aandacht"
        );
        assert_eq!(
            slug("2. Advies van de Participatieraad"),
            "2-advies-van-de-participatieraad"
        );
    }

    #[test]
    fn empty_binary_and_text_are_told_apart() {
        assert_eq!(pack_text_of(b""), Err(PackError::Empty));
        assert_eq!(pack_text_of(b" \n\n"), Err(PackError::Empty));
        assert_eq!(
            pack_text_of(b"\x7fELF\x02\x01\x01\0\0\0"),
            Err(PackError::Binary)
        );
        assert_eq!(pack_text_of(b"1 Opening\n").unwrap(), "1 Opening\n");
    }
}
