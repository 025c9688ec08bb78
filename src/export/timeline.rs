//! The webcast's speaker index, straight from the minutes: per agenda item, one line per speech
//! relative to the start of the stream, as a council's RIS publishes it beside the recording;
//! the same as WebVTT chapters, and as the chapter list video sites take.

use chrono::{Duration, NaiveDateTime, NaiveTime, TimeZone};

use crate::domain::meeting::{ItemKind, Meeting};
use crate::domain::minutes::{Minutes, Speech, Timestamp};
use crate::i18n::{Lang, Msg};

/// A pause of the whole meeting at least this long is a suspension ("korte schorsing").
const SUSPENSION_FROM: i64 = 30;

/// When the stream started, as `--stream-start` gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamStart {
    /// A time of day: on the day the meeting was opened, or the day after for a stream that
    /// started after midnight (a time more than 12 hours before the opening).
    Time(NaiveTime),
    /// A date and time, in the offset the meeting was opened in.
    At(NaiveDateTime),
}

/// A stream more than this far from the opening is not the meeting's.
const STREAM_START_WITHIN_HOURS: i64 = 12;

/// What the index says, how, and from when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TimelineOptions {
    pub lang: Lang,
    /// When the stream started; default: when the meeting was opened.
    pub stream_start: Option<StreamStart>,
    /// "Hendrik Vos (ChristenUnie)".
    pub with_faction: bool,
    /// WebVTT: a cue per speech instead of one per item.
    pub speakers: bool,
}

/// Why there is no index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineError {
    /// Nothing happened to index.
    NotOpened,
    /// The stream start asked for is more than 12 hours from the opening.
    StreamStartTooFar {
        stream_start: Timestamp,
        opened: Timestamp,
    },
}

/// One line of the index: a stretch of a speech, or a suspension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moment {
    pub start: Timestamp,
    pub end: Timestamp,
    pub text: String,
    /// Which speech of the item (in the order of its rounds) it is a stretch of; none for a
    /// suspension.
    pub speech: Option<usize>,
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

/// Where a speech from minutes without stretches ended: `ended_at`, else as long after its start
/// as it counted.
fn legacy_end(speech: &Speech, start: Timestamp) -> Timestamp {
    speech
        .ended_at
        .unwrap_or(start + Duration::seconds(speech.seconds.min(i64::MAX as u64 / 2) as i64))
}

fn name_of(speech: &Speech, options: TimelineOptions) -> String {
    match (&speech.faction, options.with_faction) {
        (Some(faction), true) if *faction != speech.name => {
            format!("{} ({faction})", speech.name)
        }
        _ => speech.name.clone(),
    }
}

/// The speeches of an item as lines that do not overlap: one line per stretch the speaker's
/// clock ran, so a speech paused, interrupted or carried over to a later period of the item
/// stands at each time it was spoken.
///
/// A speech from minutes written before stretches were kept is read as today's index read it:
/// from its start, cut in two where another speech falls inside it (an interruption: "Meijer,
/// Dogger, Meijer"), the last part ending when its counted seconds are spent.
fn moments_of(speeches: &[&Speech], options: TimelineOptions) -> Vec<Moment> {
    // Every stretch of every speech, by speech; a speech without stretches is one span.
    let spans: Vec<(usize, Timestamp, Timestamp)> = speeches
        .iter()
        .enumerate()
        .flat_map(|(index, speech)| {
            let spans: Vec<(Timestamp, Timestamp)> = match speech.started_at {
                Some(start) if speech.is_without_stretches() => {
                    vec![(start, legacy_end(speech, start))]
                }
                _ => speech.spoken.iter().map(|s| (s.from, s.to)).collect(),
            };
            spans.into_iter().map(move |(s, e)| (index, s, e))
        })
        .collect();
    let mut moments = Vec::new();
    for (index, speech) in speeches.iter().enumerate() {
        let name = name_of(speech, options);
        let line = |start, end| Moment {
            start,
            end,
            text: name.clone(),
            speech: Some(index),
        };
        let Some(start) = speech.started_at.filter(|_| speech.is_without_stretches()) else {
            moments.extend(
                speech
                    .spoken
                    .iter()
                    .filter(|s| s.to > s.from)
                    .map(|s| line(s.from, s.to)),
            );
            continue;
        };
        let end = legacy_end(speech, start);
        let mut inside: Vec<(Timestamp, Timestamp)> = spans
            .iter()
            .filter(|(other, s, _)| *other != index && *s > start && *s < end)
            .map(|(_, s, e)| (*s, *e))
            .collect();
        inside.sort();
        let mut from = start;
        let mut left = speech.seconds.min(i64::MAX as u64 / 2) as i64;
        for (s, e) in inside {
            if s > from {
                left -= (s - from).num_seconds();
                moments.push(line(from, s));
            }
            from = from.max(e);
        }
        let last_end = (from + Duration::seconds(left.max(0))).min(end);
        if last_end > from {
            moments.push(line(from, last_end));
        }
    }
    moments.sort_by_key(|m| (m.start, m.end));
    moments
}

/// The stream's start as a moment: a time of day on the day the meeting was opened (the day
/// after for a time more than 12 hours before the opening), refused beyond 12 hours from it.
pub(crate) fn stream_start_of(
    opened: Timestamp,
    asked: StreamStart,
) -> Result<Timestamp, TimelineError> {
    let offset = *opened.offset();
    let on = |moment: NaiveDateTime| {
        offset
            .from_local_datetime(&moment)
            .single()
            .unwrap_or(opened)
    };
    let within = Duration::hours(STREAM_START_WITHIN_HOURS);
    let at = match asked {
        StreamStart::At(moment) => on(moment),
        StreamStart::Time(time) => {
            let same_day = on(opened.date_naive().and_time(time));
            if same_day < opened - within {
                same_day + Duration::days(1)
            } else {
                same_day
            }
        }
    };
    if (at - opened).abs() > within {
        return Err(TimelineError::StreamStartTooFar {
            stream_start: at,
            opened,
        });
    }
    Ok(at)
}

/// Builds the index from the minutes: items in agenda order (as they were first taken up), with
/// breaks and pauses of the whole meeting of 30 seconds or more as suspensions.
pub fn timeline(
    meeting: &Meeting,
    minutes: &Minutes,
    options: TimelineOptions,
) -> Result<Timeline, TimelineError> {
    let opened = minutes.opened_at.ok_or(TimelineError::NotOpened)?;
    let stream_start = match options.stream_start {
        Some(asked) => stream_start_of(opened, asked)?,
        None => opened,
    };
    let suspended = Msg::TimelineSuspension.text(options.lang).to_string();
    let mut chapters: Vec<Chapter> = Vec::new();
    for record in &minutes.items {
        // A period still running (the meeting is still going on) ends, for now, where the
        // last speech in it ended, or where the speaker speaking now began.
        let last_speech_end = record
            .rounds
            .iter()
            .flat_map(|r| &r.speakers)
            .flat_map(|s| {
                let legacy = s
                    .started_at
                    .filter(|_| s.is_without_stretches())
                    .map(|start| legacy_end(s, start));
                let stretches = s.spoken.last().map(|stretch| stretch.to);
                [legacy, stretches, s.speaking_since]
            })
            .flatten()
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
        let speeches: Vec<&Speech> = record.rounds.iter().flat_map(|r| &r.speakers).collect();
        let mut moments = moments_of(&speeches, options);
        if is_break {
            // The break is a suspension, except where someone spoke in it after all.
            let mut gaps = Vec::new();
            for &(start, end) in &spans {
                let mut from = start;
                for spoken in moments.iter().filter(|m| m.end > start && m.start < end) {
                    if spoken.start > from {
                        gaps.push((from, spoken.start));
                    }
                    from = from.max(spoken.end);
                }
                if end > from {
                    gaps.push((from, end));
                }
            }
            moments.extend(gaps.into_iter().map(|(start, end)| Moment {
                start,
                end,
                text: suspended.clone(),
                speech: None,
            }));
        }
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
                speech: None,
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
    for chapter in &mut chapters {
        chapter.moments.sort_by_key(|m| (m.start, m.end));
    }
    Ok(Timeline {
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
            one_line(chapter.number.trim_end_matches('.')),
            one_line(&chapter.title)
        ));
        for moment in &chapter.moments {
            out.push_str(&format!(
                "  {} - {} - {}\n",
                hms(offset(timeline, moment.start)),
                hms(offset(timeline, moment.end)),
                one_line(&moment.text)
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
            cue_text(text)
        ));
    }
    out
}

/// Cue text as WebVTT requires it: one line (a newline would end the cue, a blank line start a
/// cue of its own), `&`, `<` and `>` escaped, so no `-->` (nor `--->`) and no tag is left.
fn cue_text(text: &str) -> String {
    one_line(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A title or name on one line: line breaks and other controls become spaces.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// A chapter shorter than this is not taken by video sites.
const SHORTEST_CHAPTER: i64 = 10;

/// The chapter list for a video's description, and what was merged to make it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChapterList {
    pub text: String,
    pub notes: Vec<String>,
}

fn clock(at: i64) -> String {
    format!("{}:{:02}:{:02}", at / 3600, at / 60 % 60, at % 60)
}

/// The chapter list as video sites take it: `0:00:00 1.a Opening en Mededelingen`, one line
/// per item taken up, in the order they ran (an adjourned item that came back has a second),
/// the first at 0:00:00 whenever the first item started, none shorter than 10 seconds: a
/// shorter one is merged into the one before (the first into the one after), with a note.
pub fn chapters(timeline: &Timeline, lang: Lang) -> ChapterList {
    let mut runs: Vec<(i64, i64, String, String)> = timeline
        .chapters
        .iter()
        .flat_map(|c| {
            c.spans.iter().map(move |&(start, end)| {
                (
                    offset(timeline, start),
                    offset(timeline, end),
                    c.number.clone(),
                    // A newline in a title must not make a chapter line of its own.
                    one_line(&format!("{} {}", c.number, c.title)),
                )
            })
        })
        .collect();
    runs.sort();
    // An item stopped and taken up again with nothing in between runs on as one chapter.
    runs.dedup_by(|next, run| {
        let same = next.2 == run.2;
        if same {
            run.1 = run.1.max(next.1);
        }
        same
    });
    // (start, end, title): each chapter lasts until the next starts, the last until its end.
    let mut lines: Vec<(i64, i64, String)> = Vec::new();
    let mut notes = Vec::new();
    for (index, (start, end, _, title)) in runs.iter().enumerate() {
        let start = if index == 0 { 0 } else { *start };
        let end = runs.get(index + 1).map_or(*end, |next| next.0).max(start);
        match lines.last_mut() {
            Some(last) if end - start < SHORTEST_CHAPTER || last.2 == *title => {
                if last.2 != *title {
                    notes.push(
                        Msg::ChapterMerged
                            .fill(lang, &[title, &clock(start), &(end - start), &last.2]),
                    );
                }
                last.1 = end;
            }
            _ => lines.push((start, end, title.clone())),
        }
    }
    if lines.len() > 1 && lines[0].1 - lines[0].0 < SHORTEST_CHAPTER {
        let first = lines.remove(0);
        notes.push(
            Msg::ChapterMergedIntoNext.fill(lang, &[&first.2, &(first.1 - first.0), &lines[0].2]),
        );
        lines[0].0 = 0;
    }
    let text = lines
        .iter()
        .map(|(start, _, title)| format!("{} {title}\n", clock(*start)))
        .collect();
    ChapterList { text, notes }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::meeting::Item;
    use crate::domain::minutes::{ItemMinutes, Period, Role, Round, Stretch};
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
            stream_start: NaiveTime::from_hms_opt(19, 46, 0).map(StreamStart::Time),
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
    fn a_newline_or_an_arrow_in_a_name_makes_no_cue_or_chapter_of_its_own() {
        for hostile in [
            "VVD\n\n99\n00:00:00.000 --> 99:00:00.000\nFAKE",
            "a ---> b",
            "<b>&</b>",
        ] {
            let text = cue_text(hostile);
            assert!(!text.contains('\n') && !text.contains("-->"), "{text:?}");
            assert!(!text.contains('<') && !text.contains("&</"), "{text:?}");
            assert!(!one_line(hostile).contains('\n'));
        }
        assert_eq!(cue_text("a ---> b"), "a ---&gt; b");
        assert_eq!(cue_text("<b>&</b>"), "&lt;b&gt;&amp;&lt;/b&gt;");
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
        let list = chapters(&index, Lang::En);
        assert_eq!(
            list.text,
            "0:00:00 3 Rekenkameronderzoek\n0:30:00 4 Pauze\n0:41:00 5 Beschut werken\n"
        );
        assert!(list.notes.is_empty());
    }

    fn stretch(from: &str, to: &str) -> Stretch {
        Stretch {
            from: at(from),
            to: at(to),
        }
    }

    /// VVD paused and resumed around SP's interruption, then item 3 adjourned; item 5 ran; item
    /// 3 came back and VVD went on.
    fn with_stretches() -> (Meeting, Minutes) {
        let (meeting, mut minutes) = recorded();
        let vvd = Speech {
            name: "VVD".into(),
            faction: Some("VVD".into()),
            started_at: Some(at("19:44:38")),
            seconds: 29 + 4 + 40,
            spoken: vec![
                stretch("19:44:38", "19:45:01"),
                stretch("19:45:09", "19:45:15"),
                stretch("19:45:55", "19:45:59"),
                stretch("20:31:00", "20:31:40"),
            ],
            ended_at: Some(at("20:31:40")),
            ..Speech::default()
        };
        let sp = Speech {
            name: "SP".into(),
            faction: Some("SP".into()),
            started_at: Some(at("19:45:01")),
            seconds: 8,
            spoken: vec![stretch("19:45:01", "19:45:09")],
            ended_at: Some(at("19:45:09")),
            interrupts: Some("VVD".into()),
            ..Speech::default()
        };
        let three = &mut minutes.items[0];
        three.rounds = vec![Round {
            speakers: vec![vvd, sp],
            closed: false,
        }];
        three.periods = vec![
            Period {
                started_at: at("19:44:00"),
                ended_at: Some(at("20:00:00")),
            },
            Period {
                started_at: at("20:30:00"),
                ended_at: Some(at("20:32:00")),
            },
        ];
        (meeting, minutes)
    }

    #[test]
    fn a_line_per_stretch_the_interruption_between_and_the_later_debate_at_its_time() {
        let (meeting, minutes) = with_stretches();
        let options = TimelineOptions {
            lang: Lang::En,
            ..TimelineOptions::default()
        };
        let index = text(&timeline(&meeting, &minutes, options).unwrap());
        assert!(
            index.starts_with(
                " 3. Rekenkameronderzoek\n  00:14:38 - 00:15:01 - VVD\n  00:15:01 - 00:15:09 - SP\n  00:15:09 - 00:15:15 - VVD\n  00:15:55 - 00:15:59 - VVD\n  01:01:00 - 01:01:40 - VVD\n"
            ),
            "{index}"
        );
    }

    #[test]
    fn the_stream_start_is_read_on_the_day_the_meeting_was_opened() {
        let (meeting, mut minutes) = recorded();
        // A rehearsal the evening before the meeting's date.
        let shift = Duration::days(-1);
        minutes.opened_at = minutes.opened_at.map(|t| t + shift);
        for record in &mut minutes.items {
            for period in &mut record.periods {
                period.started_at += shift;
                period.ended_at = period.ended_at.map(|t| t + shift);
            }
            for speech in record.rounds.iter_mut().flat_map(|r| &mut r.speakers) {
                speech.started_at = speech.started_at.map(|t| t + shift);
                speech.ended_at = speech.ended_at.map(|t| t + shift);
            }
        }
        let asked = |start: StreamStart| TimelineOptions {
            stream_start: Some(start),
            ..TimelineOptions::default()
        };
        let time = |h, m, s| StreamStart::Time(NaiveTime::from_hms_opt(h, m, s).unwrap());
        let index = timeline(&meeting, &minutes, asked(time(19, 29, 30))).unwrap();
        assert_eq!(index.stream_start, at("19:29:30") + shift);
        assert!(text(&index).contains("  00:15:25 - 00:16:03 - Henk Jan Meijer\n"));
        // After midnight: the day after the opening.
        let index = timeline(&meeting, &minutes, asked(time(0, 10, 0))).unwrap();
        assert_eq!(index.stream_start, at("00:10:00"));
        let at_day = StreamStart::At(at("19:00:00").naive_local() + shift);
        let index = timeline(&meeting, &minutes, asked(at_day)).unwrap();
        assert_eq!(index.stream_start, at("19:00:00") + shift);
        // More than 12 hours after the opening: refused, not printed as 86424:01:16.
        let next_morning = StreamStart::At(at("08:00:00").naive_local());
        assert_eq!(
            timeline(&meeting, &minutes, asked(next_morning)),
            Err(TimelineError::StreamStartTooFar {
                stream_start: at("08:00:00"),
                opened: at("19:30:00") + shift,
            })
        );
    }

    #[test]
    fn chapters_run_in_the_order_the_items_ran_and_an_adjourned_item_has_a_second() {
        let (meeting, minutes) = with_stretches();
        let index = timeline(&meeting, &minutes, TimelineOptions::default()).unwrap();
        let list = chapters(&index, Lang::En);
        assert_eq!(
            list.text,
            "0:00:00 3 Rekenkameronderzoek\n0:30:00 4 Pauze\n0:41:00 5 Beschut werken\n1:00:00 3 Rekenkameronderzoek\n"
        );
    }

    #[test]
    fn a_chapter_shorter_than_ten_seconds_is_merged_into_the_one_before_and_said() {
        let (meeting, mut minutes) = recorded();
        // Item 4 ran for 5 seconds only.
        minutes.items[1].periods[0].ended_at = Some(at("20:00:05"));
        minutes.items[2].periods[0].started_at = at("20:00:05");
        let index = timeline(&meeting, &minutes, TimelineOptions::default()).unwrap();
        let list = chapters(&index, Lang::En);
        assert_eq!(
            list.text,
            "0:00:00 3 Rekenkameronderzoek\n0:30:05 5 Beschut werken\n"
        );
        assert_eq!(list.notes.len(), 1, "{:?}", list.notes);
        assert!(
            list.notes[0].contains("4 Pauze at 0:30:00 lasts 5 seconds"),
            "{:?}",
            list.notes
        );
    }

    #[test]
    fn a_first_chapter_shorter_than_ten_seconds_goes_into_the_next_which_starts_at_zero() {
        let (meeting, mut minutes) = recorded();
        minutes.items[0].periods[0] = Period {
            started_at: at("19:30:00"),
            ended_at: Some(at("19:30:04")),
        };
        minutes.items[0].rounds.clear();
        minutes.items[1].periods[0].started_at = at("19:30:04");
        let index = timeline(&meeting, &minutes, TimelineOptions::default()).unwrap();
        let list = chapters(&index, Lang::En);
        assert!(list.text.starts_with("0:00:00 4 Pauze\n"), "{}", list.text);
        assert_eq!(list.notes.len(), 1, "{:?}", list.notes);
    }
}
