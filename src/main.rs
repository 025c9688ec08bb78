use std::io::IsTerminal;
use std::process::ExitCode;

use std::path::PathBuf;

use gavel::cli::{Command, CommitmentsAction, ListFormatArg};
use gavel::i18n::Lang;
use gavel::start::Start;

fn main() -> ExitCode {
    // gavel started again as its own PDF extractor (src/extract.rs), before any parsing.
    if std::env::args_os()
        .nth(1)
        .is_some_and(|arg| gavel::extract::is_child_arg(&arg))
    {
        return ExitCode::from(gavel::extract::child_main() as u8);
    }
    let env = |var: &str| std::env::var(var).ok();
    let cli = match gavel::cli::parse(std::env::args_os(), env, |path| path.exists()) {
        Ok(cli) => cli,
        Err(stop) => return stop.exit(),
    };
    let lang = Lang::choose(cli.lang.map(Lang::from), env);
    // Documents speak the meeting's language unless --lang names one; messages speak `lang`.
    let document_lang = cli.lang.map(Lang::from);
    let code = match cli.command {
        Some(Command::Check { files }) => {
            gavel::check::run(&files, lang, &mut std::io::stdout(), &mut std::io::stderr())
        }
        Some(Command::Brief {
            meeting,
            format,
            output,
            force,
        }) => gavel::brief::run(
            &gavel::brief::Request {
                meeting,
                format: format.map(Into::into),
                output,
                force,
                document_lang,
            },
            lang,
            &mut std::io::stdout(),
            &mut std::io::stderr(),
            std::io::stdout().is_terminal(),
        ),
        Some(Command::Commitments {
            action,
            folder,
            open,
            overdue,
            by,
            since,
            until,
            format,
            output,
            force,
            as_of,
        }) => commitments(
            action,
            folder,
            open,
            overdue,
            by,
            since,
            until,
            format,
            output,
            force,
            as_of,
            (lang, document_lang),
        ),
        Some(Command::Export {
            meeting,
            format,
            output,
            force,
            with_notes,
            with_contacts,
            stream_start,
            with_faction,
            speakers,
            stretches,
            base_url,
        }) => {
            let request = gavel::export::Request {
                meeting,
                format: format.map(Into::into),
                output,
                force,
                document_lang,
                options: gavel::export::Options {
                    lang,
                    with_notes,
                    with_contacts,
                },
                timeline: gavel::export::timeline::TimelineOptions {
                    lang,
                    stream_start,
                    with_faction,
                    speakers,
                },
                stretches,
                base_url,
            };
            gavel::export::run(
                &request,
                lang,
                &mut std::io::stdout(),
                &mut std::io::stderr(),
                std::io::stdout().is_terminal(),
            )
        }
        Some(Command::Display { meeting, http }) => gavel::display::run(&meeting, http, lang),
        Some(Command::Import {
            pack,
            output,
            attachments,
            force,
            from,
            offline,
        }) => gavel::import::run(
            &gavel::import::Request {
                pack,
                output,
                attachments,
                force,
                from,
                offline,
            },
            lang,
            &mut std::io::stdout(),
            &mut std::io::stderr(),
        ),
        None => {
            let meeting = match cli.meeting.clone() {
                Some(meeting) => meeting,
                None => match gavel::start::choose_meeting(lang) {
                    Start::Open(meeting) => meeting,
                    Start::Quit => return ExitCode::SUCCESS,
                    Start::Exit(code) => return ExitCode::from(code as u8),
                },
            };
            gavel::run::run(
                &meeting,
                lang,
                cli.move_aside,
                cli.settings(),
                gavel::run::SeatOptions {
                    seat: cli.seat.clone(),
                    listen: cli.listen,
                    connect: cli.connect,
                },
            )
        }
    };
    ExitCode::from(code as u8)
}

/// `gavel commitments`: the register of the folder given (or `meetings/`), or a change to it.
#[allow(clippy::too_many_arguments)] // the command line's options, passed on as they came
fn commitments(
    action: Option<CommitmentsAction>,
    folder: Option<PathBuf>,
    open: bool,
    overdue: bool,
    by: Option<String>,
    since: Option<chrono::NaiveDate>,
    until: Option<chrono::NaiveDate>,
    format: Option<ListFormatArg>,
    output: Option<PathBuf>,
    force: bool,
    as_of: Option<chrono::NaiveDate>,
    (lang, document_lang): (Lang, Option<Lang>),
) -> i32 {
    use gavel::register::command::{Change, ListFormat, ListRequest, Terminal, change, list};
    let today = as_of.unwrap_or_else(|| chrono::Local::now().date_naive());
    let default_folder = || PathBuf::from("meetings");
    let (out, err) = (&mut std::io::stdout(), &mut std::io::stderr());
    let Some(action) = action else {
        let on_terminal = output.is_none() && std::io::stdout().is_terminal();
        let format = format.map(ListFormat::from).unwrap_or_else(|| {
            match output
                .as_deref()
                .and_then(|p| p.extension())
                .and_then(|e| e.to_str())
            {
                Some("csv") => ListFormat::Csv,
                Some("json") => ListFormat::Json,
                Some("md") => ListFormat::Markdown,
                _ if on_terminal || output.is_none() => ListFormat::Table,
                _ => ListFormat::Markdown,
            }
        });
        let terminal = on_terminal.then(|| Terminal {
            width: ratatui::crossterm::terminal::size().map_or(100, |(w, _)| usize::from(w)),
            colour: std::env::var_os("NO_COLOR").is_none(),
        });
        let request = ListRequest {
            folder: folder.unwrap_or_else(default_folder),
            filter: gavel::register::Filter {
                open_only: open,
                overdue_only: overdue,
                by,
                since,
                until,
            },
            format,
            output,
            force,
            document_lang,
            today,
        };
        return list(&request, lang, terminal, out, err);
    };
    let (id, dir, the_change) = match action {
        CommitmentsAction::Done {
            id,
            how,
            date,
            meeting,
            dir,
        } => {
            // The register of the meeting's folder, unless another is named.
            let dir = dir.or_else(|| {
                meeting
                    .as_deref()
                    .and_then(|m| m.parent())
                    .filter(|p| !p.as_os_str().is_empty())
                    .map(PathBuf::from)
            });
            let meeting =
                meeting.and_then(|m| m.file_name().map(|n| n.to_string_lossy().into_owned()));
            (id, dir, Change::Done { how, date, meeting })
        }
        CommitmentsAction::Reopen { id, dir } => (id, dir, Change::Reopen),
        CommitmentsAction::Number { id, ris, dir } => (id, dir, Change::Number(ris)),
    };
    let folder = dir.or(folder).unwrap_or_else(default_folder);
    change(&folder, &id, &the_change, today, lang, out, err)
}
