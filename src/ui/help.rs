//! The help screen, drawn from the keymap table itself.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{clear, theme};
use crate::app::App;
use crate::i18n::Msg;
use crate::keymap::{ModeKind, help_rows};

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    clear(frame, area);
    let block = Block::new()
        .borders(Borders::ALL)
        .title(Span::styled(app.t(Msg::HelpTitle), theme::title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let mut lines = Vec::new();
    let sections = [
        (Msg::HelpLive, ModeKind::Normal),
        (Msg::HelpForms, ModeKind::Editor),
        (Msg::HelpLists, ModeKind::Picker),
        (Msg::HelpReader, ModeKind::Reader),
        (Msg::HelpTotals, ModeKind::Totals),
        (Msg::HelpConfirm, ModeKind::Confirm),
    ];
    for (heading, mode) in sections {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(app.t(heading), theme::label()));
        for binding in help_rows(mode) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<16}", binding.label), theme::key()),
                Span::raw(app.t(binding.desc)),
            ]));
        }
        if mode == ModeKind::Editor {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<16}", "Enter"), theme::key()),
                Span::raw(app.t(Msg::KeyNewLine)),
            ]));
        }
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
