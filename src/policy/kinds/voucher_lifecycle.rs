//! The `voucher_lifecycle` rule kind.

use super::prelude::*;

/// The voucher life cycle: apply → issue → train → redeem → write off.
/// Every parameter is a reading of the programme's words, stated in the
/// policy file (see `docs/vouchers.md`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VoucherLifecycle {
    /// At most one active voucher per person in this programme.
    pub one_active_per_person: bool,
    /// What redemption (兑现) requires of the latest evaluation; an
    /// empty list asks nothing.
    pub redeem_requires: Vec<RedeemCondition>,
    /// Whether the voucher is claimed (领用) at the institution before
    /// training (a check-in) may be recorded.
    pub claim_before_training: bool,
    /// Whether an evaluation needs training under way (a check-in) first;
    /// false lets an evaluation voucher be evaluated without training.
    pub training_before_evaluation: bool,
}

impl KindSpec for VoucherLifecycle {
    const NAME: &'static str = "voucher_lifecycle";
    const FAMILY: Family = Family::Voucher;
    const ROLES: &'static [Role] = &[Role::StateMachine];
    const FACTS: &'static [&'static str] = &[];

    fn required_messages(&self) -> &'static [&'static str] {
        &["summary"]
    }
}

impl KindCode for VoucherLifecycle {
    read_params!(VoucherLifecycle { one_active_per_person: req, redeem_requires: req, claim_before_training: req, training_before_evaluation: req });
}
