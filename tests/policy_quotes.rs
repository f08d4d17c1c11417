//! Every rule's `quote_zh` is the original's words: each piece between `……`
//! elisions appears verbatim, in order, in the seed the rule cites.

use peixun::policy::PolicySet;

#[test]
fn every_quote_is_verbatim_in_its_seed() {
    let set = PolicySet::builtin().unwrap();
    let mut problems = Vec::new();
    let mut checked = 0;
    for policy in set.iter() {
        for rule in &policy.rules {
            let Some(quote) = &rule.quote_zh else {
                problems.push(format!("{} {}: no quote_zh", policy.id, rule.id));
                continue;
            };
            let path = format!(
                "{}/../shared/seeds/{}",
                env!("CARGO_MANIFEST_DIR"),
                rule.source.seed
            );
            let seed = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            let mut from = 0;
            for piece in quote.split('…').map(str::trim).filter(|p| !p.is_empty()) {
                match seed[from..].find(piece) {
                    Some(i) => from += i + piece.len(),
                    None => problems.push(format!(
                        "{} {}: `{piece}` not found (in order) in {}",
                        policy.id, rule.id, rule.source.seed
                    )),
                }
            }
            checked += 1;
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(checked >= 59, "only {checked} rules checked");
}
