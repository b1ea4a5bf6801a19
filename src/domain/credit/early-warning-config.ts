/**
 * Configuration of the early-warning signals of credit-default-model.md ("Early-warning signals (defaults)").
 * Every signal can be switched off; thresholds are in the units named in each field.
 * Level: green (no signal) → yellow (1 amber) → orange (≥ 2 amber) → red (any red).
 */
export interface EarlyWarningConfig {
  readonly red: {
    /** Red when days past due now > this (default 30). */
    readonly daysPastDueAbove: number | null;
    /** Red on an overdue or non-performing loan at another bank. */
    readonly otherBankOverdue: boolean;
    /** Red on a dishonest-debtor (失信被执行人) or enforcement (被执行人) listing. */
    readonly listing: boolean;
    /** Red when the tax credit grade is one of these (default C, D). */
    readonly taxGrades: readonly string[];
    /** Red on a utility supply cut-off. */
    readonly utilityCutOff: boolean;
  };
  readonly amber: {
    /** Amber when 1 ≤ days past due ≤ red threshold (default 1..30); null switches it off. */
    readonly daysPastDueFrom: number | null;
    /** Amber when revenue falls by more than this percentage year on year (default 30). */
    readonly revenueDropPct: number | null;
    /** Amber when credit-line use is above `pct` % for `months` months (default 90 %, 3 months). */
    readonly creditLineUse: { readonly pct: number; readonly months: number } | null;
    /** Amber when the collateral value falls by more than this percentage (default 20). */
    readonly collateralDropPct: number | null;
    /** Amber when the industry prosperity index is below `below` for `quarters` quarters (default 90, 2). */
    readonly industryIndex: { readonly below: number; readonly quarters: number } | null;
    /** Amber on a downgrade by at least this many notches within `lookbackDays` (default 2 notches, 365 days). */
    readonly downgrade: { readonly notches: number; readonly lookbackDays: number } | null;
  };
}
