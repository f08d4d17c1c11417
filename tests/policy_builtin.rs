//! The built-in policies are embedded as JSON converted from `policies/*.toml`
//! by build.rs; they must read to exactly what the TOML files read to.

use peixun::policy::{builtin, Format, PolicySet};

fn toml_text(name: &str) -> String {
    let path = format!("{}/policies/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn every_policy_file_is_embedded() {
    let dir = format!("{}/policies", env!("CARGO_MANIFEST_DIR"));
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            (p.extension()? == "toml")
                .then(|| p.file_stem().unwrap().to_string_lossy().into_owned())
        })
        .collect();
    on_disk.sort();
    let mut embedded: Vec<String> = builtin::FILES.iter().map(|(n, _)| n.to_string()).collect();
    embedded.sort();
    assert_eq!(embedded, on_disk);
}

#[test]
fn embedded_json_is_the_toml_file() {
    for (name, json) in builtin::FILES {
        let from_toml: serde_json::Value = toml::from_str(&toml_text(name)).unwrap();
        let from_json: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(from_json, from_toml, "{name}");
    }
}

#[test]
fn builtin_set_equals_the_set_loaded_from_toml() {
    let builtin = PolicySet::builtin().unwrap();
    let mut from_toml = PolicySet::default();
    for (name, _) in builtin::FILES {
        from_toml
            .load(&toml_text(name), Format::Toml, false)
            .unwrap();
    }
    assert_eq!(
        builtin.ids().collect::<Vec<_>>(),
        from_toml.ids().collect::<Vec<_>>()
    );
    for (a, b) in builtin.iter().zip(from_toml.iter()) {
        assert_eq!(a, b, "{}", a.id);
        assert!(!a.rules.is_empty());
    }
}

#[test]
fn a_changed_toml_file_reads_differently() {
    // The comparison above can fail: one changed rate is a different policy.
    let name = "dalian-2023-major-conversion";
    let text =
        toml_text(name).replace("qualification = \"1800.00\"", "qualification = \"1700.00\"");
    let mut set = PolicySet::default();
    set.load(&text, Format::Toml, false).unwrap();
    let builtin = PolicySet::builtin().unwrap();
    assert_ne!(set.get(name), builtin.get(name));
}

#[test]
fn the_json_example_is_the_dalian_toml_file() {
    // examples/policies/*.json is what `peixun policy convert` prints: the form a
    // web page or mini-program hands to the WebAssembly module.
    let name = "dalian-2023-major-conversion";
    let path = format!(
        "{}/examples/policies/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let toml: serde_json::Value = toml::from_str(&toml_text(name)).unwrap();
    assert_eq!(json, toml);
}

#[test]
fn each_deployment_example_json_is_its_toml_file_and_loads() {
    // The deployment examples are written in TOML; the JSON beside each is what
    // the WebAssembly runners of the golden corpus load. Both say the same, and
    // each loads over the shipped policy it extends.
    let dir = format!("{}/examples/policies", env!("CARGO_MANIFEST_DIR"));
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let toml: serde_json::Value = toml::from_str(&text).unwrap();
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path.with_extension("json")).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(
            json,
            toml,
            "{}: run `peixun policy convert` again",
            path.display()
        );
        let mut engine = peixun::engine::Engine::new().unwrap();
        let loaded = engine
            .load_policy(&text)
            .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        // A deployment's file over a shipped policy, or a programme of its own
        // loaded as data (example-city-2025-skills): an example either way.
        let own_programme = toml.get("extends").is_none()
            && peixun::engine::Engine::new()
                .unwrap()
                .policy(&loaded.id)
                .is_err();
        assert!(
            loaded.version.contains("deployment-example")
                || (own_programme && loaded.version.ends_with("-example")),
            "{}",
            path.display()
        );
        seen += 1;
    }
    assert!(seen >= 2, "only {seen} deployment examples");
}
