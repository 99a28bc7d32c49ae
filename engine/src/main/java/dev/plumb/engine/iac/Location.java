package dev.plumb.engine.iac;

/**
 * Where a resource is declared: a file relative to the source root, with {@code /} separators, and
 * a 1-based line.
 */
record Location(String file, int line) {

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
