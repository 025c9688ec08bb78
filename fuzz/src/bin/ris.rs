//! The RIS suppliers' readers (`gavel import` of NotuBiz JSON, ...) on any bytes: they never
//! panic, never take more than a second, and what they read is a meeting file that loads.

fn main() {
    afl::fuzz!(|data: &[u8]| {
        gavel_fuzz::timed(data, gavel::import::source::check_any_bytes);
    });
}
