package io.segstream.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The broker's TLS key and certificate, and a truststore holding that certificate for clients.
 *
 * <p>Made once per data directory with the JDK's own {@code keytool} (the JDK has no public API for
 * making certificates, and a crypto library for one self-signed certificate would be a heavy
 * dependency), then reused, so a client's truststore stays valid across broker restarts. The
 * certificate names {@code localhost} and {@code 127.0.0.1}, so clients keep hostname verification on.
 *
 * @param keystore   PKCS12 with the broker's private key and certificate
 * @param truststore PKCS12 with the certificate only
 * @param password   the password of both stores
 */
record TlsMaterial(Path keystore, Path truststore, String password) {
    private static final String ALIAS = "segstream-embedded-broker";
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    /** Loads the material in {@code dir}, making it first if it is not there yet. */
    static TlsMaterial inDirectory(Path dir) {
        Path keystore = dir.resolve("broker.p12");
        Path truststore = dir.resolve("truststore.p12");
        Path passwordFile = dir.resolve("store-password");
        try {
            if (Files.exists(keystore) && Files.exists(truststore) && Files.exists(passwordFile)) {
                return new TlsMaterial(keystore, truststore, Files.readString(passwordFile, StandardCharsets.UTF_8).strip());
            }
            Files.createDirectories(dir);
            String password = randomPassword();
            Path certificate = dir.resolve("broker.crt");
            Files.deleteIfExists(keystore);
            Files.deleteIfExists(truststore);
            keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "3650",
                    "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", password);
            keytool("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keystore.toString(),
                    "-storepass", password, "-file", certificate.toString());
            keytool("-importcert", "-noprompt", "-alias", ALIAS, "-file", certificate.toString(),
                    "-keystore", truststore.toString(), "-storetype", "PKCS12", "-storepass", password);
            // Written last: its presence says the stores are complete.
            Files.writeString(passwordFile, password, StandardCharsets.UTF_8);
            ownerOnly(passwordFile);
            ownerOnly(keystore);
            return new TlsMaterial(keystore, truststore, password);
        } catch (IOException e) {
            throw new EmbeddedKafkaException("Cannot make the broker's TLS certificate in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void keytool(String... args) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new ArrayList<>();
        command.add(keytool.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            boolean finished = process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!finished) {
                process.destroyForcibly();
                throw new IOException("keytool " + args[0] + " did not finish in " + KEYTOOL_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + output.replaceAll("\\s*\\R\\s*", " "));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while running keytool", e);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the directory's own permissions are all we have.
        }
    }

    @Override
    public String toString() {
        return "TlsMaterial[keystore=" + keystore + ", truststore=" + truststore + "]";
    }
}
