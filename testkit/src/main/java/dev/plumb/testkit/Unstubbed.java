package dev.plumb.testkit;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** In a run against stubs, stops every call of a client that no stub stands in for, before it is sent. */
final class Unstubbed implements ExecutionInterceptor {

    /** Where such a call would go if it were sent all the same: nowhere. */
    static final String UNREACHABLE_ENDPOINT = "http://127.0.0.1:9";

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        throw SdkClientException.create("RuleTester.againstStubs(): the rule called "
                + attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + " "
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)
                + ", which no stub answers; give one with withClient(...)");
    }
}
