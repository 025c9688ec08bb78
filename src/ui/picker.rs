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
    // Every entry with a detail keeps it in view (an item's number, an attachment's page).
    let is_line = !entry.detail.is_empty();
    // The detail has half the row, and what a short label leaves over.
    let label_wants = display_width(&entry.label).min(width / 2);
    let detail = if is_line {
        fitted_detail(&entry.detail, width.saturating_sub(2 + label_wants + 2))
    } else {
        entry.detail.clone()
    };
    let detail_width = if detail.is_empty() || !is_line {
        0
    } else {
        display_width(&detail) + 2
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
    if !detail.is_empty() {
        spans.push(Span::styled(format!("  {detail}"), theme::dim()));
    }
    let line = Line::from(spans);
    if selected {
        line.style(theme::selected())
    } else {
        line
    }
}

/// An attachment line's detail in `room` columns, the page whole: "Rekenkamerrapport p. 23 ·
/// bijlage, punt 3", else without the place, else with the title shortened before " p. 23".
fn fitted_detail(detail: &str, room: usize) -> String {
    use textwrap::core::display_width;
    if display_width(detail) <= room {
        return detail.to_string();
    }
    let citation = detail.split(" · ").next().unwrap_or(detail);
    if display_width(citation) <= room {
        return citation.to_string();
    }
    // The page is the end of the citation (" p. 23"): the title gives way, with "…".
    let Some(at) = citation.rfind(" p. ") else {
        return citation.to_string();
    };
    let (title, page) = citation.split_at(at);
    let keep = room.saturating_sub(display_width(page) + 1);
    let mut short = String::new();
    for ch in title.chars() {
        if display_width(&short) + display_width(ch.encode_utf8(&mut [0; 4])) > keep {
            break;
        }
        short.push(ch);
    }
    format!("{}…{page}", short.trim_end())
}

#[cfg(test)]
mod tests {
    use super::fitted_detail;

    #[test]
    fn an_attachment_lines_page_stays_whole_however_narrow_the_row() {
        let detail = "Informatienota Rekenkameronderz… p. 23 · bijlage, punt 3";
        assert_eq!(fitted_detail(detail, 80), detail);
        assert_eq!(
            fitted_detail(detail, 40),
            "Informatienota Rekenkameronderz… p. 23"
        );
        assert_eq!(fitted_detail(detail, 20), "Informatienot… p. 23");
        for room in 8..60 {
            let fitted = fitted_detail(detail, room);
            assert!(fitted.contains(" p. 23"), "{room}: {fitted}");
            assert!(fitted.chars().count() <= room.max(7), "{room}: {fitted}");
        }
    }
}
