package dev.plumb.engine.iac;

/**
 * A value of a plan or template: known, or known only after apply (then {@code unknown} says which
 * attribute of which resource it is).
 */
record Value(String known, String unknown) {

    static Value of(String text) {
        return new Value(text, null);
    }

    static Value unknown(String what) {
        return new Value(null, what);
    }

    boolean isKnown() {
        return known != null;
    }

    boolean is(String text) {
        return known != null && known.equals(text);
    }
}
