package dev.plumb.testplugins.badservice;

/** The service file of this plugin names a class the jar does not hold. */
final class Placeholder {

    private Placeholder() {
    }
}
