package dev.plumb.reporting;

import dev.plumb.api.Severity;
import java.util.Objects;

/**
 * What breaks a build.
 *
 * @param failOn      the lowest severity whose FAILs give exit code 1; {@link Severity#INFORMATIONAL} means any FAIL
 * @param allowErrors ERROR findings do not give exit code 2 (a failure of the engine itself still does)
 */
public record ExitPolicy(Severity failOn, boolean allowErrors) {

    /** Any FAIL gives 1, any ERROR 2. */
    public static final ExitPolicy STRICT = new ExitPolicy(Severity.INFORMATIONAL, false);

    public ExitPolicy {
        Objects.requireNonNull(failOn, "failOn");
    }
}
