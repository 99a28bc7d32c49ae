package dev.plumb.reporting;

import java.util.Optional;
import org.junit.platform.engine.UniqueId;

/** What the report writers read off the JUnit Platform's events, the same way in each. */
final class TestEvents {

    private TestEvents() {
    }

    /** The value of the first segment of this type ({@code account}, {@code rule}) in a test's unique id. */
    static Optional<String> segment(UniqueId id, String type) {
        return id.getSegments().stream().filter(s -> s.getType().equals(type)).map(UniqueId.Segment::getValue)
                .findFirst();
    }

    /** A failure as one text: its message, or what it is when it has none. */
    static String describe(Throwable failure) {
        return failure.getMessage() == null ? failure.toString() : failure.getMessage();
    }
}
