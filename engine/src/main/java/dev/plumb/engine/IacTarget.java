package dev.plumb.engine;

import static dev.plumb.engine.PlumbEngineKeys.*;

import dev.plumb.engine.iac.IacException;
import dev.plumb.engine.iac.IacInput;
import dev.plumb.engine.iac.IacState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The one account a scan of Terraform plans and CloudFormation templates judges, as their changes
 * leave it. Every file is read once before the scan, so a bad one is a {@link PlumbConfigurationException}.
 */
final class IacTarget {

    private IacTarget() {
    }

    /**
     * The one target: {@code base} (a snapshot or the live caller, null for none) with the changes,
     * its account from {@link PlumbEngineKeys#ACCOUNT}, the base, or the plans; its partition from the
     * plans, else the region's. What the user should know about a scan that runs anyway goes to {@code warnings}.
     */
    static ScanRequest.Target of(ScanSettings settings, Supplier<ScanRequest.Target> base, String regionPartition,
            List<String> warnings) {
        OptionNames names = settings.names();
        Path terraformDir = settings.terraformDir();
        String account = settings.account();
        Path root = (settings.sourceRoot() == null ? Path.of("") : settings.sourceRoot()).toAbsolutePath().normalize();
        List<IacInput.Source> sources = new ArrayList<>();
        Set<String> accounts = new LinkedHashSet<>();
        Set<String> partitions = new LinkedHashSet<>();
        for (Path plan : settings.terraformPlans()) {
            IacState state = read(() -> IacInput.readPlan(plan, terraformDir, root));
            Path planDir = plan.toAbsolutePath().getParent();
            if (terraformDir == null && !hasTfFiles(planDir)) {
                warnings.add("no .tf files next to " + plan + ": its findings point at aws/<account>/<rule> in SARIF;"
                        + " pass " + names.with(TERRAFORM_DIR, "DIR") + " to point them at the configuration's lines.");
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
        for (Path template : settings.cloudformationTemplates()) {
            read(() -> {
                IacInput.checkTemplate(template);
                return null;
            });
            sources.add(new IacInput.Source(IacInput.CLOUDFORMATION, template.toString(), null));
        }
        if (partitions.size() > 1) {
            throw problem("the plans name several partitions " + partitions + ": scan each partition's "
                    + "plans separately.");
        }
        IacInput input = new IacInput(sources, root.toString(), settings.live());
        ScanRequest.Target over = base.get();
        if (over != null) {
            if (account != null && !account.equals(over.accountId())) {
                throw problem(names.of(ACCOUNT) + " " + account + " is not the account the changes apply to ("
                        + over.accountId() + (over.snapshot() != null ? ", from " + names.of(SNAPSHOTS) + " "
                                + over.snapshot() : ", of the current credentials") + ").");
            }
            if (!accounts.isEmpty() && !accounts.contains(over.accountId())) {
                throw problem("the plan is for account " + String.join(", ", accounts) + ", not "
                        + over.accountId() + (over.snapshot() != null ? " of " + names.of(SNAPSHOTS) + " "
                                + over.snapshot() : " of the current credentials")
                        + ": judge a plan over the account it is for.");
            }
            return over.withIac(input);
        }
        String id = account;
        if (id == null) {
            if (accounts.size() > 1) {
                throw problem("the plans are for several accounts " + accounts + ": scan each account's "
                        + "plans separately, or pass " + names.with(ACCOUNT, "ID") + ".");
            }
            if (accounts.isEmpty()) {
                boolean templatesOnly = settings.terraformPlans().isEmpty();
                throw problem((templatesOnly ? "a CloudFormation template does not say which account it "
                        + "is deployed to" : "the plan does not say which account it is for") + ": pass "
                        + names.with(ACCOUNT, "ID")
                        + (templatesOnly ? "" : " (or read data \"aws_caller_identity\" in the configuration)")
                        + ", or " + names.with(SNAPSHOTS, "ACCOUNT.json") + " / " + names.of(LIVE)
                        + " to judge an existing account.");
            }
            id = accounts.iterator().next();
        }
        String partition = partitions.isEmpty() ? regionPartition : partitions.iterator().next();
        return ScanRequest.Target.planned(id, partition, input);
    }

    private static boolean hasTfFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".tf"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static IacState read(Supplier<IacState> reader) {
        try {
            return reader.get();
        } catch (IacException | UncheckedIOException e) {
            throw problem(e.getMessage());
        }
    }

    private static PlumbConfigurationException problem(String message) {
        return new PlumbConfigurationException(message);
    }
}
