//! Everything the meeting file says about the highlighted item, and the chair's notes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::reflow::{reflow, wrap_spans};
use super::{kind_text, round_name, status_text, theme};
use crate::app::App;
use crate::domain::clock::Forecast;
use crate::domain::meeting::{Item, Slot, format_seconds};
use crate::domain::minutes::{ItemMinutes, Status};
use crate::i18n::Msg;

pub fn draw(frame: &mut Frame, app: &App, forecast: &Forecast, area: Rect) {
    let item = &app.meeting.items[app.selected];
    let block = block(item);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = item_lines(app, forecast, item, inner.width);
    // A resized terminal may leave the scroll past the end: show the end.
    let scroll = app.item_scroll.min(scroll_limit(lines.len(), inner.height));
    // The lines already fit the width: no second wrapping.
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}

/// How far the item pane in `area` can scroll: until its last line is at the bottom.
pub fn max_scroll(app: &App, forecast: &Forecast, area: Rect) -> u16 {
    let item = &app.meeting.items[app.selected];
    let inner = block(item).inner(area);
    scroll_limit(
        item_lines(app, forecast, item, inner.width).len(),
        inner.height,
    )
}

fn scroll_limit(lines: usize, height: u16) -> u16 {
    u16::try_from(lines.saturating_sub(usize::from(height))).unwrap_or(u16::MAX)
}

fn block(item: &Item) -> Block<'static> {
    Block::new().title(Span::styled(
        format!("{} {}", item.number, item.title),
        theme::title(),
    ))
}

/// Continuation lines of a field, an informant or an attachment start this far in.
const HANGING: usize = 2;

fn field(lines: &mut Vec<Line<'static>>, width: usize, label: String, value: String) {
    lines.extend(wrap_spans(
        &[
            Span::styled(format!("{label}: "), theme::label()),
            Span::raw(value),
        ],
        width,
        HANGING,
    ));
}

fn label(lines: &mut Vec<Line<'static>>, width: usize, label: String) {
    lines.extend(wrap_spans(&[Span::styled(label, theme::label())], width, 0));
}

fn block_text(lines: &mut Vec<Line<'static>>, width: usize, label_text: String, text: &str) {
    lines.push(Line::default());
    label(lines, width, label_text);
    lines.extend(reflow(text.trim_end(), width).into_iter().map(Line::raw));
}

/// What was recorded for the item, whole and wrapped, for the clerk who reviews it: the speakers
/// per round with their times, the conclusions, the commitments (id, by, due), the votes.
fn recorded_lines(app: &App, record: &ItemMinutes, width: usize, lines: &mut Vec<Line<'static>>) {
    let now = app.now;
    let spoken: Vec<_> = record
        .rounds
        .iter()
        .enumerate()
        .filter(|(_, round)| round.speakers.iter().any(|s| s.started_at.is_some()))
        .collect();
    for (number, round) in spoken {
        let speakers: Vec<String> = round
            .speakers
            .iter()
            .filter(|s| s.started_at.is_some())
            .map(|s| format!("{} {}", s.name, format_seconds(s.seconds_at(now) as i64)))
            .collect();
        field(
            lines,
            width,
            round_name(app, number + 1),
            speakers.join(" · "),
        );
    }
    if !record.conclusions.is_empty() {
        // Conclusions alone keep their heading; with a summary of the debate or a reply among
        // them it is the record, each passage named by its kind, in the order made.
        let only_findings = record.conclusions.iter().all(|c| c.kind.is_finding());
        let heading = if only_findings {
            Msg::Conclusions
        } else {
            Msg::Passages
        };
        label(
            lines,
            width,
            format!("{} ({}):", app.t(heading), record.conclusions.len()),
        );
        for (n, conclusion) in record.conclusions.iter().enumerate() {
            let marker = format!("  {}. ", n + 1);
            let kind = if only_findings {
                String::new()
            } else {
                format!(
                    "{}: ",
                    capitalised(app.t(crate::app::passage_word(conclusion.kind)))
                )
            };
            let passage = conclusion.text.trim_end().replace('\n', " ");
            let text = format!("{marker}{kind}{passage}");
            let style = found_style(app, &conclusion.text);
            lines.extend(wrap_spans(
                &[Span::styled(text, style)],
                width,
                marker.len(),
            ));
        }
    }
    if !record.commitments.is_empty() {
        label(
            lines,
            width,
            format!(
                "{} ({}):",
                app.t(Msg::Commitments),
                record.commitments.len()
            ),
        );
        for commitment in &record.commitments {
            let mut head = format!("  {} · {}", commitment.id, commitment.by);
            if let Some(due) = commitment.due {
                let due = app.lang.short_date(due);
                head.push_str(&format!(" · {}", app.fill(Msg::DueOn, &[&due])));
            }
            lines.extend(wrap_spans(
                &[Span::styled(head, theme::dim())],
                width,
                2 * HANGING,
            ));
            let text = format!("    {}", commitment.text.trim_end().replace('\n', " "));
            let style = found_style(app, &commitment.text);
            lines.extend(wrap_spans(&[Span::styled(text, style)], width, 2 * HANGING));
        }
    }
    if !record.votes.is_empty() {
        label(
            lines,
            width,
            format!("{} ({}):", app.t(Msg::Votes), record.votes.len()),
        );
        for vote in &record.votes {
            let result = crate::app::decision::result_text(vote, app.lang);
            let mut spans = vec![
                Span::styled(format!("  {result} "), theme::title()),
                Span::raw(vote.subject.clone()),
            ];
            if vote.corrected {
                spans.push(Span::styled(
                    format!(" ({})", app.t(Msg::VoteCorrected)),
                    theme::dim(),
                ));
            }
            lines.extend(wrap_spans(&spans, width, 2 * HANGING));
        }
    }
}

/// A record the search palette jumped to stands out.
fn found_style(app: &App, text: &str) -> ratatui::style::Style {
    let found = app.found_record.as_deref().is_some_and(|found| {
        found.contains(&text.replace('\n', " ")) || text.replace('\n', " ").contains(found)
    });
    if found {
        theme::highlight()
    } else {
        ratatui::style::Style::new()
    }
}

/// The item pane's lines, each within `width` columns: their count is the pane's length.
pub fn item_lines(app: &App, forecast: &Forecast, item: &Item, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width);
    let mut lines = Vec::new();
    let status = app.t(status_text(app.minutes.status_of(&item.number)));
    let mut head = format!("{} · {status}", app.t(kind_text(item.kind)));
    match item.slot {
        Slot::Range { start, end } => {
            head.push_str(&format!(
                " · {}–{}",
                start.format("%H:%M"),
                end.format("%H:%M")
            ));
        }
        Slot::StartOnly { start } => head.push_str(&format!(" · {}", start.format("%H:%M"))),
        Slot::Length { seconds } => {
            head.push_str(&format!(" · {}", format_seconds(i64::from(seconds))))
        }
        Slot::Unplanned => {}
    }
    // Still to come: when it will run at the pace so far.
    let index = app.meeting.index_of(&item.number);
    let coming = matches!(
        app.minutes.status_of(&item.number),
        Status::Pending | Status::Adjourned
    );
    if let (true, Some(index)) = (coming, index)
        && let Some((start, end)) = forecast.slots[index]
    {
        let when = format!("{}–{}", start.format("%H:%M"), end.format("%H:%M"));
        head.push_str(&format!(" · {}", app.fill(Msg::ForecastMark, &[&when])));
    }
    lines.extend(wrap_spans(
        &[Span::styled(head, theme::dim())],
        width,
        HANGING,
    ));
    if let Some(record) = app.minutes.item(&item.number) {
        recorded_lines(app, record, width, &mut lines);
    }

    if !item.portfolio_holders.is_empty() {
        field(
            &mut lines,
            width,
            app.t(Msg::PortfolioHolder).into(),
            item.portfolio_holders.join(", "),
        );
        // What they still owe from earlier meetings: the chair asks after it in the debate.
        let (owed, overdue) = app.owed_on(item);
        if owed > 0 {
            let style = if overdue > 0 {
                theme::over()
            } else {
                theme::label()
            };
            lines.extend(wrap_spans(
                &[Span::styled(
                    app.fill(Msg::OwedCount, &[&owed, &overdue]),
                    style,
                )],
                width,
                HANGING,
            ));
        }
    }
    if !item.informants.is_empty() {
        label(&mut lines, width, format!("{}:", app.t(Msg::Informants)));
        for informant in &item.informants {
            let mut text = format!("  {}", informant.name);
            if let Some(phone) = &informant.phone {
                text.push_str(&format!(" · {} {phone}", app.t(Msg::Phone)));
            }
            if let Some(email) = &informant.email {
                text.push_str(&format!(" · {email}"));
            }
            if let Some(role) = &informant.role {
                text.push_str(&format!(" · {role}"));
            }
            // Under the name, a little further in than the name itself.
            lines.extend(wrap_spans(&[Span::raw(text)], width, 2 * HANGING));
        }
    }
    if !item.co_authors.is_empty() {
        field(
            &mut lines,
            width,
            app.t(Msg::CoAuthors).into(),
            item.co_authors.join(", "),
        );
    }
    if let Some(department) = &item.department {
        field(
            &mut lines,
            width,
            app.t(Msg::Department).into(),
            department.clone(),
        );
    }
    if !item.requested_by.is_empty() {
        field(
            &mut lines,
            width,
            app.t(Msg::RequestedBy).into(),
            item.requested_by.join(", "),
        );
    }
    if let Some(seconds) = item.speaking_time.or(app.meeting.speaking_time) {
        field(
            &mut lines,
            width,
            app.t(Msg::SpeakingTime).into(),
            format_seconds(i64::from(seconds)),
        );
    }
    if !item.attachments.is_empty() {
        label(&mut lines, width, format!("{}:", app.t(Msg::Attachments)));
        for (n, attachment) in item.attachments.iter().enumerate() {
            let marker = format!("  {}. ", n + 1);
            // Under the title, beside its number.
            let hanging = marker.len();
            let mut spans = vec![Span::raw(format!("{marker}{}", attachment.title))];
            if let Some(kind) = &attachment.kind {
                spans.push(Span::styled(format!(" [{kind}]"), theme::dim()));
            }
            if attachment.file.is_some() {
                // What gavel can show of it: its text (with pages), still reading, or why not.
                let (words, is_problem) = app.attachment_state(app.selected, n);
                let style = if is_problem {
                    theme::error()
                } else {
                    theme::dim()
                };
                spans.push(Span::styled(format!(" ({words})"), style));
            }
            lines.extend(wrap_spans(&spans, width, hanging));
        }
    }
    if let Some(text) = &item.proposed_decision {
        block_text(&mut lines, width, app.t(Msg::ProposedDecision).into(), text);
    }
    if let Some(text) = &item.debate_question {
        block_text(&mut lines, width, app.t(Msg::DebateQuestion).into(), text);
    }
    if let Some(text) = &item.summary {
        block_text(&mut lines, width, app.t(Msg::Summary).into(), text);
    }
    if let Some(notes) = app
        .minutes
        .item(&item.number)
        .and_then(|i| i.notes.as_deref())
    {
        block_text(&mut lines, width, app.t(Msg::Notes).into(), notes);
    }
    lines
}

/// "debat" as the start of a line: "Debat".
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
