package dev.plumb.engine;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import dev.plumb.api.Account;
import dev.plumb.api.AwsClients;
import dev.plumb.api.AwsErrors;
import dev.plumb.api.Finding;
import dev.plumb.api.RulePack;
import dev.plumb.engine.aws.AccountClients;
import dev.plumb.engine.aws.AwsConnection;
import dev.plumb.engine.iac.IacException;
import dev.plumb.engine.iac.IacState;
import dev.plumb.engine.iac.IamView;
import dev.plumb.engine.snapshot.OfflineClients;
import dev.plumb.engine.snapshot.Snapshot;
import dev.plumb.engine.snapshot.SnapshotException;
import dev.plumb.engine.snapshot.SnapshotFiles;
import dev.plumb.engine.snapshot.SnapshotIamClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Everything one scanned account needs: its credentials, its clients (built once, shared by all
 * rules, closed at the end) and one Guice injector per rule pack, children of the account's own.
 * When the account cannot be reached (the role cannot be assumed) every rule of it is an ERROR
 * that says so; other accounts are not affected.
 */
final class AccountSession implements AutoCloseable {

    private static final String SESSION_NAME = "plumb-scan";
    /** Evidence key of the {@code file:line} a finding about a plan or template points at. */
    static final String SOURCE = "source";

    private final Account account;
    private final ScanRequest.Target target;
    private final AwsClients clients;
    private final IamClient snapshotIam;
    private final List<AutoCloseable> resources;
    private final RuntimeException unavailable;
    private final AccountDeadline deadline;
    private final Secrets secrets;
    private final Map<RulePack, Object> injectors = new HashMap<>();
    private Injector accountInjector;
    private IamView planned;
    private Module bindingOverrides;

    private AccountSession(ScanRequest.Target target, AwsClients clients, IamClient snapshotIam,
            List<AutoCloseable> resources, RuntimeException unavailable, AccountDeadline deadline, Secrets secrets) {
        this.account = target.account();
        this.secrets = secrets;
        this.deadline = deadline;
        this.target = target;
        this.clients = clients;
        this.snapshotIam = snapshotIam;
        this.resources = resources;
        this.unavailable = unavailable;
    }

    /** A session that never reached AWS because the scan was interrupted first. */
    static AccountSession interrupted(ScanRequest.Target target, AccountDeadline deadline, Secrets secrets) {
        return new AccountSession(target, new OfflineClients("(interrupted)"), null, List.of(),
                new AccountUnavailableException("the scan was interrupted before account " + target.accountId()
                        + " was reached", null), deadline, secrets);
    }

    /**
     * Opens the account; never throws: what goes wrong becomes the reason its rules are ERRORs. The
     * credentials it uses join {@code scanSecrets} (the caller's) or the session's own secrets (an
     * assumed role's, refreshed ones included).
     */
    static AccountSession open(AwsConnection aws, SnapshotFiles snapshots, ScanRequest.Target target,
            AccountDeadline deadline, Secrets scanSecrets) {
        if (target.iac() != null) {
            return openPlanned(aws, snapshots, target, deadline, scanSecrets);
        }
        if (target.snapshot() != null) {
            try {
                Snapshot snapshot = snapshots.read(java.nio.file.Path.of(target.snapshot()));
                return new AccountSession(target, new OfflineClients(target.snapshot()),
                        new SnapshotIamClient(snapshot, target.snapshot()), List.of(), null, deadline, scanSecrets);
            } catch (SnapshotException e) {
                return new AccountSession(target, new OfflineClients(target.snapshot()), null, List.of(), e, deadline,
                        scanSecrets);
            }
        }
        if (target.roleArn() == null) {
            scanSecrets.addAll(aws.callerCredentialValues());
            AccountClients clients = new AccountClients(aws, aws.callerCredentials());
            return new AccountSession(target, clients, null, List.of(clients), null, deadline, scanSecrets);
        }
        Secrets sessionSecrets = scanSecrets.child();
        StsAssumeRoleCredentialsProvider assumed = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(aws.callerSts())
                .refreshRequest(request -> {
                    request.roleArn(target.roleArn()).roleSessionName(SESSION_NAME);
                    if (target.externalId() != null) {
                        request.externalId(target.externalId());
                    }
                })
                .build();
        AwsCredentialsProvider recorded = () -> {
            AwsCredentials credentials = assumed.resolveCredentials();
            sessionSecrets.addAll(AwsConnection.valuesOf(credentials));
            return credentials;
        };
        AccountClients clients = new AccountClients(aws, recorded);
        RuntimeException unavailable = null;
        try {
            recorded.resolveCredentials();
        } catch (SdkException e) {
            unavailable = new AccountUnavailableException(assumeFailure(target, e), e);
        } catch (RuntimeException e) {
            unavailable = new AccountUnavailableException("cannot assume role " + target.roleArn() + " in account "
                    + target.accountId() + ": " + e, e);
        }
        return new AccountSession(target, clients, null, List.of(clients, assumed), unavailable, deadline,
                sessionSecrets);
    }

    /**
     * The account as plans and templates leave it: over its snapshot, over the live account, or over
     * an account that holds nothing else.
     */
    private static AccountSession openPlanned(AwsConnection aws, SnapshotFiles snapshots, ScanRequest.Target target,
            AccountDeadline deadline, Secrets scanSecrets) {
        AccountSession base = target.snapshot() != null || target.iac().live()
                ? open(aws, snapshots, target.withIac(null), deadline, scanSecrets)
                : new AccountSession(target, null, null, List.of(), null, deadline, scanSecrets);
        IacState state;
        try {
            state = target.iac().read(target.account(), aws.region().id());
        } catch (IacException | java.io.UncheckedIOException e) {
            return new AccountSession(target, base.clients != null ? base.clients
                    : OfflineClients.describing("the plan"), null, base.resources,
                    new AccountUnavailableException(e.getMessage(), e), deadline, base.secrets);
        }
        AwsClients clients = base.clients != null ? base.clients : OfflineClients.describing(state.description());
        IamClient baseIam = base.snapshotIam != null ? base.snapshotIam
                : target.iac().live() && base.unavailable == null ? clients.build(IamClient.builder()) : null;
        IamView view = state.iamClient(baseIam);
        AccountSession session = new AccountSession(target, clients, view.client(), base.resources, base.unavailable,
                deadline, base.secrets);
        session.planned = view;
        return session;
    }

    /**
     * The findings of one rule, each with {@code source} evidence ({@code file:line}) when the
     * account is judged from plans or templates: the declaration of the resource it names, else the
     * one the rule's last policy lookup rested on.
     */
    List<Finding> locate(List<Finding> findings) {
        if (planned == null) {
            return findings;
        }
        Optional<String> focus = planned.takeFocus();
        return findings.stream().map(finding -> finding.evidence().containsKey(SOURCE) ? finding
                : planned.locate(finding.resource()).or(() -> focus).map(source -> finding.with(SOURCE, source))
                        .orElse(finding)).toList();
    }

    private static String assumeFailure(ScanRequest.Target target, SdkException e) {
        String what = "cannot assume role " + target.roleArn() + " in account " + target.accountId() + ": "
                + AwsErrors.describe(e);
        if (AwsErrors.isThrottling(e)) {
            return what + " (sts:AssumeRole still throttled after retries). Scan again later or lower --parallelism.";
        }
        if (AwsErrors.code(e).equals("Timeout")) {
            return what + ". STS did not answer in time; check the network or raise --call-timeout.";
        }
        return what + ". Check that the role exists, trusts the scanning identity"
                + (target.externalId() == null ? "" : " with this external id")
                + ", and that the caller may call sts:AssumeRole on it.";
    }

    /** This session, with these bindings (null for none) replacing the account's own. */
    AccountSession overriding(Module overrides) {
        this.bindingOverrides = overrides;
        return this;
    }

    /** What must be masked in this account's findings and messages. */
    Secrets secrets() {
        return secrets;
    }

    AccountDeadline deadline() {
        return deadline;
    }

    Account account() {
        return account;
    }

    boolean offline() {
        return target.snapshot() != null || (target.iac() != null && !target.iac().live());
    }

    /** The injector for a pack's rules; throws why the account cannot be scanned. */
    synchronized Injector injectorFor(RulePack pack) {
        if (unavailable != null) {
            throw unavailable;
        }
        Object known = injectors.get(pack);
        if (known instanceof Injector injector) {
            return injector;
        }
        if (known instanceof RuntimeException failure) {
            throw failure;
        }
        try {
            if (accountInjector == null) {
                Module accountModule = new AccountModule(account, clients, snapshotIam);
                accountInjector = Guice.createInjector(Stage.DEVELOPMENT, bindingOverrides == null ? accountModule
                        : com.google.inject.util.Modules.override(accountModule).with(bindingOverrides));
            }
            List<Module> modules = pack.modules();
            Injector injector = modules.isEmpty() ? accountInjector : accountInjector.createChildInjector(modules);
            injectors.put(pack, injector);
            return injector;
        } catch (RuntimeException e) {
            RuntimeException failure = new PackSetupException("the Guice modules of rule pack " + pack.name()
                    + " failed for account " + account.id() + ": " + FailureMessages.describe(e), e);
            injectors.put(pack, failure);
            throw failure;
        }
    }

    @Override
    public void close() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // closing a client cannot change what the scan found
            }
        }
    }

    static final class AccountUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AccountUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static final class PackSetupException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PackSetupException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
