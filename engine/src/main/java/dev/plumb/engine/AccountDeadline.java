package dev.plumb.engine;

/**
 * When the time one account may take (assuming its role and running all its rules) runs out.
 *
 * @param seconds the limit, or 0 for none
 * @param endNanos {@link System#nanoTime()} at which the limit is reached
 */
record AccountDeadline(int seconds, long endNanos) {

    static AccountDeadline startingNow(int seconds) {
        return new AccountDeadline(seconds, System.nanoTime() + seconds * 1_000_000_000L);
    }

    boolean limited() {
        return seconds > 0;
    }

    /** Nanoseconds left; Long.MAX_VALUE without a limit. */
    long remainingNanos() {
        return limited() ? endNanos - System.nanoTime() : Long.MAX_VALUE;
    }
}
