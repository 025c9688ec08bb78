//! clap's parser in the console's language: every help text, heading and value name from the
//! catalogue.

use super::*;

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
pub(super) fn arg_words(id: &str) -> Option<(Msg, Option<Msg>)> {
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
pub(super) fn command_words(name: &str) -> Option<(Msg, Option<Msg>)> {
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
pub(super) const LAST: usize = 1000;

/// Puts a command and its subcommands in `lang`: about, argument help, value names, headings,
/// and `-h`/`-V` of our own, as clap's are fixed English.
pub(super) fn localise(mut cmd: clap::Command, lang: Lang) -> clap::Command {
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

pub(super) fn localise_arg(mut arg: Arg, lang: Lang) -> Arg {
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
pub(super) fn localised_usage(cmd: &mut clap::Command, lang: Lang) -> String {
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
