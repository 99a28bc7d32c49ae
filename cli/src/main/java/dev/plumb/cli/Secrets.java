package dev.plumb.cli;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Values that must never reach a report: credentials from the environment and system properties.
 * The access key id is not a secret on its own, but it names the credentials, so it is masked too.
 */
final class Secrets {

    private static final String[] VARIABLES = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        "AWS_SECURITY_TOKEN"};
    private static final String[] PROPERTIES = {"aws.accessKeyId", "aws.secretAccessKey", "aws.sessionToken",
        "aws.secretKey"};

    private Secrets() {
    }

    static Set<String> fromEnvironment(Map<String, String> environment) {
        Set<String> secrets = new HashSet<>();
        for (String variable : VARIABLES) {
            add(secrets, environment.get(variable));
        }
        for (String property : PROPERTIES) {
            add(secrets, System.getProperty(property));
        }
        return secrets;
    }

    private static void add(Set<String> secrets, String value) {
        if (value != null && !value.isBlank()) {
            secrets.add(value);
        }
    }
}
