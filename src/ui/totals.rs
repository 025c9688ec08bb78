//! Speaking time per faction and per speaker: on the current item, or over the whole meeting.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};

use super::{clear, role_text, theme};
use crate::app::App;
use crate::domain::clock::ItemTiming;
use crate::domain::meeting::format_seconds;
use crate::domain::speaking::{self, FactionUsage};
use crate::i18n::Msg;

pub fn draw(frame: &mut Frame, app: &App, whole_meeting: bool, area: Rect) {
    clear(frame, area);
    let number = app.current_item_number();
    let title = if whole_meeting {
        app.t(Msg::TotalsMeetingTitle).to_string()
    } else {
        app.fill(Msg::TotalsItemTitle, &[&number])
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .title(Span::styled(title, theme::title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let now = app.now;
    let (factions, speakers) = if whole_meeting {
        (
            speaking::meeting_totals(&app.meeting, &app.minutes, now),
            speaking::speaker_totals(&app.minutes.items, now),
        )
    } else {
        match (app.meeting.item(&number), app.minutes.item(&number)) {
            (Some(item), Some(record)) => (
                speaking::faction_usage(&app.meeting, item, record, now),
                speaking::speaker_totals([record], now),
            ),
            _ => (Vec::new(), Vec::new()),
        }
    };
    if factions.is_empty() && speakers.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(app.t(Msg::NoSpeechesYet), theme::dim())),
            inner,
        );
        return;
    }

    let faction_rows = factions.len() as u16 + 1;
    let speaker_rows = speakers.len() as u16 + 1;
    let schedule_rows = if whole_meeting {
        app.minutes.items.len() as u16 + 1
    } else {
        0
    };
    let [faction_area, _, speaker_area, _, schedule_area] = Layout::vertical([
        Constraint::Length(faction_rows),
        Constraint::Length(1),
        Constraint::Length(speaker_rows),
        Constraint::Length(1),
        Constraint::Length(schedule_rows),
    ])
    .areas(inner);
    frame.render_widget(faction_table(app, &factions, !whole_meeting), faction_area);

    let header = Row::new([
        app.t(Msg::ColSpeaker),
        app.t(Msg::ColRole),
        app.t(Msg::ColUsed),
    ])
    .style(theme::label());
    let rows = speakers.iter().map(|(name, role, seconds)| {
        Row::new([
            Cell::from(name.clone()),
            Cell::from(app.t(role_text(*role))),
            Cell::from(format_seconds(*seconds as i64)),
        ])
    });
    let widths = [
        Constraint::Length(36),
        Constraint::Length(20),
        Constraint::Length(9),
    ];
    frame.render_widget(Table::new(rows, widths).header(header), speaker_area);

    if whole_meeting {
        frame.render_widget(schedule_table(app), schedule_area);
    }
}

/// Budgets are per item: the meeting's overview shows the time used only.
fn faction_table<'a>(app: &'a App, factions: &'a [FactionUsage], with_budget: bool) -> Table<'a> {
    let header = Row::new([
        app.t(Msg::ColFaction),
        app.t(Msg::ColUsed),
        app.t(Msg::ColBudget),
        app.t(Msg::ColExtra),
        app.t(Msg::ColLeft),
    ])
    .style(theme::label());
    let rows = factions.iter().map(|usage| {
        let left = match usage.remaining() {
            Some(left) if left < 0 => Span::styled(format_seconds(left), theme::over()),
            Some(left) => Span::styled(format_seconds(left), theme::ok()),
            None => Span::raw(""),
        };
        Row::new([
            Cell::from(usage.faction.clone()),
            Cell::from(format_seconds(usage.used as i64)),
            Cell::from(
                usage
                    .budget
                    .map(|b| format_seconds(b as i64))
                    .unwrap_or_default(),
            ),
            Cell::from(if usage.extra > 0 {
                format!("+{}", format_seconds(usage.extra as i64))
            } else {
                String::new()
            }),
            Cell::from(left),
        ])
    });
    let budget_width = if with_budget { 9 } else { 0 };
    let widths = [
        Constraint::Length(20),
        Constraint::Length(9),
        Constraint::Length(budget_width),
        Constraint::Length(budget_width),
        Constraint::Length(budget_width),
    ];
    Table::new(rows, widths).header(header)
}

/// Every item that ran, against its plan: how far each ran over.
fn schedule_table(app: &App) -> Table<'_> {
    let header = Row::new([
        app.t(Msg::ColItem),
        app.t(Msg::ColPlanned),
        app.t(Msg::ColActual),
        app.t(Msg::ColOverrun),
    ])
    .style(theme::label());
    let rows = app.meeting.items.iter().filter_map(|item| {
        let record = app.minutes.item(&item.number)?;
        if record.periods.is_empty() {
            return None;
        }
        let timing = ItemTiming::of(item, &app.minutes, app.now);
        let over = timing.remaining().filter(|left| *left < 0);
        Some(Row::new([
            Cell::from(format!("{} {}", item.number, item.title)),
            Cell::from(
                timing
                    .planned
                    .map(|p| format_seconds(p as i64))
                    .unwrap_or_default(),
            ),
            Cell::from(format_seconds(timing.elapsed as i64)),
            Cell::from(match over {
                Some(over) => Span::styled(format!("+{}", format_seconds(-over)), theme::over()),
                None => Span::raw(""),
            }),
        ]))
    });
    let widths = [
        Constraint::Length(40),
        Constraint::Length(9),
        Constraint::Length(9),
        Constraint::Length(9),
    ];
    Table::new(rows, widths).header(header)
}
