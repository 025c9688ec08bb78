//! A text attachment, full screen, with its position.

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
    let block = Block::new()
        .borders(Borders::TOP | Borders::BOTTOM)
        .title(Span::styled(reader.title.clone(), theme::title()))
        .title_bottom(Line::from(vec![
            Span::styled(reader.path.clone(), theme::dim()),
            Span::raw("  "),
            Span::raw(app.fill(
                Msg::ReaderPosition,
                &[
                    &(reader.top + 1).min(reader.lines.len()),
                    &reader.lines.len(),
                ],
            )),
            Span::raw("  "),
            Span::styled(app.t(Msg::ReaderHint), theme::dim()),
        ]));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [text_area] = Layout::vertical([Constraint::Min(0)]).areas(inner);
    let lines: Vec<Line> = reader
        .lines
        .iter()
        .skip(reader.top)
        .take(usize::from(text_area.height))
        .map(|l| Line::raw(l.as_str()))
        .collect();
    frame.render_widget(Paragraph::new(lines), text_area);
}
