//! Embeds the demo corpus (../../demo) into the binary, so that `corroborate
//! demo` works from any folder.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../demo");
    println!("cargo:rerun-if-changed={}", demo.display());
    let mut names: Vec<String> = std::fs::read_dir(&demo)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter(|e| e.file_type().map(|t| t.is_file()).unwrap_or(false))
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n != "README.md" && !n.starts_with('.'))
                .collect()
        })
        .unwrap_or_else(|e| panic!("the demo corpus {} cannot be read: {e}", demo.display()));
    // A binary whose `demo` and `bench` find no articles is broken, not empty.
    assert!(!names.is_empty(), "the demo corpus {} holds no article", demo.display());
    names.sort();
    let mut code = String::from(
        "/// The demo corpus: (file name, bytes).\npub const DEMO_FILES: &[(&str, &[u8])] = &[\n",
    );
    for name in &names {
        let path = demo.join(name).canonicalize().expect("demo file");
        println!("cargo:rerun-if-changed={}", path.display());
        writeln!(code, "    ({name:?}, include_bytes!({:?})),", path.display().to_string()).unwrap();
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("demo_files.rs");
    std::fs::write(out, code).expect("write demo_files.rs");
}
