//! `peixun review`: the authority resolves a claim the verifier recorded as
//! needing review, on the ledger directly (the same transaction as
//! `POST /v1/claims/{id}/review`).

use std::process::ExitCode;

use clap::{Args, ValueEnum};
use peixun_server::config::Config;
use peixun_server::review::{Decision, Outcome, Reviewed};

use super::output;
use super::serve_cmd::LedgerArgs;

/// Resolve a claim that needs review: accepted or rejected, with a reason.
///
/// Reads the verifier's configuration (the ledger and the holder key it was
/// written with) as `peixun serve` does. A review is final; the same review
/// again changes nothing (exit 0), another one is refused (exit 3). Prints the
/// recorded review as JSON.
#[derive(Debug, Args)]
pub struct ReviewCmd {
    /// The claim's ID (`c-…`).
    claim: String,
    /// The decision.
    #[arg(long, value_enum)]
    status: ReviewStatus,
    /// Why (kept with the review; ID numbers in it are replaced).
    #[arg(long)]
    reason: String,
    /// Who decides (kept with the review).
    #[arg(long)]
    reviewer: String,
    #[command(flatten)]
    ledger: LedgerArgs,
}

/// The decisions a review can take.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum ReviewStatus {
    Accepted,
    Rejected,
}

impl ReviewCmd {
    pub fn run(self) -> ExitCode {
        let config = match Config::resolve(self.ledger.overrides(None, Vec::new())) {
            Ok(c) => c,
            Err(p) => return output::fail(&p, false),
        };
        let decision = Decision {
            status: match self.status {
                ReviewStatus::Accepted => Outcome::Accepted,
                ReviewStatus::Rejected => Outcome::Rejected,
            },
            reason: self.reason,
        };
        match peixun_server::review_blocking(config, &self.claim, &decision, &self.reviewer) {
            Ok(Reviewed::Recorded(r)) => {
                outln!("{}", peixun::canonical::to_string(&r));
                eprintln!("claim {} is now {}", r.claim_id, r.status);
                ExitCode::from(output::OK)
            }
            Ok(Reviewed::Replayed(r)) => {
                outln!("{}", peixun::canonical::to_string(&r));
                eprintln!(
                    "claim {} was already reviewed as {}: nothing changed",
                    r.claim_id, r.status
                );
                ExitCode::from(output::OK)
            }
            Err(p) => output::fail(&p, false),
        }
    }
}
