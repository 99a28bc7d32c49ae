package dev.plumb.api;

import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * An AWS call answered with success (HTTP 2xx), but the body is not the operation's own result: an
 * empty body, an HTML page, another operation's answer, XML or JSON of another shape. Plumb's AWS
 * clients throw it before the SDK could read such a body as empty lists, so a rule sees an error,
 * never an empty answer. It is not retried: the same endpoint gives the same answer.
 * {@link AwsErrors#code} names it {@code UnexpectedResponse}.
 */
public final class UnexpectedResponseException extends SdkClientException {

    private static final long serialVersionUID = 1L;

    public UnexpectedResponseException(String message) {
        super(SdkClientException.builder().message(message));
    }

    private UnexpectedResponseException(Builder builder) {
        super(builder);
    }

    /** The SDK copies exceptions through their builder (to add the attempt count); the copy keeps this type. */
    @Override
    public SdkClientException.Builder toBuilder() {
        return new Builder(this);
    }

    private static final class Builder extends SdkClientException.BuilderImpl {

        Builder(UnexpectedResponseException original) {
            super(original);
        }

        @Override
        public UnexpectedResponseException build() {
            return new UnexpectedResponseException(this);
        }
    }
}
