package dev.plumb.engine;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.plumb.engine.snapshot.SnapshotFiles;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apiguardian.api.API;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * A scan the engine plans from the keys of {@link PlumbEngineKeys} before any
 * launcher runs it, for Plumb's command line, which says what it will scan (and names its SARIF
 * category after it) before the scan starts. Planning here is the planning of discovery, with the
 * same checks and the same one-line errors ({@link PlumbConfigurationException}).
 *
 * <p>Internal: not API; may change without notice.
 */
@API(status = INTERNAL)
public final class PlannedScan implements AutoCloseable {

    private final ScanPlanner.Plan plan;
    private final SnapshotFiles snapshots;
    private final Secrets secrets;
    private final boolean organization;

    private PlannedScan(ScanPlanner.Plan plan, SnapshotFiles snapshots, Secrets secrets, boolean organization) {
        this.plan = plan;
        this.snapshots = snapshots;
        this.secrets = secrets;
        this.organization = organization;
    }

    /**
     * Reads and checks the keys alone, before anything is read or called.
     *
     * @param keys  values of {@link PlumbEngineKeys}; absent keys take their defaults
     * @param names how the errors name the options
     */
    public static Options check(Map<String, String> keys, OptionNames names) {
        return new Options(ScanSettings.from(new KeyValues(Map.copyOf(keys)), System.getenv(), names));
    }

    /** Checked options, ready to be planned. */
    public static final class Options {

        private final ScanSettings settings;

        private Options(ScanSettings settings) {
            this.settings = settings;
        }

        /**
         * Loads the plugins, chooses the rules, reads the suppressions, snapshots, plans and
         * templates, and asks AWS who the caller is and which accounts to scan.
         *
         * @param secrets  masked in every finding; planning adds the external id and the credentials it uses
         * @param warnings receives, as it goes, what the user should know about a scan that runs anyway
         */
        public PlannedScan plan(Secrets secrets, Consumer<String> warnings) {
            SnapshotFiles snapshots = new SnapshotFiles();
            ScanPlanner.Plan plan = ScanPlanner.plan(settings, List.of(), null, PlannedScan.class.getClassLoader(),
                    snapshots, secrets, List.of(), warnings);
            return new PlannedScan(plan, snapshots, secrets, settings.organization());
        }
    }

    /** What the scan does. */
    public ScanRequest request() {
        return plan.request();
    }

    /** How many rules run in each account. */
    public int ruleCount() {
        return plan.request().ruleIds().isEmpty() ? plan.catalog().rules().size() : plan.request().ruleIds().size();
    }

    /** Whether the scan covers the caller's organization. */
    public boolean organization() {
        return organization;
    }

    /** The organization's id, when its accounts were listed and their ARNs name it. */
    public Optional<String> organizationId() {
        return Optional.ofNullable(plan.organizationId());
    }

    /** The engine that runs this scan, with the connection and the snapshot files planning used. */
    public PlumbTestEngine engine(ScanCancellation cancellation) {
        return new PlumbTestEngine(plan, cancellation, snapshots, secrets);
    }

    /** Releases the connection and the plugin jars, if the engine has not already. */
    @Override
    public void close() {
        plan.close();
    }

    private record KeyValues(Map<String, String> values) implements ConfigurationParameters {

        @Override
        public Optional<String> get(String key) {
            return Optional.ofNullable(values.get(key));
        }

        @Override
        public Optional<Boolean> getBoolean(String key) {
            return get(key).map(Boolean::valueOf);
        }

        @Override
        public java.util.Set<String> keySet() {
            return values.keySet();
        }
    }
}
