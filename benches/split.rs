//! Splitter throughput on one core, in bytes of page text per second, over
//! the seed pages and the made-up test pages. `cargo bench --bench split`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn pages() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = Vec::new();
    for dir in [
        "seeds/rmrb",
        "seeds/wenzhou",
        "seeds/zjgrrb",
        "tests/fixtures/pages",
    ] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                let bytes = std::fs::read(&path).unwrap();
                pages.push(paperboy::seeds::decode(&path, &bytes).unwrap().text);
            }
        }
    }
    pages
}

fn split(c: &mut Criterion) {
    let pages = pages();
    let bytes: usize = pages.iter().map(String::len).sum();
    let mut group = c.benchmark_group("split_page");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("seed and test pages", |b| {
        b.iter(|| {
            pages
                .iter()
                .map(|p| paperboy::split::split_page(p).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, split);
criterion_main!(benches);
