//! A fuzzy list: query line on top, ranked entries below, matched letters highlighted.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{clear, theme};
use crate::app::picker::{Entry, Pick, Picker};
use crate::i18n::{Lang, Msg};

pub fn draw(frame: &mut Frame, lang: Lang, picker: &Picker, area: Rect) {
    clear(frame, area);
    let block = Block::new()
        .borders(Borders::ALL)
        .title(Span::styled(picker.title.clone(), theme::title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [query_area, list_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);

    let [prompt, input] =
        Layout::horizontal([Constraint::Length(2), Constraint::Min(0)]).areas(query_area);
    frame.render_widget(Paragraph::new(Span::styled("> ", theme::key())), prompt);
    frame.render_widget(&picker.query, input);

    if picker.shown.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(Msg::NoMatches.text(lang), theme::dim())),
            list_area,
        );
        return;
    }
    let visible = usize::from(list_area.height);
    let first = picker.selected.saturating_sub(visible.saturating_sub(1));
    let lines: Vec<Line> = (first..picker.shown.len().min(first + visible))
        .filter_map(|row| {
            let entry = picker.shown_entry(row)?;
            Some(entry_line(
                &entry,
                &picker.highlights(row),
                row == picker.selected,
                usize::from(list_area.width),
            ))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list_area);
}

fn entry_line(entry: &Entry, highlights: &[usize], selected: bool, width: usize) -> Line<'static> {
    use textwrap::core::display_width;
    let mut spans = vec![Span::raw(if selected { "▶ " } else { "  " })];
    // A long line of an attachment is cut so its detail (where it is: "Rekenkamerrapport
    // p. 23") stays in view; the detail gets at most half the row.
    let is_line = matches!(entry.pick, Pick::AttachmentLine { .. });
    let detail_width = if entry.detail.is_empty() || !is_line {
        0
    } else {
        (display_width(&entry.detail) + 2).min(width / 2)
    };
    let room = width.saturating_sub(2 + detail_width);
    let label_width = display_width(&entry.label);
    let cut = label_width > room && detail_width > 0;
    let mut used = 0;
    for (position, ch) in entry.label.chars().enumerate() {
        if cut {
            let ch_width = display_width(ch.encode_utf8(&mut [0; 4]));
            if used + ch_width + 1 > room {
                spans.push(Span::raw("…"));
                break;
            }
            used += ch_width;
        }
        let style = if highlights.binary_search(&position).is_ok() {
            theme::highlight()
        } else {
            ratatui::style::Style::new()
        };
        spans.push(Span::styled(ch.to_string(), style));
    }
    if !entry.detail.is_empty() {
        spans.push(Span::styled(format!("  {}", entry.detail), theme::dim()));
    }
    let line = Line::from(spans);
    if selected {
        line.style(theme::selected())
    } else {
        line
    }
}
