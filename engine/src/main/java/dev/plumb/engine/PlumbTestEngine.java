package dev.plumb.engine;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plumb.engine.aws.AwsConnection;
import dev.plumb.engine.snapshot.SnapshotFiles;
import dev.plumb.internal.PlumbVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apiguardian.api.API;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.discovery.EngineDiscoveryRequestResolver;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestExecutorService;
import org.junit.platform.engine.support.hierarchical.ParallelExecutionConfiguration;
import org.junit.platform.engine.support.hierarchical.ParallelHierarchicalTestExecutorServiceFactory;
import org.junit.platform.engine.support.hierarchical.ParallelHierarchicalTestExecutorServiceFactory.ParallelExecutorServiceType;
import org.junit.platform.engine.support.hierarchical.SameThreadHierarchicalTestExecutorService;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The JUnit Platform engine {@value #ENGINE_ID}. It discovers nothing unless a request selects
 * {@code [engine:plumb]} (or a node below it); it then reads the scan from the configuration parameters
 * named in {@link PlumbEngineKeys}, once, and the tree is
 * {@code [engine:plumb]/[account:<id>]/[rule:<rule id>]/[resource:<arn>]}, with one test per finding.
 */
@API(status = EXPERIMENTAL)
public final class PlumbTestEngine extends HierarchicalTestEngine<PlumbContext> {

    public static final String ENGINE_ID = "plumb";

    private final RuleCatalog catalog;
    private final List<ExecutionInterceptor> interceptors;
    private final ScanCancellation cancellation;
    private final SnapshotFiles snapshots;
    private final Secrets secrets;
    private final ScanPlanner.Plan given;
    private final com.google.inject.Module accountBindings;

    /** For {@link java.util.ServiceLoader}: rules come from the packs visible to the context class loader. */
    public PlumbTestEngine() {
        this(null, List.of(), new ScanCancellation());
    }

    public PlumbTestEngine(RuleCatalog catalog, List<ExecutionInterceptor> interceptors, ScanCancellation cancellation) {
        this(catalog, interceptors, cancellation, new SnapshotFiles(), new Secrets());
    }

    /**
     * @param catalog      the rules to choose from; null for the packs visible to the context class loader
     * @param interceptors added to every AWS client of the scan
     * @param cancellation lets the caller stop the scan early
     * @param snapshots    the snapshot files as the caller read them; the engine scans those, reading no file twice
     * @param secrets      masked in every finding; the engine adds the external ids and the credentials it uses
     */
    public PlumbTestEngine(RuleCatalog catalog, List<ExecutionInterceptor> interceptors, ScanCancellation cancellation,
            SnapshotFiles snapshots, Secrets secrets) {
        this(catalog, interceptors, cancellation, snapshots, secrets, null);
    }

    /**
     * An engine that runs this planned scan instead of reading {@link PlumbEngineKeys} from the
     * configuration parameters (the rule test kit builds its scans itself).
     */
    public PlumbTestEngine(RuleCatalog catalog, List<ExecutionInterceptor> interceptors, ScanCancellation cancellation,
            SnapshotFiles snapshots, Secrets secrets, ScanRequest given) {
        this(catalog, interceptors, cancellation, snapshots, secrets,
                given == null ? null : new ScanPlanner.Plan(given, null), null);
    }

    /** An engine that runs a scan planned by {@link PlannedScan}, with its catalog and connection. */
    PlumbTestEngine(ScanPlanner.Plan planned, ScanCancellation cancellation, SnapshotFiles snapshots,
            Secrets secrets) {
        this(planned.catalog(), List.of(), cancellation, snapshots, secrets, planned, null);
    }

    private PlumbTestEngine(RuleCatalog catalog, List<ExecutionInterceptor> interceptors,
            ScanCancellation cancellation, SnapshotFiles snapshots, Secrets secrets, ScanPlanner.Plan given,
            com.google.inject.Module accountBindings) {
        this.given = given;
        this.catalog = catalog;
        this.interceptors = List.copyOf(interceptors);
        this.cancellation = cancellation;
        this.snapshots = snapshots;
        this.secrets = secrets;
        this.accountBindings = accountBindings;
    }

    /**
     * A copy of this engine whose accounts bind these Guice bindings over their own ({@code Account},
     * {@code AwsClients}, {@code IamClient}, {@code StsClient}). For the rule test kit, which stands
     * stub clients in for live ones; a scan never needs it.
     */
    public PlumbTestEngine overridingAccountBindings(com.google.inject.Module bindings) {
        return new PlumbTestEngine(catalog, interceptors, cancellation, snapshots, secrets, given,
                java.util.Objects.requireNonNull(bindings));
    }

    @Override
    public String getId() {
        return ENGINE_ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("dev.plumb");
    }

    @Override
    public Optional<String> getArtifactId() {
        return Optional.of("plumb-engine");
    }

    @Override
    public Optional<String> getVersion() {
        return Optional.of(PlumbVersion.get());
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        List<UniqueId> selected = request.getSelectorsByType(UniqueIdSelector.class).stream()
                .map(UniqueIdSelector::getUniqueId)
                .filter(id -> id.getEngineId().filter(ENGINE_ID::equals).isPresent())
                .toList();
        if (given != null) {
            return selected.isEmpty() ? new PlumbEngineDescriptor(uniqueId) : tree(uniqueId, given, selected);
        }
        List<Path> selectedSnapshots = selectedSnapshots(request, uniqueId);
        if (selected.isEmpty() && selectedSnapshots.isEmpty()) {
            return new PlumbEngineDescriptor(uniqueId);
        }
        ScanPlanner.Plan plan = ScanPlanner.plan(ScanSettings.from(request.getConfigurationParameters()),
                selectedSnapshots, catalog, Thread.currentThread().getContextClassLoader(), snapshots, secrets,
                interceptors, ScanPlanner.LOGGED);
        return tree(uniqueId, plan, selected.isEmpty() ? List.of(UniqueId.forEngine(ENGINE_ID)) : selected);
    }

    /** The snapshot files named by file, directory and class-path resource selectors, in the order named. */
    private static List<Path> selectedSnapshots(EngineDiscoveryRequest request, UniqueId uniqueId) {
        EngineDescriptor files = new EngineDescriptor(uniqueId, "snapshots");
        EngineDiscoveryRequestResolver.<EngineDescriptor>builder()
                .addSelectorResolver(new SnapshotSelectorResolver())
                .build()
                .resolve(request, files);
        return files.getChildren().stream()
                .map(child -> ((SnapshotSelectorResolver.SelectedSnapshot) child).file())
                .toList();
    }

    /**
     * A selected id such as {@code [engine:plumb]/[account:X]} below this engine's root, which is
     * {@code [engine:plumb]} itself or, inside a suite, the suite's id followed by {@code [engine:plumb]}.
     */
    private static UniqueId below(UniqueId root, UniqueId selected) {
        UniqueId rebased = root;
        for (UniqueId.Segment segment : selected.getSegments().subList(1, selected.getSegments().size())) {
            rebased = rebased.append(segment);
        }
        return rebased;
    }

    private RuleCatalog rules() {
        return catalog != null ? catalog : RuleCatalog.load(Thread.currentThread().getContextClassLoader());
    }

    private TestDescriptor tree(UniqueId uniqueId, ScanPlanner.Plan plan, List<UniqueId> selected) {
        PlumbEngineDescriptor engine = new PlumbEngineDescriptor(uniqueId, plan);
        List<UniqueId> chosenIds = selected.stream().map(id -> below(uniqueId, id)).toList();
        Predicate<UniqueId> wanted = id -> chosenIds.stream()
                .anyMatch(chosen -> chosen.hasPrefix(id) || id.hasPrefix(chosen));
        addAccounts(engine, plan.request(), plan.catalog() != null ? plan.catalog() : rules(), wanted);
        engine.accept(TestDescriptor::prune);
        return engine;
    }

    private void addAccounts(PlumbEngineDescriptor engine, ScanRequest scan, RuleCatalog rules,
            Predicate<UniqueId> wanted) {
        List<RuleDefinition> chosenRules = scan.ruleIds().isEmpty() ? rules.rules()
                : scan.ruleIds().stream().sorted().map(rules::find).flatMap(Optional::stream).toList();
        Map<String, ScanRequest.Target> targets = new LinkedHashMap<>();
        scan.targets().stream().sorted(Comparator.comparing(ScanRequest.Target::accountId))
                .forEach(target -> targets.putIfAbsent(target.accountId(), target));
        for (ScanRequest.Target target : targets.values()) {
            AccountDescriptor account = new AccountDescriptor(engine.getUniqueId(), target, snapshots, accountBindings);
            if (!wanted.test(account.getUniqueId())) {
                continue;
            }
            for (RuleDefinition rule : chosenRules) {
                RuleDescriptor node = new RuleDescriptor(account.getUniqueId(), rule, target.accountId());
                if (wanted.test(node.getUniqueId())) {
                    account.addChild(node);
                }
            }
            engine.addChild(account);
        }
    }

    @Override
    protected PlumbContext createExecutionContext(ExecutionRequest request) {
        Optional<ScanPlanner.Plan> planned = planOf(request);
        if (planned.isEmpty() || request.getRootTestDescriptor().getChildren().isEmpty()) {
            planned.ifPresent(ScanPlanner.Plan::close);
            return new PlumbContext(null, request.getEngineExecutionListener(), null, null, cancellation, secrets,
                    null);
        }
        ScanRequest scan = planned.get().request();
        scan.targets().forEach(target -> secrets.add(target.externalId()));
        AwsConnection aws = planned.get().aws() != null ? planned.get().aws()
                : new AwsConnection(scan.region(), scan.profile(), scan.endpoint(),
                        Duration.ofSeconds(scan.callTimeoutSeconds()), interceptors);
        return new PlumbContext(scan, request.getEngineExecutionListener(), aws, ruleThreads(), cancellation, secrets,
                null);
    }

    private static Optional<ScanPlanner.Plan> planOf(ExecutionRequest request) {
        return request.getRootTestDescriptor() instanceof PlumbEngineDescriptor engine ? engine.plan()
                : Optional.empty();
    }

    @Override
    protected HierarchicalTestExecutorService createExecutorService(ExecutionRequest request) {
        if (request.getRootTestDescriptor().getChildren().isEmpty()) {
            return new SameThreadHierarchicalTestExecutorService();
        }
        int parallelism = planOf(request).map(plan -> plan.request().parallelism()).orElse(1);
        if (parallelism <= 1 || request.getRootTestDescriptor().getChildren().size() <= 1) {
            return new SameThreadHierarchicalTestExecutorService();
        }
        // Accounts run CONCURRENT on at most `parallelism` worker threads, the rules of one account SAME_THREAD.
        // The worker-thread pool keeps that bound even while a worker blocks on AWS; it replaces the
        // fork-join pool, whose constructors are deprecated since JUnit 6.1.
        return ParallelHierarchicalTestExecutorServiceFactory.create(ParallelExecutorServiceType.WORKER_THREAD_POOL,
                new FixedParallelism(parallelism));
    }

    private static ExecutorService ruleThreads() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory daemons = task -> {
            Thread thread = new Thread(task, "plumb-rule-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return Executors.newCachedThreadPool(daemons);
    }

    private record FixedParallelism(int parallelism) implements ParallelExecutionConfiguration {

        @Override
        public int getParallelism() {
            return parallelism;
        }

        @Override
        public int getMinimumRunnable() {
            return 1;
        }

        @Override
        public int getMaxPoolSize() {
            return parallelism;
        }

        @Override
        public int getCorePoolSize() {
            return parallelism;
        }

        @Override
        public int getKeepAliveSeconds() {
            return 30;
        }
    }
}
