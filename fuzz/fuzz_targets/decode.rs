//! The seed decoder on arbitrary bytes: never a panic; decoded text is
//! never empty.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(decoded) = paperboy::seeds::decode(std::path::Path::new("fuzz.txt"), data) {
        assert!(!decoded.text.trim().is_empty());
    }
});
