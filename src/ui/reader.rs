//! A text attachment, full screen, with its position, the line jumped to and the search line.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{clear, theme};
use crate::app::App;
use crate::app::reader::Reader;
use crate::i18n::Msg;

pub fn draw(frame: &mut Frame, app: &App, reader: &Reader, area: Rect) {
    clear(frame, area);
    // Top and bottom borders, and the search line when typing one.
    let rows = usize::from(
        area.height
            .saturating_sub(2 + u16::from(reader.query.is_some())),
    );
    let mut bottom = vec![
        Span::styled(reader.path.clone(), theme::dim()),
        Span::raw("  "),
    ];
    // A PDF or Word file is cited by page ("p. 12/40"); a text file by line.
    if let Some((page, pages)) = reader.page(rows) {
        bottom.push(Span::styled(
            app.fill(Msg::ReaderPage, &[&page, &pages]),
            theme::key(),
        ));
        bottom.push(Span::raw("  "));
    }
    bottom.extend([
        Span::raw(app.fill(
            Msg::ReaderPosition,
            &[
                &(reader.top + 1).min(reader.lines.len()),
                &reader.lines.len(),
            ],
        )),
        Span::raw("  "),
        Span::styled(app.t(Msg::ReaderHint), theme::dim()),
    ]);
    let block = Block::new()
        .borders(Borders::TOP | Borders::BOTTOM)
        .title(Span::styled(reader.title.clone(), theme::title()))
        .title_bottom(Line::from(bottom));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let search_height = u16::from(reader.query.is_some());
    let [text_area, search_area] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(search_height)]).areas(inner);
    let lines: Vec<Line> = reader
        .lines
        .iter()
        .enumerate()
        .skip(reader.top)
        .take(usize::from(text_area.height))
        .map(|(index, line)| {
            if reader.marked == Some(index) {
                Line::styled(line.as_str(), theme::highlight())
            } else {
                Line::raw(line.as_str())
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), text_area);

    if let Some(query) = &reader.query {
        let prompt = app.t(Msg::ReaderSearchPrompt);
        let width = prompt.chars().count() as u16;
        let [label, input] =
            Layout::horizontal([Constraint::Length(width), Constraint::Min(0)]).areas(search_area);
        frame.render_widget(Paragraph::new(Span::styled(prompt, theme::key())), label);
        frame.render_widget(query, input);
    }
}
