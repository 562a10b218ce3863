package dev.keel.billing;

/**
 * Runs the billing work that is due on the application clock: trial warnings and ends, renewals, pending
 * downgrades and cancels, and payment retries. At most one run at a time across replicas; safe to re-run.
 * The scheduler, time travel and the {@code billing run-cycle} command all come through here.
 */
public interface BillingCycle {

    /** What one run did, or one step of it: a run's report is the sum of its steps' reports. */
    record Report(int trialWarnings, int renewed, int planChanges, int canceled, int retried, int failedCharges) {

        /** Nothing was due, or another replica held the cycle lock. */
        public static final Report NOTHING = new Report(0, 0, 0, 0, 0, 0);

        public Report plus(Report other) {
            return new Report(
                    trialWarnings + other.trialWarnings,
                    renewed + other.renewed,
                    planChanges + other.planChanges,
                    canceled + other.canceled,
                    retried + other.retried,
                    failedCharges + other.failedCharges);
        }

        public int total() {
            return trialWarnings + renewed + planChanges + canceled + retried + failedCharges;
        }
    }

    /**
     * Runs everything due now, batch after batch, until nothing is due.
     *
     * @return what was done; all zero when another replica holds the cycle lock
     */
    Report runDue();
}
