package dev.plumb.engine.iac;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.plumb.api.Account;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The plans and templates a scan applies to one account, in the order given.
 *
 * <p>Internal: not API; may change without notice.
 *
 * @param sources    the files
 * @param sourceRoot the directory SARIF paths are relative to (the repository root in CI)
 * @param live       judge the live account of the scan's credentials with the changes applied,
 *                   rather than an account that holds nothing but them (ignored over a snapshot)
 */
@API(status = INTERNAL)
public record IacInput(List<Source> sources, String sourceRoot, boolean live) {

    public static final String TERRAFORM_PLAN = "terraform-plan";
    public static final String CLOUDFORMATION = "cloudformation";

    public IacInput {
        sources = List.copyOf(sources);
        Objects.requireNonNull(sourceRoot, "sourceRoot");
    }

    /**
     * One file.
     *
     * @param kind         {@link #TERRAFORM_PLAN} or {@link #CLOUDFORMATION}
     * @param file         the plan JSON or template
     * @param terraformDir the configuration directory of a plan, or null for the plan's own directory
     */
    public record Source(String kind, String file, String terraformDir) {

        public Source {
            if (!TERRAFORM_PLAN.equals(kind) && !CLOUDFORMATION.equals(kind)) {
                throw new IllegalArgumentException("unknown kind of IaC source: " + kind);
            }
            Objects.requireNonNull(file, "file");
        }
    }

    /** Everything the files leave in this account; a file that cannot be read is an {@link IacException}. */
    public IacState read(Account account, String region) {
        return IacState.combine(sources.stream().map(source -> source.kind().equals(TERRAFORM_PLAN)
                ? TerraformPlan.read(Path.of(source.file()), source.terraformDir() == null ? null
                        : Path.of(source.terraformDir()), Path.of(sourceRoot))
                : CloudFormationTemplate.read(Path.of(source.file()), account, region, Path.of(sourceRoot))).toList());
    }

    /** Reads one plan, for checks before a scan: its account and partition if it names them. */
    public static IacState readPlan(Path plan, Path terraformDir, Path sourceRoot) {
        return TerraformPlan.read(plan, terraformDir, sourceRoot);
    }

    /** Checks that a template can be read, before a scan. */
    public static void checkTemplate(Path template) {
        CloudFormationTemplate.check(template);
    }
}
