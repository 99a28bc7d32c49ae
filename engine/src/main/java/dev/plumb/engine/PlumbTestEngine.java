package dev.plumb.engine;

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
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestEngine;
import org.junit.platform.engine.support.hierarchical.HierarchicalTestExecutorService;
import org.junit.platform.engine.support.hierarchical.ParallelExecutionConfiguration;
import org.junit.platform.engine.support.hierarchical.ParallelHierarchicalTestExecutorServiceFactory;
import org.junit.platform.engine.support.hierarchical.ParallelHierarchicalTestExecutorServiceFactory.ParallelExecutorServiceType;
import org.junit.platform.engine.support.hierarchical.SameThreadHierarchicalTestExecutorService;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The JUnit Platform engine {@value #ENGINE_ID}. It discovers nothing unless a request selects
 * {@code [engine:plumb]} (or a node below it) and carries a {@link ScanRequest}; then the tree is
 * {@code [engine:plumb]/[account:<id>]/[rule:<rule id>]/[resource:<arn>]}, with one test per finding.
 */
public final class PlumbTestEngine extends HierarchicalTestEngine<PlumbContext> {

    public static final String ENGINE_ID = "plumb";

    private final RuleCatalog catalog;
    private final List<ExecutionInterceptor> interceptors;
    private final ScanCancellation cancellation;
    private final SnapshotFiles snapshots;
    private final Secrets secrets;
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

    private PlumbTestEngine(RuleCatalog catalog, List<ExecutionInterceptor> interceptors,
            ScanCancellation cancellation, SnapshotFiles snapshots, Secrets secrets,
            com.google.inject.Module accountBindings) {
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
        return new PlumbTestEngine(catalog, interceptors, cancellation, snapshots, secrets,
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
        return Optional.of(version());
    }

    public static String version() {
        String version = PlumbTestEngine.class.getPackage().getImplementationVersion();
        return version == null ? "0.1.0-SNAPSHOT" : version;
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        PlumbEngineDescriptor engine = new PlumbEngineDescriptor(uniqueId);
        List<UniqueId> selected = request.getSelectorsByType(UniqueIdSelector.class).stream()
                .map(UniqueIdSelector::getUniqueId)
                .filter(id -> id.getEngineId().filter(ENGINE_ID::equals).isPresent())
                .toList();
        Optional<ScanRequest> scan = ScanRequest.from(request.getConfigurationParameters());
        if (selected.isEmpty() || scan.isEmpty()) {
            return engine;
        }
        Predicate<UniqueId> wanted = id -> selected.stream()
                .anyMatch(chosen -> chosen.hasPrefix(id) || id.hasPrefix(chosen));
        RuleCatalog rules = catalog != null ? catalog
                : RuleCatalog.load(Thread.currentThread().getContextClassLoader());
        List<RuleDefinition> chosenRules = scan.get().ruleIds().isEmpty() ? rules.rules()
                : scan.get().ruleIds().stream().sorted().map(rules::find).flatMap(Optional::stream).toList();
        Map<String, ScanRequest.Target> targets = new LinkedHashMap<>();
        scan.get().targets().stream().sorted(Comparator.comparing(ScanRequest.Target::accountId))
                .forEach(target -> targets.putIfAbsent(target.accountId(), target));
        for (ScanRequest.Target target : targets.values()) {
            AccountDescriptor account = new AccountDescriptor(uniqueId, target, snapshots, accountBindings);
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
        return engine;
    }

    @Override
    protected PlumbContext createExecutionContext(ExecutionRequest request) {
        Optional<ScanRequest> requested = ScanRequest.from(request.getConfigurationParameters());
        if (requested.isEmpty() || request.getRootTestDescriptor().getChildren().isEmpty()) {
            return new PlumbContext(null, request.getEngineExecutionListener(), null, null, cancellation, secrets,
                    null);
        }
        ScanRequest scan = requested.get();
        scan.targets().forEach(target -> secrets.add(target.externalId()));
        AwsConnection aws = new AwsConnection(scan.region(), scan.profile(), scan.endpoint(),
                Duration.ofSeconds(scan.callTimeoutSeconds()), interceptors);
        return new PlumbContext(scan, request.getEngineExecutionListener(), aws, ruleThreads(), cancellation, secrets,
                null);
    }

    @Override
    protected HierarchicalTestExecutorService createExecutorService(ExecutionRequest request) {
        if (request.getRootTestDescriptor().getChildren().isEmpty()) {
            return new SameThreadHierarchicalTestExecutorService();
        }
        int parallelism = ScanRequest.from(request.getConfigurationParameters())
                .map(ScanRequest::parallelism).orElse(1);
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
