package io.privkit.dp.ledger;

/**
 * The ledger refused a spend: recording it would take the composed privacy loss over the budget.
 * Nothing was recorded, and the noisy result must not be computed or released. The command line
 * maps it to exit code 3.
 */
public class BudgetExceededException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final String label;
    private final double spentEpsilon;
    private final double wouldBeEpsilon;
    private final double budgetEpsilon;

    /**
     * @param ledgerName     the ledger
     * @param label          the refused spend's label
     * @param spentEpsilon   ε spent before it
     * @param wouldBeEpsilon ε after it, had it been accepted (+∞ when it cannot be accounted within the filter)
     * @param budgetEpsilon  the budget's ε
     * @param budgetDelta    the budget's δ
     */
    public BudgetExceededException(String ledgerName, String label, double spentEpsilon, double wouldBeEpsilon,
                                   double budgetEpsilon, double budgetDelta) {
        super("privacy budget of ledger \"" + ledgerName + "\" must cover the spend \"" + label + "\"; got spent epsilon "
                + fmt(spentEpsilon) + ", which this spend would raise to " + fmt(wouldBeEpsilon) + " of a budget of epsilon "
                + fmt(budgetEpsilon) + " at delta " + budgetDelta + ". Nothing was recorded: reduce the spend (more noise, "
                + "fewer steps, a smaller sampling rate) or obtain a new budget.");
        this.label = label;
        this.spentEpsilon = spentEpsilon;
        this.wouldBeEpsilon = wouldBeEpsilon;
        this.budgetEpsilon = budgetEpsilon;
    }

    private static String fmt(double v) {
        return Double.isInfinite(v) ? "infinity" : String.format(java.util.Locale.ROOT, "%.6g", v);
    }

    /** The refused spend's label. */
    public String label() {
        return label;
    }

    /** ε spent before the refused spend. */
    public double spentEpsilon() {
        return spentEpsilon;
    }

    /** ε the spend would have taken the ledger to. */
    public double wouldBeEpsilon() {
        return wouldBeEpsilon;
    }

    /** The budget's ε. */
    public double budgetEpsilon() {
        return budgetEpsilon;
    }
}
