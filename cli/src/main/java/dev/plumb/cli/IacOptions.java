package dev.plumb.cli;

import dev.plumb.api.Account;
import dev.plumb.engine.ScanRequest;
import dev.plumb.engine.iac.IacException;
import dev.plumb.engine.iac.IacInput;
import dev.plumb.engine.iac.IacState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * The options that judge an account as Terraform plans or CloudFormation templates will leave it,
 * before deploy. Every file is read once before the scan, so a bad one is exit code 3.
 */
final class IacOptions {

    @Option(names = "--terraform-plan", paramLabel = "PLAN.json",
            description = "Judge the account as this Terraform plan leaves it: the JSON of 'terraform show -json "
                    + "PLANFILE'. Repeatable; alone it judges an account holding only what the plans describe.")
    List<Path> plans = new ArrayList<>();

    @Option(names = "--cloudformation", paramLabel = "TEMPLATE",
            description = "Judge the account as this CloudFormation template (YAML or JSON) leaves it. Repeatable.")
    List<Path> templates = new ArrayList<>();

    @Option(names = "--terraform-dir", paramLabel = "DIR",
            description = "Configuration directory of the plans, for SARIF lines (default: each plan file's directory).")
    Path terraformDir;

    @Option(names = "--account", paramLabel = "ID",
            description = "12-digit account the plans or templates are for (default: from the plan: "
                    + "data.aws_caller_identity, the provider's assume_role, ARNs).")
    String account;

    @Option(names = "--source-root", paramLabel = "DIR",
            description = "Directory SARIF paths are relative to (default: the current directory).")
    Path sourceRoot;

    @Option(names = "--live",
            description = "With --terraform-plan or --cloudformation: judge the live account of the current "
                    + "credentials with the changes applied.")
    boolean live;

    /** What the user should know about a scan that runs anyway, filled by {@link #target}. */
    final List<String> warnings = new ArrayList<>();

    boolean given() {
        return !plans.isEmpty() || !templates.isEmpty();
    }

    /** Checks the options alone, before anything is read. */
    void validate(int snapshots, boolean otherTargets) {
        if (!given()) {
            if (live || terraformDir != null || account != null) {
                throw new UsageException("--live, --terraform-dir and --account go with "
                        + "--terraform-plan PLAN.json or --cloudformation TEMPLATE.");
            }
            return;
        }
        if (otherTargets) {
            throw new UsageException("--terraform-plan and --cloudformation judge one account and cannot be combined "
                    + "with --accounts, --accounts-file or --org.");
        }
        if (snapshots > 1) {
            throw new UsageException("--terraform-plan and --cloudformation judge one account: give at most one "
                    + "--snapshot, the account the changes are applied to.");
        }
        if (live && snapshots > 0) {
            throw new UsageException("--live and --snapshot both give the account the changes apply to: choose one.");
        }
        if (account != null && !Account.isAccountId(account)) {
            throw new UsageException("--account '" + account + "' is not an AWS account id (12 digits).");
        }
        if (terraformDir != null && plans.isEmpty()) {
            throw new UsageException("--terraform-dir goes with --terraform-plan PLAN.json.");
        }
        if (sourceRoot != null && !Files.isDirectory(sourceRoot)) {
            throw new UsageException("--source-root " + sourceRoot + " is not a directory.");
        }
    }

    /**
     * The one target: {@code base} (a snapshot or the live caller, null for none) with the changes,
     * its account from --account, the base, or the plans; its partition from the plans, else the region's.
     */
    ScanRequest.Target target(Supplier<ScanRequest.Target> base, String regionPartition) {
        Path root = (sourceRoot == null ? Path.of("") : sourceRoot).toAbsolutePath().normalize();
        List<IacInput.Source> sources = new ArrayList<>();
        Set<String> accounts = new LinkedHashSet<>();
        Set<String> partitions = new LinkedHashSet<>();
        for (Path plan : plans) {
            IacState state = read(() -> IacInput.readPlan(plan, terraformDir, root));
            Path planDir = plan.toAbsolutePath().getParent();
            if (terraformDir == null && !hasTfFiles(planDir)) {
                warnings.add("no .tf files next to " + plan + ": its findings point at aws/<account>/<rule> in SARIF;"
                        + " pass --terraform-dir DIR to point them at the configuration's lines.");
            }
            if (state.account() != null) {
                accounts.add(state.account());
            }
            if (state.partition() != null) {
                partitions.add(state.partition());
            }
            sources.add(new IacInput.Source(IacInput.TERRAFORM_PLAN, plan.toString(),
                    terraformDir == null ? null : terraformDir.toString()));
        }
        for (Path template : templates) {
            read(() -> {
                IacInput.checkTemplate(template);
                return null;
            });
            sources.add(new IacInput.Source(IacInput.CLOUDFORMATION, template.toString(), null));
        }
        if (partitions.size() > 1) {
            throw new UsageException("the plans name several partitions " + partitions + ": scan each partition's "
                    + "plans separately.");
        }
        IacInput input = new IacInput(sources, root.toString(), live);
        ScanRequest.Target over = base.get();
        if (over != null) {
            if (account != null && !account.equals(over.accountId())) {
                throw new UsageException("--account " + account + " is not the account the changes apply to ("
                        + over.accountId() + (over.snapshot() != null ? ", from --snapshot " + over.snapshot()
                                : ", of the current credentials") + ").");
            }
            if (!accounts.isEmpty() && !accounts.contains(over.accountId())) {
                throw new UsageException("the plan is for account " + String.join(", ", accounts) + ", not "
                        + over.accountId() + (over.snapshot() != null ? " of --snapshot " + over.snapshot()
                                : " of the current credentials") + ": judge a plan over the account it is for.");
            }
            return over.withIac(input);
        }
        String id = account;
        if (id == null) {
            if (accounts.size() > 1) {
                throw new UsageException("the plans are for several accounts " + accounts + ": scan each account's "
                        + "plans separately, or pass --account ID.");
            }
            if (accounts.isEmpty()) {
                throw new UsageException((plans.isEmpty() ? "a CloudFormation template does not say which account it "
                        + "is deployed to" : "the plan does not say which account it is for") + ": pass --account ID"
                        + (plans.isEmpty() ? "" : " (or read data \"aws_caller_identity\" in the configuration)")
                        + ", or --snapshot ACCOUNT.json / --live to judge an existing account.");
            }
            id = accounts.iterator().next();
        }
        String partition = partitions.isEmpty() ? regionPartition : partitions.iterator().next();
        return ScanRequest.Target.planned(id, partition, input);
    }

    private static boolean hasTfFiles(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".tf"));
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    private static IacState read(Supplier<IacState> reader) {
        try {
            return reader.get();
        } catch (IacException e) {
            throw new UsageException(e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
