package io.segstream.embedded;

import java.util.Objects;

/**
 * A second client listener that speaks SASL_SSL: TLS on the wire, SCRAM-SHA-512 for who is talking.
 *
 * <p>It lets segstream's own clients be tested against the protocol production clusters use, with a real
 * TLS handshake and a real SCRAM exchange, on the same single node. The plaintext listener stays: the
 * broker talks to itself and creates the SCRAM user over it, and it is bound to localhost only.
 *
 * @param port     the port of the SASL_SSL listener; 0 picks a free one
 * @param user     the SCRAM user created (or updated) when the broker starts
 * @param password that user's password
 */
public record SaslSslListener(int port, String user, String password) {
    public SaslSslListener {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("SASL_SSL port must be between 0 and 65535, was " + port);
        }
        if (user.isBlank() || user.contains(",") || user.contains("=")) {
            throw new IllegalArgumentException("SCRAM user must be non-blank without ',' or '=', was '" + user + "'");
        }
        if (password.length() < 8) {
            throw new IllegalArgumentException("SCRAM password must have at least 8 characters");
        }
    }

    /** Mechanism used on this listener and by the client settings handed out for it. */
    public static final String MECHANISM = "SCRAM-SHA-512";

    @Override
    public String toString() {
        // Records print every component; a password does not belong in logs.
        return "SaslSslListener[port=" + port + ", user=" + user + "]";
    }
}
