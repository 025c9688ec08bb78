//! Text from the meeting file, laid out again for the width of a pane.
//!
//! Agenda texts come with the hard line breaks of the page they were copied from. Wrapping those
//! lines once more leaves a word alone on a line; so the lines of a paragraph are joined and
//! wrapped anew, and list items keep their number with the text hanging beside it.

use ratatui::text::{Line, Span};

use crate::domain::text::paragraphs;
use textwrap::{Options, WordSeparator, WordSplitter, WrapAlgorithm};

/// `text` wrapped to `width` columns: a blank line ends a paragraph and stays; a list item
/// ("1.", "2)", "a.", "-", "•", "*", "–" and a space) starts one, and the lines after it, up to
/// the next blank line or item, continue it under its text.
pub fn reflow(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in paragraphs(text) {
        match paragraph {
            None => lines.push(String::new()),
            Some(p) => lines.extend(wrap_hanging(&p.text, width, p.indent, p.hanging)),
        }
    }
    lines
}

/// One line of text wrapped to `width` columns: the first line `indent` columns in, the ones
/// after it `hanging` columns in. Words break only at spaces, unless one alone is too wide.
pub fn wrap_hanging(text: &str, width: usize, indent: usize, hanging: usize) -> Vec<String> {
    let width = width.max(1);
    // Too narrow for an indent to help: rather the whole width for the words.
    let (indent, hanging) = if 2 * indent.max(hanging) <= width {
        (indent, hanging)
    } else {
        (0, 0)
    };
    let initial = " ".repeat(indent);
    let subsequent = " ".repeat(hanging);
    let options = Options::new(width)
        .word_separator(WordSeparator::AsciiSpace)
        // A hyphen is no break: "(M-10)", "wsw-wachtlijst" and addresses stay whole.
        .word_splitter(WordSplitter::NoHyphenation)
        .wrap_algorithm(WrapAlgorithm::FirstFit)
        .initial_indent(&initial)
        .subsequent_indent(&subsequent);
    textwrap::wrap(text.trim(), options)
        .into_iter()
        .map(|line| line.into_owned())
        .collect()
}

/// A line of styled pieces wrapped like [`wrap_hanging`], each piece keeping its style.
pub fn wrap_spans(spans: &[Span<'static>], width: usize, hanging: usize) -> Vec<Line<'static>> {
    // The words of the whole line, and where each piece's text starts and ends in it.
    let mut text = String::new();
    let mut pieces = Vec::new();
    for span in spans {
        let start = text.len();
        text.extend(
            span.content
                .chars()
                .map(|c| if c.is_whitespace() { ' ' } else { c }),
        );
        pieces.push((start, text.len(), span.style));
    }
    let indent = text.len() - text.trim_start().len();
    let mut from = indent;
    let mut lines = Vec::new();
    for wrapped in wrap_hanging(&text, width, indent, hanging) {
        let words = wrapped.trim_start();
        // Each wrapped line is the next stretch of the text, after the spaces it broke at.
        let start = from + text[from..].find(words).unwrap_or(0);
        let end = start + words.len();
        from = end;
        let mut line = vec![Span::raw(
            wrapped[..wrapped.len() - words.len()].to_string(),
        )];
        for &(piece_start, piece_end, style) in &pieces {
            let (a, b) = (piece_start.max(start), piece_end.min(end));
            if a < b {
                line.push(Span::styled(text[a..b].to_string(), style));
            }
        }
        line.retain(|span| !span.content.is_empty());
        lines.push(Line::from(line));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::text::join_words;
    use ratatui::style::{Color, Style};
    use textwrap::core::display_width;

    /// The proposed decision of "Naar een inclusieve arbeidsmarkt" (23 January 2017), as the
    /// agenda page broke its lines.
    const DECISION: &str = "\
1. Kennis te nemen van de stand van zaken met betrekking tot het
bereiken van een inclusieve arbeidsmarkt in Zwolle
2. In te stemmen met de wijze waarop wij dit gezamenlijk met werkgevers,
werknemers en onderwijs verder invulling gaan geven langs de
speerpunten:
1. Werkgevers aan kop
2. Gemeente en Wezo faciliteren werkgevers samen met publieke en
private partners met Zwolle aan de slag! aanpak
3. Benutten van kansen van social enterprises
4. Beschut werken wordt ingevuld samen met aanbieders
dagbesteding en hiermee de motie voldoende plaatsen en snelle
verwijzingen beschut werken (M-10) af te handelen.";

    fn widest(lines: &[String]) -> usize {
        lines.iter().map(|l| display_width(l)).max().unwrap_or(0)
    }

    #[test]
    fn a_paragraph_is_joined_and_wrapped_to_the_width() {
        let text = "Zwolle doet het economisch goed. De Regio Zwolle is sterk\nen Zwolle is als economische toplocatie in\nstaat te groeien.";
        assert_eq!(
            reflow(text, 40),
            [
                "Zwolle doet het economisch goed. De",
                "Regio Zwolle is sterk en Zwolle is als",
                "economische toplocatie in staat te",
                "groeien.",
            ]
        );
    }

    #[test]
    fn a_list_item_keeps_its_number_and_hangs_its_text_beside_it() {
        assert_eq!(
            reflow(DECISION, 44),
            [
                "1. Kennis te nemen van de stand van zaken",
                "   met betrekking tot het bereiken van een",
                "   inclusieve arbeidsmarkt in Zwolle",
                "2. In te stemmen met de wijze waarop wij dit",
                "   gezamenlijk met werkgevers, werknemers en",
                "   onderwijs verder invulling gaan geven",
                "   langs de speerpunten:",
                "1. Werkgevers aan kop",
                "2. Gemeente en Wezo faciliteren werkgevers",
                "   samen met publieke en private partners",
                "   met Zwolle aan de slag! aanpak",
                "3. Benutten van kansen van social",
                "   enterprises",
                "4. Beschut werken wordt ingevuld samen met",
                "   aanbieders dagbesteding en hiermee de",
                "   motie voldoende plaatsen en snelle",
                "   verwijzingen beschut werken (M-10) af te",
                "   handelen.",
            ]
        );
    }

    #[test]
    fn no_word_is_left_alone_on_a_line_the_next_word_would_share() {
        for width in 20..=100 {
            let lines = reflow(DECISION, width);
            for pair in lines.windows(2) {
                let next = pair[1].trim_start();
                let continues = pair[1].starts_with(' ');
                let next_word = next.split(' ').next().unwrap();
                assert!(
                    !continues || display_width(&pair[0]) + 1 + display_width(next_word) > width,
                    "at width {width}, {next_word:?} would fit after {:?}",
                    pair[0]
                );
            }
        }
    }

    #[test]
    fn an_indented_item_hangs_under_its_own_text_and_takes_indented_lines_along() {
        let text = "Besluit:\n  - het plan vast te stellen\n    met de wijzigingen\n  • 12) geen";
        assert_eq!(
            reflow(text, 20),
            [
                "Besluit:",
                "  - het plan vast te",
                "    stellen met de",
                "    wijzigingen",
                "  • 12) geen",
            ]
        );
    }

    #[test]
    fn every_kind_of_marker_starts_an_item() {
        for marker in ["1.", "2)", "10.", "a.", "b)", "-", "*", "•", "–"] {
            let text = format!("voorafgaand\n{marker} een punt dat doorloopt");
            let lines = reflow(&text, 18);
            assert_eq!(lines[0], "voorafgaand", "{marker}");
            assert!(lines[1].starts_with(marker), "{marker}: {lines:?}");
            let hang = " ".repeat(display_width(marker) + 1);
            assert!(lines[2].starts_with(&hang), "{marker}: {lines:?}");
        }
    }

    #[test]
    fn words_that_only_look_like_markers_continue_the_paragraph() {
        let text = "zoals besloten op 20 november\n2017. Daarna\nJ. Looijenga en\n-10 graden";
        assert_eq!(
            reflow(text, 80),
            ["zoals besloten op 20 november 2017. Daarna J. Looijenga en -10 graden"]
        );
    }

    #[test]
    fn blank_lines_between_paragraphs_are_kept() {
        let text = "Eerste alinea\nloopt door.\n\nTweede alinea.\n\n\nDerde.";
        assert_eq!(
            reflow(text, 80),
            [
                "Eerste alinea loopt door.",
                "",
                "Tweede alinea.",
                "",
                "",
                "Derde."
            ]
        );
    }

    #[test]
    fn an_url_is_broken_only_when_it_alone_is_too_wide() {
        let text = "Zie https://zwolle.raadsinformatie.nl/vergadering/2017 voor meer.";
        assert_eq!(
            reflow(text, 50),
            [
                "Zie",
                "https://zwolle.raadsinformatie.nl/vergadering/2017",
                "voor meer."
            ]
        );
        assert_eq!(
            reflow("de wsw-wachtlijst (M-10) blijft", 16),
            ["de", "wsw-wachtlijst", "(M-10) blijft"],
            "a hyphen is no break"
        );
        let narrow = reflow(text, 20);
        assert_eq!(narrow[1], "https://zwolle.raads");
        assert_eq!(widest(&narrow), 20);
    }

    #[test]
    fn width_is_counted_in_terminal_columns() {
        let text = "geïnformeerd over ‘Op weg naar een inclusieve arbeidsmarkt’ – zie bijlage";
        for width in 10..=40 {
            assert!(widest(&reflow(text, width)) <= width, "width {width}");
        }
        assert_eq!(
            reflow("één twee drie", 8),
            ["één twee", "drie"],
            "ë and é are one column each"
        );
    }

    #[test]
    fn every_width_from_1_to_200_fits_and_never_panics() {
        let text = format!(
            "{DECISION}\n\n  - inspringend punt met https://example.org/een/heel/lang/adres\n\n"
        );
        for width in 1..=200 {
            let lines = reflow(&text, width);
            assert!(widest(&lines) <= width, "width {width}: {lines:?}");
            let words: Vec<&str> = lines.iter().flat_map(|l| l.split_whitespace()).collect();
            if width >= 60 {
                assert_eq!(words.join(" "), join_words(&text), "width {width}");
            }
        }
        assert!(reflow("", 10).is_empty());
        assert_eq!(reflow("woord", 0), ["w", "o", "o", "r", "d"]);
    }

    #[test]
    fn styled_pieces_keep_their_style_across_the_break() {
        let dim = Style::new().fg(Color::DarkGray);
        let spans = [
            Span::raw("  1. Informatienota plan beschut werken nieuw"),
            Span::styled(" [informatienota]", dim),
        ];
        let lines = wrap_spans(&spans, 30, 5);
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(
            text,
            [
                "  1. Informatienota plan",
                "     beschut werken nieuw",
                "     [informatienota]",
            ]
        );
        assert_eq!(lines[2].spans[1].content, "[informatienota]");
        assert_eq!(lines[2].spans[1].style, dim);
        assert!(lines[1].spans.iter().all(|s| s.style != dim));
    }

    #[test]
    fn a_style_changing_inside_a_line_stays_where_it_changes() {
        let dim = Style::new().fg(Color::DarkGray);
        let spans = [Span::raw("titel"), Span::styled(" [soort] (tekst)", dim)];
        let lines = wrap_spans(&spans, 14, 2);
        assert_eq!(lines[0].spans[0].content, "titel");
        assert_eq!(lines[0].spans[1].content, " [soort]");
        assert_eq!(lines[0].spans[1].style, dim);
        assert_eq!(lines[1].to_string(), "  (tekst)");
    }
}
