package dev.plumb.api;

/**
 * One check of one account. Implementations are built by Guice through an {@code @Inject}
 * constructor, so they receive the AWS clients and the {@link Account} they need; they must be
 * annotated with {@link RuleInfo} and listed by a {@link RulePack}.
 *
 * <p>A rule only reads. It reports one {@link Finding} per resource it judged. Anything it throws
 * becomes an {@link Outcome#ERROR} for the account: a rule that cannot decide must never report a
 * {@link Outcome#FAIL}.
 */
public interface Rule {

    void evaluate(Findings findings) throws Exception;
}
