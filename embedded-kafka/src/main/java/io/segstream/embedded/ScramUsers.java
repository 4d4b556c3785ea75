package io.segstream.embedded;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.errors.SaslAuthenticationException;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the SCRAM user of the SASL_SSL listener, and waits until the broker accepts it.
 *
 * <p>In KRaft, SCRAM credentials live in the cluster metadata, so they are written through the Admin
 * API (over the plaintext listener, which needs no credentials) and reach the broker's authenticator a
 * moment later; returning before the user can log in would make the first client fail at random.
 */
final class ScramUsers {
    private static final int ITERATIONS = 8192;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private ScramUsers() {
    }

    static void upsert(String plaintextBootstrap, SecureClientSettings settings) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, plaintextBootstrap))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(settings.user(),
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), settings.password())))
                    .all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new EmbeddedKafkaException("Cannot create SCRAM user " + settings.user() + ": "
                    + EmbeddedKafka.failureMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaException("Interrupted while creating SCRAM user " + settings.user(), e);
        }
        awaitLogin(settings);
    }

    private static void awaitLogin(SecureClientSettings settings) {
        Map<String, Object> props = new HashMap<>(settings.clientProperties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (Admin admin = Admin.create(props)) {
            while (true) {
                try {
                    admin.describeCluster().clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    return;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof SaslAuthenticationException) || System.nanoTime() > deadline) {
                        throw new EmbeddedKafkaException("SCRAM user " + settings.user() + " cannot log in on "
                                + settings.bootstrapServers() + ": " + EmbeddedKafka.failureMessage(e), e);
                    }
                    Thread.sleep(100);
                }
            }
        } catch (TimeoutException e) {
            throw new EmbeddedKafkaException("SASL_SSL listener " + settings.bootstrapServers()
                    + " did not answer within " + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaException("Interrupted while waiting for SCRAM user " + settings.user(), e);
        }
    }
}
