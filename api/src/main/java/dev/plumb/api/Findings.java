package dev.plumb.api;

import java.util.function.Function;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;

/** Where a {@link Rule} reports what it found. Safe to call from one thread at a time. */
public interface Findings {

    /**
     * Reports one finding. Several findings of one resource are each reported; a null finding is
     * a bug of the rule and is reported as an ERROR of it.
     */
    void report(Finding finding);

    default void pass(String resource, String message) {
        report(Finding.pass(resource, message));
    }

    default void fail(String resource, String message) {
        report(Finding.fail(resource, message));
    }

    default void error(String resource, String message) {
        report(Finding.error(resource, message));
    }

    default void skip(String resource, String reason) {
        report(Finding.skipped(resource, reason));
    }

    /**
     * Judges each resource in turn and reports the finding {@code judge} returns for it. An AWS
     * error while judging one resource (an {@link SdkException}: access denied to that bucket, a
     * throttled call that ran out of retries) becomes an ERROR finding on that resource, with
     * {@link AwsErrors#describe} as its reason, and the next resource is judged. Anything else the
     * judge throws ends the rule, as it would without this method; so does an interrupted call
     * (the rule ran out of time).
     *
     * <pre>{@code
     * findings.judgeEach(buckets, bucket -> "arn:aws:s3:::" + bucket, bucket -> {
     *     var status = s3.getBucketVersioning(r -> r.bucket(bucket)).status();
     *     return status == BucketVersioningStatus.ENABLED ? Finding.pass(...) : Finding.fail(...);
     * });
     * }</pre>
     *
     * @param resources    what to judge, in the order given
     * @param resourceName the resource name (an ARN where it has one) an ERROR finding is reported on
     * @param judge        the finding of one resource
     */
    default <R> void judgeEach(Iterable<R> resources, Function<? super R, String> resourceName,
            Function<? super R, Finding> judge) {
        for (R resource : resources) {
            Finding finding;
            try {
                finding = judge.apply(resource);
            } catch (AbortedException e) {
                throw e;
            } catch (SdkException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                finding = Finding.error(resourceName.apply(resource), "Could not evaluate "
                        + resourceName.apply(resource) + ": " + AwsErrors.describe(e));
            }
            report(finding);
        }
    }
}
