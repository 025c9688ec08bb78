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
use textwrap::core::display_width;

/// What the live pane shows, in the order a chair needs it: the head (the item's clock, a break's
/// countdown, the round), the speakers (the one who has the floor and the next always in
/// sight), then what was recorded. Every number is whole; names give way first.
pub struct Pane {
    head: Vec<Line<'static>>,
    speakers: Vec<Line<'static>>,
    /// Index in `speakers` that must stay in sight with the one after it: the current speech.
    current: Option<usize>,
    records: Vec<Line<'static>>,
}

impl Pane {
    /// Every line, for the layout to give the pane the height it wants.
    pub fn len(&self) -> usize {
        self.head.len() + self.speakers.len() + self.records.len()
    }

    /// The lines that fit in `rows`: the head, then a window of the speakers that keeps the
    /// current one and the next, a line saying how many are out of sight, then the records.
    fn fit(self, rows: usize, app: &App) -> Vec<Line<'static>> {
        let mut lines = self.head;
        let room = rows.saturating_sub(lines.len());
        let count = self.speakers.len();
        if count <= room {
            lines.extend(self.speakers);
        } else if room > 0 {
            let first = self.current.unwrap_or(0);
            let last = self.current.map_or(0, |c| (c + 1).min(count - 1));
            // The window ends at the next speaker, or later when it starts at the top.
            let start = if room == 1 {
                first
            } else {
                (last + 1).saturating_sub(room)
            };
            let end = (start + room).min(count);
            let mut window: Vec<Line<'static>> = self.speakers[start..end].to_vec();
            if start > 0 && start < first {
                window[0] =
                    Line::styled(app.fill(Msg::SpeakersAbove, &[&(start + 1)]), theme::dim());
            }
            if end < count && end - 1 > last {
                let shown = window.len() - 1;
                window[shown] = Line::styled(
                    app.fill(Msg::SpeakersBelow, &[&(count - end + 1)]),
                    theme::dim(),
                );
            }
            lines.extend(window);
        }
        lines.extend(self.records);
        lines
    }
}

/// The pane's lines for a pane `width` columns wide.
pub fn pane(app: &App, width: u16) -> Pane {
    let width = usize::from(width);
    match (app.minutes.running_item(), app.minutes.closed_at) {
        (None, Some(closed)) => Pane {
            head: vec![Line::styled(
                app.fill(Msg::MeetingClosedAt, &[&closed.format("%H:%M")]),
                theme::title(),
            )],
            speakers: Vec::new(),
            current: None,
            records: Vec::new(),
        },
        (None, None) => Pane {
            head: vec![Line::styled(app.t(Msg::NoItemRunning), theme::dim())],
            speakers: Vec::new(),
            current: None,
            records: Vec::new(),
        },
        (Some(record), _) => running_pane(app, record, width),
    }
}

/// Lines of the pane's width: the counts and the newest records stay in sight, the full texts
/// are in the item pane and the minutes.
pub fn draw(frame: &mut Frame, app: &App, pane: Pane, area: Rect) {
    let block = Block::new()
        .borders(Borders::BOTTOM)
        .title(Span::styled(app.t(Msg::Live), theme::title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let running = app.minutes.running_item().is_some();
    let lines = if running {
        pane.fit(usize::from(inner.height), app)
    } else {
        pane.fit(usize::MAX, app)
    };
    let paragraph = Paragraph::new(lines);
    let paragraph = if running {
        paragraph
    } else {
        paragraph.wrap(Wrap { trim: false })
    };
    frame.render_widget(paragraph, inner);
}

/// `text` in at most `width` columns: cut with `…` when longer.
pub fn shorten(text: &str, width: usize) -> String {
    if display_width(text) <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = display_width(c.encode_utf8(&mut [0; 4]));
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// A speaker's label in `width` columns: the faction or role in brackets when it fits; else the
/// faction kept and the name shortened (the faction's budget is what the chair watches), a
/// role dropped.
fn fitted_label(app: &App, speech: &Speech, width: usize) -> String {
    let full = speaker_label(app, speech);
    if display_width(&full) <= width {
        return full;
    }
    match &speech.faction {
        Some(faction) if faction != &speech.name => {
            let suffix = format!(" ({faction})");
            let room = width.saturating_sub(display_width(&suffix));
            if room >= 4 {
                return format!("{}{suffix}", shorten(&speech.name, room));
            }
            shorten(&full, width)
        }
        _ => shorten(&speech.name, width),
    }
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

/// A faction's time on the item: "nog 4:48", or "+0:29 over tijd" in red.
fn budget_text(app: &App, left: i64) -> (String, ratatui::style::Style) {
    if left < 0 {
        let over = format!("+{}", format_seconds(-left));
        (app.fill(Msg::Over, &[&over]), theme::over())
    } else if left <= app.settings.warn_before as i64 {
        (
            app.fill(Msg::TimeLeftShort, &[&format_seconds(left)]),
            theme::running(),
        )
    } else {
        (
            app.fill(Msg::TimeLeftShort, &[&format_seconds(left)]),
            theme::ok(),
        )
    }
}

/// The item's clock against its slot, whole; the number and title take what is left, shortened.
fn clock_lines(app: &App, record: &ItemMinutes, width: usize) -> Vec<Line<'static>> {
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
    let mut numbers = vec![Span::styled(
        format_seconds(timing.elapsed as i64),
        theme::running(),
    )];
    if let (Some(planned), Some(left)) = (timing.planned, timing.remaining()) {
        numbers.push(Span::raw(format!(
            " / {}  ",
            format_seconds(planned as i64)
        )));
        numbers.push(if left < 0 {
            Span::styled(
                app.fill(Msg::Over, &[&format!("+{}", format_seconds(-left))]),
                theme::over(),
            )
        } else {
            Span::styled(app.fill(Msg::Left, &[&format_seconds(left)]), theme::ok())
        });
    }
    let numbers_width: usize = numbers.iter().map(|s| s.width()).sum();
    let title = format!("{} {}", record.number, record.title);
    let room = width.saturating_sub(numbers_width + 2);
    if room >= display_width(&record.number) + 4 {
        let mut spans = vec![Span::styled(
            format!("{}  ", shorten(&title, room)),
            theme::title(),
        )];
        spans.extend(numbers);
        vec![Line::from(spans)]
    } else {
        // Too narrow for both: the title above, the clock whole on a line of its own.
        vec![
            Line::styled(shorten(&title, width), theme::title()),
            Line::from(numbers),
        ]
    }
}

fn running_pane(app: &App, record: &ItemMinutes, width: usize) -> Pane {
    let now = app.now;
    let mut lines = clock_lines(app, record, width);
    let item = app.meeting.item(&record.number);
    if let Some(item) = item.filter(|i| i.kind == ItemKind::Break) {
        lines.push(break_line(app, item, record));
    }

    let is_break = item.is_some_and(|i| i.kind == ItemKind::Break);
    let mut speakers = Vec::new();
    let mut current_row = None;
    match record.current_round() {
        None if is_break => {}
        None => lines.push(Line::styled(
            shorten(app.t(Msg::NoSpeakers), width),
            theme::dim(),
        )),
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
                lines.push(Line::styled(
                    shorten(app.t(Msg::NoSpeakers), width),
                    theme::dim(),
                ));
            }
            let current = record.current_speech();
            let usage = |faction: &str| {
                let item = item?;
                speaking::usage_of(&app.meeting, item, record, faction, now)
            };
            // The numbers of each row first: they decide how much room the names get.
            let rows: Vec<(String, Option<(String, ratatui::style::Style)>)> = round
                .speakers
                .iter()
                .map(|speech| {
                    let seconds = format_seconds(speech.seconds_at(now) as i64);
                    // The faction's time left on this item, while it is in play.
                    let budget = speaking::counts_for(speech)
                        .filter(|_| !speech.is_finished())
                        .and_then(usage)
                        .and_then(|u| u.remaining())
                        .map(|left| budget_text(app, left));
                    (seconds, budget)
                })
                .collect();
            let seconds_width = rows.iter().map(|(s, _)| s.len()).max().unwrap_or(0);
            let budget_width = rows
                .iter()
                .filter_map(|(_, b)| b.as_ref().map(|(text, _)| display_width(text)))
                .max()
                .map_or(0, |w| w + 1);
            let indent_width = if round.speakers.iter().any(|s| s.interrupts.is_some()) {
                2
            } else {
                0
            };
            let fixed = 3 + indent_width + 1 + seconds_width + 1 + budget_width;
            let longest = round
                .speakers
                .iter()
                .map(|s| display_width(&speaker_label(app, s)))
                .max()
                .unwrap_or(0);
            let name_width = longest.min(width.saturating_sub(fixed)).max(1);
            for (index, (speech, (seconds, budget))) in round.speakers.iter().zip(rows).enumerate()
            {
                let is_current = current.is_some_and(|c| std::ptr::eq(c, speech));
                if is_current {
                    current_row = Some(index);
                }
                let highlighted = app.focus == Focus::Speakers && index == app.speaker_cursor;
                let (marker, state) = if speech.is_speaking() {
                    ("▶", "")
                } else if speech.is_finished() {
                    ("✓", "")
                } else if speech.started_at.is_some() {
                    ("‖", app.t(Msg::Paused))
                } else {
                    (" ", app.t(Msg::Waiting))
                };
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
                    "↳ "
                } else {
                    ""
                };
                let room = name_width + indent_width - display_width(indent);
                let who = fitted_label(app, speech, room);
                let pad = room.saturating_sub(display_width(&who));
                let mut spans = vec![Span::styled(
                    format!(
                        " {marker} {indent}{who}{} {seconds:>seconds_width$} ",
                        " ".repeat(pad)
                    ),
                    style,
                )];
                let mut used = fixed - budget_width + name_width;
                if let Some((text, budget_style)) = budget {
                    used += display_width(&text) + 1;
                    spans.push(Span::styled(format!("{text} "), budget_style));
                }
                // What is said of the row after the numbers, as far as the width allows.
                let mut tail = String::new();
                if let Some(interrupted) = &speech.interrupts {
                    tail.push_str(&app.fill(Msg::Interrupts, &[interrupted]));
                    tail.push(' ');
                }
                tail.push_str(state);
                let tail = tail.trim_end();
                if !tail.is_empty() && used + display_width(tail) <= width {
                    spans.push(Span::styled(tail.to_string(), theme::dim()));
                }
                speakers.push(Line::from(spans));
            }
        }
    }
    let head = lines;
    let mut lines = Vec::new();

    if !record.conclusions.is_empty() {
        let only_findings = record.conclusions.iter().all(|c| c.kind.is_finding());
        let heading = if only_findings {
            Msg::Conclusions
        } else {
            Msg::Passages
        };
        lines.push(Line::styled(
            format!("{} ({})", app.t(heading), record.conclusions.len()),
            theme::label(),
        ));
        for conclusion in &record.conclusions {
            let text = conclusion.text.replace('\n', " ");
            let line = if only_findings {
                Line::raw(format!(" • {text}"))
            } else {
                let word = app.t(crate::app::passage_word(conclusion.kind));
                Line::from(vec![
                    Span::raw(" • "),
                    Span::styled(format!("{word}: "), theme::dim()),
                    Span::raw(text),
                ])
            };
            lines.push(line);
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
    Pane {
        head,
        speakers,
        current: current_row,
        records: lines,
    }
}
