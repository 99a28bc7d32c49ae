package dev.plumb.engine;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * The configuration parameters of the {@code plumb} engine. Any JUnit Platform launcher sets them
 * (Console Launcher {@code --config KEY=VALUE}, Surefire {@code configurationParameters},
 * {@code @ConfigurationParameter} on a suite, {@code junit-platform.properties}); the engine reads
 * them once per discovery. Lists are comma separated ({@code \,} is a comma inside an item, see
 * {@link #listValue}); durations are whole seconds.
 */
@API(status = EXPERIMENTAL)
public final class PlumbEngineKeys {

    /** Snapshot files to scan offline, one account each (comma separated paths). */
    public static final String SNAPSHOTS = "plumb.snapshots";
    /** Account ids to scan by assuming {@link #ROLE_NAME} in each (comma separated). */
    public static final String ACCOUNTS = "plumb.accounts";
    /** A file of account ids, one a line, {@code #} starts a comment. */
    public static final String ACCOUNTS_FILE = "plumb.accountsFile";
    /** {@code true}: scan every ACTIVE account of the AWS Organization, assuming {@link #ROLE_NAME}. */
    public static final String ORG = "plumb.org";
    /** The role assumed in each account of {@link #ACCOUNTS}, {@link #ACCOUNTS_FILE} or {@link #ORG}. */
    public static final String ROLE_NAME = "plumb.roleName";
    /** External id of the assume-role calls. */
    public static final String EXTERNAL_ID = "plumb.externalId";
    /** Region of the AWS clients; it decides the partition (default: AWS_REGION, AWS_DEFAULT_REGION, us-east-1). */
    public static final String REGION = "plumb.region";
    /** Named profile of the shared AWS config (default: AWS_PROFILE, else the default credential chain). */
    public static final String PROFILE = "plumb.profile";
    /** Endpoint that receives every AWS call (moto, LocalStack). */
    public static final String ENDPOINT_URL = "plumb.endpointUrl";
    /** Rules to run: ids or globs such as {@code iam_*} (default: all). */
    public static final String RULES = "plumb.rules";
    /** Rules to leave out: ids or globs. */
    public static final String EXCLUDE_RULES = "plumb.excludeRules";
    /** Run only rules with at least one of these tags. */
    public static final String TAGS = "plumb.tags";
    /** Run only rules of this severity or higher: informational, low, medium, high, critical. */
    public static final String MIN_SEVERITY = "plumb.minSeverity";
    /** YAML file of accepted FAILs, reported as SUPPRESSED. */
    public static final String SUPPRESSIONS = "plumb.suppressions";
    /** Accounts scanned at once, 1 to 256 (default 16). */
    public static final String PARALLELISM = "plumb.parallelism";
    /** Seconds one rule may take in one account (default 300). */
    public static final String RULE_TIMEOUT = "plumb.ruleTimeout";
    /** Seconds one AWS API call may take, retries included (default 60). */
    public static final String CALL_TIMEOUT = "plumb.callTimeout";
    /** Seconds one account may take (default 900). */
    public static final String ACCOUNT_TIMEOUT = "plumb.accountTimeout";
    /** {@code true}: keep stack traces in error findings. */
    public static final String DEBUG = "plumb.debug";
    /**
     * Plugin jars, or directories of plugin jars, whose rule packs join the built-in ones (comma
     * separated). Each jar gets its own class loader; plugins run with Plumb's full permissions.
     */
    public static final String PLUGINS = "plumb.plugins";
    /**
     * Terraform plans ({@code terraform show -json PLANFILE}) whose changes the account is judged with
     * (comma separated). Alone they judge an account holding only what the plans describe.
     */
    public static final String TERRAFORM_PLANS = "plumb.terraformPlans";
    /** CloudFormation templates (YAML or JSON) whose changes the account is judged with (comma separated). */
    public static final String CLOUDFORMATION_TEMPLATES = "plumb.cloudformationTemplates";
    /** Configuration directory of the Terraform plans, for SARIF lines (default: each plan's directory). */
    public static final String TERRAFORM_DIR = "plumb.terraformDir";
    /** The 12-digit account the plans or templates are for (default: from the plans). */
    public static final String ACCOUNT = "plumb.account";
    /** Directory SARIF paths of plans and templates are relative to (default: the working directory). */
    public static final String SOURCE_ROOT = "plumb.sourceRoot";
    /** {@code true}: judge the live account of the current credentials with the plans and templates applied. */
    public static final String LIVE = "plumb.live";

    static final int MAX_PARALLELISM = 256;
    static final int DEFAULT_PARALLELISM = 16;
    static final String DEFAULT_REGION = "us-east-1";

    private PlumbEngineKeys() {
    }

    /**
     * A list value for a key that takes several: the items comma separated, a comma inside an item
     * written {@code \,} (a path such as {@code plans\,2026/plan.json}).
     */
    public static String listValue(java.util.Collection<?> items) {
        return items.stream().map(item -> String.valueOf(item).replace(",", "\\,"))
                .collect(java.util.stream.Collectors.joining(","));
    }
}
