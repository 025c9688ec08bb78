//! What the room sees, decided once: `RoomView::build` turns the meeting, the minutes as last
//! read and the time into words and numbers. The terminal and the web page only lay it out.
//!
//! Only what is public in the room goes in: never the chair's notes, never the informants'
//! phone numbers or e-mail addresses, never drafts. `build` does not look at them at all.

use serde::Serialize;

use crate::domain::clock::{ItemTiming, break_resumes_at};
use crate::domain::meeting::{Item, ItemKind, Meeting, Slot, format_seconds};
use crate::domain::minutes::{ItemMinutes, Minutes, Role, Speech, Status, Timestamp};
use crate::domain::speaking::{counts_for, usage_of};
use crate::i18n::{Lang, Msg};
use crate::ui::role_text;

/// The room's screen at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoomView {
    pub title: String,
    pub date: String,
    /// The time of day, "21.38" in Dutch, "21:38" in English.
    pub time: String,
    pub screen: Screen,
    /// A discreet line at the bottom: waiting for the minutes, or a damaged file.
    pub notice: Option<String>,
}

/// What fills the screen: the phase the meeting is in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Screen {
    /// Before the meeting, or between two items: the agenda with its slots.
    Agenda {
        heading: String,
        rows: Vec<AgendaRow>,
    },
    /// An item under discussion: who has the floor, who is next.
    Item(Box<ItemScreen>),
    /// A break: when the meeting resumes, counting down.
    Break {
        item: ItemLine,
        resumes: String,
        countdown: String,
        over: bool,
    },
    Closed {
        message: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgendaRow {
    pub number: String,
    pub title: String,
    /// "19:30–19:35", "5:00", or empty.
    pub slot: String,
    /// "✓" done, "▶" running, "" still to come.
    pub mark: String,
}

/// An item with its clock against its slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemLine {
    pub number: String,
    pub title: String,
    pub clock: String,
    /// The planned length, "1:20:00", when the item has one.
    pub planned: Option<String>,
    pub over: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemScreen {
    pub item: ItemLine,
    /// "eerste termijn"; absent before the first speaker is added.
    pub round: Option<String>,
    pub floor_heading: String,
    pub floor: Option<Floor>,
    /// Shown when no one has the floor.
    pub no_floor: String,
    pub next_heading: String,
    pub next: Vec<String>,
    /// Shown when no one is waiting.
    pub none_waiting: String,
}

/// The speaker who has the floor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Floor {
    pub name: String,
    /// Faction and role: "faction", "member, D66", "portfolio holder".
    pub detail: String,
    pub clock: String,
    /// Paused: the clock stands still ("paused" in words).
    pub paused: Option<String>,
    pub faction_left: Option<FactionLeft>,
}

/// The faction's time left on this item: "-1:35" and `over` once over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FactionLeft {
    pub label: String,
    pub value: String,
    pub over: bool,
}

impl RoomView {
    /// The screen for `minutes` as last read (`None`: no minutes file yet) at `now`.
    pub fn build(
        meeting: &Meeting,
        minutes: Option<&Minutes>,
        now: Timestamp,
        lang: Lang,
    ) -> RoomView {
        RoomView {
            title: meeting.title.clone(),
            date: lang.long_date(meeting.date),
            time: lang.clock(now.time()),
            screen: screen(meeting, minutes, now, lang),
            notice: None,
        }
    }

    pub fn with_notice(mut self, notice: Option<String>) -> RoomView {
        self.notice = notice;
        self
    }
}

fn screen(meeting: &Meeting, minutes: Option<&Minutes>, now: Timestamp, lang: Lang) -> Screen {
    let Some(minutes) = minutes else {
        return agenda(meeting, None, lang);
    };
    if let Some(closed) = minutes.closed_at {
        return Screen::Closed {
            message: Msg::DisplayClosed.fill(lang, &[&lang.clock(closed.time())]),
        };
    }
    let running = minutes
        .running_item()
        .and_then(|record| Some((meeting.item(&record.number)?, record)));
    match running {
        Some((item, record)) if item.kind == ItemKind::Break => {
            break_screen(meeting, minutes, item, record, now, lang)
        }
        Some((item, record)) => Screen::Item(Box::new(item_screen(
            meeting, minutes, item, record, now, lang,
        ))),
        None => agenda(meeting, Some(minutes), lang),
    }
}

fn agenda(meeting: &Meeting, minutes: Option<&Minutes>, lang: Lang) -> Screen {
    let opened = minutes.is_some_and(|m| m.opened_at.is_some());
    let heading = match meeting.start {
        _ if opened => Msg::DisplayBetweenItems.text(lang).to_string(),
        Some(start) => Msg::DisplayBeginsAt.fill(lang, &[&lang.clock(start)]),
        None => Msg::Agenda.text(lang).to_string(),
    };
    let rows = meeting
        .items
        .iter()
        .map(|item| AgendaRow {
            number: item.number.clone(),
            title: item.title.clone(),
            slot: slot_text(item.slot, lang),
            mark: match minutes.map_or(Status::Pending, |m| m.status_of(&item.number)) {
                Status::Done => "✓",
                Status::Running => "▶",
                Status::Pending | Status::Adjourned | Status::Skipped => "",
            }
            .to_string(),
        })
        .collect();
    Screen::Agenda { heading, rows }
}

fn slot_text(slot: Slot, lang: Lang) -> String {
    match slot {
        Slot::Range { start, end } => format!("{}–{}", lang.clock(start), lang.clock(end)),
        Slot::StartOnly { start } => lang.clock(start),
        Slot::Length { seconds } => format_seconds(i64::from(seconds)),
        Slot::Unplanned => String::new(),
    }
}

fn item_line(item: &Item, minutes: &Minutes, now: Timestamp) -> ItemLine {
    let timing = ItemTiming::of(item, minutes, now);
    ItemLine {
        number: item.number.clone(),
        title: item.title.clone(),
        clock: format_seconds(timing.elapsed as i64),
        planned: timing.planned.map(|p| format_seconds(p as i64)),
        over: timing.is_over(),
    }
}

fn break_screen(
    meeting: &Meeting,
    minutes: &Minutes,
    item: &Item,
    record: &ItemMinutes,
    now: Timestamp,
    lang: Lang,
) -> Screen {
    let item_line = item_line(item, minutes, now);
    match break_resumes_at(item, record, meeting, now) {
        Some(resumes) => {
            let left = (resumes - now).num_seconds();
            Screen::Break {
                item: item_line,
                resumes: Msg::DisplayResumesAt.fill(lang, &[&lang.clock(resumes.time())]),
                countdown: format_seconds(left),
                over: left < 0,
            }
        }
        // A break without a plan: its clock is all there is to show.
        None => Screen::Break {
            countdown: item_line.clock.clone(),
            item: item_line,
            resumes: String::new(),
            over: false,
        },
    }
}

fn item_screen(
    meeting: &Meeting,
    minutes: &Minutes,
    item: &Item,
    record: &ItemMinutes,
    now: Timestamp,
    lang: Lang,
) -> ItemScreen {
    let round = record.current_round();
    // The floor is the current speech once it has started (speaking or paused); one that has
    // not started yet is the first in line.
    let floor = record
        .current_speech()
        .filter(|speech| speech.started_at.is_some());
    let next = round
        .map(|round| {
            round
                .speakers
                .iter()
                .filter(|s| !s.is_finished() && s.started_at.is_none())
                .map(waiting_name)
                .collect()
        })
        .unwrap_or_default();
    ItemScreen {
        item: item_line(item, minutes, now),
        round: round.map(|_| round_name(record.rounds.len(), lang)),
        floor_heading: Msg::DisplayHasTheFloor.text(lang).to_string(),
        no_floor: Msg::DisplayNoFloor.text(lang).to_string(),
        floor: floor.map(|speech| Floor {
            name: speech.name.clone(),
            detail: detail(speech, lang),
            clock: format_seconds(speech.seconds_at(now) as i64),
            paused: (!speech.is_speaking()).then(|| Msg::Paused.text(lang).to_string()),
            faction_left: counts_for(speech)
                .and_then(|faction| usage_of(meeting, item, record, faction, now))
                .and_then(|usage| {
                    let left = usage.remaining()?;
                    Some(FactionLeft {
                        label: Msg::DisplayFactionLeft.fill(lang, &[&usage.faction]),
                        value: format_seconds(left),
                        over: left < 0,
                    })
                }),
        }),
        next_heading: Msg::DisplayNextSpeakers.text(lang).to_string(),
        next,
        none_waiting: Msg::DisplayNoneWaiting.text(lang).to_string(),
    }
}

/// A speaker in line: the name, with the faction when the name is not the faction's own.
fn waiting_name(speech: &Speech) -> String {
    match &speech.faction {
        Some(faction) if *faction != speech.name => format!("{} ({faction})", speech.name),
        _ => speech.name.clone(),
    }
}

/// Faction and role in words: "faction" for a faction itself, "member, D66" for a member.
fn detail(speech: &Speech, lang: Lang) -> String {
    match (&speech.faction, speech.role) {
        (Some(faction), Role::Member) if *faction != speech.name => {
            Msg::RoleMember.fill(lang, &[faction])
        }
        (Some(faction), role) if role != Role::Member => {
            format!("{}, {faction}", role_text(role).text(lang))
        }
        (_, role) => role_text(role).text(lang).to_string(),
    }
}

/// "eerste termijn", "tweede termijn": rounds as a council names them.
fn round_name(number: usize, lang: Lang) -> String {
    match number {
        1 => Msg::RoundOrdinal1.text(lang).to_string(),
        2 => Msg::RoundOrdinal2.text(lang).to_string(),
        3 => Msg::RoundOrdinal3.text(lang).to_string(),
        n => Msg::RoundOrdinalN.fill(lang, &[&n]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::display::fixtures::{at, debate, example, speaker};

    fn item_screen(view: &RoomView) -> &ItemScreen {
        match &view.screen {
            Screen::Item(item) => item,
            other => panic!("not an item screen: {other:?}"),
        }
    }

    #[test]
    fn without_minutes_the_agenda_shows_with_its_slots() {
        let meeting = example();
        let view = RoomView::build(&meeting, None, at("19:00:00"), Lang::Nl);
        let Screen::Agenda { heading, rows } = &view.screen else {
            panic!("{view:?}")
        };
        assert_eq!(heading, "De vergadering begint om 19.30 uur");
        assert_eq!(rows[0].number, "1.a");
        assert_eq!(rows[0].slot, "19.30–19.35");
        assert_eq!(view.time, "19.00");
    }

    #[test]
    fn the_speaker_with_the_floor_shows_faction_clock_and_time_left() {
        let meeting = example();
        let minutes = debate(&meeting);
        let view = RoomView::build(&meeting, Some(&minutes), at("21:16:30"), Lang::En);
        let screen = item_screen(&view);
        assert_eq!(screen.item.number, "5");
        assert_eq!(screen.item.clock, "6:30");
        assert_eq!(screen.item.planned.as_deref(), Some("1:20:00"));
        let floor = screen.floor.as_ref().unwrap();
        assert_eq!(floor.name, "D66");
        assert_eq!(floor.detail, "faction");
        assert_eq!(floor.clock, "1:30");
        assert_eq!(floor.paused, None);
        let left = floor.faction_left.as_ref().unwrap();
        assert_eq!((left.value.as_str(), left.over), ("2:30", false));
        assert_eq!(screen.next, ["Swollwacht", "Wethouder Meijerink"]);
        assert_eq!(screen.round.as_deref(), Some("first round"));
    }

    #[test]
    fn faction_time_left_turns_negative_once_over() {
        let meeting = example();
        let minutes = debate(&meeting);
        // Item 5 gives each faction 4:00; D66 speaking since 21:15 is 1:35 over at 21:20:35.
        let view = RoomView::build(&meeting, Some(&minutes), at("21:20:35"), Lang::En);
        let left = item_screen(&view)
            .floor
            .as_ref()
            .unwrap()
            .faction_left
            .clone()
            .unwrap();
        assert_eq!((left.value.as_str(), left.over), ("-1:35", true));
    }

    #[test]
    fn a_speaker_in_line_has_not_the_floor() {
        let meeting = example();
        let mut minutes = Minutes::new(&meeting, "m.yaml");
        minutes.take_up(&meeting, "5", at("21:10:00")).unwrap();
        minutes
            .add_speaker(speaker("Jan de Vries", Some("D66"), Role::Member))
            .unwrap();
        let view = RoomView::build(&meeting, Some(&minutes), at("21:11:00"), Lang::Nl);
        let screen = item_screen(&view);
        assert_eq!(screen.floor, None);
        assert_eq!(screen.next, ["Jan de Vries (D66)"]);
    }

    #[test]
    fn a_break_counts_down_to_its_resumption() {
        let meeting = example();
        let mut minutes = Minutes::new(&meeting, "m.yaml");
        minutes.take_up(&meeting, "4", at("21:01:00")).unwrap();
        let view = RoomView::build(&meeting, Some(&minutes), at("21:02:30"), Lang::Nl);
        let Screen::Break {
            resumes,
            countdown,
            over,
            ..
        } = &view.screen
        else {
            panic!("{view:?}")
        };
        assert_eq!(resumes, "Hervatting om 21.10 uur");
        assert_eq!((countdown.as_str(), *over), ("7:30", false));
        let later = RoomView::build(&meeting, Some(&minutes), at("21:11:00"), Lang::Nl);
        assert!(
            matches!(later.screen, Screen::Break { over: true, ref countdown, .. } if countdown == "-1:00")
        );
    }

    #[test]
    fn a_closed_meeting_says_when_it_closed() {
        let meeting = example();
        let mut minutes = debate(&meeting);
        minutes.close_meeting(at("23:06:00")).unwrap();
        let view = RoomView::build(&meeting, Some(&minutes), at("23:10:00"), Lang::Nl);
        assert_eq!(
            view.screen,
            Screen::Closed {
                message: "De vergadering is gesloten om 23.06 uur".into()
            }
        );
    }

    #[test]
    fn between_items_the_agenda_marks_what_is_done() {
        let meeting = example();
        let mut minutes = Minutes::new(&meeting, "m.yaml");
        minutes.take_up(&meeting, "1.a", at("19:31:00")).unwrap();
        minutes.stop_running_item(at("19:35:00")).unwrap();
        let view = RoomView::build(&meeting, Some(&minutes), at("19:36:00"), Lang::En);
        let Screen::Agenda { heading, rows } = &view.screen else {
            panic!("{view:?}")
        };
        assert_eq!(heading, "No item under discussion");
        assert_eq!((rows[0].mark.as_str(), rows[1].mark.as_str()), ("✓", ""));
    }

    #[test]
    fn notes_drafts_and_informants_contact_details_never_reach_the_model() {
        use crate::display::fixtures::{DRAFT, EMAIL, NOTE, PHONE};
        let meeting = example();
        let minutes = debate(&meeting);
        assert!(meeting.items.iter().any(|i| {
            i.informants
                .iter()
                .any(|p| p.phone.as_deref() == Some(PHONE))
        }));
        for lang in [Lang::En, Lang::Nl] {
            let view = RoomView::build(&meeting, Some(&minutes), at("21:16:30"), lang);
            let json = serde_json::to_string(&view).unwrap();
            for private in [NOTE, DRAFT, PHONE, EMAIL] {
                assert!(!json.contains(private), "{private} in {json}");
            }
        }
    }
}
