//! `gavel` started without a meeting file: a small chooser over the meeting files of the current
//! folder and of `meetings/`, ranked by the same matcher as every other list. Where there is
//! nothing to choose, or no terminal to choose in, it says where to point gavel instead.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::Local;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::{DefaultTerminal, Frame};

use crate::app::picker::{Entry, Kind, Pick, Picker, Purpose};
use crate::i18n::{Lang, Msg};
use crate::keymap::{Action, ModeKind, action_for};
use crate::store::meeting_files::{MeetingFile, find_meeting_files, preselected};
use crate::ui::{picker, theme};

/// Where a chooser's folders are, relative to the current folder.
const FOLDERS: [&str; 2] = ["", "meetings"];

/// What the chair chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    Open(PathBuf),
    /// Esc or Ctrl-C: nothing to do.
    Quit,
    /// Nothing to choose from, or no terminal: the message is printed; exit with this code.
    Exit(i32),
}

/// Lets the chair choose a meeting file of the current folder or of `meetings/`.
pub fn choose_meeting(lang: Lang) -> Start {
    let folders: Vec<&Path> = FOLDERS.iter().map(Path::new).collect();
    let files = find_meeting_files(Path::new("."), &folders);
    let mut err = io::stderr();
    if files.is_empty() {
        let here = std::env::current_dir()
            .map(|dir| dir.display().to_string())
            .unwrap_or_else(|_| ".".into());
        report(&mut err, &Msg::NoMeetingFiles.fill(lang, &[&here]));
        return Start::Exit(2);
    }
    if !(io::stdin().is_terminal() && io::stdout().is_terminal()) {
        report(&mut err, Msg::MeetingFilesHere.text(lang));
        for file in &files {
            report(&mut err, &format!("  {}", listing(file, lang)));
        }
        report(&mut err, Msg::OpenOneWith.text(lang));
        return Start::Exit(2);
    }
    let mut chooser = Picker::new(
        Purpose::MeetingFile,
        Msg::ChooseMeeting.text(lang).into(),
        entries(&files, lang),
        None,
    );
    chooser.selected = preselected(&files, Local::now().date_naive());

    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        let _ = signal_hook::flag::register(signal, Arc::clone(&stop));
    }
    let mut terminal = ratatui::init();
    let chosen = choose(&mut terminal, &mut chooser, lang, &stop);
    ratatui::restore();
    match chosen {
        Ok(Some(index)) => Start::Open(files[index].path.clone()),
        Ok(None) => Start::Quit,
        Err(error) => {
            report(&mut err, &Msg::TerminalFailed.fill(lang, &[&error]));
            Start::Exit(1)
        }
    }
}

fn report(out: &mut impl io::Write, line: &str) {
    // A closed stderr is no reason to panic; titles and names in it come from files.
    let _ = writeln!(out, "{}", crate::sanitize::for_terminal(line));
}

/// One file as a line of text: its path, then its title and date, or why it does not load.
fn listing(file: &MeetingFile, lang: Lang) -> String {
    let detail = detail(file, lang);
    if detail.is_empty() {
        file.path.display().to_string()
    } else {
        format!("{}  ({detail})", file.path.display())
    }
}

fn detail(file: &MeetingFile, lang: Lang) -> String {
    match (&file.title, file.date) {
        (Some(title), Some(date)) => format!("{title} · {}", date.format("%d-%m-%Y")),
        _ if file.broken => Msg::MeetingFileBroken.fill(lang, &[&file.path.display()]),
        _ => String::new(),
    }
}

fn entries(files: &[MeetingFile], lang: Lang) -> Vec<Entry> {
    files
        .iter()
        .enumerate()
        .map(|(index, file)| Entry {
            label: file.path.display().to_string(),
            detail: detail(file, lang),
            context: None,
            kind: Kind::Item,
            pick: Pick::Item(index),
        })
        .collect()
}

/// The chooser's own small loop: key -> action -> update -> draw. Returns the chosen file's index.
fn choose(
    terminal: &mut DefaultTerminal,
    chooser: &mut Picker,
    lang: Lang,
    stop: &AtomicBool,
) -> io::Result<Option<usize>> {
    loop {
        chooser.refresh();
        terminal.draw(|frame| draw(frame, chooser, lang))?;
        if stop.load(Ordering::Relaxed) {
            return Ok(None);
        }
        if !event::poll(Duration::from_millis(250))? {
            continue;
        }
        let Event::Key(key) = event::read()? else {
            continue;
        };
        if key.kind == KeyEventKind::Release {
            continue;
        }
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
            return Ok(None);
        }
        match action_for(ModeKind::Picker, key) {
            Some(Action::Up) => chooser.move_selection(false),
            Some(Action::Down) => chooser.move_selection(true),
            Some(Action::Input(key)) if chooser.query.input(key) => chooser.stale = true,
            Some(Action::Close) => return Ok(None),
            Some(Action::Confirm) => {
                chooser.settle();
                if let Some(Pick::Item(index)) = chooser.chosen() {
                    return Ok(Some(index));
                }
            }
            _ => {}
        }
    }
}

/// The list over the whole screen, and one line that says what the keys do.
pub fn draw(frame: &mut Frame, chooser: &Picker, lang: Lang) {
    let [list, keys] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(frame.area());
    picker::draw(frame, lang, chooser, list);
    let hints = Line::from(vec![
        Span::styled("Enter", theme::key()),
        Span::raw(format!(" {}  ", Msg::KeyOpenMeeting.text(lang))),
        Span::styled("↑ ↓", theme::key()),
        Span::raw(format!(" {}  ", Msg::KeyMove.text(lang))),
        Span::styled("Esc", theme::key()),
        Span::raw(format!(" {}", Msg::KeyQuitShort.text(lang))),
    ]);
    frame.render_widget(Paragraph::new(hints), keys);
    // File names and titles come from outside: see `sanitize`.
    crate::sanitize::buffer_for_terminal(frame.buffer_mut());
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn files() -> Vec<MeetingFile> {
        vec![
            MeetingFile {
                path: PathBuf::from("meetings/2017-01-23-raadsplein.yaml"),
                title: Some("Raadsplein Besluitvormend".into()),
                date: NaiveDate::from_ymd_opt(2017, 1, 23),
                broken: false,
            },
            MeetingFile {
                path: PathBuf::from("meetings/2017-11-20-raadsplein-takzaal.yaml"),
                title: Some("Raadsplein Info/debat TaKzaal".into()),
                date: NaiveDate::from_ymd_opt(2017, 11, 20),
                broken: false,
            },
            MeetingFile {
                path: PathBuf::from("kapot.yaml"),
                title: None,
                date: None,
                broken: true,
            },
        ]
    }

    #[test]
    fn typing_narrows_the_files_and_enter_picks_one() {
        let mut chooser = Picker::new(
            Purpose::MeetingFile,
            String::new(),
            entries(&files(), Lang::En),
            None,
        );
        chooser.query.insert_str("takzaal");
        chooser.refilter();
        assert_eq!(chooser.chosen(), Some(Pick::Item(1)));
        let mut chooser = Picker::new(
            Purpose::MeetingFile,
            String::new(),
            entries(&files(), Lang::En),
            None,
        );
        // Titles are searched too.
        chooser.query.insert_str("besluit");
        chooser.refilter();
        assert_eq!(chooser.chosen(), Some(Pick::Item(0)));
    }

    #[test]
    fn the_chooser_shows_titles_dates_and_what_does_not_load() {
        let chooser = Picker::new(
            Purpose::MeetingFile,
            Msg::ChooseMeeting.text(Lang::Nl).into(),
            entries(&files(), Lang::Nl),
            None,
        );
        let mut terminal = Terminal::new(TestBackend::new(100, 8)).unwrap();
        terminal
            .draw(|frame| draw(frame, &chooser, Lang::Nl))
            .unwrap();
        insta::assert_snapshot!(terminal.backend());
    }
}
