//! The meeting and its minutes in VNG's national standard for council information, ODS Open
//! Raadsinformatie 2.0 (`schemas/ods-openapi.yaml`, EUPL-1.2): each resource as the standard's
//! API returns it, grouped under the name of its collection (`vergaderingen`, `agendapunten`,
//! `aanwezigedeelnemers`, `spreekfragmenten`, `stemmingen`, `stemmen`,
//! `stemresultatenperfractie`, and the `fracties`, `natuurlijkpersonen` and `informatieobjecten`
//! they refer to). Pure: meeting + minutes in, JSON out.
//!
//! Every resource has an `id` (at most 40 characters, as the standard says: `agendapunt-3`) and
//! a `url`, `<base>/<collection>/<id>`; the base is the RIS's API when the griffie gives it
//! (`--base-url`), else `urn:gavel:<meeting file stem>`. References are the standard's
//! `VerwijzingNaarResource` (`{ "id", "url" }`). What the standard has no field for (a speech's
//! round, a commitment's due date) is left to the open data export (`--format json`).

use chrono::{Local, NaiveDateTime, Offset, TimeZone};
use serde_json::{Map, Value, json};

use super::recorded::{items_in_agenda_order, planned_range, rfc3339, speeches_held};
use crate::domain::decision::{Method, Result as VoteResult, Side, VoteKind, member_votes};
use crate::domain::meeting::Meeting;
use crate::domain::minutes::{Minutes, Role, Status, Timestamp};
use crate::i18n::Lang;

/// What the ODS export needs besides the meeting and its minutes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OdsOptions {
    /// The language of the texts (`taal`).
    pub lang: Lang,
    /// Where the resources live (`https://ris.example.nl/api/v1`); `None`: `urn:gavel:<stem>`.
    pub base_url: Option<String>,
    /// The moment the webcast started: speeches get their offset in it (seconds).
    pub stream_start: Option<Timestamp>,
}

/// The standard's limits on text fields, in characters.
const NAME: usize = 100;
const TITLE: usize = 100;
const MARK: usize = 20;
const LONG_TITLE: usize = 200;
const SURNAME: usize = 200;
const FULL_NAME: usize = 300;

/// The collections of one export, each a list of resources.
#[derive(Default)]
struct Collections {
    vergaderingen: Vec<Value>,
    agendapunten: Vec<Value>,
    fracties: Vec<Value>,
    natuurlijkpersonen: Vec<Value>,
    aanwezigedeelnemers: Vec<Value>,
    spreekfragmenten: Vec<Value>,
    informatieobjecten: Vec<Value>,
    stemmingen: Vec<Value>,
    stemmen: Vec<Value>,
    stemresultatenperfractie: Vec<Value>,
}

/// A participant of the meeting: one per name, with the role they first appeared in.
struct Participant {
    name: String,
    role: &'static str,
    organisation: Option<String>,
    arrived: Option<Timestamp>,
    left: Option<Timestamp>,
}

/// Builds the resources and the references between them.
struct Builder<'a> {
    base: String,
    meeting: &'a Meeting,
    minutes: &'a Minutes,
    options: &'a OdsOptions,
    participants: Vec<Participant>,
    out: Collections,
}

/// The whole export as one JSON object of collections.
pub fn ods_json(meeting: &Meeting, minutes: &Minutes, options: &OdsOptions) -> Value {
    let base = options
        .base_url
        .as_deref()
        .map(|url| url.trim_end_matches('/').to_string())
        .unwrap_or_else(|| format!("urn:gavel:{}", stem(minutes)));
    let mut builder = Builder {
        base,
        meeting,
        minutes,
        options,
        participants: Vec::new(),
        out: Collections::default(),
    };
    builder.build();
    let out = builder.out;
    let mut document = Map::new();
    for (name, list) in [
        ("vergaderingen", out.vergaderingen),
        ("agendapunten", out.agendapunten),
        ("fracties", out.fracties),
        ("natuurlijkpersonen", out.natuurlijkpersonen),
        ("aanwezigedeelnemers", out.aanwezigedeelnemers),
        ("spreekfragmenten", out.spreekfragmenten),
        ("informatieobjecten", out.informatieobjecten),
        ("stemmingen", out.stemmingen),
        ("stemmen", out.stemmen),
        ("stemresultatenperfractie", out.stemresultatenperfractie),
    ] {
        document.insert(name.into(), Value::Array(list));
    }
    Value::Object(document)
}

impl Builder<'_> {
    fn url(&self, collection: &str, id: &str) -> String {
        format!("{}/{collection}/{id}", self.base)
    }

    /// A resource's own `id` and `url`.
    fn resource(&self, collection: &str, id: &str) -> Map<String, Value> {
        let mut map = Map::new();
        map.insert("url".into(), json!(self.url(collection, id)));
        map.insert("id".into(), json!(id));
        map
    }

    /// `VerwijzingNaarResource`.
    fn reference(&self, collection: &str, id: &str) -> Value {
        json!({ "id": id, "url": self.url(collection, id) })
    }

    /// A planned time on the meeting's day, with the offset the meeting was held in (else the
    /// offset this machine has on that day): the standard's date-times carry one.
    fn planned(&self, time: NaiveDateTime) -> String {
        let offset = match self.minutes.opened_at {
            Some(opened) => *opened.offset(),
            None => Local
                .from_local_datetime(&time)
                .earliest()
                .map_or_else(|| Local::now().offset().fix(), |at| at.offset().fix()),
        };
        let at = offset
            .from_local_datetime(&time)
            .single()
            .map(|at| at.fixed_offset());
        at.map_or_else(|| time.format("%Y-%m-%dT%H:%M:%S").to_string(), rfc3339)
    }

    fn build(&mut self) {
        self.collect_participants();
        self.factions();
        let agenda_ids = self.agenda();
        self.meeting_resource(&agenda_ids);
        self.people();
    }

    fn meeting_resource(&mut self, agenda: &[String]) {
        let (meeting, minutes) = (self.meeting, self.minutes);
        let mut map = self.resource("vergaderingen", MEETING_ID);
        map.insert("vergaderingstype".into(), json!("raadsvergadering"));
        map.insert("naam".into(), json!(cut(&meeting.title, NAME)));
        if let Some(location) = &meeting.location {
            map.insert("locatie".into(), json!(cut(location, NAME)));
        }
        let date = meeting.date.format("%Y-%m-%d").to_string();
        map.insert("geplandeVergaderdatum".into(), json!(date));
        if let Some(opened) = minutes.opened_at {
            let held = opened.date_naive().format("%Y-%m-%d").to_string();
            map.insert("vergaderdatum".into(), json!(held));
            map.insert("aanvangVergadering".into(), json!(rfc3339(opened)));
        }
        if let Some(closed) = minutes.closed_at {
            map.insert("eindeVergadering".into(), json!(rfc3339(closed)));
        }
        if let Some(start) = meeting.planned_start() {
            let start = self.planned(start);
            map.insert("geplandeAanvangVergadering".into(), json!(start));
        }
        if let Some(end) = meeting.planned_end() {
            map.insert("geplandeEindeVergadering".into(), json!(self.planned(end)));
        }
        let status = if minutes.closed_at.is_some() {
            "gehouden"
        } else {
            "gepland"
        };
        map.insert("status".into(), json!(status));
        let urls: Vec<String> = agenda
            .iter()
            .map(|id| self.url("agendapunten", id))
            .collect();
        map.insert("agendapunten".into(), json!(urls));
        self.out.vergaderingen.push(Value::Object(map));
    }

    fn factions(&mut self) {
        for (index, faction) in self.meeting.factions.iter().enumerate() {
            let id = format!("fractie-{}", index + 1);
            let mut map = self.resource("fracties", &id);
            map.insert("fractienaam".into(), json!(cut(&faction.name, NAME)));
            self.out.fracties.push(Value::Object(map));
        }
    }

    fn faction_id(&self, name: &str) -> Option<String> {
        self.meeting
            .factions
            .iter()
            .position(|f| f.name == name)
            .map(|index| format!("fractie-{}", index + 1))
    }

    /// Everyone who took part: the chair and clerk, the presentielijst, everyone who spoke and
    /// every member counted in a vote.
    fn collect_participants(&mut self) {
        let (meeting, minutes) = (self.meeting, self.minutes);
        let add = |participants: &mut Vec<Participant>,
                   name: &str,
                   role: &'static str,
                   organisation: Option<&str>| {
            let name = name.trim();
            if name.is_empty() || participants.iter().any(|p| p.name == name) {
                return;
            }
            participants.push(Participant {
                name: name.to_string(),
                role,
                organisation: organisation.map(str::to_string),
                arrived: None,
                left: None,
            });
        };
        let mut participants = Vec::new();
        if let Some(chair) = &meeting.chair {
            add(&mut participants, chair, "voorzitter", None);
        }
        if let Some(clerk) = &meeting.clerk {
            add(&mut participants, clerk, "griffier", None);
        }
        for presence in &minutes.attendance {
            add(
                &mut participants,
                &presence.name,
                "raadslid",
                presence.faction.as_deref(),
            );
            if let Some(participant) = participants.iter_mut().find(|p| p.name == presence.name) {
                let arrived = participant
                    .arrived
                    .map_or(presence.arrived_at, |at| at.min(presence.arrived_at));
                participant.arrived = Some(arrived);
                participant.left = match (participant.left, presence.left_at) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    (a, b) => a.or(b),
                };
            }
        }
        for record in &minutes.items {
            for (_, speech, _) in speeches_held(record) {
                let role = match speech.role {
                    Role::Member => "raadslid",
                    Role::PortfolioHolder => "portefeuillehouder",
                    Role::Chair => "voorzitter",
                    Role::Informant | Role::Other => "overig",
                };
                add(
                    &mut participants,
                    &speech.name,
                    role,
                    speech.faction.as_deref(),
                );
            }
            for vote in record.votes.iter().filter(|v| !v.corrected) {
                for voted in member_votes(meeting, &minutes.attendance, vote, vote.recorded_at) {
                    add(
                        &mut participants,
                        &voted.member,
                        "raadslid",
                        voted.faction.as_deref(),
                    );
                }
            }
        }
        self.participants = participants;
    }

    fn participant_id(&self, name: &str) -> Option<String> {
        self.participants
            .iter()
            .position(|p| p.name == name.trim())
            .map(|index| format!("deelnemer-{}", index + 1))
    }

    /// The `natuurlijkpersonen` and `aanwezigedeelnemers` of the participants.
    fn people(&mut self) {
        let mut persons = Vec::new();
        let mut present = Vec::new();
        for (index, participant) in self.participants.iter().enumerate() {
            let person_id = format!("persoon-{}", index + 1);
            let mut person = self.resource("natuurlijkpersonen", &person_id);
            person.insert(
                "naamNatuurlijkPersoon".into(),
                name_parts(&participant.name),
            );
            persons.push(Value::Object(person));

            let id = format!("deelnemer-{}", index + 1);
            let mut map = self.resource("aanwezigedeelnemers", &id);
            map.insert(
                "natuurlijkPersoon".into(),
                self.reference("natuurlijkpersonen", &person_id),
            );
            map.insert(
                "vergadering".into(),
                self.reference("vergaderingen", MEETING_ID),
            );
            map.insert("rolnaam".into(), json!(participant.role));
            if let Some(organisation) = &participant.organisation {
                map.insert("organisatie".into(), json!(cut(organisation, NAME)));
            }
            if let Some(arrived) = participant.arrived {
                map.insert("aanvangAanwezigheid".into(), json!(rfc3339(arrived)));
            }
            if let Some(left) = participant.left {
                map.insert("eindeAanwezigheid".into(), json!(rfc3339(left)));
            }
            present.push(Value::Object(map));
        }
        self.out.natuurlijkpersonen = persons;
        self.out.aanwezigedeelnemers = present;
    }

    /// The agenda items, with their speeches, votes and commitments; returns their ids.
    fn agenda(&mut self) -> Vec<String> {
        let (meeting, minutes) = (self.meeting, self.minutes);
        let mut ids = Vec::new();
        for (index, item) in items_in_agenda_order(meeting, minutes)
            .into_iter()
            .enumerate()
        {
            let id = format!("agendapunt-{}", index + 1);
            let mut map = self.resource("agendapunten", &id);
            map.insert(
                "vergadering".into(),
                self.reference("vergaderingen", MEETING_ID),
            );
            map.insert("agendapuntKenmerk".into(), json!(cut(item.number, MARK)));
            let title = if item.title.trim().is_empty() {
                item.number
            } else {
                item.title
            };
            map.insert("agendapuntTitel".into(), json!(cut(title, TITLE)));
            if index < 999 {
                map.insert(
                    "agendapuntvolgnummer".into(),
                    json!((index + 1).to_string()),
                );
            }
            if let Some(planned) = item.planned {
                if let Some(summary) = &planned.summary {
                    // Published: the agenda text without its contact passage, as the terugblik.
                    let text = super::terugblik::published(summary, false);
                    if !text.trim().is_empty() {
                        map.insert("agendapuntOmschrijving".into(), json!(text));
                    }
                }
                let (start, end) = planned_range(meeting.date, planned.slot);
                if let Some(start) = start {
                    map.insert("geplandeStarttijd".into(), json!(self.planned(start)));
                }
                if let Some(end) = end {
                    map.insert("geplandeEindtijd".into(), json!(self.planned(end)));
                }
            }
            if let Some(record) = item.recorded {
                // Both or neither: the standard's end "must be there when the start is".
                let first = record.periods.first().map(|p| p.started_at);
                let last = record.periods.last().and_then(|p| p.ended_at);
                if let (Some(first), Some(last)) = (first, last) {
                    map.insert("starttijd".into(), json!(rfc3339(first)));
                    map.insert("eindtijd".into(), json!(rfc3339(last)));
                }
                let dealt_with = match record.status {
                    Status::Done | Status::Adjourned | Status::Running => Some(true),
                    Status::Skipped => Some(false),
                    Status::Pending => None,
                };
                if let Some(dealt_with) = dealt_with {
                    map.insert("indicatorBehandeld".into(), json!(dealt_with));
                }
                self.speeches(&id, record);
                let votes = self.votes(&id, record);
                if !votes.is_empty() {
                    map.insert("stemmingen".into(), json!(votes));
                }
                self.commitments(&id, record);
            } else if minutes.closed_at.is_some() {
                map.insert("indicatorBehandeld".into(), json!(false));
            }
            self.out.agendapunten.push(Value::Object(map));
            ids.push(id);
        }
        ids
    }

    fn speeches(&mut self, item_id: &str, record: &crate::domain::minutes::ItemMinutes) {
        for (_, speech, started_at) in speeches_held(record) {
            let Some(speaker) = self.participant_id(&speech.name) else {
                continue;
            };
            let id = format!("spreekfragment-{}", self.out.spreekfragmenten.len() + 1);
            let mut map = self.resource("spreekfragmenten", &id);
            map.insert(
                "aanwezigeDeelnemer".into(),
                self.reference("aanwezigedeelnemers", &speaker),
            );
            map.insert("agendapunt".into(), self.reference("agendapunten", item_id));
            map.insert("aanvangSpreekfragment".into(), json!(rfc3339(started_at)));
            if let Some(ended_at) = speech.ended_at {
                map.insert("eindeSpreekfragment".into(), json!(rfc3339(ended_at)));
            }
            if let Some(stream) = self.options.stream_start {
                let offset = |at: Timestamp| (at - stream).num_seconds().max(0);
                map.insert(
                    "videoTijdsaanduidingAanvang".into(),
                    json!(offset(started_at)),
                );
                if let Some(ended_at) = speech.ended_at {
                    map.insert("videoTijdsaanduidingEinde".into(), json!(offset(ended_at)));
                }
            }
            let title = match &speech.faction {
                Some(faction) if *faction != speech.name => format!("{} ({faction})", speech.name),
                _ => speech.name.clone(),
            };
            map.insert("titelSpreekfragment".into(), json!(cut(&title, TITLE)));
            map.insert("taal".into(), json!(self.options.lang.tag()));
            self.out.spreekfragmenten.push(Value::Object(map));
        }
    }

    /// The item's votes, each with what it was about (an `informatieobject`), every member's
    /// vote (`stemmen`) and each faction's result; returns the votes' urls.
    fn votes(
        &mut self,
        item_id: &str,
        record: &crate::domain::minutes::ItemMinutes,
    ) -> Vec<String> {
        let (meeting, minutes) = (self.meeting, self.minutes);
        let mut urls = Vec::new();
        for vote in record.votes.iter().filter(|v| !v.corrected) {
            let id = format!("stemming-{}", self.out.stemmingen.len() + 1);
            let document_id = format!("informatieobject-{}", self.out.informatieobjecten.len() + 1);
            let mut document = self.resource("informatieobjecten", &document_id);
            document.insert("titel".into(), json!(cut(&vote.subject, LONG_TITLE)));
            let kind = match vote.kind {
                VoteKind::Proposal => "voorstel",
                VoteKind::Motion => "motie",
                VoteKind::Amendment => "amendement",
            };
            document.insert("informatieobjecttype".into(), json!(kind));
            if !vote.submitted_by.is_empty() {
                let by = vote.submitted_by.join(", ");
                document.insert("auteur".into(), json!(cut(&by, LONG_TITLE)));
            }
            document.insert(
                "agendapunten".into(),
                json!([self.reference("agendapunten", item_id)]),
            );
            self.out.informatieobjecten.push(Value::Object(document));

            let mut map = self.resource("stemmingen", &id);
            map.insert("agendapunt".into(), self.reference("agendapunten", item_id));
            map.insert(
                "informatieobject".into(),
                self.reference("informatieobjecten", &document_id),
            );
            let result = match vote.result {
                VoteResult::Adopted => "voor",
                VoteResult::Rejected => "tegen",
                VoteResult::Tied => "gelijk",
            };
            map.insert("resultaatMondelingeStemming".into(), json!(result));
            let kind = match vote.method {
                Method::Factions => "regulier",
                Method::RollCall => "hoofdelijk",
            };
            map.insert("stemmingstype".into(), json!(kind));
            let voted = member_votes(meeting, &minutes.attendance, vote, vote.recorded_at);
            let mut ballots = Vec::new();
            for member in &voted {
                let choice = match (member.not_voting, member.side) {
                    (true, _) => "onthouden",
                    (false, Some(Side::For)) => "voor",
                    (false, Some(Side::Against)) => "tegen",
                    (false, None) => continue,
                };
                let Some(participant) = self.participant_id(&member.member) else {
                    continue;
                };
                let ballot_id = format!("stem-{}", self.out.stemmen.len() + 1);
                let mut ballot = self.resource("stemmen", &ballot_id);
                ballot.insert(
                    "aanwezigeDeelnemer".into(),
                    self.reference("aanwezigedeelnemers", &participant),
                );
                ballot.insert("stemming".into(), self.reference("stemmingen", &id));
                ballot.insert("keuzeStemming".into(), json!(choice));
                ballots.push(self.url("stemmen", &ballot_id));
                self.out.stemmen.push(Value::Object(ballot));
            }
            map.insert("stemmen".into(), json!(ballots));
            for faction in &meeting.factions {
                let sides: Vec<Side> = voted
                    .iter()
                    .filter(|m| m.faction.as_deref() == Some(faction.name.as_str()))
                    .filter_map(|m| m.side)
                    .collect();
                let Some(faction_id) = self.faction_id(&faction.name) else {
                    continue;
                };
                let result = if sides.is_empty() {
                    continue;
                } else if sides.iter().all(|s| *s == Side::For) {
                    "aangenomen"
                } else if sides.iter().all(|s| *s == Side::Against) {
                    "verworpen"
                } else {
                    "verdeeld"
                };
                let result_id = format!(
                    "stemresultaat-{}",
                    self.out.stemresultatenperfractie.len() + 1
                );
                let mut entry = self.resource("stemresultatenperfractie", &result_id);
                entry.insert("fractie".into(), self.reference("fracties", &faction_id));
                entry.insert("stemming".into(), self.reference("stemmingen", &id));
                entry.insert("fractiestemresultaat".into(), json!(result));
                self.out.stemresultatenperfractie.push(Value::Object(entry));
            }
            urls.push(self.url("stemmingen", &id));
            self.out.stemmingen.push(Value::Object(map));
        }
        urls
    }

    /// Each commitment as an `informatieobject` of type `toezegging`.
    fn commitments(&mut self, item_id: &str, record: &crate::domain::minutes::ItemMinutes) {
        for commitment in &record.commitments {
            let id = format!("informatieobject-{}", self.out.informatieobjecten.len() + 1);
            let mut map = self.resource("informatieobjecten", &id);
            map.insert("informatieobjecttype".into(), json!("toezegging"));
            map.insert("titel".into(), json!(cut(&commitment.id, LONG_TITLE)));
            map.insert("inhoud".into(), json!(commitment.text));
            map.insert("auteur".into(), json!(cut(&commitment.by, LONG_TITLE)));
            let made = commitment.recorded_at.date_naive().format("%Y-%m-%d");
            map.insert("creatiedatum".into(), json!(made.to_string()));
            map.insert("taal".into(), json!(self.options.lang.tag()));
            map.insert(
                "agendapunten".into(),
                json!([self.reference("agendapunten", item_id)]),
            );
            map.insert(
                "vergaderingen".into(),
                json!([self.reference("vergaderingen", MEETING_ID)]),
            );
            self.out.informatieobjecten.push(Value::Object(map));
        }
    }
}

/// The one meeting of an export.
const MEETING_ID: &str = "vergadering-1";

/// The meeting file's name without `.yaml`, made safe for a URN.
fn stem(minutes: &Minutes) -> String {
    let name = minutes.meeting.trim();
    let stem = name
        .strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"))
        .unwrap_or(name);
    let safe: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-._".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    if safe.is_empty() {
        minutes.date.format("%Y-%m-%d").to_string()
    } else {
        safe
    }
}

/// A text cut to the standard's limit, at a character, with "…" when it was longer.
fn cut(text: &str, limit: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= limit {
        return text.to_string();
    }
    let mut shortened: String = text.chars().take(limit.saturating_sub(1)).collect();
    shortened.push('…');
    shortened
}

/// The standard's name parts from one written name: the whole name as it stands, the last word
/// as the surname and the particles before it (van, de, der …) as its tussenvoegsel.
fn name_parts(name: &str) -> Value {
    const PARTICLES: &[&str] = &[
        "van", "de", "der", "den", "het", "'t", "te", "ter", "ten", "in", "op", "vd", "v.d.",
    ];
    let words: Vec<&str> = name.split_whitespace().collect();
    let surname = words.last().copied().unwrap_or(name);
    let mut particles: Vec<&str> = words[..words.len().saturating_sub(1)]
        .iter()
        .rev()
        .take_while(|word| PARTICLES.contains(word))
        .copied()
        .collect();
    particles.reverse();
    let mut parts = Map::new();
    parts.insert("achternaam".into(), json!(cut(surname, SURNAME)));
    if !particles.is_empty() {
        parts.insert(
            "tussenvoegsel".into(),
            json!(cut(&particles.join(" "), MARK)),
        );
    }
    parts.insert("volledigeNaam".into(), json!(cut(name, FULL_NAME)));
    Value::Object(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_split_as_the_standard_asks() {
        assert_eq!(
            name_parts("Peter van Drielen"),
            json!({ "achternaam": "Drielen", "tussenvoegsel": "van", "volledigeNaam": "Peter van Drielen" })
        );
        assert_eq!(
            name_parts("Wethouder Meijerink"),
            json!({ "achternaam": "Meijerink", "volledigeNaam": "Wethouder Meijerink" })
        );
    }

    #[test]
    fn a_text_over_its_limit_is_cut_at_a_character() {
        assert_eq!(cut("ééééé", 3), "éé…");
        assert_eq!(cut(" kort ", 10), "kort");
    }
}
