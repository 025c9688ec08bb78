//! The running item: its clock against the slot, the round, the speakers, what was recorded.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::theme;
use crate::app::App;
use crate::domain::clock::ItemTiming;
use crate::domain::meeting::format_seconds;
use crate::domain::minutes::{ItemMinutes, Role, Speech};
use crate::i18n::Msg;

/// The pane's lines, so the layout can give it the height it needs.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    match app.minutes.running_item() {
        None => vec![Line::styled(app.t(Msg::NoItemRunning), theme::dim())],
        Some(record) => running_lines(app, record),
    }
}

/// One line per speaker and per record, cut at the edge: the counts and the newest stay in sight,
/// the full texts are in the minutes.
pub fn draw(frame: &mut Frame, app: &App, lines: Vec<Line<'static>>, area: Rect) {
    let block = Block::new()
        .borders(Borders::BOTTOM)
        .title(Span::styled(app.t(Msg::Live), theme::title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let paragraph = Paragraph::new(lines);
    let paragraph = if app.minutes.running_item().is_none() {
        paragraph.wrap(Wrap { trim: false })
    } else {
        paragraph
    };
    frame.render_widget(paragraph, inner);
}

/// A speaker's name with the faction or role in brackets, when that says more than the name.
fn speaker_label(app: &App, speech: &Speech) -> String {
    match (&speech.faction, speech.role) {
        (Some(faction), _) if faction != &speech.name => format!("{} ({faction})", speech.name),
        (_, Role::PortfolioHolder) => {
            format!("{} ({})", speech.name, app.t(Msg::RolePortfolioHolder))
        }
        (_, Role::Informant) => format!("{} ({})", speech.name, app.t(Msg::RoleInformant)),
        _ => speech.name.clone(),
    }
}

fn running_lines(app: &App, record: &ItemMinutes) -> Vec<Line<'static>> {
    let now = app.now;
    // The record, not the meeting file, names the item: it may have been removed from the file.
    let timing = ItemTiming {
        elapsed: record.elapsed_at(now),
        planned: app
            .meeting
            .item(&record.number)
            .and_then(|item| item.slot.planned_seconds())
            .map(u64::from),
    };
    let mut clock = vec![
        Span::styled(
            format!("{} {}  ", record.number, record.title),
            theme::title(),
        ),
        Span::styled(format_seconds(timing.elapsed as i64), theme::running()),
    ];
    if let (Some(planned), Some(left)) = (timing.planned, timing.remaining()) {
        clock.push(Span::raw(format!(
            " / {}  ",
            format_seconds(planned as i64)
        )));
        clock.push(if left < 0 {
            Span::styled(
                app.fill(Msg::Over, &[&format!("+{}", format_seconds(-left))]),
                theme::over(),
            )
        } else {
            Span::styled(app.fill(Msg::Left, &[&format_seconds(left)]), theme::ok())
        });
    }
    let mut lines = vec![Line::from(clock)];

    match record.current_round() {
        None => lines.push(Line::styled(app.t(Msg::NoSpeakers), theme::dim())),
        Some(round) => {
            lines.push(Line::styled(
                app.fill(Msg::Round, &[&record.rounds.len()]),
                theme::label(),
            ));
            if round.speakers.is_empty() {
                lines.push(Line::styled(app.t(Msg::NoSpeakers), theme::dim()));
            }
            let current = record.current_speech();
            let names: Vec<String> = round
                .speakers
                .iter()
                .map(|s| speaker_label(app, s))
                .collect();
            let width = names
                .iter()
                .map(|n| n.chars().count())
                .max()
                .unwrap_or(0)
                .min(40);
            for (speech, who) in round.speakers.iter().zip(names) {
                let is_current = current.is_some_and(|c| std::ptr::eq(c, speech));
                let (marker, state) = if speech.is_speaking() {
                    ("▶", String::new())
                } else if speech.is_finished() {
                    ("✓", String::new())
                } else if speech.started_at.is_some() {
                    ("‖", app.t(Msg::Paused).to_string())
                } else {
                    (" ", app.t(Msg::Waiting).to_string())
                };
                let seconds = format_seconds(speech.seconds_at(now) as i64);
                let style = if speech.is_speaking() {
                    theme::running()
                } else if is_current {
                    theme::title()
                } else {
                    ratatui::style::Style::new()
                };
                lines.push(Line::from(vec![
                    Span::styled(format!(" {marker} {who:<width$} {seconds:>7} "), style),
                    Span::styled(state, theme::dim()),
                ]));
            }
        }
    }

    if !record.conclusions.is_empty() {
        lines.push(Line::styled(
            format!("{} ({})", app.t(Msg::Conclusions), record.conclusions.len()),
            theme::label(),
        ));
        for conclusion in &record.conclusions {
            lines.push(Line::raw(format!(
                " • {}",
                conclusion.text.replace('\n', " ")
            )));
        }
    }
    if !record.commitments.is_empty() {
        lines.push(Line::styled(
            format!("{} ({})", app.t(Msg::Commitments), record.commitments.len()),
            theme::label(),
        ));
        for commitment in &record.commitments {
            lines.push(Line::from(vec![
                Span::styled(format!(" {} ", commitment.id), theme::dim()),
                Span::raw(format!(
                    "{}: {}",
                    commitment.by,
                    commitment.text.replace('\n', " ")
                )),
            ]));
        }
    }
    lines
}
