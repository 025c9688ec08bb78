//! The meeting and its minutes as VNG ODS 2.0 (ODS-Open-Raadsinformatie,
//! `schemas/ods/openapi.yaml`): the `Vergadering` with its planned and actual times, an
//! `Agendapunt` per item (`geplandeStarttijd`, `starttijd`, `eindtijd`), an `AanwezigeDeelnemer`
//! per person on the presentielijst (and per other speaker), a `Spreekfragment` per speech
//! (with the stream offset when `--stream-start` is given), and per vote a `Stemming` with its
//! `Stem`men and a `StemresultaatPerFractie` per faction. ODS is an API of resources linked by
//! URL; the export is one document with a list per resource type, as the API's collections
//! would give them, linked by `urn:gavel:<meeting>:<kind>:<n>` URLs. Pure: meeting + minutes in.

use chrono::{DateTime, Duration, FixedOffset, Local, NaiveDateTime, TimeZone};
use serde_json::{Map, Value, json};

use super::recorded::{items_in_agenda_order, rfc3339, speeches_held};
use crate::domain::decision::{Method, Result as VoteResult, Side, Vote};
use crate::domain::meeting::{Meeting, Slot};
use crate::domain::minutes::{Minutes, Role, Speech, Status, Timestamp};

/// The ODS document of the meeting and its minutes; `stream_start` gives the speeches' offsets
/// in the video.
pub fn ods_json(meeting: &Meeting, minutes: &Minutes, stream_start: Option<Timestamp>) -> Value {
    let mut ods = Ods::new(meeting, minutes);
    ods.build(stream_start);
    json!({
        "vergadering": ods.vergadering,
        "agendapunten": ods.agendapunten,
        "aanwezigeDeelnemers": ods.deelnemers,
        "spreekfragmenten": ods.fragmenten,
        "stemmingen": ods.stemmingen,
        "stemmen": ods.stemmen,
        "stemresultatenPerFractie": ods.per_fractie,
    })
}

struct Ods<'a> {
    meeting: &'a Meeting,
    minutes: &'a Minutes,
    base: String,
    vergadering: Value,
    agendapunten: Vec<Value>,
    deelnemers: Vec<Value>,
    /// Who each deelnemer is (name, role), by index.
    who: Vec<(String, &'static str)>,
    fragmenten: Vec<Value>,
    stemmingen: Vec<Value>,
    stemmen: Vec<Value>,
    per_fractie: Vec<Value>,
}

/// `{"url", "id"}`: a VerwijzingNaarResource.
fn reference(url: &str, id: &str) -> Value {
    json!({ "url": url, "id": id })
}

impl<'a> Ods<'a> {
    fn new(meeting: &'a Meeting, minutes: &'a Minutes) -> Self {
        let stem = minutes
            .meeting
            .trim_end_matches(".yaml")
            .trim_end_matches(".yml");
        let stem: String = stem
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        Ods {
            meeting,
            minutes,
            base: format!("urn:gavel:{stem}"),
            vergadering: Value::Null,
            agendapunten: Vec::new(),
            deelnemers: Vec::new(),
            who: Vec::new(),
            fragmenten: Vec::new(),
            stemmingen: Vec::new(),
            stemmen: Vec::new(),
            per_fractie: Vec::new(),
        }
    }

    fn url(&self, kind: &str, id: &str) -> String {
        format!("{}:{kind}:{id}", self.base)
    }

    fn vergadering_ref(&self) -> Value {
        reference(&self.url("vergaderingen", "1"), "1")
    }

    /// A planned time of the meeting's day, in the offset the meeting was opened in (else the
    /// machine's for that day).
    fn planned(&self, at: NaiveDateTime) -> String {
        let offset = match self.minutes.opened_at {
            Some(opened) => *opened.offset(),
            None => Local
                .from_local_datetime(&at)
                .earliest()
                .map(|d| *d.offset())
                .unwrap_or_else(|| FixedOffset::east_opt(0).expect("UTC")),
        };
        offset
            .from_local_datetime(&at)
            .earliest()
            .map(rfc3339)
            .unwrap_or_else(|| at.format("%Y-%m-%dT%H:%M:%S").to_string())
    }

    fn build(&mut self, stream_start: Option<Timestamp>) {
        let (meeting, minutes) = (self.meeting, self.minutes);
        for presence in &minutes.attendance {
            let n = self.deelnemer(&presence.name, "raadslid", presence.faction.as_deref());
            let object = self.deelnemers[n].as_object_mut().expect("an object");
            object.insert(
                "aanvangAanwezigheid".into(),
                json!(rfc3339(presence.arrived_at)),
            );
            if let Some(left) = presence.left_at {
                object.insert("eindeAanwezigheid".into(), json!(rfc3339(left)));
            }
        }
        let mut urls = Vec::new();
        for (index, item) in items_in_agenda_order(meeting, minutes)
            .into_iter()
            .enumerate()
        {
            let id = (index + 1).to_string();
            let url = self.url("agendapunten", &id);
            urls.push(url.clone());
            let mut punt = Map::new();
            punt.insert("url".into(), json!(url));
            punt.insert("id".into(), json!(id));
            punt.insert("vergadering".into(), self.vergadering_ref());
            punt.insert("agendapuntKenmerk".into(), json!(cut(item.number, 20)));
            punt.insert("agendapuntTitel".into(), json!(item.title));
            punt.insert("agendapuntvolgnummer".into(), json!(cut(&id, 3)));
            punt.insert("geplandAgendapuntvolgnummer".into(), json!(cut(&id, 3)));
            if let Some(planned) = item.planned {
                if let Some(summary) = &planned.summary {
                    punt.insert("agendapuntOmschrijving".into(), json!(summary.trim_end()));
                }
                let day = meeting.date;
                let (start, end) = match planned.slot {
                    Slot::Range { start, end } => (Some(start), Some(end)),
                    Slot::StartOnly { start } => (Some(start), None),
                    _ => (None, None),
                };
                if let Some(start) = start {
                    punt.insert(
                        "geplandeStarttijd".into(),
                        json!(self.planned(day.and_time(start))),
                    );
                }
                if let (Some(start), Some(end)) = (start, end) {
                    // A slot past midnight ends the day after.
                    let end_at = if end < start {
                        (day + Duration::days(1)).and_time(end)
                    } else {
                        day.and_time(end)
                    };
                    punt.insert("geplandeEindtijd".into(), json!(self.planned(end_at)));
                }
            }
            if let Some(recorded) = item.recorded {
                if let Some(first) = recorded.periods.first() {
                    punt.insert("starttijd".into(), json!(rfc3339(first.started_at)));
                }
                if let Some(end) = recorded.periods.last().and_then(|p| p.ended_at) {
                    punt.insert("eindtijd".into(), json!(rfc3339(end)));
                }
                punt.insert(
                    "indicatorBehandeld".into(),
                    json!(recorded.status == Status::Done),
                );
                for (_, speech, started) in speeches_held(recorded) {
                    self.fragment(speech, started, &url, &id, stream_start);
                }
                for vote in &recorded.votes {
                    self.stemming(vote, &url, &id);
                }
            }
            self.agendapunten.push(Value::Object(punt));
        }
        let mut vergadering = Map::new();
        vergadering.insert("url".into(), json!(self.url("vergaderingen", "1")));
        vergadering.insert("id".into(), json!("1"));
        vergadering.insert("naam".into(), json!(meeting.title));
        let committee = [meeting.body.as_deref(), Some(meeting.title.as_str())]
            .into_iter()
            .flatten()
            .any(|t| t.to_lowercase().contains("commissie"));
        let kind = if committee {
            "commissievergadering"
        } else {
            "raadsvergadering"
        };
        vergadering.insert("vergaderingstype".into(), json!(kind));
        vergadering.insert(
            "geplandeVergaderdatum".into(),
            json!(meeting.date.format("%Y-%m-%d").to_string()),
        );
        if let Some(start) = meeting.planned_start() {
            vergadering.insert(
                "geplandeAanvangVergadering".into(),
                json!(self.planned(start)),
            );
        }
        if let Some(end) = meeting.planned_end() {
            vergadering.insert("geplandeEindeVergadering".into(), json!(self.planned(end)));
        }
        if let Some(opened) = self.minutes.opened_at {
            vergadering.insert("aanvangVergadering".into(), json!(rfc3339(opened)));
            vergadering.insert(
                "vergaderdatum".into(),
                json!(opened.format("%Y-%m-%d").to_string()),
            );
        }
        if let Some(closed) = self.minutes.closed_at {
            vergadering.insert("eindeVergadering".into(), json!(rfc3339(closed)));
        }
        let status = if self.minutes.closed_at.is_some() {
            "gehouden"
        } else {
            "gepland"
        };
        vergadering.insert("status".into(), json!(status));
        if let Some(location) = &meeting.location {
            vergadering.insert("locatie".into(), json!(location));
        }
        if let Some(body) = &meeting.body {
            vergadering.insert(
                "georganiseerdDoorGremium".into(),
                json!({ "gremiumidentificatie": cut(&slug(body), 10), "gremiumnaam": cut(body, 100) }),
            );
        }
        vergadering.insert("agendapunten".into(), json!(urls));
        self.vergadering = Value::Object(vergadering);
    }

    /// The deelnemer for `name` (made on first mention), by index.
    fn deelnemer(&mut self, name: &str, role: &'static str, faction: Option<&str>) -> usize {
        if let Some(n) = self.who.iter().position(|(n, _)| n == name) {
            return n;
        }
        let id = (self.deelnemers.len() + 1).to_string();
        let person = slug(name);
        let mut object = Map::new();
        object.insert("url".into(), json!(self.url("aanwezigedeelnemers", &id)));
        object.insert("id".into(), json!(id));
        object.insert(
            "natuurlijkPersoon".into(),
            reference(&self.url("natuurlijkepersonen", &person), &cut(&person, 40)),
        );
        object.insert("vergadering".into(), self.vergadering_ref());
        object.insert("rolnaam".into(), json!(role));
        if let Some(faction) = faction {
            object.insert("organisatie".into(), json!(cut(faction, 100)));
        }
        object.insert("stemmen".into(), json!([]));
        self.deelnemers.push(Value::Object(object));
        self.who.push((name.to_string(), role));
        self.deelnemers.len() - 1
    }

    fn deelnemer_ref(&self, n: usize) -> Value {
        let object = &self.deelnemers[n];
        reference(
            object["url"].as_str().unwrap_or_default(),
            object["id"].as_str().unwrap_or_default(),
        )
    }

    fn fragment(
        &mut self,
        speech: &Speech,
        started: Timestamp,
        punt_url: &str,
        punt_id: &str,
        stream: Option<Timestamp>,
    ) {
        let role = match speech.role {
            Role::Member => "raadslid",
            Role::PortfolioHolder => "portefeuillehouder",
            Role::Chair => "voorzitter",
            Role::Informant | Role::Other => "overig",
        };
        // A faction speaking as such ("VVD") is its member on the list; the name is as recorded.
        let n = self.deelnemer(&speech.name, role, speech.faction.as_deref());
        let id = (self.fragmenten.len() + 1).to_string();
        let ended = speech
            .ended_at
            .unwrap_or_else(|| started + Duration::seconds(speech.seconds as i64));
        let mut object = Map::new();
        object.insert("url".into(), json!(self.url("spreekfragmenten", &id)));
        object.insert("id".into(), json!(id));
        object.insert("aanwezigeDeelnemer".into(), self.deelnemer_ref(n));
        object.insert("agendapunt".into(), reference(punt_url, punt_id));
        object.insert("aanvangSpreekfragment".into(), json!(rfc3339(started)));
        object.insert("eindeSpreekfragment".into(), json!(rfc3339(ended)));
        object.insert("titelSpreekfragment".into(), json!(cut(&speech.name, 100)));
        if let Some(stream) = stream {
            let offset = |at: DateTime<FixedOffset>| (at - stream).num_seconds().max(0);
            object.insert("videoTijdsaanduidingAanvang".into(), json!(offset(started)));
            object.insert("videoTijdsaanduidingEinde".into(), json!(offset(ended)));
        }
        self.fragmenten.push(Value::Object(object));
    }

    fn stemming(&mut self, vote: &Vote, punt_url: &str, punt_id: &str) {
        let id = (self.stemmingen.len() + 1).to_string();
        let url = self.url("stemmingen", &id);
        let result = match vote.result {
            VoteResult::Adopted => "voor",
            VoteResult::Rejected => "tegen",
            VoteResult::Tied => "gelijk",
        };
        let kind = match vote.method {
            Method::RollCall => "hoofdelijk",
            Method::Factions => "regulier",
        };
        // Who voted how: by name for a roll call; else each member present of a faction, as
        // the faction voted unless recorded as dissenting.
        let mut votes: Vec<(String, Option<String>, &'static str)> = Vec::new();
        match vote.method {
            Method::RollCall => {
                for (names, side) in [(&vote.for_, "voor"), (&vote.against, "tegen")] {
                    for name in names {
                        let faction = self.faction_of(name);
                        votes.push((name.clone(), faction, side));
                    }
                }
            }
            Method::Factions => {
                let minutes = self.minutes;
                for presence in &minutes.attendance {
                    let present = presence.arrived_at <= vote.recorded_at
                        && presence.left_at.is_none_or(|left| left > vote.recorded_at);
                    let Some(faction) = &presence.faction else {
                        continue;
                    };
                    if !present || vote.not_voting.contains(&presence.name) {
                        continue;
                    }
                    let side = if let Some(dissent) =
                        vote.dissent.iter().find(|d| d.name == presence.name)
                    {
                        match dissent.vote {
                            Side::For => "voor",
                            Side::Against => "tegen",
                        }
                    } else if vote.for_.contains(faction) {
                        "voor"
                    } else if vote.against.contains(faction) {
                        "tegen"
                    } else {
                        continue;
                    };
                    votes.push((presence.name.clone(), Some(faction.clone()), side));
                }
            }
        }
        let mut stem_urls = Vec::new();
        for (name, faction, side) in votes {
            let n = self.deelnemer(&name, "raadslid", faction.as_deref());
            let stem_id = (self.stemmen.len() + 1).to_string();
            let stem_url = self.url("stemmen", &stem_id);
            self.stemmen.push(json!({
                "url": stem_url,
                "id": stem_id,
                "aanwezigeDeelnemer": self.deelnemer_ref(n),
                "stemming": reference(&url, &id),
                "keuzeStemming": side,
            }));
            if let Some(list) = self.deelnemers[n]["stemmen"].as_array_mut() {
                list.push(json!(stem_url));
            }
            stem_urls.push(stem_url);
        }
        // Per faction: for, against, or split when one of its members dissented.
        let mut factions: Vec<(&String, &'static str)> = Vec::new();
        if vote.method == Method::Factions {
            factions.extend(vote.for_.iter().map(|f| (f, "aangenomen")));
            factions.extend(vote.against.iter().map(|f| (f, "verworpen")));
        }
        for (faction, stance) in factions {
            let split = vote
                .dissent
                .iter()
                .any(|d| self.faction_of(&d.name).as_deref() == Some(faction.as_str()));
            let result_id = (self.per_fractie.len() + 1).to_string();
            let fractie = slug(faction);
            self.per_fractie.push(json!({
                "url": self.url("stemresultatenperfractie", &result_id),
                "id": result_id,
                "fractie": reference(&self.url("fracties", &fractie), &cut(&fractie, 40)),
                "stemming": reference(&url, &id),
                "fractiestemresultaat": if split { "verdeeld" } else { stance },
            }));
        }
        self.stemmingen.push(json!({
            "url": url,
            "id": id,
            "agendapunt": reference(punt_url, punt_id),
            "resultaatMondelingeStemming": result,
            "stemmingstype": kind,
            "stemmen": stem_urls,
        }));
    }

    /// A member's faction: from the presentielijst, else from the meeting's factions.
    fn faction_of(&self, name: &str) -> Option<String> {
        self.minutes
            .attendance
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.faction.clone())
            .or_else(|| {
                self.meeting
                    .factions
                    .iter()
                    .find(|f| f.members.iter().any(|m| m == name))
                    .map(|f| f.name.clone())
            })
    }
}

/// At most `max` characters (the schema's maxLength).
fn cut(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// Letters and digits joined by dashes: an id inside a URL.
fn slug(text: &str) -> String {
    let folded = crate::search::fold::fold_str(text);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        "x".into()
    } else {
        words.join("-")
    }
}
