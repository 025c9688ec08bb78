//! The running item: its clock against the slot, the round, the speakers, what was recorded.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{round_name, theme};
use crate::app::{App, Focus};
use crate::domain::clock::{ItemTiming, break_resumes_at};
use crate::domain::meeting::{Item, ItemKind, format_seconds};
use crate::domain::minutes::{ItemMinutes, Role, Speech};
use crate::domain::speaking;
use crate::i18n::Msg;

/// The pane's lines, so the layout can give it the height it needs.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    match (app.minutes.running_item(), app.minutes.closed_at) {
        (None, Some(closed)) => vec![Line::styled(
            app.fill(Msg::MeetingClosedAt, &[&closed.format("%H:%M")]),
            theme::title(),
        )],
        (None, None) => vec![Line::styled(app.t(Msg::NoItemRunning), theme::dim())],
        (Some(record), _) => running_lines(app, record),
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

/// A break counts down to the planned resumption.
fn break_line(app: &App, item: &Item, record: &ItemMinutes) -> Line<'static> {
    let Some(resumes) = break_resumes_at(item, record, &app.meeting, app.now) else {
        return Line::default();
    };
    let left = (resumes - app.now).num_seconds();
    let at = resumes.format("%H:%M").to_string();
    if left >= 0 {
        Line::styled(
            app.fill(Msg::BreakResumes, &[&at, &format_seconds(left)]),
            theme::running(),
        )
    } else {
        Line::styled(
            app.fill(Msg::BreakOver, &[&at, &format_seconds(-left)]),
            theme::over(),
        )
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
    let item = app.meeting.item(&record.number);
    if let Some(item) = item.filter(|i| i.kind == ItemKind::Break) {
        lines.push(break_line(app, item, record));
    }

    let is_break = item.is_some_and(|i| i.kind == ItemKind::Break);
    match record.current_round() {
        None if is_break => {}
        None => lines.push(Line::styled(app.t(Msg::NoSpeakers), theme::dim())),
        Some(round) => {
            let mut heading = vec![Span::styled(
                round_name(app, record.rounds.len()),
                theme::label(),
            )];
            if round.closed {
                heading.push(Span::styled(
                    format!("  [{}]", app.t(Msg::ListClosedMark)),
                    theme::over(),
                ));
            }
            lines.push(Line::from(heading));
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
            let usage = |faction: &str| {
                let item = item?;
                speaking::usage_of(&app.meeting, item, record, faction, now)
            };
            for (index, (speech, who)) in round.speakers.iter().zip(names).enumerate() {
                let is_current = current.is_some_and(|c| std::ptr::eq(c, speech));
                let highlighted = app.focus == Focus::Speakers && index == app.speaker_cursor;
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
                let mut style = if speech.is_speaking() {
                    theme::running()
                } else if is_current {
                    theme::title()
                } else {
                    ratatui::style::Style::new()
                };
                if highlighted {
                    style = style.patch(theme::selected());
                }
                // An interruption is indented under the speech it interrupted.
                let indent = if speech.interrupts.is_some() {
                    "  ↳"
                } else {
                    ""
                };
                let mut spans = vec![Span::styled(
                    format!(" {indent}{marker} {who:<width$} {seconds:>7} "),
                    style,
                )];
                // The faction's time left on this item, while it is in play.
                if let Some(left) = speaking::counts_for(speech)
                    .filter(|_| !speech.is_finished())
                    .and_then(usage)
                    .and_then(|u| u.remaining())
                {
                    let text = app.fill(Msg::TimeLeftShort, &[&format_seconds(left)]);
                    let style = if left < 0 {
                        theme::over()
                    } else if left <= app.settings.warn_before as i64 {
                        theme::running()
                    } else {
                        theme::ok()
                    };
                    spans.push(Span::styled(format!("{text} "), style));
                }
                if let Some(interrupted) = &speech.interrupts {
                    spans.push(Span::styled(
                        app.fill(Msg::Interrupts, &[interrupted]),
                        theme::dim(),
                    ));
                }
                spans.push(Span::styled(state, theme::dim()));
                lines.push(Line::from(spans));
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
    if !record.votes.is_empty() {
        lines.push(Line::styled(
            format!("{} ({})", app.t(Msg::Votes), record.votes.len()),
            theme::label(),
        ));
        for vote in &record.votes {
            let result = crate::app::decision::result_text(vote, app.lang);
            let style = match vote.result {
                _ if vote.corrected => theme::dim(),
                crate::domain::decision::Result::Adopted => theme::ok(),
                crate::domain::decision::Result::Rejected => theme::over(),
                crate::domain::decision::Result::Tied => theme::title(),
            };
            let mut spans = vec![
                Span::styled(format!(" {result} "), style),
                Span::raw(vote.subject.clone()),
            ];
            if vote.corrected {
                spans.push(Span::styled(
                    format!(" ({})", app.t(Msg::VoteCorrected)),
                    theme::dim(),
                ));
            }
            lines.push(Line::from(spans));
        }
    }
    lines
}
