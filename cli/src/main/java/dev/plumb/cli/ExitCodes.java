package dev.plumb.cli;

/** The exit codes of {@code plumb}, as documented in the README. */
final class ExitCodes {

    /** Every finding passed (or was skipped or suppressed). */
    static final int OK = 0;
    /** At least one FAIL. */
    static final int FAIL = 1;
    /** At least one ERROR: the results are incomplete. Takes precedence over {@link #FAIL}. */
    static final int ERROR = 2;
    /** Bad usage or input before any scan: unknown option, unknown rule id, unreadable file. */
    static final int USAGE = 3;

    private ExitCodes() {
    }
}
