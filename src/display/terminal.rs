//! The room's screen in a terminal: lays out a `RoomView`, big digits where there is room.
//! It decides nothing about what is said; that is `RoomView::build`'s.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::{Paragraph, Wrap};
use tui_big_text::{BigText, PixelSize};

use super::model::{AgendaRow, Floor, ItemLine, ItemScreen, RoomView, Screen};
use crate::ui::theme;

/// From this width on, the speakers waiting stand in a column of their own beside the floor.
const WIDE: u16 = 90;

pub fn draw(frame: &mut Frame, view: &RoomView) {
    let area = frame.area();
    let footer = u16::from(view.notice.is_some());
    let [header, body, notice] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(footer),
    ])
    .areas(area);
    draw_header(frame, view, header);
    let body = Rect {
        x: body.x + u16::from(body.width > 60),
        width: body.width.saturating_sub(2 * u16::from(body.width > 60)),
        ..body
    };
    match &view.screen {
        Screen::Agenda { heading, rows } => draw_agenda(frame, view, heading, rows, body),
        Screen::Item(item) => draw_item(frame, item, body),
        Screen::Break {
            item,
            resumes,
            countdown,
            over,
        } => draw_break(frame, item, resumes, countdown, *over, body),
        Screen::Closed { message } => draw_closed(frame, message, body),
    }
    if let Some(text) = &view.notice {
        frame.render_widget(Paragraph::new(Span::styled(text, theme::dim())), notice);
    }
}

fn draw_header(frame: &mut Frame, view: &RoomView, area: Rect) {
    let right = if area.width >= 60 {
        format!("{}  {}", view.date, view.time)
    } else {
        view.time.clone()
    };
    split_line(
        frame,
        area,
        Span::styled(&view.title, theme::title()),
        right,
        theme::title(),
    );
}

/// One row: `left` as far as it fits, `right` flush right and never cut.
fn split_line(frame: &mut Frame, area: Rect, left: Span, right: String, right_style: Style) {
    let right_width = (Span::raw(right.as_str()).width() as u16).min(area.width);
    let [left_area, _, right_area] = Layout::horizontal([
        Constraint::Min(0),
        Constraint::Length(u16::from(right_width < area.width)),
        Constraint::Length(right_width),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(left), left_area);
    frame.render_widget(
        Paragraph::new(Span::styled(right, right_style)).alignment(Alignment::Right),
        right_area,
    );
}

/// Draws `text` as large as `area` allows, centred; returns the rows it took.
fn draw_big(frame: &mut Frame, text: &str, style: Style, area: Rect) -> u16 {
    let chars = text.chars().count() as u16;
    // On a large screen the 8x8 glyphs are blown up, each cell a square of cells.
    let scale = (area.width / (chars * 8).max(1)).min(area.height / 8);
    if scale >= 2 {
        draw_scaled(frame, text, style, area, scale);
        return 8 * scale;
    }
    // Cells per glyph (width, height), largest first; the quadrant glyphs are in every font.
    let sizes = [
        (PixelSize::Full, 8, 8),
        (PixelSize::HalfHeight, 8, 4),
        (PixelSize::HalfWidth, 4, 8),
        (PixelSize::Quadrant, 4, 4),
    ];
    match sizes
        .into_iter()
        .find(|(_, w, h)| chars * w <= area.width && *h <= area.height)
    {
        Some((size, _, height)) => {
            frame.render_widget(big_text(text, style, size), Rect { height, ..area });
            height
        }
        None if area.height > 0 => {
            let line = Line::styled(text.to_string(), style).centered();
            frame.render_widget(Paragraph::new(line), Rect { height: 1, ..area });
            1
        }
        None => 0,
    }
}

fn big_text(text: &str, style: Style, size: PixelSize) -> BigText<'static> {
    BigText::builder()
        .pixel_size(size)
        .style(style)
        .lines(vec![Line::from(text.to_string())])
        .centered()
        .build()
}

/// The full-size glyphs, every cell drawn as a `scale` x `scale` square, centred in `area`.
fn draw_scaled(frame: &mut Frame, text: &str, style: Style, area: Rect, scale: u16) {
    let small_area = Rect::new(0, 0, text.chars().count() as u16 * 8, 8);
    let mut small = Buffer::empty(small_area);
    big_text(text, style, PixelSize::Full).render(small_area, &mut small);
    let left = area.x + (area.width - small_area.width * scale) / 2;
    let buffer = frame.buffer_mut();
    for (x, y) in (0..small_area.height).flat_map(|y| (0..small_area.width).map(move |x| (x, y))) {
        let cell = small[(x, y)].clone();
        for (dx, dy) in (0..scale).flat_map(|dy| (0..scale).map(move |dx| (dx, dy))) {
            buffer[(left + x * scale + dx, area.y + y * scale + dy)] = cell.clone();
        }
    }
}

fn clock_style(over: bool) -> Style {
    if over { theme::over() } else { theme::title() }
}

/// Takes `rows` off the top of `area`; what is left below.
fn take(area: &mut Rect, rows: u16) -> Rect {
    let rows = rows.min(area.height);
    let top = Rect {
        height: rows,
        ..*area
    };
    area.y += rows;
    area.height -= rows;
    top
}

fn item_row(frame: &mut Frame, item: &ItemLine, area: Rect) {
    let clock = match &item.planned {
        Some(planned) => format!("{} / {planned}", item.clock),
        None => item.clock.clone(),
    };
    let clock_style = if item.over {
        theme::over()
    } else {
        theme::running()
    };
    let left = Span::styled(format!("{}  {}", item.number, item.title), theme::title());
    split_line(frame, area, left, clock, clock_style);
}

fn draw_item(frame: &mut Frame, item: &ItemScreen, mut area: Rect) {
    item_row(frame, &item.item, take(&mut area, 1));
    if area.height >= 14 {
        take(&mut area, 1);
    }
    let (mut floor_area, next_area) = if area.width >= WIDE {
        let [floor, _, next] = Layout::horizontal([
            Constraint::Percentage(66),
            Constraint::Length(2),
            Constraint::Min(0),
        ])
        .areas(area);
        (floor, Some(next))
    } else {
        (area, None)
    };
    // Stacked, the list below takes what it needs (at least one row) before the clock grows.
    let list_rows = if next_area.is_some() {
        0
    } else {
        (item.next.len() as u16 + 1).min(floor_area.height.saturating_sub(4) / 3)
    }
    .max(1);
    let heading = match &item.round {
        Some(round) if floor_area.height >= 10 => {
            format!("{} · {round}", item.floor_heading)
        }
        _ => item.floor_heading.clone(),
    };
    match &item.floor {
        Some(floor) => {
            if floor_area.height >= 9 {
                let row = take(&mut floor_area, 1);
                frame.render_widget(Paragraph::new(Span::styled(heading, theme::label())), row);
            }
            draw_floor(frame, floor, &mut floor_area, list_rows);
        }
        None => {
            let row = take(&mut floor_area, 1);
            frame.render_widget(
                Paragraph::new(Span::styled(&item.no_floor, theme::dim())),
                row,
            );
        }
    }
    match next_area {
        Some(area) => draw_next(frame, item, area, true),
        None => {
            if floor_area.height >= 3 {
                take(&mut floor_area, 1);
            }
            draw_next(frame, item, floor_area, floor_area.height >= 2);
        }
    }
}

fn draw_floor(frame: &mut Frame, floor: &Floor, area: &mut Rect, keep_below: u16) {
    let mut name = vec![
        Span::styled(floor.name.clone(), theme::running()),
        Span::raw("  "),
        Span::styled(floor.detail.clone(), theme::dim()),
    ];
    if let Some(paused) = &floor.paused {
        name.push(Span::styled(format!("  ({paused})"), theme::dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(name)), take(area, 1));
    let below = u16::from(floor.faction_left.is_some()) + keep_below;
    let room = Rect {
        height: area.height.saturating_sub(below),
        ..*area
    };
    let style = if floor.paused.is_some() {
        theme::dim()
    } else {
        theme::title()
    };
    let used = draw_big(frame, &floor.clock, style, room);
    take(area, used);
    if let Some(left) = &floor.faction_left {
        let value_style = if left.over {
            theme::over()
        } else {
            theme::ok()
        };
        let line = Line::from(vec![
            Span::styled(format!("{}: ", left.label), theme::label()),
            Span::styled(left.value.clone(), value_style),
        ]);
        frame.render_widget(Paragraph::new(line), take(area, 1));
    }
}

/// The speakers waiting: a heading and one per row, or all on one row where space is short.
fn draw_next(frame: &mut Frame, item: &ItemScreen, area: Rect, as_list: bool) {
    if area.height == 0 {
        return;
    }
    let heading = Span::styled(format!("{}: ", item.next_heading), theme::label());
    if item.next.is_empty() {
        let line = Line::from(vec![
            heading,
            Span::styled(&item.none_waiting, theme::dim()),
        ]);
        frame.render_widget(Paragraph::new(line), area);
        return;
    }
    // A list needs its heading and a row for each name (or three and "+n"); else one row.
    if !as_list || area.height < item.next.len().min(3) as u16 + 1 {
        let line = Line::from(vec![heading, Span::raw(item.next.join(", "))]);
        frame.render_widget(Paragraph::new(line), area);
        return;
    }
    let mut lines = vec![Line::from(Span::styled(&item.next_heading, theme::label()))];
    let room = usize::from(area.height) - 1;
    let shown = if item.next.len() > room {
        room.saturating_sub(1)
    } else {
        room
    };
    for (n, name) in item.next.iter().take(shown).enumerate() {
        lines.push(Line::from(format!("{}. {name}", n + 1)));
    }
    if shown < item.next.len() {
        lines.push(Line::styled(
            format!("+{}", item.next.len() - shown),
            theme::dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn draw_agenda(
    frame: &mut Frame,
    view: &RoomView,
    heading: &str,
    rows: &[AgendaRow],
    mut area: Rect,
) {
    let line = Line::styled(heading.to_string(), theme::label());
    frame.render_widget(Paragraph::new(line), take(&mut area, 1));
    // The time of day, large, when the agenda leaves room for it.
    if area.height >= rows.len() as u16 + 6 {
        let room = Rect {
            height: area.height - rows.len() as u16 - 1,
            ..area
        };
        let used = draw_big(frame, &view.time, theme::title(), room);
        take(&mut area, used + 1);
    }
    // Where the agenda does not fit, what is done makes way for what is to come.
    let hidden = rows.len().saturating_sub(usize::from(area.height));
    let mut done_to_hide = hidden;
    let shown: Vec<&AgendaRow> = rows
        .iter()
        .filter(|row| {
            if done_to_hide > 0 && row.mark == "✓" {
                done_to_hide -= 1;
                false
            } else {
                true
            }
        })
        .collect();
    let number_width = shown
        .iter()
        .map(|r| r.number.chars().count())
        .max()
        .unwrap_or(0);
    for row in shown.into_iter().take(usize::from(area.height)) {
        let style = match row.mark.as_str() {
            "▶" => theme::running(),
            "✓" => theme::dim(),
            _ => Style::new(),
        };
        let mark = if row.mark.is_empty() { " " } else { &row.mark };
        let left = Span::styled(
            format!("{mark} {:number_width$}  {}", row.number, row.title),
            style,
        );
        split_line(frame, take(&mut area, 1), left, row.slot.clone(), style);
    }
}

fn draw_break(
    frame: &mut Frame,
    item: &ItemLine,
    resumes: &str,
    countdown: &str,
    over: bool,
    mut area: Rect,
) {
    item_row(frame, item, take(&mut area, 1));
    if area.height >= 10 {
        take(&mut area, 1);
    }
    let line = Line::styled(resumes.to_string(), theme::title()).centered();
    frame.render_widget(Paragraph::new(line), take(&mut area, 1));
    if area.height >= 6 {
        take(&mut area, 1);
    }
    draw_big(frame, countdown, clock_style(over), area);
}

fn draw_closed(frame: &mut Frame, message: &str, area: Rect) {
    let middle = Rect {
        y: area.y + area.height.saturating_sub(2) / 2,
        height: area.height.min(2),
        ..area
    };
    let text = Paragraph::new(Line::styled(message.to_string(), theme::title()).centered())
        .wrap(Wrap { trim: true });
    frame.render_widget(text, middle);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::display::fixtures::{DRAFT, EMAIL, NOTE, PHONE, at, debate, example};
    use crate::domain::minutes::Minutes;
    use crate::i18n::Lang;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn screen(view: &RoomView, width: u16, height: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|frame| draw(frame, view)).unwrap();
        terminal.backend().to_string()
    }

    fn running(lang: Lang) -> RoomView {
        let meeting = example();
        RoomView::build(&meeting, Some(&debate(&meeting)), at("21:16:30"), lang)
    }

    #[test]
    fn before_the_meeting_the_agenda_and_the_time() {
        let meeting = example();
        let view = RoomView::build(&meeting, None, at("19:12:00"), Lang::Nl)
            .with_notice(Some("wacht op x.minutes.yaml".into()));
        insta::assert_snapshot!(screen(&view, 80, 24));
    }

    #[test]
    fn a_speaker_has_the_floor() {
        insta::assert_snapshot!(screen(&running(Lang::Nl), 80, 24));
    }

    #[test]
    fn a_speaker_has_the_floor_on_a_large_screen() {
        insta::assert_snapshot!(screen(&running(Lang::En), 120, 32));
    }

    #[test]
    fn a_speaker_has_the_floor_at_40x12() {
        insta::assert_snapshot!(screen(&running(Lang::Nl), 40, 12));
    }

    #[test]
    fn the_agenda_at_40x12() {
        let meeting = example();
        let view = RoomView::build(&meeting, None, at("19:12:00"), Lang::En);
        insta::assert_snapshot!(screen(&view, 40, 12));
    }

    #[test]
    fn a_break_counts_down() {
        let meeting = example();
        let mut minutes = Minutes::new(&meeting, "m.yaml");
        minutes.take_up(&meeting, "4", at("21:01:00")).unwrap();
        let view = RoomView::build(&meeting, Some(&minutes), at("21:02:30"), Lang::Nl);
        insta::assert_snapshot!(screen(&view, 80, 24));
    }

    #[test]
    fn after_closing() {
        let meeting = example();
        let mut minutes = debate(&meeting);
        minutes.close_meeting(at("23:06:00")).unwrap();
        let view = RoomView::build(&meeting, Some(&minutes), at("23:10:00"), Lang::Nl);
        insta::assert_snapshot!(screen(&view, 80, 24));
    }

    #[test]
    fn notes_drafts_and_contact_details_never_reach_the_screen() {
        for (width, height) in [(40, 12), (80, 24), (200, 60)] {
            let text = screen(&running(Lang::Nl), width, height);
            for private in [NOTE, DRAFT, PHONE, EMAIL] {
                assert!(!text.contains(private), "{private}:\n{text}");
            }
        }
    }

    #[test]
    fn the_readme_shows_the_display_as_it_is() {
        let text = screen(&running(Lang::Nl), 80, 24);
        let mut lines: Vec<&str> = text
            .lines()
            .map(|line| {
                line.trim_start_matches('"')
                    .trim_end_matches('"')
                    .trim_end()
            })
            .collect();
        while lines.last().is_some_and(|line| line.is_empty()) {
            lines.pop();
        }
        let readme =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
        let capture = format!("```text\n{}\n```", lines.join("\n"));
        assert!(
            readme.contains(&capture),
            "README.md should show:\n{capture}"
        );
    }
}
