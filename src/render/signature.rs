//! A job's signature: a fast 128-bit hash (XXH3) of everything its files
//! are made from, so that a build renders only what changed.

use xxhash_rust::xxh3::Xxh3;

use crate::model::{EntryMeta, PageMeta};

/// Changed whenever rendering changes in a way the inputs do not show.
pub const RENDERING: &str = concat!("paperboy-rendering-3|", env!("CARGO_PKG_VERSION"));

/// A signature being made.
pub struct Signature(Xxh3);

impl Signature {
    /// A signature of a document of kind `kind`, on top of the settings
    /// signature `base`.
    pub fn new(base: u128, kind: &str) -> Signature {
        let mut hasher = Xxh3::new();
        hasher.update(&base.to_le_bytes());
        hasher.update(kind.as_bytes());
        Signature(hasher)
    }

    /// Takes `bytes` into the signature.
    pub fn with(mut self, bytes: &[u8]) -> Signature {
        self.0.update(bytes);
        self
    }

    /// An entry: its id, its content, its dates.
    pub fn entry(self, e: &EntryMeta) -> Signature {
        let mut bytes = [0u8; 64];
        bytes[..16].copy_from_slice(&e.id.0.to_le_bytes());
        bytes[16..32].copy_from_slice(&e.content.to_le_bytes());
        for (i, t) in [e.published, e.updated].iter().enumerate() {
            let at = 32 + i * 16;
            bytes[at..at + 8].copy_from_slice(&t.timestamp().to_le_bytes());
            bytes[at + 8..at + 12].copy_from_slice(&t.timestamp_subsec_nanos().to_le_bytes());
            bytes[at + 12..at + 16].copy_from_slice(&t.offset().local_minus_utc().to_le_bytes());
        }
        self.with(&bytes)
    }

    /// The entries on `pages`, page by page.
    pub fn pages(mut self, pages: &[PageMeta]) -> Signature {
        for page in pages {
            self = self.with(page.label.as_str().as_bytes());
            for e in &page.entries {
                self = self.entry(e);
            }
        }
        self
    }

    pub fn finish(self) -> u128 {
        self.0.digest128()
    }
}
