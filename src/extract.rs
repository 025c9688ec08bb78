//! A PDF's text, extracted where nothing a PDF does can stop or swell gavel itself: the
//! pdf-extract crate runs in a child process (gavel itself, started again with a hidden first
//! argument) under a time limit, a memory limit (`RLIMIT_AS`) and a cap on the text it returns.
//! A page tree that loops, arrays nested deep enough to overflow the stack, a compression bomb:
//! each ends the child, and gavel says the PDF could not be read (issue 22, 5). Every reader of
//! PDFs goes through here.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

/// The hidden first argument that makes gavel the extractor (reads a PDF on standard input,
/// writes its text on standard output). Not a command for people: it is in no help.
pub const CHILD_ARG: &str = "__gavel-extract-pdf";
/// How long the extractor may take: a 100-page agenda pack takes well under a second.
pub const TIME_LIMIT: Duration = Duration::from_secs(20);
/// The address space the extractor may use.
pub const MEMORY_LIMIT: u64 = 1024 * 1024 * 1024;
/// The most text taken from one PDF: more than any agenda pack holds.
pub const MAX_TEXT_BYTES: usize = 32 * 1024 * 1024;

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

/// The text of a PDF, by the pdf-extract crate in a child process.
pub fn pdf_text_in_child(bytes: &[u8]) -> Result<String, ExtractError> {
    let exe = std::env::current_exe().map_err(|e| ExtractError::NoChild(e.to_string()))?;
    pdf_text_by(&exe, bytes, TIME_LIMIT)
}

/// The same with the gavel binary and the time limit given (for tests, which are not gavel).
pub fn pdf_text_by(
    exe: &std::path::Path,
    bytes: &[u8],
    time_limit: Duration,
) -> Result<String, ExtractError> {
    let mut command = Command::new(exe);
    command.arg(CHILD_ARG);
    let (status, text, words) = run_limited(command, bytes, time_limit)?;
    if !status.success() {
        let words = words.trim();
        // A child killed by its limits (a signal, the memory cap) has no words of its own.
        return Err(ExtractError::Failed(
            (status.code() == Some(2) && !words.is_empty()).then(|| words.to_string()),
        ));
    }
    Ok(String::from_utf8_lossy(&text).into_owned())
}

/// Runs a reader of documents (this extractor, or Poppler's `pdftotext`) with `input` on its
/// standard input, for at most `time_limit` and [`MAX_TEXT_BYTES`] of output; gives its exit
/// status, its output and the start of what it said on standard error.
pub fn run_limited(
    mut command: Command,
    input: &[u8],
    time_limit: Duration,
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
    let reader = thread::spawn(move || {
        let mut text = Vec::new();
        let _ = stdout
            .take(MAX_TEXT_BYTES as u64 + 1)
            .read_to_end(&mut text);
        if text.len() > MAX_TEXT_BYTES {
            flag.store(true, Ordering::Relaxed);
        }
        text
    });
    let complaint = thread::spawn(move || {
        let mut words = String::new();
        let _ = stderr.take(1024).read_to_string(&mut words);
        words
    });
    let started = Instant::now();
    let status = loop {
        if too_much.load(Ordering::Relaxed) {
            let _ = child.kill();
            let _ = child.wait();
            return Err(ExtractError::TooMuchText);
        }
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() >= time_limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(ExtractError::TooSlow);
            }
            Ok(None) => thread::sleep(Duration::from_millis(10)),
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

/// The extractor's side: limits itself, reads the PDF on standard input, writes the text.
/// Returns the exit code: 0 with the text, 2 when the crate refused the PDF (its words on
/// standard error), 3 when the input could not be read.
pub fn child_main() -> i32 {
    use nix::sys::resource::{Resource, setrlimit};
    // The limits hold from here on, for this process alone; a failure to set one is no reason
    // to read nothing (the parent's time limit and text cap still hold).
    let _ = setrlimit(Resource::RLIMIT_AS, MEMORY_LIMIT, MEMORY_LIMIT);
    let cpu = TIME_LIMIT.as_secs() + 1;
    let _ = setrlimit(Resource::RLIMIT_CPU, cpu, cpu);
    let _ = setrlimit(Resource::RLIMIT_FSIZE, 0, 0);
    let mut bytes = Vec::new();
    if std::io::stdin()
        .take(super::MAX_PACK_BYTES + 1)
        .read_to_end(&mut bytes)
        .is_err()
    {
        return 3;
    }
    match super::pdf_text_by_crate(&bytes) {
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
        Err(super::PackError::PdfFailed(words)) => {
            let _ = writeln!(std::io::stderr(), "{words}");
            2
        }
        Err(_) => 2,
    }
}
