//! `gavel export`: the korte terugblik and friends, made from the meeting file and its minutes
//! file alone. `terugblik` builds what is said as a `document::Document`; the renderers only lay
//! it out; the data formats come straight from the minutes.

pub mod csv;
pub mod document;
pub mod docx;
pub mod html;
pub mod json;
pub mod markdown;
pub mod ods;
pub mod recorded;
pub mod terugblik;
pub mod timeline;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::domain::meeting::Meeting;
use crate::domain::minutes::Minutes;
use crate::i18n::{Lang, Msg, translate};
use crate::sanitize::say;
use crate::store::diagnostic::Diagnostic;
use crate::store::load::load_meeting;
use crate::store::minutes_file::{check_belongs, minutes_path_for, read_minutes};
use crate::store::save::{WriteError, write_file};

pub use terugblik::Options;

/// The formats `gavel export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Docx,
    Json,
    Csv,
    /// The webcast's speaker index, as a RIS shows it.
    Timeline,
    /// The same as WebVTT chapters.
    Vtt,
    /// The chapter list for a video's description.
    Chapters,
    /// VNG's ODS Open Raadsinformatie 2.0: the standard's resources as JSON.
    Ods,
}

impl Format {
    /// The speaker index formats: they need the meeting to have been opened.
    pub fn is_index(self) -> bool {
        matches!(self, Format::Timeline | Format::Vtt | Format::Chapters)
    }

    /// The format a file name asks for by its extension.
    pub fn for_path(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match extension.as_str() {
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" => Format::Html,
            "docx" => Format::Docx,
            "json" => Format::Json,
            "csv" => Format::Csv,
            "vtt" => Format::Vtt,
            _ => return None,
        })
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Json | Format::Ods => "json",
            Format::Csv => "csv",
            Format::Timeline | Format::Chapters => "txt",
            Format::Vtt => "vtt",
        }
    }

    /// A binary format is not written to a terminal: it would only garble the screen.
    pub fn is_binary(self) -> bool {
        self == Format::Docx
    }
}

/// A document in one of the written formats (the data formats are not documents).
pub fn render_document(document: &document::Document, format: Format) -> Result<Vec<u8>, String> {
    match format {
        Format::Markdown => Ok(markdown::markdown(document).into_bytes()),
        Format::Html => Ok(html::html(document).into_bytes()),
        Format::Docx => docx::docx(document).map_err(|e| e.to_string()),
        _ => Err(format!(
            "{} is a data format, not one for this document: use md, html or docx",
            format.extension()
        )),
    }
}

/// What to export, and where to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub meeting: PathBuf,
    /// As asked for; else from the extension of `output`; else Markdown.
    pub format: Option<Format>,
    /// `None`: standard output.
    pub output: Option<PathBuf>,
    /// Write over an existing `output` file.
    pub force: bool,
    /// The language of what is written when `--lang` asks for one; else the meeting's own
    /// (`Meeting::document_lang`). It replaces `options.lang` and `timeline.lang`.
    pub document_lang: Option<Lang>,
    pub options: Options,
    /// For the speaker index (timeline, vtt, chapters).
    pub timeline: timeline::TimelineOptions,
    /// For csv: a row per stretch of a speech instead of one per speech.
    pub stretches: bool,
    /// For ods: where the RIS's API serves the resources (their `url`s start with it).
    pub base_url: Option<String>,
}

/// The meeting and its minutes, checked to belong together.
pub struct Sources {
    pub meeting: Meeting,
    pub minutes: Minutes,
    /// No minutes file yet: only the agenda can be exported.
    pub without_minutes: bool,
}

/// Loads the meeting file and the minutes beside it; every problem as a located diagnostic.
pub fn load_sources(meeting_path: &Path) -> Result<Sources, Vec<Diagnostic>> {
    let meeting = load_meeting(meeting_path)?.meeting;
    let minutes_path = minutes_path_for(meeting_path);
    let file_name = meeting_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match read_minutes(&minutes_path).map_err(|d| vec![d])? {
        Some(minutes) => {
            check_belongs(&minutes_path, &minutes, &meeting, &file_name).map_err(|d| vec![d])?;
            Ok(Sources {
                meeting,
                minutes,
                without_minutes: false,
            })
        }
        None => Ok(Sources {
            minutes: Minutes::new(&meeting, &file_name),
            meeting,
            without_minutes: true,
        }),
    }
}

/// The formats of the written document, which the console writes beside the meeting file.
pub const DOCUMENT_FORMATS: [Format; 3] = [Format::Markdown, Format::Html, Format::Docx];

/// The bytes of one export.
pub fn render(
    meeting: &Meeting,
    minutes: &Minutes,
    format: Format,
    options: Options,
) -> Result<Vec<u8>, String> {
    match format {
        Format::Json => {
            let value = json::open_data_json(meeting, minutes);
            let mut text = serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?;
            text.push('\n');
            Ok(text.into_bytes())
        }
        Format::Ods => {
            let options = ods::OdsOptions {
                lang: options.lang,
                ..ods::OdsOptions::default()
            };
            let value = ods::ods_json(meeting, minutes, &options);
            let mut text = serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?;
            text.push('\n');
            Ok(text.into_bytes())
        }
        Format::Csv => csv::speeches_csv(meeting, minutes)
            .map(String::into_bytes)
            .map_err(|e| e.to_string()),
        Format::Timeline | Format::Vtt | Format::Chapters => {
            let options = timeline::TimelineOptions {
                lang: options.lang,
                ..timeline::TimelineOptions::default()
            };
            let index = timeline::timeline(meeting, minutes, options)
                .map_err(|_| "the meeting was never opened".to_string())?;
            Ok(match format {
                Format::Vtt => timeline::vtt(&index, false),
                Format::Chapters => timeline::chapters(&index, options.lang).text,
                _ => timeline::text(&index),
            }
            .into_bytes())
        }
        _ => {
            // The Word file's properties say when it was written: now.
            let document = document::Document {
                written_at: Some(chrono::Utc::now()),
                ..terugblik::terugblik(meeting, minutes, options)
            };
            render_document(&document, format)
        }
    }
}

/// Runs `gavel export`; returns the exit code (0 written, 1 a file problem, 2 a usage problem).
pub fn run(
    request: &Request,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
    out_is_terminal: bool,
) -> i32 {
    let format = request
        .format
        .or_else(|| request.output.as_deref().and_then(Format::for_path))
        .unwrap_or(Format::Markdown);
    let sources = match load_sources(&request.meeting) {
        Ok(sources) => sources,
        Err(diagnostics) => {
            for diagnostic in diagnostics {
                say(err, &diagnostic.in_language(lang));
            }
            return 1;
        }
    };
    let shown = request.meeting.display();
    // The document speaks the meeting's language; the messages around it speak the user's.
    let document_lang = request
        .document_lang
        .unwrap_or_else(|| sources.meeting.document_lang());
    let options = Options {
        lang: document_lang,
        ..request.options
    };
    let timeline_options = timeline::TimelineOptions {
        lang: document_lang,
        ..request.timeline
    };
    if sources.without_minutes {
        let minutes = minutes_path_for(&request.meeting);
        say(err, &Msg::ExportNoMinutes.fill(lang, &[&minutes.display()]));
    } else if sources.minutes.closed_at.is_none() {
        say(err, &Msg::ExportDraftWarning.fill(lang, &[&shown]));
    }
    if request.stretches && format != Format::Csv {
        say(err, Msg::StretchesOnlyCsv.text(lang));
        return 2;
    }
    if format.is_binary() && request.output.is_none() && out_is_terminal {
        say(
            err,
            &Msg::ExportNeedsOutput.fill(lang, &[&format.extension()]),
        );
        return 2;
    }
    if format.is_index() {
        let index = match timeline::timeline(&sources.meeting, &sources.minutes, timeline_options) {
            Ok(index) => index,
            Err(timeline::TimelineError::NotOpened) => {
                say(err, &Msg::TimelineNotOpened.fill(lang, &[&shown]));
                return 1;
            }
            Err(timeline::TimelineError::StreamStartTooFar {
                stream_start,
                opened,
            }) => {
                let shown = |at: crate::domain::minutes::Timestamp| {
                    at.format("%Y-%m-%d %H:%M:%S").to_string()
                };
                let hours = (stream_start - opened).num_minutes().abs() as f64 / 60.0;
                say(
                    err,
                    &Msg::StreamStartTooFar.fill(
                        lang,
                        &[
                            &shown(stream_start),
                            &format!("{hours:.1}"),
                            &shown(opened),
                            &opened.format("%Y-%m-%dT%H:%M:%S"),
                        ],
                    ),
                );
                return 2;
            }
        };
        // The notes in the user's language: the same index made once more in it, if need be.
        let in_user_lang = (document_lang != lang)
            .then(|| {
                let options = timeline::TimelineOptions {
                    lang,
                    ..request.timeline
                };
                timeline::timeline(&sources.meeting, &sources.minutes, options).ok()
            })
            .flatten();
        let for_notes = in_user_lang.as_ref().unwrap_or(&index);
        for note in &for_notes.notes {
            say(err, &format!("gavel: {note}"));
        }
        let text = match format {
            Format::Vtt => timeline::vtt(&index, request.timeline.speakers),
            Format::Chapters => {
                for note in &timeline::chapters(for_notes, lang).notes {
                    say(err, &format!("gavel: {note}"));
                }
                timeline::chapters(&index, document_lang).text
            }
            _ => timeline::text(&index),
        };
        return to_output(request, text.as_bytes(), out_is_terminal, lang, out, err);
    }
    if format == Format::Ods {
        let stream_start = match (request.timeline.stream_start, sources.minutes.opened_at) {
            (Some(asked), Some(opened)) => match timeline::stream_start_of(opened, asked) {
                Ok(at) => Some(at),
                Err(_) => {
                    say(err, Msg::StreamStartTooFarOds.text(lang));
                    return 2;
                }
            },
            _ => None,
        };
        let options = ods::OdsOptions {
            lang: document_lang,
            base_url: request.base_url.clone(),
            stream_start,
        };
        let value = ods::ods_json(&sources.meeting, &sources.minutes, &options);
        let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
        text.push('\n');
        return to_output(request, text.as_bytes(), out_is_terminal, lang, out, err);
    }
    if request.stretches {
        let csv = csv::stretches_csv(&sources.meeting, &sources.minutes);
        return match csv {
            Ok(text) => to_output(request, text.as_bytes(), out_is_terminal, lang, out, err),
            Err(error) => {
                say(err, &format!("gavel: {error}"));
                1
            }
        };
    }
    let bytes = match render(&sources.meeting, &sources.minutes, format, options) {
        Ok(bytes) => bytes,
        Err(error) => {
            say(err, &format!("gavel: {}", translate(&error, lang)));
            return 1;
        }
    };
    to_output(request, &bytes, out_is_terminal, lang, out, err)
}

/// Whether `path` (or what a link there points at) is a file of gavel's own that no document may
/// replace: a meeting or minutes file, the register (all YAML, which no document is), or a lock.
/// `gavel export M.yaml -o M.minutes.yaml` used to replace the minutes with Markdown.
fn is_gavels_own(path: &Path) -> bool {
    let own = |path: &Path| {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        [".yaml", ".yml", ".lock"]
            .iter()
            .any(|end| name.ends_with(end))
    };
    own(path) || std::fs::canonicalize(path).is_ok_and(|target| own(&target))
}

/// Writes an export to its file (whole or not at all) or to standard output; the exit code. A
/// file that exists already (a link too, even one that leads nowhere) is replaced only with
/// `force`, as `gavel import` does. On a terminal (`out_is_terminal`, no `output`) the text goes
/// through the sanitiser, as every line gavel prints does: a bidirectional control in a name
/// would reorder the screen. Into a pipe or a file it goes as it is: that is data.
/// Writes what was made where the request says: `-o FILE` (with `--force`) or standard output.
fn to_output(
    request: &Request,
    bytes: &[u8],
    out_is_terminal: bool,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let output = request.output.as_deref();
    write_out(
        bytes,
        output,
        request.force,
        out_is_terminal,
        lang,
        out,
        err,
    )
}

pub fn write_out(
    bytes: &[u8],
    output: Option<&Path>,
    force: bool,
    out_is_terminal: bool,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    match output {
        None => {
            let shown;
            let bytes = if out_is_terminal {
                shown = crate::sanitize::for_terminal(&String::from_utf8_lossy(bytes)).into_owned();
                shown.as_bytes()
            } else {
                bytes
            };
            // A broken pipe (`| head`) is the reader's choice, not an error worth a message.
            let _ = out.write_all(bytes).and_then(|()| out.flush());
            0
        }
        Some(path) if is_gavels_own(path) => {
            say(err, &Msg::WontOverwriteOwn.fill(lang, &[&path.display()]));
            2
        }
        Some(path) if !force && path.symlink_metadata().is_ok() => {
            say(err, &Msg::OutputExists.fill(lang, &[&path.display()]));
            2
        }
        Some(path) => match write_file(path, bytes) {
            Ok(()) => {
                say(err, &Msg::ExportWritten.fill(lang, &[&path.display()]));
                0
            }
            Err(error) => {
                say(
                    err,
                    &format!("gavel: {}", translate(&error.to_string(), lang)),
                );
                1
            }
        },
    }
}

/// Where the console writes the korte terugblik beside the meeting file, in the order of
/// [`DOCUMENT_FORMATS`]: `x.yaml` -> `x.terugblik.md`, `.html`, `.docx`.
pub fn beside_paths(meeting_file: &Path) -> Vec<PathBuf> {
    let stem = meeting_file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "meeting".into());
    DOCUMENT_FORMATS
        .iter()
        .map(|format| {
            meeting_file.with_file_name(format!("{stem}.terugblik.{}", format.extension()))
        })
        .collect()
}

/// Writes the korte terugblik in every document format beside the meeting file
/// (`x.yaml` -> `x.terugblik.md`, ...); returns the files written.
pub fn write_beside(
    meeting_file: &Path,
    meeting: &Meeting,
    minutes: &Minutes,
    options: Options,
) -> Result<Vec<PathBuf>, WriteError> {
    DOCUMENT_FORMATS
        .iter()
        .zip(beside_paths(meeting_file))
        .map(|(&format, path)| {
            let bytes =
                render(meeting, minutes, format, options).map_err(|error| WriteError::Io {
                    path: path.display().to_string(),
                    source: std::io::Error::other(error),
                })?;
            write_file(&path, &bytes)?;
            Ok(path)
        })
        .collect()
}
