//! The agenda: number, title, timeslot, status, time used against the plan.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Row, Table};

use super::theme;
use crate::app::App;
use crate::domain::clock::{Forecast, ItemTiming};
use crate::domain::meeting::{Slot, format_seconds};
use crate::domain::minutes::Status;
use crate::i18n::Msg;

pub fn draw(frame: &mut Frame, app: &App, forecast: &Forecast, area: Rect) {
    let block = Block::new()
        .borders(Borders::RIGHT)
        .title(Span::styled(app.t(Msg::Agenda), theme::title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 {
        return;
    }

    // Keep the highlighted row on screen without keeping scroll state: derive it.
    // Wide enough, a coming item shows its forecast start and end; else only the start.
    let time_width = if inner.width >= 62 {
        13
    } else if inner.width >= 30 {
        8
    } else {
        0
    };
    let visible = usize::from(inner.height);
    let first = app.selected.saturating_sub(visible.saturating_sub(1));
    let rows = app
        .meeting
        .items
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(index, item)| {
            let status = app.minutes.status_of(&item.number);
            let timing = ItemTiming::of(item, &app.minutes, app.now);
            let marker = match status {
                Status::Pending => " ",
                Status::Running => "▶",
                Status::Done => "✓",
                Status::Adjourned => "‖",
                Status::Skipped => "–",
            };
            let has_draft = app.minutes.drafts.iter().any(|d| d.item == item.number);
            let title = if has_draft {
                format!("✎ {}", item.title)
            } else {
                item.title.clone()
            };
            let slot = match item.slot {
                Slot::Range { start, end } => {
                    format!("{}–{}", start.format("%H:%M"), end.format("%H:%M"))
                }
                Slot::StartOnly { start } => start.format("%H:%M").to_string(),
                Slot::Length { seconds } => format_seconds(i64::from(seconds)),
                Slot::Unplanned => String::new(),
            };
            let time = match (status, forecast.slots[index]) {
                // Still to come: when it will run at the pace so far.
                (Status::Pending, Some((start, end))) if timing.elapsed == 0 => {
                    let when = if time_width >= 13 && end > start {
                        format!("{}–{}", start.format("%H:%M"), end.format("%H:%M"))
                    } else {
                        start.format("%H:%M").to_string()
                    };
                    Line::from(Span::styled(
                        app.fill(Msg::ForecastMark, &[&when]),
                        theme::dim(),
                    ))
                }
                _ => time_cell(status, timing),
            };
            let mut row = Row::new(vec![
                Cell::from(format!("{marker} {}", item.number)),
                Cell::from(title),
                Cell::from(Span::styled(slot, theme::dim())),
                Cell::from(time),
            ]);
            if status == Status::Running {
                row = row.style(theme::running());
            }
            if index == app.selected {
                row = row.style(theme::selected());
            }
            row
        });
    // A narrow agenda keeps the titles readable and drops the timeslot, then the time used.
    // The number column fits the widest number ("TKN 13" of a NotuBiz import), never under 6.
    let number_width = app
        .meeting
        .items
        .iter()
        .map(|item| 2 + ratatui::text::Span::raw(item.number.as_str()).width() as u16)
        .max()
        .unwrap_or(0)
        .clamp(6, 12);
    let widths = [
        Constraint::Length(number_width),
        Constraint::Fill(1),
        Constraint::Length(if inner.width >= 46 { 11 } else { 0 }),
        Constraint::Length(time_width),
    ];
    let table = Table::new(rows, widths).column_spacing(1);
    frame.render_widget(table, inner);
}

/// Time used; over the plan it shows a `+` and the overrun in red.
fn time_cell(status: Status, timing: ItemTiming) -> Line<'static> {
    if matches!(status, Status::Pending | Status::Skipped) && timing.elapsed == 0 {
        return Line::default();
    }
    match timing.remaining() {
        Some(left) if left < 0 => Line::from(Span::styled(
            format!("+{}", format_seconds(-left)),
            theme::over(),
        )),
        _ => Line::from(format_seconds(timing.elapsed as i64)),
    }
}
