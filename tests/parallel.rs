//! Pages are read and split, and documents rendered and checked, on every
//! core; the output must not depend on it.

mod common;

use common::{assert_same_tree, read_tree, Project};

#[test]
fn a_parallel_build_is_byte_identical_to_a_single_threaded_one() {
    // Enough pages and entries for threads to interleave, with archives.
    let project = Project::with_repeated_seeds(2022, 3, 12);
    project.write("paperboy.toml", "feed_entries = 20\n");
    let env = |threads: &'static str| {
        [
            ("PAPERBOY_NOW", "2025-01-01T00:00:00Z"),
            ("RAYON_NUM_THREADS", threads),
        ]
    };
    let one = project.run(&["build", "--out", "one"], &env("1"));
    let many = project.run(&["build", "--out", "many"], &env("4"));
    assert!(one.status.success() && many.status.success());
    let one = read_tree(&project.path("one"));
    assert!(one.len() > 100, "{} files", one.len());
    assert_same_tree(
        &one,
        &read_tree(&project.path("many")),
        "builds on 1 (first) and 4 threads (second)",
    );
}
