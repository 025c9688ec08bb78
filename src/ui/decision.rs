//! The presentielijst and the vote sheet.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{clear, theme};
use crate::app::App;
use crate::app::decision::{AttendanceSheet, VoteRow, VoteSheet};
use crate::domain::decision::{Method, Side, VoteKind, quorum};
use crate::i18n::Msg;

/// Rows of a list that keep the highlighted one in sight.
fn window(cursor: usize, rows: usize, height: usize) -> std::ops::Range<usize> {
    let first = cursor.saturating_sub(height.saturating_sub(1));
    first..rows.min(first + height)
}

pub fn draw_attendance(frame: &mut Frame, app: &App, sheet: &AttendanceSheet, area: Rect) {
    clear(frame, area);
    let quorum = quorum(&app.meeting, &app.minutes.attendance, app.now);
    // Before the list is kept, no one is marked present yet (the quorum then assumes all).
    let present = if quorum.assumed { 0 } else { quorum.present };
    let title = app.fill(Msg::AttendanceTitle, &[&present, &quorum.seats]);
    let style = if present * 2 > quorum.seats {
        theme::title()
    } else {
        theme::over()
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .title(Span::styled(title, style));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = app.attendance_rows();
    let range = window(sheet.cursor, rows.len(), usize::from(inner.height));
    let lines: Vec<Line> = range
        .map(|index| {
            let (name, faction) = &rows[index];
            let record = app
                .minutes
                .attendance
                .iter()
                .filter(|e| e.name == *name)
                .max_by_key(|e| e.arrived_at);
            let (mark, state) = match record {
                Some(e) if e.is_present_at(app.now) => (
                    "✓",
                    Span::styled(
                        format!("{} {}", app.t(Msg::Present), e.arrived_at.format("%H:%M")),
                        theme::ok(),
                    ),
                ),
                Some(e) => (
                    "‐",
                    Span::styled(
                        format!(
                            "{} {}",
                            app.t(Msg::Gone),
                            e.left_at
                                .map(|t| t.format("%H:%M").to_string())
                                .unwrap_or_default()
                        ),
                        theme::dim(),
                    ),
                ),
                None => (" ", Span::styled(app.t(Msg::Absent), theme::dim())),
            };
            // The chair and the clerk hold no seat (unless a faction lists them): said where
            // a member's faction stands, so the clerk sees why they are not on the vote sheet.
            let role = if faction.is_some() {
                None
            } else if app.meeting.chair.as_deref() == Some(name.as_str()) {
                Some(app.t(Msg::RoleChair))
            } else if app.meeting.clerk.as_deref() == Some(name.as_str()) {
                Some(app.t(Msg::RoleClerk))
            } else {
                None
            };
            let line = Line::from(vec![
                Span::raw(format!(
                    "{} {mark} {:<28} {:<16} ",
                    if index == sheet.cursor { "▶" } else { " " },
                    name,
                    faction.as_deref().or(role).unwrap_or("")
                )),
                state,
            ]);
            if index == sheet.cursor {
                line.style(theme::selected())
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn draw_vote(frame: &mut Frame, app: &App, sheet: &VoteSheet, area: Rect) {
    clear(frame, area);
    let kind = match sheet.draft.kind {
        VoteKind::Proposal => Msg::VoteKindProposal,
        VoteKind::Motion => Msg::VoteKindMotion,
        VoteKind::Amendment => Msg::VoteKindAmendment,
    };
    let method = match sheet.draft.method {
        Method::Factions => Msg::VoteByFaction,
        Method::RollCall => Msg::VoteRollCall,
    };
    let title = format!(
        "{} ({}, {})",
        app.fill(Msg::VoteTitle, &[&sheet.draft.subject]),
        app.t(kind),
        app.t(method)
    );
    let block = Block::new()
        .borders(Borders::ALL)
        .title(Span::styled(title, theme::title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [count_area, list_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);

    // The count as it would be recorded now.
    let (vote, count) = sheet
        .draft
        .counted(&app.meeting, &app.minutes.attendance, app.now);
    let mut summary = vec![Span::styled(
        app.fill(
            Msg::VoteCount,
            &[
                &vote.seats_for,
                &vote.seats_against,
                &crate::app::decision::result_text(&vote, app.lang),
            ],
        ),
        theme::title(),
    )];
    if !count.unmarked.is_empty() {
        summary.push(Span::raw("  "));
        summary.push(Span::styled(
            app.fill(Msg::VoteUnmarkedCount, &[&count.unmarked.len()]),
            theme::over(),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(summary)), count_area);

    let rows = app.vote_rows(sheet);
    let draft = &sheet.draft;
    let side_of = |key: &str| {
        if draft.for_.iter().any(|k| k == key) {
            Some(Side::For)
        } else if draft.against.iter().any(|k| k == key) {
            Some(Side::Against)
        } else {
            None
        }
    };
    let side_text = |side: Option<Side>| match side {
        Some(Side::For) => Span::styled(format!("+ {}", app.t(Msg::VoteFor)), theme::ok()),
        Some(Side::Against) => {
            Span::styled(format!("- {}", app.t(Msg::VoteAgainst)), theme::over())
        }
        None => Span::styled("?", theme::dim()),
    };
    let range = window(sheet.cursor, rows.len(), usize::from(list_area.height));
    let lines: Vec<Line> = range
        .map(|index| {
            let pointer = if index == sheet.cursor { "▶ " } else { "  " };
            let line = match &rows[index] {
                VoteRow::Faction { name, present } => Line::from(vec![
                    Span::styled(format!("{pointer}{name:<24} ({present})  "), theme::label()),
                    side_text(side_of(name)),
                ]),
                VoteRow::Member { name, faction } => {
                    // In a roll call the faction stands beside the name (the list goes by
                    // faction, without faction rows); by faction, the member is indented under it.
                    let mut spans = if draft.method == Method::RollCall {
                        let faction = faction.as_deref().unwrap_or("");
                        vec![Span::raw(format!("{pointer}{name:<28} {faction:<14} "))]
                    } else {
                        vec![Span::raw(format!("{pointer}    {name:<28} "))]
                    };
                    if draft.not_voting.contains(name) {
                        spans.push(Span::styled(app.t(Msg::VoteNotVoting), theme::dim()));
                    } else if let Some(dissent) = draft.dissent.iter().find(|d| d.name == *name) {
                        let side = match dissent.vote {
                            Side::For => app.t(Msg::VoteFor),
                            Side::Against => app.t(Msg::VoteAgainst),
                        };
                        spans.push(Span::styled(
                            app.fill(Msg::VoteDissent, &[&side]),
                            theme::title(),
                        ));
                    } else if draft.method == Method::RollCall {
                        spans.push(side_text(side_of(name)));
                    } else if let Some(faction) = faction {
                        spans.push(Span::styled(
                            match side_of(faction) {
                                Some(Side::For) => app.t(Msg::VoteFor),
                                Some(Side::Against) => app.t(Msg::VoteAgainst),
                                None => "",
                            },
                            theme::dim(),
                        ));
                    }
                    Line::from(spans)
                }
            };
            if index == sheet.cursor {
                line.style(theme::selected())
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list_area);
}
