//! The house rules of `src/`, read from the source itself: imports run one way between the
//! top-level modules, no two modules of a folder depend on each other in a circle, and no
//! file grows past 400 lines. A newcomer who breaks one learns it from `cargo test`, with
//! the file and the path that broke it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module's layer: a module may name only modules of lower layers.
/// `exchange` stands beside `web` in spirit, but `web` calls it (the verdict page's
/// ClaimReview), so it sits one below and must never name `web`.
const LAYERS: &[(&str, u8)] = &[
    ("domain", 0),
    ("config", 1),
    ("error", 1),
    ("server", 1),
    ("fetch", 2),
    ("db", 2),
    ("state", 3),
    ("demo", 3),
    ("generate", 3),
    ("jobs", 3),
    ("exchange", 4),
    ("web", 5),
    ("app", 6),
    ("cli", 6),
    ("commands", 7),
];

const MAX_LINES: usize = 400;

struct SourceFile {
    path: PathBuf,
    /// The module the file is: `src/db/fact_checks/page.rs` is `db::fact_checks::page`,
    /// `src/db/mod.rs` is `db`.
    module: Vec<String>,
    text: String,
}

fn source_files() -> Vec<SourceFile> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let mut folders = vec![src.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(&src).unwrap().with_extension("");
                let mut module: Vec<String> = relative
                    .iter()
                    .map(|part| part.to_string_lossy().into_owned())
                    .collect();
                if module.last().is_some_and(|last| last == "mod") {
                    module.pop();
                }
                let text = std::fs::read_to_string(&path).unwrap();
                files.push(SourceFile { path, module, text });
            }
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// The module paths a line names through `crate::` or `super::`, use trees included
/// (`crate::{config::Site, db::Db}` names `config::Site` and `db::Db`).
fn named_paths(line: &str, module: &[String]) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    for (anchor, base) in [("crate::", Vec::new()), ("super::", parent_of(module))] {
        let mut rest = line;
        while let Some(at) = rest.find(anchor) {
            let before = rest[..at].chars().next_back();
            rest = &rest[at + anchor.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue; // part of a longer name
            }
            for tail in use_tree(rest) {
                let mut path = base.clone();
                path.extend(tail);
                found.push(path);
            }
        }
    }
    found
}

/// The module `super` names from a file (a folder's `mod.rs` is the folder itself, so its
/// `super` is the folder's parent too).
fn parent_of(module: &[String]) -> Vec<String> {
    module[..module.len().saturating_sub(1)].to_vec()
}

/// The paths of a use tree at the start of `text`: `a::b::C`, or `{a::B, c}`.
fn use_tree(text: &str) -> Vec<Vec<String>> {
    let text = text.trim_start();
    if let Some(inner) = text.strip_prefix('{') {
        let mut depth = 0;
        let mut items = Vec::new();
        let mut start = 0;
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    items.push(&inner[start..i]);
                    break;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    items.push(&inner[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        // A trailing comma leaves an empty item, which names nothing.
        return items
            .into_iter()
            .filter(|item| !item.trim().is_empty())
            .flat_map(use_tree)
            .collect();
    }
    let mut path = Vec::new();
    let mut rest = text;
    loop {
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if end == 0 {
            break;
        }
        path.push(rest[..end].to_owned());
        match rest[end..].strip_prefix("::") {
            Some(after) if after.starts_with('{') => {
                return use_tree(after)
                    .into_iter()
                    .map(|tail| path.iter().cloned().chain(tail).collect())
                    .collect();
            }
            Some(after) => rest = after,
            None => break,
        }
    }
    vec![path]
}

/// What a file names from other files, as the modules named (a path is cut back to the
/// longest prefix that is a module of ours: `db::fact_checks::page::verdict` → the module
/// `db::fact_checks::page`).
fn dependencies(files: &[SourceFile]) -> Vec<(usize, Vec<String>)> {
    let modules: BTreeSet<&[String]> = files.iter().map(|f| f.module.as_slice()).collect();
    let mut deps = Vec::new();
    for (index, file) in files.iter().enumerate() {
        // Whole statements, not lines: `use crate::domain::{` names its items on the lines
        // that follow.
        let code: String = file
            .text
            .lines()
            .map(str::trim_start)
            .filter(|line| {
                !(line.starts_with("//")
                    || line.starts_with("mod ")
                    || line.starts_with("pub mod "))
            })
            .collect::<Vec<_>>()
            .join("\n");
        {
            for path in named_paths(&code, &file.module) {
                let known = (1..=path.len())
                    .rev()
                    .map(|n| &path[..n])
                    .find(|prefix| modules.contains(prefix));
                if let Some(target) = known {
                    deps.push((index, target.to_vec()));
                }
            }
        }
    }
    deps
}

#[test]
fn imports_run_one_way_between_the_layers() {
    let layers: BTreeMap<&str, u8> = LAYERS.iter().copied().collect();
    let files = source_files();
    let mut wrong = Vec::new();
    for file in &files {
        let Some(own) = file.module.first() else {
            continue;
        };
        if own == "main" || own == "lib" {
            continue;
        }
        assert!(
            layers.contains_key(own.as_str()),
            "{} is a new top-level module: give it a layer in LAYERS",
            file.path.display()
        );
    }
    for (index, target) in dependencies(&files) {
        let file = &files[index];
        let (Some(from), Some(to)) = (file.module.first(), target.first()) else {
            continue;
        };
        if from == to || from == "main" || from == "lib" {
            continue;
        }
        if layers[from.as_str()] <= layers[to.as_str()] {
            wrong.push(format!(
                "{} names {} (layer {} may not name layer {})",
                file.path.display(),
                target.join("::"),
                layers[from.as_str()],
                layers[to.as_str()]
            ));
        }
    }
    wrong.dedup();
    assert!(
        wrong.is_empty(),
        "imports run upward:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_two_modules_of_a_folder_depend_on_each_other_in_a_circle() {
    let files = source_files();
    // Nodes are the modules one and two levels down (`db`, `db::search`, `db::fact_checks`):
    // the rooms a newcomer looks for. A folder's own file naming its parts is its facade,
    // not a dependency.
    let room = |module: &[String]| module[..module.len().min(2)].join("::");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (index, target) in dependencies(&files) {
        let (from, to) = (room(&files[index].module), room(&target));
        let facade = to.starts_with(&format!("{from}::"));
        if from != to && !facade {
            graph.entry(from).or_default().insert(to);
        }
    }
    let mut circles = Vec::new();
    for start in graph.keys() {
        // Depth-first from each room, looking for a way back to it.
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        let mut seen = BTreeSet::new();
        while let Some((node, path)) = stack.pop() {
            for next in graph.get(&node).into_iter().flatten() {
                if next == start {
                    circles.push(format!("{} -> {start}", path.join(" -> ")));
                } else if seen.insert(next.clone()) {
                    let mut longer = path.clone();
                    longer.push(next.clone());
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
    assert!(
        circles.is_empty(),
        "import circles:\n{}",
        circles.join("\n")
    );
}

#[test]
fn no_file_under_src_is_over_400_lines() {
    let long: Vec<String> = source_files()
        .iter()
        .filter(|f| f.text.lines().count() > MAX_LINES)
        .map(|f| format!("{}: {} lines", f.path.display(), f.text.lines().count()))
        .collect();
    assert!(
        long.is_empty(),
        "split these along their seams:\n{}",
        long.join("\n")
    );
}

#[test]
fn the_checker_reads_use_trees_and_super() {
    let module = |m: &str| m.split("::").map(str::to_owned).collect::<Vec<_>>();
    let paths = named_paths(
        "use crate::{config::Site, db::{Db, users}};",
        &module("web::api"),
    );
    let shown: Vec<String> = paths.iter().map(|p| p.join("::")).collect();
    assert_eq!(shown, ["config::Site", "db::Db", "db::users"]);
    let paths = named_paths("use super::cards::row;", &module("db::search"));
    assert_eq!(paths, [module("db::cards::row")]);
    let spread = "use crate::web::{\n    form::Query,\n    meta::Meta,\n};";
    let shown: Vec<String> = named_paths(spread, &module("db::search"))
        .iter()
        .map(|p| p.join("::"))
        .collect();
    assert_eq!(shown, ["web::form::Query", "web::meta::Meta"]);
}
