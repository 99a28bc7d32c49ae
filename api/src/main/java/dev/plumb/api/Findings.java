package dev.plumb.api;

/** Where a {@link Rule} reports what it found. Safe to call from one thread at a time. */
public interface Findings {

    /**
     * Reports one finding. Several findings of one resource are each reported; a null finding is
     * a bug of the rule and is reported as an ERROR of it.
     */
    void report(Finding finding);

    default void pass(String resource, String message) {
        report(Finding.pass(resource, message));
    }

    default void fail(String resource, String message) {
        report(Finding.fail(resource, message));
    }

    default void error(String resource, String message) {
        report(Finding.error(resource, message));
    }

    default void skip(String resource, String reason) {
        report(Finding.skipped(resource, reason));
    }
}
