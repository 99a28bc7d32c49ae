package dev.plumb.testplugins.nopack;

/** A jar with classes but no rule pack, such as a library dropped into the plugin directory. */
public final class JustALibrary {

    private JustALibrary() {
    }
}
