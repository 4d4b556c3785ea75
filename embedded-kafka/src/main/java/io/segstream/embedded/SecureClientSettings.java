package io.segstream.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a Kafka client needs to reach the embedded broker's SASL_SSL listener: the address, the CA to
 * trust (the broker's self-signed certificate) and SCRAM credentials.
 *
 * @param bootstrapServers   {@code localhost:<port>} of the SASL_SSL listener
 * @param truststore         PKCS12 file holding the broker's certificate
 * @param truststorePassword its password
 * @param user               the SCRAM user
 * @param password           that user's password
 */
public record SecureClientSettings(String bootstrapServers, Path truststore, String truststorePassword,
                                   String user, String password) {

    /** Kafka client properties, without bootstrap servers, e.g. for segstream's {@code kafka.*} pass-through. */
    public Map<String, String> clientProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("security.protocol", "SASL_SSL");
        p.put("sasl.mechanism", SaslSslListener.MECHANISM);
        p.put("sasl.jaas.config", jaasConfig(user, password));
        p.put("ssl.truststore.location", truststore.toAbsolutePath().toString());
        p.put("ssl.truststore.password", truststorePassword);
        p.put("ssl.truststore.type", "PKCS12");
        return p;
    }

    static String jaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + escape(user) + "\" password=\"" + escape(password) + "\";";
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public String toString() {
        return "SecureClientSettings[bootstrapServers=" + bootstrapServers + ", truststore=" + truststore
                + ", user=" + user + "]";
    }
}
