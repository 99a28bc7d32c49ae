package dev.plumb.api;

import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns AWS SDK exceptions into short, precise words for error findings. */
public final class AwsErrors {

    private AwsErrors() {
    }

    /**
     * The AWS error code, such as {@code AccessDenied} or {@code Throttling}. Some endpoints write
     * error bodies the SDK cannot read a code from; the HTTP status then decides.
     */
    public static String code(SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            if (code != null && !code.isBlank()) {
                return code;
            }
            return switch (service.statusCode()) {
                case 400 -> "BadRequest";
                case 401 -> "Unauthorized";
                case 403 -> "AccessDenied";
                case 404 -> "NoSuchEntity";
                case 429 -> "Throttling";
                case 500 -> "InternalFailure";
                case 503 -> "ServiceUnavailable";
                default -> "HTTP" + service.statusCode();
            };
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return "Timeout";
        }
        if (e instanceof UnexpectedResponseException || e.getCause() instanceof UnexpectedResponseException) {
            return "UnexpectedResponse";
        }
        if (e instanceof SdkClientException) {
            return "ClientError";
        }
        return e.getClass().getSimpleName();
    }

    public static boolean isAccessDenied(SdkException e) {
        String code = code(e).toLowerCase(Locale.ROOT);
        return code.contains("accessdenied") || code.equals("unauthorizedoperation")
                || code.equals("unauthorized") || code.equals("authfailure");
    }

    public static boolean isThrottling(SdkException e) {
        if (e instanceof AwsServiceException service && service.isThrottlingException()) {
            return true;
        }
        String code = code(e).toLowerCase(Locale.ROOT);
        return code.contains("throttl") || code.contains("requestlimitexceeded")
                || code.contains("toomanyrequests") || code.contains("slowdown");
    }

    public static boolean isNoSuchEntity(SdkException e) {
        return code(e).equals("NoSuchEntity");
    }

    /**
     * One line: code, HTTP status and the service's own message, without the SDK's request ids
     * and retry notes. For example {@code AccessDenied (HTTP 403): User ... is not authorized}.
     */
    public static String describe(SdkException e) {
        StringBuilder text = new StringBuilder(code(e));
        String detail;
        if (e instanceof AwsServiceException service) {
            text.append(" (HTTP ").append(service.statusCode()).append(')');
            detail = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorMessage();
        } else {
            detail = rootMessage(e);
        }
        if (detail != null && !detail.isBlank()) {
            text.append(": ").append(detail.strip().replaceAll("\\s+", " "));
        }
        return text.toString();
    }

    private static String rootMessage(Throwable e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        while (cause != null && cause != cause.getCause()) {
            if (cause.getMessage() != null) {
                message = message == null ? cause.getMessage() : message;
            }
            cause = cause.getCause();
        }
        if (message != null) {
            int retryNote = message.indexOf(" (SDK Attempt Count");
            if (retryNote > 0) {
                message = message.substring(0, retryNote);
            }
        }
        return message;
    }
}
