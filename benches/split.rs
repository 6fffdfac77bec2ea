//! Splitter throughput on one core, in bytes of page text per second, over
//! the seed pages and the made-up test pages (read block by block), and over
//! the development pages beside the clone (PDF exports, read line by line).
//! `cargo bench --bench split`.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// The decoded text of every `.txt` page in `dir`.
fn read_pages(dir: &Path, pages: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let bytes = std::fs::read(&path).unwrap();
            pages.push(paperboy::seeds::decode(&path, &bytes).unwrap().text);
        }
    }
}

fn block_pages() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = Vec::new();
    for dir in [
        "seeds/rmrb",
        "seeds/wenzhou",
        "seeds/zjgrrb",
        "tests/fixtures/pages",
    ] {
        read_pages(&root.join(dir), &mut pages);
    }
    pages
}

fn flowing_pages() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/splitting/dev/seeds");
    let mut pages = Vec::new();
    for paper in std::fs::read_dir(&root).expect("../shared/splitting/dev/seeds") {
        read_pages(&paper.unwrap().path(), &mut pages);
    }
    pages
}

fn split(c: &mut Criterion) {
    let mut group = c.benchmark_group("split_page");
    for (name, pages) in [
        ("seed and test pages", block_pages()),
        ("development pages (PDF exports)", flowing_pages()),
    ] {
        let bytes: usize = pages.iter().map(String::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                pages
                    .iter()
                    .map(|p| paperboy::split::split_page(p).len())
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, split);
criterion_main!(benches);
