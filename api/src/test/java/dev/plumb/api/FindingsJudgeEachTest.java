package dev.plumb.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;

class FindingsJudgeEachTest {

    private final List<Finding> reported = new ArrayList<>();
    private final Findings findings = reported::add;

    @Test
    void anAwsErrorOnOneResourceIsAnErrorOnThatResourceAndTheNextOnesAreStillJudged() {
        findings.judgeEach(List.of("a", "denied", "c"), name -> "arn:test:" + name, name -> {
            if (name.equals("denied")) {
                throw AwsServiceException.builder().statusCode(403).awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("AccessDenied").errorMessage("Access Denied").build()).build();
            }
            return Finding.pass("arn:test:" + name, name + " is fine");
        });

        assertThat(reported).extracting(Finding::resource, Finding::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("arn:test:a", Outcome.PASS),
                org.assertj.core.groups.Tuple.tuple("arn:test:denied", Outcome.ERROR),
                org.assertj.core.groups.Tuple.tuple("arn:test:c", Outcome.PASS));
        assertThat(reported.get(1).message())
                .isEqualTo("Could not evaluate arn:test:denied: AccessDenied (HTTP 403): Access Denied");
    }

    @Test
    void aBugInTheJudgeEndsTheRuleAndKeepsWhatWasReported() {
        assertThatThrownBy(() -> findings.judgeEach(List.of("a", "b", "c"), name -> name, name -> {
            if (name.equals("b")) {
                throw new IllegalStateException("bug");
            }
            return Finding.fail(name, "not fine");
        })).isInstanceOf(IllegalStateException.class).hasMessage("bug");

        assertThat(reported).extracting(Finding::resource).containsExactly("a");
    }

    @Test
    void anInterruptedCallEndsTheRuleInsteadOfErringOnEveryResourceLeft() {
        assertThatThrownBy(() -> findings.judgeEach(List.of("a", "b"), name -> name, name -> {
            throw AbortedException.builder().message("Thread was interrupted").build();
        })).isInstanceOf(AbortedException.class);

        assertThat(reported).isEmpty();
    }
}
