package dev.plumb.testkit;

import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Binding;
import com.google.inject.spi.Elements;
import dev.plumb.api.Account;
import dev.plumb.api.Rule;
import dev.plumb.api.RulePack;
import dev.plumb.engine.RuleCatalog;
import dev.plumb.engine.RuleDefinition;
import dev.plumb.engine.ScanRequest;
import dev.plumb.engine.snapshot.SnapshotFiles;
import dev.plumb.testing.MotoServer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * Runs one rule the way {@code plumb scan} does: found through its pack's service file, built by
 * Guice with the pack's modules, evaluated by Plumb's engine (time limit, error mapping: a rule
 * that throws or cannot be built is an ERROR of the account), and read back from the engine's
 * findings. Only the rule chosen runs.
 *
 * <pre>{@code
 * RuleResult result = RuleTester.forRule(S3BucketVersioning.class).againstMoto();
 * assertThat(result).hasFinding("arn:aws:s3:::logs").withOutcome(Outcome.FAIL).withMessageContaining("suspended");
 * }</pre>
 *
 * Each method that runs the rule runs it anew, with a time limit of 60 s, and prints the stack trace
 * of a rule that throws to standard error (as {@code plumb scan --debug}). A tester is immutable and
 * may be shared.
 */
public final class RuleTester {

    private static final String MOTO_REGION = "us-east-1";
    private static final int RULE_TIMEOUT_SECONDS = 60;
    private static final int CALL_TIMEOUT_SECONDS = 10;

    private final RuleDefinition rule;
    private final Map<Class<?>, Object> stubs;

    private RuleTester(RuleDefinition rule, Map<Class<?>, Object> stubs) {
        this.rule = rule;
        this.stubs = stubs;
    }

    /**
     * A tester of this rule, as the rule pack that lists it in
     * {@code META-INF/services/dev.plumb.api.RulePack} loads it.
     *
     * @throws AssertionError if no pack on the class path lists the rule, or the packs do not load
     */
    public static RuleTester forRule(Class<? extends Rule> ruleClass) {
        RuleCatalog catalog = RuleCatalog.load(ruleClass.getClassLoader());
        RuleDefinition rule = catalog.rules().stream().filter(definition -> definition.ruleClass() == ruleClass)
                .findFirst().orElseThrow(() -> new AssertionError("no rule pack on the class path lists "
                        + ruleClass.getName() + ": add it to the rules() of a RulePack named in "
                        + "META-INF/services/dev.plumb.api.RulePack"));
        return new RuleTester(rule, Map.of());
    }

    /**
     * A tester whose rule gets {@code stub} wherever it, or its pack's modules, ask for {@code type}:
     * an SDK client the pack binds (an {@code S3Client}) or one every account binds ({@code IamClient},
     * {@code StsClient}). Use it for what a real API cannot be made to do, such as denying access to
     * one resource. The SDK client interfaces have default methods: a stub implements only what the
     * rule calls.
     */
    public <T> RuleTester withClient(Class<T> type, T stub) {
        Map<Class<?>, Object> more = new LinkedHashMap<>(stubs);
        more.put(Objects.requireNonNull(type), type.cast(Objects.requireNonNull(stub)));
        return new RuleTester(rule, Map.copyOf(more));
    }

    /** The rule's findings in the account of an offline snapshot ({@code plumb scan --snapshot FILE}). */
    public RuleResult againstSnapshot(Path snapshotFile) {
        Account account = new SnapshotFiles().read(snapshotFile).account(snapshotFile);
        String region = switch (account.partition()) {
            case "aws-cn" -> "cn-north-1";
            case "aws-us-gov" -> "us-gov-west-1";
            default -> MOTO_REGION;
        };
        return run(ScanRequest.Target.snapshot(account.id(), account.partition(), snapshotFile.toString()), region,
                null);
    }

    /**
     * The rule's findings in moto's default account ({@value MotoServer#DEFAULT_ACCOUNT}, region
     * us-east-1), on the {@link MotoServer#shared() shared} moto server of this JVM, which this starts
     * if needed. Create what the rule should find with {@code MotoServer.shared().client(...)}, and
     * {@link MotoServer#reset() reset} it between tests. Plumb reads the standard AWS credential chain;
     * moto accepts any key, such as {@code AWS_ACCESS_KEY_ID=testing} and
     * {@code AWS_SECRET_ACCESS_KEY=testing} in Surefire's {@code environmentVariables}. As in a scan,
     * those values are masked wherever a finding's message or evidence holds them as a word.
     */
    public RuleResult againstMoto() {
        requireCredentials();
        return run(ScanRequest.Target.caller(MotoServer.DEFAULT_ACCOUNT, "aws"), MOTO_REGION,
                MotoServer.shared().endpoint());
    }

    /**
     * The rule's findings in account {@value MotoServer#DEFAULT_ACCOUNT} where every client it uses is a
     * stub given with {@link #withClient}. A call of any other client fails the call (an ERROR
     * finding naming the service and operation) and reaches no network.
     */
    public RuleResult againstStubs() {
        return run(ScanRequest.Target.caller(MotoServer.DEFAULT_ACCOUNT, "aws"), MOTO_REGION,
                Unstubbed.UNREACHABLE_ENDPOINT);
    }

    private RuleResult run(ScanRequest.Target target, String region, String endpoint) {
        ScanRequest scan = new ScanRequest(List.of(target), region, null, endpoint, List.of(rule.id()), 1,
                RULE_TIMEOUT_SECONDS, CALL_TIMEOUT_SECONDS, true);
        Set<Key<?>> packKeys = Elements.getElements(rule.pack().modules()).stream()
                .filter(Binding.class::isInstance).map(element -> ((Binding<?>) element).getKey())
                .collect(Collectors.toSet());
        Map<Class<?>, Object> packStubs = new LinkedHashMap<>();
        Map<Class<?>, Object> accountStubs = new LinkedHashMap<>();
        stubs.forEach((type, stub) -> (packKeys.contains(Key.get(type)) ? packStubs : accountStubs).put(type, stub));
        RulePack pack = new StubbedPack(rule.pack(), bindings(packStubs));
        Account account = new Account(target.accountId(), target.partition());
        boolean stubsOnly = Unstubbed.UNREACHABLE_ENDPOINT.equals(endpoint);
        return EngineRun.run(RuleCatalog.of(List.of(pack)), bindings(accountStubs), stubsOnly, scan, account);
    }

    private static Module bindings(Map<Class<?>, Object> stubs) {
        return binder -> stubs.forEach((type, stub) -> bind(binder, type, stub));
    }

    private static <T> void bind(com.google.inject.Binder binder, Class<T> type, Object stub) {
        binder.bind(type).toInstance(type.cast(stub));
    }

    private static void requireCredentials() {
        try (DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build()) {
            chain.resolveCredentials();
        } catch (RuntimeException e) {
            throw new AssertionError("RuleTester.againstMoto(): no AWS credentials in the standard chain; moto "
                    + "accepts any, so set AWS_ACCESS_KEY_ID=testing and AWS_SECRET_ACCESS_KEY=testing (for example "
                    + "in Surefire's environmentVariables)");
        }
    }
}
