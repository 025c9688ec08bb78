//! clap's errors, and words clap takes for a meeting file that are not one, as catalogue
//! messages with the usage line.

use super::*;

/// The visible commands, for messages that list them (so a new command joins by itself).
pub(super) fn command_names(cmd: &clap::Command) -> Vec<&str> {
    cmd.get_subcommands()
        .filter(|sub| !sub.is_hide_set() && sub.get_name() != "help")
        .map(clap::Command::get_name)
        .collect()
}

/// The command nearest to a mistyped word, if it is close enough to be meant.
pub(super) fn nearest_command<'a>(word: &str, names: &[&'a str]) -> Option<&'a str> {
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
pub(super) fn misplaced_word(
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
pub(super) fn stop_for(error: clap::Error, cmd: &clap::Command, lang: Lang) -> Stop {
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
pub(super) fn error_message(
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
pub(super) fn context(error: &clap::Error, kind: ContextKind) -> Option<String> {
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
pub(super) fn usage_error(
    cmd: &clap::Command,
    lang: Lang,
    message: &str,
    tip: Option<String>,
) -> String {
    let rendered = cmd.clone().render_usage().to_string();
    let usage = rendered.split_once(' ').map(|(_, usage)| usage.to_string());
    render_usage_error(cmd, lang, message, tip, usage)
}

/// `gavel: what is wrong`, a tip, the usage and where to read more, as clap lays it out.
pub(super) fn render_usage_error(
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
