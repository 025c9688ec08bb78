//! The webcast's speaker index, straight from the minutes: per agenda item, one line per speech
//! relative to the start of the stream, as a council's RIS publishes it beside the recording;
//! the same as WebVTT chapters, and as the chapter list video sites take.

use chrono::{Duration, NaiveTime, TimeZone};

use crate::domain::meeting::{ItemKind, Meeting};
use crate::domain::minutes::{Minutes, Speech, Timestamp};
use crate::i18n::{Lang, Msg};

/// A pause of the whole meeting at least this long is a suspension ("korte schorsing").
const SUSPENSION_FROM: i64 = 30;

/// What the index says, how, and from when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TimelineOptions {
    pub lang: Lang,
    /// The wall-clock time the stream started, on the meeting's day; default: when the meeting
    /// was opened.
    pub stream_start: Option<NaiveTime>,
    /// "Hendrik Vos (ChristenUnie)".
    pub with_faction: bool,
    /// WebVTT: a cue per speech instead of one per item.
    pub speakers: bool,
}

/// One line of the index: a stretch of a speech, or a suspension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moment {
    pub start: Timestamp,
    pub end: Timestamp,
    pub text: String,
}

/// An agenda item in the stream: when it was under discussion, and what happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    pub number: String,
    pub title: String,
    /// Each span it was under discussion (an adjourned item has more than one).
    pub spans: Vec<(Timestamp, Timestamp)>,
    pub moments: Vec<Moment>,
}

/// The whole index, and notes on what was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    pub stream_start: Timestamp,
    pub chapters: Vec<Chapter>,
    pub notes: Vec<String>,
}

fn speech_end(speech: &Speech, start: Timestamp) -> Timestamp {
    speech
        .ended_at
        .unwrap_or(start + Duration::seconds(speech.seconds as i64))
}

fn name_of(speech: &Speech, options: TimelineOptions) -> String {
    match (&speech.faction, options.with_faction) {
        (Some(faction), true) if *faction != speech.name => {
            format!("{} ({faction})", speech.name)
        }
        _ => speech.name.clone(),
    }
}

/// The speeches of an item as stretches that do not overlap: an interruption cuts the speech it
/// interrupts in two ("Meijer, Dogger, Meijer"). The stretches of a speech add up to the time
/// the console counted for it: a pause (Space) is not speaking, so the last stretch ends when the
/// counted seconds are spent.
fn moments_of(speeches: &[&Speech], options: TimelineOptions) -> Vec<Moment> {
    let spans: Vec<(Timestamp, Timestamp, String, i64)> = speeches
        .iter()
        .filter_map(|s| {
            let start = s.started_at?;
            Some((
                start,
                speech_end(s, start),
                name_of(s, options),
                s.seconds as i64,
            ))
        })
        .collect();
    let mut moments = Vec::new();
    for (index, (start, end, name, spoken)) in spans.iter().enumerate() {
        // What others said inside this speech, in order.
        let mut inside: Vec<(Timestamp, Timestamp)> = spans
            .iter()
            .enumerate()
            .filter(|(other, (s, _, _, _))| *other != index && s > start && s < end)
            .map(|(_, (s, e, _, _))| (*s, *e))
            .collect();
        inside.sort();
        let mut from = *start;
        let mut left = *spoken;
        for (s, e) in inside {
            if s > from {
                left -= (s - from).num_seconds();
                moments.push(Moment {
                    start: from,
                    end: s,
                    text: name.clone(),
                });
            }
            from = from.max(e);
        }
        let last_end = (from + Duration::seconds(left.max(0))).min(*end);
        if last_end > from {
            moments.push(Moment {
                start: from,
                end: last_end,
                text: name.clone(),
            });
        }
    }
    moments.sort_by_key(|m| (m.start, m.end));
    moments
}

/// Builds the index from the minutes: items in agenda order (as they were first taken up), with
/// breaks and pauses of the whole meeting of 30 seconds or more as suspensions.
pub fn timeline(
    meeting: &Meeting,
    minutes: &Minutes,
    options: TimelineOptions,
) -> Option<Timeline> {
    let opened = minutes.opened_at?;
    let stream_start = match options.stream_start {
        Some(time) => opened
            .offset()
            .from_local_datetime(&minutes.date.and_time(time))
            .single()?,
        None => opened,
    };
    let suspended = Msg::TimelineSuspension.text(options.lang).to_string();
    let mut chapters: Vec<Chapter> = Vec::new();
    for record in &minutes.items {
        // A period still running (the meeting is still going on) ends, for now, where the
        // last speech in it ended.
        let last_speech_end = record
            .rounds
            .iter()
            .flat_map(|r| &r.speakers)
            .filter_map(|s| Some(speech_end(s, s.started_at?)))
            .max();
        let spans: Vec<(Timestamp, Timestamp)> = record
            .periods
            .iter()
            .map(|p| {
                let end = p
                    .ended_at
                    .unwrap_or_else(|| last_speech_end.unwrap_or(p.started_at).max(p.started_at));
                (p.started_at, end)
            })
            .collect();
        if spans.is_empty() {
            continue;
        }
        let is_break = meeting
            .item(&record.number)
            .is_some_and(|item| item.kind == ItemKind::Break);
        let moments = if is_break {
            spans
                .iter()
                .map(|&(start, end)| Moment {
                    start,
                    end,
                    text: suspended.clone(),
                })
                .collect()
        } else {
            let speeches: Vec<&Speech> = record.rounds.iter().flat_map(|r| &r.speakers).collect();
            moments_of(&speeches, options)
        };
        chapters.push(Chapter {
            number: record.number.clone(),
            title: record.title.clone(),
            spans,
            moments,
        });
    }
    // Agenda order as the meeting file has it, which is the order they were taken up unless
    // one was adjourned and came back.
    chapters.sort_by_key(|c| {
        meeting
            .index_of(&c.number)
            .map_or((usize::MAX, c.spans[0].0), |i| (i, c.spans[0].0))
    });
    // A stretch in which no item ran (the chair stopped the clocks): a suspension, placed with
    // the item before it.
    let mut all_spans: Vec<(Timestamp, Timestamp, usize)> = chapters
        .iter()
        .enumerate()
        .flat_map(|(i, c)| c.spans.iter().map(move |&(s, e)| (s, e, i)))
        .collect();
    all_spans.sort();
    for pair in all_spans.windows(2) {
        let (_, end, chapter) = pair[0];
        let (next, _, _) = pair[1];
        if (next - end).num_seconds() >= SUSPENSION_FROM {
            chapters[chapter].moments.push(Moment {
                start: end,
                end: next,
                text: suspended.clone(),
            });
        }
    }
    let mut notes = Vec::new();
    for chapter in &mut chapters {
        chapter.moments.retain(|m| {
            let keep = m.end > stream_start;
            if !keep {
                notes.push(Msg::TimelineBeforeStream.fill(
                    options.lang,
                    &[&chapter.number, &m.text, &m.start.format("%H:%M:%S")],
                ));
            }
            keep
        });
    }
    Some(Timeline {
        stream_start,
        chapters,
        notes,
    })
}

/// Seconds since the stream started, never negative.
fn offset(timeline: &Timeline, at: Timestamp) -> i64 {
    (at - timeline.stream_start).num_seconds().max(0)
}

fn hms(seconds: i64) -> String {
    format!(
        "{:02}:{:02}:{:02}",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}

fn vtt_time(seconds: i64) -> String {
    format!("{}.000", hms(seconds))
}

/// The RIS's shape: the item, then `HH:MM:SS - HH:MM:SS - Name` per speech.
pub fn text(timeline: &Timeline) -> String {
    let mut out = String::new();
    for chapter in &timeline.chapters {
        out.push_str(&format!(
            " {}. {}\n",
            chapter.number.trim_end_matches('.'),
            chapter.title
        ));
        for moment in &chapter.moments {
            out.push_str(&format!(
                "  {} - {} - {}\n",
                hms(offset(timeline, moment.start)),
                hms(offset(timeline, moment.end)),
                moment.text
            ));
        }
    }
    out
}

/// WebVTT: a cue per item span (chapters), or with `speakers` a cue per line of the index.
/// Cues never overlap and their times only grow.
pub fn vtt(timeline: &Timeline, speakers: bool) -> String {
    let mut cues: Vec<(i64, i64, String)> = Vec::new();
    for chapter in &timeline.chapters {
        let title = format!("{} {}", chapter.number, chapter.title);
        if speakers {
            for moment in &chapter.moments {
                cues.push((
                    offset(timeline, moment.start),
                    offset(timeline, moment.end),
                    format!("{title}: {}", moment.text),
                ));
            }
        } else {
            for &(start, end) in &chapter.spans {
                cues.push((
                    offset(timeline, start),
                    offset(timeline, end),
                    title.clone(),
                ));
            }
        }
    }
    cues.sort();
    // Where a clock was stopped a second late, the next cue starts where this one ends.
    for index in 1..cues.len() {
        let previous_end = cues[index - 1].1;
        if cues[index].0 < previous_end {
            cues[index - 1].1 = cues[index].0;
        }
    }
    cues.retain(|(start, end, _)| end > start);
    let mut out = String::from("WEBVTT\n");
    for (n, (start, end, text)) in cues.iter().enumerate() {
        out.push_str(&format!(
            "\n{}\n{} --> {}\n{}\n",
            n + 1,
            vtt_time(*start),
            vtt_time(*end),
            text.replace("-->", "->")
        ));
    }
    out
}

/// The chapter list for a video's description: `0:00:00 1.a Opening en Mededelingen`, one line
/// per item, the first at 0:00:00 as video sites require.
pub fn chapters(timeline: &Timeline) -> String {
    let mut starts: Vec<(i64, String)> = timeline
        .chapters
        .iter()
        .flat_map(|c| {
            c.spans.iter().map(move |&(start, _)| {
                (offset(timeline, start), format!("{} {}", c.number, c.title))
            })
        })
        .collect();
    starts.sort();
    starts.dedup_by(|b, a| a.1 == b.1 && a.0 == b.0);
    let mut out = String::new();
    for (index, (start, title)) in starts.iter().enumerate() {
        let at = if index == 0 { 0 } else { *start };
        out.push_str(&format!(
            "{}:{:02}:{:02} {title}\n",
            at / 3600,
            at / 60 % 60,
            at % 60
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::meeting::Item;
    use crate::domain::minutes::{ItemMinutes, Period, Role, Round};
    use chrono::{DateTime, NaiveDate};

    fn at(time: &str) -> Timestamp {
        DateTime::parse_from_rfc3339(&format!("2017-11-20T{time}+01:00")).unwrap()
    }

    fn speech(name: &str, start: &str, end: &str, seconds: u64) -> Speech {
        Speech {
            name: name.into(),
            faction: Some("ChristenUnie".into()),
            role: Role::Member,
            started_at: Some(at(start)),
            seconds,
            ended_at: Some(at(end)),
            ..Speech::default()
        }
    }

    /// Two items, an interruption, a pause of the whole meeting, a break item.
    fn recorded() -> (Meeting, Minutes) {
        let item = |number: &str, title: &str, kind| Item {
            number: number.into(),
            title: title.into(),
            kind,
            ..Item::default()
        };
        let meeting = Meeting {
            title: "Raadsplein".into(),
            date: NaiveDate::from_ymd_opt(2017, 11, 20).unwrap(),
            items: vec![
                item("3", "Rekenkameronderzoek", ItemKind::Debate),
                item("4", "Pauze", ItemKind::Break),
                item("5", "Beschut werken", ItemKind::Debate),
            ],
            ..Meeting::default()
        };
        let period = |s: &str, e: &str| Period {
            started_at: at(s),
            ended_at: Some(at(e)),
        };
        let mut interruption = speech("William Dogger", "19:45:33", "19:48:15", 162);
        interruption.interrupts = Some("Henk Jan Meijer".into());
        let minutes = Minutes {
            meeting: "m.yaml".into(),
            title: "Raadsplein".into(),
            date: meeting.date,
            opened_at: Some(at("19:30:00")),
            closed_at: Some(at("21:00:00")),
            items: vec![
                ItemMinutes {
                    number: "3".into(),
                    title: "Rekenkameronderzoek".into(),
                    periods: vec![period("19:44:00", "20:00:00")],
                    rounds: vec![Round {
                        speakers: vec![
                            speech("Henk Jan Meijer", "19:44:55", "19:48:18", 41),
                            interruption,
                        ],
                        closed: false,
                    }],
                    ..ItemMinutes::default()
                },
                ItemMinutes {
                    number: "4".into(),
                    title: "Pauze".into(),
                    periods: vec![period("20:00:00", "20:10:00")],
                    ..ItemMinutes::default()
                },
                ItemMinutes {
                    number: "5".into(),
                    title: "Beschut werken".into(),
                    // The clocks stood still from 20:10 to 20:11.
                    periods: vec![period("20:11:00", "20:30:00")],
                    rounds: vec![Round {
                        speakers: vec![speech("Hendrik Vos", "20:12:00", "20:14:00", 120)],
                        closed: false,
                    }],
                    ..ItemMinutes::default()
                },
            ],
            faction_totals: Vec::new(),
            drafts: Vec::new(),
            attendance: Vec::new(),
        };
        (meeting, minutes)
    }

    #[test]
    fn an_interruption_cuts_the_speech_in_two_as_the_ris_shows_it() {
        let (meeting, minutes) = recorded();
        let options = TimelineOptions {
            lang: Lang::Nl,
            ..TimelineOptions::default()
        };
        let index = text(&timeline(&meeting, &minutes, options).unwrap());
        assert_eq!(
            index,
            " 3. Rekenkameronderzoek\n  00:14:55 - 00:15:33 - Henk Jan Meijer\n  00:15:33 - 00:18:15 - William Dogger\n  00:18:15 - 00:18:18 - Henk Jan Meijer\n 4. Pauze\n  00:30:00 - 00:40:00 - Er is een korte schorsing\n  00:40:00 - 00:41:00 - Er is een korte schorsing\n 5. Beschut werken\n  00:42:00 - 00:44:00 - Hendrik Vos\n"
        );
    }

    #[test]
    fn a_paused_speech_counts_only_what_was_spoken() {
        let paused = speech("Hendrik Vos", "20:12:00", "20:14:00", 90);
        let moments = moments_of(&[&paused], TimelineOptions::default());
        assert_eq!(moments.len(), 1);
        assert_eq!(
            (moments[0].start, moments[0].end),
            (at("20:12:00"), at("20:13:30"))
        );
    }

    #[test]
    fn the_stream_start_moves_every_line_and_nothing_goes_negative() {
        let (meeting, minutes) = recorded();
        let options = TimelineOptions {
            lang: Lang::En,
            stream_start: NaiveTime::from_hms_opt(19, 46, 0),
            with_faction: true,
            speakers: false,
        };
        let index = timeline(&meeting, &minutes, options).unwrap();
        let shown = text(&index);
        assert!(
            shown.starts_with(
                " 3. Rekenkameronderzoek\n  00:00:00 - 00:02:15 - William Dogger (ChristenUnie)\n"
            ),
            "{shown}"
        );
        // Meijer's first stretch ended before the stream started: left out, with a note.
        assert_eq!(index.notes.len(), 1, "{:?}", index.notes);
        assert!(index.notes[0].contains("Henk Jan Meijer"));
    }

    #[test]
    fn webvtt_cues_only_grow_and_never_overlap() {
        let (meeting, minutes) = recorded();
        for speakers in [false, true] {
            let index = timeline(&meeting, &minutes, TimelineOptions::default()).unwrap();
            let file = vtt(&index, speakers);
            assert!(file.starts_with("WEBVTT\n\n1\n"));
            let mut last_end = String::new();
            for line in file.lines().filter(|l| l.contains(" --> ")) {
                let (start, end) = line.split_once(" --> ").unwrap();
                assert!(start < end, "{line}");
                assert!(start >= last_end.as_str(), "overlap at {line}");
                last_end = end.to_string();
            }
        }
    }

    #[test]
    fn chapters_start_at_zero_one_line_per_item() {
        let (meeting, minutes) = recorded();
        let index = timeline(&meeting, &minutes, TimelineOptions::default()).unwrap();
        assert_eq!(
            chapters(&index),
            "0:00:00 3 Rekenkameronderzoek\n0:30:00 4 Pauze\n0:41:00 5 Beschut werken\n"
        );
    }
}
