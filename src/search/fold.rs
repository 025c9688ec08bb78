//! Folding text the way people type it: "geinformeerd" finds "geïnformeerd", "ozturk" finds
//! "Öztürk". Letters lose their accents and case; every folded character remembers which
//! original character it came from, so matches can be highlighted in the original text.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Folded text and, per folded character, the index of the original character it came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Folded {
    pub text: String,
    pub origin: Vec<u32>,
}

/// Lowercase, accents removed (NFKD without combining marks): `Öztürk` -> `ozturk`.
pub fn fold(text: &str) -> Folded {
    let mut folded = Folded {
        text: String::with_capacity(text.len()),
        origin: Vec::with_capacity(text.len()),
    };
    for (index, ch) in text.chars().enumerate() {
        let index = index as u32;
        if ch.is_ascii() {
            folded.text.push(ch.to_ascii_lowercase());
            folded.origin.push(index);
            continue;
        }
        decompose_compatible(ch, |part| {
            if is_combining_mark(part) {
                return;
            }
            for lower in part.to_lowercase() {
                folded.text.push(lower);
                folded.origin.push(index);
            }
        });
    }
    folded
}

/// Just the folded text, for queries.
pub fn fold_str(text: &str) -> String {
    fold(text).text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_and_case_are_folded() {
        assert_eq!(fold_str("geïnformeerd"), "geinformeerd");
        assert_eq!(fold_str("Öztürk"), "ozturk");
        assert_eq!(fold_str("CAFÉ Crème"), "cafe creme");
    }

    #[test]
    fn folded_characters_point_back_at_the_original() {
        let folded = fold("Öz");
        assert_eq!(folded.text, "oz");
        assert_eq!(folded.origin, [0, 1]);
        // A ligature becomes two letters, both from the one original character.
        let folded = fold("ﬁx");
        assert_eq!(folded.text, "fix");
        assert_eq!(folded.origin, [0, 0, 1]);
    }
}
