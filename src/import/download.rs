//! `gavel import --attachments DIR` of a supplier's meeting: each document the file gives an
//! address for is fetched (ureq with rustls) into `DIR`, so that the console has it as a readable
//! attachment. Over HTTPS only (plain HTTP only from this machine, 127.0.0.1 or localhost, which
//! the tests use); at most [`MAX_DOWNLOAD_BYTES`] (what gavel reads of an attachment), refused
//! by its Content-Length before a byte is read and stopped when a body without one grows past
//! it; named `<date>-item<number>-<title>.<pdf|docx|txt>` from letters, digits and dashes only,
//! so it stays in `DIR`; resumable: a `.part` is continued with a Range request (also when the
//! connection drops, up to three tries), and a file of the right size is kept. `--offline`
//! never touches the network. Every failure is a message naming the URL, never a panic.

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::parse::Import;
use crate::i18n::{Lang, Msg};
use crate::sanitize::say;

/// The largest document fetched: what gavel reads of an attachment file.
pub const MAX_DOWNLOAD_BYTES: u64 = crate::store::attachments::MAX_BYTES;

/// Tries per document: a dropped connection is resumed from what arrived.
const TRIES: usize = 3;

/// The extensions an attachment file may have (FORMAT.md).
const KINDS: &[&str] = &["pdf", "docx", "txt"];

/// What `--attachments` with a supplier's file asks for.
pub struct Options<'a> {
    pub dir: &'a Path,
    /// The meeting file's folder: the links are relative to it.
    pub meeting_dir: &'a Path,
    pub offline: bool,
}

/// How the documents went.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub downloaded: usize,
    pub kept: usize,
    pub failed: usize,
}

/// Fetches every document of `import.remote` into `options.dir` and links the attachments
/// that now have a file; says each failure on `err`.
pub fn fetch_all(import: &mut Import, options: &Options, lang: Lang, err: &mut dyn Write) -> Tally {
    let mut tally = Tally::default();
    if let Err(error) = std::fs::create_dir_all(options.dir) {
        say(
            err,
            &Msg::ImportCannotWrite.fill(lang, &[&options.dir.display(), &error]),
        );
        tally.failed = import.remote.len();
        return tally;
    }
    let mut taken = std::collections::HashSet::new();
    let date = import.meeting.date.format("%Y-%m-%d").to_string();
    let remote = import.remote.clone();
    let bar = indicatif::ProgressBar::new(remote.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    for document in &remote {
        let item = &import.meeting.items[document.item];
        let title = &item.attachments[document.attachment].title;
        bar.set_message(title.clone());
        let Some(kind) = extension(document.file_name.as_deref(), &document.url) else {
            bar.suspend(|| say(err, &Msg::DownloadNotAFileKind.fill(lang, &[&document.url])));
            tally.failed += 1;
            bar.inc(1);
            continue;
        };
        let number = super::slug(&item.number);
        let stem = format!("{date}-item{number}-{}", super::slug(title));
        let mut name = format!("{stem}.{kind}");
        let mut count = 1;
        while !taken.insert(name.clone()) {
            count += 1;
            name = format!("{stem}-{count}.{kind}");
        }
        let path = options.dir.join(&name);
        let outcome = if options.offline {
            offline(&path, document.size)
        } else {
            fetch(&document.url, &path, document.size)
        };
        match outcome {
            Ok(Got::Downloaded) => tally.downloaded += 1,
            Ok(Got::Kept) => tally.kept += 1,
            Err(failure) => {
                tally.failed += 1;
                bar.suspend(|| say(err, &failure.message(&document.url, lang)));
                bar.inc(1);
                continue;
            }
        }
        import.meeting.items[document.item].attachments[document.attachment].file =
            Some(super::relative(options.meeting_dir, &path));
        bar.inc(1);
    }
    bar.finish_and_clear();
    tally
}

enum Got {
    Downloaded,
    Kept,
}

/// Why a document is not in the folder.
#[derive(Debug)]
enum Failure {
    Offline,
    NotHttps,
    TooLarge,
    Status(u16),
    Network(String),
    Disk(String),
    WrongSize(u64, u64),
}

impl Failure {
    fn message(&self, url: &str, lang: Lang) -> String {
        let url = super::source::one_line(url);
        let mib = MAX_DOWNLOAD_BYTES / (1024 * 1024);
        match self {
            Failure::Offline => Msg::DownloadOffline.fill(lang, &[&url]),
            Failure::NotHttps => Msg::DownloadNotHttps.fill(lang, &[&url]),
            Failure::TooLarge => Msg::DownloadTooLarge.fill(lang, &[&url, &mib]),
            Failure::Status(code) => Msg::DownloadStatus.fill(lang, &[&url, code]),
            Failure::Network(why) => Msg::DownloadFailed.fill(lang, &[&url, why]),
            Failure::Disk(why) => Msg::DownloadDisk.fill(lang, &[&url, why]),
            Failure::WrongSize(got, want) => Msg::DownloadWrongSize.fill(lang, &[&url, got, want]),
        }
    }
}

/// `pdf`, `docx` or `txt` from the file name the source gives, else from the URL's last
/// segment; None for any other kind (an attachment file must be one of these).
fn extension(file_name: Option<&str>, url: &str) -> Option<&'static str> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let last = path.rsplit('/').next().unwrap_or_default();
    let from = |name: &str| {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        KINDS.iter().copied().find(|k| *k == ext)
    };
    match file_name.filter(|f| f.contains('.')) {
        Some(name) => from(name),
        // NotuBiz addresses end in a number (".../document/6124062/1"): a PDF unless named.
        None => from(last).or_else(|| (!last.contains('.')).then_some("pdf")),
    }
}

/// Whether the URL's host is this machine, where plain HTTP may be used.
fn is_loopback(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("http://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host.split(':').next().unwrap_or_default(),
    };
    matches!(host, "127.0.0.1" | "localhost" | "::1")
}

fn offline(path: &Path, size: Option<u64>) -> Result<Got, Failure> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() && size.is_none_or(|s| s == meta.len()) => Ok(Got::Kept),
        _ => Err(Failure::Offline),
    }
}

fn agent(loopback: bool) -> ureq::Agent {
    ureq::Agent::config_builder()
        .https_only(!loopback)
        .http_status_as_error(false)
        .max_redirects(5)
        .timeout_connect(Some(Duration::from_secs(15)))
        .timeout_recv_body(Some(Duration::from_secs(60)))
        .timeout_global(Some(Duration::from_secs(300)))
        .build()
        .into()
}

fn fetch(url: &str, path: &Path, size: Option<u64>) -> Result<Got, Failure> {
    let loopback = is_loopback(url);
    if !url.starts_with("https://") && !loopback {
        return Err(Failure::NotHttps);
    }
    if size.is_some_and(|s| s > MAX_DOWNLOAD_BYTES) {
        return Err(Failure::TooLarge);
    }
    // A file of the right size is kept (the size the source gives, or the server's length).
    if let Ok(meta) = std::fs::metadata(path)
        && meta.is_file()
    {
        let want = match size {
            Some(size) => Some(size),
            None => head_length(url, loopback),
        };
        if want == Some(meta.len()) {
            return Ok(Got::Kept);
        }
    }
    let part = part_of(path);
    let agent = agent(loopback);
    let mut last = Failure::Network(String::new());
    for _ in 0..TRIES {
        match fetch_once(&agent, url, &part) {
            Ok(()) => {
                let got = std::fs::metadata(&part).map(|m| m.len()).unwrap_or(0);
                if let Some(want) = size
                    && got != want
                {
                    let _ = std::fs::remove_file(&part);
                    return Err(Failure::WrongSize(got, want));
                }
                std::fs::rename(&part, path).map_err(|e| Failure::Disk(e.to_string()))?;
                return Ok(Got::Downloaded);
            }
            // A dropped connection: try again from what arrived.
            Err(Failure::Network(why)) => last = Failure::Network(why),
            Err(other) => {
                if matches!(other, Failure::TooLarge) {
                    let _ = std::fs::remove_file(&part);
                }
                return Err(other);
            }
        }
    }
    Err(last)
}

/// `DIR/name.pdf.part`: what has arrived so far.
fn part_of(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".part");
    path.with_file_name(name)
}

fn head_length(url: &str, loopback: bool) -> Option<u64> {
    let response = agent(loopback).head(url).call().ok()?;
    if !response.status().is_success() {
        return None;
    }
    response
        .headers()
        .get("content-length")?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// One request: from the start, or from the `.part`'s length with a Range; the body appended
/// to the `.part`, never past the cap.
fn fetch_once(agent: &ureq::Agent, url: &str, part: &Path) -> Result<(), Failure> {
    let have = std::fs::metadata(part).map(|m| m.len()).unwrap_or(0);
    let mut request = agent.get(url);
    if have > 0 {
        request = request.header("Range", format!("bytes={have}-"));
    }
    let response = request
        .call()
        .map_err(|e| Failure::Network(e.to_string()))?;
    let status = response.status().as_u16();
    let resumed = match status {
        206 => true,
        200 => false,
        // The range starts at the end: what arrived is the whole file.
        416 if have > 0 => return Ok(()),
        code => return Err(Failure::Status(code)),
    };
    let length: Option<u64> = response
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok());
    let start = if resumed { have } else { 0 };
    if length.is_some_and(|l| start + l > MAX_DOWNLOAD_BYTES) {
        return Err(Failure::TooLarge);
    }
    let disk = |e: std::io::Error| Failure::Disk(e.to_string());
    let mut file: File = OpenOptions::new()
        .create(true)
        .write(true)
        .append(resumed)
        .truncate(!resumed)
        .open(part)
        .map_err(disk)?;
    let mut body = response.into_body().into_reader();
    let mut buffer = vec![0u8; 64 * 1024];
    let mut written = start;
    loop {
        let read = match body.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => read,
            Err(error) => {
                file.flush().map_err(disk)?;
                return Err(Failure::Network(error.to_string()));
            }
        };
        written += read as u64;
        if written > MAX_DOWNLOAD_BYTES {
            return Err(Failure::TooLarge);
        }
        file.write_all(&buffer[..read]).map_err(disk)?;
    }
    file.flush().map_err(disk)?;
    if let Some(length) = length
        && written != start + length
    {
        return Err(Failure::Network(format!(
            "the connection closed after {written} of {} bytes",
            start + length
        )));
    }
    Ok(())
}

/// Why a supplier's meeting could not be fetched from its address.
#[derive(Debug)]
pub struct SourceFailure(Failure);

impl SourceFailure {
    pub fn message(&self, url: &str, lang: Lang) -> String {
        match &self.0 {
            Failure::TooLarge => {
                let mib = super::source::MAX_SOURCE_BYTES / (1024 * 1024);
                Msg::ImportSourceTooLarge.fill(lang, &[&super::source::one_line(url), &mib])
            }
            other => other.message(url, lang),
        }
    }
}

/// A supplier's meeting fetched from its address (`gavel import https://api.notubiz.nl/...`):
/// over HTTPS (plain HTTP from this machine), refused by its length past `max` bytes, and never
/// more than `max` read.
pub fn fetch_source(url: &str, max: u64) -> Result<Vec<u8>, SourceFailure> {
    let loopback = is_loopback(url);
    if !url.starts_with("https://") && !loopback {
        return Err(SourceFailure(Failure::NotHttps));
    }
    let response = agent(loopback)
        .get(url)
        .header("Accept", "application/json, text/xml, */*")
        .call()
        .map_err(|e| SourceFailure(Failure::Network(e.to_string())))?;
    let status = response.status().as_u16();
    if status != 200 {
        return Err(SourceFailure(Failure::Status(status)));
    }
    let length: Option<u64> = response
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok());
    if length.is_some_and(|l| l > max) {
        return Err(SourceFailure(Failure::TooLarge));
    }
    let mut bytes = Vec::new();
    response
        .into_body()
        .into_reader()
        .take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| SourceFailure(Failure::Network(e.to_string())))?;
    if bytes.len() as u64 > max {
        return Err(SourceFailure(Failure::TooLarge));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pdf_word_and_text_files_are_fetched() {
        assert_eq!(
            extension(Some("Agenda.PDF"), "https://api.notubiz.nl/document/1/1"),
            Some("pdf")
        );
        assert_eq!(
            extension(None, "https://api.notubiz.nl/document/1/1"),
            Some("pdf")
        );
        assert_eq!(
            extension(None, "https://x.nl/a/brief.docx?v=2"),
            Some("docx")
        );
        assert_eq!(extension(Some("film.mp4"), "https://x.nl/a"), None);
        assert_eq!(extension(None, "https://x.nl/a/run.exe"), None);
    }

    #[test]
    fn plain_http_only_from_this_machine() {
        assert!(is_loopback("http://127.0.0.1:8080/a.pdf"));
        assert!(is_loopback("http://localhost/a.pdf"));
        assert!(is_loopback("http://[::1]:80/a.pdf"));
        assert!(!is_loopback("http://127.0.0.1.example.nl/a.pdf"));
        assert!(!is_loopback("http://example.nl/a.pdf"));
        assert!(!is_loopback("https://127.0.0.1/a.pdf"));
    }
}
