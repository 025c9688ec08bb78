//! A PDF's or a Word file's text, extracted where nothing the file does can stop or swell gavel
//! itself: Poppler's `pdftotext -layout` when it is installed, else the pdf-extract crate, and
//! for DOCX zip + quick-xml over `word/document.xml`, each in a child process (gavel itself,
//! started again with a hidden first argument) under a time limit, a memory limit (`RLIMIT_AS`)
//! and a cap on the text it returns. A page tree that loops, arrays nested deep enough to
//! overflow the stack, a compression bomb: each ends the child, and gavel says the file could
//! not be read (issue 22, 5). Pages are separated by form feeds (`\x0c`), as `pdftotext` writes
//! them. Every reader of documents (`gavel import`, the console's attachments, `gavel check`)
//! goes through here.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

/// The hidden first argument that makes gavel the extractor (reads a PDF on standard input,
/// writes its text on standard output). Not a command for people: it is in no help.
pub const CHILD_ARG: &str = "__gavel-extract-pdf";
/// The same for a Word file (DOCX).
pub const DOCX_CHILD_ARG: &str = "__gavel-extract-docx";
/// The same that becomes Poppler's `pdftotext -layout` (under the child's limits, and ended
/// with gavel), or reads with the pdf-extract crate when Poppler is not installed.
pub const POPPLER_CHILD_ARG: &str = "__gavel-extract-pdftotext";
/// The same that opens a seat file of two seats (issue 26) under the limits and says whether it
/// holds gavel's minutes: automerge inflates a file's columns without a bound of its own.
pub const SEAT_CHILD_ARG: &str = "__gavel-open-seat";
/// How long opening a seat file may take (a large meeting's takes well under a second).
pub const SEAT_TIME_LIMIT: Duration = Duration::from_secs(10);
/// Names the `pdftotext` to run (default: `pdftotext` on the PATH).
pub const PDFTOTEXT_VAR: &str = "GAVEL_PDFTOTEXT";
/// The largest input the extractor reads: agenda packs run to tens of megabytes, not more.
pub const MAX_INPUT_BYTES: u64 = 512 * 1024 * 1024;
/// The most XML read from a Word file's `word/document.xml` (a zip bomb stops here).
const MAX_DOCX_XML_BYTES: u64 = 256 * 1024 * 1024;
/// Separates pages in extracted text, as `pdftotext` does.
pub const PAGE_BREAK: char = '\u{c}';
/// How long the extractor may take: a 100-page agenda pack takes well under a second.
pub const TIME_LIMIT: Duration = Duration::from_secs(20);
/// The address space the extractor may use.
pub const MEMORY_LIMIT: u64 = 1024 * 1024 * 1024;
/// The most text taken from one PDF: more than any agenda pack holds.
pub const MAX_TEXT_BYTES: usize = 32 * 1024 * 1024;

/// Another program to start as the extractor than gavel itself (set once, by tests: they run in
/// a test binary, which is not gavel).
static EXTRACTOR: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();

/// Starts `gavel` at this path as the extractor from now on, instead of the running program
/// (for tests, whose running program is the test binary). The first call wins.
pub fn use_extractor(gavel: &Path) {
    let _ = EXTRACTOR.set(gavel.to_path_buf());
}

/// The gavel binary to start as the extractor.
fn extractor() -> Result<std::path::PathBuf, ExtractError> {
    match EXTRACTOR.get() {
        Some(path) => Ok(path.clone()),
        None => std::env::current_exe().map_err(|e| ExtractError::NoChild(e.to_string())),
    }
}

/// Why the extractor gave no text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtractError {
    /// The PDF is damaged or not understood (the crate's own words, or none when it crashed).
    Failed(Option<String>),
    TooSlow,
    TooMuchText,
    /// The child could not be started at all.
    NoChild(String),
    /// The program is not installed.
    Missing,
}

/// What kind of document a file is, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Docx,
}

impl Format {
    /// `.pdf` and `.docx` (any case); anything else is read as text.
    pub fn of(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_string_lossy().to_lowercase();
        match extension.as_str() {
            "pdf" => Some(Format::Pdf),
            "docx" => Some(Format::Docx),
            _ => None,
        }
    }
}

/// A document's text with pages separated by [`PAGE_BREAK`], whichever extractor can read it,
/// of at most `max_text` bytes (the child is stopped as soon as it gives more: a bomb).
pub fn document_text(
    format: Format,
    bytes: &[u8],
    max_text: usize,
) -> Result<String, ExtractError> {
    let exe = extractor()?;
    let arg = match format {
        Format::Pdf => POPPLER_CHILD_ARG,
        Format::Docx => DOCX_CHILD_ARG,
    };
    child_text(&exe, arg, bytes, TIME_LIMIT, max_text)
}

/// A PDF's text: Poppler's `pdftotext -layout` when installed, else the pdf-extract crate,
/// either in a child process under the limits (a hostile PDF may hang Poppler too).
pub fn pdf_text(bytes: &[u8]) -> Result<String, ExtractError> {
    let exe = extractor()?;
    child_text(&exe, POPPLER_CHILD_ARG, bytes, TIME_LIMIT, MAX_TEXT_BYTES)
}

/// The text of a PDF, by the pdf-extract crate in a child process.
pub fn pdf_text_in_child(bytes: &[u8]) -> Result<String, ExtractError> {
    let exe = extractor()?;
    pdf_text_by(&exe, bytes, TIME_LIMIT)
}

/// The same with the gavel binary and the time limit given (for tests, which are not gavel).
pub fn pdf_text_by(exe: &Path, bytes: &[u8], time_limit: Duration) -> Result<String, ExtractError> {
    child_text(exe, CHILD_ARG, bytes, time_limit, MAX_TEXT_BYTES)
}

/// A Word file's text, by gavel as a child process, with the gavel binary and time limit given.
pub fn docx_text_by(
    exe: &Path,
    bytes: &[u8],
    time_limit: Duration,
) -> Result<String, ExtractError> {
    child_text(exe, DOCX_CHILD_ARG, bytes, time_limit, MAX_TEXT_BYTES)
}

fn child_text(
    exe: &Path,
    arg: &str,
    bytes: &[u8],
    time_limit: Duration,
    max_text: usize,
) -> Result<String, ExtractError> {
    let mut command = Command::new(exe);
    command.arg(arg);
    let (status, text, words) = run_capped(command, bytes, time_limit, max_text)?;
    if !status.success() {
        let words = words.trim();
        // A child killed by its limits (a signal, the memory cap) has no words of its own;
        // Poppler says what is wrong and ends with 1 (or 3, 99).
        return Err(ExtractError::Failed(
            (status.code().is_some() && !words.is_empty()).then(|| words.to_string()),
        ));
    }
    Ok(String::from_utf8_lossy(&text).into_owned())
}

/// Whether a seat file opens, as gavel's minutes, within the child's limits (memory, time).
pub fn seat_opens_in_child(bytes: &[u8]) -> Result<(), ExtractError> {
    let mut command = Command::new(extractor()?);
    command.arg(SEAT_CHILD_ARG);
    let (status, _, words) = run_capped(command, bytes, SEAT_TIME_LIMIT, 0)?;
    if status.success() {
        return Ok(());
    }
    let words = words.trim();
    Err(ExtractError::Failed(
        (!words.is_empty()).then(|| words.to_string()),
    ))
}

/// Runs a reader of documents (this extractor, or Poppler's `pdftotext`) with `input` on its
/// standard input, for at most `time_limit` and [`MAX_TEXT_BYTES`] of output; gives its exit
/// status, its output and the start of what it said on standard error.
pub fn run_limited(
    command: Command,
    input: &[u8],
    time_limit: Duration,
) -> Result<(std::process::ExitStatus, Vec<u8>, String), ExtractError> {
    run_capped(command, input, time_limit, MAX_TEXT_BYTES)
}

/// [`run_limited`] with another cap on the output.
pub fn run_capped(
    mut command: Command,
    input: &[u8],
    time_limit: Duration,
    max_text: usize,
) -> Result<(std::process::ExitStatus, Vec<u8>, String), ExtractError> {
    let mut child = match command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(ExtractError::Missing);
        }
        Err(error) => return Err(ExtractError::NoChild(error.to_string())),
    };
    let (Some(mut stdin), Some(stdout), Some(stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        let _ = child.kill();
        let _ = child.wait();
        return Err(ExtractError::NoChild("no pipes".into()));
    };
    let input = input.to_vec();
    let writer = thread::spawn(move || {
        // A child that stops reading (it failed early) breaks the pipe: nothing to do then.
        let _ = stdin.write_all(&input);
    });
    let too_much = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&too_much);
    // Says when the output has ended (with the child, as a rule) or gone past the cap, so the
    // wait below ends then, not at its next look (a look every 10 ms made each PDF of
    // `gavel check` some 5 ms slower).
    let (ended, output_ended) = std::sync::mpsc::channel::<()>();
    let reader = thread::spawn(move || {
        let mut text = Vec::new();
        let _ = stdout.take(max_text as u64 + 1).read_to_end(&mut text);
        if text.len() > max_text {
            flag.store(true, Ordering::Relaxed);
        }
        let _ = ended.send(());
        text
    });
    let complaint = thread::spawn(move || {
        let mut words = String::new();
        let _ = stderr.take(1024).read_to_string(&mut words);
        words
    });
    let started = Instant::now();
    let too_slow = |child: &mut std::process::Child| {
        let _ = child.kill();
        let _ = child.wait();
        Err(ExtractError::TooSlow)
    };
    if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = output_ended.recv_timeout(time_limit) {
        return too_slow(&mut child);
    }
    if too_much.load(Ordering::Relaxed) {
        let _ = child.kill();
        let _ = child.wait();
        return Err(ExtractError::TooMuchText);
    }
    // The output has ended: the child has ended or is about to (one that closed its output and
    // goes on is still held to the time limit).
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() >= time_limit => return too_slow(&mut child),
            Ok(None) => thread::sleep(Duration::from_millis(1)),
            Err(error) => return Err(ExtractError::NoChild(error.to_string())),
        }
    };
    let _ = writer.join();
    let text = reader.join().unwrap_or_default();
    let words = complaint.join().unwrap_or_default();
    if too_much.load(Ordering::Relaxed) {
        return Err(ExtractError::TooMuchText);
    }
    Ok((status, text, words))
}

/// Whether gavel was started as its own extractor: the hidden first argument.
pub fn is_child_arg(arg: &std::ffi::OsStr) -> bool {
    arg == CHILD_ARG || arg == DOCX_CHILD_ARG || arg == POPPLER_CHILD_ARG || arg == SEAT_CHILD_ARG
}

/// The extractor's side: limits itself, reads the document on standard input, writes the text.
/// Returns the exit code: 0 with the text, 2 when the file was refused (the reason on standard
/// error), 3 when the input could not be read.
pub fn child_main() -> i32 {
    let arg = std::env::args_os().nth(1).unwrap_or_default();
    let docx = arg == DOCX_CHILD_ARG;
    use nix::sys::resource::{Resource, setrlimit};
    // The limits hold from here on, for this process alone; a failure to set one is no reason
    // to read nothing (the parent's time limit and text cap still hold).
    let _ = setrlimit(Resource::RLIMIT_AS, MEMORY_LIMIT, MEMORY_LIMIT);
    let cpu = TIME_LIMIT.as_secs() + 1;
    let _ = setrlimit(Resource::RLIMIT_CPU, cpu, cpu);
    let _ = setrlimit(Resource::RLIMIT_FSIZE, 0, 0);
    // Ended when gavel ends (quit while a PDF is read): no extractor left running behind it.
    #[cfg(target_os = "linux")]
    let _ = nix::sys::prctl::set_pdeathsig(nix::sys::signal::Signal::SIGKILL);
    if arg == POPPLER_CHILD_ARG {
        use std::os::unix::process::CommandExt as _;
        let program = std::env::var_os(PDFTOTEXT_VAR).unwrap_or_else(|| "pdftotext".into());
        // Becomes Poppler, with this process's limits, standard input and output.
        let error = Command::new(program)
            .args(["-layout", "-enc", "UTF-8", "-", "-"])
            .exec();
        if error.kind() != std::io::ErrorKind::NotFound {
            let _ = writeln!(std::io::stderr(), "pdftotext: {error}");
            return 3;
        }
        // No Poppler here: the pure-Rust extractor, below.
    }
    let mut bytes = Vec::new();
    if std::io::stdin()
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .is_err()
    {
        return 3;
    }
    if arg == SEAT_CHILD_ARG {
        let opened = crate::seats::SeatDoc::load("check", &bytes).and_then(|doc| doc.minutes());
        return match opened {
            Ok(_) => 0,
            Err(error) => {
                let _ = writeln!(std::io::stderr(), "{error}");
                2
            }
        };
    }
    let text = if docx {
        docx_text(&bytes)
    } else {
        pdf_text_by_crate(&bytes)
    };
    match text {
        Ok(text) => {
            let mut out = std::io::stdout().lock();
            if out
                .write_all(text.as_bytes())
                .and_then(|()| out.flush())
                .is_err()
            {
                return 3;
            }
            0
        }
        Err(words) => {
            let _ = writeln!(std::io::stderr(), "{words}");
            2
        }
    }
}

/// A PDF's text by the pdf-extract crate (used when `pdftotext` is not installed), pages
/// separated by form feeds; it panics on some damaged files, which is caught and said.
pub fn pdf_text_by_crate(bytes: &[u8]) -> Result<String, String> {
    let bytes = bytes.to_vec();
    match std::panic::catch_unwind(move || pdf_extract::extract_text_from_mem_by_pages(&bytes)) {
        Ok(Ok(pages)) => Ok(pages.join(&PAGE_BREAK.to_string())),
        Ok(Err(error)) => Err(error.to_string()),
        Err(_) => Err("the PDF could not be read".into()),
    }
}

/// A Word file's text from its `word/document.xml`: a line per paragraph (and per table cell),
/// tabs kept, a page break where Word broke the page (`w:br w:type="page"`, or where it last
/// laid one out: `w:lastRenderedPageBreak`).
pub fn docx_text(bytes: &[u8]) -> Result<String, String> {
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut document = archive
        .by_name("word/document.xml")
        .map_err(|_| "no word/document.xml: not a Word file".to_string())?;
    let mut xml = Vec::new();
    (&mut document)
        .take(MAX_DOCX_XML_BYTES + 1)
        .read_to_end(&mut xml)
        .map_err(|e| e.to_string())?;
    if xml.len() as u64 > MAX_DOCX_XML_BYTES {
        return Err("word/document.xml is too large".into());
    }
    docx_xml_text(&xml)
}

/// The text of a `word/document.xml` (see [`docx_text`]).
pub fn docx_xml_text(xml: &[u8]) -> Result<String, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut text = String::new();
    let mut in_text = false;
    let mut buffer = Vec::new();
    loop {
        let event = reader
            .read_event_into(&mut buffer)
            .map_err(|e| format!("word/document.xml: {e}"))?;
        match event {
            Event::Start(tag) if tag.local_name().as_ref() == b"t" => in_text = true,
            Event::End(tag) => match tag.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => text.push('\n'),
                _ => {}
            },
            Event::Empty(tag) => match tag.local_name().as_ref() {
                b"tab" => text.push('\t'),
                b"br" => {
                    let page = tag.attributes().flatten().any(|attribute| {
                        attribute.key.local_name().as_ref() == b"type"
                            && attribute.value.as_ref() == b"page"
                    });
                    text.push(if page { PAGE_BREAK } else { '\n' });
                }
                b"lastRenderedPageBreak" => text.push(PAGE_BREAK),
                // A paragraph that starts a page (LibreOffice writes page breaks so).
                b"pageBreakBefore" => {
                    let off = tag.attributes().flatten().any(|attribute| {
                        attribute.key.local_name().as_ref() == b"val"
                            && matches!(attribute.value.as_ref(), b"false" | b"0" | b"off")
                    });
                    if !off {
                        text.push(PAGE_BREAK);
                    }
                }
                b"p" => text.push('\n'),
                _ => {}
            },
            Event::Text(words) if in_text => {
                // Entities come apart, as `GeneralRef`: the text itself holds none.
                text.push_str(&words.decode().map_err(|e| e.to_string())?);
            }
            Event::GeneralRef(reference) if in_text => {
                // An entity in the text (`&amp;`, `&#233;`): what it stands for.
                let name = reference.decode().map_err(|e| e.to_string())?;
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => {
                        quick_xml::escape::resolve_xml_entity(&name).and_then(|s| s.chars().next())
                    }
                };
                if let Some(c) = resolved {
                    text.push(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        if text.len() > MAX_TEXT_BYTES {
            return Err("more text than a document holds".into());
        }
        buffer.clear();
    }
    Ok(collapse_page_breaks(&text))
}

/// One page break where several follow with nothing but white space between them (Word keeps
/// both the break it was given and the one it last laid out), and none before the first text.
fn collapse_page_breaks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut page_has_text = false;
    for c in text.chars() {
        if c == PAGE_BREAK {
            if page_has_text {
                out.push(c);
                page_has_text = false;
            }
        } else {
            page_has_text |= !c.is_whitespace();
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shell(script: &str) -> Command {
        let mut command = Command::new("sh");
        command.args(["-c", script]);
        command
    }

    #[test]
    fn a_reader_is_waited_for_until_it_ends_not_a_moment_longer() {
        let started = Instant::now();
        let (status, text, _) = run_capped(
            shell("cat; echo klaar"),
            b"tekst ",
            Duration::from_secs(5),
            100,
        )
        .unwrap();
        assert!(status.success());
        assert_eq!(text, b"tekst klaar\n");
        assert!(started.elapsed() < Duration::from_secs(2));
    }

    #[test]
    fn a_reader_that_hangs_or_closes_its_output_and_goes_on_is_stopped_at_the_time_limit() {
        for script in [
            "sleep 30",
            "exec >&-; sleep 30",
            "echo deel; exec >&-; sleep 30",
        ] {
            let started = Instant::now();
            let result = run_capped(shell(script), b"", Duration::from_millis(300), 100);
            assert_eq!(result.err(), Some(ExtractError::TooSlow), "{script}");
            assert!(started.elapsed() < Duration::from_secs(5), "{script}");
        }
    }

    #[test]
    fn a_reader_that_gives_too_much_is_stopped_at_once() {
        let started = Instant::now();
        let result = run_capped(shell("yes"), b"", Duration::from_secs(20), 1000);
        assert_eq!(result.err(), Some(ExtractError::TooMuchText));
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn a_word_files_paragraphs_tabs_and_page_breaks_are_kept() {
        let xml = br#"<w:document xmlns:w="w"><w:body>
            <w:p><w:r><w:t>Een</w:t><w:tab/><w:t xml:space="preserve">en &amp; twee</w:t></w:r></w:p>
            <w:p><w:r><w:br w:type="page"/></w:r></w:p>
            <w:p><w:r><w:lastRenderedPageBreak/><w:t>Drie</w:t></w:r></w:p>
            <w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t>Vier&#233;</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>cel</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            </w:body></w:document>"#;
        let text = docx_xml_text(xml).unwrap();
        let pages: Vec<Vec<&str>> = text
            .split(PAGE_BREAK)
            .map(|page| {
                page.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .collect()
            })
            .collect();
        assert_eq!(
            pages,
            [vec!["Een\ten & twee"], vec!["Drie"], vec!["Vieré", "cel"]]
        );
    }

    #[test]
    fn a_file_that_is_not_a_word_file_is_said() {
        assert!(docx_text(b"%PDF-1.4").is_err());
    }
}
