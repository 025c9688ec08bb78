//! The command line: `gavel MEETING` runs the console, `gavel check FILE...` validates.
//!
//! The derive below gives the types; `command` localises clap's parser (help texts, headings,
//! value names) from the catalogue, and `parse` turns clap's errors into catalogue messages, so
//! `--help` and usage errors speak the console's language.

use std::ffi::OsString;
use std::fmt;
use std::path::Path;
use std::path::PathBuf;

use clap::builder::PossibleValue;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::app::Settings;
use crate::domain::meeting::parse_duration;
use crate::i18n::{Lang, Msg};

mod localise;
mod usage;

pub use localise::command;
use usage::*;

// Help texts and value names are not here but in the catalogue (`Msg::Arg*`, `Msg::Value*`),
// found by the argument's id in `arg_words`; a test checks that every argument has them.
#[derive(Debug, Parser)]
#[command(
    name = "gavel",
    version,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    pub meeting: Option<PathBuf>,

    #[arg(long, value_enum, global = true)]
    pub lang: Option<LangArg>,

    #[arg(long)]
    pub move_aside: bool,

    #[arg(long, default_value = "30s", value_parser = duration)]
    pub warn_before: u32,

    #[arg(long)]
    pub no_bell: bool,

    #[arg(long, default_value = "1m", value_parser = duration)]
    pub extra_time: u32,

    /// Two seats (issue 26): this console is seat NAME of the meeting.
    #[arg(long, value_parser = seat_name)]
    pub seat: Option<String>,

    /// Two seats: listen at this address for the other seat's direct connection.
    #[arg(long, value_parser = address, conflicts_with = "connect")]
    pub listen: Option<std::net::SocketAddr>,

    /// Two seats: connect to the other seat at this address.
    #[arg(long, value_parser = address)]
    pub connect: Option<std::net::SocketAddr>,
}

/// A seat name that is not one; its words come from the catalogue.
#[derive(Debug)]
pub struct NotASeat(String);

impl fmt::Display for NotASeat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Msg::NotASeatName.fill(Lang::En, &[&self.0]))
    }
}

impl std::error::Error for NotASeat {}

fn seat_name(text: &str) -> Result<String, NotASeat> {
    let name = text.trim();
    if crate::seats::valid_seat(name) {
        Ok(name.to_string())
    } else {
        Err(NotASeat(text.to_string()))
    }
}

/// A value that is not a date; its words come from the catalogue when the error is printed.
#[derive(Debug)]
pub struct NotADate(String);

impl fmt::Display for NotADate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Msg::NotADate.fill(Lang::En, &[&self.0]))
    }
}

impl std::error::Error for NotADate {}

/// A value that is not a duration; its words come from the catalogue when the error is printed.
#[derive(Debug)]
pub struct NotADuration(String);

impl NotADuration {
    fn message(&self, lang: Lang) -> String {
        Msg::NotADuration.fill(lang, &[&self.0])
    }
}

impl fmt::Display for NotADuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for NotADuration {}

/// A value that is not an address to serve at; its words come from the catalogue.
#[derive(Debug)]
pub struct NotAnAddress(String);

impl fmt::Display for NotAnAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Msg::DisplayNotAnAddress.fill(Lang::En, &[&self.0]))
    }
}

impl std::error::Error for NotAnAddress {}

/// An address as `--http` takes it: host:port, such as 127.0.0.1:8080; a port alone is on
/// 127.0.0.1, this machine only.
fn address(text: &str) -> Result<std::net::SocketAddr, NotAnAddress> {
    use std::net::{Ipv4Addr, SocketAddr, ToSocketAddrs};
    if let Ok(port) = text.trim().parse::<u16>() {
        return Ok(SocketAddr::from((Ipv4Addr::LOCALHOST, port)));
    }
    text.trim()
        .to_socket_addrs()
        .ok()
        .and_then(|mut addresses| addresses.next())
        .ok_or_else(|| NotAnAddress(text.into()))
}

fn duration(text: &str) -> Result<u32, NotADuration> {
    parse_duration(text).ok_or_else(|| NotADuration(text.to_string()))
}

impl Cli {
    pub fn settings(&self) -> Settings {
        Settings {
            warn_before: u64::from(self.warn_before),
            bell: !self.no_bell,
            extra_time: u64::from(self.extra_time),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    Brief {
        #[arg(id = "brief_meeting")]
        meeting: PathBuf,
        #[arg(long, value_enum)]
        format: Option<DocumentFormatArg>,
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[arg(long, id = "force_output")]
        force: bool,
    },
    Commitments {
        #[command(subcommand)]
        action: Option<CommitmentsAction>,
        #[arg(id = "folder")]
        folder: Option<PathBuf>,
        #[arg(long)]
        open: bool,
        #[arg(long)]
        overdue: bool,
        #[arg(long, id = "by")]
        by: Option<String>,
        #[arg(long, value_parser = date)]
        since: Option<chrono::NaiveDate>,
        #[arg(long, value_parser = date)]
        until: Option<chrono::NaiveDate>,
        #[arg(long, id = "list_format", value_enum)]
        format: Option<ListFormatArg>,
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[arg(long, id = "force_output")]
        force: bool,
        #[arg(long, value_parser = date, global = true)]
        as_of: Option<chrono::NaiveDate>,
    },
    Export {
        #[arg(id = "export_meeting")]
        meeting: PathBuf,
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[arg(long, id = "force_output")]
        force: bool,
        #[arg(long)]
        with_notes: bool,
        #[arg(long)]
        with_contacts: bool,
        #[arg(long, value_parser = stream_start)]
        stream_start: Option<crate::export::timeline::StreamStart>,
        #[arg(long)]
        with_faction: bool,
        #[arg(long)]
        speakers: bool,
        #[arg(long)]
        stretches: bool,
        #[arg(long, id = "base_url")]
        base_url: Option<String>,
    },
    Display {
        #[arg(id = "display_meeting")]
        meeting: PathBuf,
        #[arg(long, id = "http", value_parser = address)]
        http: Option<std::net::SocketAddr>,
    },
    Import {
        #[arg(id = "pack")]
        pack: PathBuf,
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[arg(long, id = "attachments_dir")]
        attachments: Option<PathBuf>,
        #[arg(long)]
        force: bool,
        #[arg(long, id = "import_from", value_enum)]
        from: Option<crate::import::source::Source>,
        #[arg(long)]
        offline: bool,
    },
}

/// What `gavel commitments` does besides listing.
#[derive(Debug, Subcommand)]
pub enum CommitmentsAction {
    Done {
        #[arg(id = "commitment")]
        id: String,
        #[arg(long)]
        how: String,
        #[arg(long, id = "settled_on", value_parser = date)]
        date: Option<chrono::NaiveDate>,
        #[arg(long, id = "settled_in")]
        meeting: Option<PathBuf>,
        #[arg(long, id = "register_folder")]
        dir: Option<PathBuf>,
    },
    Reopen {
        #[arg(id = "commitment")]
        id: String,
        #[arg(long, id = "register_folder")]
        dir: Option<PathBuf>,
    },
    Number {
        #[arg(id = "commitment")]
        id: String,
        #[arg(id = "ris_number")]
        ris: String,
        #[arg(long, id = "register_folder")]
        dir: Option<PathBuf>,
    },
}

/// The formats of the register's list.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListFormatArg {
    Table,
    Csv,
    Md,
    Json,
}

impl From<ListFormatArg> for crate::register::command::ListFormat {
    fn from(arg: ListFormatArg) -> crate::register::command::ListFormat {
        use crate::register::command::ListFormat;
        match arg {
            ListFormatArg::Table => ListFormat::Table,
            ListFormatArg::Csv => ListFormat::Csv,
            ListFormatArg::Md => ListFormat::Markdown,
            ListFormatArg::Json => ListFormat::Json,
        }
    }
}

/// When a stream started, as the command line takes it: a time of day, HH:MM or HH:MM:SS
/// ("19.29" too), or a date and time, YYYY-MM-DDTHH:MM[:SS] (a space for the T too).
fn stream_start(text: &str) -> Result<crate::export::timeline::StreamStart, NotATime> {
    use crate::export::timeline::StreamStart;
    let text = text.trim();
    let moment = text.replacen(' ', "T", 1);
    for format in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"] {
        if let Ok(at) = chrono::NaiveDateTime::parse_from_str(&moment, format) {
            return Ok(StreamStart::At(at));
        }
    }
    let time = text.replace('.', ":");
    chrono::NaiveTime::parse_from_str(&time, "%H:%M:%S")
        .or_else(|_| chrono::NaiveTime::parse_from_str(&time, "%H:%M"))
        .map(StreamStart::Time)
        .map_err(|_| NotATime(text.to_string()))
}

/// A value that is not a time of day; its words come from the catalogue when printed.
#[derive(Debug)]
pub struct NotATime(String);

impl fmt::Display for NotATime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Msg::NotATime.fill(Lang::En, &[&self.0]))
    }
}

impl std::error::Error for NotATime {}

/// A date as the command line takes it: YYYY-MM-DD.
fn date(text: &str) -> Result<chrono::NaiveDate, NotADate> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| NotADate(text.into()))
}

/// The formats of `gavel export`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Md,
    Html,
    Docx,
    Json,
    Csv,
    Timeline,
    Vtt,
    Chapters,
    Ods,
}

/// The formats of `gavel brief`: documents only.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DocumentFormatArg {
    Md,
    Html,
    Docx,
}

impl From<FormatArg> for crate::export::Format {
    fn from(arg: FormatArg) -> crate::export::Format {
        use crate::export::Format;
        match arg {
            FormatArg::Md => Format::Markdown,
            FormatArg::Html => Format::Html,
            FormatArg::Docx => Format::Docx,
            FormatArg::Json => Format::Json,
            FormatArg::Csv => Format::Csv,
            FormatArg::Timeline => Format::Timeline,
            FormatArg::Vtt => Format::Vtt,
            FormatArg::Chapters => Format::Chapters,
            FormatArg::Ods => Format::Ods,
        }
    }
}

impl From<DocumentFormatArg> for crate::export::Format {
    fn from(arg: DocumentFormatArg) -> crate::export::Format {
        use crate::export::Format;
        match arg {
            DocumentFormatArg::Md => Format::Markdown,
            DocumentFormatArg::Html => Format::Html,
            DocumentFormatArg::Docx => Format::Docx,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    Nl,
    En,
}

impl From<LangArg> for Lang {
    fn from(arg: LangArg) -> Lang {
        match arg {
            LangArg::Nl => Lang::Nl,
            LangArg::En => Lang::En,
        }
    }
}

/// The id of the hidden positional that catches words after the meeting file, so they are
/// named in a message instead of clap's "subcommand cannot be used with <MEETING>".
const EXTRA: &str = "extra";

/// Why the command line does not start anything: help or version (clap prints it), or a usage
/// error already in the user's language.
#[derive(Debug)]
pub enum Stop {
    Clap(clap::Error),
    Usage(String),
}

impl Stop {
    /// Prints as clap does (help and version to stdout, errors to stderr) and gives the exit code.
    pub fn exit(self) -> std::process::ExitCode {
        match self {
            Stop::Clap(error) => {
                let _ = error.print();
                std::process::ExitCode::from(error.exit_code() as u8)
            }
            Stop::Usage(message) => {
                eprint!("{message}");
                std::process::ExitCode::from(2)
            }
        }
    }
}

/// Parses the command line in the language it asks for (`--lang`, else the locale in `env`).
///
/// `exists` tells whether a path is there: a first word that is neither a file nor a command is
/// named as an unknown command.
pub fn parse(
    args: impl IntoIterator<Item = impl Into<OsString>>,
    env: impl Fn(&str) -> Option<String>,
    exists: impl Fn(&Path) -> bool,
) -> Result<Cli, Stop> {
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let lang = Lang::choose(lang_in_args(&args), env);
    let mut cmd = command(lang);
    let args = lang_after_command(args, &cmd);
    let matches = match cmd.try_get_matches_from_mut(&args) {
        Ok(matches) => matches,
        Err(error) => return Err(stop_for(error, &cmd, lang)),
    };
    let cli = Cli::from_arg_matches(&matches).map_err(|error| stop_for(error, &cmd, lang))?;
    let extra: Vec<&OsString> = matches
        .get_many::<OsString>(EXTRA)
        .map(Iterator::collect)
        .unwrap_or_default();
    match misplaced_word(&cli, &extra, &cmd, lang, exists) {
        Some(message) => Err(Stop::Usage(usage_error(&cmd, lang, &message, None))),
        None => Ok(cli),
    }
}

/// `gavel --lang en check x.yaml` as `gavel check --lang en x.yaml`: the language belongs to
/// every command, but the console's options before a word make clap take that word for the
/// meeting file (`args_conflicts_with_subcommands`).
fn lang_after_command(mut args: Vec<OsString>, cmd: &clap::Command) -> Vec<OsString> {
    let lang_words = match args.get(1).and_then(|a| a.to_str()) {
        Some("--lang") => 2,
        Some(word) if word.starts_with("--lang=") => 1,
        _ => return args,
    };
    let is_command = args
        .get(1 + lang_words)
        .and_then(|word| word.to_str())
        .is_some_and(|word| command_names(cmd).contains(&word));
    if is_command {
        let lang: Vec<OsString> = args.drain(1..1 + lang_words).collect();
        args.splice(2..2, lang);
    }
    args
}

/// The language asked for on the command line (`--lang nl`, `--lang=nl`), read before clap
/// parses it so that clap's help and errors can be in that language.
pub fn lang_in_args(args: &[OsString]) -> Option<Lang> {
    let mut words = args.iter().skip(1).map(|arg| arg.to_str());
    while let Some(word) = words.next() {
        let value = match word {
            Some("--") => return None,
            Some("--lang") => words.next().flatten(),
            Some(word) => word.strip_prefix("--lang="),
            None => None,
        };
        if let Some(lang) = value.and_then(|value| LangArg::from_str(value, false).ok()) {
            return Some(lang.into());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::localise::{arg_words, command_words};
    use super::*;

    fn args(words: &[&str]) -> Vec<OsString> {
        std::iter::once("gavel")
            .chain(words.iter().copied())
            .map(OsString::from)
            .collect()
    }

    #[test]
    fn lang_flag_is_found_before_parsing() {
        assert_eq!(
            lang_in_args(&args(&["--lang", "nl", "x.yaml"])),
            Some(Lang::Nl)
        );
        assert_eq!(
            lang_in_args(&args(&["x.yaml", "--lang=en"])),
            Some(Lang::En)
        );
        assert_eq!(
            lang_in_args(&args(&["check", "--lang", "nl", "a.yaml"])),
            Some(Lang::Nl)
        );
    }

    #[test]
    fn no_or_unknown_lang_flag_leaves_the_choice_to_the_locale() {
        assert_eq!(lang_in_args(&args(&["x.yaml"])), None);
        assert_eq!(lang_in_args(&args(&["--lang", "de", "x.yaml"])), None);
        assert_eq!(lang_in_args(&args(&["--lang"])), None);
        assert_eq!(
            lang_in_args(&args(&["--", "--lang", "nl"])),
            None,
            "after -- it is a file"
        );
    }

    #[test]
    fn every_argument_and_command_has_catalogue_words() {
        let cmd = Cli::command();
        for command in std::iter::once(&cmd).chain(cmd.get_subcommands()) {
            assert!(
                command_words(command.get_name()).is_some(),
                "{}",
                command.get_name()
            );
            for arg in command.get_arguments() {
                assert!(
                    arg_words(arg.get_id().as_str()).is_some(),
                    "{}",
                    arg.get_id()
                );
            }
        }
    }

    #[test]
    fn the_parser_is_valid_in_both_languages() {
        for lang in [Lang::En, Lang::Nl] {
            command(lang).debug_assert();
        }
    }

    fn parse_in(lang: &str, words: &[&str]) -> Result<Cli, Stop> {
        let env = |var: &str| (var == "LANG").then(|| lang.to_string());
        parse(args(words), env, |path| path == Path::new("agenda"))
    }

    fn usage_message(result: Result<Cli, Stop>) -> String {
        match result {
            Err(Stop::Usage(message)) => message,
            other => panic!("not a usage error: {other:?}"),
        }
    }

    #[test]
    fn the_language_may_come_before_a_command() {
        for words in [
            &["--lang", "en", "check", "a.yaml"][..],
            &["--lang=en", "check", "a.yaml"],
            &["check", "--lang", "en", "a.yaml"],
        ] {
            let cli = parse_in("nl_NL.UTF-8", words).unwrap();
            assert!(
                matches!(&cli.command, Some(Command::Check { files }) if files == &[PathBuf::from("a.yaml")]),
                "{words:?}: {cli:?}"
            );
            assert!(matches!(cli.lang, Some(LangArg::En)), "{words:?}");
        }
        // The console's own options before a command: said as such, not "did you mean check".
        let said = usage_message(parse_in("C", &["--no-bell", "check", "a.yaml"]));
        assert!(said.contains("'check' is a command"), "{said}");
        assert!(!said.contains("did you mean"), "{said}");
    }

    #[test]
    fn meeting_and_options_are_parsed() {
        let cli = parse_in("C", &["--warn-before", "1m30s", "--no-bell", "x.yaml"]).unwrap();
        assert_eq!(cli.meeting, Some(PathBuf::from("x.yaml")));
        assert_eq!(cli.warn_before, 90);
        assert!(cli.no_bell);
        assert!(matches!(
            parse_in("C", &["check", "a.yaml", "b.yaml"]).unwrap().command,
            Some(Command::Check { files }) if files.len() == 2
        ));
    }

    #[test]
    fn an_existing_file_without_extension_is_a_meeting() {
        let cli = parse_in("C", &["agenda"]).unwrap();
        assert_eq!(cli.meeting, Some(PathBuf::from("agenda")));
    }

    #[test]
    fn unknown_command_lists_the_commands() {
        let message = usage_message(parse_in("nl_NL.UTF-8", &["exporteer", "x.yaml"]));
        assert!(
            message.starts_with(
                "gavel: 'exporteer' is geen opdracht van gavel en geen vergaderbestand. \
                 Opdrachten: check, brief, commitments, export, display, import. Een vergadering openen: gavel VERGADERING.yaml\n"
            ),
            "{message}"
        );
        assert!(message.contains("bedoelt u 'export'?"), "{message}");
    }

    #[test]
    fn a_command_after_the_meeting_is_one_word_too_many() {
        let message = usage_message(parse_in("C", &["x.yaml", "check", "y.yaml"]));
        assert!(
            message.starts_with(
                "gavel: 'check' after the meeting file x.yaml: gavel opens one meeting at a time\n"
            ),
            "{message}"
        );
    }

    #[test]
    fn nearest_command_is_suggested_only_when_close() {
        assert_eq!(nearest_command("chek", &["check"]), Some("check"));
        assert_eq!(nearest_command("Check", &["check"]), Some("check"));
        assert_eq!(nearest_command("exporteer", &["check"]), None);
        assert_eq!(
            nearest_command("exporteer", &["check", "export"]),
            Some("export")
        );
        assert_eq!(nearest_command("x", &["check"]), None);
    }
}
