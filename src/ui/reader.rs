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
    // Where the reader is comes first and whole ("p. 12/40  regel 431 van 980"): the file's
    // path gives way (its folder, then its start), and the keys' hint only shows where it fits.
    use textwrap::core::display_width;
    let page = reader
        .page(rows)
        .map(|(page, pages)| app.fill(Msg::ReaderPage, &[&page, &pages]));
    let position = app.fill(
        Msg::ReaderPosition,
        &[
            &(reader.top + 1).min(reader.lines.len()),
            &reader.lines.len(),
        ],
    );
    let width = usize::from(area.width);
    let fixed = page.as_ref().map_or(0, |p| display_width(p) + 2) + display_width(&position);
    let path = shortened_path(&reader.path, width.saturating_sub(fixed + 2));
    let mut bottom = vec![Span::styled(path.clone(), theme::dim()), Span::raw("  ")];
    // A PDF or Word file is cited by page ("p. 12/40"); a text file by line.
    if let Some(page) = page {
        bottom.push(Span::styled(page, theme::key()));
        bottom.push(Span::raw("  "));
    }
    bottom.push(Span::raw(position));
    let hint = app.t(Msg::ReaderHint);
    if display_width(&path) + 2 + fixed + 2 + display_width(hint) <= width {
        bottom.push(Span::raw("  "));
        bottom.push(Span::styled(hint, theme::dim()));
    }
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

/// A path in `room` columns: whole, else its file name, else the end of the name after "…".
fn shortened_path(path: &str, room: usize) -> String {
    use textwrap::core::display_width;
    if display_width(path) <= room {
        return path.to_string();
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    if display_width(name) <= room {
        return name.to_string();
    }
    let keep: Vec<char> = name.chars().collect();
    let mut tail = String::new();
    for ch in keep.iter().rev() {
        if display_width(&tail) + display_width(ch.encode_utf8(&mut [0; 4])) + 1 > room {
            break;
        }
        tail.insert(0, *ch);
    }
    format!("…{tail}")
}

#[cfg(test)]
mod tests {
    use super::shortened_path;

    #[test]
    fn a_long_path_gives_way_to_the_position() {
        let path = "bijlagen/2017-11-20-item5-informatienota-plan-beschut-werken-nieuw.pdf";
        assert_eq!(shortened_path(path, 100), path);
        assert_eq!(
            shortened_path(path, 62),
            "2017-11-20-item5-informatienota-plan-beschut-werken-nieuw.pdf"
        );
        assert_eq!(shortened_path(path, 20), "…ut-werken-nieuw.pdf");
        assert!(shortened_path(path, 0).chars().count() <= 1);
    }
}
