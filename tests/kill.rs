//! Killing a build at any moment leaves every published file either as it
//! was or as it should be: many builds are killed (SIGKILL) at spread-out
//! moments, and after each kill every file is compared with the output
//! before the run and with the output of the run completed.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::{read_tree, temporary_files, Project, Tree};

fn check_parses(tree: &Tree) {
    for (path, bytes) in tree {
        let name = path.to_string_lossy();
        if name.ends_with(".xml") {
            feed_rs::parser::parse(&bytes[..])
                .unwrap_or_else(|e| panic!("{name} does not parse after a kill: {e}"));
        } else if name.ends_with(".json") {
            serde_json::from_slice::<serde_json::Value>(bytes)
                .unwrap_or_else(|e| panic!("{name} is not JSON after a kill: {e}"));
        }
    }
}

#[test]
fn builds_killed_at_any_moment_leave_every_file_old_or_new() {
    let project = Project::with_repeated_seeds(2019, 1, 20);
    assert!(project.build_at("2025-01-01T00:00:00Z").status.success());
    // Kills are spread over the time a run like the ones below takes: one
    // edited page (runs render only what changed, so much less than a full
    // build).
    let page = project.path("seeds/wenzhou/2019-01-20-1.txt");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replacen("日前", "日前（试）", 1)).unwrap();
    let start = Instant::now();
    assert!(project.build_at("2025-01-31T00:00:00Z").status.success());
    let typical = start.elapsed();
    let mut seed = 0x2545_f491_u64;
    let mut killed_mid_run = 0;
    let rounds = 40;
    for round in 0..rounds {
        // Change something for the run to do: an edit, or a new page.
        let page = project.path(&format!(
            "seeds/wenzhou/2019-01-{:02}-1.txt",
            1 + round % 20
        ));
        let text = std::fs::read_to_string(&page).unwrap();
        std::fs::write(
            &page,
            text.replacen("日前", &format!("日前（第{round}次）"), 1),
        )
        .unwrap();
        if round % 5 == 0 {
            project.write(
                &format!("seeds/zjgrrb/2020-02-{:02}.txt", 1 + round / 5),
                "新增版面标题\n\n王小明\n\n新增版面的正文。\n",
            );
        }
        let now = format!("2025-02-{:02}T00:00:{:02}Z", 1 + round / 2, round % 60);
        let before = read_tree(&project.feeds());

        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let delay = Duration::from_micros((seed >> 33) % (typical.as_micros() as u64 * 9 / 10 + 1));
        let mut child = Command::new(env!("CARGO_BIN_EXE_paperboy"))
            .current_dir(project.dir.path())
            .args(["build", "--quiet"])
            .env("PAPERBOY_NOW", &now)
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_none() {
            killed_mid_run += 1;
        }
        child.kill().unwrap();
        child.wait().unwrap();
        let mid = read_tree(&project.feeds());
        check_parses(&mid);

        let output = project.build_at(&now);
        assert!(
            output.status.success(),
            "the run after a kill succeeds: {}",
            common::stderr(&output)
        );
        let after = read_tree(&project.feeds());
        // Staged temporary files are not published (hidden, swept by the next run).
        for (path, bytes) in mid
            .iter()
            .filter(|(p, _)| !p.to_string_lossy().ends_with(".tmp"))
        {
            let old = before.get(path) == Some(bytes);
            let new = after.get(path) == Some(bytes);
            assert!(
                old || new,
                "round {round}: {} is neither as it was nor as it should be",
                path.display()
            );
        }
        let leftovers = temporary_files(&project.feeds());
        assert!(
            leftovers.is_empty(),
            "temporary files are swept: {leftovers:?}"
        );
    }
    println!("{rounds} builds killed, {killed_mid_run} of them mid-run (a run took {typical:?}); every file old or new after each kill");
    assert!(
        killed_mid_run >= rounds / 2,
        "most kills land while the build runs"
    );
    assert!(project.run(&["check", "feeds"], &[]).status.success());
}
