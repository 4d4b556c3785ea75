package io.segstream.embedded;

import kafka.server.FaultHandlerFactory;
import org.apache.kafka.server.fault.FaultHandler;
import org.apache.kafka.server.fault.LoggingFaultHandler;

/**
 * Stock Kafka halts the JVM on a fatal fault. Here the JVM also runs the demo or a test suite, which
 * should see errors and fail, not vanish; so every fault is logged and its clean-up action run.
 */
final class NonHaltingFaultHandlers implements FaultHandlerFactory {
    @Override
    public FaultHandler build(String name, boolean fatal, Runnable action) {
        return new LoggingFaultHandler(fatal ? "fatal " + name : name, action);
    }
}
