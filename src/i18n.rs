//! Every word gavel shows, in English and Dutch, keyed by meaning.
//!
//! Views never hold string literals: they ask for a `Msg` in the user's `Lang`. Messages with
//! blanks use `{}` and are filled in order by `Msg::fill`.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Nl,
}

impl Lang {
    /// `--lang` wins; else `LC_ALL`, `LC_MESSAGES` or `LANG` starting with `nl` means Dutch; else English.
    pub fn choose(flag: Option<Lang>, env: impl Fn(&str) -> Option<String>) -> Lang {
        if let Some(lang) = flag {
            return lang;
        }
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Some(value) = env(var).filter(|v| !v.is_empty()) {
                return if value.to_ascii_lowercase().starts_with("nl") {
                    Lang::Nl
                } else {
                    Lang::En
                };
            }
        }
        Lang::En
    }
}

macro_rules! catalogue {
    ($($key:ident => $en:literal, $nl:literal;)*) => {
        /// One visible text, by meaning.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Msg { $($key),* }

        impl Msg {
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Msg::$key, Lang::En) => $en, (Msg::$key, Lang::Nl) => $nl,)*
                }
            }

            #[cfg(test)]
            const ALL: &'static [Msg] = &[$(Msg::$key),*];
        }
    };
}

catalogue! {
    // Panes and headings
    Agenda => "Agenda", "Agenda";
    Live => "Live", "Nu aan de orde";
    NoItemRunning => "No item is running. Select one with ↑/↓ and press Enter to take it up.", "Er loopt geen agendapunt. Kies er een met ↑/↓ en druk Enter om het in behandeling te nemen.";
    NoSpeakers => "No speakers yet (a adds one).", "Nog geen sprekers (a voegt toe).";
    Conclusions => "Conclusions", "Conclusies";
    Commitments => "Commitments", "Toezeggingen";
    Notes => "Notes (private)", "Notities (privé)";
    Waiting => "waiting", "wacht";
    Paused => "paused", "gepauzeerd";
    Left => "{} left", "nog {}";
    Over => "{} over", "{} over tijd";
    PortfolioHolder => "Portfolio holder", "Portefeuillehouder";
    Informants => "Informants", "Informanten";
    CoAuthors => "Co-authors", "Medeopstellers";
    Department => "Department", "Afdeling";
    RequestedBy => "Requested by", "Agenderende fracties";
    SpeakingTime => "Speaking time per faction", "Spreektijd per fractie";
    Attachments => "Attachments", "Bijlagen";
    ProposedDecision => "Proposed decision", "Voorgesteld besluit";
    DebateQuestion => "Debate question", "Debatvraag";
    Summary => "Summary", "Samenvatting";
    TextAttachment => "text: press b to read", "tekst: druk b om te lezen";
    Phone => "phone", "tel.";
    StatusPending => "pending", "nog niet";
    StatusRunning => "running", "loopt";
    StatusDone => "done", "klaar";
    StatusAdjourned => "adjourned", "aangehouden";
    StatusSkipped => "not dealt with", "niet behandeld";
    KindOpening => "opening", "opening";
    KindProcedural => "procedural", "procedureel";
    KindDebate => "debate", "debat";
    KindBreak => "break", "pauze";
    KindClosing => "closing", "sluiting";
    KindItem => "item", "agendapunt";
    // Header
    SinceOpening => "open {}", "open {}";
    NotOpened => "not opened", "nog niet geopend";
    PlannedEnd => "planned end {}", "gepland einde {}";
    ProjectedEnd => "projected end {}", "verwacht einde {}";
    // Save state
    SavedAt => "saved {}", "opgeslagen {}";
    NothingToSave => "nothing recorded yet", "nog niets vastgelegd";
    SaveFailed => "NOT SAVED: {} (retrying)", "NIET OPGESLAGEN: {} (probeer opnieuw)";
    // Roles in pickers
    RoleFaction => "faction", "fractie";
    RoleMember => "member, {}", "lid, {}";
    RolePortfolioHolder => "portfolio holder", "portefeuillehouder";
    RoleInformant => "informant", "informant";
    RoleChair => "chair", "voorzitter";
    RoleClerk => "clerk", "griffier";
    RoleCoAuthor => "co-author", "medeopsteller";
    AsTyped => "add as typed", "toevoegen zoals getypt";
    SearchKindItem => "item", "punt";
    SearchKindAttachment => "attachment, item {}", "bijlage, punt {}";
    SearchKindPerson => "{}, item {}", "{}, punt {}";
    // Overlays
    AddSpeakerTitle => "Add speaker to {}: type to filter", "Spreker toevoegen aan {}: typ om te filteren";
    SearchTitle => "Search: type to filter (# items, @ people, ! attachments, = recorded)", "Zoeken: typ (# punten, @ personen, ! bijlagen, = vastgelegd)";
    AttachmentsTitle => "Attachments of {}: Enter opens, Esc closes", "Bijlagen bij {}: Enter opent, Esc sluit";
    NoMatches => "no matches", "geen resultaten";
    ConclusionTitle => "Conclusion for {}", "Conclusie bij {}";
    CommitmentTitle => "Commitment for {}", "Toezegging bij {}";
    NotesTitle => "Preparation notes for {}", "Voorbereidingsnotities bij {}";
    FieldText => "Text", "Tekst";
    FieldBy => "By", "Door";
    FieldDue => "Due (2018-03-01 or 31-12, optional)", "Uiterlijk (31-12-2017, 31 dec, optioneel)";
    EditorHint => "Ctrl-S stores · Tab next field · Esc keeps the draft", "Ctrl-S legt vast · Tab volgend veld · Esc bewaart het concept";
    ReaderHint => "↑/↓ PgUp/PgDn Home/End scroll · ] [ page · / search, n N next · o viewer · Esc closes", "↑/↓ PgUp/PgDn Home/End bladeren · ] [ pagina · / zoeken, n N volgende · o openen · Esc sluit";
    ReaderPosition => "line {} of {}", "regel {} van {}";
    HelpTitle => "Keys: ↑ ↓ scroll, Esc or ? closes", "Toetsen: ↑ ↓ bladeren, Esc of ? sluit";
    HelpLive => "Live console", "Tijdens de vergadering";
    HelpAttendance => "Attendance list (p)", "Presentielijst (p)";
    HelpVote => "A vote (v)", "Een stemming (v)";
    HelpForms => "In a form", "In een formulier";
    HelpLists => "In a list or picker", "In een lijst of kiezer";
    HelpReader => "In the attachment reader", "In de bijlagenlezer";
    // Messages after an action
    TakenUp => "Item {} taken up: its clock runs.", "Punt {} in behandeling: de klok loopt.";
    AlreadyRunning => "Item {} is already running.", "Punt {} loopt al.";
    ItemStopped => "Item {} stopped.", "Punt {} gestopt.";
    TakeUpFirst => "No item is running: select one and press Enter first.", "Er loopt geen punt: kies er een en druk eerst Enter.";
    NoSpeakerInLine => "No speaker in line: press a to add one.", "Geen spreker op de lijst: druk a om er een toe te voegen.";
    SpeakerAdded => "{} added to the list of speakers.", "{} toegevoegd aan de sprekerslijst.";
    SpeakerStarted => "{} has the floor.", "{} heeft het woord.";
    SpeakerPaused => "{} paused.", "{} gepauzeerd.";
    NextSpeakerNone => "Round finished: no one else in line.", "Termijn klaar: niemand meer op de lijst.";
    NewRoundStarted => "Round {} started.", "Termijn {} begonnen.";
    ConclusionRecorded => "Conclusion recorded for item {}.", "Conclusie vastgelegd bij punt {}.";
    CommitmentRecorded => "Commitment {} recorded.", "Toezegging {} vastgelegd.";
    CommitmentRecordedDue => "Commitment {} recorded, due {}.", "Toezegging {} vastgelegd, uiterlijk {}.";
    NotesStored => "Notes stored for item {}.", "Notities opgeslagen bij punt {}.";
    EmptyText => "Nothing to store: the text is empty.", "Niets vast te leggen: de tekst is leeg.";
    BadDueDate => "The due date must be a date, e.g. 2018-03-01, 31-12-2017, 31-12 or 31 dec.", "De datum moet een datum zijn, bijv. 31-12-2017, 31-12, 31 dec of 2018-03-01.";
    DraftKept => "Draft kept: press {} again to continue.", "Concept bewaard: druk opnieuw {} om verder te gaan.";
    DraftsWaiting => "{} unfinished draft(s) kept from last time: marked ✎ in the agenda.", "{} onafgemaakt(e) concept(en) van de vorige keer: gemarkeerd met ✎ in de agenda.";
    Undone => "Undone.", "Ongedaan gemaakt.";
    NothingToUndo => "Nothing to undo.", "Niets om ongedaan te maken.";
    NoAttachments => "Item {} has no attachments.", "Punt {} heeft geen bijlagen.";
    NoTextFile => "“{}” has no text file in the meeting file.", "“{}” heeft geen tekstbestand in het vergaderbestand.";
    CannotOpen => "Cannot open {}: {}", "Kan {} niet openen: {}";
    OrphanItems => "The minutes hold item(s) {} that the meeting file no longer has: kept, not shown in the agenda.", "De notulen bevatten punt(en) {} die niet meer in het vergaderbestand staan: bewaard, niet in de agenda.";
    MeetingWarnings => "The meeting file has {} warning(s): run gavel check to see them.", "Het vergaderbestand geeft {} waarschuwing(en): gavel check toont ze.";
    Resumed => "Resumed: item {} is still running.", "Hervat: punt {} loopt nog.";
    // gavel check
    CheckOk => "{}: ok: {}, {}", "{}: in orde: {}, {}";
    CheckMinutesOk => "{}: ok: minutes, {}", "{}: in orde: notulen, {}";
    OneItem => "{} item", "{} punt";
    Items => "{} items", "{} punten";
    OneWarning => "{} warning", "{} waarschuwing";
    Warnings => "{} warnings", "{} waarschuwingen";
    // issue 22 (hardening): check and the caps that leave something out
    CheckRegisterOk => "{}: ok: commitments register, {} settled or numbered", "{}: in orde: toezeggingenregister, {} afgedaan of genummerd";
    // Start and end, on the command line
    LockFailed => "gavel: {}", "gavel: {}";
    MovedAside => "gavel: the minutes file did not load; it is kept as {} and new minutes are started.", "gavel: het notulenbestand laadde niet; het is bewaard als {} en er wordt opnieuw begonnen.";
    CannotMoveAside => "gavel: cannot move {} aside: {}", "gavel: kan {} niet opzij zetten: {}";
    FinalSaveFailed => "gavel: the minutes could not be saved: {}", "gavel: de notulen konden niet worden opgeslagen: {}";
    Rescued => "gavel: a copy of the minutes is in {}", "gavel: een kopie van de notulen staat in {}";
    RescuedHere => "gavel: the minutes follow here; copy them before closing this window:", "gavel: de notulen volgen hier; kopieer ze voordat u dit venster sluit:";
    TerminalFailed => "gavel: the terminal failed ({})", "gavel: de terminal viel weg ({})";
    // gavel import
    ImportEmpty => "gavel: {} is empty: give the agenda pack as a PDF or as its text", "gavel: {} is leeg: geef het agendapakket als PDF of als tekst";
    ImportBinary => "gavel: {} is neither a PDF nor text: give the agenda pack as a PDF or as its text", "gavel: {} is geen PDF en geen tekst: geef het agendapakket als PDF of als tekst";
    ImportNoText => "gavel: {} is a PDF without text (a scan?): run it through text recognition (OCR) first, or give its text", "gavel: {} is een PDF zonder tekst (een scan?): laat er eerst tekstherkenning (OCR) op los, of geef de tekst";
    ImportPdfFailed => "gavel: the text of the PDF {} could not be read: {}", "gavel: de tekst van de PDF {} kon niet worden gelezen: {}";
    ImportCannotRead => "gavel: cannot read {}: {}", "gavel: kan {} niet lezen: {}";
    // issue 22 (hardening): import's reader of packs and PDFs
    // The comments of an imported meeting file, in the user's language (issue 19).
    ImportedFrom => "Imported by gavel import from {} (rules: {}).", "Ingelezen door gavel import uit {} (regels: {}).";
    ImportCheckMarked => "Check every value marked \"guessed\" and every passage \"not placed\", then run gavel check.", "Controleer elke waarde met \"gegokt\" en elke passage \"niet geplaatst\", en draai dan gavel check.";
    ImportSkippedReport => "skipped: lines {}-{}: a report of the meeting after the agenda (korte terugblik), not part of the agenda", "overgeslagen: regels {}-{}: een verslag van de vergadering na de agenda (korte terugblik), geen deel van de agenda";
    ImportNotFound => "not found in the pack: {}", "niet gevonden in het pakket: {}";
    ImportGuessed => "guessed: {}", "gegokt: {}";
    ImportNotPlacedComment => "not placed: lines {}-{} of the pack:", "niet geplaatst: regels {}-{} van het pakket:";
    GuessBody => "the council whose rules ({}) read this pack", "de raad wiens regels ({}) dit pakket lazen";
    GuessKindFromTitle => "kind from the title", "soort uit de titel";
    GuessTextStart => "its text taken to start at line {} of the pack, where a new document seems to begin", "de tekst begint naar aangenomen op regel {} van het pakket, waar een nieuw document lijkt te beginnen";
    GuessNoText => "no text of its own found in the pack (it may be in the attachment before it)", "geen eigen tekst gevonden in het pakket (die staat misschien in de bijlage ervoor)";
    GuessDebate => "a debate: its text speaks of one", "een debat: de tekst spreekt ervan";
    GuessEmail => "the e-mail address on line {} of the pack with this surname in it", "het e-mailadres op regel {} van het pakket met deze achternaam erin";
    GuessFactions => "only the factions the pack names (as requesting factions): add the others", "alleen de fracties die het pakket noemt (als agenderende fracties): vul de andere aan";
    ImportAttachmentTooLarge => "gavel: the text of “{}” is not written: more than gavel reads ({} MiB or 200 000 lines)", "gavel: de tekst van “{}” is niet geschreven: meer dan gavel leest ({} MiB of 200 000 regels)";
    ImportTooLarge => "gavel: the meeting file would be {} MiB, more than gavel reads ({} MiB); nothing was written: give --attachments DIR so attachment texts go to files of their own", "gavel: het vergaderbestand zou {} MiB worden, meer dan gavel leest ({} MiB); er is niets geschreven: geef --attachments MAP zodat bijlageteksten in eigen bestanden komen";
    ImportNotAFile => "gavel: {} is not a regular file ({}); give the agenda pack itself", "gavel: {} is geen gewoon bestand ({}); geef het agendapakket zelf";
    ImportPdfTooSlow => "gavel: the text of the PDF {} could not be read: it took longer than {} s", "gavel: de tekst van de PDF {} kon niet worden gelezen: dat duurde langer dan {} s";
    ImportPdfTooMuchText => "gavel: the text of the PDF {} could not be read: more than {} MiB of text", "gavel: de tekst van de PDF {} kon niet worden gelezen: meer dan {} MiB tekst";
    ImportPdfCrashed => "gavel: the text of the PDF {} could not be read: the reader stopped (damaged, or more than {} MiB of memory)", "gavel: de tekst van de PDF {} kon niet worden gelezen: de lezer stopte (beschadigd, of meer dan {} MiB geheugen)";
    ImportNoItems => "gavel: {} holds no agenda item that the {} rules recognise (a line like \"3 Title (19.35 – 21.00 uur)\")", "gavel: {} bevat geen agendapunt dat de regels van {} herkennen (een regel als \"3 Titel (19.35 – 21.00 uur)\")";
    ImportExists => "gavel: {} exists already: give --force to overwrite it", "gavel: {} bestaat al: geef --force om het te overschrijven";
    ImportMinutesFile => "gavel: {} is the name of a minutes file, which gavel import never writes: give the meeting file's name", "gavel: {} is de naam van een notulenbestand, en dat schrijft gavel import nooit: geef de naam van het vergaderbestand";
    ImportCannotWrite => "gavel: cannot write {}: {}", "gavel: kan {} niet schrijven: {}";
    ImportCounts => "{} items, {} informants, {} attachments", "{} punten, {} informanten, {} bijlagen";
    ImportAllPlaced => "; every passage placed", "; elke passage geplaatst";
    ImportNotPlacedOne => "; {} passage not placed: lines {}", "; {} passage niet geplaatst: regels {}";
    ImportWriteFailed => "gavel: {}", "gavel: {}";
    ImportNotPlaced => "; {} passages not placed: lines {}", "; {} passages niet geplaatst: regels {}";
    ImportSkipped => "; left out as a report of the meeting: lines {}", "; weggelaten als verslag van de vergadering: regels {}";
    ImportGuesses => "; {} values guessed (marked in the file)", "; {} waarden gegokt (gemarkeerd in het bestand)";
    ImportAttachmentTexts => "{} attachment texts written to {}", "{} bijlageteksten geschreven naar {}";
    ImportWritten => "Written {}: check the values marked guessed, then run: gavel check {}", "{} geschreven: controleer de als gegokt gemarkeerde waarden en draai dan: gavel check {}";
    CliImportAbout => "Make a meeting file from the council's agenda pack (PDF or text) or its RIS supplier's open data, with guesses and passages not placed marked as comments", "Een vergaderbestand maken uit het agendapakket van de raad (PDF of tekst) of de open data van haar RIS-leverancier, met gokken en niet geplaatste passages als commentaar gemarkeerd";
    ArgPack => "The agenda pack (a PDF or its text), or a meeting as a RIS supplier's open data gives it (NotuBiz, Open Raadsinformatie, VNG ODS or GO JSON, iBabs XML), as a file or its https:// address", "Het agendapakket (een PDF of de tekst ervan), of een vergadering zoals de open data van een RIS-leverancier die geeft (JSON van NotuBiz, Open Raadsinformatie, VNG ODS of GO, XML van iBabs), als bestand of als https://-adres";
    ArgImportAttachments => "Write each attachment's text to its own file in this folder and link it", "De tekst van elke bijlage naar een eigen bestand in deze map schrijven en ernaar verwijzen";
    ArgForce => "Overwrite a meeting file (and attachment texts) that exist already", "Een bestaand vergaderbestand (en bijlageteksten) overschrijven";
    // issue 24: import of the RIS suppliers' open data (NotuBiz, Open Raadsinformatie, ODS, GO, iBabs)
    ArgImportFrom => "Read the file as this supplier's open data (else recognised by its content)", "Het bestand lezen als open data van deze leverancier (anders herkend aan de inhoud)";
    ValueSource => "SOURCE", "BRON";
    ImportUrlOffline => "gavel: {} is an address, and --offline fetches nothing: save the response and give the file", "gavel: {} is een adres, en --offline haalt niets op: bewaar het antwoord en geef het bestand";
    ImportUrlNotASource => "gavel: {} gave no meeting of a RIS supplier gavel knows (NotuBiz, Open Raadsinformatie, VNG ODS, GO, iBabs): give --from SOURCE, or the address of one meeting", "gavel: {} gaf geen vergadering van een RIS-leverancier die gavel kent (NotuBiz, Open Raadsinformatie, VNG ODS, GO, iBabs): geef --from BRON, of het adres van één vergadering";
    ArgOffline => "Download no documents of a supplier's meeting: link only those already in the --attachments folder", "Geen documenten van een vergadering van een leverancier downloaden: alleen die al in de map van --attachments staan koppelen";
    ImportNotes => "; {} comments with what the meeting file cannot hold (headings, addresses, ids)", "; {} commentaarregels met wat het vergaderbestand niet kan bevatten (kopjes, adressen, nummers)";
    ImportDownloaded => "{} documents downloaded, {} kept (already there) in {}; {} not", "{} documenten gedownload, {} bewaard (stonden er al) in {}; {} niet";
    DownloadOffline => "gavel: {}: not downloaded (--offline); the attachment keeps its address", "gavel: {}: niet gedownload (--offline); de bijlage houdt haar adres";
    DownloadNotHttps => "gavel: {}: only HTTPS is fetched (plain HTTP only from this machine): not downloaded", "gavel: {}: alleen HTTPS wordt opgehaald (gewoon HTTP alleen van deze machine): niet gedownload";
    DownloadTooLarge => "gavel: {} is larger than {} MiB, more than gavel reads of an attachment: not downloaded", "gavel: {} is groter dan {} MiB, meer dan gavel van een bijlage leest: niet gedownload";
    DownloadStatus => "gavel: {}: the server answered {}: not downloaded", "gavel: {}: de server antwoordde {}: niet gedownload";
    DownloadFailed => "gavel: {}: {}; not downloaded (run the import again to resume)", "gavel: {}: {}; niet gedownload (draai de import opnieuw om verder te gaan)";
    DownloadDisk => "gavel: {}: cannot write it: {}", "gavel: {}: kan het niet schrijven: {}";
    DownloadWrongSize => "gavel: {}: {} bytes arrived where the source says {}: not kept", "gavel: {}: er kwamen {} bytes binnen waar de bron {} zegt: niet bewaard";
    DownloadNotAFileKind => "gavel: {}: not a PDF, Word or text file (what an attachment may be): not downloaded", "gavel: {}: geen PDF-, Word- of tekstbestand (wat een bijlage mag zijn): niet gedownload";
    ImportSourceTooLarge => "gavel: {} is larger than {} MiB, more than one meeting's open data: give the response for one meeting", "gavel: {} is groter dan {} MiB, meer dan de open data van één vergadering: geef het antwoord voor één vergadering";
    ImportSourceShape => "gavel: {}:{}:{}: not {} as gavel reads it: {}; give the meeting as the supplier publishes it ({})", "gavel: {}:{}:{}: geen {} zoals gavel dat leest: {}; geef de vergadering zoals de leverancier die publiceert ({})";
    ImportSourceTooDeep => "gavel: {}:{}:{}: nested deeper than 128 levels, which no {} meeting is; give the meeting as the supplier publishes it ({})", "gavel: {}:{}:{}: dieper genest dan 128 niveaus, en dat is geen vergadering in {}; geef de vergadering zoals de leverancier die publiceert ({})";
    ImportSourceNoItems => "gavel: {} holds a meeting in {} without agenda items that have a place in its order: give a meeting with its agenda", "gavel: {} bevat een vergadering in {} zonder agendapunten met een plaats in de volgorde: geef een vergadering met haar agenda";
    ImportSourceUnknown => "gavel: {} is JSON or XML of no shape gavel knows (NotuBiz, Open Raadsinformatie, VNG ODS, GO, iBabs): give --from SOURCE, or the agenda pack", "gavel: {} is JSON of XML in geen vorm die gavel kent (NotuBiz, Open Raadsinformatie, VNG ODS, GO, iBabs): geef --from BRON, of het agendapakket";
    SourceAnyJson => "the JSON of a RIS supplier", "de JSON van een RIS-leverancier";
    ImportMeetingOf => "Meeting", "Vergadering";
    ImportNoTitle => "(no title in the source)", "(zonder titel in de bron)";
    GuessTitleFromDate => "the source gives the meeting no title: named after its date", "de bron geeft de vergadering geen titel: genoemd naar de datum";
    GuessNoTitle => "the source gives this item no title", "de bron geeft dit punt geen titel";
    GuessNoNumber => "the source gives this item no number: numbered by its place", "de bron geeft dit punt geen nummer: genummerd naar de plaats";
    GuessDuplicateNumber => "the source numbers another item {} too", "de bron nummert ook een ander punt {}";
    GuessNumberFromPosition => "the number from the item's position or title, the source gives none of its own", "het nummer uit de plaats of de titel van het punt, de bron geeft er zelf geen";
    GuessFromHeading => "from the agenda's heading “{}”", "uit het kopje “{}” van de agenda";
    NoteNotubizIds => "NotuBiz meeting {}, organisation {}, committee (gremium) {}", "NotuBiz-vergadering {}, organisatie {}, commissie (gremium) {}";
    NotePublishedAt => "published at {}", "gepubliceerd op {}";
    NoteCanceled => "the source marks this meeting canceled", "de bron markeert deze vergadering als afgelast";
    NoteDescription => "description in the source:\n{}", "omschrijving in de bron:\n{}";
    NoteMeetingDocument => "document of the meeting (no item): {} ({})", "document bij de vergadering (geen punt): {} ({})";
    NoteDocument => "document: {}", "document: {}";
    NoteUrlNotHttp => "document address refused, not https:// or http://: {}", "documentadres geweigerd, geen https:// of http://: {}";
    NoteUrlClimbs => "document address refused, it climbs out of its folder (../ or a backslash): {}", "documentadres geweigerd, het klimt uit de map (../ of een backslash): {}";
    NoteUrlUnsafe => "document address refused, a user name, space or control character in it: {}", "documentadres geweigerd, er staat een gebruikersnaam, spatie of stuurteken in: {}";
    NoteUnordered => "left out: agenda item {} “{}” has no place in the agenda's order (order: null)", "weggelaten: agendapunt {} “{}” heeft geen plaats in de volgorde van de agenda (order: null)";
    NoteSection => "section: {}", "kopje: {}";
    NoteSectionAfter => "section (after the last item): {}", "kopje (na het laatste punt): {}";
    NoteControlStripped => "control characters in the title were replaced by spaces", "stuurtekens in de titel zijn door spaties vervangen";
    NoteParentMissing => "its parent {} is not in the meeting", "het bovenliggende punt {} staat niet in de vergadering";
    NoteAttribute => "{}: {}", "{}: {}";
    NoteOriId => "Open Raadsinformatie meeting {} (https://id.openraadsinformatie.nl/ followed by the id)", "Open Raadsinformatie-vergadering {} (https://id.openraadsinformatie.nl/ gevolgd door het nummer)";
    NoteMoreMeetings => "the file holds {} meetings: the first is read", "het bestand bevat {} vergaderingen: de eerste is gelezen";
    NoteAgendaIdMissing => "the agenda names item {}, which is not in the file: left out", "de agenda noemt punt {}, dat niet in het bestand staat: weggelaten";
    NoteOrphanItem => "left out: agenda item “{}” belongs to {}, which is neither this meeting nor one of its items", "weggelaten: agendapunt “{}” hoort bij {}, en dat is deze vergadering niet en ook geen van haar punten";
    NoteOdsId => "ODS Vergadering {} ({})", "ODS-Vergadering {} ({})";
    NoteStatus => "status in the source: {}", "status in de bron: {}";
    NoteSlotOutside => "planned at {} in the source, outside the meeting's day: no timeslot", "volgens de bron gepland op {}, buiten de dag van de vergadering: geen tijdvak";
    NoteHamerstuk => "a hamerstuk in the source (decided without debate)", "een hamerstuk volgens de bron (zonder debat besloten)";
    NoteBesloten => "behind closed doors in the source (besloten)", "besloten volgens de bron";
    NoteGoId => "GemeenteOplossingen meeting {}", "GemeenteOplossingen-vergadering {}";
    NoteGoDocument => "document: {} on the council's GO site (the file gives no address)", "document: {} op de GO-site van de raad (het bestand geeft geen adres)";
    NoteGoDocumentOf => "attachment {}: {} on the council's GO site (the file gives no address)", "bijlage {}: {} op de GO-site van de raad (het bestand geeft geen adres)";
    NoteUnorderedGo => "left out: agenda item {} “{}” has no sortorder (as Open Raadsinformatie reads GO)", "weggelaten: agendapunt {} “{}” heeft geen sortorder (zoals Open Raadsinformatie GO leest)";
    NoteIbabsIds => "iBabs meeting {}, meeting type {} (GetMeetingtypes names it)", "iBabs-vergadering {}, vergadertype {} (GetMeetingtypes geeft de naam)";
    NoteDocumentIdMissing => "document {} is named but not in the file: left out", "document {} wordt genoemd maar staat niet in het bestand: weggelaten";
    // The commitments register
    RegisterOpen => "open", "open";
    RegisterOverdue => "overdue", "te laat";
    RegisterDone => "done", "afgedaan";
    RegisterColId => "Id", "Nummer";
    RegisterColRis => "RIS", "RIS";
    RegisterFileHead => "The commitments register, written by gavel (`gavel commitments`): how and when each\ncommitment of the minutes files in this folder was settled. Edit only with gavel closed.", "Het register van toezeggingen, geschreven door gavel (`gavel commitments`): hoe en wanneer elke\ntoezegging uit de notulen in deze map is afgedaan. Alleen bewerken als gavel dicht is.";
    RegisterColMade => "Made", "Toegezegd";
    RegisterColItem => "Item", "Punt";
    RegisterColBy => "By", "Door";
    RegisterColText => "Commitment", "Toezegging";
    RegisterColDue => "Due", "Uiterlijk";
    RegisterColStatus => "Status", "Status";
    RegisterColSettled => "Settled", "Afgedaan";
    RegisterPlace => "{} item {}", "{} punt {}";
    RegisterDuplicate => "conflict: commitment {} is in more than one place: {}; give one of them another id", "conflict: toezegging {} staat op meer dan één plaats: {}; geef er een een ander nummer";
    RegisterOrphan => "conflict: the register settles commitment {}, which no minutes file holds", "conflict: het register handelt toezegging {} af, die in geen notulenbestand staat";
    RegisterNone => "No commitments match.", "Geen toezeggingen die passen.";
    RegisterUnknownId => "gavel: there is no commitment {} in {}; the nearest: {}", "gavel: er is geen toezegging {} in {}; het dichtst bij: {}";
    RegisterAlreadyDone => "gavel: commitment {} was settled before, on {}: {}; reopen it first to settle it again", "gavel: toezegging {} is al eerder afgedaan, op {}: {}; heropen hem eerst om hem opnieuw af te doen";
    RegisterNotDone => "gavel: commitment {} is not settled: nothing to reopen", "gavel: toezegging {} is niet afgedaan: er is niets te heropenen";
    RegisterSettled => "Commitment {} settled on {}: {}", "Toezegging {} afgedaan op {}: {}";
    RegisterReopened => "Commitment {} is open again", "Toezegging {} staat weer open";
    RegisterNumbered => "Commitment {} has RIS number {}", "Toezegging {} heeft RIS-nummer {}";
    RegisterNumberTaken => "gavel: RIS number {} is already commitment {}'s", "gavel: RIS-nummer {} hoort al bij toezegging {}";
    RegisterSkipped => "gavel: passed over (does not load): {}", "gavel: overgeslagen (laadt niet): {}";
    RegisterNoFolder => "gavel: {} is not a folder: give the folder of the meetings (default: meetings/)", "gavel: {} is geen map: geef de map van de vergaderingen (standaard: meetings/)";
    RegisterInConflict => "gavel: commitment {} is in conflict (see the list): settle the conflict first", "gavel: toezegging {} is in conflict (zie de lijst): los het conflict eerst op";
    RegisterUnreadable => "The commitments register cannot be read: {}", "Het toezeggingenregister is niet te lezen: {}";
    NoPortfolioHolder => "Item {} has no portfolio holder.", "Punt {} heeft geen portefeuillehouder.";
    NothingOwed => "No open commitments of {} from earlier meetings.", "Geen openstaande toezeggingen van {} uit eerdere vergaderingen.";
    OwedTitle => "Open commitments of {} from earlier meetings: Enter settles one", "Openstaande toezeggingen van {}: Enter doet er een af";
    OwedDue => "due {}", "uiterlijk {}";
    OwedDetail => "{}, {}, item {} {} · {}", "{}, {}, punt {} {} · {}";
    OwedCount => "Open commitments from earlier meetings: {} ({} overdue) · T lists them", "Openstaande toezeggingen uit eerdere vergaderingen: {} ({} te laat) · T toont ze";
    AlreadySettled => "Commitment {} was settled on {}: {}", "Toezegging {} is afgedaan op {}: {}";
    SettleTitle => "How was commitment {} settled? (Ctrl-S records it, Esc leaves)", "Hoe is toezegging {} afgedaan? (Ctrl-S legt het vast, Esc sluit)";
    SettleHowMissing => "Say how it was settled, or give its RIS number.", "Zeg hoe hij is afgedaan, of geef het RIS-nummer.";
    FieldHow => "How (leave empty to only number it)", "Hoe (leeg laten om alleen te nummeren)";
    FieldRisNumber => "RIS number (optional)", "RIS-nummer (optioneel)";
    KeyOwed => "open commitments of the portfolio holder from earlier meetings; Enter settles one", "openstaande toezeggingen van de portefeuillehouder uit eerdere vergaderingen; Enter doet er een af";
    // Decision meetings: the presentielijst and votes
    KeySuspend => "suspend to the shell (saved first); fg brings gavel back", "naar de shell (eerst opgeslagen); fg haalt gavel terug";
    KeyAttendance => "attendance list: mark members present or gone", "presentielijst: leden aanwezig of vertrokken melden";
    KeyVote => "put something to the vote on the selected item (stemming)", "stemming over iets bij het gekozen punt";
    KeyTogglePresence => "present / gone (timed)", "aanwezig / vertrokken (met tijd)";
    KeyTogglePresenceShort => "present/gone", "aanwezig/weg";
    KeyEveryonePresent => "everyone present", "iedereen aanwezig";
    KeyEveryonePresentShort => "everyone", "iedereen";
    KeyAddPerson => "add someone not in the meeting file: Name (Faction)", "iemand toevoegen die niet in het vergaderbestand staat: Naam (Fractie)";
    KeyAddPersonShort => "add", "toevoegen";
    KeyMarkFor => "for: the faction (or member) votes for; on a member, recorded against their faction", "voor: de fractie (of het lid) stemt voor; bij een lid tegen de fractie in vastgelegd";
    KeyMarkForShort => "for", "voor";
    KeyMarkAgainst => "against", "tegen";
    KeyMarkAgainstShort => "against", "tegen";
    KeyMarkClear => "clear the mark", "markering weghalen";
    KeyNotVoting => "member does not vote (conflict of interest)", "lid stemt niet mee (belangenverstrengeling)";
    KeyNotVotingShort => "not voting", "stemt niet";
    KeyRollCall => "roll call (hoofdelijke stemming) / by faction", "hoofdelijke stemming / per fractie";
    KeyRecordVote => "record the vote: the result is counted", "stemming vastleggen: de uitslag wordt geteld";
    KeyRecordVoteShort => "record", "vastleggen";
    KeyCancelVote => "leave without recording", "sluiten zonder vast te leggen";
    AttendanceTitle => "Attendance list: {} of {} seats present", "Presentielijst: {} van {} zetels aanwezig";
    Present => "present", "aanwezig";
    Gone => "gone", "vertrokken";
    Absent => "absent", "afwezig";
    MarkedPresent => "{} marked present.", "{} aanwezig gemeld.";
    MarkedGone => "{} marked gone.", "{} vertrokken gemeld.";
    EveryonePresentMarked => "Everyone present ({} marked now).", "Iedereen aanwezig ({} nu gemeld).";
    NotOnTheList => "Not on the list of those present.", "Staat niet op de lijst van aanwezigen.";
    AddPersonTitle => "Add to the attendance list: type Name (Faction), Enter adds", "Toevoegen aan de presentielijst: typ Naam (Fractie), Enter voegt toe";
    AddPersonHint => "type the name and the faction: Hendrik Vos (ChristenUnie)", "typ de naam en de fractie: Hendrik Vos (ChristenUnie)";
    QuorumOk => "quorum {}/{}", "quorum {}/{}";
    QuorumMissing => "NO QUORUM: {} of {} seats present", "GEEN QUORUM: {} van {} zetels aanwezig";
    QuorumAssumed => "no attendance list yet (p)", "nog geen presentielijst (p)";
    VoteProposal => "Proposal", "Voorstel";
    VoteSubjectTitle => "Put to the vote on item {}: choose or type the subject, Enter", "Stemming bij punt {}: kies of typ het onderwerp, Enter";
    VoteTitle => "Vote: {}", "Stemming: {}";
    VoteKindProposal => "proposal", "voorstel";
    VoteKindMotion => "motion", "motie";
    VoteKindAmendment => "amendment", "amendement";
    VoteByFaction => "by faction", "per fractie";
    VoteRollCall => "roll call", "hoofdelijk";
    VoteCount => "for {} · against {} · {}", "voor {} · tegen {} · {}";
    VoteNotVoting => "not voting", "stemt niet mee";
    VoteDissent => "recorded {}", "aantekening {}";
    VoteFor => "for", "voor";
    VoteAgainst => "against", "tegen";
    VoteUnmarkedCount => "{} not marked yet", "{} nog niet gemarkeerd";
    VoteUnmarked => "Not marked yet: {}. Mark every faction (or member) for or against, or as not voting.", "Nog niet gemarkeerd: {}. Markeer elke fractie (of elk lid) voor of tegen, of als stemt niet mee.";
    VoteCancelled => "Vote left without recording.", "Stemming gesloten zonder vast te leggen.";
    Votes => "Votes", "Stemmingen";
    VoteCorrected => "corrected by a later vote", "gecorrigeerd door een latere stemming";
    VoteAdopted => "adopted", "aangenomen";
    VoteRejected => "rejected", "verworpen";
    VoteTied => "tied", "staken der stemmen";
    VoteTiedReminder => "The votes are tied ({}-{}): the vote is held again in the next meeting.", "De stemmen staken ({}-{}): de stemming wordt in de volgende vergadering opnieuw gehouden.";
    AmendmentFirst => "The amendment \"{}\" has not been voted on: amendments go before the proposal they amend.", "Over het amendement \"{}\" is nog niet gestemd: amendementen gaan voor het voorstel dat ze wijzigen.";
    NoQuorumVote => "No quorum: {} of {} seats present. The chair may not put it to the vote (gavel does not stop it).", "Geen quorum: {} van {} zetels aanwezig. De voorzitter mag niet laten stemmen (gavel houdt het niet tegen).";
    // issue 19 part 3: a vote must always be recordable
    VoteRecorded => "Vote recorded: {} on item {}, {}.", "Stemming vastgelegd: {} bij punt {}, {}.";
    ConfirmVoteNotOpened => "The meeting has not been opened and item {} was never taken up. Put something to the vote on it anyway? y goes on, any other key cancels.", "De vergadering is niet geopend en punt {} is niet in behandeling genomen. Toch een stemming bij dit punt? j gaat door, elke andere toets annuleert.";
    ConfirmVoteNotTakenUp => "Item {} was never taken up. Put something to the vote on it anyway? y goes on, any other key cancels.", "Punt {} is niet in behandeling genomen. Toch een stemming bij dit punt? j gaat door, elke andere toets annuleert.";
    // The room display (gavel display)
    CliDisplayAbout => "Show the room's screen: follows the minutes the console writes (read-only), in this terminal or as a web page", "Het scherm voor de zaal tonen: volgt de notulen die de console schrijft (alleen lezen), in deze terminal of als webpagina";
    ArgDisplayMeeting => "The meeting file; its minutes file beside it is followed, never written", "Het vergaderbestand; het notulenbestand ernaast wordt gevolgd, nooit geschreven";
    ArgHttp => "Serve the display as a web page at this address (127.0.0.1:8080) instead of drawing it here", "Het scherm als webpagina aanbieden op dit adres (127.0.0.1:8080) in plaats van het hier te tekenen";
    ValueAddress => "ADDRESS", "ADRES";
    DisplayHasTheFloor => "Has the floor", "Het woord is aan";
    DisplayNoFloor => "No one has the floor", "Niemand heeft het woord";
    DisplayNextSpeakers => "Next", "Hierna";
    DisplayNoneWaiting => "no one waiting", "niemand wacht";
    DisplayFactionLeft => "time left for {}", "spreektijd {}";
    DisplayResumesAt => "Resumes at {}", "Hervatting om {} uur";
    DisplayBeginsAt => "The meeting begins at {}", "De vergadering begint om {} uur";
    DisplayBetweenItems => "No item under discussion", "Geen agendapunt in behandeling";
    DisplayClosed => "The meeting was closed at {}", "De vergadering is gesloten om {} uur";
    DisplayWaitingForMinutes => "waiting for {} (the console writes it at the first change)", "wacht op {} (de console schrijft het bij de eerste wijziging)";
    DisplayDamaged => "the minutes file does not load: showing the last good state", "het notulenbestand laadt niet: het laatste goede beeld blijft staan";
    DisplayCannotWatch => "gavel: cannot watch {} for changes ({}): reading it every 250 ms instead", "gavel: kan {} niet volgen ({}): lees het in plaats daarvan elke 250 ms";
    DisplayServing => "gavel: the room display is at http://{}/ (the overlay at /overlay); Ctrl-C stops", "gavel: het zaalscherm staat op http://{}/ (de overlay op /overlay); Ctrl-C stopt";
    DisplayCannotServe => "gavel: cannot serve at {}: {}", "gavel: kan niet aanbieden op {}: {}";
    DisplayNotAnAddress => "'{}' is not an address to serve at: give host:port, such as 127.0.0.1:8080", "'{}' is geen adres om op aan te bieden: geef host:poort, zoals 127.0.0.1:8080";
    // Starting without a meeting file
    NoMeetingFiles => "gavel: no meeting file in {} or in its meetings/ folder. Start gavel with one: gavel path/to/meeting.yaml (gavel --help tells more).", "gavel: geen vergaderbestand in {} of in de map meetings/ daarin. Start gavel met een: gavel pad/naar/vergadering.yaml (gavel --help vertelt meer).";
    MeetingFilesHere => "gavel: which meeting? The meeting files here:", "gavel: welke vergadering? De vergaderbestanden hier:";
    OpenOneWith => "Open one with: gavel FILE", "Open er een met: gavel BESTAND";
    ChooseMeeting => "Choose a meeting: type to filter (here and in meetings/)", "Kies een vergadering: typ om te filteren (hier en in meetings/)";
    MeetingFileBroken => "does not load: gavel check {} tells why", "laadt niet: gavel check {} zegt waarom";
    KeyOpenMeeting => "open", "openen";
    KeySpaceName => "Space", "Spatie";
    // Documents: the korte terugblik and the run sheet. Every fixed sentence lives here.
    DocTerugblikTitle => "Short minutes {} {}", "Korte terugblik {} {}";
    DocDraft => "Draft: the meeting has not been closed; these minutes are not final.", "Concept: de vergadering is nog niet gesloten; deze terugblik is niet definitief.";
    DocMeetingOf => "Meeting of", "Vergadering d.d.";
    DocBody => "Council", "Orgaan";
    DocLocation => "Location", "Locatie";
    DocStart => "Start", "Aanvang";
    DocEnd => "End", "Eindtijd";
    DocChair => "Chair", "Voorzitter";
    DocClerk => "Clerk", "Griffier/secretaris";
    DocSlotRange => "({} – {})", "({} – {} uur)";
    DocSlotStart => "({})", "({} uur)";
    DocSlotLength => "({} min)", "({} min.)";
    DocOpens => "The chair opens the meeting.", "De voorzitter opent de vergadering.";
    DocAgendaAdopted => "The agenda is adopted unchanged.", "De agenda wordt ongewijzigd vastgesteld.";
    DocCloses => "The chair closes the meeting at {}.", "De voorzitter sluit de vergadering om {} uur.";
    DocAdjourned => "This item was adjourned.", "Dit punt is aangehouden.";
    DocNotDiscussed => "Not discussed.", "Niet behandeld.";
    DocCommitments => "Commitments", "Toezeggingen";
    DocNotes => "Chair's notes", "Notities van de voorzitter";
    DocVote => "Vote on {}: for {}%, {} {}-{}.", "Stemuitslag {}: voor {}%, {} {}-{}.";
    DocVoteUnanimous => "Vote on {}: adopted unanimously ({}-0).", "Stemuitslag {}: met algemene stemmen aangenomen ({}-0).";
    DocVoteFor => "For: {}.", "Voor: {}.";
    DocVoteAgainst => "Against: {}.", "Tegen: {}.";
    DocVoteDissent => "{} asked to be recorded as voting {}.", "{} laat aantekenen {} te hebben gestemd.";
    DocVoteNotVoting => "Not voting: {}.", "Stemt niet mee: {}.";
    DocVoteTied => "The votes are tied: the vote is held again in the next meeting.", "De stemmen staken: de stemming wordt in de volgende vergadering opnieuw gehouden.";
    BriefTitle => "Chair's run sheet {}", "Draaiboek voorzitter {}";
    BriefKind => "Kind", "Soort";
    BriefMadeIn => "{}, item {}, {}", "{}, punt {}, {}";
    BriefOwed => "{} ({}): {}", "{} ({}): {}";
    BriefOwedDue => "{} ({}; due {}): {}", "{} ({}; uiterlijk {}): {}";
    BriefOpenCommitments => "Commitments {} made in earlier meetings", "Toezeggingen van {} uit eerdere vergaderingen";
    BriefSkipped => "gavel: {} is passed over: its commitments are not in the run sheet", "gavel: {} is overgeslagen: de toezeggingen daaruit staan niet in het draaiboek";
    TimelineSuspension => "The meeting is suspended", "Er is een korte schorsing";
    TimelineBeforeStream => "item {}: {} at {} is before the stream started: left out", "punt {}: {} om {} is van voor de start van de uitzending: weggelaten";
    TimelineNotOpened => "gavel: {}: the meeting was never opened, so there is nothing to index", "gavel: {}: de vergadering is nooit geopend, dus er is niets te indexeren";
    // The index from the stretches of each speech (issue 20).
    StreamStartTooFar => "gavel: --stream-start {} is {} hours from the opening of the meeting ({}): a stream of the meeting starts within 12 hours of it; give the date and time, e.g. --stream-start {}", "gavel: --stream-start {} ligt {} uur van de opening van de vergadering ({}): een uitzending van de vergadering begint binnen 12 uur daarvan; geef datum en tijd, bijv. --stream-start {}";
    ChapterMerged => "chapter {} at {} lasts {} seconds, shorter than the 10 that video sites take: merged into {}", "hoofdstuk {} om {} duurt {} seconden, korter dan de 10 die videosites aannemen: samengevoegd met {}";
    ChapterMergedIntoNext => "the first chapter, {}, lasts {} seconds, shorter than the 10 that video sites take: merged into the next, {}", "het eerste hoofdstuk, {}, duurt {} seconden, korter dan de 10 die videosites aannemen: samengevoegd met het volgende, {}";
    ArgStretches => "For csv: a row per stretch of a speech (paused, interrupted, carried over) instead of one per speech", "Voor csv: een rij per stuk van een spreekbeurt (onderbroken, geïnterrumpeerd, later voortgezet) in plaats van een per spreekbeurt";
    // The national standard ODS Open Raadsinformatie 2.0 (issue 24).
    ArgBaseUrl => "For ods: the address of the RIS's API, where the resources' urls start (default urn:gavel:<meeting>)", "Voor ods: het adres van de API van het RIS, waar de urls van de resources mee beginnen (standaard urn:gavel:<vergadering>)";
    ValueUrl => "URL", "URL";
    StreamStartTooFarOds => "gavel: --stream-start is more than 12 hours from the opening of the meeting: give the date and time, e.g. --stream-start 2017-11-20T19:25:00", "gavel: --stream-start ligt meer dan 12 uur van de opening van de vergadering: geef datum en tijd, bijv. --stream-start 2017-11-20T19:25:00";
    StretchesOnlyCsv => "gavel: --stretches is for --format csv: the other formats already show each stretch, or the speech whole", "gavel: --stretches hoort bij --format csv: de andere formaten tonen elk stuk al, of de spreekbeurt in zijn geheel";
    ExportNeedsOutput => "gavel: a {} file is not for a terminal: write it to a file with -o FILE", "gavel: een {}-bestand is niet voor een terminal: schrijf het naar een bestand met -o BESTAND";
    ExportNoMinutes => "gavel: no minutes yet ({} does not exist): the export holds the agenda only", "gavel: nog geen notulen ({} bestaat niet): de export bevat alleen de agenda";
    WontOverwriteOwn => "gavel: {} is a meeting, minutes or register file (YAML) or a lock: a document is never written over it; choose another name, such as terugblik.md", "gavel: {} is een vergader-, notulen- of registerbestand (YAML) of een slot: een document wordt er nooit overheen geschreven; kies een andere naam, zoals terugblik.md";
    ExportWritten => "gavel: written {}", "gavel: geschreven {}";
    ExportedBeside => "Terugblik written: {}", "Terugblik geschreven: {}";
    ExportedDraft => "Draft terugblik: {}", "Concept-terugblik: {}";
    ExportFailed => "Export failed: {}", "Exporteren mislukt: {}";
    ExportDraftWarning => "gavel: {}: the meeting has not been closed; the export is marked as a draft", "gavel: {}: de vergadering is nog niet gesloten; de export is als concept gemarkeerd";
    // Documents for publication: --force, the meeting's language, Word properties (issue 21, wip-21docs)
    ArgForceOutput => "Overwrite the file given with -o if it exists already", "Het bestand van -o overschrijven als het al bestaat";
    OutputExists => "gavel: {} exists already: give --force to overwrite it", "gavel: {} bestaat al: geef --force om het te overschrijven";
    ConceptsBeside => "Closed at {}; the terugblik still says concept: X makes it final.", "Gesloten om {}; de terugblik zegt nog concept: X maakt hem definitief.";
    InternalError => "gavel: internal error (a bug in gavel: please report it)", "gavel: interne fout (een fout in gavel: meld die graag)";
    SavedIn => "gavel: the minutes are saved in {}", "gavel: de notulen staan in {}";
    // Faults: disks, terminals, other processes
    ReadOnlyFolder => "READ-ONLY: the folder {} cannot be written, so nothing is saved. Reading and preparing work; to record, copy the meeting to a folder you can write and start gavel there.", "ALLEEN LEZEN: de map {} is niet schrijfbaar, dus er wordt niets opgeslagen. Lezen en voorbereiden kan; om te notuleren: kopieer de vergadering naar een map waarin u kunt schrijven en start gavel daar.";
    TextTooLong => "This text is {} KiB; gavel stores at most {} KiB in one text: shorten it or split it over two.", "Deze tekst is {} KiB; gavel bewaart hooguit {} KiB in één tekst: maak hem korter of verdeel hem over twee.";
    MinutesChangedOnDisk => "Saved in {} instead: another program changed {} after this gavel wrote it, so it is left as it is. Close gavel and compare the two.", "In plaats daarvan opgeslagen in {}: een ander programma wijzigde {} nadat deze gavel het schreef, dus dat blijft zoals het is. Sluit gavel en vergelijk de twee.";
    LockTakenOver => "Saved in {} instead: the lock of {} was removed and another gavel holds it now ({}). Close one of the two.", "In plaats daarvan opgeslagen in {}: het slot van {} is verwijderd en nu heeft een andere gavel het ({}). Sluit een van de twee.";
    NotOurs => "the minutes file was changed by another program", "het notulenbestand is door een ander programma gewijzigd";
    NeedsTerminal => "gavel: the console needs a terminal, and standard input or output is not one. For scripts use gavel check FILE or gavel export FILE; to open the console, start gavel in a terminal window.", "gavel: de console heeft een terminal nodig, en de standaardinvoer of -uitvoer is er geen. Gebruik in scripts gavel check BESTAND of gavel export BESTAND; start gavel in een terminalvenster om de console te openen.";
    // Debates: speaking time, interruptions, the schedule
    TimeAlmostUp => "{}: {} of speaking time left.", "{}: nog {} spreektijd.";
    TimeUp => "{}: speaking time is up ({} over).", "{}: spreektijd is op ({} over tijd).";
    MeetingClosedAt => "Meeting closed at {}.", "Vergadering gesloten om {}.";
    MeetingReopened => "Meeting reopened.", "Vergadering heropend.";
    ListIsClosed => "The list of speakers is closed for this round (l opens it).", "De sprekerslijst is gesloten voor deze termijn (l opent hem).";
    NobodySpeaking => "No one is speaking: an interruption needs a speaker with the floor.", "Niemand heeft het woord: een interruptie vraagt een spreker die spreekt.";
    AlreadyInterrupted => "An interruption is going on: n ends it first.", "Er loopt al een interruptie: n beëindigt die eerst.";
    NotWaiting => "Only a speaker still waiting can be moved or removed (Tab selects in the list).", "Alleen een wachtende spreker kan verplaatst of verwijderd worden (Tab kiest in de lijst).";
    NoFinishedSpeaker => "No one has finished speaking in this round yet.", "Nog niemand is klaar met spreken in deze termijn.";
    MeetingIsClosed => "The meeting is closed (E reopens it).", "De vergadering is gesloten (E heropent haar).";
    NoFactionToGrant => "Extra time goes to a faction: the speaker has none (select one with Tab).", "Extra tijd gaat naar een fractie: deze spreker heeft er geen (kies er een met Tab).";
    SpeakerMoved => "{} moved.", "{} verplaatst.";
    SpeakerRemoved => "{} taken off the list.", "{} van de lijst gehaald.";
    ListClosed => "List of speakers closed for this round.", "Sprekerslijst gesloten voor deze termijn.";
    ListReopened => "List of speakers open again.", "Sprekerslijst weer open.";
    InterruptTitle => "Who interrupts {}? Enter starts it, Esc cancels", "Wie interrumpeert {}? Enter begint, Esc annuleert";
    InterruptionStarted => "Interruption: {}. n ends it and the speaker resumes.", "Interruptie: {}. n beëindigt hem en de spreker gaat verder.";
    SpeakerResumed => "{} resumes.", "{} gaat verder.";
    ExtraTimeGranted => "Extra time: {}.", "Extra tijd: {}.";
    Adjourned => "Item {} adjourned: Enter takes it up again later.", "Punt {} aangehouden: Enter neemt het later weer op.";
    SpeakersFocused => "List of speakers: ↑/↓ select, K/J move, d removes, A adds the last again, + extra time, Tab back to the agenda.", "Sprekerslijst: ↑/↓ kiezen, K/J verplaatsen, d verwijderen, A laatste opnieuw, + extra tijd, Tab terug naar de agenda.";
    AgendaFocused => "Agenda: ↑/↓ select an item.", "Agenda: ↑/↓ kies een punt.";
    ListClosedMark => "list closed", "lijst gesloten";
    Interrupts => "interrupts {}", "interrumpeert {}";
    // The live pane at every size (issue 19).
    SpeakersAbove => "↑ {} earlier", "↑ {} eerder";
    SpeakersBelow => "↓ {} more", "↓ nog {}";
    ExtraTimeGrantedTo => "Extra time for {}: +{}, now {}.", "Extra tijd voor {}: +{}, nu {}.";
    OpenedOn => "opened {}", "geopend {}";
    DueOn => "due {}", "uiterlijk {}";
    PlannedEndShort => "plan {}", "gepland {}";
    ProjectedEndShort => "expected {}", "verwacht {}";
    QuorumAssumedShort => "no list (p)", "geen lijst (p)";
    KeyCorrectRecord => "correct or remove what was recorded on the item (conclusion, debate, reply, commitment)", "corrigeren of verwijderen wat bij het punt is vastgelegd (conclusie, debat, reactie, toezegging)";
    CorrectTitle => "Correct what was recorded on {}", "Corrigeren wat bij {} is vastgelegd";
    CorrectConclusionTitle => "Correct the conclusion of {} (empty: remove it)", "Conclusie van {} corrigeren (leeg: verwijderen)";
    CorrectCommitmentTitle => "Correct the commitment of {} (empty: remove it)", "Toezegging van {} corrigeren (leeg: verwijderen)";
    NothingRecordedOn => "Nothing is recorded on {} yet.", "Bij {} is nog niets vastgelegd.";
    RecordCorrected => "Corrected: {}.", "Gecorrigeerd: {}.";
    RecordRemoved => "Removed: {}.", "Verwijderd: {}.";
    ConfirmRemoveConclusion => "Remove conclusion {} of item {}? y removes, any other key cancels (u brings it back).", "Conclusie {} van punt {} verwijderen? j verwijdert, elke andere toets annuleert (u haalt hem terug).";
    ConfirmRemoveCommitment => "Remove commitment {}? y removes, any other key cancels (u brings it back).", "Toezegging {} verwijderen? j verwijdert, elke andere toets annuleert (u haalt hem terug).";
    // The record kinds of the korte terugblik: a summary of the debate and the reply (issue 21).
    KeyDebate => "record a summary of the debate (what the factions said)", "samenvatting van het debat vastleggen (wat de fracties zeiden)";
    KeyReply => "record the portfolio holder's reply to the debate", "reactie van de portefeuillehouder op het debat vastleggen";
    DebateTitle => "Summary of the debate on {}", "Samenvatting van het debat bij {}";
    ReplyTitle => "Portfolio holder's reply on {}", "Reactie van de portefeuillehouder bij {}";
    CorrectDebateTitle => "Correct the summary of the debate on {} (empty: remove it)", "Samenvatting van het debat bij {} corrigeren (leeg: verwijderen)";
    CorrectReplyTitle => "Correct the reply on {} (empty: remove it)", "Reactie bij {} corrigeren (leeg: verwijderen)";
    DebateRecorded => "Summary of the debate recorded for item {}.", "Samenvatting van het debat vastgelegd bij punt {}.";
    ReplyRecorded => "Reply recorded for item {}.", "Reactie vastgelegd bij punt {}.";
    PassageDebate => "debate", "debat";
    PassageReply => "reply", "reactie";
    Passages => "Record", "Verslag";
    ConfirmRemovePassage => "Remove passage {} ({}) of item {}? y removes, any other key cancels (u brings it back).", "Verslagdeel {} ({}) van punt {} verwijderen? j verwijdert, elke andere toets annuleert (u haalt hem terug).";
    DocCommitmentReference => "{} ({})", "{} ({})";
    DocCommitmentReferenceDue => "{} ({}, due {})", "{} ({}, uiterlijk {})";
    KeySkip => "mark the item not dealt with (niet behandeld), or as still to come", "punt niet behandelen (uit de prognose), of weer verwachten";
    ItemSkipped => "Item {} not dealt with: out of the forecast (S again brings it back).", "Punt {} niet behandeld: uit de prognose (S nogmaals haalt het terug).";
    ItemUnskipped => "Item {} is to come again.", "Punt {} wordt weer verwacht.";
    CannotSkip => "Only an item not yet taken up can be marked not dealt with.", "Alleen een punt dat nog niet in behandeling is geweest kan op niet behandeld.";
    CorrectionHint => "Ctrl-S stores the correction · Tab next field · Esc leaves it unchanged", "Ctrl-S legt de correctie vast · Tab volgend veld · Esc laat het ongewijzigd";
    KeyToggleAgenda => "fold the agenda away, or bring it back (room for the clocks)", "agenda wegvouwen of terughalen (ruimte voor de klokken)";
    TimeLeftShort => "left {}", "nog {}";
    BreakResumes => "Break: resumes at {} (in {})", "Pauze: hervatting om {} (over {})";
    BreakOver => "Break: planned to resume at {} ({} ago)", "Pauze: hervatting was gepland om {} ({} geleden)";
    ClosedAt => "closed {}", "gesloten {}";
    ForecastMark => "≈{}", "≈{}";
    TotalsItemTitle => "Speaking time on {}: Tab for the whole meeting, Esc closes", "Spreektijd bij {}: Tab voor de hele vergadering, Esc sluit";
    TotalsMeetingTitle => "Speaking time in the whole meeting: Tab for the item, Esc closes", "Spreektijd in de hele vergadering: Tab voor het punt, Esc sluit";
    ColFaction => "Faction", "Fractie";
    ColUsed => "Used", "Gebruikt";
    ColBudget => "Budget", "Budget";
    ColExtra => "Extra", "Extra";
    ColLeft => "Left", "Over";
    ColSpeaker => "Speaker", "Spreker";
    ColRole => "Role", "Rol";
    ColItem => "Item", "Punt";
    ColPlanned => "Planned", "Gepland";
    ColActual => "Actual", "Werkelijk";
    ColOverrun => "Over", "Uitloop";
    NoSpeechesYet => "No one has spoken yet.", "Nog niemand heeft gesproken.";
    RoleOther => "other", "overig";
    ConfirmClose => "Close the meeting at {}? The running item stops. y closes, any other key cancels.", "De vergadering sluiten om {}? Het lopende punt stopt. j sluit, elke andere toets annuleert.";
    ConfirmReopen => "Reopen the meeting closed at {}? y reopens, any other key cancels.", "De om {} gesloten vergadering heropenen? j heropent, elke andere toets annuleert.";
    RoundOrdinal1 => "first round", "eerste termijn";
    RoundOrdinal2 => "second round", "tweede termijn";
    RoundOrdinal3 => "third round", "derde termijn";
    RoundOrdinalN => "round {}", "termijn {}";
    HelpTotals => "In the speaking-time totals", "In het spreektijdoverzicht";
    HelpConfirm => "In a question", "Bij een vraag";
    KeyInterrupt => "interruption: someone takes the floor while the speaker pauses; n ends it", "interruptie: iemand neemt het woord terwijl de spreker pauzeert; n beëindigt";
    KeyInterruptShort => "interruption", "interruptie";
    KeyExtraTime => "grant the speaker's faction extra time on this item", "de fractie van de spreker extra tijd geven bij dit punt";
    KeyFocus => "move between the agenda and the list of speakers", "wisselen tussen agenda en sprekerslijst";
    KeyMoveSpeaker => "move the highlighted waiting speaker up / down", "gekozen wachtende spreker omhoog / omlaag";
    KeyRemoveSpeaker => "take the highlighted waiting speaker off the list", "gekozen wachtende spreker van de lijst halen";
    KeyReadd => "add the last speaker to the list again", "laatste spreker opnieuw op de lijst zetten";
    KeyToggleList => "close / reopen the list of speakers for this round", "sprekerslijst sluiten / heropenen voor deze termijn";
    KeyTotals => "speaking time per faction and speaker", "spreektijd per fractie en spreker";
    KeyTotalsScope => "this item / whole meeting", "dit punt / hele vergadering";
    KeyAdjourn => "adjourn the running item (aanhouden)", "lopend punt aanhouden";
    KeyCloseMeeting => "close the meeting (or reopen it), after a question", "vergadering sluiten (of heropenen), na een vraag";
    KeyYes => "yes", "ja";
    KeyNo => "no", "nee";
    // Hostile files: confinement, caps, sanitising
    AttachmentOutside => "{} is outside the meeting's folder: gavel does not read it. o opens it in the system's viewer, after a question.", "{} staat buiten de map van de vergadering: gavel leest het niet. o opent het in de viewer van het systeem, na een vraag.";
    AttachmentOutsideShort => "⚠ outside the meeting's folder", "⚠ buiten de map van de vergadering";
    AttachmentNotRegular => "{} is not a regular file ({}): gavel does not open it; an attachment is an ordinary file.", "{} is geen gewoon bestand ({}): gavel opent het niet; een bijlage is een gewoon bestand.";
    AttachmentTooLarge => "{} is larger than {}: gavel does not read it. o opens it in the system's viewer.", "{} is groter dan {}: gavel leest het niet. o opent het in de viewer van het systeem.";
    AttachmentTooManyLines => "{} has more than {} lines: gavel does not read it. o opens it in the system's viewer.", "{} heeft meer dan {} regels: gavel leest het niet. o opent het in de viewer van het systeem.";
    FileIsFifo => "a FIFO", "een FIFO";
    FileIsDevice => "a device", "een apparaat";
    FileIsSocket => "a socket", "een socket";
    FileIsFolder => "a folder", "een map";
    ConfirmOpenOutside => "{} is outside the meeting's folder. Open it anyway? y opens, any other key cancels.", "{} staat buiten de map van de vergadering. Toch openen? j opent, elke andere toets annuleert.";
    ConfirmOpenRunnable => "{} could run a program when opened. Open it anyway? y opens, any other key cancels.", "{} kan bij openen een programma starten. Toch openen? j opent, elke andere toets annuleert.";
    // Search and attachments
    HelpPrefixes => "at the start of a search: only items, people, attachments, recorded", "vooraan in een zoekopdracht: alleen punten, personen, bijlagen, vastgelegd";
    KeyExport => "export the korte terugblik (md, html, docx) beside the meeting file", "korte terugblik exporteren (md, html, docx) naast het vergaderbestand";
    KeyExportShort => "export", "exporteren";
    KeyOpenExternal => "open an attachment in the system's viewer (PDF, DOCX, ...)", "bijlage openen in de viewer van het systeem (PDF, DOCX, ...)";
    KeyReaderSearch => "search in this attachment", "zoeken in deze bijlage";
    KeyNextMatch => "next / previous match", "volgende / vorige treffer";
    KeyFind => "find", "zoeken";
    ReaderSearchPrompt => "Search in this attachment (case and accents do not matter): ", "Zoeken in deze bijlage (hoofdletters en accenten tellen niet): ";
    MatchOf => "match {} of {}", "treffer {} van {}";
    NoMatchIn => "“{}” does not occur in this attachment.", "“{}” komt niet voor in deze bijlage.";
    OpenExternalTitle => "Open an attachment of {} in the system's viewer", "Bijlage bij {} openen in de viewer van het systeem";
    OpenedExternally => "Opened {} in the system's viewer.", "{} geopend in de viewer van het systeem.";
    NoOpener => "Cannot start the viewer {}: {} (set GAVEL_OPENER to the program to use).", "Kan de viewer {} niet starten: {} (zet GAVEL_OPENER op het programma dat u wilt).";
    FileMissing => "The file {} does not exist.", "Het bestand {} bestaat niet.";
    SearchKindLine => "{}, line {}", "{}, regel {}";
    SearchKindField => "item {}, {}", "punt {}, {}";
    SearchKindRecord => "{}, item {}", "{}, punt {}";
    Conclusion => "conclusion", "conclusie";
    Commitment => "commitment", "toezegging";
    NotesWord => "notes", "notities";
    RecordFound => "Item {}: {}", "Punt {}: {}";
    // issue 23: PDF and Word attachments read, searched and cited inside the console
    SearchKindPage => "{} p. {}", "{} p. {}";
    ReaderPage => "p. {}/{}", "p. {}/{}";
    KeyPage => "next / previous page", "volgende / vorige pagina";
    KeyPageShort => "page", "pagina";
    AttachmentPages => "text, {} p.: press b to read", "tekst, {} p.: druk b om te lezen";
    AttachmentReading => "reading…", "wordt gelezen…";
    AttachmentScanned => "scan: no text", "scan: geen tekst";
    AttachmentDamaged => "damaged: {}", "beschadigd: {}";
    AttachmentDamagedSilent => "damaged: the reader stopped on it", "beschadigd: de lezer liep erop vast";
    AttachmentTooSlow => "damaged: not read within {} s", "beschadigd: niet gelezen binnen {} s";
    AttachmentHugeText => "too large: more text than {} MiB", "te groot: meer tekst dan {} MiB";
    AttachmentNoExtractor => "not read: the reader could not start ({})", "niet gelezen: de lezer startte niet ({})";
    AttachmentMissingShort => "missing", "ontbreekt";
    AttachmentNotRegularShort => "not a regular file", "geen gewoon bestand";
    AttachmentTooLargeShort => "too large: over {}", "te groot: meer dan {}";
    AttachmentTooManyLinesShort => "too long: over {} lines", "te lang: meer dan {} regels";
    AttachmentNotTextShort => "not text, PDF or DOCX: o opens it", "geen tekst, PDF of DOCX: o opent het";
    AttachmentStillReading => "“{}” is still being read; it opens in a moment.", "“{}” wordt nog gelezen; het opent zo.";
    AttachmentCannotShow => "“{}”: {}. o opens the original in the system's viewer.", "“{}”: {}. o opent het origineel in de viewer van het systeem.";
    NoOtherPage => "No page further that way.", "Geen pagina verder die kant op.";
    // Key descriptions (help screen and footer)
    KeySelect => "select an agenda item", "agendapunt kiezen";
    KeyTakeUp => "take up the selected item", "gekozen punt in behandeling nemen";
    KeyTakeUpShort => "take up", "behandelen";
    KeyStop => "stop the running item", "lopend punt stoppen";
    KeyAddSpeaker => "add a speaker to the current round", "spreker toevoegen aan de termijn";
    KeyAddSpeakerShort => "speaker", "spreker";
    KeyToggle => "start / stop the current speaker's clock", "klok van de spreker starten / stoppen";
    KeyToggleShort => "clock", "klok";
    KeyNext => "next speaker", "volgende spreker";
    KeyNextShort => "next", "volgende";
    KeyRound => "start a new debate round", "nieuwe termijn beginnen";
    KeyConclusion => "record a conclusion for the current item", "conclusie vastleggen bij het huidige punt";
    KeyConclusionShort => "conclusion", "conclusie";
    KeyCommitment => "record a commitment (toezegging)", "toezegging vastleggen";
    KeyCommitmentShort => "commitment", "toezegging";
    KeyNotes => "preparation notes for the selected item", "voorbereidingsnotities bij het gekozen punt";
    KeyAttachments => "read an attachment of the selected item", "bijlage van het gekozen punt lezen";
    KeyScroll => "scroll the item pane", "door het agendapunt bladeren";
    KeySearch => "search: jump to an item, person, faction or attachment", "zoeken: naar punt, persoon, fractie of bijlage";
    KeySearchShort => "search", "zoeken";
    KeyUndo => "undo the last change", "laatste wijziging ongedaan maken";
    KeyHelp => "help: all keys", "hulp: alle toetsen";
    KeyHelpShort => "help", "hulp";
    KeyQuit => "quit (the minutes are already saved)", "stoppen (de notulen zijn al opgeslagen)";
    KeyQuitShort => "quit", "stop";
    KeyStore => "store the entry", "vastleggen";
    KeyNextField => "next field", "volgend veld";
    KeyLeaveDraft => "leave, keeping the draft", "verlaten, concept blijft bewaard";
    KeyNewLine => "new line", "nieuwe regel";
    KeyPick => "choose", "kiezen";
    KeyMove => "move", "verplaatsen";
    KeyClose => "close", "sluiten";
    KeyScrollReader => "scroll", "bladeren";
    KeyEnds => "to the start / the end", "naar begin / einde";
    // The command line: --help, and usage errors (printed instead of clap's English)
    CliAbout => "A keyboard-driven console for the chair and the clerk of a council meeting", "Een toetsenbordconsole voor de voorzitter en de griffier van een raadsvergadering";
    CliLongAbout => "Opens a YAML meeting file, helps prepare it, times the items and speakers in the live meeting and records conclusions and commitments in <meeting>.minutes.yaml beside it, saved after every change.", "Opent een YAML-vergaderbestand, helpt het voor te bereiden, houdt tijdens de vergadering de tijd van de punten en sprekers bij en legt conclusies en toezeggingen vast in <vergadering>.minutes.yaml ernaast, opgeslagen na elke wijziging.";
    CliCheckAbout => "Validate meeting files: prints file:line:col: error/warning messages; exit 0 when valid, 1 when not", "Vergaderbestanden controleren: meldt bestand:regel:kolom: fout/waarschuwing; afsluitcode 0 als alles klopt, 1 als niet";
    CliHelpAbout => "Print this message or the help of the given command", "Deze hulp tonen, of die van de genoemde opdracht";
    CliExportAbout => "Write the korte terugblik (short minutes) of a meeting from its minutes: Markdown, HTML or Word; the speeches as csv, the whole as open data (json); or the webcast's speaker index (timeline, vtt, chapters)", "De korte terugblik van een vergadering schrijven uit de notulen: Markdown, HTML of Word; de spreekbeurten als csv, het geheel als open data (json); of de sprekersindex van de uitzending (timeline, vtt, chapters)";
    CliBriefAbout => "Write the chair's run sheet: per item on a page of its own, who answers, whom to ask, the decision asked for, the attachments, the notes and the commitments still owed", "Het draaiboek van de voorzitter schrijven: per punt op een eigen pagina wie antwoordt, wie te vragen, het gevraagde besluit, de bijlagen, de notities en de openstaande toezeggingen";
    ArgBriefMeeting => "The meeting file; the minutes files under its folder give the commitments still owed", "Het vergaderbestand; de notulenbestanden in zijn map geven de openstaande toezeggingen";
    CliCommitmentsAbout => "The commitments register: every commitment of the minutes files under a folder (default meetings/), open, overdue or done", "Het toezeggingenregister: elke toezegging uit de notulenbestanden in een map (standaard meetings/), open, te laat of afgedaan";
    CliDoneAbout => "Settle a commitment (by its id or RIS number)", "Een toezegging afdoen (op nummer of RIS-nummer)";
    CliReopenAbout => "Open a settled commitment again", "Een afgedane toezegging weer openen";
    CliNumberAbout => "Give a commitment the council's own number (RIS)", "Een toezegging het eigen nummer van de raad geven (RIS)";
    ArgRegisterFolder => "The folder of meetings whose minutes files are read, subfolders too [default: the folder of --meeting, else meetings/]", "De map met vergaderingen waarvan de notulenbestanden worden gelezen, ook submappen [standaard: de map van --meeting, anders meetings/]";
    ArgOpen => "Only those not settled (open and overdue)", "Alleen wat niet is afgedaan (open en te laat)";
    ArgOverdue => "Only those past their due date and not settled", "Alleen wat over de termijn is en niet afgedaan";
    ArgBy => "Only those made by this person, matched as in the search (\"meijerink\" finds \"Wethouder Meijerink\")", "Alleen die van deze persoon, gezocht zoals in het zoekvenster (\"meijerink\" vindt \"Wethouder Meijerink\")";
    ArgSince => "Only those made in a meeting on or after this date", "Alleen die gedaan in een vergadering op of na deze datum";
    ArgUntil => "Only those made in a meeting on or before this date", "Alleen die gedaan in een vergadering op of voor deze datum";
    ArgListFormat => "The format [default: a table on a terminal; else from the extension of -o, else md]", "Het formaat [standaard: een tabel op een terminal; anders volgens de extensie van -o, anders md]";
    ArgAsOf => "The day that decides what is overdue [default: today]", "De dag die bepaalt wat te laat is [standaard: vandaag]";
    ArgCommitment => "The commitment's id (2017-11-20-5-1) or its RIS number", "Het nummer van de toezegging (2017-11-20-5-1) of het RIS-nummer";
    ArgHow => "How it was settled: \"afgedaan met informatienota 22 september 2021\"", "Hoe hij is afgedaan: \"afgedaan met informatienota 22 september 2021\"";
    ArgSettledOn => "When it was settled [default: today]", "Wanneer hij is afgedaan [standaard: vandaag]";
    ArgSettledIn => "The meeting file of the meeting in which it was settled", "Het vergaderbestand van de vergadering waarin hij is afgedaan";
    ArgRisNumber => "The council's number for it, e.g. 324", "Het nummer van de raad ervoor, bijv. 324";
    ValueFolder => "FOLDER", "MAP";
    ValueName => "NAME", "NAAM";
    ValueDate => "DATE", "DATUM";
    ValueCommitment => "ID", "NUMMER";
    ValueText => "TEXT", "TEKST";
    ValueRis => "RIS", "RIS";
    NotADate => "\"{}\" is not a date: write it as YYYY-MM-DD, e.g. 2021-09-22", "\"{}\" is geen datum: schrijf hem als JJJJ-MM-DD, bijv. 2021-09-22";
    ArgStreamStart => "For the speaker index: when the stream started, HH:MM[:SS] on the day the meeting was opened (the day after for a time more than 12 hours before the opening), or YYYY-MM-DDTHH:MM:SS [default: when the meeting was opened]", "Voor de sprekersindex: wanneer de uitzending begon, UU:MM[:SS] op de dag dat de vergadering werd geopend (de dag erna voor een tijd meer dan 12 uur voor de opening), of JJJJ-MM-DDTUU:MM:SS [standaard: toen de vergadering werd geopend]";
    ArgWithFaction => "For the speaker index: the faction after each name", "Voor de sprekersindex: de fractie achter elke naam";
    ArgSpeakers => "For WebVTT: a cue per speech instead of one per item", "Voor WebVTT: een cue per spreekbeurt in plaats van een per punt";
    ValueTime => "TIME", "TIJD";
    NotATime => "\"{}\" is not a time of day: write it as HH:MM or HH:MM:SS, e.g. 19:29:30, or as YYYY-MM-DDTHH:MM:SS", "\"{}\" is geen tijdstip: schrijf het als UU:MM of UU:MM:SS, bijv. 19:29:30, of als JJJJ-MM-DDTUU:MM:SS";
    ArgExportMeeting => "The meeting file; its minutes file beside it is read", "Het vergaderbestand; het notulenbestand ernaast wordt gelezen";
    ArgFormat => "The format [default: from the extension of -o, else md]", "Het formaat [standaard: volgens de extensie van -o, anders md]";
    ArgOutput => "Write to this file (whole or not at all) instead of standard output", "Naar dit bestand schrijven (helemaal of niet) in plaats van naar standaarduitvoer";
    ArgWithContacts => "Keep the informants' phone numbers and e-mail addresses in the document (left out of what is published by default)", "De telefoonnummers en e-mailadressen van informanten in het document laten staan (standaard weggelaten uit wat gepubliceerd wordt)";
    ArgWithNotes => "Include the chair's private preparation notes", "De eigen voorbereidingsnotities van de voorzitter opnemen";
    ValueFormat => "FORMAT", "FORMAAT";
    ValueFile => "FILE", "BESTAND";
    ArgMeeting => "The meeting file to open, e.g. meetings/2017-11-20-raadsplein-takzaal.yaml; without one, gavel offers the meeting files here and in meetings/", "Het vergaderbestand om te openen, bijv. meetings/2017-11-20-raadsplein-takzaal.yaml; zonder bestand biedt gavel de vergaderbestanden hier en in meetings/ aan";
    ArgLang => "Language of the console and its messages, and of a document written (which otherwise speaks the meeting file's language, Dutch unless it says language: en) [default: from LANG, nl* is Dutch, else English]", "Taal van de console en zijn meldingen, en van een geschreven document (dat anders de taal van het vergaderbestand spreekt, Nederlands tenzij daar language: en staat) [standaard: volgens LANG, nl* is Nederlands, anders Engels]";
    ArgMoveAside => "If the minutes file does not load, rename it to <name>.broken-<date-time> and start new minutes", "Als het notulenbestand niet laadt: hernoemen naar <naam>.broken-<datum-tijd> en met nieuwe notulen beginnen";
    ArgWarnBefore => "Warn this long before a faction's speaking time runs out (90s, 1m, 1m30s, or minutes)", "Zo lang vóór het einde van de spreektijd van een fractie waarschuwen (90s, 1m, 1m30s, of minuten)";
    ArgNoBell => "Do not ring the terminal bell with the speaking-time warning", "De terminalbel niet laten klinken bij de spreektijdwaarschuwing";
    ArgExtraTime => "Extra speaking time one press of + grants a faction", "Extra spreektijd die één druk op + een fractie geeft";
    ArgFiles => "Meeting files (and *.minutes.yaml files) to check", "Te controleren vergaderbestanden (en *.minutes.yaml-bestanden)";
    ArgHelpCommand => "The command to show the help of", "De opdracht waarvan de hulp getoond wordt";
    ArgHelp => "Print help", "Hulp tonen";
    ArgHelpMore => "Print help (see more with '--help')", "Hulp tonen (meer met '--help')";
    ArgHelpSummary => "Print help (see a summary with '-h')", "Hulp tonen (een samenvatting met '-h')";
    ArgVersion => "Print version", "Versie tonen";
    ArgDefault => "[default: {}]", "[standaard: {}]";
    ArgPossibleValues => "[possible values: {}]", "[mogelijke waarden: {}]";
    ValueMeeting => "MEETING", "VERGADERING";
    ValueFiles => "FILES", "BESTANDEN";
    ValueDuration => "DURATION", "DUUR";
    // Two seats (issue 26): the console's options, the seat on screen, joining and leaving.
    ArgSeat => "Run this console as seat NAME of two (chair and clerk on one meeting): letters, digits, - or _", "Deze console draaien als zetel NAAM van twee (voorzitter en griffier op één vergadering): letters, cijfers, - of _";
    ArgListen => "Two seats: wait at this address for the other seat's direct connection (0.0.0.0:7878)", "Twee zetels: op dit adres wachten op de directe verbinding van de andere zetel (0.0.0.0:7878)";
    ArgConnect => "Two seats: connect directly to the other seat at this address (192.168.1.20:7878)", "Twee zetels: direct verbinden met de andere zetel op dit adres (192.168.1.20:7878)";
    NotASeatName => "\"{}\" is not a seat name: use 1-32 letters, digits, - or _ (clerk, griffier-2)", "\"{}\" is geen zetelnaam: gebruik 1-32 letters, cijfers, - of _ (griffier, griffier-2)";
    SeatDefaultJoiner => "clerk", "griffier";
    SeatDefaultHolder => "chair", "voorzitter";
    LockHeldJoin => "gavel: {} is in use by another gavel ({}). To record together with it as a second seat: gavel {} --seat {}", "gavel: {} is in gebruik door een andere gavel ({}). Om er als tweede zetel samen mee te notuleren: gavel {} --seat {}";
    OfferSeat => "Join it as the second seat \"{}\"? y and Enter joins, Enter alone quits: ", "Meedoen als tweede zetel \"{}\"? j en Enter doet mee, alleen Enter stopt: ";
    SeatNameTaken => "gavel: seat \"{}\" is the console that holds these minutes ({}); choose another name with --seat", "gavel: zetel \"{}\" is de console die deze notulen heeft ({}); kies een andere naam met --seat";
    SeatYou => "seat {}", "zetel {}";
    SeatAlone => "alone", "nog alleen";
    SeatPeerHere => "{} connected", "{} verbonden";
    SeatPeerDirect => "{} linked", "{} gekoppeld";
    SeatPeerAway => "{} away since {}", "{} weg sinds {}";
    SeatClockHere => "clock here", "klok hier";
    SeatClockThere => "clock: {}", "klok: {}";
    ConfirmTakeClock => "Seat {} runs the clock and the speakers. Take them over? y takes over, any other key cancels.", "Zetel {} voert de klok en de sprekers. Overnemen? j neemt over, elke andere toets annuleert.";
    ClockLeft => "Seat {} runs the clock still; nothing was changed.", "Zetel {} voert de klok nog; er is niets gewijzigd.";
    ClockTakenByOther => "Seat {} took the clock and the speakers over.", "Zetel {} heeft de klok en de sprekers overgenomen.";
    ClockTakenOver => "You run the clock and the speakers now.", "Je voert nu de klok en de sprekers.";
    SeatClockRefused => "Seat {} runs the clock; that change was not recorded here.", "Zetel {} voert de klok; die wijziging is hier niet vastgelegd.";
    SeatJoined => "Seat {} is here; you are seat {}.", "Zetel {} is er; jij bent zetel {}.";
    SeatWritesNow => "This seat writes the minutes file now.", "Deze zetel schrijft nu het notulenbestand.";
    SeatFileFailed => "Seat file not written: {}", "Zetelbestand niet geschreven: {}";
    SeatProblem => "Seat file passed by: {}", "Zetelbestand overgeslagen: {}";
    SeatRenamed => "Commitment {} of item {} is now {} (the other seat gave {} first).", "Toezegging {} van punt {} heet nu {} (de andere zetel gaf {} eerder).";
    SeatInUse => "seat \"{}\" is in use by another console ({}); start this one with another --seat", "zetel \"{}\" is in gebruik door een andere console ({}); start deze met een andere --seat";
    SeatDamaged => "the seat document is damaged and was left as it was", "het zetelbestand is beschadigd en is gelaten zoals het was";
    SeatEngineFailed => "the seat document could not take that change", "het zetelbestand kon die wijziging niet opnemen";
    SeatNotOwnFile => "{} is a link or not a regular file; a seat writes only a file of its own", "{} is een koppeling of geen gewoon bestand; een zetel schrijft alleen een eigen bestand";
    SeatLinkFailed => "gavel: the direct connection cannot start: {}", "gavel: de directe verbinding kan niet starten: {}";
    LockHolder => "pid {} on {} since {}", "pid {} op {} sinds {}";
    LockHolderSeat => "pid {} on {} since {} as seat {}", "pid {} op {} sinds {} als zetel {}";
    AddressInUse => "already in use (does another gavel listen there?)", "al in gebruik (luistert daar al een gavel?)";
    AddressNotHere => "not an address of this machine", "geen adres van deze machine";
    AddressDenied => "not allowed (a port below 1024 needs rights)", "niet toegestaan (een poort onder 1024 vraagt rechten)";
    SeatLinkUnreachable => "Seat at {} not reached: {}. You record on your own meanwhile.", "Zetel op {} niet bereikt: {}. Je notuleert zelfstandig door.";
    SeatLinkRefused => "Connection from {} refused: {}.", "Verbinding van {} geweigerd: {}.";
    SeatLinkLost => "Link to seat {} gone ({}); each seat records on, they catch up later.", "Verbinding met zetel {} weg ({}); beide notuleren door en halen later in.";
    SeatLinkDamaged => "A message of seat {} was not taken in; the link starts again.", "Een bericht van zetel {} is niet opgenomen; de verbinding begint opnieuw.";
    SeatLinkWrongKey => "another seat key; copy {} from the other seat", "andere zetelsleutel; kopieer {} van de andere zetel";
    SeatLinkSameName => "same seat name: start one with another --seat", "zelfde zetelnaam: start er een met een andere --seat";
    SeatLinkNotListening => "nobody listens", "niemand luistert";
    SeatLinkNoAnswer => "no answer", "geen antwoord";
    SeatLinkClosed => "closed", "gesloten";
    SeatKeyMade => "Seat key {} made: copy it into the other seat's folder.", "Zetelsleutel {} gemaakt: kopieer hem naar de map van de andere zetel.";
    SeatKeyMissing => "{}: there is no seat key; the seat that listens (--listen) makes it: copy that file into this meeting's folder", "{}: er is geen zetelsleutel; de zetel die luistert (--listen) maakt hem: kopieer dat bestand naar de map van deze vergadering";
    SeatKeyNotAKey => "{}: not a seat key; it holds one line of 64 hexadecimal digits, as --listen writes it (delete the file to have a new one made)", "{}: geen zetelsleutel; die bevat één regel van 64 hexadecimale cijfers, zoals --listen hem schrijft (verwijder het bestand om een nieuwe te laten maken)";
    SeatKeyNotOwn => "{}: a link or not a regular file; the seat key is a file of its own in the meeting folder", "{}: een koppeling of geen gewoon bestand; de zetelsleutel is een eigen bestand in de vergadermap";
    ValueLang => "LANG", "TAAL";
    ValueCommand => "COMMAND", "OPDRACHT";
    HeadingUsage => "Usage:", "Gebruik:";
    HeadingCommands => "Commands", "Opdrachten";
    HeadingArguments => "Arguments", "Argumenten";
    HeadingOptions => "Options", "Opties";
    UsageOptions => "[OPTIONS]", "[OPTIES]";
    UsageError => "gavel: {}", "gavel: {}";
    UsageTip => "tip: {}", "tip: {}";
    MoreInformation => "For more information, try '{}'", "Meer informatie: {}";
    DidYouMean => "did you mean '{}'?", "bedoelt u '{}'?";
    UnknownOption => "unknown option '{}'", "onbekende optie '{}'";
    UnexpectedArgument => "unexpected argument '{}'", "onverwacht argument '{}'";
    InvalidValue => "invalid value '{}' for '{}'", "ongeldige waarde '{}' voor '{}'";
    InvalidValueBecause => "invalid value '{}' for '{}': {}", "ongeldige waarde '{}' voor '{}': {}";
    ValueRequired => "'{}' needs a value, and none was given", "'{}' vraagt een waarde, maar die ontbreekt";
    PossibleValues => "possible values: {}", "mogelijke waarden: {}";
    NotADuration => "\"{}\" is not a duration: write 90s, 5m, 1h30m, or a number of minutes", "\"{}\" is geen duur: schrijf 90s, 5m, 1h30m, of een aantal minuten";
    MissingArguments => "missing: {}", "ontbreekt: {}";
    UsedTwice => "'{}' can be given only once", "'{}' mag maar één keer gegeven worden";
    CannotBeCombined => "'{}' cannot be used with {}", "'{}' gaat niet samen met {}";
    UnexpectedValue => "'{}' takes no value, but '{}' was given", "'{}' neemt geen waarde, maar '{}' werd gegeven";
    UnknownCommand => "'{}' is not a command of gavel. Commands: {}.", "'{}' is geen opdracht van gavel. Opdrachten: {}.";
    CommandComesFirst => "'{}' is a command: it comes first, before the console's options (gavel {} ...)", "'{}' is een opdracht: die komt eerst, vóór de opties van de console (gavel {} ...)";
    NotACommandNorMeeting => "'{}' is not a command of gavel, nor a meeting file. Commands: {}. To open a meeting: gavel {}.yaml", "'{}' is geen opdracht van gavel en geen vergaderbestand. Opdrachten: {}. Een vergadering openen: gavel {}.yaml";
    OneMeetingAtATime => "'{}' after the meeting file {}: gavel opens one meeting at a time", "'{}' na het vergaderbestand {}: gavel opent één vergadering tegelijk";
}

/// The file checker's messages in Dutch, keyed by their English template (`{}` is a blank filled
/// in order). The loader writes English, as compilers do; `translate` puts a message in Dutch when
/// it has the shape of one of these. Longer templates come first where one extends another.
const DIAGNOSTICS_NL: &[(&str, &str)] = &[
    // issue 22 (hardening): what a search of a folder leaves out
    (
        "folder not searched for minutes files: it cannot be read",
        "map niet doorzocht op notulenbestanden: ze kan niet worden gelezen",
    ),
    (
        "give gavel permission to read it, or move the minutes files out of it",
        "geef gavel leesrechten op de map, of haal de notulenbestanden eruit",
    ),
    (
        "folder not searched for minutes files: more than {} levels deep",
        "map niet doorzocht op notulenbestanden: meer dan {} niveaus diep",
    ),
    (
        "move its minutes files higher up, or give gavel that folder itself",
        "zet de notulenbestanden hoger, of geef gavel die map zelf",
    ),
    (
        "only the first {} minutes files were read; {} more were left out",
        "alleen de eerste {} notulenbestanden zijn gelezen; {} meer zijn overgeslagen",
    ),
    (
        "give gavel a folder with fewer minutes files (one year, one committee)",
        "geef gavel een map met minder notulenbestanden (één jaar, één commissie)",
    ),
    (
        "no meeting or minutes files in this folder; meeting files in its subfolders are not checked",
        "geen vergader- of notulenbestanden in deze map; vergaderbestanden in submappen worden niet gecontroleerd",
    ),
    (
        "give the subfolders themselves: gavel check {}",
        "geef de submappen zelf: gavel check {}",
    ),
    // Whole-file problems.
    ("file is not valid UTF-8", "bestand is geen geldige UTF-8"),
    (
        "save the file as UTF-8 (files from Windows tools are often Windows-1252)",
        "sla het bestand op als UTF-8 (bestanden uit Windows-programma's zijn vaak Windows-1252)",
    ),
    (
        "file is empty (only whitespace or comments)",
        "bestand is leeg (alleen witruimte of commentaar)",
    ),
    (
        "a meeting file needs at least `title`, `date` and `items`",
        "een vergaderbestand heeft minstens `title`, `date` en `items` nodig",
    ),
    (
        "file is too large ({}); gavel reads files of at most {}",
        "bestand is te groot ({}); gavel leest bestanden van hooguit {}",
    ),
    (
        "is this the right file? meeting and minutes files are normally a few KiB",
        "is dit het goede bestand? vergader- en notulenbestanden zijn meestal een paar KiB",
    ),
    (
        "nesting is too deep (more than {} levels)",
        "te diep genest (meer dan {} niveaus)",
    ),
    (
        "meeting and minutes files need only a few levels; check the indentation and brackets",
        "vergader- en notulenbestanden hebben maar een paar niveaus nodig; controleer inspringing en haken",
    ),
    (
        "too many entries (more than {} keys and list entries)",
        "te veel regels (meer dan {} sleutels en lijstelementen)",
    ),
    (
        "is this the right file? a meeting file has a few hundred",
        "is dit het goede bestand? een vergaderbestand heeft er een paar honderd",
    ),
    (
        "too many aliases (more than {} `*name` references)",
        "te veel aliassen (meer dan {} `*naam`-verwijzingen)",
    ),
    (
        "write the values out; many aliases are how \"billion laughs\" files blow up",
        "schrijf de waarden uit; met veel aliassen blazen \"billion laughs\"-bestanden zich op",
    ),
    ("too many alias expansions", "te veel aliasuitbreidingen"),
    (
        "write the values out; this is how \"billion laughs\" files blow up",
        "schrijf de waarden uit; zo blazen \"billion laughs\"-bestanden zich op",
    ),
    (
        "alias refers to an unknown anchor",
        "alias verwijst naar een onbekend anker",
    ),
    (
        "define `&name` on a value before referring to it with `*name`",
        "definieer `&naam` bij een waarde voordat u er met `*naam` naar verwijst",
    ),
    (
        "file holds no YAML document",
        "bestand bevat geen YAML-document",
    ),
    (
        "file holds more than one YAML document (`---`)",
        "bestand bevat meer dan één YAML-document (`---`)",
    ),
    (
        "keep one document per file",
        "houd één document per bestand",
    ),
    ("cannot read the file: {}", "kan het bestand niet lezen: {}"),
    ("no such file", "bestand bestaat niet"),
    (
        "faction \"{}\" is not in the meeting file",
        "fractie \"{}\" staat niet in het vergaderbestand",
    ),
    (
        "add the faction to the meeting file, or correct the name",
        "zet de fractie in het vergaderbestand, of verbeter de naam",
    ),
    (
        "\"{}\" leaves before arriving",
        "\"{}\" vertrekt voor aankomst",
    ),
    (
        "left_at comes after arrived_at",
        "left_at komt na arrived_at",
    ),
    (
        "\"{}\" is listed twice in one vote",
        "\"{}\" staat twee keer in één stemming",
    ),
    (
        "a faction (or member) votes once: for or against",
        "een fractie (of lid) stemt één keer: voor of tegen",
    ),
    (
        "member \"{}\" is not in the meeting file or on the attendance list",
        "lid \"{}\" staat niet in het vergaderbestand of op de presentielijst",
    ),
    (
        "add it to the meeting file, or correct the name",
        "zet het in het vergaderbestand, of verbeter de naam",
    ),
    (
        "the vote records {}-{} but the attendance list gives {}-{}",
        "de stemming noemt {}-{} maar de presentielijst geeft {}-{}",
    ),
    (
        "the counts are made by gavel from those present at recorded_at: check the attendance list",
        "gavel telt uit wie er op recorded_at aanwezig waren: controleer de presentielijst",
    ),
    (
        "faction \"{}\" lists {} members but has {} seats",
        "fractie \"{}\" noemt {} leden maar heeft {} zetels",
    ),
    (
        "a count of votes takes the members present; check the seats",
        "een stemming telt de aanwezige leden; controleer de zetels",
    ),
    (
        "\"{}\" is a member of both \"{}\" and \"{}\"",
        "\"{}\" is lid van zowel \"{}\" als \"{}\"",
    ),
    (
        "a member belongs to one faction",
        "een lid hoort bij één fractie",
    ),
    (
        "commitment id \"{}\" is used more than once: also at {}",
        "toezeggingsnummer \"{}\" wordt vaker gebruikt: ook op {}",
    ),
    (
        "a commitment id is unique across the folder: give one of them another id",
        "een toezeggingsnummer is uniek in de map: geef er een een ander nummer",
    ),
    (
        "the register settles commitment \"{}\", which no minutes file holds",
        "het register handelt toezegging \"{}\" af, die in geen notulenbestand staat",
    ),
    (
        "remove the entry, or bring back the minutes file that holds the commitment",
        "haal de regel weg, of zet het notulenbestand met de toezegging terug",
    ),
    (
        "these minutes are of the meeting file \"{}\", not of \"{}\"",
        "deze notulen horen bij vergaderbestand \"{}\", niet bij \"{}\"",
    ),
    (
        "these minutes are dated {}, the meeting {}",
        "deze notulen zijn van {}, de vergadering van {}",
    ),
    (
        "use the minutes file beside its own meeting file",
        "gebruik het notulenbestand naast zijn eigen vergaderbestand",
    ),
    (
        "item \"{}\" is not on the meeting's agenda",
        "punt \"{}\" staat niet op de agenda van de vergadering",
    ),
    (
        "an item removed from the meeting file keeps its record here: put it back on the agenda",
        "een punt dat uit het vergaderbestand is gehaald houdt hier zijn verslag: zet het terug op de agenda",
    ),
    (
        "cannot write {}: the folder {} does not exist",
        "kan {} niet schrijven: de map {} bestaat niet",
    ),
    ("cannot write {}: {}", "kan {} niet schrijven: {}"),
    (
        "{} is a data format, not one for this document: use md, html or docx",
        "{} is een gegevensformaat, niet een voor dit document: gebruik md, html of docx",
    ),
    (
        "no permission to read the file",
        "geen toestemming om het bestand te lezen",
    ),
    (
        "this is a folder, not a file",
        "dit is een map, geen bestand",
    ),
    // YAML syntax.
    (
        "YAML syntax error: a tab character where YAML expects spaces",
        "YAML-syntaxfout: een tab waar YAML spaties verwacht",
    ),
    ("indent with spaces only", "spring alleen met spaties in"),
    (
        "YAML syntax error: {} (while {})",
        "YAML-syntaxfout: {} (bij {})",
    ),
    ("YAML syntax error: {}", "YAML-syntaxfout: {}"),
    (
        "check the indentation, and quote values that contain \": \" or \" #\"",
        "controleer de inspringing, en zet waarden met \": \" of \" #\" tussen aanhalingstekens",
    ),
    // Keys and values.
    (
        "unknown key \"{}\"; did you mean \"{}\"?",
        "onbekende sleutel \"{}\"; bedoelt u \"{}\"?",
    ),
    ("unknown key \"{}\"", "onbekende sleutel \"{}\""),
    (
        "no keys are allowed here",
        "hier zijn geen sleutels toegestaan",
    ),
    ("allowed keys here: {}", "toegestane sleutels hier: {}"),
    (
        "key \"{}\" appears twice (first on line {})",
        "sleutel \"{}\" staat er twee keer (eerst op regel {})",
    ),
    (
        "key \"{}\" appears twice",
        "sleutel \"{}\" staat er twee keer",
    ),
    ("keep one of them", "houd er één van"),
    (
        "missing required key \"{}\"",
        "verplichte sleutel \"{}\" ontbreekt",
    ),
    (
        "each entry of \"{}\" should be {}, not {}",
        "elk element van \"{}\" moet {} zijn, niet {}",
    ),
    (
        "\"{}\" should be {}, not {}",
        "\"{}\" moet {} zijn, niet {}",
    ),
    ("expected {}, found {}", "verwacht: {}, gevonden: {}"),
    ("\"{}\" is empty", "\"{}\" is leeg"),
    ("\"items\" is empty", "\"items\" is leeg"),
    (
        "add the meeting's date, like `date: 2017-11-20`",
        "voeg de datum van de vergadering toe, zoals `date: 2017-11-20`",
    ),
    (
        "a meeting needs at least one agenda item",
        "een vergadering heeft minstens één agendapunt nodig",
    ),
    (
        "the meeting needs a title",
        "de vergadering heeft een titel nodig",
    ),
    (
        "every faction needs a name",
        "elke fractie heeft een naam nodig",
    ),
    (
        "every item needs a number, like `number: \"3\"`",
        "elk punt heeft een nummer nodig, zoals `number: \"3\"`",
    ),
    ("every item needs a title", "elk punt heeft een titel nodig"),
    (
        "every informant needs a name",
        "elke informant heeft een naam nodig",
    ),
    (
        "every attachment needs a title",
        "elke bijlage heeft een titel nodig",
    ),
    ("impossible date \"{}\"", "onmogelijke datum \"{}\""),
    (
        "write the date as YYYY-MM-DD, like 2017-11-20",
        "schrijf de datum als JJJJ-MM-DD, zoals 2017-11-20",
    ),
    ("impossible time \"{}\"", "onmogelijke tijd \"{}\""),
    (
        "write times as HH:MM (24 h), like 19:30 or 19.30",
        "schrijf tijden als UU:MM (24 uur), zoals 19:30 of 19.30",
    ),
    ("invalid duration \"{}\"", "ongeldige duur \"{}\""),
    (
        "write durations as 90s, 5m, 1h30m, or a number of minutes",
        "schrijf een duur als 90s, 5m, 1h30m, of een aantal minuten",
    ),
    (
        "unknown kind \"{}\"; did you mean \"{}\"?",
        "onbekende soort \"{}\"; bedoelt u \"{}\"?",
    ),
    ("unknown kind \"{}\"", "onbekende soort \"{}\""),
    ("kinds: {}", "soorten: {}"),
    // The meeting's language (issue 21, wip-21docs)
    (
        "unknown language \"{}\"; did you mean \"{}\"?",
        "onbekende taal \"{}\"; bedoelt u \"{}\"?",
    ),
    ("unknown language \"{}\"", "onbekende taal \"{}\""),
    (
        "languages: nl (Dutch, the default) or en (English)",
        "talen: nl (Nederlands, de standaard) of en (Engels)",
    ),
    (
        "faction \"{}\" is listed twice (first on line {})",
        "fractie \"{}\" staat er twee keer (eerst op regel {})",
    ),
    (
        "attachment file \"{}\" not found",
        "bijlagebestand \"{}\" niet gevonden",
    ),
    (
        "attachment paths are relative to the meeting file's folder",
        "paden van bijlagen gaan uit van de map van het vergaderbestand",
    ),
    // Minutes: gavel's own file, read back whatever it wrote.
    (
        "file is too large ({}); gavel reads minutes files of at most {}",
        "bestand is te groot ({}); gavel leest notulenbestanden van hooguit {}",
    ),
    (
        "is this the right file? gavel never writes minutes this large",
        "is dit het goede bestand? gavel schrijft nooit zulke grote notulen",
    ),
    ("this is not a regular file", "dit is geen gewoon bestand"),
    (
        "aliases are not allowed in a large minutes file",
        "aliassen zijn niet toegestaan in een groot notulenbestand",
    ),
    (
        "anchors are not allowed in a large minutes file",
        "ankers zijn niet toegestaan in een groot notulenbestand",
    ),
    (
        "gavel writes no anchors or aliases: is this a minutes file gavel wrote?",
        "gavel schrijft geen ankers of aliassen: heeft gavel dit notulenbestand geschreven?",
    ),
    (
        "gavel writes the minutes file itself: delete the empty file and gavel starts new minutes",
        "gavel schrijft het notulenbestand zelf: verwijder het lege bestand en gavel begint nieuwe notulen",
    ),
    // Two seats (issue 26): the seat files in the meeting folder (store/seat_files.rs).
    (
        "a link, not a seat's own file: passed by",
        "een koppeling, niet het eigen bestand van een plaats: overgeslagen",
    ),
    (
        "each seat writes its own file in the meeting folder; remove the link",
        "elke plaats schrijft een eigen bestand in de vergadermap; verwijder de koppeling",
    ),
    (
        "cannot read the seat file: {}",
        "kan het plaatsbestand niet lezen: {}",
    ),
    (
        "not a regular file: passed by",
        "geen gewoon bestand: overgeslagen",
    ),
    (
        "seat file is too large; gavel reads seat files of at most {} MiB",
        "plaatsbestand is te groot; gavel leest plaatsbestanden van hooguit {} MiB",
    ),
    (
        "is this the right file? gavel never writes seat files this large",
        "is dit het goede bestand? gavel schrijft nooit zulke grote plaatsbestanden",
    ),
    (
        "damaged seat file, passed by ({})",
        "beschadigd plaatsbestand, overgeslagen ({})",
    ),
    (
        "the other seats' files still count; this seat's own is written anew on its next change",
        "de bestanden van de andere plaatsen tellen nog; het eigen bestand wordt bij de volgende wijziging opnieuw geschreven",
    ),
    (
        "more than {} seat files for one meeting: passed by",
        "meer dan {} plaatsbestanden voor één vergadering: overgeslagen",
    ),
    (
        "remove the files of seats that no longer take part",
        "verwijder de bestanden van plaatsen die niet meer meedoen",
    ),
    (
        "cannot read the meeting folder: {}",
        "kan de vergadermap niet lezen: {}",
    ),
    // Timeslots.
    (
        "\"duration\" cannot be combined with {}",
        "\"duration\" gaat niet samen met {}",
    ),
    (
        "give an item either start and end, or a duration",
        "geef een punt een begin en einde, of een duur",
    ),
    (
        "\"end\" without \"start\": planned as a moment at {}",
        "\"end\" zonder \"start\": gepland als moment om {}",
    ),
    (
        "for a timeslot add `start: HH:MM`, or give a `duration` instead",
        "voeg voor een tijdslot `start: UU:MM` toe, of geef een `duration`",
    ),
    (
        "item ends at {}, before it starts at {}",
        "punt eindigt om {}, voordat het begint om {}",
    ),
    (
        "check the times: a slot cannot end before it starts",
        "controleer de tijden: een tijdslot kan niet eindigen voordat het begint",
    ),
    (
        "duplicate item number \"{}\" (first used on line {})",
        "dubbel puntnummer \"{}\" (eerst gebruikt op regel {})",
    ),
    (
        "every item needs its own number",
        "elk punt heeft een eigen nummer nodig",
    ),
    (
        "item \"{}\" starts at {}, before item \"{}\" above it (line {}) at {}",
        "punt \"{}\" begint om {}, vóór punt \"{}\" erboven (regel {}) om {}",
    ),
    (
        "the agenda order and the timeslots disagree; check the times or the order",
        "de volgorde van de agenda en de tijdsloten kloppen niet; controleer de tijden of de volgorde",
    ),
    (
        "item \"{}\" ({}–{}) overlaps item \"{}\" ({}–{}, line {})",
        "punt \"{}\" ({}–{}) overlapt met punt \"{}\" ({}–{}, regel {})",
    ),
    (
        "check the times: a slot should start when the one before it ends",
        "controleer de tijden: een tijdslot hoort te beginnen als het vorige eindigt",
    ),
    (
        "item \"{}\" starts at {}, before the meeting starts at {}",
        "punt \"{}\" begint om {}, voordat de vergadering begint om {}",
    ),
    (
        "item \"{}\" ends at {}, after the meeting ends at {}",
        "punt \"{}\" eindigt om {}, nadat de vergadering eindigt om {}",
    ),
    // What a value should be (serde's words for the shapes of YAML, and the loader's).
    ("a list", "een lijst"),
    ("a mapping", "een mapping"),
    ("empty", "leeg"),
    ("another value", "een andere waarde"),
    ("a string", "tekst"),
    (
        "a name or a list of names",
        "een naam of een lijst van namen",
    ),
    (
        "a meeting: a mapping with title, date and items",
        "een vergadering: een mapping met title, date en items",
    ),
    (
        "an agenda item: a mapping with number, title and more",
        "een agendapunt: een mapping met number, title en meer",
    ),
    (
        "a faction name, or a mapping with name and members",
        "een fractienaam, of een mapping met name en members",
    ),
    (
        "a name, or a mapping with name, phone, email and role",
        "een naam, of een mapping met name, phone, email en role",
    ),
    (
        "a title, or a mapping with title, kind and file",
        "een titel, of een mapping met title, kind en file",
    ),
    ("{}, or a list of those", "{}, of een lijst daarvan"),
    ("\"start\" and \"end\"", "\"start\" en \"end\""),
    // Hostile files: confinement, caps, sanitising
    (
        "attachment file \"{}\" is outside the meeting's folder: not read or searched",
        "bijlagebestand \"{}\" staat buiten de map van de vergadering: niet gelezen of doorzocht",
    ),
    (
        "put the file in the meeting's folder or a folder under it; the console opens it only after a question",
        "zet het bestand in de map van de vergadering of een map daaronder; de console opent het alleen na een vraag",
    ),
    (
        "attachment file \"{}\" is not a regular file ({})",
        "bijlagebestand \"{}\" is geen gewoon bestand ({})",
    ),
    (
        "an attachment is an ordinary file in the meeting's folder",
        "een bijlage is een gewoon bestand in de map van de vergadering",
    ),
    (
        "attachment file \"{}\" is larger than {}: not read or searched",
        "bijlagebestand \"{}\" is groter dan {}: niet gelezen of doorzocht",
    ),
    (
        "attachment file \"{}\" has more than {} lines: not read or searched",
        "bijlagebestand \"{}\" heeft meer dan {} regels: niet gelezen of doorzocht",
    ),
    (
        "the console opens it in the system's viewer (o); or split it into smaller files",
        "de console opent het in de viewer van het systeem (o); of splits het in kleinere bestanden",
    ),
    // issue 23: attachments gavel check cannot read (PDF, Word)
    (
        "attachment file \"{}\" has no text (a scan): not read or searched",
        "bijlagebestand \"{}\" heeft geen tekst (een scan): niet gelezen of doorzocht",
    ),
    (
        "the console opens it in the system's viewer (o); a PDF with its text (not only an image of it) can be searched",
        "de console opent het in de viewer van het systeem (o); een PDF met tekst (niet alleen een afbeelding ervan) is doorzoekbaar",
    ),
    (
        "attachment file \"{}\" cannot be read ({}): not read or searched",
        "bijlagebestand \"{}\" is niet te lezen ({}): niet gelezen of doorzocht",
    ),
    (
        "the console opens it in the system's viewer (o)",
        "de console opent het in de viewer van het systeem (o)",
    ),
    (
        "attachment file \"{}\" was not read within {} s: not read or searched",
        "bijlagebestand \"{}\" is niet binnen {} s gelezen: niet gelezen of doorzocht",
    ),
    (
        "attachment file \"{}\" could not be read: the reader did not start ({})",
        "bijlagebestand \"{}\" is niet gelezen: de lezer startte niet ({})",
    ),
    (
        "install Poppler's pdftotext, or check that gavel can start itself",
        "installeer pdftotext van Poppler, of kijk of gavel zichzelf kan starten",
    ),
    (
        "attachment file \"{}\" is not text, PDF or DOCX: not read or searched",
        "bijlagebestand \"{}\" is geen tekst, PDF of DOCX: niet gelezen of doorzocht",
    ),
    ("its reader stopped on it", "de lezer liep erop vast"),
    ("not a regular file ({})", "geen gewoon bestand ({})"),
    (
        "give the path of the meeting or minutes file itself",
        "geef het pad van het vergader- of notulenbestand zelf",
    ),
    ("a FIFO", "een FIFO"),
    ("a device", "een apparaat"),
    ("a socket", "een socket"),
    ("a folder", "een map"),
    (
        "file is larger than {}, the most gavel reads",
        "bestand is groter dan {}, het meeste dat gavel leest",
    ),
    (
        "the file contains a control character ({})",
        "het bestand bevat een stuurteken ({})",
    ),
    // A control character written as a YAML escape (issue 21).
    (
        "the value holds a control character ({}), written as an escape",
        "de waarde bevat een stuurteken ({}), geschreven als escape",
    ),
    (
        "remove the escape; a text holds no control characters",
        "haal de escape weg; een tekst bevat geen stuurtekens",
    ),
    (
        "remove it; a meeting or minutes file is plain text (is this the right file?)",
        "verwijder het; een vergader- of notulenbestand is platte tekst (is dit het goede bestand?)",
    ),
    (
        "aliases would expand the file to more than {}",
        "aliassen zouden het bestand uitbreiden tot meer dan {}",
    ),
    (
        "write the values out instead of repeating a large one with `*name`",
        "schrijf de waarden uit in plaats van een grote waarde te herhalen met `*naam`",
    ),
    // Minutes files.
    (
        "the minutes file does not load: {}",
        "het notulenbestand laadt niet: {}",
    ),
    // The stretches of a speech (issue 20).
    (
        "this stretch of the speech of {} ends before it starts",
        "dit stuk van de spreekbeurt van {} eindigt voor het begint",
    ),
    (
        "a stretch runs from `from` to a later `to`",
        "een stuk loopt van `from` tot een latere `to`",
    ),
    (
        "this stretch of the speech of {} starts before the one before it ended",
        "dit stuk van de spreekbeurt van {} begint voor het vorige eindigde",
    ),
    (
        "stretches are in the order they were spoken and do not overlap",
        "de stukken staan in de volgorde waarin ze zijn gesproken en overlappen niet",
    ),
    (
        "this stretch of the speech of {} starts before the speech",
        "dit stuk van de spreekbeurt van {} begint voor de spreekbeurt",
    ),
    (
        "a speech's started_at is when its first stretch starts, or earlier",
        "de started_at van een spreekbeurt is het begin van het eerste stuk, of eerder",
    ),
    (
        "the clock of {} runs from before their last stretch ended",
        "de klok van {} loopt vanaf voor het einde van het laatste stuk",
    ),
    (
        "speaking_since is after the last stretch's `to`",
        "speaking_since ligt na de `to` van het laatste stuk",
    ),
    (
        "the speech of {} counts {} seconds, but its stretches add up to {}",
        "de spreekbeurt van {} telt {} seconden, maar de stukken tellen op tot {}",
    ),
    (
        "seconds is the sum of the stretches in spoken: correct the one that is wrong",
        "seconds is de som van de stukken in spoken: verbeter wat niet klopt",
    ),
    // An empty commitment id (issue 21).
    ("a commitment without an id", "een toezegging zonder id"),
    (
        "give it its id, <date>-<item number>-<n>, such as 2017-11-20-5-1",
        "geef haar een id, <datum>-<puntnummer>-<n>, zoals 2017-11-20-5-1",
    ),
    (
        "mend it by hand, or start gavel with --move-aside to keep it as a dated backup and start new minutes",
        "herstel het met de hand, of start gavel met --move-aside om het als gedateerde reservekopie te bewaren en opnieuw te beginnen",
    ),
    (
        "{}; or mend it by hand, or start gavel with --move-aside to keep it as a dated backup and start new minutes",
        "{}; of herstel het met de hand, of start gavel met --move-aside om het als gedateerde reservekopie te bewaren en opnieuw te beginnen",
    ),
];

/// Matches `text` against a template with `{}` blanks; returns what stood in the blanks.
fn blanks<'a>(template: &str, text: &'a str) -> Option<Vec<&'a str>> {
    let parts: Vec<&str> = template.split("{}").collect();
    let mut rest = text.strip_prefix(parts[0])?;
    let mut filled = Vec::new();
    for (i, part) in parts.iter().enumerate().skip(1) {
        let last = i == parts.len() - 1;
        let at = if last {
            // The last literal must end the text.
            if !rest.ends_with(part) {
                return None;
            }
            rest.len() - part.len()
        } else if part.is_empty() {
            return None; // two blanks side by side cannot be told apart
        } else {
            rest.find(part)?
        };
        filled.push(&rest[..at]);
        rest = &rest[at + part.len()..];
    }
    (parts.len() > 1 || rest.is_empty()).then_some(filled)
}

/// A checker message in the user's language: Dutch when it has the shape of a known message
/// (what stands in its blanks is kept, and translated too where it is a message itself).
pub fn translate(text: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return text.to_string();
    }
    for (english, dutch) in DIAGNOSTICS_NL {
        if let Some(filled) = blanks(english, text) {
            let mut out = String::new();
            let mut filled = filled.into_iter();
            let mut parts = dutch.split("{}");
            out.push_str(parts.next().unwrap_or_default());
            for part in parts {
                // A phrase in a blank may be a message of its own ("a list"); a single word is
                // the user's (a key, a time) and stays as it is.
                if let Some(value) = filled.next() {
                    if value.contains(' ') {
                        out.push_str(&translate(value, lang));
                    } else {
                        out.push_str(value);
                    }
                }
                out.push_str(part);
            }
            return out;
        }
    }
    text.to_string()
}

/// The word for a kind of agenda item.
pub fn kind_text(kind: crate::domain::meeting::ItemKind) -> Msg {
    use crate::domain::meeting::ItemKind;
    match kind {
        ItemKind::Opening => Msg::KindOpening,
        ItemKind::Procedural => Msg::KindProcedural,
        ItemKind::Debate => Msg::KindDebate,
        ItemKind::Break => Msg::KindBreak,
        ItemKind::Closing => Msg::KindClosing,
        ItemKind::Item => Msg::KindItem,
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// The months in Dutch, as dates are written out (and read in Dutch agenda packs).
pub const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

impl Lang {
    /// A date in figures as each language writes it: "31-12-2017", "2017-12-31".
    pub fn short_date(self, date: chrono::NaiveDate) -> String {
        match self {
            Lang::Nl => date.format("%d-%m-%Y").to_string(),
            Lang::En => date.format("%Y-%m-%d").to_string(),
        }
    }

    /// A date written out as a council does: "20 november 2017", "20 November 2017".
    pub fn long_date(self, date: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        let months = match self {
            Lang::En => &MONTHS_EN,
            Lang::Nl => &MONTHS_NL,
        };
        format!(
            "{} {} {}",
            date.day(),
            months[date.month0() as usize],
            date.year()
        )
    }

    /// A time of day in the council's notation: "19.35" in Dutch, "19:35" in English.
    pub fn clock(self, time: chrono::NaiveTime) -> String {
        match self {
            Lang::En => time.format("%H:%M").to_string(),
            Lang::Nl => time.format("%H.%M").to_string(),
        }
    }

    /// The language's tag for documents: `nl`, `en`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Nl => "nl",
        }
    }
}

impl Msg {
    /// The text with each `{}` filled by the next argument.
    pub fn fill(self, lang: Lang, args: &[&dyn fmt::Display]) -> String {
        let mut out = String::new();
        let mut args = args.iter();
        let mut parts = self.text(lang).split("{}");
        if let Some(first) = parts.next() {
            out.push_str(first);
        }
        for part in parts {
            if let Some(arg) = args.next() {
                out.push_str(&arg.to_string());
            }
            out.push_str(part);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_flag_wins_over_environment() {
        let env = |_: &str| Some("nl_NL.UTF-8".to_string());
        assert_eq!(Lang::choose(Some(Lang::En), env), Lang::En);
    }

    #[test]
    fn dutch_locale_means_dutch() {
        let env = |var: &str| (var == "LANG").then(|| "nl_NL.UTF-8".to_string());
        assert_eq!(Lang::choose(None, env), Lang::Nl);
    }

    #[test]
    fn no_locale_means_english() {
        assert_eq!(Lang::choose(None, |_| None), Lang::En);
        assert_eq!(Lang::choose(None, |_| Some("C.UTF-8".into())), Lang::En);
    }

    #[test]
    fn blanks_are_filled_in_order() {
        assert_eq!(Msg::RoundOrdinalN.fill(Lang::Nl, &[&4]), "termijn 4");
        assert_eq!(
            Msg::CannotOpen.fill(Lang::En, &[&"a.txt", &"gone"]),
            "Cannot open a.txt: gone"
        );
    }

    #[test]
    fn checker_messages_are_translated_with_their_blanks() {
        assert_eq!(
            translate("unknown key \"titel\"; did you mean \"title\"?", Lang::Nl),
            "onbekende sleutel \"titel\"; bedoelt u \"title\"?"
        );
        assert_eq!(
            translate("item ends at 19:30, before it starts at 19:35", Lang::Nl),
            "punt eindigt om 19:30, voordat het begint om 19:35"
        );
        assert_eq!(translate("something new", Lang::Nl), "something new");
        assert_eq!(
            translate("unknown key \"empty\"", Lang::Nl),
            "onbekende sleutel \"empty\"",
            "the user's own words are not translated"
        );
        assert_eq!(
            translate("impossible time \"25:00\"", Lang::En),
            "impossible time \"25:00\""
        );
    }

    #[test]
    fn every_checker_template_has_the_same_blanks_in_dutch() {
        for (english, dutch) in DIAGNOSTICS_NL {
            assert_eq!(
                english.matches("{}").count(),
                dutch.matches("{}").count(),
                "{english}"
            );
        }
    }

    #[test]
    fn both_languages_have_the_same_blanks() {
        for msg in Msg::ALL {
            let count = |lang| msg.text(lang).matches("{}").count();
            assert_eq!(count(Lang::En), count(Lang::Nl), "{msg:?}");
            assert!(!msg.text(Lang::Nl).is_empty(), "{msg:?}");
        }
    }
}
