package io.hyphae.testkit;

import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPLoggerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * An SLF4J provider that lets {@link LogCapture} see log events, and passes every event on
 * to the backend the tests would use otherwise (the first other provider on the class path,
 * for example slf4j-simple or Logback), so output does not change. Turn it on for a test
 * run with the system property {@code slf4j.provider=io.hyphae.testkit.CapturingLogProvider}
 * (in Maven: surefire's {@code systemPropertyVariables}). It is never picked up by itself.
 */
public final class CapturingLogProvider implements SLF4JServiceProvider {

    /** The captures open now; each keeps only the events of its own system's threads. */
    static final CopyOnWriteArrayList<LogCapture> CAPTURES = new CopyOnWriteArrayList<>();
    private static volatile boolean initialized;

    private SLF4JServiceProvider delegate;
    private ILoggerFactory factory;

    /** For SLF4J. */
    public CapturingLogProvider() {
    }

    /** Whether SLF4J runs on this provider in this JVM. */
    static boolean active() {
        if (!initialized) {
            org.slf4j.LoggerFactory.getILoggerFactory(); // SLF4J initializes its provider on first use
        }
        return initialized;
    }

    @Override
    public void initialize() {
        for (SLF4JServiceProvider p : ServiceLoader.load(SLF4JServiceProvider.class,
                CapturingLogProvider.class.getClassLoader())) {
            if (!(p instanceof CapturingLogProvider)) {
                delegate = p;
                break;
            }
        }
        ILoggerFactory inner;
        if (delegate != null) {
            delegate.initialize();
            inner = delegate.getLoggerFactory();
        } else {
            inner = new NOPLoggerFactory();
        }
        ConcurrentHashMap<String, Logger> loggers = new ConcurrentHashMap<>();
        factory = name -> loggers.computeIfAbsent(name, n -> new CapturingLogger(n, inner.getLogger(n)));
        initialized = true;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return delegate != null ? delegate.getMarkerFactory() : new BasicMarkerFactory();
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return delegate != null ? delegate.getMDCAdapter() : new BasicMDCAdapter();
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    /** Records an event for the captures that want it, then logs it through the backend's logger. */
    private static final class CapturingLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;
        private final transient Logger out;

        CapturingLogger(String name, Logger out) {
            this.name = name;
            this.out = out;
        }

        private static boolean captured(Level level) {
            for (LogCapture c : CAPTURES) {
                if (c.wants(level)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean isTraceEnabled() {
            return out.isTraceEnabled() || captured(Level.TRACE);
        }

        @Override
        public boolean isDebugEnabled() {
            return out.isDebugEnabled() || captured(Level.DEBUG);
        }

        @Override
        public boolean isInfoEnabled() {
            return out.isInfoEnabled() || captured(Level.INFO);
        }

        @Override
        public boolean isWarnEnabled() {
            return out.isWarnEnabled() || captured(Level.WARN);
        }

        @Override
        public boolean isErrorEnabled() {
            return out.isErrorEnabled() || captured(Level.ERROR);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                Throwable throwable) {
            String message = MessageFormatter.basicArrayFormat(pattern, args);
            if (!CAPTURES.isEmpty()) {
                LogEvent event = new LogEvent(level, name, message, throwable, Thread.currentThread().getName());
                for (LogCapture c : CAPTURES) {
                    c.offer(event);
                }
            }
            switch (level) {
                case TRACE -> {
                    if (out.isTraceEnabled()) {
                        out.trace(message, throwable);
                    }
                }
                case DEBUG -> {
                    if (out.isDebugEnabled()) {
                        out.debug(message, throwable);
                    }
                }
                case INFO -> {
                    if (out.isInfoEnabled()) {
                        out.info(message, throwable);
                    }
                }
                case WARN -> {
                    if (out.isWarnEnabled()) {
                        out.warn(message, throwable);
                    }
                }
                default -> {
                    if (out.isErrorEnabled()) {
                        out.error(message, throwable);
                    }
                }
            }
        }
    }
}
