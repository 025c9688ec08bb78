//! The rules that recognise the parts of an agenda pack, as data: one `Style` per council.
//!
//! Every pattern is a regular expression (the `regex` crate's syntax) matched against one line
//! of the pack's text, or, where said, against an item's text joined into one line. A new
//! council's pack is added by writing a `Style` like `ZWOLLE` and adding it to `STYLES`; the
//! code that applies the rules does not change.

use regex::Regex;

/// One council's way of writing its agenda pack.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// The style's name, written in the meeting file's first comment.
    pub name: &'static str,
    /// The council, written as the meeting's `body` (a guess: the pack rarely says it).
    pub body: Option<&'static str>,
    /// An agenda line: `number`, `title`, and optionally `start` and `end` (or only `start`).
    pub item_line: &'static str,
    /// The meeting's title: a line of its own (the first match wins).
    pub title: &'static str,
    /// The meeting's date as `day month year`, with the month's name from `months`.
    pub date: &'static str,
    pub months: [&'static str; 12],
    pub location: &'static str,
    pub start: &'static str,
    pub end: &'static str,
    pub chair: &'static str,
    pub clerk: &'static str,
    /// The agenda sheet (agendablad) of an item starts at this line, which names its subject.
    pub sheet_subject: &'static str,
    /// Lines above `sheet_subject` that still belong to the sheet (besides the item line).
    pub sheet_head: &'static str,
    pub portfolio_holder: &'static str,
    /// An informant on the sheet: `Surname, Given names (phone)`, or a name in reading order.
    pub sheet_informant: &'static str,
    pub co_authors: &'static str,
    pub department: &'static str,
    /// The sheet's list of attachments starts here; `attachment_entry` lines start each entry,
    /// other lines continue the one before; a blank line ends the list.
    pub attachments: &'static str,
    /// An entry: `prefix` (its role, as "Voorstel") and `title`.
    pub attachment_entry: &'static str,
    /// The heading of the proposed decision; its text follows up to a blank line.
    pub proposed_decision: &'static str,
    /// In an item's joined text: an informant, with `role` text before it, `name`, and `phone`
    /// and/or `email` (or `email2` when there is no phone).
    pub informant: &'static str,
    /// In an item's joined text: the requesting factions as one `list`.
    pub requested_by: &'static str,
    /// Splits the list of `requested_by` into factions.
    pub list_separator: &'static str,
    /// In an item's joined text: the debate question as `question`.
    pub debate_question: &'static str,
    /// An e-mail address in the header of an item's first attachment (for informants the
    /// agenda gives no address for).
    pub email_line: &'static str,
    /// The kind of an item from its title, first match wins.
    pub kinds: &'static [(&'static str, &'static str)],
    /// An item that matched no title rule is a debate when its text matches this.
    pub debate_text: &'static str,
    /// The kind of an attachment from its title, first match wins; else its sheet prefix.
    pub attachment_kinds: &'static [(&'static str, &'static str)],
    /// A line that starts a new document in the attachments' text, used for the next attachment
    /// whose title is not found as a line of its own (at most one per gap between known starts).
    pub document_start: &'static [&'static str],
    /// A second run over the agenda after the agenda itself (a report such as the korte
    /// terugblik) starts with an item line numbered like the first item; until the first
    /// sheet it is left out, and named in the summary.
    pub report_name: &'static str,
}

/// The Zwolle Raadsplein's pack as its RIS publishes it (agenda, agendabladen, attachments).
pub const ZWOLLE: Style = Style {
    name: "zwolle",
    body: Some("Gemeenteraad Zwolle"),
    item_line: r"^\s*(?P<number>\d{1,2}(?:\.[a-z])?)\.?\s+(?P<title>\p{Lu}.*?)\s*(?:\(\s*(?P<start>\d{1,2}[.:]\d{2})\s*(?:[-–—]\s*(?P<end>\d{1,2}[.:]\d{2})\s*)?uur\s*\))?\s*$",
    title: r"^\s*(?P<value>(?:Raadsplein|Gemeenteraad|Commissie|Raadsvergadering)\b.*?)\s*$",
    date: r"^\s*(?:Vergadering d\.d\.|Datum)\s+(?P<day>\d{1,2})\s+(?P<month>\p{L}+)\s+(?P<year>\d{4})\s*$",
    // A Dutch council: the month names as the catalogue writes them.
    months: crate::i18n::MONTHS_NL,
    location: r"^\s*Locatie\s+(?P<value>.+?)\s*$",
    start: r"^\s*Aanvang\s+(?P<value>\d{1,2}[.:]\d{2})(?:\s*uur)?\s*$",
    end: r"^\s*Eindtijd\s+(?P<value>\d{1,2}[.:]\d{2})(?:\s*uur)?\s*$",
    chair: r"^\s*Voorzitter\s+(?P<value>(?:Dhr|Mevr|De heer|Mevrouw)\b.+?)\s*$",
    clerk: r"^\s*(?:Griffier(?:/secretaris)?|Secretaris)\s+(?P<value>.+?)\s*$",
    sheet_subject: r"^\s*onderwerp\s+(?P<value>.+?)\s*$",
    sheet_head: r"^\s*(?:Raadsplein\b|Gemeenteraad\b|Commissie\b|Datum\s)",
    portfolio_holder: r"^\s*portefeuillehouder\s+(?P<value>.*?)\s*$",
    sheet_informant: r"^\s*informant\s+(?P<value>.*?)\s*$",
    co_authors: r"^\s*medeopstellers\s*(?P<value>.*?)\s*$",
    department: r"^\s*afdeling\s+(?P<value>.*?)\s*$",
    attachments: r"^\s*bijlagen\s+(?P<value>.*?)\s*$",
    attachment_entry: r"^\s*(?P<prefix>Voorstel|Bijlage|Raadsvoorstel|Informatienota):\s*(?P<title>.*?)\s*$",
    proposed_decision: r"^\s*Voorgesteld besluit\b.*$",
    informant: r"(?P<role>[^:]*?):\s*(?P<name>\p{Lu}[\p{L}.'\- ]+?)\s*(?:\((?P<phone>\d[\d -]*)\)\s*(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)?|(?P<email2>[\w.+-]+@[\w-]+(?:\.[\w-]+)+))",
    requested_by: r"Op verzoek van (?:de )?fracties? van (?:de )?(?P<list>.+?) (?:heeft|hebben|is|wordt)\b",
    list_separator: r"\s*,\s*|\s+en\s+",
    debate_question: r"De debatvraag luidt:\s*(?P<question>[^?]+\?)",
    email_line: r"^\s*E-?mail\s+(?P<value>.+?)\s*$",
    kinds: &[
        (r"(?i)^opening\b", "opening"),
        (r"(?i)^(?:sluiting|afsluiting)\b", "closing"),
        (r"(?i)^(?:pauze|schorsing)\b", "break"),
        (
            r"(?i)^(?:vaststell?ing van de agenda|vaststellen agenda|debatronde|mededelingen|ingekomen stukken|vragenuur|besluitenlijst)\b",
            "procedural",
        ),
    ],
    debate_text: r"(?i)\bdebat",
    attachment_kinds: &[
        (r"(?i)^(?:\d+\.\s*)?informatienota\b", "informatienota"),
        (r"(?i)^(?:\d+\.\s*)?raadsvoorstel\b", "raadsvoorstel"),
        (r"(?i)^(?:\d+\.\s*)?advies\b", "advies"),
        (r"(?i)^(?:\d+\.\s*)?\w*rapport\b", "rapport"),
        (r"(?i)^(?:\d+\.\s*)?brief\b", "brief"),
        (r"(?i)^(?:\d+\.\s*)?plan\b", "plan"),
        (r"(?i)^(?:\d+\.\s*)?motie\b", "motie"),
        (r"(?i)^(?:\d+\.\s*)?amendement\b", "amendement"),
    ],
    document_start: &[
        r"^\s*VOORWOORD\s*$",
        r"^\s*1\.\s+Inleiding\s*$",
        r"^\s*reactie op uw advies\b",
    ],
    report_name: "korte terugblik",
};

/// Every style gavel knows, the default first.
pub const STYLES: &[Style] = &[ZWOLLE];

/// A style's patterns, compiled once.
#[derive(Debug)]
pub struct Rules {
    pub style: Style,
    pub item_line: Regex,
    pub title: Regex,
    pub date: Regex,
    pub location: Regex,
    pub start: Regex,
    pub end: Regex,
    pub chair: Regex,
    pub clerk: Regex,
    pub sheet_subject: Regex,
    pub sheet_head: Regex,
    pub portfolio_holder: Regex,
    pub sheet_informant: Regex,
    pub co_authors: Regex,
    pub department: Regex,
    pub attachments: Regex,
    pub attachment_entry: Regex,
    pub proposed_decision: Regex,
    pub informant: Regex,
    pub requested_by: Regex,
    pub list_separator: Regex,
    pub debate_question: Regex,
    pub email_line: Regex,
    pub kinds: Vec<(Regex, &'static str)>,
    pub debate_text: Regex,
    pub attachment_kinds: Vec<(Regex, &'static str)>,
    pub document_start: Vec<Regex>,
}

impl Rules {
    /// Compiles a style; a pattern that does not compile is a mistake in the style, named here.
    pub fn new(style: Style) -> Result<Rules, String> {
        let re = |pattern: &str| {
            Regex::new(pattern).map_err(|e| format!("style {}: {pattern}: {e}", style.name))
        };
        let pairs = |table: &[(&str, &'static str)]| -> Result<Vec<(Regex, &'static str)>, String> {
            table.iter().map(|(p, k)| Ok((re(p)?, *k))).collect()
        };
        Ok(Rules {
            item_line: re(style.item_line)?,
            title: re(style.title)?,
            date: re(style.date)?,
            location: re(style.location)?,
            start: re(style.start)?,
            end: re(style.end)?,
            chair: re(style.chair)?,
            clerk: re(style.clerk)?,
            sheet_subject: re(style.sheet_subject)?,
            sheet_head: re(style.sheet_head)?,
            portfolio_holder: re(style.portfolio_holder)?,
            sheet_informant: re(style.sheet_informant)?,
            co_authors: re(style.co_authors)?,
            department: re(style.department)?,
            attachments: re(style.attachments)?,
            attachment_entry: re(style.attachment_entry)?,
            proposed_decision: re(style.proposed_decision)?,
            informant: re(style.informant)?,
            requested_by: re(style.requested_by)?,
            list_separator: re(style.list_separator)?,
            debate_question: re(style.debate_question)?,
            email_line: re(style.email_line)?,
            kinds: pairs(style.kinds)?,
            debate_text: re(style.debate_text)?,
            attachment_kinds: pairs(style.attachment_kinds)?,
            document_start: style
                .document_start
                .iter()
                .map(|p| re(p))
                .collect::<Result<_, _>>()?,
            style,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_style_compiles() {
        for style in STYLES {
            Rules::new(*style).unwrap();
        }
    }

    #[test]
    fn zwolle_item_lines_give_number_title_and_slot() {
        let rules = Rules::new(ZWOLLE).unwrap();
        let caps = rules
            .item_line
            .captures("1.a Opening en Mededelingen (19.30 – 19.35 uur)")
            .unwrap();
        assert_eq!(&caps["number"], "1.a");
        assert_eq!(&caps["title"], "Opening en Mededelingen");
        assert_eq!(&caps["start"], "19.30");
        assert_eq!(&caps["end"], "19.35");
        let caps = rules.item_line.captures("6 Sluiting (22.30 uur)").unwrap();
        assert_eq!(&caps["start"], "22.30");
        assert!(caps.name("end").is_none());
        let caps = rules
            .item_line
            .captures("1.b. Vaststelling van de agenda  ")
            .unwrap();
        assert_eq!(&caps["number"], "1.b");
        assert_eq!(&caps["title"], "Vaststelling van de agenda");
    }
}
