//! Drawing: a pure function of the state. Nothing here changes the state.

mod agenda;
mod decision;
mod editor;
mod help;
mod item;
mod live;
pub mod picker;
mod reader;
mod reflow;
mod status;
mod totals;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::Clear;

use crate::app::{App, Mode, Question};
use crate::domain::clock::{Forecast, forecast};
use crate::domain::minutes::{Role, Status};
use crate::i18n::Msg;
pub use crate::i18n::kind_text;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

pub fn draw(frame: &mut Frame, app: &App) {
    let [header, body, footer] = screen_layout(frame.area(), flash_rows(app, frame.area()));
    // The schedule forecast feeds the header, the agenda and the item pane: worked out once a frame.
    let forecast = forecast(&app.meeting, &app.minutes, app.now);
    status::draw_header(frame, app, &forecast, header);
    draw_body(frame, app, &forecast, body);
    status::draw_footer(frame, app, footer);

    match &app.mode {
        Mode::Normal => {}
        Mode::Help => help::draw(frame, app, body),
        // Pickers and forms sit low, so the live pane (clock, speakers) stays in sight above them.
        Mode::Picker(picker) => {
            let area = overlay(frame, body, 16);
            picker::draw(frame, app.lang, picker, area)
        }
        Mode::Editor(form) => {
            let area = overlay(frame, body, editor::height(form));
            editor::draw(frame, app, form, area)
        }
        Mode::Reader(reader) => reader::draw(frame, app, reader, body),
        Mode::Totals { whole_meeting } => totals::draw(frame, app, *whole_meeting, body),
        Mode::Confirm(question) => {
            let area = overlay(frame, body, 4);
            draw_question(frame, app, question, area)
        }
        Mode::Attendance(sheet) => decision::draw_attendance(frame, app, sheet, body),
        Mode::Vote(sheet) => decision::draw_vote(frame, app, sheet, body),
    }
    // Text from the meeting, the minutes and attachments is everywhere on screen: one pass over
    // the drawn cells keeps every control and bidi character from reaching the terminal.
    crate::sanitize::buffer_for_terminal(frame.buffer_mut());
}

fn draw_question(frame: &mut Frame, app: &App, question: &Question, area: Rect) {
    clear(frame, area);
    let text = match question {
        Question::CloseMeeting => app.fill(Msg::ConfirmClose, &[&app.now.format("%H:%M")]),
        Question::ReopenMeeting => {
            let closed = app
                .minutes
                .closed_at
                .map(|c| c.format("%H:%M").to_string())
                .unwrap_or_default();
            app.fill(Msg::ConfirmReopen, &[&closed])
        }
        Question::VoteNotTakenUp(number) if app.minutes.opened_at.is_none() => {
            app.fill(Msg::ConfirmVoteNotOpened, &[number])
        }
        Question::VoteNotTakenUp(number) => app.fill(Msg::ConfirmVoteNotTakenUp, &[number]),
        Question::OpenOutside(path) => app.fill(Msg::ConfirmOpenOutside, &[&path.display()]),
        Question::RemoveRecord(record) => match record {
            crate::domain::minutes::RecordRef::Conclusion { item, index } => {
                let kind = app
                    .minutes
                    .item(item)
                    .and_then(|record| record.conclusions.get(*index))
                    .map(|passage| passage.kind)
                    .unwrap_or_default();
                if kind.is_finding() {
                    app.fill(Msg::ConfirmRemoveConclusion, &[&(index + 1), item])
                } else {
                    let word = app.t(crate::app::passage_word(kind));
                    app.fill(Msg::ConfirmRemovePassage, &[&(index + 1), &word, item])
                }
            }
            crate::domain::minutes::RecordRef::Commitment { id, .. } => {
                app.fill(Msg::ConfirmRemoveCommitment, &[id])
            }
        },
        Question::OpenRunnable(path) => app.fill(Msg::ConfirmOpenRunnable, &[&path.display()]),
        Question::TakeClock { holder, .. } => app.fill(Msg::ConfirmTakeClock, &[holder]),
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme::over());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(
        Paragraph::new(Line::styled(text, theme::title())).wrap(Wrap { trim: false }),
        inner,
    );
}

/// How far the item pane can scroll on a screen of `width` × `height`: paging asks the layout.
pub fn item_scroll_limit(app: &App, width: u16, height: u16) -> u16 {
    let area = Rect::new(0, 0, width, height);
    let [_, body, _] = screen_layout(area, flash_rows(app, area));
    let Some(item_area) = panes(app, body).item else {
        return 0;
    };
    let forecast = forecast(&app.meeting, &app.minutes, app.now);
    item::max_scroll(app, &forecast, item_area)
}

/// Header, body and footer (with `flash_rows` for the message above the keys).
fn screen_layout(area: Rect, flash_rows: u16) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(if area.height >= 12 { 2 } else { 1 }),
        Constraint::Min(0),
        Constraint::Length(if area.height >= 10 { 1 + flash_rows } else { 1 }),
    ])
    .areas(area)
}

/// The message above the keys takes up to three rows when it is wider than the screen (a path,
/// an address and what to do about them) and the screen has rows to spare: it is not cut.
fn flash_rows(app: &App, area: Rect) -> u16 {
    let width = app.flash.as_ref().map_or(0, |flash| {
        ratatui::text::Span::raw(flash.text.as_str()).width()
    });
    if area.height < 20 || area.width == 0 {
        return 1;
    }
    // Words wrap whole: a fifth more than the bare width is room for the ragged ends.
    let rows = (width + width / 5).div_ceil(usize::from(area.width));
    rows.clamp(1, 3) as u16
}

/// Where the body's panes go.
struct Panes {
    agenda: Rect,
    live: Rect,
    /// What the live pane shows, laid out once for its width: the layout sizes it, draw shows it.
    live_pane: live::Pane,
    /// Only on a wide enough screen.
    item: Option<Rect>,
}

/// The agenda gives way to the clocks: narrower below 100 columns, folded away with `z`.
fn panes(app: &App, area: Rect) -> Panes {
    if area.width < 60 {
        // Narrow: the agenda above, the live pane below; the item pane needs the width.
        let agenda_share = if app.agenda_folded { 0 } else { 50 };
        let [agenda, live] = Layout::vertical([
            Constraint::Percentage(agenda_share),
            Constraint::Percentage(100 - agenda_share),
        ])
        .areas(area);
        return Panes {
            agenda,
            live,
            live_pane: live::pane(app, live.width),
            item: None,
        };
    }
    let agenda_share = match area.width {
        _ if app.agenda_folded => 0,
        0..100 => 40,
        _ => 44,
    };
    let [agenda, right] = Layout::horizontal([
        Constraint::Percentage(agenda_share),
        Constraint::Percentage(100 - agenda_share),
    ])
    .areas(area);
    let live_pane = live::pane(app, right.width);
    let live_lines = live_pane.len();
    // The live pane takes what it needs (title, lines, border), up to three fifths; the item
    // pane gets the rest.
    let wanted = u16::try_from(live_lines)
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let live_height = wanted.min(right.height * 3 / 5).max(right.height.min(4));
    let [live, item] =
        Layout::vertical([Constraint::Length(live_height), Constraint::Min(0)]).areas(right);
    Panes {
        agenda,
        live,
        live_pane,
        item: Some(item),
    }
}

fn draw_body(frame: &mut Frame, app: &App, forecast: &Forecast, area: Rect) {
    let panes = panes(app, area);
    if panes.agenda.width > 0 {
        agenda::draw(frame, app, forecast, panes.agenda);
    }
    live::draw(frame, app, panes.live_pane, panes.live);
    if let Some(item_area) = panes.item {
        item::draw(frame, app, forecast, item_area);
    }
}

/// A box of the given height (or the whole area, if smaller) along the bottom of the area.
/// The rows at the bottom of `body` that an overlay takes: cleared from edge to edge, so no
/// stray letters of the panes below show beside it, and the overlay itself set in a little.
fn overlay(frame: &mut Frame, body: Rect, height: u16) -> Rect {
    let inset = bottom_area(body, height);
    clear(
        frame,
        Rect {
            x: body.x,
            width: body.width,
            ..inset
        },
    );
    inset
}

fn bottom_area(area: Rect, height: u16) -> Rect {
    let height = height.min(area.height);
    let margin = if area.width >= 40 { 2 } else { 0 };
    Rect {
        x: area.x + margin,
        y: area.y + area.height - height,
        width: area.width - 2 * margin,
        height,
    }
}

fn clear(frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
}

pub fn status_text(status: Status) -> Msg {
    match status {
        Status::Pending => Msg::StatusPending,
        Status::Running => Msg::StatusRunning,
        Status::Done => Msg::StatusDone,
        Status::Adjourned => Msg::StatusAdjourned,
        Status::Skipped => Msg::StatusSkipped,
    }
}

pub fn role_text(role: Role) -> Msg {
    match role {
        Role::Member => Msg::RoleFaction,
        Role::PortfolioHolder => Msg::RolePortfolioHolder,
        Role::Informant => Msg::RoleInformant,
        Role::Chair => Msg::RoleChair,
        Role::Other => Msg::RoleOther,
    }
}

/// "eerste termijn", "tweede termijn": rounds as a council names them.
pub fn round_name(app: &App, number: usize) -> String {
    match number {
        1 => app.t(Msg::RoundOrdinal1).to_string(),
        2 => app.t(Msg::RoundOrdinal2).to_string(),
        3 => app.t(Msg::RoundOrdinal3).to_string(),
        n => app.fill(Msg::RoundOrdinalN, &[&n]),
    }
}

/// Styles in one place, so the screen stays consistent and readable without colour too
/// (every colour has a sign or a word next to it).
pub mod theme {
    use super::*;

    pub fn title() -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
    pub fn dim() -> Style {
        Style::new().fg(Color::DarkGray)
    }
    pub fn label() -> Style {
        Style::new().fg(Color::Cyan)
    }
    pub fn over() -> Style {
        Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn ok() -> Style {
        Style::new().fg(Color::Green)
    }
    pub fn running() -> Style {
        Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    pub fn selected() -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    pub fn error() -> Style {
        Style::new()
            .fg(Color::White)
            .bg(Color::Red)
            .add_modifier(Modifier::BOLD)
    }
    pub fn key() -> Style {
        Style::new().fg(Color::Yellow)
    }
    pub fn highlight() -> Style {
        Style::new()
            .fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
}
