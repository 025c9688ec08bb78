//! The rules of FORMAT.md's meeting file, checked on the raw structs: every error and warning
//! collected, each placed in the file.

use super::*;

pub(super) const TIME_HELP: &str = "write times as HH:MM (24 h), like 19:30 or 19.30";
pub(super) const DURATION_HELP: &str = "write durations as 90s, 5m, 1h30m, or a number of minutes";

pub(super) struct Rules<'a> {
    pub(super) path: &'a Path,
    pub(super) positions: &'a LazyPositions<'a>,
    pub(super) diagnostics: Vec<Diagnostic>,
    /// The planned end is before the planned start: times before the start are the next day.
    pub(super) crosses_midnight: bool,
    pub(super) meeting_start: Option<NaiveTime>,
}

/// An item's valid timeslot, for the checks across items.
pub(super) struct PlannedSlot<'a> {
    pub(super) index: usize,
    pub(super) number: &'a str,
    pub(super) start: NaiveTime,
    pub(super) end: NaiveTime,
}

impl Rules<'_> {
    fn error(&mut self, at: Option<Position>, message: String, help: Option<&str>) {
        self.push(Severity::Error, at, message, help);
    }

    fn warning(&mut self, at: Option<Position>, message: String, help: Option<&str>) {
        self.push(Severity::Warning, at, message, help);
    }

    fn push(
        &mut self,
        severity: Severity,
        at: Option<Position>,
        message: String,
        help: Option<&str>,
    ) {
        let help = help.map(str::to_string);
        self.diagnostics
            .push(diagnostic(self.path, at, severity, message, help));
    }

    /// Where the entry at `path` is: its key (mapping) or its node (sequence).
    fn key(&self, path: &str) -> Option<Position> {
        self.positions.get().nearest(path)
    }

    /// Where the value at `path` is; for a missing key, pass its mapping's path.
    fn value(&self, path: &str) -> Option<Position> {
        self.positions.get().nearest_value(path)
    }

    /// Seconds since midnight of the meeting day, with times after midnight counted as such.
    fn seconds_in_meeting(&self, time: NaiveTime) -> u32 {
        let seconds = time.num_seconds_from_midnight();
        match self.meeting_start {
            Some(start) if self.crosses_midnight && time < start => seconds + 24 * 3600,
            _ => seconds,
        }
    }

    pub(super) fn meeting(&mut self, raw: RawMeeting) -> Option<Meeting> {
        let title = self.required_text(raw.title, "title", "", "the meeting needs a title");
        let date = match raw.date.as_deref().map(str::trim) {
            None | Some("") => {
                let at = self.value("");
                self.error(
                    at,
                    "missing required key \"date\"".into(),
                    Some("add the meeting's date, like `date: 2017-11-20`"),
                );
                None
            }
            Some(text) => {
                let date = parse_date(text);
                if date.is_none() {
                    let at = self.value("date");
                    self.error(
                        at,
                        format!("impossible date \"{}\"", shown(text)),
                        Some("write the date as YYYY-MM-DD, like 2017-11-20"),
                    );
                }
                date
            }
        };
        let start = self.time(raw.start.as_deref(), "start");
        let end = self.time(raw.end.as_deref(), "end");
        self.meeting_start = start;
        self.crosses_midnight = matches!((start, end), (Some(start), Some(end)) if end < start);
        let speaking_time = self.duration(raw.speaking_time.as_deref(), "speaking_time");
        let language = self.language(raw.language.as_deref());
        let factions = self.factions(raw.factions.map_or_else(Vec::new, |all| all.0));

        let items = match raw.items {
            None => {
                let at = self.value("");
                self.error(
                    at,
                    "missing required key \"items\"".into(),
                    Some("a meeting needs at least one agenda item"),
                );
                Vec::new()
            }
            Some(items) if items.is_empty() => {
                let at = self.key("items");
                self.error(
                    at,
                    "\"items\" is empty".into(),
                    Some("a meeting needs at least one agenda item"),
                );
                Vec::new()
            }
            Some(items) => items
                .into_iter()
                .enumerate()
                .map(|(index, item)| self.item(index, item))
                .collect(),
        };
        self.duplicate_numbers(&items);
        self.slots_across_items(&items, start, end);

        Some(Meeting {
            title: title?,
            date: date?,
            start,
            end,
            location: text(raw.location),
            body: text(raw.body),
            chair: text(raw.chair),
            clerk: text(raw.clerk),
            language,
            factions,
            speaking_time,
            items,
        })
    }

    /// A text that must be present and not blank; `mapping` is the path of its mapping.
    fn required_text(
        &mut self,
        value: Option<String>,
        key: &str,
        mapping: &str,
        help: &str,
    ) -> Option<String> {
        let path = if mapping.is_empty() {
            key.to_string()
        } else {
            format!("{mapping}.{key}")
        };
        match value.map(|text| text.trim().to_string()) {
            Some(text) if !text.is_empty() => Some(text),
            Some(_) => {
                let at = self.key(&path);
                self.error(at, format!("\"{key}\" is empty"), Some(help));
                None
            }
            None => {
                let at = self.value(mapping);
                self.error(at, format!("missing required key \"{key}\""), Some(help));
                None
            }
        }
    }

    /// `language: nl | en` (any case); another value is an error at the value, naming the two.
    fn language(&mut self, text: Option<&str>) -> Option<Lang> {
        let text = text?.trim();
        let word = text.to_lowercase();
        match word.as_str() {
            "nl" => return Some(Lang::Nl),
            "en" => return Some(Lang::En),
            _ => {}
        }
        // "Nederlands", "nl_NL", "English", "en-GB": the meaning is clear, the value is not one.
        let meant = if ["nl", "ne", "du"].iter().any(|p| word.starts_with(p)) {
            Some("nl")
        } else if word.starts_with("en") {
            Some("en")
        } else {
            None
        };
        let message = match meant {
            Some(better) => format!(
                "unknown language \"{}\"; did you mean \"{better}\"?",
                shown(text)
            ),
            None => format!("unknown language \"{}\"", shown(text)),
        };
        let at = self.value("language");
        self.error(
            at,
            message,
            Some("languages: nl (Dutch, the default) or en (English)"),
        );
        None
    }

    fn time(&mut self, text: Option<&str>, path: &str) -> Option<NaiveTime> {
        let text = text?.trim();
        let time = parse_clock_time(text);
        if time.is_none() {
            let at = self.value(path);
            self.error(
                at,
                format!("impossible time \"{}\"", shown(text)),
                Some(TIME_HELP),
            );
        }
        time
    }

    fn duration(&mut self, text: Option<&str>, path: &str) -> Option<u32> {
        let text = text?.trim();
        let seconds = parse_duration(text);
        if seconds.is_none() {
            let at = self.value(path);
            self.error(
                at,
                format!("invalid duration \"{}\"", shown(text)),
                Some(DURATION_HELP),
            );
        }
        seconds
    }

    fn factions(&mut self, raw: Vec<RawFaction>) -> Vec<Faction> {
        let mut factions: Vec<Faction> = Vec::new();
        let mut first_index: FxHashMap<String, usize> = FxHashMap::default();
        for (index, faction) in raw.into_iter().enumerate() {
            let path = format!("factions[{index}]");
            let Some(name) =
                self.required_text(faction.name, "name", &path, "every faction needs a name")
            else {
                continue;
            };
            if let Some(&first) = first_index.get(&name) {
                let first_line = self
                    .key(&format!("factions[{first}]"))
                    .map_or(0, |p| p.line);
                let at = self.key(&path);
                self.warning(
                    at,
                    format!(
                        "faction \"{}\" is listed twice (first on line {first_line})",
                        shown(&name)
                    ),
                    None,
                );
            }
            first_index.entry(name.clone()).or_insert(index);
            let members = names(faction.members);
            if let Some(seats) = faction.seats
                && members.len() > seats as usize
            {
                let at = self.value(&format!("{path}.seats"));
                self.warning(
                    at,
                    format!(
                        "faction \"{}\" lists {} members but has {seats} seats",
                        shown(&name),
                        members.len()
                    ),
                    Some("a count of votes takes the members present; check the seats"),
                );
            }
            for member in &members {
                if let Some(other) = factions.iter().find(|f| f.members.contains(member)) {
                    let at = self.key(&path);
                    self.warning(
                        at,
                        format!(
                            "\"{}\" is a member of both \"{}\" and \"{}\"",
                            shown(member),
                            shown(&other.name),
                            shown(&name)
                        ),
                        Some("a member belongs to one faction"),
                    );
                }
            }
            factions.push(Faction {
                name,
                seats: faction.seats,
                members,
            });
        }
        factions
    }

    fn item(&mut self, index: usize, raw: RawItem) -> Item {
        let path = format!("items[{index}]");
        let number = self
            .required_text(
                raw.number,
                "number",
                &path,
                "every item needs a number, like `number: \"3\"`",
            )
            .unwrap_or_default();
        let title = self
            .required_text(raw.title, "title", &path, "every item needs a title")
            .unwrap_or_default();
        let slot = self.slot(
            &path,
            raw.start.as_deref(),
            raw.end.as_deref(),
            raw.duration.as_deref(),
        );
        let kind = match raw.kind.as_deref().map(str::trim) {
            None => ItemKind::default(),
            Some(text) => ItemKind::parse(&text.to_lowercase()).unwrap_or_else(|| {
                let names: Vec<&str> = ItemKind::ALL.iter().map(|(name, _)| *name).collect();
                let message = match suggest(text, &names) {
                    Some(better) => format!(
                        "unknown kind \"{}\"; did you mean \"{better}\"?",
                        shown(text)
                    ),
                    None => format!("unknown kind \"{}\"", shown(text)),
                };
                let at = self.value(&format!("{path}.kind"));
                self.error(at, message, Some(&format!("kinds: {}", names.join(", "))));
                ItemKind::default()
            }),
        };
        let speaking_time = self.duration(
            raw.speaking_time.as_deref(),
            &format!("{path}.speaking_time"),
        );

        let mut informants = Vec::new();
        for (i, informant) in raw
            .informants
            .map_or_else(Vec::new, |all| all.0)
            .into_iter()
            .enumerate()
        {
            let at = format!("{path}.informants[{i}]");
            if let Some(name) =
                self.required_text(informant.name, "name", &at, "every informant needs a name")
            {
                informants.push(Informant {
                    name,
                    phone: text(informant.phone),
                    email: text(informant.email),
                    role: text(informant.role),
                });
            }
        }
        let mut attachments = Vec::new();
        for (i, attachment) in raw
            .attachments
            .map_or_else(Vec::new, |all| all.0)
            .into_iter()
            .enumerate()
        {
            let at = format!("{path}.attachments[{i}]");
            if let Some(title) = self.required_text(
                attachment.title,
                "title",
                &at,
                "every attachment needs a title",
            ) {
                attachments.push(Attachment {
                    title,
                    kind: text(attachment.kind),
                    file: text(attachment.file),
                });
            }
        }

        Item {
            number,
            title,
            slot,
            kind,
            portfolio_holders: names(raw.portfolio_holder),
            informants,
            co_authors: names(raw.co_authors),
            department: text(raw.department),
            requested_by: names(raw.requested_by),
            summary: text(raw.summary),
            debate_question: text(raw.debate_question),
            proposed_decision: text(raw.proposed_decision),
            speaking_time,
            attachments,
        }
    }

    fn slot(
        &mut self,
        path: &str,
        start: Option<&str>,
        end: Option<&str>,
        duration: Option<&str>,
    ) -> Slot {
        let start_path = format!("{path}.start");
        let end_path = format!("{path}.end");
        let duration_path = format!("{path}.duration");
        let start_time = self.time(start, &start_path);
        let end_time = self.time(end, &end_path);
        let seconds = self.duration(duration, &duration_path);
        if duration.is_some() && (start.is_some() || end.is_some()) {
            let given = match (start, end) {
                (Some(_), Some(_)) => "\"start\" and \"end\"",
                (Some(_), None) => "\"start\"",
                _ => "\"end\"",
            };
            let at = self.key(&duration_path);
            self.error(
                at,
                format!("\"duration\" cannot be combined with {given}"),
                Some("give an item either start and end, or a duration"),
            );
            return Slot::Unplanned;
        }
        match (start, end) {
            // Agendas often give a planned start only ("6 Sluiting (22.30 uur)"): a moment in
            // the schedule with no length of its own.
            (Some(_), None) => match start_time {
                Some(start) => Slot::StartOnly { start },
                None => Slot::Unplanned, // the impossible time has its own error
            },
            (None, Some(_)) => {
                let Some(moment) = end_time else {
                    return Slot::Unplanned;
                };
                let at = self.key(&end_path);
                self.warning(
                    at,
                    format!(
                        "\"end\" without \"start\": planned as a moment at {}",
                        clock(moment)
                    ),
                    Some("for a timeslot add `start: HH:MM`, or give a `duration` instead"),
                );
                Slot::Range {
                    start: moment,
                    end: moment,
                }
            }
            _ => match (start_time, end_time, seconds) {
                (Some(start), Some(end), _) => {
                    if self.seconds_in_meeting(end) < self.seconds_in_meeting(start) {
                        let at = self.value(&end_path);
                        self.error(
                            at,
                            format!(
                                "item ends at {}, before it starts at {}",
                                clock(end),
                                clock(start)
                            ),
                            Some("check the times: a slot cannot end before it starts"),
                        );
                    }
                    Slot::Range { start, end }
                }
                (_, _, Some(seconds)) => Slot::Length { seconds },
                _ => Slot::Unplanned,
            },
        }
    }

    fn duplicate_numbers(&mut self, items: &[Item]) {
        let mut first_index: FxHashMap<&str, usize> = FxHashMap::default();
        for (index, item) in items.iter().enumerate() {
            if item.number.is_empty() {
                continue;
            }
            match first_index.get(item.number.as_str()) {
                None => {
                    first_index.insert(&item.number, index);
                }
                Some(&first) => {
                    let first_line = self
                        .value(&format!("items[{first}].number"))
                        .map_or(0, |p| p.line);
                    let at = self.value(&format!("items[{index}].number"));
                    self.error(
                        at,
                        format!(
                            "duplicate item number \"{}\" (first used on line {first_line})",
                            shown(&item.number)
                        ),
                        Some("every item needs its own number"),
                    );
                }
            }
        }
    }

    /// Warnings about timeslots that disagree with each other or with the meeting's times.
    fn slots_across_items(
        &mut self,
        items: &[Item],
        start: Option<NaiveTime>,
        end: Option<NaiveTime>,
    ) {
        let slots: Vec<PlannedSlot> = items
            .iter()
            .enumerate()
            .filter_map(|(index, item)| match item.slot {
                Slot::Range { start, end } => Some(PlannedSlot {
                    index,
                    number: &item.number,
                    start,
                    end,
                }),
                Slot::StartOnly { start } => Some(PlannedSlot {
                    index,
                    number: &item.number,
                    start,
                    end: start,
                }),
                _ => None,
            })
            .filter(|slot| self.seconds_in_meeting(slot.end) >= self.seconds_in_meeting(slot.start))
            .collect();
        // The slot that ends latest so far: a later slot starting before that end overlaps it.
        let mut latest: Option<&PlannedSlot> = None;
        for (n, slot) in slots.iter().enumerate() {
            // Placed only when there is a warning: finding a place costs a second parse.
            let start_path = format!("items[{}].start", slot.index);
            let previous = n.checked_sub(1).map(|p| &slots[p]);
            if let Some(previous) = previous
                .filter(|p| self.seconds_in_meeting(slot.start) < self.seconds_in_meeting(p.start))
            {
                let line = self
                    .key(&format!("items[{}]", previous.index))
                    .map_or(0, |p| p.line);
                let at = self.key(&start_path);
                self.warning(
                    at,
                    format!(
                        "item \"{}\" starts at {}, before item \"{}\" above it (line {line}) at {}",
                        shown(slot.number),
                        clock(slot.start),
                        shown(previous.number),
                        clock(previous.start)
                    ),
                    Some(
                        "the agenda order and the timeslots disagree; check the times or the order",
                    ),
                );
            } else if let Some(other) = latest
                .filter(|l| self.seconds_in_meeting(slot.start) < self.seconds_in_meeting(l.end))
            {
                let line = self
                    .key(&format!("items[{}]", other.index))
                    .map_or(0, |p| p.line);
                let at = self.key(&start_path);
                self.warning(
                    at,
                    format!(
                        "item \"{}\" ({}–{}) overlaps item \"{}\" ({}–{}, line {line})",
                        shown(slot.number),
                        clock(slot.start),
                        clock(slot.end),
                        shown(other.number),
                        clock(other.start),
                        clock(other.end)
                    ),
                    Some("check the times: a slot should start when the one before it ends"),
                );
            }
            if latest
                .is_none_or(|l| self.seconds_in_meeting(slot.end) > self.seconds_in_meeting(l.end))
            {
                latest = Some(slot);
            }
            if let Some(start) =
                start.filter(|&s| self.seconds_in_meeting(slot.start) < self.seconds_in_meeting(s))
            {
                let at = self.key(&start_path);
                self.warning(
                    at,
                    format!(
                        "item \"{}\" starts at {}, before the meeting starts at {}",
                        shown(slot.number),
                        clock(slot.start),
                        clock(start)
                    ),
                    None,
                );
            }
            if let Some(end) =
                end.filter(|&e| self.seconds_in_meeting(slot.end) > self.seconds_in_meeting(e))
            {
                let at = self.key(&format!("items[{}].end", slot.index));
                self.warning(
                    at,
                    format!(
                        "item \"{}\" ends at {}, after the meeting ends at {}",
                        shown(slot.number),
                        clock(slot.end),
                        clock(end)
                    ),
                    None,
                );
            }
        }
    }
}

/// A strict YYYY-MM-DD date (chrono alone would also take `2017-1-5`).
pub(super) fn parse_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let shape = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shape {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// User text as quoted in a message: long values are cut, so a hostile file gives a short message.
pub(super) fn shown(text: &str) -> String {
    const LIMIT: usize = 60;
    match text.char_indices().nth(LIMIT) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

pub(super) fn clock(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

/// An optional text, trimmed; blank counts as absent (a `|` block ends in a newline).
pub(super) fn text(value: Option<String>) -> Option<String> {
    value
        .map(|text| text.trim_end().to_string())
        .filter(|text| !text.trim().is_empty())
}

pub(super) fn names(value: Option<Names>) -> Vec<String> {
    value
        .map_or_else(Vec::new, |names| names.0)
        .into_iter()
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
        .collect()
}
