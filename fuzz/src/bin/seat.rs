//! A seat file (issue 26) on any bytes. What loads holds gavel's minutes: they can be read, a
//! new document made from them reads back the same after a first one (which may normalise, e.g.
//! drop a fraction of a second), and the document saved and loaded again holds the same minutes.

use gavel::seats::SeatDoc;

fn main() {
    afl::fuzz!(|data: &[u8]| {
        gavel_fuzz::timed(data, |data| {
            if let Ok(mut doc) = SeatDoc::load("fuzz", data) {
                let minutes = doc.minutes().expect("a loaded seat document reads");
                let first = SeatDoc::from_minutes("fuzz", &minutes).expect("minutes import");
                let first = first.minutes().expect("imported");
                let second = SeatDoc::from_minutes("fuzz", &first).expect("minutes import");
                assert!(second.minutes().expect("imported") == first, "a second import changed the minutes");
                let saved = doc.save();
                let reloaded = SeatDoc::load("fuzz", &saved).expect("a saved seat file loads");
                assert!(reloaded.minutes().expect("reloaded") == minutes, "a save changed the minutes");
            }
        });
    });
}
