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
use crate::keymap::{footer_hints, key_label};

/// Seconds since the opening beyond which the header says when it opened instead of counting.
const OPEN_COUNTER_LIMIT: u64 = 12 * 3600;

pub fn draw_header(frame: &mut Frame, app: &App, forecast: &Forecast, area: Rect) {
    let meeting = &app.meeting;
    let title = Line::from(vec![
        Span::styled(meeting.title.clone(), theme::title()),
        Span::raw("  "),
        Span::raw(meeting.date.format("%d-%m-%Y").to_string()),
        Span::raw("  "),
        Span::styled(app.now.format("%H:%M:%S").to_string(), theme::title()),
    ]);

    let mut clocks = clock_spans(app, forecast, false);
    if Line::from(clocks.clone()).width() > usize::from(area.width) {
        clocks = clock_spans(app, forecast, true);
    }
    if area.height >= 2 {
        let [top, bottom] =
            Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
        // Two seats: this seat, the other, and who runs the clock, at the right of the title
        // line, in as much as fits beside the title.
        // On a narrow screen the date gives way first, so the clock's seat stays in sight.
        let room = |title: &Line| usize::from(area.width).saturating_sub(title.width() + 2);
        let mut title = title;
        let mut seat = seat_line(app, room(&title));
        let parts = |seat: &Option<(Line<'static>, usize)>| seat.as_ref().map_or(0, |(_, p)| *p);
        if app.seat.is_some() && parts(&seat) < 2 {
            let dateless = Line::from(vec![
                Span::styled(meeting.title.clone(), theme::title()),
                Span::raw("  "),
                Span::styled(app.now.format("%H:%M:%S").to_string(), theme::title()),
            ]);
            let without_date = seat_line(app, room(&dateless));
            // The date gives way when that shows more of the seats (or them at all).
            if parts(&without_date) > parts(&seat) {
                title = dateless;
                seat = without_date;
            }
        }
        if let Some((seat, _)) = seat {
            let width = (seat.width() as u16).min(top.width);
            let [title_area, seat_area] =
                Layout::horizontal([Constraint::Fill(1), Constraint::Length(width)]).areas(top);
            frame.render_widget(Paragraph::new(title), title_area);
            frame.render_widget(Paragraph::new(seat), seat_area);
            frame.render_widget(Paragraph::new(Line::from(clocks)), bottom);
            return;
        }
        frame.render_widget(Paragraph::new(title), top);
        frame.render_widget(Paragraph::new(Line::from(clocks)), bottom);
    } else {
        let mut spans = title.spans;
        spans.push(Span::raw("  "));
        spans.extend(clocks);
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
    }
}

/// Two seats: "zetel griffier · voorzitter verbonden · klok: voorzitter", or as much of it as
/// fits in `room` columns (the other seat's state first, then the clock, then this seat's
/// name), with how many of those three parts it holds.
fn seat_line(app: &App, room: usize) -> Option<(Line<'static>, usize)> {
    use crate::app::Peer;
    let seat = app.seat.as_ref()?;
    let peer = match &seat.peer {
        Peer::None => Span::styled(app.t(Msg::SeatAlone).to_string(), theme::dim()),
        Peer::Here {
            seat,
            direct: false,
        } => Span::styled(app.fill(Msg::SeatPeerHere, &[seat]), theme::ok()),
        Peer::Here { seat, direct: true } => {
            Span::styled(app.fill(Msg::SeatPeerDirect, &[seat]), theme::ok())
        }
        Peer::Away { seat, since } => {
            // A seat gone since an earlier day (yesterday's file) says the day too.
            let format = if since.date_naive() == app.now.date_naive() {
                "%H:%M"
            } else {
                "%d-%m %H:%M"
            };
            Span::styled(
                app.fill(Msg::SeatPeerAway, &[seat, &since.format(format)]),
                theme::over(),
            )
        }
    };
    let clock = if seat.holds_clock() {
        Span::styled(app.t(Msg::SeatClockHere).to_string(), theme::title())
    } else {
        Span::raw(app.fill(Msg::SeatClockThere, &[&seat.clock_holder]))
    };
    let you = Span::styled(app.fill(Msg::SeatYou, &[&seat.name]), theme::title());
    let dot = || Span::raw(" · ");
    [
        (
            vec![you.clone(), dot(), peer.clone(), dot(), clock.clone()],
            3,
        ),
        (vec![peer.clone(), dot(), clock], 2),
        (vec![peer], 1),
    ]
    .into_iter()
    .map(|(spans, parts)| (Line::from(spans), parts))
    .find(|(line, _)| line.width() <= room)
}

/// The header's second line: the meeting's clock, its plan and forecast, the quorum; in short
/// words when the long ones do not fit.
fn clock_spans(app: &App, forecast: &Forecast, short: bool) -> Vec<Span<'static>> {
    let meeting = &app.meeting;
    let mut clocks = vec![
        match (since_opening(&app.minutes, app.now), app.minutes.opened_at) {
            // Open for more than half a day and never closed (minutes finished the next morning, an
            // old rehearsal): when it was opened says more than a counter of tens of hours.
            (Some(seconds), Some(opened))
                if seconds > OPEN_COUNTER_LIMIT && app.minutes.closed_at.is_none() =>
            {
                Span::styled(
                    app.fill(Msg::OpenedOn, &[&opened.format("%d-%m-%Y %H:%M")]),
                    theme::dim(),
                )
            }
            (Some(seconds), _) => {
                Span::raw(app.fill(Msg::SinceOpening, &[&format_seconds(seconds as i64)]))
            }
            (None, _) => Span::styled(app.t(Msg::NotOpened), theme::dim()),
        },
    ];
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
        // The plan is for the day the meeting was opened (a rehearsal on another day keeps its
        // hours), so an evening run is not "late" by the days between.
        let planned = match app.minutes.opened_at {
            Some(opened) => opened.date_naive().and_time(planned.time()),
            None => planned,
        };
        let late = projected.naive_local() > planned;
        clocks.push(Span::raw(" · "));
        clocks.push(Span::raw(app.fill(
            if short {
                Msg::PlannedEndShort
            } else {
                Msg::PlannedEnd
            },
            &[&planned.format("%H:%M")],
        )));
        clocks.push(Span::raw(" · "));
        let text = app.fill(
            if short {
                Msg::ProjectedEndShort
            } else {
                Msg::ProjectedEnd
            },
            &[&projected.format("%H:%M")],
        );
        clocks.push(if late {
            Span::styled(format!("{text} (!)"), theme::over())
        } else {
            Span::styled(text, theme::ok())
        });
    }

    // A decision meeting: present members against the seats, and a warning without a quorum.
    if app.is_decision_meeting() {
        let quorum = crate::domain::decision::quorum(meeting, &app.minutes.attendance, app.now);
        clocks.push(Span::raw(" · "));
        clocks.push(if quorum.assumed {
            Span::styled(
                app.t(if short {
                    Msg::QuorumAssumedShort
                } else {
                    Msg::QuorumAssumed
                }),
                theme::dim(),
            )
        } else if quorum.is_met() {
            Span::styled(
                app.fill(Msg::QuorumOk, &[&quorum.present, &quorum.seats]),
                theme::ok(),
            )
        } else {
            Span::styled(
                format!(
                    "⚠ {}",
                    app.fill(Msg::QuorumMissing, &[&quorum.present, &quorum.seats])
                ),
                theme::over(),
            )
        });
    }
    clocks
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
            Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
        if let Some(flash) = flash {
            let flash = Paragraph::new(flash).wrap(ratatui::widgets::Wrap { trim: true });
            frame.render_widget(flash, flash_row);
        }
        key_row
    } else {
        area
    };
    let labels: Vec<(String, &str)> = footer_hints(app.mode_kind(), app.lang)
        .into_iter()
        .map(|(label, short)| (key_label(label, app.lang), app.t(short)))
        .collect();
    let hints: Vec<(&str, &str)> = labels
        .iter()
        .map(|(label, short)| (label.as_str(), *short))
        .collect();
    // A failed save outranks everything: it must be seen even on a tiny screen. Otherwise the
    // first hint (help) always keeps its place, and the save state gives way to it.
    let save_is_error = matches!(app.save_state, SaveState::Failed(_));
    let first_hint = hints
        .first()
        .map_or(0, |(label, short)| hint_width(label, short));
    // One blank column keeps the last hint apart from the save state; a save state that does
    // not fit whole beside help is left out; a failed save is always shown.
    let save_columns = if save_is_error {
        (save_width + 1).min(key_row.width)
    } else if first_hint.saturating_sub(2) + save_width < key_row.width {
        save_width + 1
    } else {
        0
    };
    let [hints_area, save_area] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(save_columns)]).areas(key_row);
    frame.render_widget(
        Paragraph::new(fitting_hints(&hints, hints_area.width)),
        hints_area,
    );
    frame.render_widget(
        Paragraph::new(Line::from(save)).alignment(ratatui::layout::Alignment::Right),
        save_area,
    );
}

/// Columns one hint takes: "? help" and the two blanks after it.
fn hint_width(label: &str, short: &str) -> u16 {
    (Span::raw(label).width() + 1 + Span::raw(short).width() + 2) as u16
}

/// The hints that fit in `width`, whole and in order of importance: a hint that does not fit is
/// dropped with every less important one after it, never cut in the middle of a word. The first
/// (help) is kept as its key alone when even its word does not fit.
fn fitting_hints(hints: &[(&str, &str)], width: u16) -> Line<'static> {
    let mut spans = Vec::new();
    let mut used = 0;
    for (index, (label, short)) in hints.iter().enumerate() {
        let needed = hint_width(label, short);
        // The trailing blanks of the last hint may fall off the edge.
        if used + needed - 2 > width {
            if index == 0 {
                spans.push(Span::styled(label.to_string(), theme::key()));
            }
            break;
        }
        spans.push(Span::styled(label.to_string(), theme::key()));
        spans.push(Span::raw(format!(" {short}  ")));
        used += needed;
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    const HINTS: [(&str, &str); 4] = [
        ("?", "help"),
        ("q", "quit"),
        ("Enter", "take up"),
        ("c", "conclusion"),
    ];

    #[test]
    fn hints_that_do_not_fit_are_dropped_whole() {
        // "? help  q quit  Enter take up  c conclusion" needs 43 columns.
        for width in 0..60 {
            let shown = text(&fitting_hints(&HINTS, width));
            assert!(
                shown.trim_end().len() <= usize::from(width.max(1)),
                "{width}: {shown:?}"
            );
            assert!(
                shown.starts_with('?'),
                "{width}: help always fits: {shown:?}"
            );
            let whole = ["? help", "? help  q quit", "? help  q quit  Enter take up"];
            let full = "? help  q quit  Enter take up  c conclusion";
            assert!(
                shown.trim_end() == "?"
                    || whole.contains(&shown.trim_end())
                    || shown.trim_end() == full,
                "{width}: a hint is cut: {shown:?}"
            );
        }
        assert_eq!(
            text(&fitting_hints(&HINTS, 42)).trim_end(),
            "? help  q quit  Enter take up"
        );
        assert_eq!(
            text(&fitting_hints(&HINTS, 43)).trim_end(),
            "? help  q quit  Enter take up  c conclusion"
        );
    }
}
