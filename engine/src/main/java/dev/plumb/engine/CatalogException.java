package dev.plumb.engine;

/** The loaded rule packs cannot form a catalog: a duplicate id, a rule without metadata. */
public final class CatalogException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CatalogException(String message) {
        super(message);
    }
}
