package dev.plumb.engine;

import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import dev.plumb.api.AwsErrors;
import dev.plumb.api.Finding;
import dev.plumb.api.Findings;
import dev.plumb.api.NotApplicableException;
import dev.plumb.api.Rule;
import dev.plumb.engine.snapshot.SnapshotException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs one rule against one account with a time limit and turns everything that can go wrong
 * into findings: a rule that cannot be built, throws, or hangs is an ERROR for the account; a rule
 * that needs data an offline snapshot lacks is SKIPPED.
 */
final class RuleEvaluation {

    private static final long CANCEL_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final RuleDefinition rule;
    private final AccountSession session;
    private final PlumbContext context;

    RuleEvaluation(RuleDefinition rule, AccountSession session, PlumbContext context) {
        this.rule = rule;
        this.session = session;
        this.context = context;
    }

    List<Finding> run() throws InterruptedException {
        if (context.cancellation().isCancelled()) {
            return List.of(interrupted("before the rule ran"));
        }
        AccountDeadline deadline = session.deadline();
        long ruleNanos = TimeUnit.SECONDS.toNanos(context.request().ruleTimeoutSeconds());
        long accountNanos = deadline.remainingNanos();
        if (accountNanos <= 0) {
            return List.of(Finding.error(accountResource(), "Rule " + rule.id() + " was not run in account "
                    + session.account().id() + ": the account used up its time limit of " + deadline.seconds()
                    + " s. Raise --account-timeout or check why the account is slow."));
        }
        boolean accountLimitFirst = accountNanos < ruleNanos;
        List<Finding> reported = Collections.synchronizedList(new ArrayList<>());
        Findings sink = finding -> reported.add(finding != null ? finding : nullReported());
        Future<?> running = context.ruleThreads().submit(() -> {
            // A plugin's rule and the SDK clients its pack builds see the plugin's own classes and resources.
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(rule.ruleClass().getClassLoader());
            try {
                Injector injector = session.injectorFor(rule.pack());
                Rule instance = injector.getInstance(rule.ruleClass());
                instance.evaluate(sink);
                return null;
            } finally {
                thread.setContextClassLoader(previous);
            }
        });
        List<Finding> findings = new ArrayList<>();
        try {
            awaitOrCancel(running, Math.min(ruleNanos, accountNanos));
            synchronized (reported) {
                findings.addAll(reported);
            }
            if (findings.isEmpty()) {
                findings.add(Finding.skipped(accountResource(), "Rule " + rule.id()
                        + " found nothing to evaluate in account " + session.account().id() + "."));
            }
        } catch (TimeoutException e) {
            running.cancel(true);
            synchronized (reported) {
                findings.addAll(reported);
            }
            findings.add(Finding.error(accountResource(), accountLimitFirst
                    ? "Account " + session.account().id() + " did not finish within its time limit of "
                            + deadline.seconds() + " s; rule " + rule.id() + " was stopped and its results are"
                            + " incomplete. Raise --account-timeout or check why the account is slow."
                    : "Rule " + rule.id() + " did not finish within " + context.request().ruleTimeoutSeconds()
                            + " s in account " + session.account().id() + " and was stopped; its results are"
                            + " incomplete. Raise --rule-timeout or check why the account is slow."));
        } catch (InterruptedException | CancellationException e) {
            running.cancel(true);
            synchronized (reported) {
                findings.addAll(reported);
            }
            findings.add(interrupted("while the rule was running"));
        } catch (ExecutionException e) {
            synchronized (reported) {
                findings.addAll(reported);
            }
            findings.add(fromFailure(e.getCause()));
        }
        return findings;
    }

    /** Waits for the rule, in short slices so that a cancelled scan stops promptly. */
    private void awaitOrCancel(Future<?> running, long limitNanos)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + limitNanos;
        while (true) {
            if (running.isDone()) {
                running.get(); // a rule that finished before the scan was cancelled keeps its findings
                return;
            }
            if (context.cancellation().isCancelled()) {
                throw new CancellationException();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException();
            }
            try {
                running.get(Math.min(left, CANCEL_CHECK_NANOS), TimeUnit.NANOSECONDS);
                return;
            } catch (TimeoutException notYet) {
                // check for cancellation, then wait again
            }
        }
    }

    /** A rule that reports null has a bug: that is an ERROR of its own, and what it reports besides is kept. */
    private Finding nullReported() {
        return Finding.error(accountResource(), "Rule " + rule.id() + " reported a null finding in account "
                + session.account().id() + " (Findings.report(null)); its other findings are kept. Fix the rule.");
    }

    private Finding interrupted(String when) {
        return Finding.error(accountResource(), "Rule " + rule.id() + " did not evaluate account "
                + session.account().id() + ": the scan was interrupted (" + context.cancellation().reason() + ") "
                + when + ".");
    }

    private Finding fromFailure(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (context.request().debug()) {
            java.io.StringWriter trace = new java.io.StringWriter();
            failure.printStackTrace(new java.io.PrintWriter(trace));
            System.err.print(session.secrets().mask("plumb: rule " + rule.id() + " in account "
                    + session.account().id() + " failed:" + System.lineSeparator() + trace));
        }
        if (cause instanceof NotApplicableException) {
            return Finding.skipped(accountResource(), cause.getMessage());
        }
        if (cause instanceof UnsupportedOperationException && session.offline()) {
            return Finding.skipped(accountResource(), "Rule " + rule.id() + " needs IAM data that an offline"
                    + " snapshot does not hold; scan the live account to evaluate it.");
        }
        String where = "Rule " + rule.id() + " could not evaluate account " + session.account().id() + ": ";
        if (cause instanceof AccountSession.AccountUnavailableException
                || cause instanceof AccountSession.PackSetupException || cause instanceof SnapshotException) {
            return Finding.error(accountResource(), where + cause.getMessage());
        }
        if (failure instanceof ConfigurationException || failure instanceof CreationException
                || (failure instanceof ProvisionException && cause == failure)) {
            return Finding.error(accountResource(), where + "the rule could not be created: "
                    + FailureMessages.describe(failure));
        }
        if (cause instanceof SdkException sdk) {
            return Finding.error(accountResource(), where + AwsErrors.describe(sdk));
        }
        return Finding.error(accountResource(), where + FailureMessages.describe(cause));
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof ProvisionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private String accountResource() {
        return session.account().rootArn();
    }
}
