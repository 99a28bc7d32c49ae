package dev.plumb.engine;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.plumb.api.Account;
import dev.plumb.api.AwsClients;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/** The bindings every rule of one account can inject: the account and its AWS clients. */
final class AccountModule extends AbstractModule {

    private final Account account;
    private final AwsClients clients;
    private final IamClient snapshotIam;

    AccountModule(Account account, AwsClients clients, IamClient snapshotIam) {
        this.account = account;
        this.clients = clients;
        this.snapshotIam = snapshotIam;
    }

    @Override
    protected void configure() {
        bind(Account.class).toInstance(account);
        bind(AwsClients.class).toInstance(clients);
    }

    @Provides
    @Singleton
    IamClient iam() {
        return snapshotIam != null ? snapshotIam : clients.build(IamClient.builder());
    }

    @Provides
    @Singleton
    StsClient sts() {
        return clients.build(StsClient.builder());
    }
}
