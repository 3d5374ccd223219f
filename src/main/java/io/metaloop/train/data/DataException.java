package io.metaloop.train.data;

/**
 * A data set could not be read or does not make sense; the message is meant for the user and
 * names the file (and line and column, or field) and what was expected.
 */
public final class DataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
