package dev.plumb.engine;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * The loaded rule packs cannot form a catalog: a duplicate id, a rule without metadata.
 *
 * <p>Internal: not API; may change without notice.
 */
@API(status = INTERNAL)
public final class CatalogException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CatalogException(String message) {
        super(message);
    }
}
