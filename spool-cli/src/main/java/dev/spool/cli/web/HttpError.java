package dev.spool.cli.web;

/** A request the server answers with {@code status} and a message saying what was wrong with it. */
final class HttpError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;

    HttpError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }
}
