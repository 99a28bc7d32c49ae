package dev.plumb.engine;

import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * One line for a failure: Guice's own error text spans many lines, so reports get the first line of
 * each of its messages; any other exception is its class and the first line of its message.
 */
final class FailureMessages {

    private FailureMessages() {
    }

    static String describe(Throwable failure) {
        Collection<Message> messages;
        if (failure instanceof CreationException creation) {
            messages = creation.getErrorMessages();
        } else if (failure instanceof ConfigurationException configuration) {
            messages = configuration.getErrorMessages();
        } else if (failure instanceof ProvisionException provision) {
            messages = provision.getErrorMessages();
        } else {
            return firstLine(failure.toString());
        }
        return messages.stream().map(message -> firstLine(message.getMessage()))
                .collect(Collectors.joining("; "));
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().map(String::strip).filter(line -> !line.isEmpty())
                .findFirst().orElse("");
    }
}
