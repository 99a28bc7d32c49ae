package dev.plumb.rules.aws;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyRequest;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyResponse;

/**
 * An {@link IamClient} that answers {@code ListEntitiesForPolicy} with scripted pages (or
 * exceptions) and records every request, for the paths moto cannot produce.
 */
final class StubIam implements IamClient {

    private final Deque<Object> answers = new ArrayDeque<>();
    final List<ListEntitiesForPolicyRequest> requests = new ArrayList<>();

    StubIam page(ListEntitiesForPolicyResponse page) {
        answers.add(page);
        return this;
    }

    StubIam failWith(RuntimeException exception) {
        answers.add(exception);
        return this;
    }

    @Override
    public ListEntitiesForPolicyResponse listEntitiesForPolicy(ListEntitiesForPolicyRequest request) {
        requests.add(request);
        Object answer = answers.poll();
        if (answer == null) {
            throw new AssertionError("unexpected call " + request);
        }
        if (answer instanceof RuntimeException exception) {
            throw exception;
        }
        return (ListEntitiesForPolicyResponse) answer;
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
