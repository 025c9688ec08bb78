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

/// clap's parser for `Cli`, with every visible word from the catalogue in `lang`.
pub fn command(lang: Lang) -> clap::Command {
    let mut cmd = localise(Cli::command(), lang).arg(
        Arg::new(EXTRA)
            .hide(true)
            .num_args(1..)
            .action(ArgAction::Append)
            .value_parser(clap::value_parser!(OsString)),
    );
    // Building adds clap's `help` command and gives subcommands their full names
    // ("gavel check"), which the usage lines below need.
    cmd.build();
    let usage = localised_usage(&mut cmd, lang);
    cmd.override_usage(usage).mut_subcommands(|mut sub| {
        if sub.get_name() == "help" {
            sub = sub.about(Msg::CliHelpAbout.text(lang));
        }
        let usage = localised_usage(&mut sub, lang);
        sub.override_usage(usage)
    })
}

/// The catalogue's help text and value name for an argument, by its id.
fn arg_words(id: &str) -> Option<(Msg, Option<Msg>)> {
    Some(match id {
        "meeting" => (Msg::ArgMeeting, Some(Msg::ValueMeeting)),
        "lang" => (Msg::ArgLang, Some(Msg::ValueLang)),
        "move_aside" => (Msg::ArgMoveAside, None),
        "warn_before" => (Msg::ArgWarnBefore, Some(Msg::ValueDuration)),
        "no_bell" => (Msg::ArgNoBell, None),
        "extra_time" => (Msg::ArgExtraTime, Some(Msg::ValueDuration)),
        "seat" => (Msg::ArgSeat, Some(Msg::ValueName)),
        "listen" => (Msg::ArgListen, Some(Msg::ValueAddress)),
        "connect" => (Msg::ArgConnect, Some(Msg::ValueAddress)),
        "files" => (Msg::ArgFiles, Some(Msg::ValueFiles)),
        "subcommand" => (Msg::ArgHelpCommand, Some(Msg::ValueCommand)),
        "export_meeting" => (Msg::ArgExportMeeting, Some(Msg::ValueMeeting)),
        "brief_meeting" => (Msg::ArgBriefMeeting, Some(Msg::ValueMeeting)),
        "folder" => (Msg::ArgRegisterFolder, Some(Msg::ValueFolder)),
        "register_folder" => (Msg::ArgRegisterFolder, Some(Msg::ValueFolder)),
        "open" => (Msg::ArgOpen, None),
        "overdue" => (Msg::ArgOverdue, None),
        "by" => (Msg::ArgBy, Some(Msg::ValueName)),
        "since" => (Msg::ArgSince, Some(Msg::ValueDate)),
        "until" => (Msg::ArgUntil, Some(Msg::ValueDate)),
        "list_format" => (Msg::ArgListFormat, Some(Msg::ValueFormat)),
        "as_of" => (Msg::ArgAsOf, Some(Msg::ValueDate)),
        "commitment" => (Msg::ArgCommitment, Some(Msg::ValueCommitment)),
        "how" => (Msg::ArgHow, Some(Msg::ValueText)),
        "settled_on" => (Msg::ArgSettledOn, Some(Msg::ValueDate)),
        "settled_in" => (Msg::ArgSettledIn, Some(Msg::ValueMeeting)),
        "ris_number" => (Msg::ArgRisNumber, Some(Msg::ValueRis)),
        "stream_start" => (Msg::ArgStreamStart, Some(Msg::ValueTime)),
        "with_faction" => (Msg::ArgWithFaction, None),
        "speakers" => (Msg::ArgSpeakers, None),
        "stretches" => (Msg::ArgStretches, None),
        "base_url" => (Msg::ArgBaseUrl, Some(Msg::ValueUrl)),
        "format" => (Msg::ArgFormat, Some(Msg::ValueFormat)),
        "output" => (Msg::ArgOutput, Some(Msg::ValueFile)),
        "with_notes" => (Msg::ArgWithNotes, None),
        "with_contacts" => (Msg::ArgWithContacts, None),
        "display_meeting" => (Msg::ArgDisplayMeeting, Some(Msg::ValueMeeting)),
        "http" => (Msg::ArgHttp, Some(Msg::ValueAddress)),
        "pack" => (Msg::ArgPack, Some(Msg::ValueFile)),
        "attachments_dir" => (Msg::ArgImportAttachments, Some(Msg::ValueFolder)),
        "force" => (Msg::ArgForce, None),
        "force_output" => (Msg::ArgForceOutput, None),
        "import_from" => (Msg::ArgImportFrom, Some(Msg::ValueSource)),
        "offline" => (Msg::ArgOffline, None),
        _ => return None,
    })
}

/// The catalogue's about (and long about) for a command, by its name.
fn command_words(name: &str) -> Option<(Msg, Option<Msg>)> {
    Some(match name {
        "gavel" => (Msg::CliAbout, Some(Msg::CliLongAbout)),
        "check" => (Msg::CliCheckAbout, None),
        "export" => (Msg::CliExportAbout, None),
        "brief" => (Msg::CliBriefAbout, None),
        "commitments" => (Msg::CliCommitmentsAbout, None),
        "done" => (Msg::CliDoneAbout, None),
        "reopen" => (Msg::CliReopenAbout, None),
        "number" => (Msg::CliNumberAbout, None),
        "display" => (Msg::CliDisplayAbout, None),
        "import" => (Msg::CliImportAbout, None),
        _ => return None,
    })
}

/// The display order of `-h` and `-V`: after every option, also the global ones clap adds later.
const LAST: usize = 1000;

/// Puts a command and its subcommands in `lang`: about, argument help, value names, headings,
/// and `-h`/`-V` of our own, as clap's are fixed English.
fn localise(mut cmd: clap::Command, lang: Lang) -> clap::Command {
    if let Some((about, long_about)) = command_words(cmd.get_name()) {
        cmd = cmd
            .about(about.text(lang))
            .long_about(long_about.map(|msg| msg.text(lang)));
    }
    let has_long_help = cmd.get_long_about().is_some();
    let has_version = cmd.get_version().is_some();
    let usage_heading = Msg::HeadingUsage.text(lang);
    let heading_style = *cmd.get_styles().get_usage();
    cmd = cmd
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{heading_style}{usage_heading}{heading_style:#} {{usage}}\n\n{{all-args}}{{after-help}}"
        ))
        .subcommand_help_heading(Msg::HeadingCommands.text(lang))
        .subcommand_value_name(Msg::ValueCommand.text(lang))
        .disable_help_flag(true)
        .disable_version_flag(true)
        .mut_args(|arg| localise_arg(arg, lang));
    let help = if has_long_help {
        Arg::new("help")
            .help(Msg::ArgHelpMore.text(lang))
            .long_help(Msg::ArgHelpSummary.text(lang))
    } else {
        Arg::new("help").help(Msg::ArgHelp.text(lang))
    };
    cmd = cmd.arg(
        help.short('h')
            .long("help")
            .display_order(LAST)
            .action(ArgAction::Help)
            .help_heading(Msg::HeadingOptions.text(lang)),
    );
    if has_version {
        cmd = cmd.arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .display_order(LAST)
                .help(Msg::ArgVersion.text(lang))
                .help_heading(Msg::HeadingOptions.text(lang)),
        );
    }
    cmd.mut_subcommands(|sub| localise(sub, lang))
}

fn localise_arg(mut arg: Arg, lang: Lang) -> Arg {
    if let Some((help, value_name)) = arg_words(arg.get_id().as_str()) {
        let mut text = help.text(lang).to_string();
        // A flag's implied "false" is no default worth showing.
        let takes_values = arg.get_action().takes_values();
        // clap writes "[default: ..]" and "[possible values: ..]" in English: write them here.
        let defaults: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|value| value.to_string_lossy().into_owned())
            .collect();
        if takes_values && !defaults.is_empty() {
            text = format!(
                "{text} {}",
                Msg::ArgDefault.fill(lang, &[&defaults.join(", ")])
            );
            arg = arg.hide_default_value(true);
        }
        let possible: Vec<String> = arg
            .get_possible_values()
            .iter()
            .filter(|value| !value.is_hide_set())
            .map(PossibleValue::get_name)
            .map(str::to_string)
            .collect();
        if takes_values && !possible.is_empty() {
            text = format!(
                "{text} {}",
                Msg::ArgPossibleValues.fill(lang, &[&possible.join(", ")])
            );
            arg = arg.hide_possible_values(true);
        }
        arg = arg.help(text);
        if let Some(value_name) = value_name {
            arg = arg.value_name(value_name.text(lang));
        }
    }
    let heading = if arg.is_positional() {
        Msg::HeadingArguments
    } else {
        Msg::HeadingOptions
    };
    arg.help_heading(heading.text(lang))
}

/// clap's usage of a built command, with the words clap fixes in English replaced and the
/// continuation lines lined up under our own heading.
fn localised_usage(cmd: &mut clap::Command, lang: Lang) -> String {
    let rendered = cmd.render_usage().to_string();
    let usage = rendered
        .split_once(' ')
        .map_or(rendered.as_str(), |(_, usage)| usage);
    let indent = " ".repeat(Msg::HeadingUsage.text(lang).chars().count() + 1);
    usage
        .lines()
        .map(|line| {
            line.trim()
                .replace("[OPTIONS]", Msg::UsageOptions.text(lang))
        })
        .collect::<Vec<_>>()
        .join(&format!("\n{indent}"))
}

/// The visible commands, for messages that list them (so a new command joins by itself).
fn command_names(cmd: &clap::Command) -> Vec<&str> {
    cmd.get_subcommands()
        .filter(|sub| !sub.is_hide_set() && sub.get_name() != "help")
        .map(clap::Command::get_name)
        .collect()
}

/// The command nearest to a mistyped word, if it is close enough to be meant.
fn nearest_command<'a>(word: &str, names: &[&'a str]) -> Option<&'a str> {
    let word = word.to_lowercase();
    // A command's Dutch form ("exporteer", "controleer") begins with the command itself.
    if let Some(name) = names
        .iter()
        .find(|name| name.len() >= 4 && word.starts_with(**name))
    {
        return Some(name);
    }
    names
        .iter()
        .map(|name| (strsim::levenshtein(&word, name), *name))
        .filter(|(distance, name)| *distance <= 2.max(name.len() / 3) && *distance < name.len())
        .min()
        .map(|(_, name)| name)
}

/// A word clap accepted as the meeting file but that is not one: an unknown command
/// (`gavel exporteer x.yaml`), or a second word after the meeting (`gavel x.yaml extra`).
fn misplaced_word(
    cli: &Cli,
    extra: &[&OsString],
    cmd: &clap::Command,
    lang: Lang,
    exists: impl Fn(&Path) -> bool,
) -> Option<String> {
    let meeting = cli.meeting.as_deref()?;
    if meeting.extension().is_none() && !exists(meeting) {
        let word = meeting.display().to_string();
        let names = command_names(cmd);
        // A command after the console's options (`gavel --no-bell check x.yaml`).
        if names.contains(&word.as_str()) {
            return Some(Msg::CommandComesFirst.fill(lang, &[&word, &word]));
        }
        let mut message = Msg::NotACommandNorMeeting.fill(
            lang,
            &[&word, &names.join(", "), &Msg::ValueMeeting.text(lang)],
        );
        if let Some(nearest) = nearest_command(&word, &names) {
            message = format!(
                "{message}\n  {}",
                Msg::UsageTip.fill(lang, &[&Msg::DidYouMean.fill(lang, &[&nearest])])
            );
        }
        return Some(message);
    }
    let first = extra.first()?;
    Some(Msg::OneMeetingAtATime.fill(lang, &[&first.display(), &meeting.display()]))
}

/// A clap error as a stop: help and version as clap prints them, usage errors in `lang`.
fn stop_for(error: clap::Error, cmd: &clap::Command, lang: Lang) -> Stop {
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        return Stop::Clap(error);
    }
    match error_message(&error, cmd, lang) {
        Some((message, tip)) => {
            let usage = context(&error, ContextKind::Usage).map(|usage| {
                usage
                    .split_once(' ')
                    .map_or(usage.clone(), |(_, usage)| usage.to_string())
            });
            Stop::Usage(render_usage_error(cmd, lang, &message, tip, usage))
        }
        // A kind gavel does not meet in practice: clap's own (English) words.
        None => Stop::Clap(error),
    }
}

/// What went wrong in words from the catalogue, and a tip if clap has one.
fn error_message(
    error: &clap::Error,
    cmd: &clap::Command,
    lang: Lang,
) -> Option<(String, Option<String>)> {
    let arg = context(error, ContextKind::InvalidArg).unwrap_or_default();
    let value = context(error, ContextKind::InvalidValue).unwrap_or_default();
    let did_you_mean =
        |kind| context(error, kind).map(|suggestion| Msg::DidYouMean.fill(lang, &[&suggestion]));
    let message = match error.kind() {
        ErrorKind::UnknownArgument => {
            let msg = if arg.starts_with('-') {
                Msg::UnknownOption
            } else {
                Msg::UnexpectedArgument
            };
            return Some((
                msg.fill(lang, &[&arg]),
                did_you_mean(ContextKind::SuggestedArg),
            ));
        }
        ErrorKind::InvalidValue => {
            let tip = did_you_mean(ContextKind::SuggestedValue).or_else(|| {
                context(error, ContextKind::ValidValue)
                    .map(|valid| Msg::PossibleValues.fill(lang, &[&valid]))
            });
            let message = if value.is_empty() {
                Msg::ValueRequired.fill(lang, &[&arg])
            } else {
                Msg::InvalidValue.fill(lang, &[&value, &arg])
            };
            return Some((message, tip));
        }
        ErrorKind::ValueValidation => {
            let source = std::error::Error::source(error)?;
            let reason = if let Some(not_a_duration) = source.downcast_ref::<NotADuration>() {
                not_a_duration.message(lang)
            } else if let Some(NotADate(text)) = source.downcast_ref::<NotADate>() {
                Msg::NotADate.fill(lang, &[text])
            } else if let Some(NotATime(text)) = source.downcast_ref::<NotATime>() {
                Msg::NotATime.fill(lang, &[text])
            } else {
                source.to_string()
            };
            Msg::InvalidValueBecause.fill(lang, &[&value, &arg, &reason])
        }
        ErrorKind::MissingRequiredArgument => Msg::MissingArguments.fill(lang, &[&arg]),
        ErrorKind::InvalidSubcommand => {
            let word = context(error, ContextKind::InvalidSubcommand)?;
            let names = command_names(cmd).join(", ");
            let message = Msg::UnknownCommand.fill(lang, &[&word, &names]);
            return Some((message, did_you_mean(ContextKind::SuggestedSubcommand)));
        }
        ErrorKind::ArgumentConflict => {
            let prior = context(error, ContextKind::PriorArg);
            let invalid = context(error, ContextKind::InvalidArg)
                .or_else(|| context(error, ContextKind::InvalidSubcommand))?;
            match prior {
                Some(prior) if prior != invalid => {
                    Msg::CannotBeCombined.fill(lang, &[&invalid, &prior])
                }
                _ => Msg::UsedTwice.fill(lang, &[&invalid]),
            }
        }
        ErrorKind::TooManyValues => Msg::UnexpectedValue.fill(lang, &[&arg, &value]),
        _ => return None,
    };
    Some((message, None))
}

/// A context value of a clap error as plain text; lists are joined with commas.
fn context(error: &clap::Error, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::String(text) => Some(text.clone()),
        ContextValue::Strings(texts) => Some(texts.join(", ")),
        ContextValue::StyledStr(text) => Some(text.to_string()),
        ContextValue::StyledStrs(texts) => Some(
            texts
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A usage error of gavel's own, with the usage of the whole command line.
fn usage_error(cmd: &clap::Command, lang: Lang, message: &str, tip: Option<String>) -> String {
    let rendered = cmd.clone().render_usage().to_string();
    let usage = rendered.split_once(' ').map(|(_, usage)| usage.to_string());
    render_usage_error(cmd, lang, message, tip, usage)
}

/// `gavel: what is wrong`, a tip, the usage and where to read more, as clap lays it out.
fn render_usage_error(
    cmd: &clap::Command,
    lang: Lang,
    message: &str,
    tip: Option<String>,
    usage: Option<String>,
) -> String {
    let mut out = format!("{}\n", Msg::UsageError.fill(lang, &[&message]));
    if let Some(tip) = tip {
        out.push_str(&format!("  {}\n", Msg::UsageTip.fill(lang, &[&tip])));
    }
    // The usage names the command the error is about: `gavel check ...` points at its help.
    let mut help = "gavel --help".to_string();
    if let Some(usage) = usage {
        let command = usage.split_whitespace().nth(1).unwrap_or_default();
        if command_names(cmd).contains(&command) {
            help = format!("gavel {command} --help");
        }
        out.push_str(&format!("\n{} {usage}\n", Msg::HeadingUsage.text(lang)));
    }
    out.push_str(&format!(
        "\n{}\n",
        Msg::MoreInformation.fill(lang, &[&help])
    ));
    out
}

#[cfg(test)]
mod tests {
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
