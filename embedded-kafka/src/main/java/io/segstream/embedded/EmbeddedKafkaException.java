package io.segstream.embedded;

import java.io.Serial;

/**
 * Thrown when the embedded broker cannot start. The message is a single line meant for end users
 * (the CLI prints it as is); the cause, if any, is there for debugging.
 */
public final class EmbeddedKafkaException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    EmbeddedKafkaException(String message) {
        super(message);
    }

    EmbeddedKafkaException(String message, Throwable cause) {
        super(message, cause);
    }
}
