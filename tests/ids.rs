//! Entry ids are stable: they survive rebuilds, body edits, reordering and
//! a new base URL, and differ between articles.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{parse_feed_rs, Project};

/// Title → id of every entry in the site-wide feed.
fn ids_by_title(project: &Project) -> BTreeMap<String, String> {
    let output = project.build();
    assert!(output.status.success(), "{}", common::stderr(&output));
    parse_feed_rs(&project.feeds().join("atom.xml"))
        .entries
        .into_iter()
        .map(|e| (e.title.unwrap().content, e.id))
        .collect()
}

fn edit(project: &Project, page: &str, change: impl FnOnce(String) -> String) {
    let path = project.path(page);
    let text = std::fs::read_to_string(&path).unwrap();
    let changed = change(text.clone());
    assert_ne!(text, changed, "the edit changes the page");
    std::fs::write(path, changed).unwrap();
}

#[test]
fn every_article_has_its_own_id() {
    let project = Project::with_seeds();
    let ids = ids_by_title(&project);
    assert_eq!(ids.len(), 45);
    let distinct: BTreeSet<&String> = ids.values().collect();
    assert_eq!(distinct.len(), 45);
    assert!(ids
        .values()
        .all(|id| id.starts_with("urn:uuid:") && id.len() == 45));
}

#[test]
fn a_typo_fixed_in_a_body_keeps_every_id() {
    let project = Project::with_seeds();
    let before = ids_by_title(&project);
    edit(&project, "seeds/wenzhou/2023-01-13.txt", |t| {
        t.replacen("精心出台多条暖心举措", "精心出台多项暖心举措", 1)
    });
    edit(&project, "seeds/rmrb/2023-04-10.txt", |t| {
        t.replacen("非常动人\n", "非常感人\n", 1)
    });
    assert_eq!(ids_by_title(&project), before);
}

#[test]
fn reordering_a_pages_articles_keeps_every_id() {
    let project = Project::with_seeds();
    let before = ids_by_title(&project);
    // Move the page's last two articles to its top.
    edit(&project, "seeds/wenzhou/2023-01-13.txt", |text| {
        let cut = text.find("关爱宣教进校园").unwrap();
        format!("{}\n\n{}", &text[cut..], &text[..cut])
    });
    let after = ids_by_title(&project);
    assert_eq!(after, before);
    let page = std::fs::read_to_string(project.feeds().join("wenzhou/2023-01-13.html")).unwrap();
    assert!(
        page.find("关爱宣教进校园").unwrap() < page.find("瓯海发放").unwrap(),
        "the page was really reordered"
    );
}

#[test]
fn a_new_base_url_keeps_ids_and_moves_links() {
    let project = Project::with_seeds();
    let before = ids_by_title(&project);
    let config = std::fs::read_to_string(project.path("paperboy.toml")).unwrap();
    project.write(
        "paperboy.toml",
        &config.replace("http://localhost:8000/", "https://news.example.org/feeds/"),
    );
    assert_eq!(ids_by_title(&project), before);
    let feed = parse_feed_rs(&project.feeds().join("atom.xml"));
    assert!(feed.entries[0].links[0]
        .href
        .starts_with("https://news.example.org/feeds/"));
}

#[test]
fn ids_do_not_depend_on_the_output_folder_or_file_times() {
    let project = Project::with_seeds();
    let before = ids_by_title(&project);
    let page = project.path("seeds/zjgrrb/2024-03-04-01.txt");
    let text = std::fs::read(&page).unwrap();
    std::fs::remove_file(&page).unwrap();
    std::fs::write(&page, text).unwrap();
    assert!(project.build_into("elsewhere").status.success());
    let elsewhere: BTreeMap<String, String> = parse_feed_rs(&project.path("elsewhere/atom.xml"))
        .entries
        .into_iter()
        .map(|e| (e.title.unwrap().content, e.id))
        .collect();
    assert_eq!(elsewhere, before);
}

#[test]
fn a_repeated_headline_gets_a_second_id_and_the_first_keeps_its_own() {
    let project = Project::empty();
    project.write("seeds/demo/publication.toml", "title = \"示例日报\"\n");
    let one = "# 简讯\n\n王小明\n\n第一条简讯的正文。\n";
    project.write("seeds/demo/2024-05-01.txt", one);
    let first: Vec<String> = {
        assert!(project.build().status.success());
        common::ids(&project.feeds().join("demo/atom.xml"))
    };
    project.write(
        "seeds/demo/2024-05-01.txt",
        &format!("{one}\n## 简讯\n\n李小红\n\n第二条简讯的正文。\n"),
    );
    assert!(project.build().status.success());
    let both = common::ids(&project.feeds().join("demo/atom.xml"));
    assert_eq!(both.len(), 2);
    assert_ne!(both[0], both[1]);
    assert!(
        both.contains(&first[0]),
        "the first article keeps its id when a namesake is added"
    );
}
