//! The sanitiser on any text: nothing a terminal would obey comes out, and clean text is
//! returned as it is.

use std::borrow::Cow;

use gavel::sanitize::{for_terminal, is_unsafe};

fn main() {
    afl::fuzz!(|data: &[u8]| {
        gavel_fuzz::timed(data, |data| {
            let text = String::from_utf8_lossy(data);
            let shown = for_terminal(&text);
            assert!(
                !shown.chars().any(is_unsafe),
                "unsafe character left in {shown:?}"
            );
            match &shown {
                Cow::Borrowed(same) => assert_eq!(*same, &*text),
                Cow::Owned(_) => assert!(text.chars().any(is_unsafe)),
            }
        });
    });
}
