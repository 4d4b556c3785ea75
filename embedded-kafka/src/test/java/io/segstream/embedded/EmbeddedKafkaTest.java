package io.segstream.embedded;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedKafkaTest {
    @Test
    void failureMessageKeepsWhatKafkaWasDoingAndWhatWentWrong() {
        Exception e = new ExecutionException(new UncheckedIOException("Error reading /data/quorum-state",
                new IOException("Unrecognized token 'garbage'\n at line 1")));

        assertThat(EmbeddedKafka.failureMessage(e))
                .isEqualTo("Error reading /data/quorum-state: Unrecognized token 'garbage' at line 1");
    }

    @Test
    void failureMessageNamesTheExceptionWhenNothingElseIsKnown() {
        assertThat(EmbeddedKafka.failureMessage(new IllegalStateException())).isEqualTo("IllegalStateException");
    }

    @Test
    void rejectsImpossiblePorts() {
        assertThatThrownBy(() -> EmbeddedKafka.start(Path.of("unused"), 70_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("70000");
    }
}
