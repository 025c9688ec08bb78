//! An agenda pack's text -> a draft meeting, by a style's rules; every line is placed, skipped
//! (a report of the meeting) or kept as a passage not placed, and every guess is written down.

use chrono::NaiveDate;

use super::style::Rules;
use crate::domain::meeting::{
    Attachment, Faction, Informant, Item, ItemKind, Meeting, Slot, parse_clock_time,
};
use crate::i18n::Msg;
use crate::search::fold::fold_str;

/// What the importer made of a pack.
#[derive(Debug, Clone, Default)]
pub struct Import {
    pub meeting: Meeting,
    /// Per item, per attachment: its text in the pack, when found.
    pub texts: Vec<Vec<Option<Passage>>>,
    /// Non-blank lines no rule placed, in runs.
    pub unplaced: Vec<Passage>,
    /// A report of the meeting after the agenda (the korte terugblik): left out.
    pub skipped: Vec<Passage>,
    pub guesses: Vec<Guess>,
    /// What the source has and the meeting file cannot hold (a RIS supplier's headings, document
    /// addresses, ids), written as comments.
    pub notes: Vec<Note>,
    /// The documents a supplier's file gives an address for, to download with `--attachments`.
    pub remote: Vec<Remote>,
}

/// A document to fetch: whose attachment it is, its address (passed by the URL policy), the
/// file name and size the source gives.
#[derive(Debug, Clone, PartialEq)]
pub struct Remote {
    pub item: usize,
    pub attachment: usize,
    pub url: String,
    pub file_name: Option<String>,
    pub size: Option<u64>,
}

/// A comment of the meeting file, in the catalogue's words, and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub at: NoteAt,
    pub why: Msg,
    pub args: Vec<String>,
}

/// Where a note stands in the meeting file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteAt {
    /// Among the first comments, before `title`.
    Top,
    /// Above the item's `- number:` line (a section heading).
    BeforeItem(usize),
    /// Below the item's fields.
    Item(usize),
    /// Above the attachment's `- title:` line: item, attachment.
    Attachment(usize, usize),
}

/// Lines `first..=last` of the pack (1-based), their text, and the item they came with.
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    pub item: Option<usize>,
    pub first: usize,
    pub last: usize,
    pub text: String,
}

/// A value the importer guessed: which item (none: the meeting), which field, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Guess {
    pub item: Option<usize>,
    pub field: String,
    /// Why, in the catalogue's words (the meeting file's comments are in the user's language).
    pub why: Msg,
    pub args: Vec<String>,
}

/// The pack holds no agenda item the rules recognise.
#[derive(Debug, Clone, PartialEq)]
pub struct NoItems;

/// Turns a pack's text into a draft meeting.
pub fn parse(text: &str, rules: &Rules) -> Result<Import, NoItems> {
    let text = text.replace('\u{c}', "\n").replace("\r\n", "\n");
    let lines: Vec<&str> = text.lines().collect();
    let mut parser = Parser {
        rules,
        lines: &lines,
        placed: vec![false; lines.len()],
        owner: vec![None; lines.len()],
        import: Import::default(),
        item_text: Vec::new(),
    };
    parser.run()?;
    Ok(parser.import)
}

struct Parser<'a> {
    rules: &'a Rules,
    lines: &'a [&'a str],
    /// Per line: taken by a rule (or skipped, or an attachment's text).
    placed: Vec<bool>,
    /// Per line: the item it came with.
    owner: Vec<Option<usize>>,
    import: Import,
    /// Per item: the agenda's lines below its item line (index, text).
    item_text: Vec<Vec<usize>>,
}

/// A sheet (agendablad): its first line, its subject line, and its last line once read.
#[derive(Debug, Clone, Copy)]
struct Sheet {
    start: usize,
    subject: usize,
}

fn blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// The order of agenda numbers: "1.a" < "1.b" < "2" < "10".
fn number_key(number: &str) -> (u32, String) {
    let (major, minor) = number.split_once('.').unwrap_or((number, ""));
    (major.parse().unwrap_or(0), minor.to_string())
}

/// "Drielen, Peter van (4063)" -> ("Peter van Drielen", Some("4063")).
fn person(text: &str) -> (String, Option<String>) {
    let mut name = text.trim().to_string();
    let mut phone = None;
    if let (Some(open), Some(close)) = (name.rfind('('), name.rfind(')'))
        && open < close
    {
        let inside = name[open + 1..close].trim().to_string();
        if !inside.is_empty()
            && inside
                .chars()
                .all(|c| c.is_ascii_digit() || " -".contains(c))
        {
            phone = Some(inside);
        }
        name = format!("{} {}", &name[..open], &name[close + 1..]);
    }
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let name = name.replace(" - ", "-");
    let name = match name.split_once(',') {
        Some((surname, given)) if !given.trim().is_empty() => {
            format!("{} {}", given.trim(), surname.trim())
        }
        _ => name.trim_end_matches(',').to_string(),
    };
    (name.trim().to_string(), phone)
}

/// The last word of a name, folded, for matching an e-mail address: "Boer-Boekhorst".
fn surname_key(name: &str) -> String {
    fold_str(name.split_whitespace().last().unwrap_or(""))
}

fn same_name(a: &str, b: &str) -> bool {
    let key = |s: &str| fold_str(s).split_whitespace().collect::<Vec<_>>().join(" ");
    key(a) == key(b)
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn clean_title(text: &str) -> String {
    collapse(text).trim_end_matches([',', ';', ' ']).to_string()
}

impl Parser<'_> {
    fn run(&mut self) -> Result<(), NoItems> {
        let sheets = self.find_sheets();
        let first_sheet = sheets.first().map_or(self.lines.len(), |s| s.start);
        self.agenda(first_sheet);
        if self.import.meeting.items.is_empty() {
            return Err(NoItems);
        }
        for i in 0..self.item_text.len() {
            self.item_text(i);
        }
        self.import.texts = self
            .import
            .meeting
            .items
            .iter()
            .map(|item| vec![None; item.attachments.len()])
            .collect();
        for (k, sheet) in sheets.iter().enumerate() {
            let next = sheets.get(k + 1).map_or(self.lines.len(), |s| s.start);
            let (item, end) = self.sheet(*sheet, next);
            self.attachment_texts(item, end + 1, next);
        }
        for i in 0..self.import.meeting.items.len() {
            self.kind(i);
            self.informant_emails(i);
        }
        self.factions();
        if let Some(body) = self.rules.style.body {
            self.import.meeting.body = Some(body.to_string());
            let rules = self.rules.style.name.to_string();
            self.guess(None, "body", Msg::GuessBody, vec![rules]);
        }
        self.collect_unplaced();
        Ok(())
    }

    fn guess(
        &mut self,
        item: Option<usize>,
        field: impl Into<String>,
        why: Msg,
        args: Vec<String>,
    ) {
        self.import.guesses.push(Guess {
            item,
            field: field.into(),
            why,
            args,
        });
    }

    fn find_sheets(&self) -> Vec<Sheet> {
        let mut sheets: Vec<Sheet> = Vec::new();
        for (i, line) in self.lines.iter().enumerate() {
            if !self.rules.sheet_subject.is_match(line) {
                continue;
            }
            let floor = sheets.last().map_or(0, |s| s.subject + 1);
            let mut start = i;
            let mut j = i;
            while j > floor && i - j < 12 {
                j -= 1;
                let line = self.lines[j];
                if blank(line) {
                    continue;
                }
                if self.rules.sheet_head.is_match(line) {
                    start = j;
                } else if self.rules.item_line.is_match(line) {
                    start = j;
                    break;
                } else {
                    break;
                }
            }
            sheets.push(Sheet { start, subject: i });
        }
        sheets
    }

    /// A header field (title, date, times, place, chair, clerk) on this line: taken if new.
    fn header_field(&mut self, i: usize) -> bool {
        let line = self.lines[i];
        let rules = self.rules;
        let meeting = &mut self.import.meeting;
        if let Some(caps) = rules.date.captures(line) {
            let month = rules
                .style
                .months
                .iter()
                .position(|m| fold_str(m) == fold_str(&caps["month"]));
            if let (Some(month), Ok(day), Ok(year)) = (
                month,
                caps["day"].parse::<u32>(),
                caps["year"].parse::<i32>(),
            ) && let Some(date) = NaiveDate::from_ymd_opt(year, month as u32 + 1, day)
            {
                if meeting.date == NaiveDate::default() {
                    meeting.date = date;
                }
                return true;
            }
        }
        let value = |re: &regex::Regex| re.captures(line).map(|c| c["value"].to_string());
        if let Some(title) = value(&rules.title) {
            if meeting.title.is_empty() {
                meeting.title = title;
            }
            return true;
        }
        if let Some(location) = value(&rules.location) {
            meeting.location.get_or_insert(location);
            return true;
        }
        if let Some(time) = value(&rules.start).and_then(|t| parse_clock_time(&t)) {
            meeting.start.get_or_insert(time);
            return true;
        }
        if let Some(time) = value(&rules.end).and_then(|t| parse_clock_time(&t)) {
            meeting.end.get_or_insert(time);
            return true;
        }
        if let Some(chair) = value(&rules.chair) {
            meeting.chair.get_or_insert(chair);
            return true;
        }
        if let Some(clerk) = value(&rules.clerk) {
            meeting.clerk.get_or_insert(clerk);
            return true;
        }
        false
    }

    /// The agenda and what stands around it before the first sheet.
    fn agenda(&mut self, end: usize) {
        let mut current: Option<usize> = None;
        let mut report_from: Option<usize> = None;
        // A header line stands after a blank line, an item line or another header line, never
        // inside a paragraph of an item's text ("Gemeenteraad en college ..." is no title).
        let mut after_text = false;
        for i in 0..end {
            let line = self.lines[i];
            if blank(line) {
                after_text = false;
                continue;
            }
            if report_from.is_some() {
                self.placed[i] = true;
                continue;
            }
            if !after_text && self.header_field(i) {
                self.placed[i] = true;
                current = None;
                continue;
            }
            after_text = true;
            if let Some(caps) = self.rules.item_line.captures(line) {
                let number = caps["number"].to_string();
                let key = number_key(&number);
                let items = &self.import.meeting.items;
                let follows = items
                    .last()
                    .is_none_or(|last| key > number_key(&last.number));
                if follows {
                    let slot = slot(
                        caps.name("start").map(|m| m.as_str()),
                        caps.name("end").map(|m| m.as_str()),
                    );
                    self.import.meeting.items.push(Item {
                        number,
                        title: caps["title"].to_string(),
                        slot,
                        ..Item::default()
                    });
                    self.item_text.push(Vec::new());
                    current = Some(self.import.meeting.items.len() - 1);
                    self.placed[i] = true;
                    self.owner[i] = current;
                    after_text = false;
                    continue;
                }
                if items.first().is_some_and(|first| first.number == number) {
                    // The agenda again from its first item: a report of the meeting.
                    report_from = Some(i);
                    self.placed[i] = true;
                    continue;
                }
            }
            if let Some(item) = current {
                self.item_text[item].push(i);
                self.owner[i] = Some(item);
            }
        }
        if let Some(from) = report_from {
            let last = (from..end)
                .rev()
                .find(|&i| !blank(self.lines[i]))
                .unwrap_or(from);
            let text = self.text_of(from, last);
            self.import.skipped.push(Passage {
                item: None,
                first: from + 1,
                last: last + 1,
                text,
            });
        }
    }

    fn text_of(&self, first: usize, last: usize) -> String {
        self.lines[first..=last]
            .iter()
            .map(|l| l.trim_end())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// An item's agenda text: summary paragraphs first, then one-line attachment titles.
    fn item_text(&mut self, item: usize) {
        let indices = self.item_text[item].clone();
        let mut paragraphs: Vec<Vec<usize>> = Vec::new();
        let mut previous: Option<usize> = None;
        for i in indices {
            match paragraphs.last_mut() {
                Some(paragraph) if previous == Some(i.wrapping_sub(1)) => paragraph.push(i),
                _ => paragraphs.push(vec![i]),
            }
            previous = Some(i);
        }
        let is_text = |p: &Vec<usize>| p.len() > 1 || self.lines[p[0]].trim().len() > 120;
        let summary_until = paragraphs.iter().rposition(is_text);
        let mut summary: Vec<String> = Vec::new();
        for (n, paragraph) in paragraphs.iter().enumerate() {
            if summary_until.is_some_and(|until| n <= until) {
                if !summary.is_empty() {
                    summary.push(String::new());
                }
                summary.extend(paragraph.iter().map(|&i| self.lines[i].trim().to_string()));
            } else {
                let title = clean_title(
                    &paragraph
                        .iter()
                        .map(|&i| self.lines[i])
                        .collect::<Vec<_>>()
                        .join(" "),
                );
                self.import.meeting.items[item]
                    .attachments
                    .push(Attachment {
                        title,
                        ..Attachment::default()
                    });
            }
            for &i in paragraph {
                self.placed[i] = true;
            }
        }
        if summary.is_empty() {
            return;
        }
        let joined = collapse(&summary.join(" "));
        let text = summary.join("\n");
        let rules = self.rules;
        let entry = &mut self.import.meeting.items[item];
        entry.summary = Some(text);
        if let Some(caps) = rules.debate_question.captures(&joined) {
            entry.debate_question = Some(caps["question"].trim().to_string());
        }
        if let Some(caps) = rules.requested_by.captures(&joined) {
            entry.requested_by = rules
                .list_separator
                .split(&caps["list"])
                .map(|f| f.trim().trim_start_matches("de ").trim().to_string())
                .filter(|f| !f.is_empty())
                .collect();
        }
        for caps in rules.informant.captures_iter(&joined) {
            let role = caps["role"].to_string();
            let role = sentence_tail(&role);
            let role = role
                .strip_prefix("Voor ")
                .or_else(|| role.strip_prefix("voor "))
                .unwrap_or(&role)
                .trim_matches([' ', '.', ','])
                .to_string();
            entry.informants.push(Informant {
                name: caps["name"].trim().to_string(),
                phone: caps.name("phone").map(|m| m.as_str().trim().to_string()),
                email: caps
                    .name("email")
                    .or_else(|| caps.name("email2"))
                    .map(|m| m.as_str().to_string()),
                role: (!role.is_empty()).then_some(role),
            });
        }
    }

    /// Reads one sheet; gives the item it belongs to and its last line.
    fn sheet(&mut self, sheet: Sheet, next: usize) -> (Option<usize>, usize) {
        let rules = self.rules;
        let mut number: Option<String> = None;
        let mut item: Option<usize> = None;
        let mut last_field = sheet.subject;
        let mut i = sheet.start;
        // Head: the item line, the council's name, the date.
        while i < sheet.subject {
            let line = self.lines[i];
            if let Some(caps) = rules.item_line.captures(line) {
                number = Some(caps["number"].to_string());
            }
            if !blank(line) {
                self.placed[i] = true;
            }
            self.header_field(i);
            i += 1;
        }
        let subject = fold_str(
            &rules
                .sheet_subject
                .captures(self.lines[sheet.subject])
                .unwrap()["value"],
        );
        let items = &self.import.meeting.items;
        if let Some(number) = &number {
            item = items.iter().position(|it| &it.number == number);
        }
        if item.is_none() {
            item = items
                .iter()
                .enumerate()
                .filter(|(_, it)| subject.starts_with(&fold_str(&it.title)))
                .max_by_key(|(_, it)| it.title.len())
                .map(|(n, _)| n);
        }
        self.placed[sheet.subject] = item.is_some();
        let mut informants: Vec<Informant> = Vec::new();
        let mut co_authors: Vec<String> = Vec::new();
        let mut holders: Vec<String> = Vec::new();
        let mut department: Option<String> = None;
        let mut entries: Vec<(String, String)> = Vec::new();
        let mut in_list = false;
        let mut decision: Option<Vec<String>> = None;
        let mut end = sheet.subject;
        i = sheet.subject + 1;
        while i < next {
            let line = self.lines[i];
            self.owner[i] = item;
            if let Some(text) = decision.as_mut() {
                if blank(line) {
                    if !text.is_empty() {
                        end = i;
                        break;
                    }
                } else {
                    text.push(line.trim().to_string());
                    self.placed[i] = item.is_some();
                }
                i += 1;
                continue;
            }
            if blank(line) {
                in_list = false;
                i += 1;
                continue;
            }
            let value =
                |re: &regex::Regex| re.captures(line).map(|c| c["value"].trim().to_string());
            let mut known = true;
            let entry = in_list
                .then(|| rules.attachment_entry.captures(line))
                .flatten();
            if rules.proposed_decision.is_match(line) {
                decision = Some(Vec::new());
            } else if let Some(caps) = entry {
                entries.push((caps["prefix"].to_string(), caps["title"].to_string()));
            } else if in_list {
                // A title wrapped onto the next line.
                if let Some(last) = entries.last_mut() {
                    last.1 = format!("{} {}", last.1, line.trim());
                }
            } else if let Some(v) = value(&rules.portfolio_holder) {
                holders.extend(split_list(rules, &v));
            } else if let Some(v) = value(&rules.sheet_informant) {
                for part in v.split(';').filter(|p| !p.trim().is_empty()) {
                    let (name, phone) = person(part);
                    informants.push(Informant {
                        name,
                        phone,
                        ..Informant::default()
                    });
                }
            } else if let Some(v) = value(&rules.co_authors) {
                co_authors.extend(v.split(';').map(|p| person(p).0).filter(|p| !p.is_empty()));
            } else if let Some(v) = value(&rules.department) {
                department = (!v.is_empty()).then_some(v);
            } else if let Some(v) = value(&rules.attachments) {
                in_list = true;
                if let Some(caps) = rules.attachment_entry.captures(&v) {
                    entries.push((caps["prefix"].to_string(), caps["title"].to_string()));
                } else if !v.is_empty() {
                    entries.push((String::new(), v));
                }
            } else if self.header_field(i) {
            } else {
                known = false;
            }
            // A sheet no agenda item claims keeps its lines as passages not placed.
            if known && item.is_some() {
                self.placed[i] = true;
                last_field = i;
            }
            i += 1;
        }
        if decision.is_none() {
            end = last_field;
        } else if i >= next {
            end = next.saturating_sub(1);
        }
        let Some(item) = item else {
            return (None, end);
        };
        let entry = &mut self.import.meeting.items[item];
        if entry.portfolio_holders.is_empty() {
            entry.portfolio_holders = holders;
        }
        for informant in informants {
            match entry
                .informants
                .iter_mut()
                .find(|known| same_name(&known.name, &informant.name))
            {
                Some(known) => {
                    if known.phone.is_none() {
                        known.phone = informant.phone;
                    }
                }
                None => entry.informants.push(informant),
            }
        }
        if entry.co_authors.is_empty() {
            entry.co_authors = co_authors;
        }
        if entry.department.is_none() {
            entry.department = department;
        }
        if let Some(text) = decision.filter(|t| !t.is_empty()) {
            entry.proposed_decision = Some(text.join("\n"));
        }
        if !entries.is_empty() {
            let from_agenda = std::mem::take(&mut entry.attachments);
            let mut list: Vec<Attachment> = entries
                .iter()
                .map(|(prefix, title)| Attachment {
                    title: clean_title(title),
                    kind: (!prefix.is_empty()).then(|| prefix.to_lowercase()),
                    file: None,
                })
                .collect();
            for extra in from_agenda {
                if !list
                    .iter()
                    .any(|a| fold_str(&a.title) == fold_str(&extra.title))
                {
                    list.push(extra);
                }
            }
            entry.attachments = list;
        }
        let kinds: Vec<(usize, &'static str)> = entry
            .attachments
            .iter()
            .enumerate()
            .filter_map(|(n, a)| {
                rules
                    .attachment_kinds
                    .iter()
                    .find(|(re, _)| re.is_match(&a.title))
                    .map(|(_, kind)| (n, *kind))
            })
            .collect();
        for (n, kind) in kinds {
            self.import.meeting.items[item].attachments[n].kind = Some(kind.to_string());
            self.guess(
                Some(item),
                format!("attachments[{n}].kind"),
                Msg::GuessKindFromTitle,
                Vec::new(),
            );
        }
        let count = self.import.meeting.items[item].attachments.len();
        self.import.texts[item] = vec![None; count];
        (Some(item), end)
    }

    /// Splits the text after a sheet among its item's attachments, in the order listed.
    fn attachment_texts(&mut self, item: Option<usize>, from: usize, to: usize) {
        let Some(first) = (from..to).find(|&i| !blank(self.lines[i])) else {
            return;
        };
        let Some(item) = item else {
            return;
        };
        let titles: Vec<String> = self.import.meeting.items[item]
            .attachments
            .iter()
            .map(|a| fold_str(&clean_title(&a.title)))
            .collect();
        if titles.is_empty() {
            return;
        }
        for i in first..to {
            self.owner[i] = Some(item);
        }
        let mut starts: Vec<Option<usize>> = vec![None; titles.len()];
        starts[0] = Some(first);
        // Each line as a title would read (a page number before it allowed), folded once.
        let longest = titles.iter().map(String::len).max().unwrap_or(0);
        let as_title: Vec<(String, String)> = (first..to)
            .map(|i| {
                let line = self.lines[i].trim();
                if line.is_empty() || line.len() > longest + 8 {
                    return (String::new(), String::new());
                }
                let unnumbered = line
                    .trim_start_matches(|c: char| c.is_ascii_digit())
                    .trim_start();
                (
                    fold_str(&clean_title(line)),
                    fold_str(&clean_title(unnumbered)),
                )
            })
            .collect();
        let mut after = first;
        for (n, title) in titles.iter().enumerate().skip(1) {
            let found = (after + 1..to).find(|&i| {
                let (whole, unnumbered) = &as_title[i - first];
                !whole.is_empty() && (whole == title || unnumbered == title)
            });
            if let Some(found) = found {
                starts[n] = Some(found);
                after = found;
            }
        }
        // A run of attachments not found by title: the first new document in it is the first's.
        let firsts: Vec<usize> = (1..starts.len())
            .filter(|&n| starts[n].is_none() && starts[n - 1].is_some())
            .collect();
        for n in firsts {
            let before = starts[n - 1].unwrap_or(first);
            let after = starts[n..].iter().find_map(|s| *s).unwrap_or(to);
            let found = (before + 1..after).find(|&i| {
                self.rules
                    .document_start
                    .iter()
                    .any(|re| re.is_match(self.lines[i]))
            });
            if let Some(found) = found {
                starts[n] = Some(found);
                self.guess(
                    Some(item),
                    format!("attachments[{n}].file"),
                    Msg::GuessTextStart,
                    vec![(found + 1).to_string()],
                );
            }
        }
        for n in 0..starts.len() {
            let Some(start) = starts[n] else {
                self.guess(
                    Some(item),
                    format!("attachments[{n}]"),
                    Msg::GuessNoText,
                    Vec::new(),
                );
                continue;
            };
            let end = starts[n + 1..].iter().find_map(|s| *s).unwrap_or(to);
            let Some(last) = (start..end).rev().find(|&i| !blank(self.lines[i])) else {
                continue;
            };
            let text = self.text_of(start, last);
            self.import.texts[item][n] = Some(Passage {
                item: Some(item),
                first: start + 1,
                last: last + 1,
                text,
            });
        }
        for placed in &mut self.placed[first..to] {
            *placed = true;
        }
    }

    fn kind(&mut self, item: usize) {
        let rules = self.rules;
        let entry = &self.import.meeting.items[item];
        if let Some((_, kind)) = rules.kinds.iter().find(|(re, _)| re.is_match(&entry.title)) {
            self.import.meeting.items[item].kind = ItemKind::parse(kind).unwrap_or_default();
            return;
        }
        let text = [
            &entry.summary,
            &entry.debate_question,
            &entry.proposed_decision,
        ];
        if text
            .iter()
            .any(|t| t.as_deref().is_some_and(|t| rules.debate_text.is_match(t)))
        {
            self.import.meeting.items[item].kind = ItemKind::Debate;
            self.guess(Some(item), "kind", Msg::GuessDebate, Vec::new());
        }
    }

    /// Informants without an e-mail address: one in the sheet or the first attachment's header
    /// with their surname in it.
    fn informant_emails(&mut self, item: usize) {
        let mut lines: Vec<usize> = Vec::new();
        if let Some(Some(first)) = self.import.texts.get(item).and_then(|t| t.first()) {
            lines.extend(first.first - 1..(first.first - 1 + 80).min(first.last));
        }
        let mut found: Vec<(usize, String)> = Vec::new();
        for i in lines {
            if let Some(caps) = self.rules.email_line.captures(self.lines[i]) {
                for address in caps["value"].split(['/', ',', ';', ' ']) {
                    let address = address.trim().trim_end_matches('.');
                    if address.contains('@') {
                        found.push((i, address.to_string()));
                    }
                }
            }
        }
        let mut guesses = Vec::new();
        for (n, informant) in self.import.meeting.items[item]
            .informants
            .iter_mut()
            .enumerate()
        {
            if informant.email.is_some() {
                continue;
            }
            let key = surname_key(&informant.name).replace('.', "");
            if key.len() < 3 {
                continue;
            }
            if let Some((line, address)) = found.iter().find(|(_, address)| {
                let local = address.split('@').next().unwrap_or("");
                fold_str(local).replace('.', "").contains(&key)
            }) {
                informant.email = Some(address.clone());
                guesses.push((n, line + 1));
            }
        }
        for (n, line) in guesses {
            self.guess(
                Some(item),
                format!("informants[{n}].email"),
                Msg::GuessEmail,
                vec![line.to_string()],
            );
        }
    }

    /// The factions the pack names (as requesting factions); the others are not in a pack.
    fn factions(&mut self) {
        let mut names: Vec<String> = Vec::new();
        for item in &self.import.meeting.items {
            for name in &item.requested_by {
                if !names.contains(name) {
                    names.push(name.clone());
                }
            }
        }
        if names.is_empty() {
            return;
        }
        names.sort();
        self.import.meeting.factions = names
            .into_iter()
            .map(|name| Faction {
                name,
                seats: None,
                members: Vec::new(),
            })
            .collect();
        self.guess(None, "factions", Msg::GuessFactions, Vec::new());
    }

    fn collect_unplaced(&mut self) {
        let mut run: Option<(usize, usize)> = None;
        let mut passages = Vec::new();
        for i in 0..self.lines.len() {
            if blank(self.lines[i]) {
                continue;
            }
            if self.placed[i] {
                if let Some(r) = run.take() {
                    passages.push(r);
                }
                continue;
            }
            run = match run {
                Some((first, _)) if self.owner[first] == self.owner[i] => Some((first, i)),
                Some(r) => {
                    passages.push(r);
                    Some((i, i))
                }
                None => Some((i, i)),
            };
        }
        passages.extend(run);
        self.import.unplaced = passages
            .into_iter()
            .map(|(first, last)| Passage {
                item: self.owner[first],
                first: first + 1,
                last: last + 1,
                text: self.text_of(first, last),
            })
            .collect();
    }
}

fn split_list(rules: &Rules, text: &str) -> Vec<String> {
    rules
        .list_separator
        .split(text)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The text after the last sentence end (a full stop, question or exclamation mark followed by
/// a capital): the sentence that introduces an informant.
fn sentence_tail(text: &str) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut start = 0;
    for w in 0..chars.len() {
        let (_, c) = chars[w];
        if matches!(c, '.' | '?' | '!')
            && let Some(&(_, space)) = chars.get(w + 1)
            && space == ' '
            && let Some(&(at, next)) = chars.get(w + 2)
            && next.is_uppercase()
        {
            start = at;
        }
    }
    text[start..].trim().to_string()
}

fn slot(start: Option<&str>, end: Option<&str>) -> Slot {
    match (
        start.and_then(parse_clock_time),
        end.and_then(parse_clock_time),
    ) {
        (Some(start), Some(end)) => Slot::Range { start, end },
        (Some(start), None) => Slot::StartOnly { start },
        _ => Slot::Unplanned,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zwolle(text: &str) -> Import {
        parse(text, &Rules::new(super::super::style::ZWOLLE).unwrap()).unwrap()
    }

    #[test]
    fn a_header_word_inside_an_items_text_is_text() {
        let import = zwolle(
            "3 Begroting (19.35 – 21.00 uur)\n\nHet college stuurt de begroting.\nGemeenteraad en college praten erover.\n\nRaadsplein Info/debat\n",
        );
        assert_eq!(import.meeting.title, "Raadsplein Info/debat");
        assert_eq!(
            import.meeting.items[0].summary.as_deref(),
            Some("Het college stuurt de begroting.\nGemeenteraad en college praten erover.")
        );
    }

    #[test]
    fn a_numbered_list_below_an_item_is_not_an_item() {
        let import =
            zwolle("5 Plan (21.10 - 22.30 uur)\n\n1. Plan 2017\n\n6 Sluiting (22.30 uur)\n");
        let numbers: Vec<&str> = import
            .meeting
            .items
            .iter()
            .map(|i| i.number.as_str())
            .collect();
        assert_eq!(numbers, ["5", "6"]);
        assert_eq!(import.meeting.items[0].attachments[0].title, "1. Plan 2017");
    }

    #[test]
    fn a_text_without_items_is_no_meeting() {
        let rules = Rules::new(super::super::style::ZWOLLE).unwrap();
        assert_eq!(parse("Geachte raad,\n", &rules).unwrap_err(), NoItems);
    }

    #[test]
    fn names_are_put_in_reading_order() {
        assert_eq!(
            person("Drielen, Peter van (4063)"),
            ("Peter van Drielen".to_string(), Some("4063".to_string()))
        );
        assert_eq!(
            person("Boer - Boekhorst, Marijke de (2073)"),
            (
                "Marijke de Boer-Boekhorst".to_string(),
                Some("2073".to_string())
            )
        );
        assert_eq!(person("Jan Jansen"), ("Jan Jansen".to_string(), None));
    }

    #[test]
    fn the_informants_sentence_is_the_last_one_before_the_colon() {
        assert_eq!(
            sentence_tail("zwolle.nl. Vragen m.b.t. het rapport via de secretaris"),
            "Vragen m.b.t. het rapport via de secretaris"
        );
    }
}
