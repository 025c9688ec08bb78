//! The header (meeting, clocks, forecast) and the footer (message, keys, save state).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme;
use crate::app::{App, SaveState};
use crate::domain::clock::{Forecast, since_opening};
use crate::domain::meeting::format_seconds;
use crate::i18n::Msg;
use crate::keymap::footer_hints;

pub fn draw_header(frame: &mut Frame, app: &App, forecast: &Forecast, area: Rect) {
    let meeting = &app.meeting;
    let title = Line::from(vec![
        Span::styled(meeting.title.clone(), theme::title()),
        Span::raw("  "),
        Span::raw(meeting.date.format("%d-%m-%Y").to_string()),
        Span::raw("  "),
        Span::styled(app.now.format("%H:%M:%S").to_string(), theme::title()),
    ]);

    let mut clocks = vec![match since_opening(&app.minutes, app.now) {
        Some(seconds) => Span::raw(app.fill(Msg::SinceOpening, &[&format_seconds(seconds as i64)])),
        None => Span::styled(app.t(Msg::NotOpened), theme::dim()),
    }];
    if let Some(closed) = app.minutes.closed_at {
        clocks.push(Span::raw(" · "));
        clocks.push(Span::styled(
            app.fill(Msg::ClosedAt, &[&closed.format("%H:%M")]),
            theme::title(),
        ));
    }
    if let Some(planned) = meeting
        .planned_end()
        .filter(|_| app.minutes.closed_at.is_none())
    {
        let projected = forecast.end;
        let late = projected.naive_local() > planned;
        clocks.push(Span::raw(" · "));
        clocks.push(Span::raw(
            app.fill(Msg::PlannedEnd, &[&planned.format("%H:%M")]),
        ));
        clocks.push(Span::raw(" · "));
        let text = app.fill(Msg::ProjectedEnd, &[&projected.format("%H:%M")]);
        clocks.push(if late {
            Span::styled(format!("{text} (!)"), theme::over())
        } else {
            Span::styled(text, theme::ok())
        });
    }

    if area.height >= 2 {
        let [top, bottom] =
            Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
        frame.render_widget(Paragraph::new(title), top);
        frame.render_widget(Paragraph::new(Line::from(clocks)), bottom);
    } else {
        let mut spans = title.spans;
        spans.push(Span::raw("  "));
        spans.extend(clocks);
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
    }
}

pub fn draw_footer(frame: &mut Frame, app: &App, area: Rect) {
    let save = match &app.save_state {
        SaveState::Idle => Span::styled(app.t(Msg::NothingToSave), theme::dim()),
        SaveState::Saved(at) => Span::styled(
            app.fill(Msg::SavedAt, &[&at.format("%H:%M:%S")]),
            theme::ok(),
        ),
        SaveState::Failed(error) => {
            Span::styled(app.fill(Msg::SaveFailed, &[error]), theme::error())
        }
    };
    let save_width = save.width() as u16;

    let mut hints = Vec::new();
    for (label, short) in footer_hints(app.mode_kind()) {
        hints.push(Span::styled(label, theme::key()));
        hints.push(Span::raw(format!(" {}  ", app.t(short))));
    }

    let flash = app.flash.as_ref().map(|flash| {
        let style = if flash.is_error {
            theme::error()
        } else {
            theme::title()
        };
        Line::from(Span::styled(flash.text.clone(), style))
    });

    let key_row = if area.height >= 2 {
        let [flash_row, key_row] =
            Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
        if let Some(flash) = flash {
            frame.render_widget(Paragraph::new(flash), flash_row);
        }
        key_row
    } else {
        area
    };
    // A failed save outranks everything: it must be seen even on a tiny screen.
    let save_is_error = matches!(app.save_state, SaveState::Failed(_));
    let [hints_area, save_area] = Layout::horizontal([
        Constraint::Min(if save_is_error { 0 } else { 10 }),
        // One blank column keeps the last hint apart from the save state.
        Constraint::Length((save_width + 1).min(key_row.width)),
    ])
    .areas(key_row);
    frame.render_widget(Paragraph::new(Line::from(hints)), hints_area);
    frame.render_widget(
        Paragraph::new(Line::from(save)).alignment(ratatui::layout::Alignment::Right),
        save_area,
    );
}
