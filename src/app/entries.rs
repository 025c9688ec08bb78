//! What the lists offer: the item's attachments (`b`, `o`), who can take the floor (`a`, `i`),
//! and everything the search palette (`/`) can jump to.

use super::picker::{Entry, Kind, Pick, Picker, Purpose};
use super::{App, Mode, Outcome};
use crate::domain::meeting::Item;
use crate::domain::minutes::{Role, SpeakerChoice};
use crate::i18n::Msg;
use crate::store::attachments::{self, NotRead};

impl App {
    /// What gavel can show of an attachment with a file, in a few words for the lists, and
    /// whether that is a problem: its text (with its pages), still being read, or why not
    /// ("scan: no text", "damaged: …").
    pub fn attachment_state(&self, item: usize, index: usize) -> (String, bool) {
        if let Some(indexed) = self.attachments.get(&(item, index)) {
            return if indexed.pages.is_empty() {
                (self.t(Msg::TextAttachment).to_string(), false)
            } else {
                (
                    self.fill(Msg::AttachmentPages, &[&indexed.pages.len()]),
                    false,
                )
            };
        }
        if let Some(why) = self.unreadable.get(&(item, index)) {
            return (self.unreadable_words(why), true);
        }
        let is_document = self.meeting.items[item].attachments[index]
            .file
            .as_deref()
            .is_some_and(crate::store::documents::is_document);
        if is_document {
            (self.t(Msg::AttachmentReading).to_string(), false)
        } else {
            (self.t(Msg::TextAttachment).to_string(), false)
        }
    }

    /// The selected item's attachments to choose from: all of them to read (`b`), or those with a
    /// file to open in the system's viewer (`o`).
    pub(super) fn open_attachment_list(&mut self, purpose: Purpose) -> Outcome {
        let number = self.meeting.items[self.selected].number.clone();
        let external = purpose == Purpose::External;
        let entries: Vec<Entry> = self.meeting.items[self.selected]
            .attachments
            .iter()
            .enumerate()
            .filter(|(_, a)| !external || a.file.is_some())
            .map(|(index, a)| Entry {
                label: a.title.clone(),
                detail: {
                    let detail = if external { &a.file } else { &a.kind };
                    let detail = detail.clone().unwrap_or_default();
                    // A file outside the folder is listed, with a warning: it is not read.
                    let outside = a.file.as_deref().is_some_and(|file| {
                        attachments::resolve(&self.meeting_dir, file) == Err(NotRead::Outside)
                    });
                    if outside {
                        let warning = self.t(Msg::AttachmentOutsideShort);
                        format!("{detail}  {warning}").trim_start().to_string()
                    } else if !external && self.unreadable.contains_key(&(self.selected, index)) {
                        // A scan or a damaged file says so before it is picked (issue 23).
                        let (words, _) = self.attachment_state(self.selected, index);
                        format!("{detail}  {words}").trim_start().to_string()
                    } else {
                        detail
                    }
                },
                context: None,
                kind: Kind::Attachment,
                pick: Pick::Attachment {
                    item: self.selected,
                    index,
                },
            })
            .collect();
        if entries.is_empty() {
            self.complain(Msg::NoAttachments, &[&number]);
        } else {
            let title = if external {
                Msg::OpenExternalTitle
            } else {
                Msg::AttachmentsTitle
            };
            let title = self.fill(title, &[&number]);
            self.mode = Mode::Picker(Picker::new(purpose, title, entries, None));
        }
        Outcome::NONE
    }

    /// Who can take the floor on an item: factions, their members, the portfolio holder(s),
    /// the informants, the chair.
    pub(super) fn speaker_entries(&self, number: &str) -> Vec<Entry> {
        // An item only in the minutes (removed from the meeting file since) still gets the factions.
        let no_people = Item::default();
        let item = self.meeting.item(number).unwrap_or(&no_people);
        let speaker = |name: &str, faction: Option<&str>, role: Role, detail: String| Entry {
            context: None,
            kind: Kind::Person,
            label: name.to_string(),
            detail,
            pick: Pick::Speaker(SpeakerChoice {
                name: name.to_string(),
                faction: faction.map(str::to_string),
                role,
            }),
        };
        let mut entries = Vec::new();
        for faction in &self.meeting.factions {
            entries.push(speaker(
                &faction.name,
                Some(&faction.name),
                Role::Member,
                self.t(Msg::RoleFaction).into(),
            ));
            for member in &faction.members {
                let detail = self.fill(Msg::RoleMember, &[&faction.name]);
                entries.push(speaker(member, Some(&faction.name), Role::Member, detail));
            }
        }
        for holder in &item.portfolio_holders {
            entries.push(speaker(
                holder,
                None,
                Role::PortfolioHolder,
                self.t(Msg::RolePortfolioHolder).into(),
            ));
        }
        for informant in &item.informants {
            let detail = informant
                .role
                .clone()
                .unwrap_or_else(|| self.t(Msg::RoleInformant).into());
            entries.push(speaker(&informant.name, None, Role::Informant, detail));
        }
        if let Some(chair) = &self.meeting.chair {
            entries.push(speaker(
                chair,
                None,
                Role::Chair,
                self.t(Msg::RoleChair).into(),
            ));
        }
        entries
    }

    /// Everything the search palette can jump to: items and their texts, people, factions,
    /// attachments and the lines of those read so far, and what has been recorded.
    pub(super) fn search_entries(&self) -> Vec<Entry> {
        let mut entries = Vec::new();
        let entry = |label: String, detail: String, kind: Kind, pick: Pick| Entry {
            label,
            detail,
            context: None,
            kind,
            pick,
        };
        for (index, item) in self.meeting.items.iter().enumerate() {
            let number = &item.number;
            entries.push(entry(
                format!("{number} {}", item.title),
                self.t(Msg::SearchKindItem).into(),
                Kind::Item,
                Pick::Item(index),
            ));
            let fields = [
                (Msg::Summary, &item.summary),
                (Msg::ProposedDecision, &item.proposed_decision),
                (Msg::DebateQuestion, &item.debate_question),
            ];
            for (field, text) in fields {
                for line in text
                    .iter()
                    .flat_map(|t| t.lines())
                    .filter(|l| !l.trim().is_empty())
                {
                    let detail = self.fill(
                        Msg::SearchKindField,
                        &[number, &self.t(field).to_lowercase()],
                    );
                    entries.push(entry(
                        line.trim().to_string(),
                        detail,
                        Kind::Item,
                        Pick::Item(index),
                    ));
                }
            }
            let person = |name: String, role: Msg| {
                let detail = self.fill(Msg::SearchKindPerson, &[&self.t(role), number]);
                entry(name, detail, Kind::Person, Pick::Item(index))
            };
            for holder in &item.portfolio_holders {
                entries.push(person(holder.clone(), Msg::RolePortfolioHolder));
            }
            for informant in &item.informants {
                let contact: Vec<&str> = [informant.phone.as_deref(), informant.email.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect();
                let label = if contact.is_empty() {
                    informant.name.clone()
                } else {
                    format!("{} ({})", informant.name, contact.join(", "))
                };
                entries.push(person(label, Msg::RoleInformant));
            }
            for author in &item.co_authors {
                entries.push(person(author.clone(), Msg::RoleCoAuthor));
            }
            for (attachment_index, attachment) in item.attachments.iter().enumerate() {
                entries.push(entry(
                    attachment.title.clone(),
                    self.fill(Msg::SearchKindAttachment, &[number]),
                    Kind::Attachment,
                    Pick::Attachment {
                        item: index,
                        index: attachment_index,
                    },
                ));
            }
        }
        for faction in &self.meeting.factions {
            let first_item = self
                .meeting
                .items
                .iter()
                .position(|i| i.requested_by.contains(&faction.name))
                .unwrap_or(self.selected);
            entries.push(entry(
                faction.name.clone(),
                self.t(Msg::RoleFaction).into(),
                Kind::Person,
                Pick::Item(first_item),
            ));
            for member in &faction.members {
                entries.push(entry(
                    member.clone(),
                    self.fill(Msg::RoleMember, &[&faction.name]),
                    Kind::Person,
                    Pick::Item(first_item),
                ));
            }
        }
        for (name, role) in [
            (&self.meeting.chair, Msg::RoleChair),
            (&self.meeting.clerk, Msg::RoleClerk),
        ] {
            if let Some(name) = name {
                entries.push(entry(
                    name.clone(),
                    self.t(role).into(),
                    Kind::Person,
                    Pick::Item(self.selected),
                ));
            }
        }
        // Commitments of earlier meetings, with their status in the register.
        if let Some(register) = &self.register {
            for earlier in register
                .entries
                .iter()
                .filter(|e| e.source.meeting_date < self.meeting.date)
            {
                entries.push(self.owed_entry(earlier));
            }
        }
        for record in &self.minutes.items {
            let Some(index) = self.meeting.index_of(&record.number) else {
                continue;
            };
            let number = &record.number;
            let recorded = |kind: Msg, text: &str| {
                entry(
                    text.replace('\n', " "),
                    self.fill(Msg::SearchKindRecord, &[&self.t(kind), number]),
                    Kind::Record,
                    Pick::Record {
                        item: index,
                        text: text.replace('\n', " "),
                    },
                )
            };
            for conclusion in &record.conclusions {
                let kind = super::passage_word(conclusion.kind);
                entries.push(recorded(kind, &conclusion.text));
            }
            for commitment in &record.commitments {
                let text = format!("{} {}: {}", commitment.id, commitment.by, commitment.text);
                entries.push(recorded(Msg::Commitment, &text));
            }
            if let Some(notes) = &record.notes {
                entries.push(recorded(Msg::NotesWord, notes.trim()));
            }
        }
        entries
    }
}
