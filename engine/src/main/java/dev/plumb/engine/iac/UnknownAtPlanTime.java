package dev.plumb.engine.iac;

import software.amazon.awssdk.core.exception.SdkException;

/**
 * The answer to an IAM call depends on values a plan or template leaves unknown until apply. It is an
 * {@link SdkException}, so a rule reports it as any failed call: an ERROR with this message.
 */
final class UnknownAtPlanTime extends SdkException {

    private static final long serialVersionUID = 1L;

    UnknownAtPlanTime(String message) {
        super(SdkException.builder().message(message));
    }
}
