//! The help screen, drawn from the keymap table itself.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{clear, theme};
use crate::app::App;
use crate::i18n::Msg;
use crate::keymap::{ModeKind, help_rows, key_label};

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    clear(frame, area);
    let block = Block::new()
        .borders(Borders::ALL)
        .title(Span::styled(app.t(Msg::HelpTitle), theme::title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let live = section_lines(app, &[(Msg::HelpLive, ModeKind::Normal)]);
    let others = section_lines(
        app,
        &[
            (Msg::HelpForms, ModeKind::Editor),
            (Msg::HelpLists, ModeKind::Picker),
            (Msg::HelpReader, ModeKind::Reader),
            (Msg::HelpTotals, ModeKind::Totals),
            (Msg::HelpAttendance, ModeKind::Attendance),
            (Msg::HelpVote, ModeKind::Vote),
            (Msg::HelpConfirm, ModeKind::Confirm),
        ],
    );
    let scroll = (app.help_scroll, 0);
    // Wide enough: the live keys on the left, the rest on the right; else one scrolling column.
    if inner.width >= 120 {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(inner);
        frame.render_widget(
            Paragraph::new(live)
                .wrap(Wrap { trim: false })
                .scroll(scroll),
            left,
        );
        frame.render_widget(
            Paragraph::new(others)
                .wrap(Wrap { trim: false })
                .scroll(scroll),
            right,
        );
    } else {
        let mut lines = live;
        lines.push(Line::default());
        lines.extend(others);
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .scroll(scroll),
            inner,
        );
    }
}

fn section_lines(app: &App, sections: &[(Msg, ModeKind)]) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for &(heading, mode) in sections {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(app.t(heading), theme::label()));
        for binding in help_rows(mode) {
            lines.push(Line::from(vec![
                Span::styled(
                    format!("  {:<16}", key_label(binding.label, app.lang)),
                    theme::key(),
                ),
                Span::raw(app.t(binding.desc)),
            ]));
        }
        if mode == ModeKind::Picker {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<16}", "# @ ! ="), theme::key()),
                Span::raw(app.t(Msg::HelpPrefixes)),
            ]));
        }
        if mode == ModeKind::Editor {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<16}", "Enter"), theme::key()),
                Span::raw(app.t(Msg::KeyNewLine)),
            ]));
        }
    }
    lines
}
