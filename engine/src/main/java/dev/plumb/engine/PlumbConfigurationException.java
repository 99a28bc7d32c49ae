package dev.plumb.engine;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A configuration parameter or an input it names is wrong, found before the scan starts. The
 * message is one line saying what is wrong and what to do; the command line maps it to exit code 3.
 */
@API(status = EXPERIMENTAL)
public class PlumbConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PlumbConfigurationException(String message) {
        super(message);
    }
}
