//! A fuzzy list: query line on top, ranked entries below, matched letters highlighted.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{clear, theme};
use crate::app::picker::{Entry, Picker};
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
            ))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list_area);
}

fn entry_line(entry: &Entry, highlights: &[usize], selected: bool) -> Line<'static> {
    let mut spans = vec![Span::raw(if selected { "▶ " } else { "  " })];
    for (position, ch) in entry.label.chars().enumerate() {
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
