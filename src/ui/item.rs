//! Everything the meeting file says about the highlighted item, and the chair's notes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{kind_text, status_text, theme};
use crate::app::App;
use crate::domain::clock::Forecast;
use crate::domain::meeting::{Item, Slot, format_seconds};
use crate::domain::minutes::Status;
use crate::i18n::Msg;

pub fn draw(frame: &mut Frame, app: &App, forecast: &Forecast, area: Rect) {
    let item = &app.meeting.items[app.selected];
    let block = Block::new().title(Span::styled(
        format!("{} {}", item.number, item.title),
        theme::title(),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = item_lines(app, forecast, item);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((app.item_scroll, 0)),
        inner,
    );
}

fn field(lines: &mut Vec<Line<'static>>, label: String, value: String) {
    lines.push(Line::from(vec![
        Span::styled(format!("{label}: "), theme::label()),
        Span::raw(value),
    ]));
}

fn block_text(lines: &mut Vec<Line<'static>>, label: String, text: &str) {
    lines.push(Line::default());
    lines.push(Line::styled(label, theme::label()));
    for line in text.trim_end().lines() {
        lines.push(Line::raw(line.to_string()));
    }
}

pub fn item_lines(app: &App, forecast: &Forecast, item: &Item) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let status = app.t(status_text(app.minutes.status_of(&item.number)));
    let mut head = format!("{} · {status}", app.t(kind_text(item.kind)));
    match item.slot {
        Slot::Range { start, end } => {
            head.push_str(&format!(
                " · {}–{}",
                start.format("%H:%M"),
                end.format("%H:%M")
            ));
        }
        Slot::StartOnly { start } => head.push_str(&format!(" · {}", start.format("%H:%M"))),
        Slot::Length { seconds } => {
            head.push_str(&format!(" · {}", format_seconds(i64::from(seconds))))
        }
        Slot::Unplanned => {}
    }
    // Still to come: when it will run at the pace so far.
    let index = app.meeting.index_of(&item.number);
    let coming = matches!(
        app.minutes.status_of(&item.number),
        Status::Pending | Status::Adjourned
    );
    if let (true, Some(index)) = (coming, index)
        && let Some((start, end)) = forecast.slots[index]
    {
        let when = format!("{}–{}", start.format("%H:%M"), end.format("%H:%M"));
        head.push_str(&format!(" · {}", app.fill(Msg::ForecastMark, &[&when])));
    }
    lines.push(Line::styled(head, theme::dim()));

    if !item.portfolio_holders.is_empty() {
        field(
            &mut lines,
            app.t(Msg::PortfolioHolder).into(),
            item.portfolio_holders.join(", "),
        );
    }
    if !item.informants.is_empty() {
        lines.push(Line::styled(
            format!("{}:", app.t(Msg::Informants)),
            theme::label(),
        ));
        for informant in &item.informants {
            let mut text = format!("  {}", informant.name);
            if let Some(phone) = &informant.phone {
                text.push_str(&format!(" · {} {phone}", app.t(Msg::Phone)));
            }
            if let Some(email) = &informant.email {
                text.push_str(&format!(" · {email}"));
            }
            if let Some(role) = &informant.role {
                text.push_str(&format!(" · {role}"));
            }
            lines.push(Line::raw(text));
        }
    }
    if !item.co_authors.is_empty() {
        field(
            &mut lines,
            app.t(Msg::CoAuthors).into(),
            item.co_authors.join(", "),
        );
    }
    if let Some(department) = &item.department {
        field(
            &mut lines,
            app.t(Msg::Department).into(),
            department.clone(),
        );
    }
    if !item.requested_by.is_empty() {
        field(
            &mut lines,
            app.t(Msg::RequestedBy).into(),
            item.requested_by.join(", "),
        );
    }
    if let Some(seconds) = item.speaking_time.or(app.meeting.speaking_time) {
        field(
            &mut lines,
            app.t(Msg::SpeakingTime).into(),
            format_seconds(i64::from(seconds)),
        );
    }
    if !item.attachments.is_empty() {
        lines.push(Line::styled(
            format!("{}:", app.t(Msg::Attachments)),
            theme::label(),
        ));
        for (n, attachment) in item.attachments.iter().enumerate() {
            let mut spans = vec![Span::raw(format!("  {}. {}", n + 1, attachment.title))];
            if let Some(kind) = &attachment.kind {
                spans.push(Span::styled(format!(" [{kind}]"), theme::dim()));
            }
            if attachment.file.is_some() {
                spans.push(Span::styled(
                    format!(" ({})", app.t(Msg::TextAttachment)),
                    theme::dim(),
                ));
            }
            lines.push(Line::from(spans));
        }
    }
    if let Some(text) = &item.proposed_decision {
        block_text(&mut lines, app.t(Msg::ProposedDecision).into(), text);
    }
    if let Some(text) = &item.debate_question {
        block_text(&mut lines, app.t(Msg::DebateQuestion).into(), text);
    }
    if let Some(text) = &item.summary {
        block_text(&mut lines, app.t(Msg::Summary).into(), text);
    }
    if let Some(notes) = app
        .minutes
        .item(&item.number)
        .and_then(|i| i.notes.as_deref())
    {
        block_text(&mut lines, app.t(Msg::Notes).into(), notes);
    }
    lines
}
