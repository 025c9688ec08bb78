//! The help screen, drawn from the keymap table itself.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::reflow::wrap_spans;
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

    let live_keys = [(Msg::HelpLive, ModeKind::Normal)];
    let other_keys = [
        (Msg::HelpForms, ModeKind::Editor),
        (Msg::HelpLists, ModeKind::Picker),
        (Msg::HelpReader, ModeKind::Reader),
        (Msg::HelpTotals, ModeKind::Totals),
        (Msg::HelpAttendance, ModeKind::Attendance),
        (Msg::HelpVote, ModeKind::Vote),
        (Msg::HelpConfirm, ModeKind::Confirm),
    ];
    let scroll = (app.help_scroll, 0);
    // Wide enough: the live keys on the left, the rest on the right; else one scrolling column.
    if inner.width >= 120 {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(inner);
        let live = section_lines(app, &live_keys, left.width);
        let others = section_lines(app, &other_keys, right.width);
        frame.render_widget(Paragraph::new(live).scroll(scroll), left);
        frame.render_widget(Paragraph::new(others).scroll(scroll), right);
    } else {
        let mut lines = section_lines(app, &live_keys, inner.width);
        lines.push(Line::default());
        lines.extend(section_lines(app, &other_keys, inner.width));
        frame.render_widget(Paragraph::new(lines).scroll(scroll), inner);
    }
}

fn section_lines(app: &App, sections: &[(Msg, ModeKind)], width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width);
    // Key labels take 16 columns, a longer one ("PgUp PgDn Spatie") still gets its space.
    let row = |key: &str, desc: &str| {
        let key = format!("  {key:<16} ");
        let hanging = textwrap::core::display_width(&key).min(width / 2);
        wrap_spans(
            &[Span::styled(key, theme::key()), Span::raw(desc.to_string())],
            width,
            hanging,
        )
    };
    let mut lines = Vec::new();
    for &(heading, mode) in sections {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(app.t(heading), theme::label()));
        for binding in help_rows(mode) {
            lines.extend(row(
                &key_label(binding.label, app.lang),
                app.t(binding.desc),
            ));
        }
        if mode == ModeKind::Picker {
            lines.extend(row("# @ ! =", app.t(Msg::HelpPrefixes)));
        }
        if mode == ModeKind::Editor {
            lines.extend(row("Enter", app.t(Msg::KeyNewLine)));
        }
    }
    lines
}
