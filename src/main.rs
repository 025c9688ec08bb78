use std::io::IsTerminal;
use std::process::ExitCode;

use gavel::cli::Command;
use gavel::i18n::Lang;
use gavel::start::Start;

fn main() -> ExitCode {
    let env = |var: &str| std::env::var(var).ok();
    let cli = match gavel::cli::parse(std::env::args_os(), env, |path| path.exists()) {
        Ok(cli) => cli,
        Err(stop) => return stop.exit(),
    };
    let lang = Lang::choose(cli.lang.map(Lang::from), env);
    let code = match cli.command {
        Some(Command::Check { files }) => {
            gavel::check::run(&files, lang, &mut std::io::stdout(), &mut std::io::stderr())
        }
        Some(Command::Brief {
            meeting,
            format,
            output,
        }) => gavel::brief::run(
            &meeting,
            format.map(Into::into),
            output.as_deref(),
            lang,
            &mut std::io::stdout(),
            &mut std::io::stderr(),
            std::io::stdout().is_terminal(),
        ),
        Some(Command::Export {
            meeting,
            format,
            output,
            with_notes,
        }) => {
            let request = gavel::export::Request {
                meeting,
                format: format.map(Into::into),
                output,
                options: gavel::export::Options { lang, with_notes },
            };
            gavel::export::run(
                &request,
                lang,
                &mut std::io::stdout(),
                &mut std::io::stderr(),
                std::io::stdout().is_terminal(),
            )
        }
        None => {
            let meeting = match cli.meeting.clone() {
                Some(meeting) => meeting,
                None => match gavel::start::choose_meeting(lang) {
                    Start::Open(meeting) => meeting,
                    Start::Quit => return ExitCode::SUCCESS,
                    Start::Exit(code) => return ExitCode::from(code as u8),
                },
            };
            gavel::run::run(&meeting, lang, cli.move_aside, cli.settings())
        }
    };
    ExitCode::from(code as u8)
}
