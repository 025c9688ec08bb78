//! A form: one text area per field, the focused one with its cursor.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{clear, theme};
use crate::app::App;
use crate::app::form::Form;
use crate::domain::minutes::DraftKind;
use crate::i18n::Msg;

/// Rows the form wants: borders, a label per field, 6 rows of text, a row per one-line field, the hint.
pub fn height(form: &Form) -> u16 {
    let fields: u16 = form
        .fields
        .iter()
        .map(|f| if f.multiline { 7 } else { 2 })
        .sum();
    2 + fields + 1
}

pub fn draw(frame: &mut Frame, app: &App, form: &Form, area: Rect) {
    clear(frame, area);
    let title = match form.kind {
        _ if form.settling.is_some() => Msg::SettleTitle,
        DraftKind::Conclusion if form.correcting.is_some() => Msg::CorrectConclusionTitle,
        DraftKind::Commitment if form.correcting.is_some() => Msg::CorrectCommitmentTitle,
        DraftKind::Debate if form.correcting.is_some() => Msg::CorrectDebateTitle,
        DraftKind::Reply if form.correcting.is_some() => Msg::CorrectReplyTitle,
        DraftKind::Conclusion => Msg::ConclusionTitle,
        DraftKind::Debate => Msg::DebateTitle,
        DraftKind::Reply => Msg::ReplyTitle,
        DraftKind::Commitment => Msg::CommitmentTitle,
        DraftKind::Notes => Msg::NotesTitle,
    };
    let item_title = match &form.settling {
        Some(id) => id.clone(),
        None => app
            .meeting
            .item(&form.item)
            .map_or(form.item.clone(), |i| format!("{} {}", i.number, i.title)),
    };
    let block = Block::new().borders(Borders::ALL).title(Span::styled(
        app.fill(title, &[&item_title]),
        theme::title(),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let mut constraints = Vec::new();
    for field in &form.fields {
        constraints.push(Constraint::Length(1));
        constraints.push(if field.multiline {
            Constraint::Min(1)
        } else {
            Constraint::Length(1)
        });
    }
    constraints.push(Constraint::Length(1));
    let areas = Layout::vertical(constraints).split(inner);
    for (index, field) in form.fields.iter().enumerate() {
        let focused = index == form.focus;
        let label_style = if focused {
            theme::key()
        } else {
            theme::label()
        };
        let marker = if focused { "▶ " } else { "  " };
        frame.render_widget(
            Paragraph::new(Line::styled(
                format!("{marker}{}", app.t(field.label)),
                label_style,
            )),
            areas[index * 2],
        );
        frame.render_widget(&field.area, areas[index * 2 + 1]);
    }
    frame.render_widget(
        // A correction keeps no draft: Esc leaves it unchanged.
        Paragraph::new(Line::styled(
            app.t(if form.correcting.is_some() {
                Msg::CorrectionHint
            } else {
                Msg::EditorHint
            }),
            theme::dim(),
        )),
        areas[areas.len() - 1],
    );
}
