//! The one fuzzy matcher behind every list: the search palette, the speaker picker and the
//! attachment list. fzf-like: the query's words must all match (in any order), each fuzzily, on
//! folded text; results are ranked best first, ties in their original order.

pub mod fold;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use std::cell::RefCell;

use nucleo_matcher::Utf32Str;

use fold::{fold, fold_str};

/// Above this many candidates the scoring is split over two threads (the machines have two cores).
const PARALLEL_FROM: usize = 4096;

/// How many results are put in order: more than anyone scrolls through. The rest still match (and
/// a growing query searches within them), in no particular order.
pub const RANKED: usize = 1000;

/// Which letters and digits occur in a text, one bit each (anything else shares the last bit):
/// a line without every character of the query is passed over without running the matcher.
fn char_mask(text: &str) -> u64 {
    // By bytes: every byte of a character beyond ASCII is 0x80 or more, so it sets bit 63 as
    // the character would, and a line is gone through without decoding it.
    text.bytes().fold(0, |mask, b| {
        mask | match b {
            b'a'..=b'z' => 1 << (b - b'a'),
            b'0'..=b'9' => 1 << (26 + b - b'0'),
            b' ' => 0,
            _ => 1 << 63,
        }
    })
}

/// A list kept in shared chunks: an attachment's lines are indexed once, in the background, and
/// every palette opened afterwards shares them instead of copying.
#[derive(Debug, Clone)]
pub struct Chunked<T> {
    chunks: Vec<Arc<[T]>>,
    /// Index of each chunk's first element in the whole list.
    starts: Vec<usize>,
    len: usize,
}

impl<T> Default for Chunked<T> {
    fn default() -> Chunked<T> {
        Chunked {
            chunks: Vec::new(),
            starts: Vec::new(),
            len: 0,
        }
    }
}

impl<T> From<Vec<T>> for Chunked<T> {
    fn from(items: Vec<T>) -> Chunked<T> {
        let mut chunked = Chunked::default();
        chunked.push(Arc::from(items));
        chunked
    }
}

impl<T> Chunked<T> {
    pub fn push(&mut self, chunk: Arc<[T]>) {
        if chunk.is_empty() {
            return;
        }
        self.starts.push(self.len);
        self.len += chunk.len();
        self.chunks.push(chunk);
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn get(&self, index: usize) -> Option<&T> {
        if index >= self.len {
            return None;
        }
        let chunk = self.starts.partition_point(|&start| start <= index) - 1;
        self.chunks[chunk].get(index - self.starts[chunk])
    }

    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.chunks.iter().flat_map(|chunk| chunk.iter())
    }
}

/// A searchable line as the matcher sees it: the folded text of what is shown (the label) and of
/// what else it may be found by (the context), computed once. The texts themselves stay with
/// whoever shows them (the palette's entries): a candidate keeps only what it is scored by, in
/// as few allocations as it can, so that 100 000 of them are built fast and scored from memory
/// that lies close together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// " label context", folded: lowercase, accents removed.
    folded: Decoded,
    /// Folded characters of the label; the rest of `folded` is the context.
    label_len: usize,
    /// Byte length of the folded label (with its leading space) within `folded`.
    label_bytes: usize,
    /// Ties go to the lower tier first: the palette puts items and people before lines of text.
    tier: u8,
    /// The label is a name (a person, a faction): typing its beginning means it (see `LabelMatch`).
    is_name: bool,
    mask: u64,
}

impl Candidate {
    pub fn new(label: &str, context: &str) -> Candidate {
        Candidate::in_tier(label, context, 0)
    }

    pub fn in_tier(label: &str, context: &str, tier: u8) -> Candidate {
        // A leading space makes the first word a word like any other: the matcher would otherwise
        // favour a match at the very start of the label over the same match in the context.
        let (folded, label_len, label_bytes) = if label.is_ascii() && context.is_ascii() {
            let (folded, label_len) = fold_ascii(label, context);
            (folded, label_len, label_len)
        } else {
            fold_any(label, context)
        };
        Candidate {
            mask: char_mask(&folded),
            folded: Decoded::new(folded),
            label_len,
            label_bytes,
            tier,
            is_name: false,
        }
    }

    /// The candidate of a name: a query word that begins one of its words ranks it first.
    pub fn as_name(mut self) -> Candidate {
        self.is_name = true;
        self
    }
}

/// " label context" folded, when both are ASCII: lowercase; with the folded label's length.
fn fold_ascii(label: &str, context: &str) -> (String, usize) {
    let mut folded = String::with_capacity(label.len() + context.len() + 2);
    folded.push(' ');
    folded.push_str(label);
    folded.push(' ');
    folded.push_str(context);
    folded.make_ascii_lowercase();
    (folded, label.len() + 1)
}

/// " label context" folded, any text: with the folded label's length in characters and in
/// bytes.
fn fold_any(label: &str, context: &str) -> (String, usize, usize) {
    let mut folded = format!(" {}", fold_str(label));
    let label_len = folded.chars().count();
    let label_bytes = folded.len();
    folded.push(' ');
    folded.push_str(&fold_str(context));
    (folded, label_len, label_bytes)
}

/// A query split into folded words.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    text: String,
    terms: Vec<Decoded>,
    mask: u64,
}

/// Folded text, and its characters decoded once for the matcher when it is not ASCII (ASCII is
/// matched as its bytes): decoding a line anew for every key and word was half the ranking's
/// time (nucleo-matcher's `Utf32Str::new` splits graphemes).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Decoded {
    text: String,
    chars: Option<Box<[char]>>,
}

impl Decoded {
    fn new(text: String) -> Decoded {
        let chars = (!text.is_ascii()).then(|| text.chars().collect());
        Decoded { text, chars }
    }

    /// The text as the matcher takes it, indexed by character.
    fn utf32(&self) -> Utf32Str<'_> {
        match &self.chars {
            Some(chars) => Utf32Str::Unicode(chars),
            None => Utf32Str::Ascii(self.text.as_bytes()),
        }
    }
}

impl Query {
    pub fn new(text: &str) -> Query {
        let text = fold_str(text.trim());
        let terms = text
            .split_whitespace()
            .map(|term| Decoded::new(term.to_string()))
            .collect();
        let mask = char_mask(&text);
        Query { text, terms, mask }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether every match of `self` also matches `other`'s predecessor: a query that only grew
    /// can search within the previous results.
    pub fn narrows(&self, previous: &Query) -> bool {
        !previous.is_empty() && self.text.starts_with(&previous.text)
    }
}

/// The fuzzy matcher: nucleo-matcher, as fzf and helix score (measured 2.6-5 times faster per
/// thread than fuzzy-matcher on the palette's 100 000 lines; README "Performance"). A nucleo
/// matcher keeps scratch space, so each thread that ranks has its own.
#[derive(Default)]
pub struct Matcher;

thread_local! {
    static NUCLEO: RefCell<nucleo_matcher::Matcher> = RefCell::new(nucleo_matcher::Matcher::new({
        // Both sides are folded already (lowercase, accents removed): the matcher need not
        // fold every character again.
        let mut config = nucleo_matcher::Config::DEFAULT;
        config.ignore_case = false;
        config.normalize = false;
        config
    }));
}

/// The score of `needle` in `haystack` (both folded), if it matches.
fn fuzzy_score(haystack: Utf32Str<'_>, needle: Utf32Str<'_>) -> Option<i64> {
    NUCLEO.with(|m| m.borrow_mut().fuzzy_match(haystack, needle).map(i64::from))
}

/// Which characters of `haystack` matched `needle`.
fn fuzzy_indices(haystack: Utf32Str<'_>, needle: Utf32Str<'_>) -> Option<Vec<usize>> {
    let mut indices = Vec::new();
    NUCLEO.with(|m| m.borrow_mut().fuzzy_indices(haystack, needle, &mut indices))?;
    Some(indices.into_iter().map(|i| i as usize).collect())
}

/// Cheap test before the real matcher: are the term's characters in the text, in order?
fn is_subsequence(term: &str, text: &str) -> bool {
    if term.is_ascii() {
        // By bytes: in UTF-8 an ASCII byte is only ever that character, so nothing is decoded.
        let mut text = text.bytes();
        return term.bytes().all(|t| text.any(|b| b == t));
    }
    let mut text = text.chars();
    term.chars().all(|t| text.any(|c| c == t))
}

/// How well a query word matches an entry's own name (its label), best last. Every step outranks
/// any fuzzy score: a faction typed in full is that faction, not a member whose detail names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum LabelMatch {
    /// Only fuzzily, or only in the detail.
    Fuzzy = 0,
    /// The word begins a word of a name ("christen" in "ChristenUnie"). Only for names: in a line
    /// of text the beginning of a compound ("beschut" in "beschutwerkplekken") says little.
    WordStart = 1,
    /// The word is a whole word of the label.
    WholeWord = 2,
}

/// Weight of one `LabelMatch` step: larger than any sum of fuzzy scores of a query.
const LABEL_MATCH_WEIGHT: i64 = 1 << 24;

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// Where `term` stands in the folded `label`: as a whole word, at a word's start, or neither.
fn label_match(label: &str, term: &str) -> LabelMatch {
    let mut best = LabelMatch::Fuzzy;
    for (at, _) in label.match_indices(term) {
        if is_word_char(label[..at].chars().next_back()) {
            continue;
        }
        if is_word_char(label[at + term.len()..].chars().next()) {
            best = best.max(LabelMatch::WordStart);
        } else {
            return LabelMatch::WholeWord;
        }
    }
    best
}

impl Matcher {
    /// The score of a candidate: the sum over the query's words, or `None` if one does not match.
    /// Words found whole in the label, then at the start of a word of the label, come first
    /// (see `LabelMatch`); a label that is exactly the query comes before all; the fuzzy score
    /// decides within.
    pub fn score(&self, candidate: &Candidate, query: &Query) -> Option<i64> {
        if query.mask & !candidate.mask != 0 {
            return None;
        }
        let label = &candidate.folded.text[..candidate.label_bytes];
        let haystack = candidate.folded.utf32();
        let label_haystack = haystack.slice(..candidate.label_len);
        let mut total = 0;
        for term in &query.terms {
            if !is_subsequence(&term.text, &candidate.folded.text) {
                return None;
            }
            let needle = term.utf32();
            // The label alone is shorter to match; the context only counts when the label fails.
            let score = match fuzzy_score(label_haystack, needle) {
                Some(score) => {
                    let matched = match label_match(label, &term.text) {
                        LabelMatch::WordStart if !candidate.is_name => LabelMatch::Fuzzy,
                        matched => matched,
                    };
                    score + matched as i64 * LABEL_MATCH_WEIGHT
                }
                None => fuzzy_score(haystack, needle)?,
            };
            total += score;
        }
        if label.trim_start() == query.text {
            total += LABEL_MATCH_WEIGHT * (LabelMatch::WholeWord as i64 + 1);
        }
        Some(total)
    }

    /// Which characters of the label matched, for highlighting; `label` is the candidate's own
    /// (folded again here to find where each folded character came from: only the rows shown
    /// need it, so no candidate keeps that table).
    pub fn highlights(&self, candidate: &Candidate, label: &str, query: &Query) -> Vec<usize> {
        let origin = (!label.is_ascii()).then(|| fold(label).origin);
        let mut marked: Vec<usize> = Vec::new();
        for term in &query.terms {
            if let Some(indices) = fuzzy_indices(candidate.folded.utf32(), term.utf32()) {
                for folded_index in indices
                    .into_iter()
                    .filter(|&i| i > 0 && i < candidate.label_len)
                {
                    // Folded character `i` of " label" is the label's folded character `i - 1`.
                    let from = match &origin {
                        Some(origin) => origin.get(folded_index - 1).map(|&o| o as usize),
                        None => Some(folded_index - 1),
                    };
                    marked.extend(from);
                }
            }
        }
        marked.sort_unstable();
        marked.dedup();
        marked
    }

    /// The indices of `within` (or of all candidates) that match, best first.
    pub fn rank(
        &self,
        candidates: &Chunked<Candidate>,
        within: Option<&[usize]>,
        query: &Query,
    ) -> Vec<usize> {
        let never = AtomicBool::new(false);
        self.rank_in_parts(candidates, within, query, usize::MAX, &never, |_| {})
            .unwrap_or_default()
    }

    /// [`Matcher::rank`] for a long list, shown as it comes: the first `first_part` candidates
    /// are ranked on this thread and their best handed to `part` at once (the first screen of
    /// results), then the rest on two threads, a slice at a time, until all are ranked. `None`
    /// once `cancelled` is set (a newer query makes this one moot): the work stops between
    /// slices. The final order is the same as ranking all at once.
    pub fn rank_in_parts(
        &self,
        candidates: &Chunked<Candidate>,
        within: Option<&[usize]>,
        query: &Query,
        first_part: usize,
        cancelled: &AtomicBool,
        mut part: impl FnMut(Vec<usize>),
    ) -> Option<Vec<usize>> {
        let all: Vec<usize>;
        let pool = match within {
            Some(pool) => pool,
            None => {
                all = (0..candidates.len()).collect();
                &all
            }
        };
        if query.is_empty() {
            return Some(pool.to_vec());
        }
        let score_slice = |slice: &[usize]| self.score_slice(candidates, query, slice);
        if pool.len() <= first_part {
            return Some(best_first(score_pool(pool, &score_slice), RANKED));
        }
        let (head, mut rest) = pool.split_at(first_part);
        let mut scored = score_slice(head);
        part(best_first(scored.clone(), RANKED));
        while !rest.is_empty() {
            if cancelled.load(Ordering::Relaxed) {
                return None;
            }
            let (slice, after) = rest.split_at(rest.len().min(SLICE));
            scored.extend(score_pool(slice, &score_slice));
            rest = after;
        }
        Some(best_first(scored, RANKED))
    }

    /// The candidates of a slice that match, with their score and tie-break.
    fn score_slice(
        &self,
        candidates: &Chunked<Candidate>,
        query: &Query,
        slice: &[usize],
    ) -> Vec<Scored> {
        slice
            .iter()
            .filter_map(|&i| {
                let candidate = candidates.get(i)?;
                let tie = (candidate.tier, candidate.label_len);
                self.score(candidate, query).map(|s| (s, tie, i))
            })
            .collect()
    }
}

/// A score, its tie-break (tier, label length) and the candidate's index.
type Scored = (i64, (u8, usize), usize);

/// How many candidates the rest of a long list is ranked by between looks at whether the query
/// is still wanted (and between results handed over): a few milliseconds' work on two threads.
const SLICE: usize = 32_768;

/// Scores a pool, on two threads when it is long.
fn score_pool(
    pool: &[usize],
    score_slice: &(dyn Fn(&[usize]) -> Vec<Scored> + Sync),
) -> Vec<Scored> {
    if pool.len() < PARALLEL_FROM {
        return score_slice(pool);
    }
    let (left, right) = pool.split_at(pool.len() / 2);
    std::thread::scope(|scope| {
        let other = scope.spawn(|| score_slice(right));
        let mut scored = score_slice(left);
        scored.extend(other.join().expect("a scoring thread does not panic"));
        scored
    })
}

/// Best score first; on a tie the lower tier, the shorter label (as fzf does), then the original
/// order. Only the best `ranked` are put in order; the others follow in no particular order.
fn best_first(mut scored: Vec<Scored>, ranked: usize) -> Vec<usize> {
    let order = |a: &Scored, b: &Scored| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2));
    if scored.len() > ranked {
        scored.select_nth_unstable_by(ranked, order);
        scored[..ranked].sort_unstable_by(order);
    } else {
        scored.sort_unstable_by(order);
    }
    scored.into_iter().map(|(_, _, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// An ASCII word is looked for by bytes in any text, with the answer by characters.
        #[test]
        fn an_ascii_word_is_found_by_bytes_as_by_characters(term in "[a-z0-9]{1,6}", text in "\\PC{0,40}") {
            let by_chars = {
                let mut chars = text.chars();
                term.chars().all(|t| chars.any(|c| c == t))
            };
            proptest::prop_assert_eq!(is_subsequence(&term, &text), by_chars);
        }

        /// The ASCII path folds as the general one does, and its origins are the identity it
        /// assumes.
        #[test]
        fn ascii_lines_fold_as_any_line_does(label in "[ -~]{0,40}", context in "[ -~]{0,60}") {
            let (fast, fast_len) = fold_ascii(&label, &context);
            let (any, label_len, label_bytes) = fold_any(&label, &context);
            proptest::prop_assert_eq!(&fast, &any);
            proptest::prop_assert_eq!(fast_len, label_len);
            proptest::prop_assert_eq!(fast_len, label_bytes);
            for (i, from) in fold(&label).origin.iter().enumerate() {
                proptest::prop_assert_eq!(*from as usize, i);
            }
        }

        /// Highlights always point at characters of the label, whatever the text (accents,
        /// letters that fold to two, marks that fold to none).
        #[test]
        fn highlights_stay_within_the_label(label in "\\PC{0,30}", context in "\\PC{0,30}", query in "\\PC{1,6}") {
            let candidate = Candidate::new(&label, &context);
            let marked = Matcher.highlights(&candidate, &label, &Query::new(&query));
            let chars = label.chars().count();
            proptest::prop_assert!(marked.iter().all(|&i| i < chars), "{:?} in {:?}", marked, label);
            proptest::prop_assert!(marked.windows(2).all(|w| w[0] < w[1]));
        }
    }

    /// Lines to rank, with their labels to say which came first.
    struct List {
        labels: Vec<String>,
        candidates: Chunked<Candidate>,
    }

    fn candidates(labels: &[(&str, &str)]) -> List {
        List {
            labels: labels.iter().map(|(label, _)| label.to_string()).collect(),
            candidates: labels
                .iter()
                .map(|(label, context)| Candidate::new(label, context))
                .collect::<Vec<_>>()
                .into(),
        }
    }

    fn names(labels: &[(&str, &str)]) -> List {
        let mut list = candidates(labels);
        list.candidates = labels
            .iter()
            .map(|(label, context)| Candidate::new(label, context).as_name())
            .collect::<Vec<_>>()
            .into();
        list
    }

    fn best(list: &List, query: &str) -> Option<String> {
        let matcher = Matcher;
        let ranked = matcher.rank(&list.candidates, None, &Query::new(query));
        ranked.first().map(|&i| list.labels[i].clone())
    }

    #[test]
    fn typed_without_accents_finds_accented_text() {
        let list = candidates(&[("Ahmet Öztürk", ""), ("De raad wordt geïnformeerd", "")]);
        assert_eq!(best(&list, "ozturk").as_deref(), Some("Ahmet Öztürk"));
        assert_eq!(
            best(&list, "geinformeerd").as_deref(),
            Some("De raad wordt geïnformeerd")
        );
    }

    #[test]
    fn words_match_in_any_order_and_may_come_from_the_context() {
        let list = candidates(&[
            (
                "Zwolle gaat het om in totaal 26 plekken",
                "Informatienota plan beschut werken nieuw",
            ),
            ("De rekenkamer kijkt naar 2017", "Rekenkamerrapport"),
        ]);
        assert_eq!(
            best(&list, "beschut 26").as_deref(),
            Some("Zwolle gaat het om in totaal 26 plekken")
        );
        assert_eq!(
            best(&list, "26 beschut").as_deref(),
            Some("Zwolle gaat het om in totaal 26 plekken")
        );
    }

    #[test]
    fn a_typo_still_finds_the_name() {
        let list = candidates(&[
            ("Nelleke Vedelaar", "portefeuillehouder"),
            ("Peter van Drielen", ""),
        ]);
        assert_eq!(best(&list, "vedelar").as_deref(), Some("Nelleke Vedelaar"));
    }

    #[test]
    fn a_line_without_a_queried_character_is_passed_over() {
        let list = candidates(&[("beschut werk", "")]);
        assert_eq!(best(&list, "beschut 26"), None);
        assert_eq!(best(&list, "werk"), Some("beschut werk".into()));
    }

    #[test]
    fn a_name_typed_in_full_ranks_above_a_match_in_the_detail() {
        // A member's detail names the faction; the faction itself is the better answer,
        // though its name is longer (the tie rule prefers short labels).
        let list = names(&[
            ("Hendrik Vos", "member of ChristenUnie"),
            ("ChristenUnie", "faction"),
        ]);
        assert_eq!(best(&list, "ChristenUnie").as_deref(), Some("ChristenUnie"));
        assert_eq!(best(&list, "christenunie").as_deref(), Some("ChristenUnie"));
        assert_eq!(best(&list, "christen").as_deref(), Some("ChristenUnie"));
        assert_eq!(best(&list, "vos").as_deref(), Some("Hendrik Vos"));
        // In lines of text, too, a whole word of the line outranks the same word in its detail.
        let list = candidates(&[
            ("Hendrik Vos", "member of ChristenUnie"),
            ("ChristenUnie", "faction"),
        ]);
        assert_eq!(best(&list, "christenunie").as_deref(), Some("ChristenUnie"));
    }

    #[test]
    fn a_whole_word_of_the_name_ranks_above_a_fuzzy_match() {
        let list = candidates(&[("Vestiging Vosseveld", ""), ("Hendrik Vos", "")]);
        assert_eq!(best(&list, "vos").as_deref(), Some("Hendrik Vos"));
        // Accents and case do not matter for the whole word either.
        let list = candidates(&[("Öztürkmen", ""), ("Ahmet Öztürk", "GroenLinks")]);
        assert_eq!(best(&list, "OZTURK").as_deref(), Some("Ahmet Öztürk"));
    }

    #[test]
    fn an_exact_name_ranks_first() {
        // The words of both names match whole; only one name is what was typed.
        let list = candidates(&[("Dam van", ""), ("Van Dam", "")]);
        assert_eq!(best(&list, "van dam").as_deref(), Some("Van Dam"));
        assert_eq!(best(&list, "dam van").as_deref(), Some("Dam van"));
    }

    #[test]
    fn highlights_point_at_the_original_characters() {
        let list = candidates(&[("Öztürk", "")]);
        let marked = Matcher.highlights(
            list.candidates.get(0).unwrap(),
            &list.labels[0],
            &Query::new("oz"),
        );
        assert_eq!(marked, [0, 1]);
    }

    #[test]
    fn a_grown_query_narrows_the_previous_results() {
        assert!(Query::new("besc").narrows(&Query::new("bes")));
        assert!(Query::new("beschut 2").narrows(&Query::new("beschut")));
        assert!(!Query::new("bex").narrows(&Query::new("bes")));
        assert!(!Query::new("be").narrows(&Query::new("bes")));
    }

    #[test]
    fn parallel_ranking_equals_serial_ranking() {
        // Three chunks, as attachments arrive: the ranking must not see the seams.
        let mut list = Chunked::default();
        for part in 0..3 {
            let chunk: Vec<Candidate> = (0..4_000)
                .map(|i| {
                    Candidate::new(&format!("regel {} over beschut werk", part * 4_000 + i), "")
                })
                .collect();
            list.push(Arc::from(chunk));
        }
        let matcher = Matcher;
        let query = Query::new("beschut 99");
        let parallel = matcher.rank(&list, None, &query);
        let serial: Vec<usize> = {
            let mut scored: Vec<(i64, (u8, usize), usize)> = (0..list.len())
                .filter_map(|i| {
                    let candidate = list.get(i).unwrap();
                    matcher
                        .score(candidate, &query)
                        .map(|s| (s, (0, candidate.label_len), i))
                })
                .collect();
            scored.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
            scored.into_iter().map(|(_, _, i)| i).collect()
        };
        let top = parallel.len().min(RANKED);
        assert_eq!(parallel[..top], serial[..top]);
        assert_eq!(parallel.len(), serial.len());
        assert!(!parallel.is_empty());
    }

    #[test]
    fn ranked_in_parts_the_first_part_comes_first_and_the_end_is_the_whole_ranking() {
        let list: Chunked<Candidate> = (0..50_000)
            .map(|i| Candidate::new(&format!("regel {i} over beschut werk"), ""))
            .collect::<Vec<_>>()
            .into();
        let matcher = Matcher;
        let query = Query::new("beschut 77");
        let keep_going = AtomicBool::new(false);
        let mut parts = Vec::new();
        let whole = matcher
            .rank_in_parts(&list, None, &query, 5_000, &keep_going, |part| {
                parts.push(part)
            })
            .unwrap();
        assert_eq!(whole, matcher.rank(&list, None, &query));
        // One first screen, from the first 5 000 lines alone, in their own order.
        assert_eq!(parts.len(), 1);
        let head: Vec<usize> = (0..5_000).collect();
        assert_eq!(parts[0], matcher.rank(&list, Some(&head), &query));
        assert!(parts[0].iter().all(|&i| i < 5_000) && !parts[0].is_empty());
        // A query no longer wanted stops after its first part.
        let stop = AtomicBool::new(true);
        let mut shown = 0;
        let stopped = matcher.rank_in_parts(&list, None, &query, 5_000, &stop, |_| shown += 1);
        assert_eq!((stopped, shown), (None, 1));
    }
}
