//! Every rule's `quote_zh` is the original's words: each piece between `……`
//! elisions appears verbatim, in order, in the seed the rule cites. So are the
//! words with which a policy that extends another declares an inherited rule
//! not applicable (`exclude`), in the extending policy's own seed.

use peixun::policy::PolicySet;

fn seed(name: &str) -> String {
    let path = format!("{}/../shared/seeds/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The pieces of `quote` (between `…` elisions) not found, in order, in `text`.
fn missing_pieces<'q>(quote: &'q str, text: &str) -> Vec<&'q str> {
    let mut from = 0;
    let mut missing = Vec::new();
    for piece in quote.split('…').map(str::trim).filter(|p| !p.is_empty()) {
        match text[from..].find(piece) {
            Some(i) => from += i + piece.len(),
            None => missing.push(piece),
        }
    }
    missing
}

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
            for piece in missing_pieces(quote, &seed(&rule.source.seed)) {
                problems.push(format!(
                    "{} {}: `{piece}` not found (in order) in {}",
                    policy.id, rule.id, rule.source.seed
                ));
            }
            checked += 1;
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(checked >= 62, "only {checked} rules checked");
}

#[test]
fn every_not_applicable_declaration_quotes_the_extending_policy_seed() {
    let set = PolicySet::builtin().unwrap();
    let mut problems = Vec::new();
    let mut declared = 0;
    for policy in set.iter() {
        for d in &policy.dropped {
            let Some(quote) = &d.quote_zh else {
                // Only a replacement may go without the original's words.
                if d.replaced_by.is_empty() {
                    problems.push(format!("{} drops {}: no quote_zh", d.by_policy, d.rule_id));
                }
                continue;
            };
            // The words are the extending policy's original's, not the dropped rule's.
            for piece in missing_pieces(quote, &seed(&d.source.seed)) {
                problems.push(format!(
                    "{} drops {}: `{piece}` not found (in order) in {}",
                    d.by_policy, d.rule_id, d.source.seed
                ));
            }
            declared += 1;
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Fushun declares DL-S1 and DL-S2 not applicable with its own words.
    assert!(declared >= 2, "only {declared} declarations checked");
}

#[test]
fn a_quote_not_in_the_seed_is_found_missing() {
    // The check itself: a word changed in a real quote is reported.
    let text = seed("002_fcde794d6c80fe6c.txt");
    let good = "对培训机构补贴金额进行核算";
    assert!(missing_pieces(good, &text).is_empty());
    assert_eq!(
        missing_pieces("对培训机构补贴标准进行核算", &text),
        ["对培训机构补贴标准进行核算"]
    );
    // Pieces must come in the seed's order.
    assert_eq!(
        missing_pieces("公示期为5个工作日…根据市人力资源和社会保障局", &text),
        ["根据市人力资源和社会保障局"]
    );
}
